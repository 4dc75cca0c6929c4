import { readFileSync } from 'node:fs';
import type { PlanPackage } from '@ariadne/domain';
import type { Database } from '@ariadne/db';
import { openTestDatabase } from '@ariadne/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPlanPackage } from './commands/importPlanPackage.ts';
import { currentPlanState, currentStrategyState, warmRecentStrategies, warmStrategyState } from './plan-cache.ts';

const demoland = (): PlanPackage => JSON.parse(readFileSync(new URL('../demo/demoland.plan.json', import.meta.url), 'utf8')) as PlanPackage;

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
  await importPlanPackage(database, { plan: demoland(), actor: { system: 'test' } });
});
afterAll(async () => database?.close());

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the condition never held');
}

describe('the plan cache', () => {
  it('reads the plan without its monitoring history when nothing is held, then holds the whole state once warmed', async () => {
    const plan = demoland();
    const light = await currentPlanState(database, 'DL', plan.strategy.id);
    expect(light.plan.monitoring).toBeUndefined();
    expect(light.plan.strategy).toEqual(plan.strategy);
    expect(light.plan.actionPlans).toEqual(plan.actionPlans);
    expect(light.versions.get(plan.strategy.id)).toBe(1);

    warmStrategyState(database, 'DL', plan.strategy.id);
    await until(async () => (await currentPlanState(database, 'DL', plan.strategy.id)).plan.monitoring !== undefined);
    const held = await currentPlanState(database, 'DL', plan.strategy.id);
    expect(held.plan.monitoring).toEqual(plan.monitoring);
    // The same held state serves the measures and the editor.
    expect(await currentStrategyState(database, 'DL', plan.strategy.id)).toBe(held);
  });

  it('reads again after any write to the strategy, whoever makes it', async () => {
    const plan = demoland();
    const before = await currentStrategyState(database, 'DL', plan.strategy.id);
    await database.db.updateTable('goals').set({ title: 'Changed elsewhere' }).where('code', '=', plan.strategy.goals[0]!.id).execute();
    const after = await currentStrategyState(database, 'DL', plan.strategy.id);
    expect(after.revision).toBeGreaterThan(before.revision);
    expect(after.plan.strategy.goals[0]!.title).toBe('Changed elsewhere');
    expect(after.plan.monitoring).toEqual(plan.monitoring);
  });
});

describe('warming the cache at start-up', () => {
  it('reads the strategies in force or in preparation, so that the first requests find them held', async () => {
    const fresh = await openTestDatabase();
    try {
      await importPlanPackage(fresh, { plan: demoland(), actor: { system: 'test' } });
      expect(await warmRecentStrategies(fresh)).toBe(1);
      const held = await currentPlanState(fresh, 'DL', demoland().strategy.id);
      // Only a held state carries the monitoring history (a cold read for the outline leaves it out).
      expect(held.plan.monitoring).toEqual(demoland().monitoring);
    } finally {
      await fresh.close();
    }
  });
});
