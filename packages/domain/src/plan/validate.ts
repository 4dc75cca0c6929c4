import type { FieldIssue } from '../errors.ts';
import { fieldIssueFromZod } from '../validation.ts';
import { PlanPackageSchema, type Indicator, type PlanPackage } from './package.ts';

/** The largest plan package accepted, in bytes of JSON. */
export const MAX_PACKAGE_BYTES = 20 * 1024 * 1024;

export type PackageValidation = { ok: true; value: PlanPackage } | { ok: false; issues: FieldIssue[] };

/**
 * Reads a plan package from the text of a file: every problem is reported (not only the first),
 * each naming its JSON path (`$.actionPlans[0].activities[3].lead`) and what was expected.
 */
export function parsePlanPackage(text: string): PackageValidation {
  if (new TextEncoder().encode(text).length > MAX_PACKAGE_BYTES) {
    return { ok: false, issues: [{ path: '$', key: 'package_too_large', params: { megabytes: MAX_PACKAGE_BYTES / 1024 / 1024 } }] };
  }
  if (text.trim() === '') return { ok: false, issues: [{ path: '$', key: 'package_empty' }] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [{ path: '$', key: 'package_not_json', params: { detail: (error as Error).message } }] };
  }
  return validatePlanPackage(json);
}

/** Checks a parsed plan package against the format and its referential rules. */
export function validatePlanPackage(input: unknown): PackageValidation {
  const parsed = PlanPackageSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.flatMap((issue) => fieldIssueFromZod(issue, '$')) };
  }
  const issues = referentialIssues(parsed.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: parsed.data };
}

