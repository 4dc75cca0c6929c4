import { readFileSync } from 'node:fs';
import type { PlanPackage } from '@ariadne/domain';
import type { Database } from '@ariadne/db';
import { openTestDatabase } from '@ariadne/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPlanPackage } from './exportPlanPackage.ts';
import { DEMO_ACCOUNTS, loadDemo } from './loadDemo.ts';

const DEMOLAND = JSON.parse(readFileSync(new URL('../../demo/demoland.plan.json', import.meta.url), 'utf8')) as PlanPackage;

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [
    'participants',
    'institutions',
    'users',
    'memberships',
    'strategies',
    'action_plans',
    'activities',
    'audit_entries',
  ]) {
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(database.db);
    counts[table] = rows[0]?.n ?? -1;
  }
  return counts;
}

describe('the demo', () => {
  it('imports the whole Demoland package through the importer, with Westmark and one account per role', async () => {
    expect(await loadDemo(database)).toEqual({ created: true });
    expect(await exportPlanPackage(database, { participant: 'DL', strategy: DEMOLAND.strategy.id })).toEqual(DEMOLAND);
    const westmark = await database.db
      .selectFrom('institutions')
      .innerJoin('participants', 'participants.id', 'institutions.participant_id')
      .select('institutions.code')
      .where('participants.code', '=', 'WM')
      .orderBy('institutions.code')
      .execute();
    expect(westmark.map((row) => row.code)).toEqual(['MOI', 'NCO', 'NGO-AS', 'SWC']);
    expect((await rowCounts()).users).toBe(DEMO_ACCOUNTS.length);
    const imported = await database.db.selectFrom('audit_entries').select('actor').where('action', '=', 'plan.import').execute();
    expect(imported).toEqual([{ actor: 'demo' }]);
  });

  it('adds nothing when loaded again', async () => {
    const before = await rowCounts();
    expect(await loadDemo(database)).toEqual({ created: false });
    expect(await rowCounts()).toEqual(before);
  });

  it('brings the plans into a demo database that has Demoland without them, keeping its institutions', async () => {
    const institutions = await database.db.selectFrom('institutions').select(['id', 'code']).orderBy('id').execute();
    await database.db.deleteFrom('strategies').execute();
    expect(await loadDemo(database)).toEqual({ created: true });
    expect(await database.db.selectFrom('institutions').select(['id', 'code']).orderBy('id').execute()).toEqual(institutions);
    expect(await exportPlanPackage(database, { participant: 'DL', strategy: DEMOLAND.strategy.id })).toEqual(DEMOLAND);
  });
});
