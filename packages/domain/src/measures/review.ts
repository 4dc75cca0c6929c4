import type { Translate } from '../i18n/catalogs.ts';
import type { ActionPlan, PlanPackage } from '../plan/package.ts';
import type { Area, EvaluationType, Principle } from '../plan/vocabulary.ts';
import { planFinance, type FinanceResult } from './finance.ts';
import { compareCodePoints } from './order.ts';
import { RULE_BY_CODE, type RuleCode, type Severity } from './rules.ts';
import { findActionPlan, indicatorsInScope, institutionsById } from './scope.ts';

/** One problem the review found: which rule, how much it matters, what it is about and what to tell people. */
export type Finding = { rule: RuleCode; severity: Severity; subject: string | null; message: string };

/** The plan review of an action plan (measures.md §3, cli.md "review"). */
export type ReviewResult = {
  plan: string;
  findings: Finding[];
  summary: Record<Severity, number> & { byRule: Partial<Record<RuleCode, number>> };
};

/** The parameters a finding's message is rendered with, besides its subject. */
type Params = Record<string, string | number>;

/** A finding before its message is rendered. */
type Raw = { rule: RuleCode; subject: string | null; params?: Params };

/** The areas that R03 requires a goal for; `partnership` is also covered by a supporting-framework goal. */
export const REQUIRED_AREAS = ['prevention', 'protection', 'prosecution', 'partnership'] as const satisfies readonly Area[];

/** The guiding principles that R15 requires the strategy to declare (seed assessment, section 7). */
export const REQUIRED_PRINCIPLES = [
  'government_ownership',
  'civil_society_participation',
  'human_rights_victim_centred',
  'interdisciplinary_cross_sectoral',
  'sustainability',
] as const satisfies readonly Principle[];

/** The evaluations that R22 requires to be planned. */
export const REQUIRED_EVALUATIONS = ['mid_term', 'final'] as const satisfies readonly EvaluationType[];

/** The state budget's share of the costs below which R24 warns (the seed: financial commitment of the state). */
export const STATE_SHARE_BENCHMARK = 0.5;

/** The share of costs in NGO-led activities below which R25 informs (the seed's 30 % benchmark for civil society). */
export const NGO_SHARE_BENCHMARK = 0.3;

function blank(text: string | undefined): boolean {
  return text === undefined || text.trim() === '';
}

/** Orders findings by rule, then subject with `null` first, then by code points. */
export function compareFindings(a: { rule: string; subject: string | null }, b: { rule: string; subject: string | null }): number {
  const byRule = compareCodePoints(a.rule, b.rule);
  if (byRule !== 0) return byRule;
  if (a.subject === b.subject) return 0;
  if (a.subject === null) return -1;
  if (b.subject === null) return 1;
  return compareCodePoints(a.subject, b.subject);
}

/** Reviews one action plan of a package and its strategy against rules R01–R28, with messages rendered by `t`. */
export function reviewPlan(pkg: PlanPackage, planId: string, address: string, t: Translate): ReviewResult {
  const plan = findActionPlan(pkg, planId);
  const raw = [...strategyFindings(pkg, plan), ...activityFindings(pkg, plan), ...financeFindings(planFinance(pkg, planId, address))];
  raw.sort(compareFindings);

  const findings: Finding[] = raw.map(({ rule, subject, params }) => ({
    rule,
    severity: RULE_BY_CODE[rule].severity,
    subject,
    message: t(`review.${rule}.message`, subject === null ? params : { ...params, subject }),
  }));
  const summary: ReviewResult['summary'] = { error: 0, warning: 0, info: 0, byRule: {} };
  for (const finding of findings) {
    summary[finding.severity] += 1;
    summary.byRule[finding.rule] = (summary.byRule[finding.rule] ?? 0) + 1;
  }
  return { plan: address, findings, summary };
}

