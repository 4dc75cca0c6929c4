import { AppError, type FieldIssue } from '../errors.ts';
import { fromMinorUnits, toMinorUnits, type MinorUnits } from '../format.ts';
import { planFinance, type FinanceResult } from '../measures/finance.ts';
import { compareCodePoints } from '../measures/order.ts';
import { compareRounds, counts, planProgress, type ProgressResult } from '../measures/progress.ts';
import { findActionPlan } from '../measures/scope.ts';
import type { Activity, ActionPlan, PlanPackage, Recommendation } from '../plan/package.ts';
import {
  RECOMMENDATION_SOURCES,
  type ActivityStatus,
  type FundingSource,
  type FundingStatus,
  type RecommendationSource,
} from '../plan/vocabulary.ts';

// The annual operational plan of an action plan (the practice of Kosovo* and Montenegro): for one
// year, the activities due that year, those carried over from earlier years because they were not
// done, the year's costs, and how the latest recommendations will be answered.
//
// It is not a second action plan: institutions report on the action plan's activities once, and
// the operational plan's progress is the progress measure (measures.md §2) applied to its own
// activities and its year's costs (see `operationalPackage`).
//
// - An activity is *due* in year Y when its period (start to end; the plan's own start or end when
//   the activity leaves one out) touches Y.
// - An activity is *carried over* into Y when it ended before Y and the latest word of the counted
//   reports on it as of 31 December of Y − 1 is neither `completed` nor `cancelled` (the lead
//   institution's word, else that of the first other institution by id, as in measures.md §2;
//   no word at all means not started). Its reason is prefilled from that word: the obstacles
//   reported, else the narrative.
// - The year's cost lines are prefilled from the activity's cost lines of Y (none for most carried
//   activities) and kept in integer minor units.
// - The latest recommendations are, for each source, those of the latest year of that source up to Y.

/** The life of an operational plan: drafted, then adopted (read-only from then on). */
export const OPERATIONAL_STATUSES = ['draft', 'adopted'] as const;
export type OperationalStatus = (typeof OPERATIONAL_STATUSES)[number];

/** Why an activity is in the operational plan of a year. */
export const INCLUSION_KINDS = ['due', 'carried_over'] as const;
export type InclusionKind = (typeof INCLUSION_KINDS)[number];

/** An activity of the action plan included in the operational plan. */
export type OperationalActivity = {
  activity: string;
  kind: InclusionKind;
  /** Why a carried-over activity was not done (prefilled from the last counted report, editable); null for a due one. */
  reason: string | null;
  /** The status the last counted report gave a carried-over activity at the end of the previous year. */
  reportedStatus: ActivityStatus | null;
  /** The round of that report. */
  reportedRound: string | null;
};

/** One cost line of the year for an included activity, in minor units. */
export type OperationalCost = {
  activity: string;
  amount: MinorUnits;
  source: FundingSource;
  funder: string | null;
  status: FundingStatus;
};

/** What is planned for one of the latest recommendations. */
export type OperationalRecommendation = { recommendation: string; action: string };

/** The content of an operational plan (what is stored, apart from who did what when). */
export type OperationalContent = {
  activities: OperationalActivity[];
  costs: OperationalCost[];
  recommendations: OperationalRecommendation[];
};

/** An operational plan: an action plan's year with its content and status. */
export type OperationalPlan = OperationalContent & { plan: string; year: number; status: OperationalStatus };

/** What a counted report last said about an activity. */
export type ActivityWord = {
  round: string;
  periodEnd: string;
  status: ActivityStatus;
  narrative: string | null;
  obstacles: string | null;
};

const yearText = (year: number) => String(year).padStart(4, '0');

/** The last day of a year as an ISO date. */
export function yearEnd(year: number): string {
  return `${yearText(year)}-12-31`;
}

/** The years an action plan covers, from the year of its start to the year of its end. */
export function planYears(plan: Pick<ActionPlan, 'start' | 'end'>): number[] {
  const years: number[] = [];
  for (let year = Number(plan.start.slice(0, 4)); year <= Number(plan.end.slice(0, 4)); year += 1) years.push(year);
  return years;
}

