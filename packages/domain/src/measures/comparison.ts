import type { Indicator, PlanPackage } from '../plan/package.ts';
import { AREAS, type Area, type Measure } from '../plan/vocabulary.ts';
import { isSmallCount } from '../portal/small-counts.ts';
import { requireAsOf, yearOf } from './dates.ts';
import { compareCodePoints } from './order.ts';
import { byParticipant, participantName, strategiesOfRecord, strategyView, type RegionalStrategy } from './regional.ts';
import { indicatorSeries } from './series.ts';

// The regional comparison beyond the table of measures.md §4: the thematic structures of the
// Participants side by side, and the indicators several of them share compared on one chart.
//
// - A Participant's thematic structure is the goals of the strategy whose principles the regional
//   picture shows (the valid one that started last, else the expired one), each with its area and
//   the Participant's own name for it. The areas are grouped as the 4P approach (prevention,
//   protection, prosecution, partnership) first, then the areas beyond it.
// - Indicators are shared when at least two Participants have one of the same name (compared
//   without regard to case, accents' composition or spacing), measure and unit. A Participant's
//   value for a year is the latest round value of that year (the round ending last in it), as of
//   the date; a Participant holding the indicator in several plans gives the plan in force at the
//   date, else the one that ended last.

/** The 4P approach, in the order the regional comparison shows it, then the areas beyond it. */
export const FOUR_P_AREAS = ['prevention', 'protection', 'prosecution', 'partnership'] as const satisfies readonly Area[];
export const AREAS_BEYOND_FOUR_P: readonly Area[] = AREAS.filter((area) => !(FOUR_P_AREAS as readonly Area[]).includes(area));

/** A goal as the thematic comparison shows it: its position in the strategy, area and the Participant's name for it. */
export type ThematicGoal = { id: string; position: number; area: Area; label: string | null; title: string };

export type ParticipantStructure = {
  code: string;
  name: string;
  /** The strategy the structure is read from, or null when the Participant has none in force or expired. */
  strategy: RegionalStrategy | null;
  goals: ThematicGoal[];
};

export type ThematicComparison = {
  asOf: string;
  /** The 4P first, then the areas beyond it that at least one Participant uses. */
  areas: Area[];
  participants: ParticipantStructure[];
};

/** The thematic structures of every Participant side by side, as of an ISO date. */
export function thematicStructures(packages: readonly PlanPackage[], asOf: string): ThematicComparison {
  requireAsOf(asOf);
  const year = yearOf(asOf);
  const participants: ParticipantStructure[] = [];
  for (const [code, own] of byParticipant(packages)) {
    const { source } = strategiesOfRecord(own, year);
    participants.push({
      code,
      name: participantName(own),
      strategy: source ? strategyView(source) : null,
      goals: (source?.goals ?? []).map((goal, index) => ({
        id: goal.id,
        position: index + 1,
        area: goal.area,
        label: goal.label ?? null,
        title: goal.title,
      })),
    });
  }
  participants.sort((a, b) => compareCodePoints(a.code, b.code));
  const used = new Set(participants.flatMap((participant) => participant.goals.map((goal) => goal.area)));
  return { asOf, areas: [...FOUR_P_AREAS, ...AREAS_BEYOND_FOUR_P.filter((area) => used.has(area))], participants };
}

/** What the comparison of shared indicators reads of a Participant: a package and its plans whose indicators are shown. */
export type IndicatorSource = { pkg: PlanPackage; plans: readonly string[] };

/**
 * The part of a package the comparison of shared indicators reads, for the given plans: the
 * strategy's objectives with their indicators, those plans' activities with theirs, and the accepted
 * reports' indicator values. Much smaller than the whole package (no costs, narratives, institutions,
 * risks or other plans), so that many Participants' cycles can be held at once; the comparison
 * gives the same figures from it as from the whole package.
 */
