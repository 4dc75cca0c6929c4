import { costItems, resourcePlan, type ResourcePlan } from '../measures/costs.ts';
import { planFinance, type FinanceResult } from '../measures/finance.ts';
import { findActionPlan, institutionsById } from '../measures/scope.ts';
import type { Activity, Indicator, PlanPackage } from '../plan/package.ts';
import {
  FUNDING_SOURCES,
  type Area,
  type FundingSource,
  type IndicatorLevel,
  type Measure,
  type Principle,
  type RiskCategory,
  type ScenarioType,
} from '../plan/vocabulary.ts';
import { documentSubject, sumAmounts, type DocumentSubject } from './common.ts';

// The strategy and its action plan as Governments publish them: the strategy (situation analysis,
// principles, goals and objectives with their indicators), the action plan's matrix of activities
// goal by goal and objective by objective (who, when, how much from which source, how measured),
// the resource plan, the risks and the contingency plan. Money comes from the measures (costItems,
// resourcePlan, planFinance); the rest is the package as recorded, without any text in a language.

/** An indicator as the plan shows it: baseline, milestones and target. */
export type PlanIndicator = {
  id: string;
  name: string;
  level: IndicatorLevel;
  measure: Measure;
  unit: string | null;
  baseline: { value: number; year: number } | null;
  milestones: { value: number; year: number }[];
  target: { value: number; year: number } | null;
  meansOfVerification: string | null;
};

/** An institution named by the plan, with its name when the package knows it. */
export type PlanInstitution = { id: string; name: string | null };

/** One row of the action plan's matrix. */
export type PlanActivity = {
  id: string;
  title: string;
  lead: PlanInstitution | null;
  partners: PlanInstitution[];
  start: string | null;
  end: string | null;
  /** All the activity's planned costs. */
  cost: number;
  /** Its planned costs by funding source; all four sources are keys. */
  costBySource: Record<FundingSource, number>;
  indicators: PlanIndicator[];
};

export type PlanObjective = { id: string; title: string; indicators: PlanIndicator[]; activities: PlanActivity[] };
export type PlanGoal = { id: string; area: Area; label: string | null; title: string; objectives: PlanObjective[] };

export type PlanRisk = {
  id: string;
  description: string;
  category: RiskCategory;
  likelihood: number;
  impact: number;
  mitigation: string | null;
  owner: PlanInstitution | null;
};

/** The whole content of the strategy and action plan document. */
export type PlanDocument = DocumentSubject & {
  situationAnalysis: string | null;
  principles: Principle[];
  goals: PlanGoal[];
  finance: FinanceResult;
  resourcePlan: ResourcePlan;
  risks: PlanRisk[];
  contingency: {
    scenarios: { type: ScenarioType; description: string }[];
    minimumServices: string[];
    reserveFunds: number | null;
  } | null;
};

function describeIndicator(indicator: Indicator): PlanIndicator {
  return {
    id: indicator.id,
    name: indicator.name,
    level: indicator.level,
    measure: indicator.measure,
    unit: indicator.unit ?? null,
    baseline: indicator.baseline ? { value: indicator.baseline.value, year: indicator.baseline.year } : null,
    milestones: [...(indicator.milestones ?? [])].sort((a, b) => a.year - b.year).map(({ value, year }) => ({ value, year })),
    target: indicator.target ? { value: indicator.target.value, year: indicator.target.year } : null,
    meansOfVerification: indicator.meansOfVerification ?? null,
  };
}

/** The strategy and action plan `planId` of a package, as one document's content. */
export function planDocument(pkg: PlanPackage, planId: string, address: string): PlanDocument {
  const plan = findActionPlan(pkg, planId);
  const institutions = institutionsById(pkg);
  const named = (id: string): PlanInstitution => ({ id, name: institutions.get(id)?.name ?? null });

  // The cost lines of each activity, as the measures list them.
  const lines = new Map<string, { amount: number; source: FundingSource }[]>();
  for (const item of costItems(pkg, planId)) {
    const own = lines.get(item.activity) ?? [];
    own.push({ amount: item.amount, source: item.source });
    lines.set(item.activity, own);
  }

  const activity = (found: Activity): PlanActivity => {
    const own = lines.get(found.id) ?? [];
    const costBySource = Object.fromEntries(
      FUNDING_SOURCES.map((source) => [source, sumAmounts(own.filter((line) => line.source === source).map((line) => line.amount))]),
    ) as Record<FundingSource, number>;
    return {
      id: found.id,
      title: found.title,
      lead: found.lead === undefined ? null : named(found.lead),
      partners: (found.partners ?? []).map(named),
      start: found.start ?? null,
      end: found.end ?? null,
      cost: sumAmounts(own.map((line) => line.amount)),
      costBySource,
      indicators: (found.indicators ?? []).map(describeIndicator),
    };
  };

  const goals: PlanGoal[] = pkg.strategy.goals.map((goal) => ({
    id: goal.id,
    area: goal.area,
    label: goal.label ?? null,
    title: goal.title,
    objectives: goal.objectives.map((objective) => ({
      id: objective.id,
      title: objective.title,
      indicators: (objective.indicators ?? []).map(describeIndicator),
      activities: plan.activities.filter((candidate) => candidate.objective === objective.id).map(activity),
    })),
  }));

  const { strategy } = pkg;
  const situation = strategy.situationAnalysis?.trim() ?? '';
  return {
    ...documentSubject(pkg, planId),
    situationAnalysis: situation === '' ? null : situation,
    principles: [...strategy.principles],
    goals,
    finance: planFinance(pkg, planId, address),
    resourcePlan: resourcePlan(pkg, planId),
    risks: (strategy.risks ?? []).map((risk) => ({
      id: risk.id,
      description: risk.description,
      category: risk.category,
      likelihood: risk.likelihood,
      impact: risk.impact,
      mitigation: risk.mitigation?.trim() ? risk.mitigation : null,
      owner: risk.owner === undefined ? null : named(risk.owner),
    })),
    contingency: strategy.contingency
      ? {
          scenarios: strategy.contingency.scenarios.map(({ type, description }) => ({ type, description })),
          minimumServices: [...strategy.contingency.minimumServices],
          reserveFunds: strategy.contingency.reserveFunds ?? null,
        }
      : null,
  };
}

/** Every activity of the plan document, in the order of the strategy's goals and objectives. */
export function planActivities(document: PlanDocument): PlanActivity[] {
  return document.goals.flatMap((goal) => goal.objectives.flatMap((objective) => objective.activities));
}