/** The first and last year of an activity, the plan's own dates standing in for those it leaves out. */
export function activityYears(activity: Pick<Activity, 'start' | 'end'>, plan: Pick<ActionPlan, 'start' | 'end'>): [number, number] {
  return [Number((activity.start ?? plan.start).slice(0, 4)), Number((activity.end ?? plan.end).slice(0, 4))];
}

/** Tells whether an activity is due in a year: its period touches the year. */
export function isDueIn(activity: Pick<Activity, 'start' | 'end'>, plan: Pick<ActionPlan, 'start' | 'end'>, year: number): boolean {
  const [first, last] = activityYears(activity, plan);
  return first <= year && year <= last;
}

/**
 * The latest word of counted reports on each of the given activities as of a date: per round in
 * the order of measures.md §2, the lead institution's first mention, else that of the first other
 * institution by id.
 */
export function latestWords(pkg: PlanPackage, activities: ReadonlyMap<string, Activity>, asOf: string): Map<string, ActivityWord> {
  const latest = new Map<string, ActivityWord>();
  const rounds = (pkg.monitoring?.rounds ?? []).filter((round) => round.periodEnd <= asOf).sort(compareRounds);
  for (const round of rounds) {
    const heard = new Map<string, { lead?: ActivityWord; others: Map<string, ActivityWord> }>();
    for (const report of round.reports) {
      if (!counts(report)) continue;
      for (const entry of report.activities) {
        const activity = activities.get(entry.activity);
        if (!activity) continue;
        let said = heard.get(entry.activity);
        if (!said) {
          said = { others: new Map() };
          heard.set(entry.activity, said);
        }
        const word: ActivityWord = {
          round: round.id,
          periodEnd: round.periodEnd,
          status: entry.status,
          narrative: blankToNull(entry.narrative),
          obstacles: blankToNull(entry.obstacles),
        };
        if (report.institution === activity.lead) said.lead ??= word;
        else if (!said.others.has(report.institution)) said.others.set(report.institution, word);
      }
    }
    for (const [activity, said] of heard) {
      const first = [...said.others.keys()].sort(compareCodePoints)[0];
      const word = said.lead ?? (first === undefined ? undefined : said.others.get(first));
      if (word) latest.set(activity, word);
    }
  }
  return latest;
}

function blankToNull(text: string | undefined): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** Tells whether a status means the activity needs no more work. */
export function isSettled(status: ActivityStatus): boolean {
  return status === 'completed' || status === 'cancelled';
}

/** The reason prefilled for a carried-over activity: the obstacles reported, else the narrative. */
export function reasonOf(word: ActivityWord | undefined): string | null {
  return word ? (word.obstacles ?? word.narrative) : null;
}

/**
 * The activities of an action plan carried over into a year: ended before it and, as of 31
 * December of the year before, neither completed nor cancelled by the last counted report; each
 * with the reason and status of that report. In plan order.
 */
export function carriedOverInto(pkg: PlanPackage, planId: string, year: number): OperationalActivity[] {
  const plan = findActionPlan(pkg, planId);
  const ended = plan.activities.filter((activity) => activityYears(activity, plan)[1] < year);
  const words = latestWords(pkg, new Map(ended.map((activity) => [activity.id, activity])), yearEnd(year - 1));
  const carried: OperationalActivity[] = [];
  for (const activity of ended) {
    const word = words.get(activity.id);
    if (word && isSettled(word.status)) continue;
    carried.push({
      activity: activity.id,
      kind: 'carried_over',
      reason: reasonOf(word),
      reportedStatus: word?.status ?? 'not_started',
      reportedRound: word?.round ?? null,
    });
  }
  return carried;
}

/** The activities of an action plan due in a year, in plan order. */
export function dueIn(pkg: PlanPackage, planId: string, year: number): OperationalActivity[] {
  const plan = findActionPlan(pkg, planId);
  return plan.activities
    .filter((activity) => isDueIn(activity, plan, year))
    .map((activity) => ({ activity: activity.id, kind: 'due', reason: null, reportedStatus: null, reportedRound: null }));
}

