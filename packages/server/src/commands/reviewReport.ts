import { AppError, type FieldIssue, type PlanPackage } from '@ariadne/domain';
import { findReport, insertReportComments, recordAudit, recordReportReview, type AuditActor, type Database } from '@ariadne/db';
import { withLockedStrategy } from '../plan-cache.ts';
import { roundOfPlan, strategyOfActionPlan } from './openRounds.ts';

export type ReviewDecision = 'accepted' | 'returned';

export type ReviewReportInput = {
  participant: string;
  /** The action plan's id. */
  plan: string;
  round: string;
  institution: string;
  decision: ReviewDecision;
  /** The report's version as the coordinator saw it. */
  version: number;
  /** Returning: what to correct, about one activity or indicator (`target`) or the whole report. */
  comments?: readonly { target?: string | undefined; text: string }[];
  actor: AuditActor;
};

export type ReviewedReport = { status: ReviewDecision; version: number };

export function reportNotFound(round: string, institution: string): AppError {
  return new AppError('NOT_FOUND', { detail: `no report of ${institution} in round ${round}` });
}

/** EDIT_CONFLICT with the report as stored, when the coordinator saw another version. */
function reportConflict(round: string, institution: string, stored: { version: number; status: string }, sent: number): AppError {
  const code = `${round}/${institution}`;
  return new AppError('EDIT_CONFLICT', {
    params: { code },
    current: { code, kind: 'report', version: stored.version, data: { status: stored.status } },
    detail: `${code} is at version ${stored.version}, the review was made on ${sent}`,
  });
}

/** The codes a comment may be about: the plan's activities and their indicators. */
function commentTargets(plan: PlanPackage, planId: string): Set<string> {
  const actionPlan = plan.actionPlans.find((candidate) => candidate.id === planId);
  return new Set(
    (actionPlan?.activities ?? []).flatMap((activity) => [activity.id, ...(activity.indicators ?? []).map((indicator) => indicator.id)]),
  );
}

/**
 * The coordinator's decision on a submitted report: accepting it (it then counts in the measures)
 * or returning it with at least one comment, per activity or indicator or on the whole, for the
 * focal point to correct and submit again. One transaction with its audit entry. Refusals:
 * NOT_FOUND for an unknown plan, round or report; EDIT_CONFLICT when the report changed since it
 * was read; REPORT_NOT_SUBMITTED when it is not waiting for review; VALIDATION_FAILED for a return
 * without comments or a comment about a code the plan does not have.
 */
export async function reviewReport(database: Database, input: ReviewReportInput): Promise<ReviewedReport> {
  const strategy = await strategyOfActionPlan(database, input.participant, input.plan);
  const { result } = await withLockedStrategy(database, { participant: input.participant, strategy }, async (trx, state) => {
    const round = state.plan.monitoring?.rounds.find((candidate) => candidate.id === input.round);
    if (!round || !roundOfPlan(state.plan, input.plan, round)) throw reportNotFound(input.round, input.institution);
    const report = await findReport(trx, state.strategyId, input.round, input.institution);
    if (!report) throw reportNotFound(input.round, input.institution);
    if (report.version !== input.version) throw reportConflict(input.round, input.institution, report, input.version);
    if (report.status !== 'submitted') {
      throw new AppError('REPORT_NOT_SUBMITTED', { detail: `${input.round}/${input.institution} is ${report.status}` });
    }

    const comments = (input.comments ?? []).map((comment) => ({ target: comment.target ?? null, text: comment.text.trim() }));
    if (input.decision === 'returned') {
      const targets = commentTargets(state.plan, input.plan);
      const issues: FieldIssue[] = [];
      if (comments.length === 0) issues.push({ path: 'comments', key: 'too_small', params: { minimum: 1 } });
      comments.forEach((comment, i) => {
        if (comment.text === '') issues.push({ path: `comments[${i}].text`, key: 'required' });
        if (comment.target !== null && !targets.has(comment.target)) {
          issues.push({ path: `comments[${i}].target`, key: 'element_not_found', params: { id: comment.target } });
        }
      });
      if (issues.length > 0) throw new AppError('VALIDATION_FAILED', { issues, detail: 'the return is incomplete' });
    }

    const reviewer = 'userId' in input.actor ? input.actor.userId : null;
    const version = await recordReportReview(trx, report.id, {
      status: input.decision,
      reviewedBy: reviewer,
      expectedVersion: report.version,
    });
    if (version === undefined) throw reportConflict(input.round, input.institution, report, input.version);
    if (input.decision === 'returned')
      await insertReportComments(trx, { strategyId: state.strategyId, reportId: report.id }, comments, reviewer);

    await recordAudit(trx, {
      actor: input.actor,
      participantId: state.participantId,
      action: input.decision === 'accepted' ? 'report.accepted' : 'report.returned',
      entity: 'monitoring_report',
      entityId: `${input.round}/${input.institution}`,
      before: { status: report.status, version: report.version },
      after: { status: input.decision, version, ...(input.decision === 'returned' ? { comments } : {}) },
    });

    const plan: PlanPackage = {
      ...state.plan,
      monitoring: {
        rounds: (state.plan.monitoring?.rounds ?? []).map((candidate) =>
          candidate.id === input.round
            ? {
                ...candidate,
                reports: candidate.reports.map((entry) =>
                  entry.institution === input.institution ? { ...entry, status: input.decision } : entry,
                ),
              }
            : candidate,
        ),
      },
    };
    return { result: { status: input.decision, version }, state: { ...state, plan } };
  });
  return result;
}
