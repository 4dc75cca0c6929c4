import type {
  Area,
  Disaggregation,
  DocumentStatus,
  FundingSource,
  FundingStatus,
  IndicatorLevel,
  IndicatorStatus,
  Measure,
  Severity,
  Tag,
} from '@ariadne/domain';
import { ACTIVITY_STATUS_KEYS, RECOMMENDATION_SOURCE_KEYS, RECOMMENDATION_STRENGTH_KEYS } from '@ariadne/domain';
import { i18n } from './i18n.ts';

function labelOr(key: string, fallback: string): string {
  // A value the catalogue does not know yet (a new type on the server) is shown as sent, not as a key.
  return i18n.exists(key) ? i18n.t(key) : fallback;
}

/** The translated name of a role. */
export function roleLabel(role: string): string {
  return labelOr(`roles.${role}`, role);
}

/** The translated name of an institution type. */
export function institutionTypeLabel(type: string): string {
  return labelOr(`institutionTypes.${type}`, type);
}

/** The translated name of a level of government. */
export function levelLabel(level: string): string {
  return labelOr(`levels.${level}`, level);
}

/** Looks a value up in a map of literal catalogue keys (literal, so the catalogue tests see every key). */
function labelFrom(keys: Readonly<Record<string, string>>, value: string): string {
  return Object.hasOwn(keys, value) ? i18n.t(keys[value] as string) : value;
}

const AREA_KEYS = {
  supporting_framework: 'app.areas.supporting_framework',
  prevention: 'app.areas.prevention',
  protection: 'app.areas.protection',
  prosecution: 'app.areas.prosecution',
  partnership: 'app.areas.partnership',
  children: 'app.areas.children',
  other: 'app.areas.other',
} as const satisfies Record<Area, string>;

const DOCUMENT_STATUS_KEYS = {
  draft: 'app.documentStatus.draft',
  consultation: 'app.documentStatus.consultation',
  adopted: 'app.documentStatus.adopted',
  expired: 'app.documentStatus.expired',
  superseded: 'app.documentStatus.superseded',
} as const satisfies Record<DocumentStatus, string>;

const INDICATOR_STATUS_KEYS = {
  not_measurable: 'app.indicatorStatus.not_measurable',
  no_data: 'app.indicatorStatus.no_data',
  achieved: 'app.indicatorStatus.achieved',
  on_track: 'app.indicatorStatus.on_track',
  at_risk: 'app.indicatorStatus.at_risk',
  off_track: 'app.indicatorStatus.off_track',
} as const satisfies Record<IndicatorStatus, string>;

const FUNDING_SOURCE_KEYS = {
  state_budget: 'app.fundingSource.state_budget',
  local_budget: 'app.fundingSource.local_budget',
  donor: 'app.fundingSource.donor',
  other: 'app.fundingSource.other',
} as const satisfies Record<FundingSource, string>;

const FUNDING_STATUS_KEYS = {
  secured: 'app.fundingStatus.secured',
  pledged: 'app.fundingStatus.pledged',
  unfunded: 'app.fundingStatus.unfunded',
} as const satisfies Record<FundingStatus, string>;

const SEVERITY_KEYS = {
  error: 'app.severity.error',
  warning: 'app.severity.warning',
  info: 'app.severity.info',
} as const satisfies Record<Severity, string>;

const TAG_KEYS = {
  children: 'app.editor.vocabulary.tags.children',
  capacity_building: 'app.editor.vocabulary.tags.capacity_building',
  awareness: 'app.editor.vocabulary.tags.awareness',
  identification: 'app.editor.vocabulary.tags.identification',
  referral: 'app.editor.vocabulary.tags.referral',
  assistance: 'app.editor.vocabulary.tags.assistance',
  reintegration: 'app.editor.vocabulary.tags.reintegration',
  investigation: 'app.editor.vocabulary.tags.investigation',
  legislation: 'app.editor.vocabulary.tags.legislation',
  research: 'app.editor.vocabulary.tags.research',
  data_collection: 'app.editor.vocabulary.tags.data_collection',
  coordination: 'app.editor.vocabulary.tags.coordination',
  labour_exploitation: 'app.editor.vocabulary.tags.labour_exploitation',
  online: 'app.editor.vocabulary.tags.online',
  migration: 'app.editor.vocabulary.tags.migration',
} as const satisfies Record<Tag, string>;

