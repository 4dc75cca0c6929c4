import { readFileSync } from 'node:fs';
import { AppError, MAX_PACKAGE_BYTES, type PlanPackage } from '@ariadne/domain';
import { comparablePackage, generatePlanPackage, type Database } from '@ariadne/db';
import { openTestDatabase } from '@ariadne/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPlanPackage } from './exportPlanPackage.ts';
import { checkPlanPackage, checkPlanPackageText, importPlanPackage } from './importPlanPackage.ts';

const DEMOLAND_TEXT = readFileSync(new URL('../../demo/demoland.plan.json', import.meta.url), 'utf8');
const demoland = (): PlanPackage => JSON.parse(DEMOLAND_TEXT) as PlanPackage;
const actor = { system: 'test' };

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

/** The number of rows of every table: what "the database is unchanged" is checked against. */
async function tableCounts(): Promise<Record<string, number>> {
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'
    ORDER BY table_name`.execute(database.db);
  const counts: Record<string, number> = {};
  for (const { table_name } of tables.rows) {
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table_name)}`.execute(database.db);
    counts[table_name] = rows[0]?.n ?? -1;
  }
  return counts;
}

/** Checks and imports a package the way the API and the command line do. */
async function importValue(value: unknown, replace = false) {
  return importPlanPackage(database, { plan: checkPlanPackage(value), replace, actor });
}

/** The error an import fails with: its code and its first issues (path and key). */
async function refusal(work: () => Promise<unknown>): Promise<{ code: string; issues: { path: string; key: string }[] }> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { code: error.code, issues: error.issues.map(({ path, key }) => ({ path, key })) };
  }
  throw new Error('the import was expected to fail');
}

/** A package of its own Participant and codes, so that tests do not meet each other's data. */
function generated(seed: number, participant: string, optional: 'random' | 'all' | 'none' = 'all'): PlanPackage {
  return generatePlanPackage({
    seed,
    optional,
    prefix: `${participant}${seed}-`,
    participant: { code: participant, name: `${participant}land`, currency: 'EUR' },
  });
}

