import { applyPlanEdit, type PlanEdit } from '../plan/edit.ts';
import { documentsTouched, STRATEGY_DOCUMENT } from '../plan/lifecycle.ts';
import type { PlanPackage } from '../plan/package.ts';

/**
 * The edits of a list that reach beyond the action plans given (a local coordinator's own plan):
 * an edit is within them when every document it touches is one of them, so the strategy's own
 * elements (goals, objectives, their indicators, risks, recommendations), another plan's activities,
 * a new action plan and deleting a plan are all outside. The edits are followed in order, so that an
 * indicator added under an activity created earlier in the list is placed in that activity's plan.
 * Returns the indexes of the edits outside, in order.
 */
export function editsOutsidePlans(pkg: PlanPackage, edits: readonly PlanEdit[], plans: readonly string[]): number[] {
  const allowed = new Set(plans);
  const outside: number[] = [];
  let current = pkg;
  edits.forEach((edit, index) => {
    const touched = documentsTouched(current, edit);
    const within =
      touched.length > 0 &&
      touched.every((document) => document !== STRATEGY_DOCUMENT && allowed.has(document)) &&
      !(edit.kind === 'action_plan' && edit.op !== 'update');
    if (!within) {
      outside.push(index);
      return;
    }
    const applied = applyPlanEdit(current, edit);
    if (applied.ok) current = applied.plan;
  });
  return outside;
}
