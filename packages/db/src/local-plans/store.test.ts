import { readFileSync } from 'node:fs';
import type { PlanPackage } from '@ariadne/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../connection.ts';
import { upsertInstitutions } from '../plans/queries.ts';
import { writeStrategy } from '../plans/write.ts';
import { openTestDatabase } from '../testing.ts';
import { findLocalPlan, insertLocalPlan, listLocalPlans, writeActivityLink } from './store.ts';

const DEMOLAND = JSON.parse(readFileSync(new URL('../../../server/demo/demoland.plan.json', import.meta.url), 'utf8')) as PlanPackage;

let database: Database;
let participantId: number;
let institutionIds: ReadonlyMap<string, number>;

/** Demoland with a third action plan, Velmora's, whose activity L1 the tests link to national ones. */
function withVelmora(plan: PlanPackage): PlanPackage {
  return {
    ...plan,
    actionPlans: [
      ...plan.actionPlans,
      {
        id: 'LAP-VEL',
        title: 'Velmora 2022',
        start: '2022-01-01',
        end: '2022-12-31',
        status: 'draft',
        activities: [{ id: 'L1', objective: 'O1.1', title: 'Local team', lead: 'MUN-VEL', level: 'local' }],
      },
    ],
  };
}

async function idOf(table: 'action_plans' | 'activities', code: string): Promise<number> {
  return (await database.db.selectFrom(table).select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

beforeAll(async () => {
  database = await openTestDatabase();
  const { code, name, currency, locale } = DEMOLAND.participant;
  participantId = (
    await database.db
      .insertInto('participants')
      .values({ code, name, currency, locale: locale ?? null })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await database.db.transaction().execute(async (trx) => {
    const institutions = await upsertInstitutions(trx, participantId, DEMOLAND.institutions);
    institutionIds = institutions.ids;
    await writeStrategy(trx, { participantId, institutionIds: institutions.ids, plan: withVelmora(DEMOLAND) });
  });
});
afterAll(async () => database?.close());

describe('local plans', () => {
  it('marks an action plan as local once, with its body', async () => {
    const values = {
      participantId,
      actionPlanId: await idOf('action_plans', 'LAP-VEL'),
      bodyInstitutionId: institutionIds.get('MUN-VEL') ?? -1,
      level: 'local' as const,
    };
    expect(await listLocalPlans(database.db, participantId)).toEqual([]);
    expect(await insertLocalPlan(database.db, values)).toBe(true);
    expect(await insertLocalPlan(database.db, values)).toBe(false);
    const [plan] = await listLocalPlans(database.db, participantId);
    expect(plan).toMatchObject({
      plan: 'LAP-VEL',
      strategy: DEMOLAND.strategy.id,
      level: 'local',
      body: { code: 'MUN-VEL', name: 'Municipality of Velmora', level: 'local', area: 'Velmora' },
      links: [],
    });
    expect(await findLocalPlan(database.db, participantId, 'AP-2021-2022')).toBeUndefined();
  });

  it('records, replaces and takes away the national activity a local activity implements', async () => {
    const local = await idOf('activities', 'L1');
    const a112 = await idOf('activities', 'A1.1.2');
    expect(await writeActivityLink(database.db, local, a112)).toBeNull();
    expect((await findLocalPlan(database.db, participantId, 'LAP-VEL'))?.links).toEqual([
      { activity: 'L1', national: 'A1.1.2', nationalPlan: 'AP-2021-2022' },
    ]);
    expect(await writeActivityLink(database.db, local, await idOf('activities', 'A1.1.5'))).toBe(a112);
    expect((await findLocalPlan(database.db, participantId, 'LAP-VEL'))?.links).toEqual([
      { activity: 'L1', national: 'A1.1.5', nationalPlan: 'AP-2023-2024' },
    ]);
    await writeActivityLink(database.db, local, null);
    expect((await findLocalPlan(database.db, participantId, 'LAP-VEL'))?.links).toEqual([]);
  });

  it('goes with its action plan when the plan is deleted, and refuses a national level', async () => {
    await expect(
      database.db
        .insertInto('local_plans')
        .values({
          action_plan_id: await idOf('action_plans', 'AP-2023-2024'),
          participant_id: participantId,
          body_institution_id: institutionIds.get('POL') ?? -1,
          level: 'national' as never,
        })
        .execute(),
    ).rejects.toThrow();
    await database.db.deleteFrom('action_plans').where('code', '=', 'LAP-VEL').execute();
    expect(await listLocalPlans(database.db, participantId)).toEqual([]);
  });
});
