import { AppError, type FieldIssue } from '../errors.ts';
import { toMinorUnits } from '../format.ts';
import type { ActivityStatus, Disaggregation, FundingSource, Measure } from '../plan/vocabulary.ts';
import { ACTIVITY_STATUSES, DISAGGREGATIONS, FUNDING_SOURCES } from '../plan/vocabulary.ts';
import type { Indicator, PlanPackage, Report, Round } from '../plan/package.ts';
import { responsibleInstitutions } from './board.ts';

/**
 * What one institution's report in one round asks for: the activities it reports on, the
 * indicators it owes (and may give), with what the plan and the earlier rounds already say, so
 * that the web form and the Excel template are laid out the same way and checked by the same rules.
 */

/**
 * The usual categories of each disaggregation (GRETA's and Eurostat's breakdowns). Categories are
 * free text in the plan package: a form offers these, or those the plan's reports already use.
 */
export const BREAKDOWN_CATEGORIES: Record<Disaggregation, readonly string[]> = {
  sex: ['female', 'male'],
  age_group: ['adult', 'child'],
  exploitation: ['sexual', 'labour', 'forced_begging', 'forced_criminality', 'forced_marriage', 'organ_removal', 'other'],
  nationality: ['national', 'foreign'],
  level: ['national', 'regional', 'local'],
};

/** What a report says: its activity entries and indicator values (the plan package's shapes). */
export type ReportContent = {
  activities: Report['activities'];
  indicatorValues: NonNullable<Report['indicatorValues']>;
};

export type FormActivity = {
  id: string;
  title: string;
  objective: string;
  /** The institution leads the activity (otherwise it is a partner). */
  lead: boolean;
  start: string;
  end: string;
  /** The money the plan foresees for the activity, all years, and by source. */
  planned: number;
  plannedSources: FundingSource[];
  /** The status the institution gave in its latest earlier report that names the activity. */
  previousStatus: ActivityStatus | null;
};

export type FormIndicator = {
  id: string;
  name: string;
  measure: Measure;
  unit: string | null;
  scale: string[] | null;
  disaggregation: Disaggregation[];
  /** For each disaggregation, the categories to ask for: those already reported for the indicator, or the usual ones. */
  categories: Partial<Record<Disaggregation, string[]>>;
  baseline: NonNullable<Indicator['baseline']> | null;
  target: NonNullable<Indicator['target']> | null;
  /** The activity the indicator belongs to, or null for an objective's indicator. */
  activity: string | null;
  objective: string;
  /** Indicators of the activities the institution leads are owed; those of its partners' activities and of objectives may be given. */
  required: boolean;
  /** The value the institution gave in its latest earlier report that has one. */
  previousValue: number | null;
};

export type ReportForm = {
  plan: string;
  round: { id: string; periodStart: string; periodEnd: string; deadline: string };
  institution: string;
  activities: FormActivity[];
  indicators: FormIndicator[];
  /** The report as stored: status, submission and what it says so far. */
  report: Report;
};

