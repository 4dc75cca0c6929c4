export { planFinance, type FinanceResult } from './finance.ts';
export { costItems, donorView, resourcePlan, type CostItem, type DonorView, type DonorViewItem, type ResourcePlan } from './costs.ts';
export {
  compareRounds,
  countedRounds,
  expectedProgress,
  indicatorProgress,
  indicatorStatus,
  INDICATOR_STATUSES,
  planProgress,
  type IndicatorProgress,
  type IndicatorStatus,
  type ProgressResult,
  type StatusCounts,
} from './progress.ts';
export {
  activityReports,
  indicatorSeries,
  planRounds,
  type ActivityReportEntry,
  type ActivityReports,
  type ActivityRound,
  type BreakdownDimension,
  type BreakdownValue,
  type IndicatorRoundValue,
  type IndicatorSeries,
  type NamedInstitution,
  type SeriesRound,
} from './series.ts';
export {
  compareFindings,
  NGO_SHARE_BENCHMARK,
  REQUIRED_AREAS,
  REQUIRED_EVALUATIONS,
  REQUIRED_PRINCIPLES,
  reviewPlan,
  STATE_SHARE_BENCHMARK,
  type Finding,
  type ReviewResult,
} from './review.ts';
export {
  ELEMENT_SUBJECTS,
  RULE_BY_CODE,
  RULE_GROUP_ORDER,
  RULE_GROUPS,
  RULE_SUBJECTS,
  RULES,
  SEVERITIES,
  type Rule,
  type RuleCode,
  type RuleGroup,
  type RuleName,
  type RuleSubject,
  type Severity,
} from './rules.ts';
export {
  regionalPicture,
  type RegionalActionPlan,
  type RegionalParticipant,
  type RegionalResult,
  type RegionalStrategy,
} from './regional.ts';
export { compareCodePoints } from './order.ts';
