import { readFileSync } from 'node:fs';
import {
  applyPlanEdit,
  elementOf,
  randomPlanEdit,
  seededRandom,
  validatePlanPackage,
  type PlanEdit,
  type PlanPackage,
} from '@ariadne/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../connection.ts';
import { openTestDatabase } from '../testing.ts';
import { elementStorageIssues, listInstitutionsInStrategy, lockStrategy, readElementVersions, revisionOf, writePlanEdit } from './edit.ts';
import { generatePlanPackage, SMALL_SCALE } from './generate.ts';
import { deleteStrategy, upsertInstitutions } from './queries.ts';
import { readPlanPackage } from './read.ts';
import { writeStrategy } from './write.ts';

const DEMOLAND_TEXT = readFileSync(new URL('../../../server/demo/demoland.plan.json', import.meta.url), 'utf8');
const demoland = (): PlanPackage => JSON.parse(DEMOLAND_TEXT) as PlanPackage;

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

async function store(plan: PlanPackage): Promise<{ strategyId: number; participantId: number }> {
  const { code, name, currency } = plan.participant;
  const participant = await database.db
    .insertInto('participants')
    .values({ code, name, currency, locale: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return database.db.transaction().execute(async (trx) => {
    const institutions = await upsertInstitutions(trx, participant.id, plan.institutions);
    const { strategyId } = await writeStrategy(trx, { participantId: participant.id, institutionIds: institutions.ids, plan });
    return { strategyId, participantId: participant.id };
  });
}

/**
 * Applies random edits to a stored package, each checked by the domain and written in its own
 * transaction (the way the server does), and returns the package the domain holds afterwards.
 */
async function editAtRandom(plan: PlanPackage, seed: number, count: number) {
  const { strategyId, participantId } = await store(plan);
  let held = await readPlanPackage(database.db, strategyId);
  const random = seededRandom(seed);
  let next = 0;
  const fresh = () => `E${seed}-${(next += 1)}`;
  const tally = { applied: 0, refused: 0, kinds: new Set<string>() };
  for (let i = 0; i < count; i += 1) {
    const edit: PlanEdit = randomPlanEdit(held, random, fresh);
    const result = applyPlanEdit(held, edit);
    if (!result.ok) {
      tally.refused += 1;
      continue;
    }
    const element = elementOf(result.plan, result.code);
    if (element && edit.op !== 'delete' && elementStorageIssues(element.kind, element.data).length > 0) continue;
    await database.db.transaction().execute(async (trx) => {
      await writePlanEdit(trx, { strategyId, participantId, before: held, after: result.plan, edit, code: result.code });
    });
    held = result.plan;
    tally.applied += 1;
    tally.kinds.add(`${edit.op} ${edit.kind}`);
  }
  return { strategyId, held, tally };
}

describe('writing edits', () => {
  it('keeps the stored Demoland equal to the package the domain edited, through random edits', async () => {
    const { strategyId, held, tally } = await editAtRandom(demoland(), 11, 160);
    expect(tally.applied).toBeGreaterThan(80);
    expect(tally.kinds.size).toBeGreaterThan(15);
    const back = await readPlanPackage(database.db, strategyId);
    const validation = validatePlanPackage(back);
    expect(validation.ok ? [] : validation.issues).toEqual([]);
    expect(back).toEqual(held);
  });

  it('does the same on generated packages', async () => {
    for (const seed of [21, 22]) {
      const plan = generatePlanPackage({
        seed,
        scale: { ...SMALL_SCALE, activities: 30 },
        participant: { code: `GE${seed}`, name: 'Generatia', currency: 'EUR' },
      });
      const { strategyId, held, tally } = await editAtRandom(plan, seed, 120);
      expect(tally.applied).toBeGreaterThan(50);
      const back = await readPlanPackage(database.db, strategyId);
      expect(validatePlanPackage(back).ok).toBe(true);
      expect(back).toEqual(held);
    }
  });

  it('raises the version of what it updates and keeps the key of the element', async () => {
    const plan = demoland();
    plan.participant.code = 'VR';
    const { strategyId, participantId } = await store(plan);
    const held = await readPlanPackage(database.db, strategyId);
    const before = await database.db
      .selectFrom('activities')
      .select(['id', 'version'])
      .where('strategy_id', '=', strategyId)
      .where('code', '=', 'A1.2.1')
      .executeTakeFirstOrThrow();
    const activity = elementOf(held, 'A1.2.1')!;
    const edit: PlanEdit = {
      op: 'update',
      kind: 'activity',
      code: 'A1.2.1',
      version: 1,
      data: { ...activity.data, id: 'A1.2.1-NEW', title: 'Renamed' },
    };
    const result = applyPlanEdit(held, edit);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const revision = await revisionOf(database.db, strategyId);
    const written = await database.db
      .transaction()
      .execute((trx) => writePlanEdit(trx, { strategyId, participantId, before: held, after: result.plan, edit, code: result.code }));
    expect(written.version).toBe(2);
    const after = await database.db
      .selectFrom('activities')
      .select(['id', 'code', 'version'])
      .where('id', '=', before.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ id: before.id, code: 'A1.2.1-NEW', version: 2 });
    // The monitoring history follows the element: it refers to it by key.
    const back = await readPlanPackage(database.db, strategyId);
    expect(back).toEqual(result.plan);
    expect(back.monitoring?.rounds[0]?.reports.some((report) => report.activities.some((entry) => entry.activity === 'A1.2.1-NEW'))).toBe(
      true,
    );
    expect(await revisionOf(database.db, strategyId)).toBeGreaterThan(revision);
    expect((await readElementVersions(database.db, strategyId)).get('A1.2.1-NEW')).toBe(2);
  });

  it('adds register institutions to the end of a strategy’s list', async () => {
    const plan = demoland();
    plan.participant.code = 'IN';
    const { strategyId, participantId } = await store(plan);
    await database.db
      .insertInto('institutions')
      .values({ participant_id: participantId, code: 'NEW', name: 'New', type: 'ngo', level: 'local', area: null })
      .execute();
    const added = await database.db.transaction().execute(async (trx) => {
      const strategy = await lockStrategy(trx, 'IN', plan.strategy.id);
      return listInstitutionsInStrategy(trx, { id: strategy!.id, participantId }, ['NEW', 'MOI']);
    });
    expect(added).toEqual(['NEW']);
    const back = await readPlanPackage(database.db, strategyId);
    expect(back.institutions.map((institution) => institution.id)).toEqual([
      ...plan.institutions.map((institution) => institution.id),
      'NEW',
    ]);
  });

  it('raises the revision on every write under a strategy, and on the register rows its package shows', async () => {
    const plan = demoland();
    plan.participant.code = 'RV';
    const { strategyId, participantId } = await store(plan);
    const revisions: number[] = [await revisionOf(database.db, strategyId)];
    const bump = async (statement: ReturnType<typeof sql>) => {
      await statement.execute(database.db);
      revisions.push(await revisionOf(database.db, strategyId));
    };
    await bump(
      sql`UPDATE report_spending SET amount = amount + 1 WHERE report_activity_id IN (SELECT id FROM report_activities WHERE strategy_id = ${strategyId})`,
    );
    await bump(
      sql`UPDATE indicator_value_breakdowns SET value = value WHERE indicator_value_id IN (SELECT id FROM indicator_values WHERE strategy_id = ${strategyId})`,
    );
    await bump(sql`UPDATE goals SET title = title || '.' WHERE strategy_id = ${strategyId}`);
    await bump(sql`UPDATE strategies SET title = title WHERE id = ${strategyId}`);
    await bump(sql`UPDATE institutions SET name = name WHERE participant_id = ${participantId} AND code = 'MOI'`);
    await bump(sql`UPDATE participants SET name = name WHERE id = ${participantId}`);
    for (let i = 1; i < revisions.length; i += 1) expect(revisions[i]).toBeGreaterThan(revisions[i - 1]!);
  });

  it('leaves no version or amendment behind when a strategy is deleted (replaced by an import)', async () => {
    const plan = demoland();
    plan.participant.code = 'DV';
    const { strategyId } = await store(plan);
    await database.db
      .insertInto('document_versions')
      .values({
        strategy_id: strategyId,
        action_plan_id: null,
        number: 1,
        kind: 'adoption',
        adopted_on: '2020-12-17',
        snapshot: JSON.stringify(plan),
        recorded_by: 'test',
      })
      .execute();
    await database.db
      .insertInto('amendments')
      .values({ strategy_id: strategyId, action_plan_id: null, reason: 'x', status: 'open', opened_by: 'test' })
      .execute();
    await database.db.transaction().execute((trx) => deleteStrategy(trx, strategyId));
    const left = await sql<{
      n: number;
    }>`SELECT (SELECT count(*) FROM document_versions WHERE strategy_id = ${strategyId}) + (SELECT count(*) FROM amendments WHERE strategy_id = ${strategyId}) AS n`.execute(
      database.db,
    );
    expect(left.rows[0]?.n).toBe(0);
  });

  it('names what the database cannot keep of an element', () => {
    expect(
      elementStorageIssues('activity', {
        id: 'A',
        objective: 'O',
        title: 'bad\u0000',
        start: '0000-01-01',
        costs: [{ year: 2021, amount: 1e14, source: 'donor', status: 'secured' }],
      }),
    ).toEqual([
      { path: 'title', key: 'text_not_storable' },
      { path: 'start', key: 'year_zero' },
      { path: 'costs[0].amount', key: 'amount_too_large', params: { maximum: 9_999_999_999_999.99 } },
    ]);
  });
});
