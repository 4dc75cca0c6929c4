import { AppError, type PlanPackage } from '@ariadne/domain';
import { readPlanPackageSnapshot, type Database } from '@ariadne/db';

export type LoadedActionPlan = {
  /** The package of the strategy the action plan belongs to (the scope of every measure). */
  plan: PlanPackage;
  /** The action plan's id in the package. */
  planId: string;
  /** `PARTICIPANT/PLAN_ID`, as the measures name the plan. */
  address: string;
};

/**
 * Loads the strategy package of an action plan addressed as `PARTICIPANT/PLAN_ID`, in one
 * consistent snapshot, for the measures of measures.md to work on.
 */
export async function loadActionPlan(database: Database, participant: string, planId: string): Promise<LoadedActionPlan> {
  const plan = await readPlanPackageSnapshot(database.db, async (trx) => {
    const found = await trx
      .selectFrom('action_plans')
      .innerJoin('participants', 'participants.id', 'action_plans.participant_id')
      .select('action_plans.strategy_id')
      .where('participants.code', '=', participant)
      .where('action_plans.code', '=', planId)
      .executeTakeFirst();
    return found?.strategy_id;
  });
  if (!plan) {
    throw new AppError('NOT_FOUND', {
      issues: [{ path: `${participant}/${planId}`, key: 'action_plan_not_found', params: { participant, id: planId } }],
      detail: `no action plan ${participant}/${planId}`,
    });
  }
  return { plan, planId, address: `${participant}/${planId}` };
}
