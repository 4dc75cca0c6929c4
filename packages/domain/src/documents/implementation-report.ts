import { AppError } from '../errors.ts';
import { activityReports, planRounds, type NamedInstitution } from '../measures/series.ts';
import { planFinance, type FinanceResult } from '../measures/finance.ts';
import { resourcePlan, type ResourcePlan } from '../measures/costs.ts';
import { planProgress, type IndicatorProgress, type ProgressResult } from '../measures/progress.ts';
import { findActionPlan } from '../measures/scope.ts';
import { responsibleInstitutions } from '../monitoring/board.ts';
import type { Indicator, PlanPackage, Round } from '../plan/package.ts';
import type { ActivityStatus, Area, Measure, RecommendationSource, RecommendationStrength, ReportStatus } from '../plan/vocabulary.ts';

// The implementation report of an action plan (the yearly report a Government adopts), as content:
// every figure comes from the measures (planProgress, planFinance, resourcePlan, activityReports)
// as of the end of the report's scope, never computed again here. Word and PDF are drawn from it.

/** What a report covers: one monitoring round, one calendar year, or the whole plan. */
export type ReportScope = { kind: 'round'; round: string } | { kind: 'year'; year: number } | { kind: 'whole' };

/** A scope as written in addresses and the database: a round's code, a year (`2022`) or `whole` (a round's code is any code of the package). */
export const SCOPE_PATTERN = /^\S(?:.{0,62}\S)?$/;

/** Reads a scope written as text: `whole`, a four-digit year, else a round's code. */
export function parseReportScope(text: string): ReportScope {
  if (text === 'whole') return { kind: 'whole' };
  if (/^\d{4}$/.test(text)) return { kind: 'year', year: Number(text) };
  return { kind: 'round', round: text };
}

/** The text of a scope, the inverse of `parseReportScope`. */
export function scopeText(scope: ReportScope): string {
  if (scope.kind === 'whole') return 'whole';
  if (scope.kind === 'year') return String(scope.year);
  return scope.round;
}

/** The scopes a report of an action plan can have: its rounds, its calendar years, and the whole plan. */
export function reportScopes(pkg: PlanPackage, planId: string): { rounds: string[]; years: number[] } {
  const plan = findActionPlan(pkg, planId);
  const years: number[] = [];
  for (let year = Number(plan.start.slice(0, 4)); year <= Number(plan.end.slice(0, 4)); year += 1) years.push(year);
  return { rounds: planRounds(pkg, plan).map((round) => round.id), years };
}

/** An indicator as the report shows it: the package's description with the progress figures as of the report's date. */
export type ReportIndicator = IndicatorProgress & { name: string; measure: Measure; unit: string | null };

/** What one accepted report of the scope says about an activity. */
export type ReportNarrative = {
  round: string;
  institution: string;
  institutionName: string | null;
  narrative: string | null;
  obstacles: string | null;
};

/** One activity of the plan with where it stands at the report's date. */
export type ReportActivity = {
  id: string;
  title: string;
  lead: NamedInstitution | null;
  status: ActivityStatus;
  /** All the activity's planned costs. */
  planned: number;
  /** Spent according to accepted reports of the rounds ending on or before the report's date. */
  spent: number;
  narratives: ReportNarrative[];
  indicators: ReportIndicator[];
  recommendations: string[];
};

export type ReportObjective = { id: string; title: string; indicators: ReportIndicator[]; activities: ReportActivity[] };
export type ReportGoal = { id: string; area: Area; label: string | null; title: string; objectives: ReportObjective[] };

/** A recommendation with the plan's activities that answer it and their status. */
export type ReportRecommendation = {
  id: string;
  source: RecommendationSource;
  reference: string | null;
  year: number;
  text: string;
  strength: RecommendationStrength | null;
  activities: { id: string; title: string; status: ActivityStatus }[];
};

/** An institution that owed a report in a round of the scope and has none submitted or accepted. */
export type MissingReport = {
  round: string;
  institution: string;
  institutionName: string | null;
  /** The status of its report in the round, or null when the round holds none. */
  reportStatus: ReportStatus | null;
};

/** The whole content of an implementation report. */
export type ImplementationReport = {
  participant: { code: string; name: string; currency: string };
  strategy: { id: string; title: string; periodStart: number; periodEnd: number };
  plan: { id: string; title: string; start: string; end: string; adoptedOn: string | null };
  scope: { text: string; kind: ReportScope['kind']; start: string; end: string };
  /** The date the figures are as of: the end of the scope. */
  asOf: string;
  /** The rounds of the scope, in order. */
  rounds: { id: string; periodStart: string; periodEnd: string }[];
  progress: ProgressResult;
  finance: FinanceResult;
  resourcePlan: ResourcePlan;
  goals: ReportGoal[];
  recommendations: ReportRecommendation[];
  missingReports: MissingReport[];
};

