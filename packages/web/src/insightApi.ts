import type { Area, FundingSource, FundingStatus, Principle } from '@ariadne/domain';
import { participantPath } from './api.ts';

// The answers of the cost and regional endpoints, as the financial plan, the donor view and the
// regional picture read them.

/** One cost line of `GET …/action-plans/{plan}/costs`, with where its activity sits and who leads it. */
export type CostItem = {
  activity: string;
  title: string;
  objective: string;
  goal: string;
  area: Area;
  lead: string | null;
  leadName: string | null;
  year: number;
  source: FundingSource;
  funder: string | null;
  status: FundingStatus;
  amount: number;
};

/** The resource plan: costs per area and year, with totals. */
export type ResourcePlan = {
  years: number[];
  areas: Area[];
  cells: { area: Area; year: number; amount: number }[];
  byArea: Record<string, number>;
  byYear: Record<string, number>;
  total: number;
};

/** One activity of the donor view. */
export type DonorViewItem = {
  activity: string;
  title: string;
  area: Area;
  goal: string;
  objective: string;
  lead: string | null;
  leadName: string | null;
  totalCost: number;
  unfunded: number;
};

/** `GET …/action-plans/{plan}/costs`. */
export type PlanCosts = {
  plan: string;
  currency: string;
  items: CostItem[];
  resourcePlan: ResourcePlan;
  donorView: { currency: string; items: DonorViewItem[]; totalUnfunded: number };
};

/** A strategy in the regional picture. */
export type RegionalStrategy = { id: string; title: string; periodStart: number; periodEnd: number };

/** `GET /api/regional?asOf=`: where each Participant stands at the date. */
export type RegionalPicture = {
  asOf: string;
  participants: {
    code: string;
    name: string;
    validStrategies: RegionalStrategy[];
    validActionPlans: { id: string; title: string; start: string; end: string }[];
    expiredStrategy: RegionalStrategy | null;
    principles: Principle[];
  }[];
};

/** The path of an action plan's resource under its Participant. */
export function actionPlanPath(participant: string, planId: string, rest: string): string {
  return participantPath(participant, `/action-plans/${encodeURIComponent(planId)}${rest}`);
}