/**
 * The latest recommendations as of a year: for each source, the recommendations of the latest year
 * of that source not after the given year; in the order of the sources, then by id.
 */
export function latestRecommendations(pkg: PlanPackage, year: number): Recommendation[] {
  const latestYear = new Map<RecommendationSource, number>();
  for (const recommendation of pkg.recommendations ?? []) {
    if (recommendation.year > year) continue;
    latestYear.set(recommendation.source, Math.max(latestYear.get(recommendation.source) ?? recommendation.year, recommendation.year));
  }
  return (pkg.recommendations ?? [])
    .filter((recommendation) => latestYear.get(recommendation.source) === recommendation.year)
    .sort((a, b) => RECOMMENDATION_SOURCES.indexOf(a.source) - RECOMMENDATION_SOURCES.indexOf(b.source) || compareCodePoints(a.id, b.id));
}

/** Fails with VALIDATION_FAILED unless the year is one of the action plan's years. */
export function requirePlanYear(plan: ActionPlan, year: number): void {
  const years = planYears(plan);
  if (!years.includes(year)) {
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ path: 'year', key: 'year_outside_plan', params: { start: plan.start, end: plan.end } }],
      detail: `${year} is not a year of action plan ${plan.id}`,
    });
  }
}

/**
 * The first draft of the operational plan of a year: the activities due, then those carried over
 * with their reasons, the cost lines of the year of every included activity, and the latest
 * recommendations with an empty planned action.
 */
export function draftOperationalPlan(pkg: PlanPackage, planId: string, year: number): OperationalPlan {
  const plan = findActionPlan(pkg, planId);
  requirePlanYear(plan, year);
  const activities = [...dueIn(pkg, planId, year), ...carriedOverInto(pkg, planId, year)];
  const byId = new Map(plan.activities.map((activity) => [activity.id, activity]));
  const costs: OperationalCost[] = [];
  for (const included of activities) {
    for (const line of byId.get(included.activity)?.costs ?? []) {
      if (line.year !== year) continue;
      costs.push({
        activity: included.activity,
        amount: toMinorUnits(line.amount),
        source: line.source,
        funder: line.funder ?? null,
        status: line.status,
      });
    }
  }
  return {
    plan: planId,
    year,
    status: 'draft',
    activities,
    costs,
    recommendations: latestRecommendations(pkg, year).map((recommendation) => ({ recommendation: recommendation.id, action: '' })),
  };
}

/** A change to a draft operational plan: its whole content as the coordinator leaves it. */
export type OperationalChange = {
  activities: { activity: string; reason: string | null }[];
  costs: OperationalCost[];
  recommendations: OperationalRecommendation[];
};

/**
 * Checks a change against the action plan and gives the new content: each activity must be one of
 * the plan's, listed once, and due in the year or ended before it (its kind follows from its
 * dates); costs only for included activities, whole non-negative minor units; recommendations from
 * the register, once each. Every problem names its path; with any problem nothing changes.
 */
