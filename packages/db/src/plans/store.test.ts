import { readFileSync } from 'node:fs';
import {
  ACTIVITY_STATUSES,
  AREAS,
  DISAGGREGATIONS,
  DOCUMENT_STATUSES,
  FUNDING_SOURCES,
  INDICATOR_LEVELS,
  MEASURES,
  PRINCIPLES,
  REPORT_STATUSES,
  TAGS,
  validatePlanPackage,
  type PlanPackage,
} from '@ariadne/domain';
import { sql, type CompiledQuery, type QueryResult, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../connection.ts';
import type { Schema } from '../schema.ts';
import { openTestDatabase } from '../testing.ts';
import { insertRows, MAX_PARAMETERS } from './batch.ts';
import { comparablePackage } from './compare.ts';
import { generatePlanPackage, SMALL_SCALE } from './generate.ts';
import { deleteStrategy, findStrategy, listStrategies, summarizeStrategy, takenCodes, upsertInstitutions } from './queries.ts';
import { readPlanPackage } from './read.ts';
import { writeStrategy } from './write.ts';

const DEMOLAND_TEXT = readFileSync(new URL('../../../server/demo/demoland.plan.json', import.meta.url), 'utf8');
const demoland = (): PlanPackage => JSON.parse(DEMOLAND_TEXT) as PlanPackage;

/** Every table of migration 0002, for counting what a strategy leaves behind. */
const PLAN_TABLES = [
  'strategies',
  'strategy_institutions',
  'monitoring_arrangements',
  'planned_evaluations',
  'contingency_plans',
  'contingency_scenarios',
  'minimum_services',
  'goals',
  'objectives',
  'recommendations',
  'risks',
  'action_plans',
  'activities',
  'activity_partners',
  'activity_recommendations',
  'cost_lines',
  'indicators',
  'indicator_milestones',
  'monitoring_rounds',
  'monitoring_reports',
  'report_activities',
  'report_spending',
  'indicator_values',
  'indicator_value_breakdowns',
] as const;

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

async function participantFor(plan: PlanPackage): Promise<number> {
  const existing = await database.db.selectFrom('participants').select('id').where('code', '=', plan.participant.code).executeTakeFirst();
  if (existing) return existing.id;
  const { code, name, currency, locale } = plan.participant;
  const row = await database.db
    .insertInto('participants')
    .values({ code, name, currency, locale: locale ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Stores a package the way the importer does, without its checks and audit. */
async function store(plan: PlanPackage): Promise<number> {
  const participantId = await participantFor(plan);
  return database.db.transaction().execute(async (trx) => {
    const institutions = await upsertInstitutions(trx, participantId, plan.institutions);
    const { strategyId } = await writeStrategy(trx, { participantId, institutionIds: institutions.ids, plan });
    return strategyId;
  });
}

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of PLAN_TABLES) {
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(database.db);
    out[table] = rows[0]?.n ?? -1;
  }
  return out;
}

async function roundTrip(plan: PlanPackage): Promise<PlanPackage> {
  const strategyId = await store(plan);
  const back = await readPlanPackage(database.db, strategyId);
  const validation = validatePlanPackage(back);
  expect(validation.ok ? [] : validation.issues).toEqual([]);
  return back;
}

describe('the plan store', () => {
  it('gives Demoland back exactly as it was written', async () => {
    const back = await roundTrip(demoland());
    expect(back).toEqual(demoland());
    // Key order aside, the very same JSON: strings, numbers and the order of every list.
    expect(JSON.stringify(comparablePackage(back))).toHaveLength(JSON.stringify(comparablePackage(demoland())).length);
  });

  it('gives generated packages back, with every optional field, empty ones and none', async () => {
    const plans = [
      ...[1, 2, 3, 4, 5, 6].map((seed) => generatePlanPackage({ seed })),
      generatePlanPackage({ seed: 7, optional: 'all' }),
      generatePlanPackage({ seed: 8, optional: 'none' }),
    ];
    for (const [index, plan] of plans.entries()) {
      // A Participant each: the register keeps one currency and one set of institutions per Participant.
      plan.participant.code = `RT${index}`;
      const back = await roundTrip(plan);
      expect(comparablePackage(back), plan.strategy.id).toEqual(comparablePackage(plan));
    }
  });

  it('keeps texts, numbers and empty values exactly', async () => {
    const plan = generatePlanPackage({ seed: 9, optional: 'all', prefix: 'EXACT-' });
    plan.strategy.title = '  Strategy with spaces, “quotes”, \\ backslash,\ttab and 🙂\n';
    plan.strategy.situationAnalysis = '';
    plan.strategy.goals[0]!.label = '';
    const indicator = plan.strategy.goals[0]!.objectives[0]!.indicators![0]!;
    indicator.measure = 'number';
    indicator.scale = [];
    indicator.disaggregation = [];
    indicator.baseline = { value: 0.1 + 0.2, year: 2020, source: '' };
    indicator.target = { value: -1e-7, year: 2030 };
    indicator.milestones = [{ value: 123456789.125, year: 2025 }];
    plan.actionPlans[0]!.activities[0]!.tags = [];
    plan.actionPlans[0]!.activities[0]!.costs = [{ year: 2021, amount: 9_999_999_999_999.99, source: 'donor', status: 'pledged' }];
    plan.participant.code = 'EX';
    const back = await roundTrip(plan);
    expect(back.strategy.title).toBe(plan.strategy.title);
    expect(back.strategy.situationAnalysis).toBe('');
    expect(back.strategy.goals[0]!.label).toBe('');
    expect(back.strategy.goals[0]!.objectives[0]!.indicators![0]).toEqual(indicator);
    expect(back.actionPlans[0]!.activities[0]!.tags).toEqual([]);
    expect(back.actionPlans[0]!.activities[0]!.costs).toEqual([
      { year: 2021, amount: 9_999_999_999_999.99, source: 'donor', status: 'pledged' },
    ]);
  });

  it('keeps sections given empty: monitoring arrangements, a contingency plan, a monitoring history', async () => {
    const plan = generatePlanPackage({ seed: 12, optional: 'none', participant: { code: 'EMP', name: 'Emptyland', currency: 'EUR' } });
    plan.strategy.monitoring = {};
    plan.strategy.contingency = { scenarios: [], minimumServices: [] };
    plan.monitoring = { rounds: [] };
    expect(await roundTrip(plan)).toEqual(plan);
  });

  it('writes more rows of a table than one statement may carry parameters for', async () => {
    // 4,000 indicators of 17 columns are 68,000 values: more than PostgreSQL takes in one statement.
    const plan = generatePlanPackage({ seed: 10, optional: 'none', participant: { code: 'WIDE', name: 'Wideland', currency: 'EUR' } });
    expect(plan.actionPlans.flatMap((actionPlan) => actionPlan.activities)).toHaveLength(SMALL_SCALE.activities);
    for (const activity of plan.actionPlans.flatMap((actionPlan) => actionPlan.activities)) {
      activity.indicators = Array.from({ length: Math.ceil(4_000 / SMALL_SCALE.activities) }, (_, n) => ({
        id: `${activity.id}-I${n}`,
        name: `Indicator ${n}`,
        level: 'output',
        measure: 'number',
        unit: 'persons',
        baseline: { value: n, year: 2020, source: 'survey' },
        target: { value: n + 1, year: 2025 },
        meansOfVerification: 'reports',
        disaggregation: ['sex'],
      }));
    }
    const back = await roundTrip(plan);
    expect(comparablePackage(back)).toEqual(comparablePackage(plan));
  });

  it('keeps statements under the parameter limit, whatever their width', async () => {
    const statements: number[] = [];
    const recorder = {
      async executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>> {
        statements.push(query.parameters.length);
        return { rows: [] };
      },
    };
    const rows = Array.from({ length: 10_000 }, (_, position) => ({
      strategy_id: 1,
      objective_id: 1,
      activity_id: null,
      position,
      code: `I${position}`,
      name: 'n',
      level: 'outcome',
      measure: 'number',
      unit: null,
      scale: null,
      baseline_value: null,
      baseline_year: null,
      baseline_source: null,
      target_value: null,
      target_year: null,
      means_of_verification: null,
      disaggregation: null,
    }));
    await insertRows(recorder, 'indicators', rows);
    expect(statements.every((count) => count <= MAX_PARAMETERS)).toBe(true);
    expect(statements.reduce((sum, count) => sum + count, 0)).toBe(10_000 * 17);
    expect(statements.length).toBeGreaterThan(2);
  });

  it('keeps the strategies of one Participant apart, lists them, and deletes one with everything under it', async () => {
    const first = generatePlanPackage({
      seed: 21,
      optional: 'all',
      prefix: 'ONE-',
      participant: { code: 'TW', name: 'Twinland', currency: 'EUR' },
    });
    const second = generatePlanPackage({
      seed: 22,
      optional: 'all',
      prefix: 'TWO-',
      participant: { code: 'TW', name: 'Twinland', currency: 'EUR' },
    });
    // The same institutions: they are one register, shared by the Participant's strategies.
    second.institutions = structuredClone(first.institutions);
    first.strategy.periodStart = 2030;
    first.strategy.periodEnd = 2033;
    second.strategy.periodStart = 2020;
    second.strategy.periodEnd = 2023;
    const before = await counts();
    const firstId = await store(first);
    const afterFirst = await counts();
    const secondId = await store(second);

    const listed = await listStrategies(database.db, 'TW');
    expect(listed.map((item) => item.id)).toEqual([second.strategy.id, first.strategy.id]);
    expect(listed[1]).toEqual({
      id: first.strategy.id,
      title: first.strategy.title,
      periodStart: 2030,
      periodEnd: 2033,
      status: first.strategy.status,
      actionPlans: first.actionPlans.map((plan) => ({
        id: plan.id,
        title: plan.title,
        start: plan.start,
        end: plan.end,
        status: plan.status,
      })),
    });
    expect(await findStrategy(database.db, 'TW', second.strategy.id)).toEqual({ id: secondId, participantId: expect.any(Number) });
    expect(await findStrategy(database.db, 'TW', 'NOPE')).toBeUndefined();
    expect(await findStrategy(database.db, 'XX', second.strategy.id)).toBeUndefined();

    const taken = await takenCodes(database.db, await participantFor(first), [first.strategy.id, second.actionPlans[0]!.id, 'FREE']);
    expect(taken).toEqual(
      expect.arrayContaining([
        { code: first.strategy.id, kind: 'strategy', strategy: first.strategy.id },
        { code: second.actionPlans[0]!.id, kind: 'action_plan', strategy: second.strategy.id },
      ]),
    );
    expect(taken).toHaveLength(2);

    const summary = await summarizeStrategy(database.db, secondId);
    const activities = second.actionPlans.flatMap((plan) => plan.activities);
    expect(summary).toMatchObject({
      id: second.strategy.id,
      actionPlans: second.actionPlans.map((plan) => plan.id),
      counts: {
        goals: second.strategy.goals.length,
        actionPlans: second.actionPlans.length,
        activities: activities.length,
        costLines: activities.flatMap((activity) => activity.costs ?? []).length,
        reports: second.monitoring!.rounds.flatMap((round) => round.reports).length,
      },
    });

    await database.db.transaction().execute((trx) => deleteStrategy(trx, secondId));
    expect(await counts()).toEqual(afterFirst);
    expect(comparablePackage(await readPlanPackage(database.db, firstId))).toEqual(comparablePackage(first));
    await database.db.transaction().execute((trx) => deleteStrategy(trx, firstId));
    expect(await counts()).toEqual(before);
  });

  it('lets a whole Participant be deleted, its strategies with it', async () => {
    const plan = generatePlanPackage({ seed: 23, optional: 'all', participant: { code: 'GONE', name: 'Goneland', currency: 'EUR' } });
    const before = await counts();
    await store(plan);
    await database.db.deleteFrom('participants').where('code', '=', 'GONE').execute();
    expect(await counts()).toEqual(before);
  });

  it('brings institutions into the register by code: adds new ones, updates changed ones, leaves the rest', async () => {
    const participantId = await participantFor(
      generatePlanPackage({ seed: 1, participant: { code: 'IN', name: 'Instland', currency: 'EUR' } }),
    );
    const first = await database.db.transaction().execute((trx) =>
      upsertInstitutions(trx, participantId, [
        { id: 'A', name: 'Alpha', type: 'government', level: 'national' },
        { id: 'B', name: 'Beta', type: 'ngo', level: 'local', area: 'North' },
      ]),
    );
    expect(first).toMatchObject({ created: ['A', 'B'], updated: [] });
    const second = await database.db.transaction().execute((trx) =>
      upsertInstitutions(trx, participantId, [
        { id: 'B', name: 'Beta', type: 'ngo', level: 'local', area: 'North' },
        { id: 'A', name: 'Alpha Ministry', type: 'government', level: 'national' },
        { id: 'C', name: 'Gamma', type: 'donor', level: 'national' },
      ]),
    );
    expect(second).toMatchObject({ created: ['C'], updated: ['A'] });
    expect(second.ids.get('A')).toBe(first.ids.get('A'));
    const rows = await database.db
      .selectFrom('institutions')
      .select(['code', 'name', 'version'])
      .where('participant_id', '=', participantId)
      .orderBy('code')
      .execute();
    expect(rows).toEqual([
      { code: 'A', name: 'Alpha Ministry', version: 2 },
      { code: 'B', name: 'Beta', version: 1 },
      { code: 'C', name: 'Gamma', version: 1 },
    ]);
  });
});

describe('the plan tables', () => {
  async function attempt(work: (trx: Transaction<Schema>, ids: { a: number; b: number }) => Promise<unknown>): Promise<unknown> {
    const a = await store(
      generatePlanPackage({ seed: 31, optional: 'all', prefix: 'FK-A-', participant: { code: 'FK', name: 'Fk', currency: 'EUR' } }),
    );
    const b = await store(
      generatePlanPackage({ seed: 32, optional: 'all', prefix: 'FK-B-', participant: { code: 'FK', name: 'Fk', currency: 'EUR' } }),
    );
    try {
      // Deferred checks run at commit: the whole transaction must be refused.
      return await database.db.transaction().execute((trx) => work(trx, { a, b }));
    } finally {
      await database.db.transaction().execute(async (trx) => {
        await deleteStrategy(trx, a);
        await deleteStrategy(trx, b);
      });
    }
  }

  it('refuse a reference from one strategy to another strategy’s element', async () => {
    await expect(
      attempt(async (trx, { a, b }) => {
        const objective = await trx.selectFrom('objectives').select('id').where('strategy_id', '=', b).executeTakeFirstOrThrow();
        await trx.updateTable('activities').set({ objective_id: objective.id }).where('strategy_id', '=', a).execute();
      }),
    ).rejects.toThrow(/foreign key/);
  });

  it('refuse an institution the strategy does not list', async () => {
    await expect(
      attempt(async (trx, { a }) => {
        const participant = await trx.selectFrom('strategies').select('participant_id').where('id', '=', a).executeTakeFirstOrThrow();
        const outsider = await trx
          .insertInto('institutions')
          .values({
            participant_id: participant.participant_id,
            code: 'OUTSIDER',
            name: 'Outsider',
            type: 'other',
            level: 'national',
            area: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.updateTable('activities').set({ lead_institution_id: outsider.id }).where('strategy_id', '=', a).execute();
      }),
    ).rejects.toThrow(/foreign key/);
  });

  it('refuse deleting an objective that activities still name', async () => {
    await expect(
      attempt(async (trx, { a }) => {
        await trx.deleteFrom('goals').where('strategy_id', '=', a).execute();
      }),
    ).rejects.toThrow(/foreign key/);
  });

  it('allow exactly the values of the format’s closed lists', async () => {
    const lists: [string, string, readonly string[]][] = [
      ['strategies', 'status', DOCUMENT_STATUSES],
      ['strategies', 'principles', PRINCIPLES],
      ['goals', 'area', AREAS],
      ['indicators', 'level', INDICATOR_LEVELS],
      ['indicators', 'measure', MEASURES],
      ['indicators', 'disaggregation', DISAGGREGATIONS],
      ['activities', 'tags', TAGS],
      ['cost_lines', 'source', FUNDING_SOURCES],
      ['monitoring_reports', 'status', REPORT_STATUSES],
      ['report_activities', 'status', ACTIVITY_STATUSES],
    ];
    for (const [table, column, values] of lists) {
      const { rows } = await sql<{ definition: string }>`
        SELECT pg_get_constraintdef(c.oid) AS definition
        FROM pg_constraint c
        WHERE c.conrelid = ${table}::regclass AND c.contype = 'c'`.execute(database.db);
      const definition = rows.map((row) => row.definition).find((text) => text.startsWith(`CHECK ((${column} `));
      const allowed = [...(definition ?? '').matchAll(/'([a-z_]+)'/g)].map((match) => match[1]);
      expect(new Set(allowed), `${table}.${column}`).toEqual(new Set(values));
    }
  });
});
