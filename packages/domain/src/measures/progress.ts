import { fromMinorUnits, roundHalfAwayFromZero, type MinorUnits } from '../format.ts';
import type { Indicator, PlanPackage, Report, Round } from '../plan/package.ts';
import { AREAS, type ActivityStatus, type Area } from '../plan/vocabulary.ts';
import { dayNumber, requireAsOf, yearOf } from './dates.ts';
import { compareCodePoints } from './order.ts';
import { areaByObjective, findActionPlan, indicatorsInScope, minorUnitsOf, shareOf } from './scope.ts';

/** Counts of activities per status; every status is present. */
export type StatusCounts = Record<ActivityStatus, number>;

/** Where an indicator stands at the as-of date (measures.md §2). */
export const INDICATOR_STATUSES = ['not_measurable', 'no_data', 'achieved', 'on_track', 'at_risk', 'off_track'] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];

/** One indicator of the progress figures. */
export type IndicatorProgress = {
  id: string;
  baseline: number | null;
  target: number | null;
  actual: number | null;
  progress: number | null;
  expected: number | null;
  status: IndicatorStatus;
};

/** The progress figures of an action plan as of a date (measures.md §2, cli.md "progress"). */
export type ProgressResult = {
  plan: string;
  asOf: string;
  activities: {
    total: number;
    byStatus: StatusCounts;
    implementationRate: number | null;
    /** Counts per area of the goal above each activity's objective; only areas with an activity. */
    byArea: Record<string, StatusCounts>;
    items: { id: string; status: ActivityStatus }[];
  };
  indicators: IndicatorProgress[];
  budget: { plannedToDate: number; spent: number; execution: number | null };
};

/** The order of rounds (measures.md §2): by period end, then by id. */
export function compareRounds(a: Round, b: Round): number {
  return compareCodePoints(a.periodEnd, b.periodEnd) || compareCodePoints(a.id, b.id);
}

/** Rounds that count at D, ordered by period end, then id (measures.md §2). */
export function countedRounds(rounds: readonly Round[], asOf: string): Round[] {
  return rounds.filter((round) => round.periodEnd <= asOf).sort(compareRounds);
}

/** Tells whether a report counts: accepted now, whatever its submission date. */
export function counts(report: Report): boolean {
  return report.status === 'accepted';
}

function emptyCounts(): StatusCounts {
  return { not_started: 0, ongoing: 0, completed: 0, delayed: 0, cancelled: 0 };
}

/** What the counted reports of one round say about an activity: the lead's word, and each other institution's. */
type RoundWord = { round: number; lead: ActivityStatus | undefined; others: Map<string, ActivityStatus> };

/** The value of an indicator in the latest round that gives one, accumulated as reports are read. */
export type RoundValue = { round: number; sum: number; count: number; max: number };

/**
 * Expected progress at D between 31 December of the baseline year (B) and of the target year (T),
 * in whole days, clamped to [0, 1]; when T <= B the target is due at once, so it is 1 from T on.
 */
export function expectedProgress(baselineYear: number, targetYear: number, asOf: string): number {
  const b = dayNumber(`${baselineYear}-12-31`);
  const t = dayNumber(`${targetYear}-12-31`);
  const d = dayNumber(asOf);
  if (t <= b) return d >= t ? 1 : 0;
  return Math.min(1, Math.max(0, (d - b) / (t - b)));
}

/** Progress from baseline to target; when they are equal, reaching the target is all there is to it. */
export function indicatorProgress(baseline: number, target: number, actual: number): number {
  if (target === baseline) return actual === target ? 1 : 0;
  return (actual - baseline) / (target - baseline);
}

/**
 * The status of an indicator from its unrounded progress and expected progress, first rule that
 * applies; expected progress exists exactly when the indicator has a baseline and a target.
 */
export function indicatorStatus(progress: number | null, expected: number | null): IndicatorStatus {
  if (expected === null) return 'not_measurable';
  if (progress === null) return 'no_data';
  if (progress >= 1) return 'achieved';
  if (progress >= expected - 0.1) return 'on_track';
  if (progress >= expected - 0.25) return 'at_risk';
  return 'off_track';
}

/**
 * A part of a plan's figures: with `year`, the budget is that of one year (measures.md §2 applied
 * to an annual operational plan): planned to date counts the cost lines of that year only, and
 * spent only the amounts of rounds ending in it. Activities and indicators are unchanged.
 */
export type ProgressScope = { year?: number };

