export { planFinance, type FinanceResult } from './finance.ts';
export {
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
  compareFindings,
  REQUIRED_AREAS,
  REQUIRED_EVALUATIONS,
  REQUIRED_PRINCIPLES,
  reviewPlan,
  type Finding,
  type ReviewResult,
} from './review.ts';
export {
  RULE_BY_CODE,
  RULE_GROUP_ORDER,
  RULE_GROUPS,
  RULES,
  SEVERITIES,
  type Rule,
  type RuleCode,
  type RuleGroup,
  type RuleName,
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
