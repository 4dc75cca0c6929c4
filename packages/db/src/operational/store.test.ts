import type { OperationalContent } from '@ariadne/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../connection.ts';
import { openTestDatabase } from '../testing.ts';
import {
  adoptOperationalPlan,
  insertOperationalPlan,
  listOperationalPlans,
  operationalYearsOf,
  readOperationalPlan,
  replaceOperationalContent,
} from './store.ts';

let database: Database;
let participantId: number;

beforeAll(async () => {
  database = await openTestDatabase();
  participantId = (
    await database.db
      .insertInto('participants')
      .values({ code: 'TL', name: 'Testland', currency: 'EUR', locale: null })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => database?.close());

const content: OperationalContent = {
  activities: [
    { activity: 'A4', kind: 'due', reason: null, reportedStatus: null, reportedRound: null },
    { activity: 'A1', kind: 'carried_over', reason: 'No premises.', reportedStatus: 'delayed', reportedRound: 'R2' },
  ],
  costs: [
    { activity: 'A4', amount: 100000, source: 'donor', funder: 'EU', status: 'pledged' },
    { activity: 'A4', amount: 200001, source: 'state_budget', funder: null, status: 'secured' },
  ],
  recommendations: [{ recommendation: 'REC2', action: 'Open a second shelter.' }],
};

describe('the operational plan store', () => {
  it('writes a plan once per year, reads it back in order, replaces its content by version and adopts it once', async () => {
    const id = await database.db
      .transaction()
      .execute((trx) => insertOperationalPlan(trx, { participantId, plan: 'AP1', year: 2022, content, userId: null }));
    expect(id).not.toBeNull();
    const again = await database.db
      .transaction()
      .execute((trx) => insertOperationalPlan(trx, { participantId, plan: 'AP1', year: 2022, content, userId: null }));
    expect(again).toBeNull();

    const stored = await readOperationalPlan(database.db, participantId, 'AP1', 2022);
    expect(stored).toMatchObject({ plan: 'AP1', year: 2022, status: 'draft', version: 1, adoptedAt: null, ...content });
    expect(await readOperationalPlan(database.db, participantId, 'AP1', 2021)).toBeNull();
    expect(await listOperationalPlans(database.db, participantId, 'AP1')).toEqual([
      expect.objectContaining({ year: 2022, status: 'draft', version: 1, due: 1, carriedOver: 1 }),
    ]);

    const changed: OperationalContent = { ...content, costs: [{ ...content.costs[0]!, amount: 150000 }] };
    const stale = await database.db
      .transaction()
      .execute((trx) => replaceOperationalContent(trx, { id: id!, version: 7, content: changed, userId: null }));
    expect(stale).toBeNull();
    const version = await database.db
      .transaction()
      .execute((trx) => replaceOperationalContent(trx, { id: id!, version: 1, content: changed, userId: null }));
    expect(version).toBe(2);
    expect((await readOperationalPlan(database.db, participantId, 'AP1', 2022))?.costs).toEqual(changed.costs);

    expect(await database.db.transaction().execute((trx) => adoptOperationalPlan(trx, { id: id!, version: 2, userId: null }))).toBe(true);
    expect(await database.db.transaction().execute((trx) => adoptOperationalPlan(trx, { id: id!, version: 3, userId: null }))).toBe(false);
    const adopted = await readOperationalPlan(database.db, participantId, 'AP1', 2022);
    expect(adopted).toMatchObject({ status: 'adopted', version: 3 });
    expect(adopted?.adoptedAt).not.toBeNull();
    // An adopted plan's content no longer changes.
    expect(
      await database.db.transaction().execute((trx) => replaceOperationalContent(trx, { id: id!, version: 3, content, userId: null })),
    ).toBeNull();

    expect(await operationalYearsOf(database.db, participantId, 'AP1')).toEqual([
      {
        year: 2022,
        activities: [
          { activity: 'A4', kind: 'due' },
          { activity: 'A1', kind: 'carried_over' },
        ],
      },
    ]);
  });
});
