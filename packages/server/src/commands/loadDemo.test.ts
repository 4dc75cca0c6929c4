import { readFileSync } from 'node:fs';
import type { PlanPackage } from '@ariadne/domain';
import type { Database } from '@ariadne/db';
import { openTestDatabase } from '@ariadne/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPlanPackage } from './exportPlanPackage.ts';
import { DEMO_ACCOUNTS, loadDemo, MARRI_PARTICIPANTS, marriPackages, withDemoLocalPlan } from './loadDemo.ts';

const DEMOLAND = JSON.parse(readFileSync(new URL('../../demo/demoland.plan.json', import.meta.url), 'utf8')) as PlanPackage;
const MARRI = marriPackages();

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

async function regionalCodes(): Promise<string[]> {
  const rows = await database.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .innerJoin('participants', 'participants.id', 'memberships.participant_id')
    .select('participants.code')
    .where('users.email', '=', 'regional@demoland.example')
    .where('memberships.role', '=', 'regional')
    .orderBy('participants.code')
    .execute();
  return rows.map((row) => row.code);
}

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
    'publications',
    'audit_entries',
  ]) {
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(database.db);
    counts[table] = rows[0]?.n ?? -1;
  }
  return counts;
}

describe('the demo', () => {
  // Demoland's package as written, with Velmora's local plan.
  it('imports the whole Demoland package through the importer, with Westmark and one account per role', async () => {
    expect(await loadDemo(database)).toEqual({ created: true });
    expect(await exportPlanPackage(database, { participant: 'DL', strategy: DEMOLAND.strategy.id })).toEqual(withDemoLocalPlan(DEMOLAND));
    const westmark = await database.db
      .selectFrom('institutions')
      .innerJoin('participants', 'participants.id', 'institutions.participant_id')
      .select('institutions.code')
      .where('participants.code', '=', 'WM')
      .orderBy('institutions.code')
      .execute();
    expect(westmark.map((row) => row.code)).toEqual(['MOI', 'NCO', 'NGO-AS', 'SWC']);
    const counts = await rowCounts();
    expect(counts.users).toBe(DEMO_ACCOUNTS.length);
    // Demoland, Westmark and the six MARRI Participants; Demoland's strategy, Westmark's and the eight MARRI ones.
    expect(counts.participants).toBe(8);
    expect(counts.strategies).toBe(10);
    const imported = await database.db.selectFrom('audit_entries').select('actor').where('action', '=', 'plan.import').execute();
    expect(imported).toEqual(Array.from({ length: 10 }, () => ({ actor: 'demo' })));
  });

  it('imports every MARRI package as it is written and publishes its strategy and action plans, and Westmark’s with its indicators', async () => {
    expect(MARRI).toHaveLength(8);
    for (const plan of MARRI) {
      expect(await exportPlanPackage(database, { participant: plan.participant.code, strategy: plan.strategy.id })).toEqual(plan);
    }
    const published = await database.db
      .selectFrom('publications')
      .innerJoin('participants', 'participants.id', 'publications.participant_id')
      .innerJoin('strategies', 'strategies.id', 'publications.strategy_id')
      .select(['participants.code as participant', 'publications.kind', 'strategies.code as strategy', 'publications.plan_code as plan'])
      .where('publications.withdrawn_at', 'is', null)
      .execute();
    const expected = MARRI.flatMap((plan) => [
      { participant: plan.participant.code, kind: 'strategy', strategy: plan.strategy.id, plan: null },
      ...plan.actionPlans.map((actionPlan) => ({
        participant: plan.participant.code,
        kind: 'action_plan',
        strategy: plan.strategy.id,
        plan: actionPlan.id,
      })),
    ]);
    // Eight strategies and their nine action plans; Westmark's strategy, action plan and indicators; Demoland publishes nothing.
    expect(expected).toHaveLength(17);
    expected.push(
      { participant: 'WM', kind: 'strategy', strategy: 'WM-S-2021-2025', plan: null },
      { participant: 'WM', kind: 'action_plan', strategy: 'WM-S-2021-2025', plan: 'AP-WM-2021-2023' },
      { participant: 'WM', kind: 'indicator_set', strategy: 'WM-S-2021-2025', plan: 'AP-WM-2021-2023' },
    );
    expect(published).toHaveLength(expected.length);
    expect(published).toEqual(expect.arrayContaining(expected));
    const audited = await database.db.selectFrom('audit_entries').select('actor').where('action', '=', 'publication.published').execute();
    expect(audited).toHaveLength(20);
    expect(new Set(audited.map((entry) => entry.actor))).toEqual(new Set(['demo']));
  });

  it('gives the regional account the regional role in Demoland, Westmark and the six MARRI Participants', async () => {
    expect(await regionalCodes()).toEqual(['AL', 'BA', 'DL', 'ME', 'MK', 'RS', 'WM', 'XK']);
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
    expect(await exportPlanPackage(database, { participant: 'DL', strategy: DEMOLAND.strategy.id })).toEqual(withDemoLocalPlan(DEMOLAND));
  });

  it('brings the MARRI Participants, published, into a demo database from before them, with the regional account’s roles', async () => {
    const before = await rowCounts();
    await database.db
      .deleteFrom('participants')
      .where('code', 'in', [...MARRI_PARTICIPANTS])
      .execute();
    expect(await regionalCodes()).toEqual(['DL', 'WM']);
    expect(await loadDemo(database)).toEqual({ created: true });
    expect(await regionalCodes()).toEqual(['AL', 'BA', 'DL', 'ME', 'MK', 'RS', 'WM', 'XK']);
    // Everything is back as it was, the audit trail apart (the Participants' entries went with them).
    const { audit_entries: _before, ...restBefore } = before;
    const { audit_entries: _after, ...restAfter } = await rowCounts();
    expect(restAfter).toEqual(restBefore);
  });
});