function byPeriodEnd(a: Round, b: Round): number {
  if (a.periodEnd !== b.periodEnd) return a.periodEnd < b.periodEnd ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The institution's reports in the rounds that ended before `round`, latest first. */
function earlierReports(plan: PlanPackage, round: Round, institution: string): Report[] {
  return (plan.monitoring?.rounds ?? [])
    .filter((candidate) => candidate.id !== round.id && byPeriodEnd(candidate, round) < 0)
    .sort(byPeriodEnd)
    .reverse()
    .flatMap((candidate) => candidate.reports.filter((report) => report.institution === institution && report.status !== 'draft'));
}

/** The categories to ask for in each of an indicator's disaggregations. */
function categoriesOf(plan: PlanPackage, indicator: Indicator): Partial<Record<Disaggregation, string[]>> {
  const used = new Map<string, string[]>();
  for (const round of plan.monitoring?.rounds ?? []) {
    for (const report of round.reports) {
      for (const value of report.indicatorValues ?? []) {
        if (value.indicator !== indicator.id) continue;
        for (const part of value.breakdown ?? []) {
          const list = used.get(part.dimension) ?? [];
          if (!list.includes(part.category)) list.push(part.category);
          used.set(part.dimension, list);
        }
      }
    }
  }
  const categories: Partial<Record<Disaggregation, string[]>> = {};
  for (const dimension of indicator.disaggregation ?? [])
    categories[dimension] = used.get(dimension) ?? [...BREAKDOWN_CATEGORIES[dimension]];
  return categories;
}

/**
 * The form of an institution's report in a round of an action plan. NOT_FOUND when the round or
 * the report does not exist.
 */
export function reportForm(plan: PlanPackage, planId: string, roundId: string, institution: string): ReportForm {
  const actionPlan = plan.actionPlans.find((candidate) => candidate.id === planId);
  const round = plan.monitoring?.rounds.find((candidate) => candidate.id === roundId);
  if (actionPlan === undefined || round === undefined) throw new AppError('NOT_FOUND', { detail: `no round ${roundId} of ${planId}` });
  const report = round.reports.find((candidate) => candidate.institution === institution);
  if (report === undefined) throw new AppError('NOT_FOUND', { detail: `no report of ${institution} in ${roundId}` });

  const owed = responsibleInstitutions(plan, planId, { start: round.periodStart, end: round.periodEnd }).find(
    (entry) => entry.institution === institution,
  );
  const owedActivities = new Set(owed?.activities ?? []);
  // Activities a saved report names stay on its form even when the plan no longer lists them there.
  for (const entry of report.activities) owedActivities.add(entry.activity);

  const earlier = earlierReports(plan, round, institution);
  const previousStatus = (activity: string): ActivityStatus | null => {
    for (const previous of earlier) {
      const entry = previous.activities.find((candidate) => candidate.activity === activity);
      if (entry) return entry.status;
    }
    return null;
  };
  const previousValue = (indicator: string): number | null => {
    for (const previous of earlier) {
      const value = (previous.indicatorValues ?? []).find((candidate) => candidate.indicator === indicator);
      if (value) return value.value;
    }
    return null;
  };

  const activities: FormActivity[] = [];
  const indicators: FormIndicator[] = [];
  const ledObjectives = new Set<string>();
  const indicator = (source: Indicator, place: { activity: string | null; objective: string; required: boolean }): FormIndicator => ({
    id: source.id,
    name: source.name,
    measure: source.measure,
    unit: source.unit ?? null,
    scale: source.scale ?? null,
    disaggregation: source.disaggregation ?? [],
    categories: categoriesOf(plan, source),
    baseline: source.baseline ?? null,
    target: source.target ?? null,
    ...place,
    previousValue: previousValue(source.id),
  });
  for (const activity of actionPlan.activities) {
    if (!owedActivities.has(activity.id)) continue;
    const lead = activity.lead === institution;
    const costs = activity.costs ?? [];
    activities.push({
      id: activity.id,
      title: activity.title,
      objective: activity.objective,
      lead,
      start: activity.start ?? actionPlan.start,
      end: activity.end ?? actionPlan.end,
      planned: costs.reduce((sum, line) => sum + toMinorUnits(line.amount), 0) / 100,
      plannedSources: FUNDING_SOURCES.filter((source) => costs.some((line) => line.source === source)),
      previousStatus: previousStatus(activity.id),
    });
    // The lead owes its activity's indicators; a partner may give them (its share of a count).
    if (lead) ledObjectives.add(activity.objective);
    for (const activityIndicator of activity.indicators ?? []) {
      indicators.push(indicator(activityIndicator, { activity: activity.id, objective: activity.objective, required: lead }));
    }
  }
  const given = new Set((report.indicatorValues ?? []).map((value) => value.indicator));
  for (const goal of plan.strategy.goals) {
    for (const objective of goal.objectives) {
      for (const objectiveIndicator of objective.indicators ?? []) {
        if (ledObjectives.has(objective.id) || given.has(objectiveIndicator.id)) {
          indicators.push(indicator(objectiveIndicator, { activity: null, objective: objective.id, required: false }));
        }
      }
    }
  }
  return {
    plan: planId,
    round: { id: round.id, periodStart: round.periodStart, periodEnd: round.periodEnd, deadline: round.deadline },
    institution,
    activities,
    indicators,
    report,
  };
}

/**
 * What the form starts with: the report as saved, or, for a report with nothing in it yet, each
 * activity with the status the institution gave it last: those it leads always (not started when
 * it never reported on them), those it is a partner of only when it reported on them before.
 */
export function prefilledContent(form: ReportForm): ReportContent {
  if (form.report.activities.length > 0 || (form.report.indicatorValues ?? []).length > 0) {
    return { activities: form.report.activities, indicatorValues: form.report.indicatorValues ?? [] };
  }
  return {
    activities: form.activities
      .filter((activity) => activity.lead || activity.previousStatus !== null)
      .map((activity) => ({ activity: activity.id, status: activity.previousStatus ?? 'not_started' })),
    indicatorValues: [],
  };
}

/** What a check of a report finds about one field: a problem to fix, or a value to confirm. */
export type ReportFinding = {
  /** The activity or indicator code, or null for the report as a whole. */
  target: string | null;
  /** `status`, `spent`, `spent.<source>`, `narrative`, `obstacles`, `value`, `breakdown.<dimension>`, `breakdown.<dimension>.<category>`. */
  field: string;
  /** A catalogue key under `issues.`. */
  key: string;
  params?: Record<string, string | number>;
};

/** A problem blocks saving (or submitting); a flag asks the person to confirm an unusual value. */
export type ReportCheck = { problems: ReportFinding[]; flags: ReportFinding[] };

/** Longest narrative or obstacles text, in characters. */
export const MAX_REPORT_TEXT = 10_000;
/** A count this many times the last round's (or a third of it) is flagged. */
const FAR_RATIO = 3;
/** … when it also differs from it by at least this much. */
const FAR_MINIMUM = 10;

/** The key a flag is confirmed by. */
export function flagKey(flag: ReportFinding): string {
  return `${flag.target ?? ''}:${flag.field}:${flag.key}`;
}

/** Where a finding is, as a field path of the report (`activities[A1.1.1].spent.donor`). */
export function findingPath(finding: ReportFinding): string {
  if (finding.target === null) return finding.field;
  const list = ACTIVITY_FIELDS.has(finding.field.split('.')[0] ?? '') ? 'activities' : 'indicators';
  return `${list}[${finding.target}].${finding.field}`;
}

const ACTIVITY_FIELDS = new Set(['status', 'spent', 'narrative', 'obstacles']);

/** Findings as the field issues of a VALIDATION_FAILED error. */
export function findingIssues(findings: readonly ReportFinding[]): FieldIssue[] {
  return findings.map((finding) => ({
    path: findingPath(finding),
    key: finding.key,
    ...(finding.params ? { params: finding.params } : {}),
  }));
}

function hasCents(amount: number): boolean {
  return Math.abs(Math.round(amount * 100) - amount * 100) > 1e-6;
}

/**
 * Checks a report's content against its form. Saving a draft needs no problem; submitting also
 * needs the status of every activity the institution leads (a partner tells what it has to tell),
 * every owed indicator's value, and a word on the obstacles of a
 * delayed or cancelled activity. Flags (a percentage above 100, a count far from the last round's,
 * more spent than planned) do not block: the person confirms them when submitting.
 */
export function checkReport(form: ReportForm, content: ReportContent, mode: 'draft' | 'submit'): ReportCheck {
  const problems: ReportFinding[] = [];
  const flags: ReportFinding[] = [];
  const problem = (target: string | null, field: string, key: string, params?: Record<string, string | number>) =>
    problems.push({ target, field, key, ...(params ? { params } : {}) });
  const flag = (target: string | null, field: string, key: string, params?: Record<string, string | number>) =>
    flags.push({ target, field, key, ...(params ? { params } : {}) });

  const activities = new Map(form.activities.map((activity) => [activity.id, activity]));
  const seenActivities = new Set<string>();
  for (const entry of content.activities) {
    const activity = activities.get(entry.activity);
    if (activity === undefined) {
      problem(entry.activity, 'status', 'report_activity_unknown', { id: entry.activity });
      continue;
    }
    if (seenActivities.has(entry.activity)) {
      problem(entry.activity, 'status', 'report_activity_twice', { id: entry.activity });
      continue;
    }
    seenActivities.add(entry.activity);
    if (!(ACTIVITY_STATUSES as readonly string[]).includes(entry.status)) problem(entry.activity, 'status', 'invalid_value');
    const sources = new Set<string>();
    let spent = 0;
    for (const part of entry.spent ?? []) {
      const field = `spent.${part.source}`;
      if (sources.has(part.source)) problem(entry.activity, field, 'report_source_twice');
      sources.add(part.source);
      if (!Number.isFinite(part.amount) || part.amount < 0) problem(entry.activity, field, 'report_amount_negative');
      else if (hasCents(part.amount)) problem(entry.activity, field, 'money_decimals');
      else spent += toMinorUnits(part.amount);
    }
    for (const text of ['narrative', 'obstacles'] as const) {
      const value = entry[text];
      if (value !== undefined && value.length > MAX_REPORT_TEXT) problem(entry.activity, text, 'too_long', { maximum: MAX_REPORT_TEXT });
    }
    if (mode === 'submit' && (entry.status === 'delayed' || entry.status === 'cancelled') && (entry.obstacles ?? '').trim() === '') {
      problem(entry.activity, 'obstacles', 'report_obstacles_needed');
    }
    if (activity.planned > 0 && spent > toMinorUnits(activity.planned)) {
      flag(entry.activity, 'spent', 'report_flag_spent_above_planned', { planned: activity.planned, spent: spent / 100 });
    }
  }
  if (mode === 'submit') {
    for (const activity of form.activities) {
      if (activity.lead && !seenActivities.has(activity.id)) problem(activity.id, 'status', 'report_status_missing');
    }
  }

  const indicators = new Map(form.indicators.map((indicator) => [indicator.id, indicator]));
  const seenIndicators = new Set<string>();
  for (const given of content.indicatorValues) {
    const indicator = indicators.get(given.indicator);
    if (indicator === undefined) {
      problem(given.indicator, 'value', 'report_indicator_unknown', { id: given.indicator });
      continue;
    }
    if (seenIndicators.has(given.indicator)) {
      problem(given.indicator, 'value', 'report_indicator_twice', { id: given.indicator });
      continue;
    }
    seenIndicators.add(given.indicator);
    const value = given.value;
    if (!Number.isFinite(value)) {
      problem(indicator.id, 'value', 'expected_number');
      continue;
    }
    checkValue(indicator, value, problem, flag);
    checkBreakdown(indicator, given, problem);
  }
  if (mode === 'submit') {
    for (const indicator of form.indicators) {
      if (indicator.required && !seenIndicators.has(indicator.id)) problem(indicator.id, 'value', 'report_value_missing');
    }
  }
  return { problems, flags };
}

type Note = (target: string | null, field: string, key: string, params?: Record<string, string | number>) => void;

function checkValue(indicator: FormIndicator, value: number, problem: Note, flag: Note): void {
  switch (indicator.measure) {
    case 'number':
      if (value < 0) problem(indicator.id, 'value', 'report_value_negative');
      else if (indicator.previousValue !== null && indicator.previousValue > 0) {
        const previous = indicator.previousValue;
        const far = value > previous * FAR_RATIO || value < previous / FAR_RATIO;
        if (far && Math.abs(value - previous) >= FAR_MINIMUM) flag(indicator.id, 'value', 'report_flag_far_from_last', { previous, value });
      }
      return;
    case 'percentage':
      if (value < 0) problem(indicator.id, 'value', 'report_value_negative');
      else if (value > 100) flag(indicator.id, 'value', 'report_flag_percent_above_100', { value });
      return;
    case 'yes_no':
      if (value !== 0 && value !== 1) problem(indicator.id, 'value', 'report_value_yes_no');
      return;
    case 'qualitative': {
      const levels = indicator.scale?.length ?? 0;
      if (!Number.isInteger(value) || value < 0 || (levels > 0 && value >= levels)) {
        problem(indicator.id, 'value', 'report_value_scale', { maximum: Math.max(levels - 1, 0) });
      }
      return;
    }
  }
}

function checkBreakdown(indicator: FormIndicator, given: ReportContent['indicatorValues'][number], problem: Note): void {
  const sums = new Map<string, number>();
  const seen = new Set<string>();
  for (const part of given.breakdown ?? []) {
    const dimension = part.dimension as Disaggregation;
    if (!(DISAGGREGATIONS as readonly string[]).includes(part.dimension) || !indicator.disaggregation.includes(dimension)) {
      problem(indicator.id, `breakdown.${part.dimension}`, 'report_breakdown_dimension', { dimension: part.dimension });
      continue;
    }
    const field = `breakdown.${part.dimension}.${part.category}`;
    if (part.category.trim() === '') {
      problem(indicator.id, field, 'required');
      continue;
    }
    if (seen.has(field)) {
      problem(indicator.id, field, 'report_breakdown_twice');
      continue;
    }
    seen.add(field);
    if (!Number.isFinite(part.value) || part.value < 0) {
      problem(indicator.id, field, 'report_value_negative');
      continue;
    }
    sums.set(part.dimension, (sums.get(part.dimension) ?? 0) + part.value);
  }
  // Counts broken down must add up to the total; percentages and the rest are not sums.
  if (indicator.measure !== 'number') return;
  for (const [dimension, sum] of sums) {
    if (Math.abs(sum - given.value) > 1e-9) {
      problem(indicator.id, `breakdown.${dimension}`, 'report_breakdown_sum', { dimension, sum, total: given.value });
    }
  }
}
