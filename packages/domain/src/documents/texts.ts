// The kinds of generated documents and the texts of the three documents about an action plan as a
// whole, by their catalogue keys (`documents.json`): the server writes Word and PDF in the reader's
// language from these keys, and the documents page names the kinds with them.

/** What can be generated: the implementation report of a scope, and three documents of the whole plan. */
export const DOCUMENT_KINDS = ['implementation_report', 'plan', 'plan_review', 'financial_plan'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** The name of each kind of document. */
export const DOCUMENT_KIND_TEXTS: Record<DocumentKind, string> = {
  implementation_report: 'app.documents.kinds.implementation_report',
  plan: 'app.documents.kinds.plan',
  plan_review: 'app.documents.kinds.plan_review',
  financial_plan: 'app.documents.kinds.financial_plan',
};

/** The texts of the strategy and action plan document. */
export const PLAN_TEXTS = {
  title: 'app.documents.plan.title',
  period: 'app.documents.plan.period',
  status: 'app.documents.plan.status',
  adoptedOn: 'app.documents.plan.adoptedOn',
  adoptedByOn: 'app.documents.plan.adoptedByOn',
  strategy: 'app.documents.plan.strategy',
  goals: 'app.documents.plan.goals',
  area: 'app.documents.plan.area',
  milestones: 'app.documents.plan.milestones',
  actionPlan: 'app.documents.plan.actionPlan',
  partners: 'app.documents.plan.partners',
  timeline: 'app.documents.plan.timeline',
  cost: 'app.documents.plan.cost',
  indicators: 'app.documents.plan.indicators',
  noActivities: 'app.documents.plan.noActivities',
  none: 'app.documents.plan.none',
  scenarioType: 'app.documents.plan.scenarioType',
  scenarioDescription: 'app.documents.plan.scenarioDescription',
} as const;

/** The texts of the plan review document. */
export const PLAN_REVIEW_TEXTS = {
  findings: 'app.documents.planReview.findings',
  rule: 'app.documents.planReview.rule',
  severity: 'app.documents.planReview.severity',
  subject: 'app.documents.planReview.subject',
  message: 'app.documents.planReview.message',
  total: 'app.documents.planReview.total',
} as const;

/** The texts of the financial plan document. */
export const FINANCIAL_PLAN_TEXTS = {
  totals: 'app.documents.financial.totals',
  bySourceAndYear: 'app.documents.financial.bySourceAndYear',
  year: 'app.documents.financial.year',
} as const;