/** Rules about the strategy and how the plan's activities cover it. */
function strategyFindings(pkg: PlanPackage, plan: ActionPlan): Raw[] {
  const { strategy } = pkg;
  const found: Raw[] = [];
  const namedObjectives = new Set(plan.activities.map((activity) => activity.objective));
  const areas = new Set(strategy.goals.map((goal) => goal.area));

  for (const goal of strategy.goals) {
    if (goal.objectives.length === 0) found.push({ rule: 'R02', subject: goal.id });
    for (const objective of goal.objectives) {
      if (!namedObjectives.has(objective.id)) found.push({ rule: 'R01', subject: objective.id });
      if ((objective.indicators ?? []).length === 0) found.push({ rule: 'R14', subject: objective.id });
    }
  }
  for (const area of REQUIRED_AREAS) {
    const covered = areas.has(area) || (area === 'partnership' && areas.has('supporting_framework'));
    if (!covered) found.push({ rule: 'R03', subject: area });
  }
  const childActivity = plan.activities.some((activity) => activity.tags?.includes('children') ?? false);
  if (!areas.has('children') && !childActivity) found.push({ rule: 'R04', subject: null });

  for (const indicator of indicatorsInScope(strategy, plan)) {
    if (!indicator.baseline) found.push({ rule: 'R10', subject: indicator.id });
    if (!indicator.target) found.push({ rule: 'R11', subject: indicator.id });
    const noUnit = indicator.measure === 'number' && blank(indicator.unit);
    const noScale = indicator.measure === 'qualitative' && (indicator.scale?.length ?? 0) < 2;
    if (noUnit || noScale) found.push({ rule: 'R12', subject: indicator.id });
    if (indicator.target && (indicator.target.year < strategy.periodStart || indicator.target.year > strategy.periodEnd)) {
      found.push({ rule: 'R13', subject: indicator.id });
    }
  }

  const declared = new Set(strategy.principles);
  for (const principle of REQUIRED_PRINCIPLES) if (!declared.has(principle)) found.push({ rule: 'R15', subject: principle });
  if (blank(strategy.situationAnalysis)) found.push({ rule: 'R16', subject: null });
  const risks = strategy.risks ?? [];
  if (risks.length === 0) found.push({ rule: 'R17', subject: null });
  for (const risk of risks) if (blank(risk.mitigation)) found.push({ rule: 'R18', subject: risk.id });
  const contingency = strategy.contingency;
  if (!contingency || contingency.scenarios.length === 0) found.push({ rule: 'R19', subject: null });
  if (contingency && contingency.minimumServices.length === 0) found.push({ rule: 'R20', subject: null });
  const monitoring = strategy.monitoring;
  if (!monitoring || blank(monitoring.body) || !monitoring.reportingFrequency) found.push({ rule: 'R21', subject: null });
  const evaluations = new Set((monitoring?.evaluations ?? []).map((evaluation) => evaluation.type));
  for (const type of REQUIRED_EVALUATIONS) if (!evaluations.has(type)) found.push({ rule: 'R22', subject: type });

  const named = new Set(plan.activities.flatMap((activity) => activity.recommendations ?? []));
  for (const recommendation of pkg.recommendations ?? []) {
    if (!named.has(recommendation.id)) found.push({ rule: 'R28', subject: recommendation.id });
  }
  return found;
}

/** Rules about each activity of the plan, and about the plan's activities as a whole. */
function activityFindings(pkg: PlanPackage, plan: ActionPlan): Raw[] {
  const institutions = institutionsById(pkg);
  const found: Raw[] = [];
  let local = false;
  let capacityBuilding = false;
  for (const activity of plan.activities) {
    if (blank(activity.lead)) found.push({ rule: 'R05', subject: activity.id });
    if (activity.start === undefined || activity.end === undefined) found.push({ rule: 'R06', subject: activity.id });
    if ((activity.start !== undefined && activity.start < plan.start) || (activity.end !== undefined && activity.end > plan.end)) {
      found.push({ rule: 'R07', subject: activity.id });
    }
    if ((activity.costs ?? []).length === 0) found.push({ rule: 'R08', subject: activity.id });
    if ((activity.indicators ?? []).length === 0) found.push({ rule: 'R09', subject: activity.id });
    const leadLevel = activity.lead === undefined ? undefined : institutions.get(activity.lead)?.level;
    if (activity.level === 'regional' || activity.level === 'local' || leadLevel === 'regional' || leadLevel === 'local') local = true;
    if (activity.tags?.includes('capacity_building')) capacityBuilding = true;
  }
  if (!local) found.push({ rule: 'R26', subject: null });
  if (!capacityBuilding) found.push({ rule: 'R27', subject: null });
  return found;
}

/** Rules on the finance figures, taken from `planFinance` so that the review and the finance view never disagree. */
function financeFindings(finance: FinanceResult): Raw[] {
  const found: Raw[] = [];
  if (finance.fundingGap > 0) {
    found.push({
      rule: 'R23',
      subject: null,
      params: { amount: finance.fundingGap, currency: finance.currency, count: finance.unfundedActivities.length },
    });
  }
  // A null share (no costs at all) compares to nothing and fires no finding.
  if (finance.stateShare !== null && finance.stateShare < STATE_SHARE_BENCHMARK) {
    found.push({ rule: 'R24', subject: null, params: { share: finance.stateShare } });
  }
  if (finance.ngoShare !== null && finance.ngoShare < NGO_SHARE_BENCHMARK) {
    found.push({ rule: 'R25', subject: null, params: { share: finance.ngoShare } });
  }
  return found;
}
