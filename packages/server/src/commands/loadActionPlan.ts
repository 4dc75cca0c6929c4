import { AppError, type PlanPackage } from '@ariadne/domain';
import type { Database } from '@ariadne/db';
import { currentPlanState, currentStrategyState } from '../plan-cache.ts';

export type LoadedActionPlan = {
  /** The package of the strategy the action plan belongs to (the scope of every measure). */
  plan: PlanPackage;
  /** The action plan's id in the package. */
  planId: string;
  /** `PARTICIPANT/PLAN_ID`, as the measures name the plan. */
  address: string;
};

function actionPlanNotFound(participant: string, planId: string): AppError {
  return new AppError('NOT_FOUND', {
    issues: [{ path: `${participant}/${planId}`, key: 'action_plan_not_found', params: { participant, id: planId } }],
    detail: `no action plan ${participant}/${planId}`,
  });
}

/**
 * Loads the strategy package of an action plan addressed as `PARTICIPANT/PLAN_ID`, for the measures
 * of measures.md to work on: the strategy's current state, read in one consistent snapshot and held
 * while no one writes to the strategy (see `plan-cache.ts`). Treat the package as read-only.
 * `monitoring: false` is for measures that do not read the monitoring history (the review, the
 * financial plan): unless the whole state is held, the package is read without it (most of a
 * national plan's rows, so a fraction of the time) and not held.
 */
export async function loadActionPlan(
  database: Database,
  participant: string,
  planId: string,
  options: { monitoring?: boolean } = {},
): Promise<LoadedActionPlan> {
  const found = await database.db
    .selectFrom('action_plans')
    .innerJoin('participants', 'participants.id', 'action_plans.participant_id')
    .innerJoin('strategies', 'strategies.id', 'action_plans.strategy_id')
    .select('strategies.code as strategy')
    .where('participants.code', '=', participant)
    .where('action_plans.code', '=', planId)
    .executeTakeFirst();
  if (!found) throw actionPlanNotFound(participant, planId);
  const { plan } =
    options.monitoring === false
      ? await currentPlanState(database, participant, found.strategy)
      : await currentStrategyState(database, participant, found.strategy);
  // The plan may have been moved or deleted between the two reads.
  if (!plan.actionPlans.some((actionPlan) => actionPlan.id === planId)) throw actionPlanNotFound(participant, planId);
  return { plan, planId, address: `${participant}/${planId}` };
}