export function indicatorSource(pkg: PlanPackage, plans: readonly string[]): IndicatorSource {
  const shown = new Set(plans);
  const actionPlans = pkg.actionPlans
    .filter((plan) => shown.has(plan.id))
    .map((plan) => ({
      ...plan,
      activities: plan.activities.map((activity) => ({
        id: activity.id,
        objective: activity.objective,
        title: activity.title,
        ...(activity.indicators ? { indicators: activity.indicators } : {}),
      })),
    }));
  const rounds = (pkg.monitoring?.rounds ?? []).map((round) => ({
    ...round,
    reports: round.reports
      .filter((report) => report.status === 'accepted' && (report.indicatorValues ?? []).length > 0)
      .map((report) => ({
        institution: report.institution,
        status: report.status,
        activities: [],
        indicatorValues: report.indicatorValues,
      })),
  }));
  return {
    pkg: {
      format: pkg.format,
      version: pkg.version,
      participant: pkg.participant,
      institutions: [],
      strategy: {
        ...pkg.strategy,
        goals: pkg.strategy.goals.map((goal) => ({
          ...goal,
          objectives: goal.objectives.map((objective) => ({
            id: objective.id,
            title: objective.title,
            ...(objective.indicators ? { indicators: objective.indicators } : {}),
          })),
        })),
      },
      actionPlans,
      ...(pkg.monitoring ? { monitoring: { ...pkg.monitoring, rounds } } : {}),
    },
    plans: plans.filter((plan) => actionPlans.some((kept) => kept.id === plan)),
  };
}

/** A Participant's value in one year; `value` is null and `small` true when it is a small count hidden in public. */
export type YearValue = { year: number; round: string; value: number | null; small: boolean };

export type SharedIndicatorEntry = {
  participant: { code: string; name: string };
  plan: string;
  indicator: string;
  /** The count below which the Participant's values are hidden (0: none are). */
  threshold: number;
  baseline: { value: number | null; year: number; small: boolean } | null;
  target: { value: number; year: number } | null;
  values: YearValue[];
};

export type SharedIndicator = {
  /** The key that names it (see {@link sharedIndicatorKey}). */
  key: string;
  /** The name as the first Participant (by code) words it. */
  name: string;
  measure: Measure;
  unit: string | null;
  participants: SharedIndicatorEntry[];
  /** Every year in which some Participant has a value, in order. */
  years: number[];
};

export type SharedIndicatorOptions = {
  asOf: string;
  /** The small-count threshold of a Participant, when values are to be shown in public; none hides nothing. */
  thresholdOf?: (participant: string) => number;
};

/** The key under which indicators of different Participants are the same. */
export function sharedIndicatorKey(indicator: Pick<Indicator, 'name' | 'measure' | 'unit'>): string {
  const words = (text: string) => text.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim();
  return `${words(indicator.name)} | ${indicator.measure} | ${words(indicator.unit ?? '')}`;
}

type Candidate = { pkg: PlanPackage; plan: { id: string; start: string; end: string }; indicator: Indicator };

/** The indicators of an action plan's scope: its strategy's objectives', then its activities'. */
function indicatorsOfPlan(pkg: PlanPackage, planId: string): Indicator[] {
  const plan = pkg.actionPlans.find((candidate) => candidate.id === planId);
  if (!plan) return [];
  const found: Indicator[] = [];
  for (const goal of pkg.strategy.goals) for (const objective of goal.objectives) found.push(...(objective.indicators ?? []));
  for (const activity of plan.activities) found.push(...(activity.indicators ?? []));
  return found;
}

/** The better of two plans holding an indicator as of a date: the one in force, else the one that ended last, else by id. */
function betterPlan(a: Candidate, b: Candidate, asOf: string): Candidate {
  const inForce = (candidate: Candidate) => candidate.plan.start <= asOf && asOf <= candidate.plan.end;
  if (inForce(a) !== inForce(b)) return inForce(a) ? a : b;
  const laterEnd = compareCodePoints(b.plan.end, a.plan.end);
  if (laterEnd !== 0) return laterEnd > 0 ? b : a;
  return compareCodePoints(a.plan.id, b.plan.id) <= 0 ? a : b;
}

/** Groups the indicators of the given plans by their shared key, one plan per Participant (the better one as of the date). */
function candidateGroups(sources: readonly IndicatorSource[], asOf: string): Map<string, Candidate[]> {
  // key → Participant code → the chosen plan holding the indicator
  const groups = new Map<string, Map<string, Candidate>>();
  for (const { pkg, plans } of sources) {
    for (const planId of plans) {
      const plan = pkg.actionPlans.find((candidate) => candidate.id === planId);
      if (!plan) continue;
      for (const indicator of indicatorsOfPlan(pkg, planId)) {
        const key = sharedIndicatorKey(indicator);
        let byCode = groups.get(key);
        if (!byCode) {
          byCode = new Map();
          groups.set(key, byCode);
        }
        const candidate: Candidate = { pkg, plan, indicator };
        const held = byCode.get(pkg.participant.code);
        byCode.set(pkg.participant.code, held ? betterPlan(held, candidate, asOf) : candidate);
      }
    }
  }
  const shared = new Map<string, Candidate[]>();
  for (const [key, byCode] of groups) {
    if (byCode.size < 2) continue;
    shared.set(
      key,
      [...byCode.entries()].sort(([a], [b]) => compareCodePoints(a, b)).map(([, candidate]) => candidate),
    );
  }
  return shared;
}

