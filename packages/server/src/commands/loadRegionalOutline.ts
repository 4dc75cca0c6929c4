import type { PlanPackage } from '@ariadne/domain';
import { listStrategyOutlines, type Database } from '@ariadne/db';

/**
 * The strategies and action plans of every Participant, as plan packages that carry only what the
 * regional picture (measures.md §4) looks at: the Participant, each strategy's status, period and
 * principles, and its action plans' status and dates. Goals, activities and monitoring are left
 * out, so the whole region is read in two queries however large its plans are.
 */
export async function loadRegionalOutline(database: Database): Promise<PlanPackage[]> {
  const outlines = await listStrategyOutlines(database.db);
  return outlines.map(({ participant, actionPlans, ...strategy }) => ({
    format: 'ariadne.plan-package',
    version: 1,
    participant,
    institutions: [],
    strategy: { ...strategy, goals: [] },
    actionPlans: actionPlans.map((plan) => ({ ...plan, activities: [] })),
  }));
}
