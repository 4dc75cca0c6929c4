/** How much a review finding matters: an error makes the plan unworkable, a warning weakens it, info is for attention. */
export type Severity = 'error' | 'warning' | 'info';

export const SEVERITIES = ['error', 'warning', 'info'] as const satisfies readonly Severity[];

/**
 * The rules of the plan review (measures.md §3), in order, with the name and severity the table
 * gives them. The messages, titles and explanations are in the `review` catalogues.
 */
export const RULES = [
  { code: 'R01', name: 'OBJECTIVE_WITHOUT_ACTIVITY', severity: 'warning' },
  { code: 'R02', name: 'GOAL_WITHOUT_OBJECTIVE', severity: 'error' },
  { code: 'R03', name: 'AREA_NOT_COVERED', severity: 'warning' },
  { code: 'R04', name: 'NO_CHILD_FOCUS', severity: 'warning' },
  { code: 'R05', name: 'ACTIVITY_NO_LEAD', severity: 'error' },
  { code: 'R06', name: 'ACTIVITY_NO_TIMELINE', severity: 'error' },
  { code: 'R07', name: 'ACTIVITY_OUTSIDE_PLAN', severity: 'warning' },
  { code: 'R08', name: 'ACTIVITY_NO_COST', severity: 'warning' },
  { code: 'R09', name: 'ACTIVITY_NO_INDICATOR', severity: 'warning' },
  { code: 'R10', name: 'INDICATOR_NO_BASELINE', severity: 'warning' },
  { code: 'R11', name: 'INDICATOR_NO_TARGET', severity: 'error' },
  { code: 'R12', name: 'INDICATOR_NOT_MEASURABLE', severity: 'warning' },
  { code: 'R13', name: 'INDICATOR_TARGET_OUTSIDE_PERIOD', severity: 'warning' },
  { code: 'R14', name: 'OBJECTIVE_NO_INDICATOR', severity: 'warning' },
  { code: 'R15', name: 'PRINCIPLE_MISSING', severity: 'warning' },
  { code: 'R16', name: 'NO_SITUATION_ANALYSIS', severity: 'warning' },
  { code: 'R17', name: 'NO_RISK_ASSESSMENT', severity: 'warning' },
  { code: 'R18', name: 'RISK_NO_MITIGATION', severity: 'warning' },
  { code: 'R19', name: 'NO_CONTINGENCY_PLAN', severity: 'warning' },
  { code: 'R20', name: 'NO_MINIMUM_SERVICES', severity: 'warning' },
  { code: 'R21', name: 'NO_MONITORING_ARRANGEMENTS', severity: 'error' },
  { code: 'R22', name: 'NO_EVALUATION_PLANNED', severity: 'warning' },
  { code: 'R23', name: 'FUNDING_GAP', severity: 'info' },
  { code: 'R24', name: 'LOW_STATE_SHARE', severity: 'warning' },
  { code: 'R25', name: 'LOW_NGO_SHARE', severity: 'info' },
  { code: 'R26', name: 'NO_LOCAL_LEVEL', severity: 'info' },
  { code: 'R27', name: 'NO_CAPACITY_BUILDING', severity: 'warning' },
  { code: 'R28', name: 'RECOMMENDATION_NOT_ADDRESSED', severity: 'warning' },
] as const satisfies readonly { code: string; name: string; severity: Severity }[];

export type Rule = (typeof RULES)[number];
export type RuleCode = Rule['code'];
export type RuleName = Rule['name'];

/** The rules by code. */
export const RULE_BY_CODE: { readonly [C in RuleCode]: Extract<Rule, { code: C }> } = Object.fromEntries(
  RULES.map((rule) => [rule.code, rule]),
) as { readonly [C in RuleCode]: Extract<Rule, { code: C }> };

/**
 * The headings of the seed assessment's recommendations (section 7), in its order; each rule
 * checks one of them, so findings can be presented under the recommendation they come from.
 */
export const RULE_GROUP_ORDER = [
  'structure_and_elements',
  'development',
  'financial_commitment',
  'implementation',
  'monitoring_and_evaluation',
] as const;
export type RuleGroup = (typeof RULE_GROUP_ORDER)[number];

/** The recommendation heading of the seed assessment under which each rule belongs. */
export const RULE_GROUPS: Record<RuleCode, RuleGroup> = {
  // "Design plans of actions to include activities for each strategic area, with clearly assigned
  // responsibilities, time-lines, ... measurable, realistic and time-bound indicators", the 4P
  // logic, the guiding principles, risk assessments and mitigation strategies.
  R01: 'structure_and_elements',
  R02: 'structure_and_elements',
  R03: 'structure_and_elements',
  R04: 'structure_and_elements',
  R05: 'structure_and_elements',
  R06: 'structure_and_elements',
  R07: 'structure_and_elements',
  R09: 'structure_and_elements',
  R12: 'structure_and_elements',
  R13: 'structure_and_elements',
  R15: 'structure_and_elements',
  R17: 'structure_and_elements',
  R18: 'structure_and_elements',
  // Situation analysis, contingency planning with a minimum package of services, and the
  // international recommendations that the development process takes into account.
  R16: 'development',
  R19: 'development',
  R20: 'development',
  R28: 'development',
  // Detailed costing per activity, funding gaps, the state budget's share and the NGOs' share.
  R08: 'financial_commitment',
  R23: 'financial_commitment',
  R24: 'financial_commitment',
  R25: 'financial_commitment',
  // Building on local structures and continuous capacity building.
  R26: 'implementation',
  R27: 'implementation',
  // Baselines and targets for result-based monitoring, monitoring procedures, evaluations.
  R10: 'monitoring_and_evaluation',
  R11: 'monitoring_and_evaluation',
  R14: 'monitoring_and_evaluation',
  R21: 'monitoring_and_evaluation',
  R22: 'monitoring_and_evaluation',
};

/** What the subject of a finding names: an element of the plan package by its code, or an area, principle or evaluation type. */
export type RuleSubject = 'goal' | 'objective' | 'activity' | 'indicator' | 'risk' | 'recommendation' | 'area' | 'principle' | 'evaluation';

/** The kind of subject each rule's findings name (measures.md §3); null for rules whose findings have no subject. */
export const RULE_SUBJECTS: Record<RuleCode, RuleSubject | null> = {
  R01: 'objective',
  R02: 'goal',
  R03: 'area',
  R04: null,
  R05: 'activity',
  R06: 'activity',
  R07: 'activity',
  R08: 'activity',
  R09: 'activity',
  R10: 'indicator',
  R11: 'indicator',
  R12: 'indicator',
  R13: 'indicator',
  R14: 'objective',
  R15: 'principle',
  R16: null,
  R17: null,
  R18: 'risk',
  R19: null,
  R20: null,
  R21: null,
  R22: 'evaluation',
  R23: null,
  R24: null,
  R25: null,
  R26: null,
  R27: null,
  R28: 'recommendation',
};

/** The subject kinds that are elements of the plan package, which the plan editor opens by their code. */
export const ELEMENT_SUBJECTS: readonly RuleSubject[] = ['goal', 'objective', 'activity', 'indicator', 'risk', 'recommendation'];