/** The referential rules of plan-package.md, on a package whose shape is already valid. */
export function referentialIssues(plan: PlanPackage): FieldIssue[] {
  const issues: FieldIssue[] = [];

  // Ids are unique across the whole package, whatever kind of element they name.
  const seen = new Map<string, string>();
  const claim = (id: string, path: string) => {
    const first = seen.get(id);
    if (first !== undefined) issues.push({ path, key: 'duplicate_id', params: { id, first } });
    else seen.set(id, path);
  };
  const institutions = new Set<string>();
  plan.institutions.forEach((institution, i) => {
    claim(institution.id, `$.institutions[${i}].id`);
    institutions.add(institution.id);
  });
  const strategy = plan.strategy;
  claim(strategy.id, '$.strategy.id');
  const objectives = new Set<string>();
  const indicators = new Map<string, Indicator>();
  const indicatorPaths: { indicator: Indicator; path: string }[] = [];
  strategy.goals.forEach((goal, g) => {
    claim(goal.id, `$.strategy.goals[${g}].id`);
    goal.objectives.forEach((objective, o) => {
      const path = `$.strategy.goals[${g}].objectives[${o}]`;
      claim(objective.id, `${path}.id`);
      objectives.add(objective.id);
      objective.indicators?.forEach((indicator, n) => {
        claim(indicator.id, `${path}.indicators[${n}].id`);
        indicators.set(indicator.id, indicator);
        indicatorPaths.push({ indicator, path: `${path}.indicators[${n}]` });
      });
    });
  });
  strategy.risks?.forEach((risk, r) => claim(risk.id, `$.strategy.risks[${r}].id`));
  const recommendations = new Set<string>();
  plan.recommendations?.forEach((recommendation, r) => {
    claim(recommendation.id, `$.recommendations[${r}].id`);
    recommendations.add(recommendation.id);
  });
  const activities = new Map<string, { lead?: string | undefined; partners: string[] }>();
  plan.actionPlans.forEach((actionPlan, p) => {
    claim(actionPlan.id, `$.actionPlans[${p}].id`);
    actionPlan.activities.forEach((activity, a) => {
      const path = `$.actionPlans[${p}].activities[${a}]`;
      claim(activity.id, `${path}.id`);
      activities.set(activity.id, { lead: activity.lead, partners: activity.partners ?? [] });
      activity.indicators?.forEach((indicator, n) => {
        claim(indicator.id, `${path}.indicators[${n}].id`);
        indicators.set(indicator.id, indicator);
        indicatorPaths.push({ indicator, path: `${path}.indicators[${n}]` });
      });
    });
  });
  plan.monitoring?.rounds.forEach((round, r) => claim(round.id, `$.monitoring.rounds[${r}].id`));

  const institution = (id: string | undefined, path: string) => {
    if (id !== undefined && !institutions.has(id)) issues.push({ path, key: 'unknown_institution', params: { id } });
  };

  // Periods and dates run forwards.
  if (strategy.periodStart > strategy.periodEnd) {
    issues.push({ path: '$.strategy.periodEnd', key: 'period_reversed', params: { start: strategy.periodStart } });
  }
  institution(strategy.monitoring?.body, '$.strategy.monitoring.body');
  strategy.risks?.forEach((risk, r) => institution(risk.owner, `$.strategy.risks[${r}].owner`));

  plan.actionPlans.forEach((actionPlan, p) => {
    if (actionPlan.start > actionPlan.end) {
      issues.push({ path: `$.actionPlans[${p}].end`, key: 'end_before_start', params: { start: actionPlan.start } });
    }
    actionPlan.activities.forEach((activity, a) => {
      const path = `$.actionPlans[${p}].activities[${a}]`;
      if (!objectives.has(activity.objective)) {
        issues.push({ path: `${path}.objective`, key: 'unknown_objective', params: { id: activity.objective } });
      }
      institution(activity.lead, `${path}.lead`);
      activity.partners?.forEach((partner, i) => institution(partner, `${path}.partners[${i}]`));
      if (activity.start !== undefined && activity.end !== undefined && activity.start > activity.end) {
        issues.push({ path: `${path}.end`, key: 'end_before_start', params: { start: activity.start } });
      }
      activity.costs?.forEach((cost, c) => institution(cost.funder, `${path}.costs[${c}].funder`));
      activity.recommendations?.forEach((id, i) => {
        if (!recommendations.has(id)) issues.push({ path: `${path}.recommendations[${i}]`, key: 'unknown_recommendation', params: { id } });
      });
    });
  });

  // Indicator values: qualitative ones are indexes of the scale, yes/no ones are 0 or 1.
  const valueIssue = (indicator: Indicator, value: number, path: string) => {
    if (indicator.measure === 'qualitative') {
      const size = indicator.scale?.length ?? 0;
      if (!Number.isInteger(value) || value < 0 || value >= size) {
        issues.push({ path, key: 'scale_index', params: { max: Math.max(0, size - 1) } });
      }
    } else if (indicator.measure === 'yes_no' && value !== 0 && value !== 1) {
      issues.push({ path, key: 'yes_no_value' });
    }
  };
  for (const { indicator, path } of indicatorPaths) {
    if (indicator.baseline) valueIssue(indicator, indicator.baseline.value, `${path}.baseline.value`);
    if (indicator.target) valueIssue(indicator, indicator.target.value, `${path}.target.value`);
    indicator.milestones?.forEach((milestone, m) => valueIssue(indicator, milestone.value, `${path}.milestones[${m}].value`));
  }

  plan.monitoring?.rounds.forEach((round, r) => {
    const roundPath = `$.monitoring.rounds[${r}]`;
    if (round.periodStart > round.periodEnd) {
      issues.push({ path: `${roundPath}.periodEnd`, key: 'end_before_start', params: { start: round.periodStart } });
    }
    round.reports.forEach((report, i) => {
      const reportPath = `${roundPath}.reports[${i}]`;
      institution(report.institution, `${reportPath}.institution`);
      report.activities.forEach((entry, e) => {
        const path = `${reportPath}.activities[${e}].activity`;
        const activity = activities.get(entry.activity);
        if (!activity) {
          issues.push({ path, key: 'unknown_activity', params: { id: entry.activity } });
        } else if (activity.lead !== report.institution && !activity.partners.includes(report.institution)) {
          issues.push({ path, key: 'not_responsible', params: { institution: report.institution, activity: entry.activity } });
        }
      });
      report.indicatorValues?.forEach((entry, v) => {
        const path = `${reportPath}.indicatorValues[${v}]`;
        const indicator = indicators.get(entry.indicator);
        if (!indicator) issues.push({ path: `${path}.indicator`, key: 'unknown_indicator', params: { id: entry.indicator } });
        else valueIssue(indicator, entry.value, `${path}.value`);
      });
    });
  });
  return issues;
}
