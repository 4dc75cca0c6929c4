import type { CostItem, DonorView, RegionalResult, ResourcePlan, SharedIndicatorSummary, ThematicComparison } from '@ariadne/domain';
import { participantPath } from './api.ts';

// The answers of the cost and regional endpoints, as the financial plan, the donor view and the
// regional picture read them: the shapes of the domain's measures, as the server sends them.

export type { CostItem, ResourcePlan } from '@ariadne/domain';

/** `GET …/action-plans/{plan}/costs`. */
export type PlanCosts = {
  plan: string;
  currency: string;
  items: CostItem[];
  resourcePlan: ResourcePlan;
  donorView: DonorView;
};

/** `GET /api/regional?asOf=`: where each Participant stands at the date. */
export type RegionalPicture = RegionalResult;

/** `GET /api/regional/comparison?asOf=`: the thematic structures side by side and the shared published indicators. */
export type RegionalComparison = {
  asOf: string;
  structures: Omit<ThematicComparison, 'asOf'>;
  indicators: SharedIndicatorSummary[];
};

export type { SharedIndicator } from '@ariadne/domain';

/** The path of an action plan's resource under its Participant. */
export function actionPlanPath(participant: string, planId: string, rest: string): string {
  return participantPath(participant, `/action-plans/${encodeURIComponent(planId)}${rest}`);
}
