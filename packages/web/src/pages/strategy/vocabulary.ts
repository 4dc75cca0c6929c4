import type { EvaluationType, Frequency, Principle, RiskCategory, ScenarioType } from '@ariadne/domain';
import { i18n } from '../../i18n.ts';

// The translated names of the strategy's closed lists (plan-package.md). Keys are written out as
// literals so that the catalogue checks see every one of them.

/** Looks a value up in a map of literal catalogue keys; a value the catalogue does not know is shown as sent. */
function labelFrom(keys: Readonly<Record<string, string>>, value: string): string {
  return Object.hasOwn(keys, value) ? i18n.t(keys[value] as string) : value;
}

const PRINCIPLE_KEYS = {
  government_ownership: 'app.editor.strategy.principle.government_ownership',
  civil_society_participation: 'app.editor.strategy.principle.civil_society_participation',
  gender_specific: 'app.editor.strategy.principle.gender_specific',
  human_rights_victim_centred: 'app.editor.strategy.principle.human_rights_victim_centred',
  interdisciplinary_cross_sectoral: 'app.editor.strategy.principle.interdisciplinary_cross_sectoral',
  international_cooperation: 'app.editor.strategy.principle.international_cooperation',
  non_discrimination: 'app.editor.strategy.principle.non_discrimination',
  non_punishment: 'app.editor.strategy.principle.non_punishment',
  rights_of_the_child: 'app.editor.strategy.principle.rights_of_the_child',
  rule_of_law: 'app.editor.strategy.principle.rule_of_law',
  sustainability: 'app.editor.strategy.principle.sustainability',
} as const satisfies Record<Principle, string>;

const PRINCIPLE_EXPLANATION_KEYS = {
  government_ownership: 'app.editor.strategy.principleExplanation.government_ownership',
  civil_society_participation: 'app.editor.strategy.principleExplanation.civil_society_participation',
  gender_specific: 'app.editor.strategy.principleExplanation.gender_specific',
  human_rights_victim_centred: 'app.editor.strategy.principleExplanation.human_rights_victim_centred',
  interdisciplinary_cross_sectoral: 'app.editor.strategy.principleExplanation.interdisciplinary_cross_sectoral',
  international_cooperation: 'app.editor.strategy.principleExplanation.international_cooperation',
  non_discrimination: 'app.editor.strategy.principleExplanation.non_discrimination',
  non_punishment: 'app.editor.strategy.principleExplanation.non_punishment',
  rights_of_the_child: 'app.editor.strategy.principleExplanation.rights_of_the_child',
  rule_of_law: 'app.editor.strategy.principleExplanation.rule_of_law',
  sustainability: 'app.editor.strategy.principleExplanation.sustainability',
} as const satisfies Record<Principle, string>;

const FREQUENCY_KEYS = {
  monthly: 'app.editor.strategy.frequency.monthly',
  quarterly: 'app.editor.strategy.frequency.quarterly',
  semi_annual: 'app.editor.strategy.frequency.semi_annual',
  annual: 'app.editor.strategy.frequency.annual',
} as const satisfies Record<Frequency, string>;

const EVALUATION_TYPE_KEYS = {
  mid_term: 'app.editor.strategy.evaluationType.mid_term',
  final: 'app.editor.strategy.evaluationType.final',
  impact_analysis: 'app.editor.strategy.evaluationType.impact_analysis',
  thematic: 'app.editor.strategy.evaluationType.thematic',
} as const satisfies Record<EvaluationType, string>;

const SCENARIO_TYPE_KEYS = {
  pandemic: 'app.editor.strategy.scenarioType.pandemic',
  migrant_influx: 'app.editor.strategy.scenarioType.migrant_influx',
  natural_disaster: 'app.editor.strategy.scenarioType.natural_disaster',
  economic_crisis: 'app.editor.strategy.scenarioType.economic_crisis',
  other: 'app.editor.strategy.scenarioType.other',
} as const satisfies Record<ScenarioType, string>;

const RISK_CATEGORY_KEYS = {
  political: 'app.editor.strategy.riskCategory.political',
  financial: 'app.editor.strategy.riskCategory.financial',
  human_resources: 'app.editor.strategy.riskCategory.human_resources',
  institutional: 'app.editor.strategy.riskCategory.institutional',
  crisis: 'app.editor.strategy.riskCategory.crisis',
  legal: 'app.editor.strategy.riskCategory.legal',
  other: 'app.editor.strategy.riskCategory.other',
} as const satisfies Record<RiskCategory, string>;

const LIKELIHOOD_KEYS = {
  1: 'app.editor.strategy.likelihood.1',
  2: 'app.editor.strategy.likelihood.2',
  3: 'app.editor.strategy.likelihood.3',
  4: 'app.editor.strategy.likelihood.4',
  5: 'app.editor.strategy.likelihood.5',
} as const;

const IMPACT_KEYS = {
  1: 'app.editor.strategy.impact.1',
  2: 'app.editor.strategy.impact.2',
  3: 'app.editor.strategy.impact.3',
  4: 'app.editor.strategy.impact.4',
  5: 'app.editor.strategy.impact.5',
} as const;

/** The translated name of a guiding principle. */
export function principleLabel(principle: string): string {
  return labelFrom(PRINCIPLE_KEYS, principle);
}

/** One line on what a guiding principle asks of the strategy, after the seed assessment (§2.4). */
export function principleExplanation(principle: string): string {
  return labelFrom(PRINCIPLE_EXPLANATION_KEYS, principle);
}

/** The translated name of a reporting frequency. */
export function frequencyLabel(frequency: string): string {
  return labelFrom(FREQUENCY_KEYS, frequency);
}

/** The translated name of a kind of evaluation (mid-term, final, …). */
export function evaluationTypeLabel(type: string): string {
  return labelFrom(EVALUATION_TYPE_KEYS, type);
}

/** The translated name of an emergency scenario of the contingency plan. */
export function scenarioTypeLabel(type: string): string {
  return labelFrom(SCENARIO_TYPE_KEYS, type);
}

/** The translated name of a risk category. */
export function riskCategoryLabel(category: string): string {
  return labelFrom(RISK_CATEGORY_KEYS, category);
}

/** The word for a likelihood from 1 (rare) to 5 (almost certain). */
export function likelihoodLabel(value: number): string {
  return labelFrom(LIKELIHOOD_KEYS, String(value));
}

/** The word for an impact from 1 (negligible) to 5 (severe). */
export function impactLabel(value: number): string {
  return labelFrom(IMPACT_KEYS, String(value));
}

/** How serious a risk is from likelihood × impact, in four bands (as usual 5×5 risk matrices read). */
export type RiskRating = 'low' | 'medium' | 'high' | 'very_high';

/** The band of a likelihood × impact score: 1–4 low, 5–9 medium, 10–16 high, 20–25 very high. */
export function riskRating(likelihood: number, impact: number): RiskRating {
  const score = likelihood * impact;
  if (score >= 20) return 'very_high';
  if (score >= 10) return 'high';
  if (score >= 5) return 'medium';
  return 'low';
}

const RATING_KEYS = {
  low: 'app.editor.strategy.rating.low',
  medium: 'app.editor.strategy.rating.medium',
  high: 'app.editor.strategy.rating.high',
  very_high: 'app.editor.strategy.rating.very_high',
} as const satisfies Record<RiskRating, string>;

/** The translated name of a risk rating band. */
export function riskRatingLabel(rating: RiskRating): string {
  return labelFrom(RATING_KEYS, rating);
}
