/** The closed lists of values of the plan package (plan-package.md), in the order the page lists them. */

export const DOCUMENT_STATUSES = ['draft', 'consultation', 'adopted', 'expired', 'superseded'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const PRINCIPLES = [
  'government_ownership',
  'civil_society_participation',
  'gender_specific',
  'human_rights_victim_centred',
  'interdisciplinary_cross_sectoral',
  'international_cooperation',
  'non_discrimination',
  'non_punishment',
  'rights_of_the_child',
  'rule_of_law',
  'sustainability',
] as const;
export type Principle = (typeof PRINCIPLES)[number];

export const FREQUENCIES = ['monthly', 'quarterly', 'semi_annual', 'annual'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const EVALUATION_TYPES = ['mid_term', 'final', 'impact_analysis', 'thematic'] as const;
export type EvaluationType = (typeof EVALUATION_TYPES)[number];

export const AREAS = ['supporting_framework', 'prevention', 'protection', 'prosecution', 'partnership', 'children', 'other'] as const;
export type Area = (typeof AREAS)[number];

export const INDICATOR_LEVELS = ['impact', 'outcome', 'output', 'process'] as const;
export type IndicatorLevel = (typeof INDICATOR_LEVELS)[number];

export const MEASURES = ['number', 'percentage', 'yes_no', 'qualitative'] as const;
export type Measure = (typeof MEASURES)[number];

export const DISAGGREGATIONS = ['sex', 'age_group', 'exploitation', 'nationality', 'level'] as const;
export type Disaggregation = (typeof DISAGGREGATIONS)[number];

export const TAGS = [
  'children',
  'capacity_building',
  'awareness',
  'identification',
  'referral',
  'assistance',
  'reintegration',
  'investigation',
  'legislation',
  'research',
  'data_collection',
  'coordination',
  'labour_exploitation',
  'online',
  'migration',
] as const;
export type Tag = (typeof TAGS)[number];

export const FUNDING_SOURCES = ['state_budget', 'local_budget', 'donor', 'other'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const FUNDING_STATUSES = ['secured', 'pledged', 'unfunded'] as const;
export type FundingStatus = (typeof FUNDING_STATUSES)[number];

export const RISK_CATEGORIES = ['political', 'financial', 'human_resources', 'institutional', 'crisis', 'legal', 'other'] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

export const SCENARIO_TYPES = ['pandemic', 'migrant_influx', 'natural_disaster', 'economic_crisis', 'other'] as const;
export type ScenarioType = (typeof SCENARIO_TYPES)[number];

export const RECOMMENDATION_SOURCES = [
  'greta',
  'committee_of_parties',
  'us_tip',
  'ec_report',
  'evaluation',
  'national_rapporteur',
  'civil_society',
  'other',
] as const;
export type RecommendationSource = (typeof RECOMMENDATION_SOURCES)[number];

export const RECOMMENDATION_STRENGTHS = ['urges', 'considers', 'invites'] as const;
export type RecommendationStrength = (typeof RECOMMENDATION_STRENGTHS)[number];

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const ACTIVITY_STATUSES = ['not_started', 'ongoing', 'completed', 'delayed', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