describe('importing and exporting a plan package', () => {
  it('imports Demoland in one audited transaction and exports exactly the same package', async () => {
    const before = await tableCounts();
    const imported = await importValue(demoland());
    expect(imported).toMatchObject({
      participant: 'DL',
      strategy: 'NS-2021-2024',
      actionPlans: ['AP-2021-2022', 'AP-2023-2024'],
      replaced: false,
      participantCreated: true,
      summary: { counts: { goals: 5, activities: 45, actionPlans: 2, rounds: 3 } },
    });
    expect(await exportPlanPackage(database, { participant: 'DL', strategy: 'NS-2021-2024' })).toEqual(demoland());

    const after = await tableCounts();
    expect(after.participants).toBe(before.participants! + 1);
    expect(after.institutions).toBe(before.institutions! + demoland().institutions.length);
    const audit = await database.db
      .selectFrom('audit_entries')
      .select(['action', 'entity_id', 'after', 'actor'])
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    expect(audit.map((entry) => entry.action)).toEqual(['plan.import', 'participant.create']);
    expect(audit[0]).toMatchObject({ entity_id: 'NS-2021-2024', actor: 'test', after: { id: 'NS-2021-2024', counts: { activities: 45 } } });
  });

  it('gives generated packages back, with every optional field, empty ones and none', async () => {
    const plans = [
      generated(1, 'GA', 'all'),
      generated(2, 'GB', 'random'),
      generated(3, 'GC', 'random'),
      generated(4, 'GD', 'none'),
      generatePlanPackage({ seed: 5, prefix: 'GE2-', participant: { code: 'GE', name: 'Geland', currency: 'ALL', locale: 'sq' } }),
    ];
    // A second strategy of the same Participant, with the same register of institutions.
    plans.push(
      generatePlanPackage({ seed: 6, prefix: 'GE3-', participant: { code: 'GE', name: 'Geland', currency: 'ALL', locale: 'sq' } }),
    );
    plans[5]!.institutions = structuredClone(plans[4]!.institutions);
    for (const plan of plans) {
      await importValue(JSON.parse(JSON.stringify(plan)));
      const back = await exportPlanPackage(database, { participant: plan.participant.code, strategy: plan.strategy.id });
      expect(checkPlanPackage(back)).toEqual(back);
      expect(comparablePackage(back), plan.strategy.id).toEqual(comparablePackage(plan));
    }
  });

  it('refuses a strategy that is already there, and replaces it when asked, audited with both', async () => {
    const first = generated(11, 'RP');
    await importValue(first);
    const afterFirst = await tableCounts();
    expect(await refusal(() => importValue(first))).toEqual({
      code: 'ALREADY_EXISTS',
      issues: [{ path: '$.strategy.id', key: 'strategy_exists' }],
    });
    expect(await tableCounts()).toEqual(afterFirst);

    const second = structuredClone(first);
    second.strategy.title = 'The revised strategy';
    second.actionPlans = second.actionPlans.slice(0, 2);
    const kept = new Set(second.actionPlans.flatMap((plan) => plan.activities.map((activity) => activity.id)));
    for (const round of second.monitoring?.rounds ?? []) {
      for (const report of round.reports) report.activities = report.activities.filter((entry) => kept.has(entry.activity));
      const indicators = new Set([
        ...second.strategy.goals.flatMap((goal) => goal.objectives.flatMap((objective) => objective.indicators ?? [])).map((i) => i.id),
        ...second.actionPlans.flatMap((plan) => plan.activities.flatMap((activity) => activity.indicators ?? [])).map((i) => i.id),
      ]);
      for (const report of round.reports)
        report.indicatorValues = report.indicatorValues?.filter((value) => indicators.has(value.indicator));
    }
    const replaced = await importValue(second, true);
    expect(replaced).toMatchObject({ replaced: true, actionPlans: second.actionPlans.map((plan) => plan.id) });
    expect(comparablePackage(await exportPlanPackage(database, { participant: 'RP', strategy: first.strategy.id }))).toEqual(
      comparablePackage(second),
    );
    const strategies = await database.db.selectFrom('strategies').select('code').where('code', '=', first.strategy.id).execute();
    expect(strategies).toHaveLength(1);
    const removedPlan = first.actionPlans[2]!.id;
    expect(await database.db.selectFrom('action_plans').select('id').where('code', '=', removedPlan).execute()).toEqual([]);

    const entry = await database.db
      .selectFrom('audit_entries')
      .select(['action', 'before', 'after'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      action: 'plan.replace',
      before: { title: first.strategy.title, actionPlans: first.actionPlans.map((plan) => plan.id) },
      after: { title: 'The revised strategy', actionPlans: second.actionPlans.map((plan) => plan.id) },
    });
  });

  it('creates a missing Participant; an existing one keeps its currency, name and language', async () => {
    const plan = generated(12, 'NP');
    plan.participant = { code: 'NP', name: 'Newland', currency: 'MKD', locale: 'mk' };
    const imported = await importValue(plan);
    expect(imported.participantCreated).toBe(true);
    const row = await database.db
      .selectFrom('participants')
      .select(['name', 'currency', 'locale'])
      .where('code', '=', 'NP')
      .executeTakeFirst();
    expect(row).toEqual({ name: 'Newland', currency: 'MKD', locale: 'mk' });

    const other = generated(13, 'NP');
    other.institutions = structuredClone(plan.institutions);
    other.participant = { code: 'NP', name: 'Renamed in the package', currency: 'MKD' };
    expect((await importValue(other)).participantCreated).toBe(false);
    const exported = await exportPlanPackage(database, { participant: 'NP', strategy: other.strategy.id });
    expect(exported.participant).toEqual({ code: 'NP', name: 'Newland', currency: 'MKD', locale: 'mk' });
  });

  it('keeps one register of institutions per Participant, shared by its strategies', async () => {
    const first = generated(14, 'IR');
    await importValue(first);
    const [id] = [first.institutions[1]!.id];
    const before = await database.db
      .selectFrom('institutions')
      .innerJoin('participants', 'participants.id', 'institutions.participant_id')
      .select(['institutions.id', 'institutions.version'])
      .where('participants.code', '=', 'IR')
      .where('institutions.code', '=', id)
      .executeTakeFirstOrThrow();

    const second = generated(15, 'IR');
    second.institutions = structuredClone(first.institutions);
    second.institutions[1]!.name = 'Ministry of Justice (renamed)';
    second.institutions.push({ id: 'NEW-1', name: 'A new partner', type: 'ngo', level: 'local', area: 'South' });
    await importValue(second);

    const after = await database.db
      .selectFrom('institutions')
      .innerJoin('participants', 'participants.id', 'institutions.participant_id')
      .select(['institutions.id', 'institutions.version', 'institutions.name'])
      .where('participants.code', '=', 'IR')
      .where('institutions.code', '=', id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ id: before.id, version: before.version + 1, name: 'Ministry of Justice (renamed)' });
    // The first strategy names the same institution, so it shows the new name too.
    const firstBack = await exportPlanPackage(database, { participant: 'IR', strategy: first.strategy.id });
    expect(firstBack.institutions[1]!.name).toBe('Ministry of Justice (renamed)');
    expect(firstBack.institutions.map((institution) => institution.id)).toEqual(first.institutions.map((institution) => institution.id));
    const audit = await database.db.selectFrom('audit_entries').select('after').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ institutions: { created: ['NEW-1'], updated: [id] } });
  });

  it('imports into one new Participant from two sides at once, one after the other', async () => {
    const left = generated(16, 'CC');
    const right = generated(17, 'CC');
    right.institutions = structuredClone(left.institutions);
    const results = await Promise.all([importValue(left), importValue(right)]);
    expect(results.map((result) => result.participantCreated).sort()).toEqual([false, true]);
    const participants = await database.db.selectFrom('participants').select('id').where('code', '=', 'CC').execute();
    expect(participants).toHaveLength(1);
  });
});

