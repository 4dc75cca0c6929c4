export {
  implementationReport,
  parseReportScope,
  REPORT_TEXTS,
  reportActivities,
  reportIndicators,
  reportScopes,
  SCOPE_PATTERN,
  scopeText,
  type ImplementationReport,
  type MissingReport,
  type ReportActivity,
  type ReportGoal,
  type ReportIndicator,
  type ReportNarrative,
  type ReportObjective,
  type ReportRecommendation,
  type ReportScope,
} from './implementation-report.ts';
export { documentSubject, sumAmounts, type DocumentSubject } from './common.ts';
export {
  planActivities,
  planDocument,
  type PlanActivity,
  type PlanDocument,
  type PlanGoal,
  type PlanIndicator,
  type PlanInstitution,
  type PlanObjective,
  type PlanRisk,
} from './plan.ts';
export { planReviewDocument, type PlanReviewDocument, type ReviewDocumentFinding, type ReviewMessage } from './plan-review.ts';
export { financialPlanDocument, type FinancialPlanDocument, type SourceByYear } from './financial-plan.ts';
export { DOCUMENT_KIND_TEXTS, DOCUMENT_KINDS, FINANCIAL_PLAN_TEXTS, PLAN_REVIEW_TEXTS, PLAN_TEXTS, type DocumentKind } from './texts.ts';
