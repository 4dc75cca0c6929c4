import type { ActionPlanData, ActivityData, GoalData, Indicator, ObjectiveData, Recommendation, Risk } from '@ariadne/domain';

// The columns of an element's row as the plan package's fields give them, shared by writing a
// whole package and by editing one element. Keys that point at other rows (objective, institution)
// are looked up by the caller and passed in.

export function goalColumns(goal: GoalData) {
  return { code: goal.id, area: goal.area, label: goal.label ?? null, title: goal.title };
}

export function objectiveColumns(objective: ObjectiveData) {
  return { code: objective.id, title: objective.title };
}

export function actionPlanColumns(plan: ActionPlanData) {
  return { code: plan.id, title: plan.title, start_date: plan.start, end_date: plan.end };
}

export function activityColumns(activity: ActivityData, keys: { objective: number; lead: number | null }) {
  return {
    code: activity.id,
    objective_id: keys.objective,
    title: activity.title,
    lead_institution_id: keys.lead,
    start_date: activity.start ?? null,
    end_date: activity.end ?? null,
    level: activity.level ?? null,
    tags: activity.tags ?? null,
  };
}

export function riskColumns(risk: Risk, owner: number | null) {
  return {
    code: risk.id,
    description: risk.description,
    category: risk.category,
    likelihood: risk.likelihood,
    impact: risk.impact,
    mitigation: risk.mitigation ?? null,
    owner_institution_id: owner,
  };
}

export function indicatorColumns(indicator: Indicator) {
  return {
    code: indicator.id,
    name: indicator.name,
    level: indicator.level,
    measure: indicator.measure,
    unit: indicator.unit ?? null,
    scale: indicator.scale ?? null,
    baseline_value: indicator.baseline?.value ?? null,
    baseline_year: indicator.baseline?.year ?? null,
    baseline_source: indicator.baseline?.source ?? null,
    target_value: indicator.target?.value ?? null,
    target_year: indicator.target?.year ?? null,
    means_of_verification: indicator.meansOfVerification ?? null,
    disaggregation: indicator.disaggregation ?? null,
  };
}

export function recommendationColumns(recommendation: Recommendation) {
  return {
    code: recommendation.id,
    source: recommendation.source,
    reference: recommendation.reference ?? null,
    year: recommendation.year,
    text: recommendation.text,
    strength: recommendation.strength ?? null,
  };
}
