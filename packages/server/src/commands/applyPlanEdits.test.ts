import { applyPlanEdit, elementOf, isAppError, randomPlanEdit, seededRandom, validatePlanPackage, type PlanEdit } from '@ariadne/domain';
import { comparablePackage, generatePlanPackage, SMALL_SCALE } from '@ariadne/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentStrategyState } from '../plan-cache.ts';
import { startTestServer, type TestServer } from '../testing.ts';
import { exportPlanPackage } from './exportPlanPackage.ts';
import { importPlanPackage } from './importPlanPackage.ts';
import { applyPlanEdits } from './applyPlanEdits.ts';
import { changeDocumentStatus } from './changeDocumentStatus.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

const actor = { userId: 1, email: 'editor@example.org' };

/** Random edits through the command, each with the version it saw; the refused ones are counted. */
async function editAtRandom(participant: string, strategy: string, seed: number, count: number) {
  const random = seededRandom(seed);
  let next = 0;
  const fresh = () => `R${seed}-${(next += 1)}`;
  const tally = { applied: 0, refused: 0 };
  for (let i = 0; i < count; i += 1) {
    const state = await currentStrategyState(server.database, participant, strategy);
    const edit = randomPlanEdit(state.plan, random, fresh);
    const withVersion: PlanEdit = 'version' in edit ? { ...edit, version: state.versions.get(edit.code) ?? 1 } : edit;
    try {
      await applyPlanEdits(server.database, { participant, strategy, edits: [withVersion], actor });
      tally.applied += 1;
    } catch (error) {
      if (!isAppError(error) || error.status >= 500) throw error;
      // The domain refuses the same edits on the same package.
      expect(applyPlanEdit(state.plan, edit).ok && error.code !== 'VALIDATION_FAILED' && error.code !== 'DOCUMENT_FROZEN').toBe(false);
      tally.refused += 1;
    }
  }
  return tally;
}

describe('applying edits', () => {
  it('keeps the held package equal to the export, through random edits of Demoland', async () => {
    // Open both of Demoland's adopted documents to edits.
    await server.database.db.updateTable('strategies').set({ status: 'draft' }).execute();
    await server.database.db.updateTable('action_plans').set({ status: 'draft' }).execute();
    const tally = await editAtRandom('DL', 'NS-2021-2024', 5, 120);
    expect(tally.applied).toBeGreaterThan(60);
    const held = await currentStrategyState(server.database, 'DL', 'NS-2021-2024');
    const exported = await exportPlanPackage(server.database, { participant: 'DL', strategy: 'NS-2021-2024' });
    expect(validatePlanPackage(exported).ok).toBe(true);
    expect(exported).toEqual(held.plan);
  });

  it('does the same on a generated package', async () => {
    const plan = generatePlanPackage({
      seed: 3,
      scale: { ...SMALL_SCALE, activities: 40 },
      participant: { code: 'GN', name: 'Generatia', currency: 'EUR' },
    });
    plan.strategy.status = 'draft';
    for (const actionPlan of plan.actionPlans) actionPlan.status = 'draft';
    await importPlanPackage(server.database, { plan, actor: { system: 'test' } });
    const tally = await editAtRandom('GN', plan.strategy.id, 7, 100);
    expect(tally.applied).toBeGreaterThan(40);
    const held = await currentStrategyState(server.database, 'GN', plan.strategy.id);
    const exported = await exportPlanPackage(server.database, { participant: 'GN', strategy: plan.strategy.id });
    expect(validatePlanPackage(exported).ok).toBe(true);
    expect(exported).toEqual(held.plan);
  });

  it('sees writes made outside the server through the revision', async () => {
    const before = await currentStrategyState(server.database, 'DL', 'NS-2021-2024');
    await sql`UPDATE goals SET title = 'Written by another process' WHERE position = 0 AND strategy_id = ${before.strategyId}`.execute(
      server.database.db,
    );
    const after = await currentStrategyState(server.database, 'DL', 'NS-2021-2024');
    expect(after.revision).toBeGreaterThan(before.revision);
    expect(after.plan.strategy.goals[0]?.title).toBe('Written by another process');
    // Unchanged, it is the same held state.
    expect(await currentStrategyState(server.database, 'DL', 'NS-2021-2024')).toBe(after);
  });

  it('lets one of two simultaneous changes of an element through and refuses the other', async () => {
    const state = await currentStrategyState(server.database, 'DL', 'NS-2021-2024');
    const activity = elementOf(state.plan, state.plan.actionPlans[1]!.activities[0]!.id)!;
    const version = state.versions.get(activity.code)!;
    const change = (title: string) =>
      applyPlanEdits(server.database, {
        participant: 'DL',
        strategy: 'NS-2021-2024',
        edits: [{ op: 'update', kind: 'activity', code: activity.code, version, data: { ...activity.data, title } }],
        actor,
      }).then(
        () => 'applied',
        (error: unknown) => (isAppError(error) ? error.code : 'crashed'),
      );
    const outcomes = await Promise.all([change('One'), change('Two')]);
    expect(outcomes.sort()).toEqual(['EDIT_CONFLICT', 'applied']);
  });

  it('replacing a strategy by an import drops its versions and edits', async () => {
    const plan = generatePlanPackage({ seed: 4, participant: { code: 'RP', name: 'Replaceland', currency: 'EUR' } });
    plan.strategy.status = 'draft';
    await importPlanPackage(server.database, { plan, actor: { system: 'test' } });
    const state = await currentStrategyState(server.database, 'RP', plan.strategy.id);
    await changeDocumentStatus(server.database, {
      participant: 'RP',
      strategy: plan.strategy.id,
      document: 'strategy',
      status: 'adopted',
      adoptedOn: '2021-01-15',
      adoptedBy: 'Government',
      version: state.versions.get(plan.strategy.id)!,
      actor,
    });
    const versions = () =>
      server.database.db.selectFrom('document_versions').select('id').where('strategy_id', '=', state.strategyId).execute();
    expect(await versions()).toHaveLength(1);
    await importPlanPackage(server.database, { plan, replace: true, actor: { system: 'test' } });
    expect(await versions()).toHaveLength(0);
    const replaced = await currentStrategyState(server.database, 'RP', plan.strategy.id);
    expect(replaced.strategyId).not.toBe(state.strategyId);
    expect(comparablePackage(replaced.plan)).toEqual(comparablePackage(plan));
  });
});