/** Computes the progress of one action plan of a package as of an ISO date; `address` is echoed as `plan`. */
export function planProgress(pkg: PlanPackage, planId: string, asOf: string, address: string, scope: ProgressScope = {}): ProgressResult {
  requireAsOf(asOf);
  const plan = findActionPlan(pkg, planId);
  const areas = areaByObjective(pkg.strategy);
  const activities = new Map(plan.activities.map((activity) => [activity.id, activity]));
  const indicators = indicatorsInScope(pkg.strategy, plan);
  const measureOf = new Map(indicators.map((indicator) => [indicator.id, indicator.measure]));

  // One pass over the counted reports, round by round in order: a later round replaces what an
  // earlier one said, so at the end each activity and indicator holds its latest round only.
  const words = new Map<string, RoundWord>();
  const values = new Map<string, RoundValue>();
  let spent: MinorUnits = 0;
  countedRounds(pkg.monitoring?.rounds ?? [], asOf).forEach((round, index) => {
    const spentCounts = scope.year === undefined || yearOf(round.periodEnd) === scope.year;
    for (const report of round.reports) {
      if (!counts(report)) continue;
      for (const entry of report.activities) {
        const activity = activities.get(entry.activity);
        if (!activity) continue;
        if (spentCounts) for (const line of entry.spent ?? []) spent += minorUnitsOf(line.amount);
        let word = words.get(entry.activity);
        if (!word || word.round !== index) {
          word = { round: index, lead: undefined, others: new Map() };
          words.set(entry.activity, word);
        }
        // The first mention by an institution in a round is its word there.
        if (report.institution === activity.lead) word.lead ??= entry.status;
        else if (!word.others.has(report.institution)) word.others.set(report.institution, entry.status);
      }
      for (const given of report.indicatorValues ?? []) {
        if (!measureOf.has(given.indicator)) continue;
        const value = values.get(given.indicator);
        if (!value || value.round !== index) {
          values.set(given.indicator, { round: index, sum: given.value, count: 1, max: given.value });
        } else {
          value.sum += given.value;
          value.count += 1;
          value.max = Math.max(value.max, given.value);
        }
      }
    }
  });

  const byStatus = emptyCounts();
  const byArea = new Map<Area, StatusCounts>();
  const items: { id: string; status: ActivityStatus }[] = [];
  for (const activity of plan.activities) {
    const reported = reportedStatus(words.get(activity.id));
    let status: ActivityStatus;
    if (reported === 'completed' || reported === 'cancelled') status = reported;
    else if (activity.end !== undefined && activity.end < asOf) status = 'delayed';
    else status = reported;
    byStatus[status] += 1;
    const area = areas.get(activity.objective);
    if (area !== undefined) {
      let perArea = byArea.get(area);
      if (!perArea) {
        perArea = emptyCounts();
        byArea.set(area, perArea);
      }
      perArea[status] += 1;
    }
    items.push({ id: activity.id, status });
  }
  items.sort((a, b) => compareCodePoints(a.id, b.id));

  // Indicators share a handful of baseline and target years: expected progress is computed once per pair.
  const expectations = new Map<number, number>();
  const expectedAt = (baselineYear: number, targetYear: number): number => {
    const key = baselineYear * 10_000 + targetYear;
    let expected = expectations.get(key);
    if (expected === undefined) {
      expected = expectedProgress(baselineYear, targetYear, asOf);
      expectations.set(key, expected);
    }
    return expected;
  };

  const year = yearOf(asOf);
  let plannedToDate: MinorUnits = 0;
  for (const activity of plan.activities) {
    for (const line of activity.costs ?? []) {
      if (line.year <= year && (scope.year === undefined || line.year === scope.year)) plannedToDate += minorUnitsOf(line.amount);
    }
  }

  return {
    plan: address,
    asOf,
    activities: {
      total: plan.activities.length,
      byStatus,
      implementationRate: shareOf(byStatus.completed, plan.activities.length - byStatus.cancelled),
      byArea: Object.fromEntries(AREAS.filter((area) => byArea.has(area)).map((area) => [area, byArea.get(area) ?? emptyCounts()])),
      items,
    },
    indicators: indicators
      .map((indicator) => indicatorFigures(indicator, values.get(indicator.id), expectedAt))
      .sort((a, b) => compareCodePoints(a.id, b.id)),
    budget: {
      plannedToDate: fromMinorUnits(plannedToDate),
      spent: fromMinorUnits(spent),
      execution: shareOf(spent, plannedToDate),
    },
  };
}

/** The lead's word in the latest round, else that of the first other institution by id; nobody's word means not started. */
function reportedStatus(word: RoundWord | undefined): ActivityStatus {
  if (!word) return 'not_started';
  if (word.lead !== undefined) return word.lead;
  let first: string | undefined;
  for (const institution of word.others.keys()) {
    if (first === undefined || compareCodePoints(institution, first) < 0) first = institution;
  }
  return (first !== undefined ? word.others.get(first) : undefined) ?? 'not_started';
}

/** The value of an indicator in a round: sum of numbers, mean of percentages, maximum of yes/no and qualitative values. */
export function roundValue(indicator: Indicator, value: RoundValue): number {
  if (indicator.measure === 'number') return value.sum;
  if (indicator.measure === 'percentage') return value.sum / value.count;
  return value.max;
}

/** Baseline, target, actual, progress, expected progress and status of an indicator from its latest round's value. */
export function indicatorFigures(
  indicator: Indicator,
  value: RoundValue | undefined,
  expectedAt: (baselineYear: number, targetYear: number) => number,
): IndicatorProgress {
  const baseline = indicator.baseline?.value ?? null;
  const target = indicator.target?.value ?? null;
  const actual = value ? roundValue(indicator, value) : null;
  const expected = indicator.baseline && indicator.target ? expectedAt(indicator.baseline.year, indicator.target.year) : null;
  const progress = baseline !== null && target !== null && actual !== null ? indicatorProgress(baseline, target, actual) : null;
  return {
    id: indicator.id,
    baseline,
    target,
    actual,
    progress: progress === null ? null : roundHalfAwayFromZero(progress, 4),
    expected: expected === null ? null : roundHalfAwayFromZero(expected, 4),
    status: indicatorStatus(progress, expected),
  };
}