export function reviseOperationalPlan(
  pkg: PlanPackage,
  current: OperationalPlan,
  change: OperationalChange,
): { content: OperationalContent; issues: FieldIssue[] } {
  const plan = findActionPlan(pkg, current.plan);
  const byId = new Map(plan.activities.map((activity) => [activity.id, activity]));
  const before = new Map(current.activities.map((item) => [item.activity, item]));
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const activities: OperationalActivity[] = [];
  change.activities.forEach((item, index) => {
    const path = `activities[${index}].activity`;
    const activity = byId.get(item.activity);
    if (!activity) {
      issues.push({ path, key: 'unknown_activity', params: { id: item.activity } });
      return;
    }
    if (seen.has(item.activity)) {
      issues.push({ path, key: 'activity_repeated', params: { id: item.activity } });
      return;
    }
    seen.add(item.activity);
    const [first, last] = activityYears(activity, plan);
    if (first > current.year) {
      issues.push({ path, key: 'activity_after_year', params: { id: item.activity, year: current.year } });
      return;
    }
    const kind: InclusionKind = last < current.year ? 'carried_over' : 'due';
    const earlier = before.get(item.activity);
    const reason = kind === 'carried_over' ? blankToNull(item.reason ?? undefined) : null;
    activities.push({
      activity: item.activity,
      kind,
      reason,
      reportedStatus: kind === 'carried_over' ? (earlier?.reportedStatus ?? null) : null,
      reportedRound: kind === 'carried_over' ? (earlier?.reportedRound ?? null) : null,
    });
  });
  change.costs.forEach((line, index) => {
    if (!seen.has(line.activity)) {
      issues.push({ path: `costs[${index}].activity`, key: 'cost_activity_not_included', params: { id: line.activity } });
    }
    if (!Number.isSafeInteger(line.amount) || line.amount < 0)
      issues.push({ path: `costs[${index}].amount`, key: 'too_small', params: { minimum: 0 } });
  });
  const register = new Set((pkg.recommendations ?? []).map((recommendation) => recommendation.id));
  const answered = new Set<string>();
  change.recommendations.forEach((item, index) => {
    const path = `recommendations[${index}].recommendation`;
    if (!register.has(item.recommendation)) issues.push({ path, key: 'unknown_recommendation', params: { id: item.recommendation } });
    else if (answered.has(item.recommendation)) issues.push({ path, key: 'activity_repeated', params: { id: item.recommendation } });
    answered.add(item.recommendation);
  });
  return {
    content: {
      activities,
      costs: change.costs.map((line) => ({ ...line, funder: blankToNull(line.funder ?? undefined) })),
      recommendations: change.recommendations.map((item) => ({ recommendation: item.recommendation, action: item.action.trim() })),
    },
    issues,
  };
}

/**
 * The package the measures read for an operational plan: its action plan holding only the included
 * activities, each with the operational plan's cost lines of the year instead of its own. Nothing
 * else changes, so progress and finance are the measures of measures.md on this scope.
 */
export function operationalPackage(
  pkg: PlanPackage,
  operational: Pick<OperationalPlan, 'plan' | 'year' | 'activities' | 'costs'>,
): PlanPackage {
  const plan = findActionPlan(pkg, operational.plan);
  const included = new Set(operational.activities.map((item) => item.activity));
  const costsOf = new Map<string, OperationalCost[]>();
  for (const line of operational.costs) costsOf.set(line.activity, [...(costsOf.get(line.activity) ?? []), line]);
  const activities = plan.activities
    .filter((activity) => included.has(activity.id))
    .map((activity) => ({
      ...activity,
      costs: (costsOf.get(activity.id) ?? []).map((line) => ({
        year: operational.year,
        amount: fromMinorUnits(line.amount),
        source: line.source,
        ...(line.funder !== null ? { funder: line.funder } : {}),
        status: line.status,
      })),
    }));
  return { ...pkg, actionPlans: pkg.actionPlans.map((candidate) => (candidate.id === plan.id ? { ...plan, activities } : candidate)) };
}

/** The progress of an operational plan as of a date: measures.md §2 on its activities, its year's costs and money spent in its year. */
export function operationalProgress(pkg: PlanPackage, operational: OperationalPlan, asOf: string, address: string): ProgressResult {
  return planProgress(operationalPackage(pkg, operational), operational.plan, asOf, address, { year: operational.year });
}

/** The finance figures of an operational plan: measures.md §1 on its year's cost lines. */
export function operationalFinance(pkg: PlanPackage, operational: OperationalPlan, address: string): FinanceResult {
  return planFinance(operationalPackage(pkg, operational), operational.plan, address);
}

/** The catalogue keys of the inclusion kinds and statuses of operational plans. */
export const INCLUSION_KIND_KEYS = {
  due: 'app.operational.kind.due',
  carried_over: 'app.operational.kind.carried_over',
} as const satisfies Record<InclusionKind, string>;

export const OPERATIONAL_STATUS_KEYS = {
  draft: 'app.operational.status.draft',
  adopted: 'app.operational.status.adopted',
} as const satisfies Record<OperationalStatus, string>;
