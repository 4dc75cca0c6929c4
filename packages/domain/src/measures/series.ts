import { AppError } from '../errors.ts';
import { fromMinorUnits, type MinorUnits } from '../format.ts';
import type { ActionPlan, Indicator, PlanPackage, Round } from '../plan/package.ts';
import type { ActivityStatus, FundingSource, Measure, ReportStatus } from '../plan/vocabulary.ts';
import { requireAsOf, yearOf } from './dates.ts';
import { compareCodePoints } from './order.ts';
import {
  compareRounds,
  counts,
  expectedProgress,
  indicatorFigures,
  roundValue,
  type IndicatorStatus,
  type RoundValue,
} from './progress.ts';
import { findActionPlan, institutionsById, minorUnitsOf } from './scope.ts';

// The results of one indicator and of one activity round by round (measures.md §2): the same
// counted reports, round order and value of a round as the progress figures, kept per round.

/** A monitoring round as the series name it. */
export type SeriesRound = { id: string; periodStart: string; periodEnd: string };

/** The value of one category of a breakdown in a round, from the counted reports that give it. */
export type BreakdownValue = { category: string; value: number; reports: number };

/** One dimension (sex, age group…) of an indicator's breakdown in a round, its categories in the order reports give them. */
export type BreakdownDimension = { dimension: string; categories: BreakdownValue[] };

/** An indicator in one round: its value from counted reports (null when none gives it), the milestone of the round's year. */
export type IndicatorRoundValue = SeriesRound & {
  value: number | null;
  /** How many counted (accepted) reports give the value. */
  reports: number;
  milestone: number | null;
  breakdown: BreakdownDimension[];
};

/** The values of one indicator of an action plan, round by round, with where it stands as of a date. */
export type IndicatorSeries = {
  plan: string;
  strategy: string;
  asOf: string;
  indicator: {
    id: string;
    name: string;
    level: string;
    measure: Measure;
    unit: string | null;
    scale: string[];
    baseline: { value: number; year: number } | null;
    target: { value: number; year: number } | null;
    milestones: { value: number; year: number }[];
    disaggregation: string[];
  };
  /** The element the indicator belongs to: an objective of the strategy or an activity of the plan. */
  owner: { kind: 'objective' | 'activity'; id: string };
  rounds: IndicatorRoundValue[];
  /** The latest value of a round ending on or before `asOf`, with its progress and status (measures.md §2). */
  actual: number | null;
  actualRound: string | null;
  progress: number | null;
  expected: number | null;
  status: IndicatorStatus;
};

/** What one report says about an activity. Every report is listed; only accepted ones count in the figures. */
export type ActivityReportEntry = {
  institution: string;
  institutionName: string | null;
  reportStatus: ReportStatus;
  counted: boolean;
  status: ActivityStatus;
  spent: { source: FundingSource; amount: number }[];
  spentTotal: number;
  narrative: string | null;
  obstacles: string | null;
};

/** An activity in one round: its reports, and the money spent according to the counted ones. */
export type ActivityRound = SeriesRound & {
  reports: ActivityReportEntry[];
  /** Spent in the round according to accepted reports. */
  spent: number;
  /** Spent in this round and all before it. */
  cumulativeSpent: number;
  /** Cost lines of the years up to the year of the round's period end. */
  cumulativePlanned: number;
};

/** An institution named by an activity: its id and, when the package lists it, its name. */
export type NamedInstitution = { id: string; name: string | null };

/** The reports on one activity of an action plan, round by round, with planned and spent money. */
export type ActivityReports = {
  plan: string;
  strategy: string;
  currency: string;
  activity: {
    id: string;
    title: string;
    objective: string;
    lead: NamedInstitution | null;
    partners: NamedInstitution[];
    start: string | null;
    end: string | null;
  };
  /** Planned per year from the cost lines, years in order. */
  planned: { year: number; amount: number }[];
  plannedTotal: number;
  /** Spent according to accepted reports, over all rounds. */
  spentTotal: number;
  rounds: ActivityRound[];
};

/** The rounds of an action plan: those whose period overlaps the plan's, in the order of measures.md §2. */
export function planRounds(pkg: PlanPackage, plan: ActionPlan): Round[] {
  return (pkg.monitoring?.rounds ?? [])
    .filter((round) => round.periodStart <= plan.end && round.periodEnd >= plan.start)
    .sort(compareRounds);
}

function roundOf(round: Round): SeriesRound {
  return { id: round.id, periodStart: round.periodStart, periodEnd: round.periodEnd };
}