/** An indicator several Participants share, named without its values: what a list of them shows. */
export type SharedIndicatorSummary = {
  /** The key that names it (see {@link sharedIndicatorKey}). */
  key: string;
  name: string;
  measure: Measure;
  unit: string | null;
  participants: { code: string; name: string }[];
};

function summaryOf(key: string, candidates: readonly Candidate[]): SharedIndicatorSummary | null {
  const head = candidates[0]?.indicator;
  if (!head) return null;
  return {
    key,
    name: head.name,
    measure: head.measure,
    unit: head.unit ?? null,
    participants: candidates.map((candidate) => ({ code: candidate.pkg.participant.code, name: candidate.pkg.participant.name })),
  };
}

/** Orders shared indicators: those most Participants share first, then by name. */
function bySharingThenName(
  a: { name: string; participants: readonly unknown[] },
  b: { name: string; participants: readonly unknown[] },
): number {
  return b.participants.length - a.participants.length || compareCodePoints(a.name, b.name);
}

/** The indicators at least two Participants share, without their values: cheap however many there are. */
export function sharedIndicatorList(sources: readonly IndicatorSource[], asOf: string): SharedIndicatorSummary[] {
  const list: SharedIndicatorSummary[] = [];
  for (const [key, candidates] of candidateGroups(sources, requireAsOf(asOf))) {
    const summary = summaryOf(key, candidates);
    if (summary) list.push(summary);
  }
  return list.sort(bySharingThenName);
}

/** One shared indicator with every Participant's baseline, target and values year by year; null when no such indicator is shared. */
export function sharedIndicator(sources: readonly IndicatorSource[], key: string, options: SharedIndicatorOptions): SharedIndicator | null {
  const asOf = requireAsOf(options.asOf);
  const candidates = candidateGroups(sources, asOf).get(key);
  return candidates ? comparisonOf(key, candidates, asOf, options.thresholdOf) : null;
}

/** Every indicator at least two Participants share with their values: for small sets of sources (tests, documents). */
export function sharedIndicators(sources: readonly IndicatorSource[], options: SharedIndicatorOptions): SharedIndicator[] {
  const asOf = requireAsOf(options.asOf);
  const shared: SharedIndicator[] = [];
  for (const [key, candidates] of candidateGroups(sources, asOf)) {
    const comparison = comparisonOf(key, candidates, asOf, options.thresholdOf);
    if (comparison) shared.push(comparison);
  }
  return shared.sort(bySharingThenName);
}

function comparisonOf(
  key: string,
  candidates: readonly Candidate[],
  asOf: string,
  thresholdOf: SharedIndicatorOptions['thresholdOf'],
): SharedIndicator | null {
  const summary = summaryOf(key, candidates);
  if (!summary) return null;
  const entries = candidates.map((candidate) => entryOf(candidate, asOf, thresholdOf));
  return {
    ...summary,
    participants: entries,
    years: [...new Set(entries.flatMap((entry) => entry.values.map((value) => value.year)))].sort((a, b) => a - b),
  };
}

function entryOf(candidate: Candidate, asOf: string, thresholdOf: SharedIndicatorOptions['thresholdOf']): SharedIndicatorEntry {
  const { pkg, plan, indicator } = candidate;
  const threshold = thresholdOf?.(pkg.participant.code) ?? 0;
  const hidden = (value: number) => isSmallCount(indicator.measure, value, threshold);
  const series = indicatorSeries(pkg, plan.id, indicator.id, asOf);
  const byYear = new Map<number, YearValue>();
  for (const round of series.rounds) {
    if (round.value === null || round.periodEnd > asOf) continue;
    const year = yearOf(round.periodEnd);
    const small = hidden(round.value);
    // Rounds come in order, so the last one of a year stays.
    byYear.set(year, { year, round: round.id, value: small ? null : round.value, small });
  }
  const baseline = indicator.baseline;
  return {
    participant: { code: pkg.participant.code, name: pkg.participant.name },
    plan: plan.id,
    indicator: indicator.id,
    threshold,
    baseline: baseline
      ? { value: hidden(baseline.value) ? null : baseline.value, year: baseline.year, small: hidden(baseline.value) }
      : null,
    target: indicator.target ? { value: indicator.target.value, year: indicator.target.year } : null,
    values: [...byYear.values()].sort((a, b) => a.year - b.year),
  };
}