const INDICATOR_LEVEL_KEYS = {
  impact: 'app.editor.vocabulary.indicatorLevels.impact',
  outcome: 'app.editor.vocabulary.indicatorLevels.outcome',
  output: 'app.editor.vocabulary.indicatorLevels.output',
  process: 'app.editor.vocabulary.indicatorLevels.process',
} as const satisfies Record<IndicatorLevel, string>;

const MEASURE_KEYS = {
  number: 'app.editor.vocabulary.measures.number',
  percentage: 'app.editor.vocabulary.measures.percentage',
  yes_no: 'app.editor.vocabulary.measures.yes_no',
  qualitative: 'app.editor.vocabulary.measures.qualitative',
} as const satisfies Record<Measure, string>;

const DISAGGREGATION_KEYS = {
  sex: 'app.editor.vocabulary.disaggregations.sex',
  age_group: 'app.editor.vocabulary.disaggregations.age_group',
  exploitation: 'app.editor.vocabulary.disaggregations.exploitation',
  nationality: 'app.editor.vocabulary.disaggregations.nationality',
  level: 'app.editor.vocabulary.disaggregations.level',
} as const satisfies Record<Disaggregation, string>;

/** The translated name of an activity tag (awareness, referral, …). */
export function tagLabel(tag: string): string {
  return labelFrom(TAG_KEYS, tag);
}

/** The translated name of an indicator level (impact, outcome, output, process). */
export function indicatorLevelLabel(level: string): string {
  return labelFrom(INDICATOR_LEVEL_KEYS, level);
}

/** The translated name of what an indicator measures (a number, a percentage, yes or no, a scale). */
export function measureLabel(measure: string): string {
  return labelFrom(MEASURE_KEYS, measure);
}

/** The translated name of a dimension an indicator's values are broken down by. */
export function disaggregationLabel(dimension: string): string {
  return labelFrom(DISAGGREGATION_KEYS, dimension);
}

/** The translated name of where a recommendation comes from (GRETA, an evaluation, …). */
export function recommendationSourceLabel(source: string): string {
  return labelFrom(RECOMMENDATION_SOURCE_KEYS, source);
}

/** The translated wording of a GRETA recommendation's strength (urges, considers, invites). */
export function recommendationStrengthLabel(strength: string): string {
  return labelFrom(RECOMMENDATION_STRENGTH_KEYS, strength);
}

/** The translated name of a strategic area (prevention, protection, …). */
export function areaLabel(area: string): string {
  return labelFrom(AREA_KEYS, area);
}

/** The translated name of a document status (draft, adopted, …). */
export function documentStatusLabel(status: string): string {
  return labelFrom(DOCUMENT_STATUS_KEYS, status);
}

/** The translated name of an activity status (ongoing, delayed, …). */
export function activityStatusLabel(status: string): string {
  return labelFrom(ACTIVITY_STATUS_KEYS, status);
}

/** The translated name of an indicator status (on track, at risk, …). */
export function indicatorStatusLabel(status: string): string {
  return labelFrom(INDICATOR_STATUS_KEYS, status);
}

/** The translated name of a funding source (state budget, donor, …). */
export function fundingSourceLabel(source: string): string {
  return labelFrom(FUNDING_SOURCE_KEYS, source);
}

/** The translated name of a funding status (secured, pledged, unfunded). */
export function fundingStatusLabel(status: string): string {
  return labelFrom(FUNDING_STATUS_KEYS, status);
}

/** The translated name of a review finding's severity. */
export function severityLabel(severity: string): string {
  return labelFrom(SEVERITY_KEYS, severity);
}

/** The title of a review rule (`R05` → "Activity without a lead institution"), from the review catalogue. */
export function ruleTitle(rule: string): string {
  return labelOr(`review.${rule}.title`, rule);
}

/** Why a review rule matters, from the review catalogue; null for a rule the catalogue does not know yet. */
export function ruleWhy(rule: string): string | null {
  const key = `review.${rule}.why`;
  return i18n.exists(key) ? i18n.t(key) : null;
}

/** The heading of a group of review rules (the seed assessment's recommendation it comes from). */
export function ruleGroupLabel(group: string): string {
  return labelOr(`review.groups.${group}`, group);
}

/** How the scope of an implementation report is named: the whole plan, a year or a monitoring round. */
export function reportScopeLabel(scope: string | null): string {
  if (scope === null || scope === 'whole') return i18n.t('app.documents.report.scopeWhole');
  if (/^\d{4}$/.test(scope)) return i18n.t('app.documents.report.scopeYear', { year: scope });
  return i18n.t('app.documents.report.scopeRound', { round: scope });
}