/** Adds a value to an accumulator of a round, or starts one. */
function accumulate(values: Map<string, RoundValue>, key: string, round: number, value: number): void {
  const sum = values.get(key);
  if (!sum) values.set(key, { round, sum: value, count: 1, max: value });
  else {
    sum.sum += value;
    sum.count += 1;
    sum.max = Math.max(sum.max, value);
  }
}

/** Finds an indicator listed for the plan (measures.md §2) with the element it belongs to. */
function listedIndicator(
  pkg: PlanPackage,
  plan: ActionPlan,
  indicatorId: string,
): { indicator: Indicator; owner: IndicatorSeries['owner'] } {
  for (const goal of pkg.strategy.goals) {
    for (const objective of goal.objectives) {
      const indicator = objective.indicators?.find((candidate) => candidate.id === indicatorId);
      if (indicator) return { indicator, owner: { kind: 'objective', id: objective.id } };
    }
  }
  for (const activity of plan.activities) {
    const indicator = activity.indicators?.find((candidate) => candidate.id === indicatorId);
    if (indicator) return { indicator, owner: { kind: 'activity', id: activity.id } };
  }
  throw new AppError('NOT_FOUND', {
    detail: `indicator "${indicatorId}" is not listed for action plan "${plan.id}" of strategy "${pkg.strategy.id}" of ${pkg.participant.code}`,
  });
}

/** Breakdowns of one round, dimensions in the order of the indicator's disaggregation, then as reports give them. */
function breakdownOf(indicator: Indicator, values: Map<string, Map<string, RoundValue>>): BreakdownDimension[] {
  const known = indicator.disaggregation ?? [];
  const dimensions = [...values.keys()];
  const ordered = [
    ...known.filter((dimension) => values.has(dimension)),
    ...dimensions.filter((dimension) => !known.some((k) => k === dimension)),
  ];
  return ordered.map((dimension) => ({
    dimension,
    categories: [...(values.get(dimension) ?? new Map<string, RoundValue>()).entries()].map(([category, value]) => ({
      category,
      value: roundValue(indicator, value),
      reports: value.count,
    })),
  }));
}

/**
 * The values of an indicator of an action plan in each round of the plan, from accepted reports:
 * the sum for numbers, the mean for percentages, the maximum for yes/no and qualitative values,
 * breakdowns aggregated the same way per dimension and category. Progress and status are those of
 * measures.md §2 as of `asOf` (the plan's end when not given). Unknown or unlisted: NOT_FOUND.
 */
export function indicatorSeries(pkg: PlanPackage, planId: string, indicatorId: string, asOf?: string): IndicatorSeries {
  const plan = findActionPlan(pkg, planId);
  const date = asOf === undefined ? plan.end : requireAsOf(asOf);
  const { indicator, owner } = listedIndicator(pkg, plan, indicatorId);
  const milestones = indicator.milestones ?? [];

  let latest: { round: string; value: RoundValue } | undefined;
  const rounds: IndicatorRoundValue[] = [];
  for (const [index, round] of planRounds(pkg, plan).entries()) {
    const total = new Map<string, RoundValue>();
    const breakdown = new Map<string, Map<string, RoundValue>>();
    for (const report of round.reports) {
      if (!counts(report)) continue;
      for (const given of report.indicatorValues ?? []) {
        if (given.indicator !== indicator.id) continue;
        accumulate(total, indicator.id, index, given.value);
        for (const part of given.breakdown ?? []) {
          let categories = breakdown.get(part.dimension);
          if (!categories) {
            categories = new Map();
            breakdown.set(part.dimension, categories);
          }
          accumulate(categories, part.category, index, part.value);
        }
      }
    }
    const sum = total.get(indicator.id);
    if (sum && round.periodEnd <= date) latest = { round: round.id, value: sum };
    const year = yearOf(round.periodEnd);
    rounds.push({
      ...roundOf(round),
      value: sum ? roundValue(indicator, sum) : null,
      reports: sum?.count ?? 0,
      milestone: milestones.find((milestone) => milestone.year === year)?.value ?? null,
      breakdown: breakdownOf(indicator, breakdown),
    });
  }

  const figures = indicatorFigures(indicator, latest?.value, (baselineYear, targetYear) =>
    expectedProgress(baselineYear, targetYear, date),
  );
  return {
    plan: plan.id,
    strategy: pkg.strategy.id,
    asOf: date,
    indicator: {
      id: indicator.id,
      name: indicator.name,
      level: indicator.level,
      measure: indicator.measure,
      unit: indicator.unit ?? null,
      scale: indicator.scale ?? [],
      baseline: indicator.baseline ? { value: indicator.baseline.value, year: indicator.baseline.year } : null,
      target: indicator.target ? { value: indicator.target.value, year: indicator.target.year } : null,
      milestones: [...milestones].sort((a, b) => a.year - b.year).map((milestone) => ({ value: milestone.value, year: milestone.year })),
      disaggregation: [...(indicator.disaggregation ?? [])],
    },
    owner,
    rounds,
    actual: figures.actual,
    actualRound: latest?.round ?? null,
    progress: figures.progress,
    expected: figures.expected,
    status: figures.status,
  };
}

