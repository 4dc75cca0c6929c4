import { reviewPlan } from '../measures/review.ts';
import type { RuleCode, Severity } from '../measures/rules.ts';
import type { PlanPackage } from '../plan/package.ts';
import { documentSubject, type DocumentSubject } from './common.ts';

// The plan review as a document: the findings of rules R01–R28 (reviewPlan, the same the review
// page and `ariadne review` show) with their counts by severity. The content keeps each message as
// its catalogue key and parameters, so that the document can be written in any language.

/** A message of the review catalogue (`review.R01.message`) with its parameters. */
export type ReviewMessage = { key: string; params: Record<string, string | number> };

export type ReviewDocumentFinding = {
  rule: RuleCode;
  severity: Severity;
  /** The element the finding is about (an id, an area, a principle), or null for the plan as a whole. */
  subject: string | null;
  message: ReviewMessage;
};

/** The whole content of the plan review document. */
export type PlanReviewDocument = DocumentSubject & {
  /** `PARTICIPANT/PLAN`, as the review names the plan. */
  address: string;
  summary: Record<Severity, number> & { total: number; byRule: Partial<Record<RuleCode, number>> };
  findings: ReviewDocumentFinding[];
};

/** The plan review of action plan `planId` as one document's content, its messages as keys. */
export function planReviewDocument(pkg: PlanPackage, planId: string, address: string): PlanReviewDocument {
  // The review renders each message through the translator it is given: this one keeps the key and
  // parameters and answers with a token that names them.
  const messages: ReviewMessage[] = [];
  const keep = (key: string, params?: Record<string, string | number>): string => {
    messages.push({ key, params: { ...(params ?? {}) } });
    return String(messages.length - 1);
  };
  const review = reviewPlan(pkg, planId, address, keep);
  const findings = review.findings.map((finding) => {
    const message = messages[Number(finding.message)];
    if (message === undefined) throw new Error(`review message ${finding.message} was not kept`);
    return { rule: finding.rule, severity: finding.severity, subject: finding.subject, message };
  });
  const { error, warning, info, byRule } = review.summary;
  return {
    ...documentSubject(pkg, planId),
    address,
    summary: { error, warning, info, total: error + warning + info, byRule: { ...byRule } },
    findings,
  };
}