describe('a package that cannot be imported', () => {
  type Case = { name: string; text?: string; change?: (plan: PlanPackage) => void; issue: { path: string; key: string } };
  const report = (plan: PlanPackage) => plan.monitoring!.rounds[0]!.reports[0]!;
  const cases: Case[] = [
    { name: 'an empty file', text: '  \n', issue: { path: '$', key: 'package_empty' } },
    { name: 'a file that is not JSON', text: '{"format": "ariadne.plan-package",', issue: { path: '$', key: 'package_not_json' } },
    { name: 'a file over 20 MB', text: ' '.repeat(MAX_PACKAGE_BYTES + 1), issue: { path: '$', key: 'package_too_large' } },
    {
      name: 'another format',
      change: (p) => ((p as { format: string }).format = 'other'),
      issue: { path: '$.format', key: 'invalid_value' },
    },
    {
      name: 'a field the format does not have',
      change: (p) => ((p.strategy.goals[0] as Record<string, unknown>).colour = 'blue'),
      issue: { path: '$.strategy.goals[0].colour', key: 'unknown_field' },
    },
    {
      name: 'a missing required field',
      change: (p) => delete (p.actionPlans[0] as Partial<PlanPackage['actionPlans'][number]>).title,
      issue: { path: '$.actionPlans[0].title', key: 'required' },
    },
    {
      name: 'a value of the wrong type',
      change: (p) => ((p.strategy as Record<string, unknown>).periodStart = '2021'),
      issue: { path: '$.strategy.periodStart', key: 'expected_number' },
    },
    {
      name: 'a value outside its list',
      change: (p) => ((p.actionPlans[0]!.activities[0] as Record<string, unknown>).level = 'federal'),
      issue: { path: '$.actionPlans[0].activities[0].level', key: 'invalid_value' },
    },
    {
      name: 'a date that does not exist',
      change: (p) => (p.actionPlans[1]!.end = '2024-02-30'),
      issue: { path: '$.actionPlans[1].end', key: 'invalid_date' },
    },
    {
      name: 'a negative amount',
      change: (p) => (p.actionPlans[0]!.activities[1]!.costs![0]!.amount = -1),
      issue: { path: '$.actionPlans[0].activities[1].costs[0].amount', key: 'too_small' },
    },
    {
      name: 'an amount with three decimals',
      change: (p) => (p.actionPlans[0]!.activities[1]!.costs![0]!.amount = 10.125),
      issue: { path: '$.actionPlans[0].activities[1].costs[0].amount', key: 'money_decimals' },
    },
    {
      name: 'an id used twice',
      change: (p) => (p.actionPlans[1]!.activities[0]!.id = p.actionPlans[0]!.activities[0]!.id),
      issue: { path: '$.actionPlans[1].activities[0].id', key: 'duplicate_id' },
    },
    {
      name: 'an unknown lead',
      change: (p) => (p.actionPlans[0]!.activities[3]!.lead = 'NOPE'),
      issue: { path: '$.actionPlans[0].activities[3].lead', key: 'unknown_institution' },
    },
    {
      name: 'an unknown partner',
      change: (p) => (p.actionPlans[0]!.activities[3]!.partners = ['NOPE']),
      issue: { path: '$.actionPlans[0].activities[3].partners[0]', key: 'unknown_institution' },
    },
    {
      name: 'an unknown objective',
      change: (p) => (p.actionPlans[0]!.activities[2]!.objective = 'O9.9'),
      issue: { path: '$.actionPlans[0].activities[2].objective', key: 'unknown_objective' },
    },
    {
      name: 'an unknown recommendation',
      change: (p) => (p.actionPlans[0]!.activities[2]!.recommendations = ['REC-99']),
      issue: { path: '$.actionPlans[0].activities[2].recommendations[0]', key: 'unknown_recommendation' },
    },
    {
      name: 'an unknown funder',
      change: (p) => (p.actionPlans[0]!.activities[1]!.costs![0]!.funder = 'NOPE'),
      issue: { path: '$.actionPlans[0].activities[1].costs[0].funder', key: 'unknown_institution' },
    },
    {
      name: 'an unknown risk owner',
      change: (p) => (p.strategy.risks![0]!.owner = 'NOPE'),
      issue: { path: '$.strategy.risks[0].owner', key: 'unknown_institution' },
    },
    {
      name: 'an unknown monitoring body',
      change: (p) => (p.strategy.monitoring!.body = 'NOPE'),
      issue: { path: '$.strategy.monitoring.body', key: 'unknown_institution' },
    },
    {
      name: 'a report of an unknown institution',
      change: (p) => (report(p).institution = 'NOPE'),
      issue: { path: '$.monitoring.rounds[0].reports[0].institution', key: 'unknown_institution' },
    },
    {
      name: 'a report on an unknown activity',
      change: (p) => (report(p).activities[0]!.activity = 'A9.9.9'),
      issue: { path: '$.monitoring.rounds[0].reports[0].activities[0].activity', key: 'unknown_activity' },
    },
    {
      name: 'a value of an unknown indicator',
      change: (p) => (report(p).indicatorValues![0]!.indicator = 'I-NONE'),
      issue: { path: '$.monitoring.rounds[0].reports[0].indicatorValues[0].indicator', key: 'unknown_indicator' },
    },
    {
      name: 'a qualitative value outside the scale',
      change: (p) => (p.strategy.goals[0]!.objectives[0]!.indicators![0]!.target!.value = 99),
      issue: { path: '$.strategy.goals[0].objectives[0].indicators[0].target.value', key: 'scale_index' },
    },
    {
      name: 'a strategy that ends before it starts',
      change: (p) => (p.strategy.periodEnd = 2000),
      issue: { path: '$.strategy.periodEnd', key: 'period_reversed' },
    },
    {
      name: 'an action plan that ends before it starts',
      change: (p) => (p.actionPlans[0]!.end = '2020-01-01'),
      issue: { path: '$.actionPlans[0].end', key: 'end_before_start' },
    },
    {
      name: 'a NUL character in a text',
      change: (p) => (p.strategy.title = 'Strategy\u0000'),
      issue: { path: '$.strategy.title', key: 'text_not_storable' },
    },
    {
      name: 'half of a surrogate pair',
      change: (p) => (p.institutions[0]!.name = 'Ministry \uD83D'),
      issue: { path: '$.institutions[0].name', key: 'text_not_storable' },
    },
    {
      name: 'an amount too large to keep exactly',
      change: (p) => (p.strategy.estimatedTotalCost = 1e15),
      issue: { path: '$.strategy.estimatedTotalCost', key: 'amount_too_large' },
    },
    {
      name: 'the year 0000',
      change: (p) => (p.strategy.adoptedOn = '0000-12-17'),
      issue: { path: '$.strategy.adoptedOn', key: 'year_zero' },
    },
  ];

  it.each(cases)('is refused with its path, changing nothing: $name', async ({ text, change, issue }) => {
    const before = await tableCounts();
    const plan = demoland();
    plan.participant.code = 'BK';
    change?.(plan);
    const failure = await refusal(async () =>
      importPlanPackage(database, { plan: text === undefined ? checkPlanPackage(plan) : checkPlanPackageText(text), actor }),
    );
    expect(failure.code).toBe('VALIDATION_FAILED');
    expect(failure.issues).toContainEqual(issue);
    expect(await tableCounts()).toEqual(before);
  });

  it('reports every problem of a package at once, texts the database cannot keep included', async () => {
    const plan = demoland();
    plan.actionPlans[0]!.activities[3]!.lead = 'NOPE';
    plan.strategy.periodEnd = 2000;
    plan.strategy.title = 'x\u0000';
    const expected = [
      { path: '$.actionPlans[0].activities[3].lead', key: 'unknown_institution' },
      { path: '$.strategy.periodEnd', key: 'period_reversed' },
      { path: '$.strategy.title', key: 'text_not_storable' },
    ];
    expect((await refusal(async () => checkPlanPackage(plan))).issues).toEqual(expect.arrayContaining(expected));
    expect((await refusal(async () => checkPlanPackageText(JSON.stringify(plan)))).issues).toEqual(expect.arrayContaining(expected));
  });

  it('is refused in a currency other than its Participant’s, naming the currency', async () => {
    await importValue(generated(21, 'CU'));
    const other = generated(22, 'CU');
    other.participant.currency = 'BAM';
    const before = await tableCounts();
    expect(await refusal(() => importValue(other))).toEqual({
      code: 'VALIDATION_FAILED',
      issues: [{ path: '$.participant.currency', key: 'currency_mismatch' }],
    });
    expect(await tableCounts()).toEqual(before);
  });

  it('is refused when its action plan or strategy ids belong to another strategy of the Participant', async () => {
    const first = generated(23, 'ID');
    await importValue(first);
    const before = await tableCounts();

    const planClash = generated(24, 'ID');
    planClash.institutions = structuredClone(first.institutions);
    planClash.actionPlans[1]!.id = first.actionPlans[0]!.id;
    expect(await refusal(() => importValue(planClash))).toEqual({
      code: 'ALREADY_EXISTS',
      issues: [{ path: '$.actionPlans[1].id', key: 'id_taken' }],
    });

    const strategyClash = generated(25, 'ID');
    strategyClash.institutions = structuredClone(first.institutions);
    strategyClash.strategy.id = first.actionPlans[2]!.id;
    expect(await refusal(() => importValue(strategyClash))).toEqual({
      code: 'ALREADY_EXISTS',
      issues: [{ path: '$.strategy.id', key: 'id_taken' }],
    });
    expect(await tableCounts()).toEqual(before);
  });

  it('leaves the old strategy as it was when its replacement fails half-way', async () => {
    const mine = generated(26, 'HW');
    const others = generated(27, 'HW');
    others.institutions = structuredClone(mine.institutions);
    await importValue(mine);
    await importValue(others);
    const before = await tableCounts();
    const exported = await exportPlanPackage(database, { participant: 'HW', strategy: mine.strategy.id });

    // Refused after the old strategy was deleted: the id check runs once its own ids are free.
    const clash = structuredClone(mine);
    clash.strategy.title = 'Replacement';
    clash.actionPlans[0]!.id = others.actionPlans[0]!.id;
    expect(await refusal(() => importValue(clash, true))).toEqual({
      code: 'ALREADY_EXISTS',
      issues: [{ path: '$.actionPlans[0].id', key: 'id_taken' }],
    });
    expect(await tableCounts()).toEqual(before);
    expect(await exportPlanPackage(database, { participant: 'HW', strategy: mine.strategy.id })).toEqual(exported);

    // Refused by the database itself, in the last tables written, after everything else was.
    const late = structuredClone(mine);
    late.strategy.title = 'Replacement';
    const entry = late
      .monitoring!.rounds.flatMap((round) => round.reports)
      .flatMap((report) => report.activities)
      .at(-1)!;
    entry.spent = [{ source: 'donor', amount: 4242.42 }];
    await sql`ALTER TABLE report_spending ADD CONSTRAINT test_refuses_4242 CHECK (amount <> 424242)`.execute(database.db);
    try {
      await expect(importValue(late, true)).rejects.toThrow(/test_refuses_4242/);
    } finally {
      await sql`ALTER TABLE report_spending DROP CONSTRAINT test_refuses_4242`.execute(database.db);
    }
    expect(await tableCounts()).toEqual(before);
    expect(await exportPlanPackage(database, { participant: 'HW', strategy: mine.strategy.id })).toEqual(exported);
  });

  it('cannot be exported when it was never imported', async () => {
    expect(await refusal(() => exportPlanPackage(database, { participant: 'DL', strategy: 'NOPE' }))).toEqual({
      code: 'NOT_FOUND',
      issues: [{ path: 'DL/NOPE', key: 'strategy_not_found' }],
    });
  });
});