function scopeNotFound(pkg: PlanPackage, planId: string, scope: string): AppError {
  return new AppError('NOT_FOUND', {
    detail: `no scope "${scope}" in action plan ${pkg.participant.code}/${planId}`,
  });
}

/** The period and rounds of a scope; NOT_FOUND for a round not of the plan or a year outside it. */
function resolveScope(pkg: PlanPackage, planId: string, scope: ReportScope): { start: string; end: string; rounds: Round[] } {
  const plan = findActionPlan(pkg, planId);
  const rounds = planRounds(pkg, plan);
  if (scope.kind === 'whole') return { start: plan.start, end: plan.end, rounds: rounds.filter((round) => round.periodEnd <= plan.end) };
  if (scope.kind === 'year') {
    if (!reportScopes(pkg, planId).years.includes(scope.year)) throw scopeNotFound(pkg, planId, String(scope.year));
    const start = `${scope.year}-01-01`;
    const end = `${scope.year}-12-31`;
    return { start, end, rounds: rounds.filter((round) => round.periodEnd >= start && round.periodEnd <= end) };
  }
  const round = rounds.find((candidate) => candidate.id === scope.round);
  if (!round) throw scopeNotFound(pkg, planId, scope.round);
  return { start: round.periodStart, end: round.periodEnd, rounds: [round] };
}

function describeIndicator(indicator: Indicator, figures: Map<string, IndicatorProgress>): ReportIndicator {
  const progress = figures.get(indicator.id);
  if (!progress) throw new AppError('INTERNAL', { detail: `indicator ${indicator.id} has no progress figures` });
  return { ...progress, name: indicator.name, measure: indicator.measure, unit: indicator.unit ?? null };
}

/**
 * The implementation report of action plan `planId` for a scope: the figures of progress as of the
 * end of the scope, finance and the resource plan, the plan's structure with each activity's status,
 * lead, money and what accepted reports of the scope's rounds say, the recommendations answered, and
 * the institutions that owed a report in those rounds without one submitted or accepted.
 */
export function implementationReport(pkg: PlanPackage, planId: string, scope: ReportScope, address: string): ImplementationReport {
  const plan = findActionPlan(pkg, planId);
  const period = resolveScope(pkg, planId, scope);
  const asOf = period.end;
  const progress = planProgress(pkg, planId, asOf, address);
  const finance = planFinance(pkg, planId, address);
  const resources = resourcePlan(pkg, planId);
  const statusOf = new Map(progress.activities.items.map((item) => [item.id, item.status]));
  const indicatorFigures = new Map(progress.indicators.map((indicator) => [indicator.id, indicator]));
  const inScope = new Set(period.rounds.map((round) => round.id));

  const activities = new Map<string, ReportActivity>();
  for (const activity of plan.activities) {
    const reports = activityReports(pkg, planId, activity.id);
    let spent = 0;
    const narratives: ReportNarrative[] = [];
    for (const round of reports.rounds) {
      if (round.periodEnd <= asOf) spent = round.cumulativeSpent;
      if (!inScope.has(round.id)) continue;
      for (const entry of round.reports) {
        if (!entry.counted || (entry.narrative === null && entry.obstacles === null)) continue;
        narratives.push({
          round: round.id,
          institution: entry.institution,
          institutionName: entry.institutionName,
          narrative: entry.narrative,
          obstacles: entry.obstacles,
        });
      }
    }
    activities.set(activity.id, {
      id: activity.id,
      title: activity.title,
      lead: reports.activity.lead,
      status: statusOf.get(activity.id) ?? 'not_started',
      planned: reports.plannedTotal,
      spent,
      narratives,
      indicators: (activity.indicators ?? []).map((indicator) => describeIndicator(indicator, indicatorFigures)),
      recommendations: [...(activity.recommendations ?? [])],
    });
  }

  const goals: ReportGoal[] = pkg.strategy.goals.map((goal) => ({
    id: goal.id,
    area: goal.area,
    label: goal.label ?? null,
    title: goal.title,
    objectives: goal.objectives.map((objective) => ({
      id: objective.id,
      title: objective.title,
      indicators: (objective.indicators ?? []).map((indicator) => describeIndicator(indicator, indicatorFigures)),
      activities: plan.activities
        .filter((activity) => activity.objective === objective.id)
        .flatMap((activity) => {
          const described = activities.get(activity.id);
          return described ? [described] : [];
        }),
    })),
  }));

  const recommendations: ReportRecommendation[] = (pkg.recommendations ?? []).map((recommendation) => ({
    id: recommendation.id,
    source: recommendation.source,
    reference: recommendation.reference ?? null,
    year: recommendation.year,
    text: recommendation.text,
    strength: recommendation.strength ?? null,
    activities: [...activities.values()]
      .filter((activity) => activity.recommendations.includes(recommendation.id))
      .map((activity) => ({ id: activity.id, title: activity.title, status: activity.status })),
  }));

  const names = new Map(pkg.institutions.map((institution) => [institution.id, institution.name]));
  const missingReports: MissingReport[] = [];
  for (const round of period.rounds) {
    const owed = responsibleInstitutions(pkg, planId, { start: round.periodStart, end: round.periodEnd });
    for (const { institution } of owed) {
      const report = round.reports.find((candidate) => candidate.institution === institution);
      if (report && (report.status === 'accepted' || report.status === 'submitted')) continue;
      missingReports.push({
        round: round.id,
        institution,
        institutionName: names.get(institution) ?? null,
        reportStatus: report?.status ?? null,
      });
    }
  }

  return {
    participant: { code: pkg.participant.code, name: pkg.participant.name, currency: pkg.participant.currency },
    strategy: {
      id: pkg.strategy.id,
      title: pkg.strategy.title,
      periodStart: pkg.strategy.periodStart,
      periodEnd: pkg.strategy.periodEnd,
    },
    plan: { id: plan.id, title: plan.title, start: plan.start, end: plan.end, adoptedOn: plan.adoptedOn ?? null },
    scope: { text: scopeText(scope), kind: scope.kind, start: period.start, end: period.end },
    asOf,
    rounds: period.rounds.map((round) => ({ id: round.id, periodStart: round.periodStart, periodEnd: round.periodEnd })),
    progress,
    finance,
    resourcePlan: resources,
    goals,
    recommendations,
    missingReports,
  };
}

