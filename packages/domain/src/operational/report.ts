import { fromMinorUnits } from '../format.ts';
import type { FinanceResult } from '../measures/finance.ts';
import type { ProgressResult } from '../measures/progress.ts';
import { findActionPlan, institutionsById } from '../measures/scope.ts';
import type { PlanPackage } from '../plan/package.ts';
import type { ActivityStatus, FundingSource, FundingStatus, RecommendationSource } from '../plan/vocabulary.ts';
import { operationalFinance, operationalProgress, type InclusionKind, type OperationalPlan, type OperationalStatus } from './plan.ts';

// The report of an operational plan as of a date: the year's activities with their status (the
// progress measure on the operational plan), the carried-over ones and why, the year's costs, and
// what is planned for the latest recommendations with the activities answering them. The page and
// the Word document show the same content.

export type OperationalReportActivity = {
  activity: string;
  kind: InclusionKind;
  title: string;
  lead: { id: string; name: string | null } | null;
  start: string | null;
  end: string | null;
  /** The status as of the report's date (measures.md §2). */
  status: ActivityStatus;
  reason: string | null;
  reportedStatus: ActivityStatus | null;
  reportedRound: string | null;
  /** The year's planned cost of the activity. */
  cost: number;
};

export type OperationalReportCost = {
  activity: string;
  amount: number;
  source: FundingSource;
  funder: string | null;
  status: FundingStatus;
};

export type OperationalReportRecommendation = {
  id: string;
  source: RecommendationSource;
  reference: string | null;
  year: number;
  text: string;
  action: string;
  /** The included activities that name the recommendation. */
  activities: string[];
};

export type OperationalReport = {
  participant: string;
  plan: { id: string; title: string };
  year: number;
  status: OperationalStatus;
  asOf: string;
  currency: string;
  due: OperationalReportActivity[];
  carriedOver: OperationalReportActivity[];
  costs: OperationalReportCost[];
  finance: FinanceResult;
  progress: ProgressResult;
  recommendations: OperationalReportRecommendation[];
};

/** The content of an operational plan's report as of a date (see the top of this file). */
export function operationalReport(pkg: PlanPackage, operational: OperationalPlan, asOf: string, address: string): OperationalReport {
  const plan = findActionPlan(pkg, operational.plan);
  const institutions = institutionsById(pkg);
  const byId = new Map(plan.activities.map((activity) => [activity.id, activity]));
  const progress = operationalProgress(pkg, operational, asOf, address);
  const finance = operationalFinance(pkg, operational, address);
  const statusOf = new Map(progress.activities.items.map((item) => [item.id, item.status]));
  const costOf = new Map<string, number>();
  for (const line of operational.costs) costOf.set(line.activity, (costOf.get(line.activity) ?? 0) + line.amount);
  const rows: OperationalReportActivity[] = operational.activities.map((item) => {
    const activity = byId.get(item.activity);
    return {
      activity: item.activity,
      kind: item.kind,
      title: activity?.title ?? item.activity,
      lead: activity?.lead === undefined ? null : { id: activity.lead, name: institutions.get(activity.lead)?.name ?? null },
      start: activity?.start ?? null,
      end: activity?.end ?? null,
      status: statusOf.get(item.activity) ?? 'not_started',
      reason: item.reason,
      reportedStatus: item.reportedStatus,
      reportedRound: item.reportedRound,
      cost: fromMinorUnits(costOf.get(item.activity) ?? 0),
    };
  });
  const register = new Map((pkg.recommendations ?? []).map((recommendation) => [recommendation.id, recommendation]));
  return {
    participant: pkg.participant.code,
    plan: { id: plan.id, title: plan.title },
    year: operational.year,
    status: operational.status,
    asOf: progress.asOf,
    currency: pkg.participant.currency,
    due: rows.filter((row) => row.kind === 'due'),
    carriedOver: rows.filter((row) => row.kind === 'carried_over'),
    costs: operational.costs.map((line) => ({ ...line, amount: fromMinorUnits(line.amount) })),
    finance,
    progress,
    recommendations: operational.recommendations.flatMap((item) => {
      const recommendation = register.get(item.recommendation);
      if (!recommendation) return [];
      return [
        {
          id: recommendation.id,
          source: recommendation.source,
          reference: recommendation.reference ?? null,
          year: recommendation.year,
          text: recommendation.text,
          action: item.action,
          activities: operational.activities
            .filter((included) => byId.get(included.activity)?.recommendations?.includes(recommendation.id) ?? false)
            .map((included) => included.activity),
        },
      ];
    }),
  };
}

/** The texts of the operational plan's report and of the carry-over report (the page and the Word documents). */
export const OPERATIONAL_TEXTS = {
  title: 'app.operational.document.title',
  facts: 'app.operational.document.facts',
  adopted: 'app.operational.document.adopted',
  draft: 'app.operational.document.draft',
  summary: 'app.operational.document.summary',
  due: 'app.operational.sections.due',
  carried: 'app.operational.sections.carried',
  costs: 'app.operational.sections.costs',
  recommendations: 'app.operational.sections.recommendations',
  activity: 'app.operational.columns.activity',
  lead: 'app.operational.columns.lead',
  period: 'app.operational.columns.period',
  status: 'app.operational.columns.status',
  cost: 'app.operational.columns.cost',
  reason: 'app.operational.columns.reason',
  reported: 'app.operational.columns.reported',
  amount: 'app.operational.columns.amount',
  source: 'app.operational.columns.source',
  funding: 'app.operational.columns.funding',
  total: 'app.operational.columns.total',
  action: 'app.operational.columns.action',
  answering: 'app.operational.columns.answering',
  none: 'app.operational.document.none',
  noReason: 'app.operational.document.noReason',
  page: 'app.operational.document.page',
  carryOverTitle: 'app.operational.carryOver.title',
  carryOverFacts: 'app.operational.carryOver.facts',
  year: 'app.operational.carryOver.year',
  atYearEnd: 'app.operational.columns.atYearEnd',
  fate: 'app.operational.columns.fate',
  nothingLeft: 'app.operational.carryOver.nothingLeft',
} as const;
