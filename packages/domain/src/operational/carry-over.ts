import { requireAsOf } from '../measures/dates.ts';
import { findActionPlan, institutionsById } from '../measures/scope.ts';
import type { PlanPackage } from '../plan/package.ts';
import type { ActivityStatus } from '../plan/vocabulary.ts';
import { activityYears, isSettled, latestWords, planYears, reasonOf, yearEnd, type InclusionKind } from './plan.ts';

// The carry-over report of an action plan, as of a date D: for each year Y of the plan that ended
// before D, the activities that were due by the end of Y (their end falls in Y, or the operational
// plan of Y carried them over) and that the last counted report as of 31 December Y did not give as
// completed or cancelled; and what happened to each since, the first that applies:
//   1. the last counted report as of D says completed  → completed (in that round)
//   2. the last counted report as of D says cancelled  → cancelled (in that round)
//   3. the operational plan of Y + 1 carries it over   → carried_over
//   4. otherwise                                       → pending

/** What happened to an activity not done by the end of its year. */
export const CARRY_OVER_FATES = ['completed', 'cancelled', 'carried_over', 'pending'] as const;
export type CarryOverFate = (typeof CARRY_OVER_FATES)[number];

/** The operational plans the report reads: each year's activities with their kind. */
export type OperationalYear = { year: number; activities: { activity: string; kind: InclusionKind }[] };

export type CarryOverEntry = {
  activity: string;
  title: string;
  lead: { id: string; name: string | null } | null;
  /** The activity's end, when it gives one. */
  end: string | null;
  /** The status the last counted report gave as of 31 December of the year (not_started without one). */
  statusAtYearEnd: ActivityStatus;
  /** The obstacles, else the narrative, of that report. */
  reason: string | null;
  fate: CarryOverFate;
  /** The round that completed or cancelled it. */
  fateRound: string | null;
  /** The status as of D. */
  statusNow: ActivityStatus;
};

export type CarryOverYear = { year: number; entries: CarryOverEntry[] };

export type CarryOverReport = { plan: string; asOf: string; years: CarryOverYear[] };

/** The carry-over report of an action plan as of a date (rule at the top of this file), in plan order within each year. */
export function carryOverReport(pkg: PlanPackage, planId: string, operational: readonly OperationalYear[], asOf: string): CarryOverReport {
  const date = requireAsOf(asOf);
  const plan = findActionPlan(pkg, planId);
  const institutions = institutionsById(pkg);
  const activities = new Map(plan.activities.map((activity) => [activity.id, activity]));
  const now = latestWords(pkg, activities, date);
  const carriedInto = new Map<number, Set<string>>();
  for (const item of operational) {
    carriedInto.set(item.year, new Set(item.activities.filter((entry) => entry.kind === 'carried_over').map((entry) => entry.activity)));
  }
  const years: CarryOverYear[] = [];
  for (const year of planYears(plan)) {
    if (yearEnd(year) >= date) break;
    const atEnd = latestWords(pkg, activities, yearEnd(year));
    const entries: CarryOverEntry[] = [];
    for (const activity of plan.activities) {
      const endsInYear = activityYears(activity, plan)[1] === year;
      if (!endsInYear && !(carriedInto.get(year)?.has(activity.id) ?? false)) continue;
      const word = atEnd.get(activity.id);
      if (word && isSettled(word.status)) continue;
      const latest = now.get(activity.id);
      let fate: CarryOverFate;
      if (latest?.status === 'completed') fate = 'completed';
      else if (latest?.status === 'cancelled') fate = 'cancelled';
      else if (carriedInto.get(year + 1)?.has(activity.id) ?? false) fate = 'carried_over';
      else fate = 'pending';
      entries.push({
        activity: activity.id,
        title: activity.title,
        lead: activity.lead === undefined ? null : { id: activity.lead, name: institutions.get(activity.lead)?.name ?? null },
        end: activity.end ?? null,
        statusAtYearEnd: word?.status ?? 'not_started',
        reason: reasonOf(word),
        fate,
        fateRound: fate === 'completed' || fate === 'cancelled' ? (latest?.round ?? null) : null,
        statusNow: latest?.status ?? 'not_started',
      });
    }
    years.push({ year, entries });
  }
  return { plan: planId, asOf: date, years };
}

/** The catalogue keys of the fates. */
export const CARRY_OVER_FATE_KEYS = {
  completed: 'app.operational.fate.completed',
  cancelled: 'app.operational.fate.cancelled',
  carried_over: 'app.operational.fate.carried_over',
  pending: 'app.operational.fate.pending',
} as const satisfies Record<CarryOverFate, string>;