/** Every activity of a report, in the order of the plan's structure. */
export function reportActivities(report: ImplementationReport): ReportActivity[] {
  return report.goals.flatMap((goal) => goal.objectives.flatMap((objective) => objective.activities));
}

/** Every indicator of a report: the objectives' and the activities'. */
export function reportIndicators(report: ImplementationReport): ReportIndicator[] {
  return report.goals.flatMap((goal) =>
    goal.objectives.flatMap((objective) => [...objective.indicators, ...objective.activities.flatMap((activity) => activity.indicators)]),
  );
}

/**
 * The texts of the generated document, by their catalogue keys (`documents.json`): the server
 * writes Word and PDF in the reader's language from these keys.
 */
export const REPORT_TEXTS = {
  title: 'app.documents.report.title',
  scopeRound: 'app.documents.report.scopeRound',
  scopeYear: 'app.documents.report.scopeYear',
  scopeWhole: 'app.documents.report.scopeWhole',
  asOf: 'app.documents.report.asOf',
  generatedOn: 'app.documents.report.generatedOn',
  contents: 'app.documents.report.contents',
  page: 'app.documents.report.page',
  introduction: 'app.documents.report.introduction',
  summary: 'app.documents.report.summary',
  implementation: 'app.documents.report.implementation',
  recommendations: 'app.documents.report.recommendations',
  conclusions: 'app.documents.report.conclusions',
  annexMissing: 'app.documents.report.annexMissing',
  noneMissing: 'app.documents.report.noneMissing',
  activitiesTotal: 'app.documents.report.activitiesTotal',
  implementationRate: 'app.documents.report.implementationRate',
  plannedTotal: 'app.documents.report.plannedTotal',
  plannedToDate: 'app.documents.report.plannedToDate',
  spent: 'app.documents.report.spent',
  execution: 'app.documents.report.execution',
  fundingGap: 'app.documents.report.fundingGap',
  figure: 'app.documents.report.figure',
  value: 'app.documents.report.value',
  activity: 'app.documents.report.activity',
  code: 'app.documents.report.code',
  status: 'app.documents.report.status',
  lead: 'app.documents.report.lead',
  planned: 'app.documents.report.planned',
  indicator: 'app.documents.report.indicator',
  baseline: 'app.documents.report.baseline',
  actual: 'app.documents.report.actual',
  target: 'app.documents.report.target',
  obstacles: 'app.documents.report.obstacles',
  round: 'app.documents.report.round',
  institution: 'app.documents.report.institution',
  reportStatus: 'app.documents.report.reportStatus',
  noReport: 'app.documents.report.noReport',
  answeredBy: 'app.documents.report.answeredBy',
  notAnswered: 'app.documents.report.notAnswered',
  noneGiven: 'app.documents.report.noneGiven',
  chromiumMissing: 'app.documents.errors.chromiumMissing',
  generationFailed: 'app.documents.errors.generationFailed',
  interrupted: 'app.documents.errors.interrupted',
} as const;