/**
 * Every report that names an activity of an action plan, round by round (the lead's first, then by
 * institution id), whatever its status; the money planned per year from the cost lines, and spent
 * per round from accepted reports only, with both added up to each round. Sums are exact to the cent.
 */
export function activityReports(pkg: PlanPackage, planId: string, activityId: string): ActivityReports {
  const plan = findActionPlan(pkg, planId);
  const activity = plan.activities.find((candidate) => candidate.id === activityId);
  if (!activity) {
    throw new AppError('NOT_FOUND', {
      detail: `activity "${activityId}" is not in action plan "${plan.id}" of strategy "${pkg.strategy.id}" of ${pkg.participant.code}`,
    });
  }
  const institutions = institutionsById(pkg);
  const named = (id: string): NamedInstitution => ({ id, name: institutions.get(id)?.name ?? null });

  const plannedByYear = new Map<number, MinorUnits>();
  let plannedTotal: MinorUnits = 0;
  for (const line of activity.costs ?? []) {
    const minor = minorUnitsOf(line.amount);
    plannedByYear.set(line.year, (plannedByYear.get(line.year) ?? 0) + minor);
    plannedTotal += minor;
  }
  const years = [...plannedByYear.keys()].sort((a, b) => a - b);
  const plannedUpTo = (year: number): MinorUnits => {
    let sum: MinorUnits = 0;
    for (const [lineYear, minor] of plannedByYear) if (lineYear <= year) sum += minor;
    return sum;
  };

  let cumulative: MinorUnits = 0;
  const rounds = planRounds(pkg, plan).map((round): ActivityRound => {
    const entries: { lead: boolean; entry: ActivityReportEntry }[] = [];
    let spent: MinorUnits = 0;
    for (const report of round.reports) {
      const counted = counts(report);
      for (const entry of report.activities) {
        if (entry.activity !== activity.id) continue;
        let entrySpent: MinorUnits = 0;
        for (const line of entry.spent ?? []) entrySpent += minorUnitsOf(line.amount);
        if (counted) spent += entrySpent;
        entries.push({
          lead: report.institution === activity.lead,
          entry: {
            institution: report.institution,
            institutionName: institutions.get(report.institution)?.name ?? null,
            reportStatus: report.status,
            counted,
            status: entry.status,
            spent: (entry.spent ?? []).map((line) => ({ source: line.source, amount: line.amount })),
            spentTotal: fromMinorUnits(entrySpent),
            narrative: entry.narrative ?? null,
            obstacles: entry.obstacles ?? null,
          },
        });
      }
    }
    entries.sort((a, b) => Number(b.lead) - Number(a.lead) || compareCodePoints(a.entry.institution, b.entry.institution));
    cumulative += spent;
    return {
      ...roundOf(round),
      reports: entries.map(({ entry }) => entry),
      spent: fromMinorUnits(spent),
      cumulativeSpent: fromMinorUnits(cumulative),
      cumulativePlanned: fromMinorUnits(plannedUpTo(yearOf(round.periodEnd))),
    };
  });

  return {
    plan: plan.id,
    strategy: pkg.strategy.id,
    currency: pkg.participant.currency,
    activity: {
      id: activity.id,
      title: activity.title,
      objective: activity.objective,
      lead: activity.lead === undefined ? null : named(activity.lead),
      partners: (activity.partners ?? []).map(named),
      start: activity.start ?? null,
      end: activity.end ?? null,
    },
    planned: years.map((year) => ({ year, amount: fromMinorUnits(plannedByYear.get(year) ?? 0) })),
    plannedTotal: fromMinorUnits(plannedTotal),
    spentTotal: fromMinorUnits(cumulative),
    rounds,
  };
}
