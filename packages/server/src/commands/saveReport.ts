import {
  AppError,
  checkReport,
  findingIssues,
  flagKey,
  reportForm,
  type PlanPackage,
  type Report,
  type ReportContent,
  type ReportFinding,
} from '@ariadne/domain';
import { findReport, recordAudit, saveReportContent, type AuditActor, type Database, type Schema } from '@ariadne/db';
import type { Transaction } from 'kysely';
import { withLockedStrategy } from '../plan-cache.ts';
import { reportNotFound } from './reviewReport.ts';
import { roundOfPlan, strategyOfActionPlan } from './openRounds.ts';

export type SaveReportInput = {
  participant: string;
  /** The action plan's id. */
  plan: string;
  round: string;
  institution: string;
  /** The report's version as the writer read it (or as the Excel template carries it). */
  version: number;
  content: ReportContent;
  /** Submitting, with the keys of the flags the person has confirmed. */
  submit?: { confirmedFlags: readonly string[] } | undefined;
  /** The content comes from an Excel template: its digest (the same file twice changes nothing). */
  template?: { digest: string } | undefined;
  actor: AuditActor;
  /** Called inside the transaction with what was saved (an idempotent request stores its answer there). */
  afterWrite?: ((trx: Transaction<Schema>, saved: SavedReport) => Promise<void>) | undefined;
};

export type SavedReport = {
  status: Report['status'];
  version: number;
  submittedOn: string | null;
  /** What a check found unusual: to confirm before submitting. */
  flags: ReportFinding[];
  /** The same template was applied before: nothing changed. */
  unchanged: boolean;
  /** Submitting: when, and the report's key (to count its evidence for the receipt). */
  receipt?: { submittedAt: string | null; reportId: number };
};

/** Texts kept as written but without surrounding spaces; what is empty is left out, as in the plan package. */
export function tidyContent(content: ReportContent): ReportContent {
  return {
    activities: content.activities.map((entry) => {
      const narrative = entry.narrative?.trim();
      const obstacles = entry.obstacles?.trim();
      return {
        activity: entry.activity,
        status: entry.status,
        ...(entry.spent && entry.spent.length > 0 ? { spent: entry.spent } : {}),
        ...(narrative ? { narrative } : {}),
        ...(obstacles ? { obstacles } : {}),
      };
    }),
    indicatorValues: content.indicatorValues.map((value) => ({
      indicator: value.indicator,
      value: value.value,
      ...(value.breakdown && value.breakdown.length > 0 ? { breakdown: value.breakdown } : {}),
    })),
  };
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Saves what an institution reports in a round (autosave of the web form, an Excel template) and,
 * when asked, submits it. One transaction with its audit entry. Refusals: NOT_FOUND for an unknown
 * plan, round or report; REPORT_LOCKED when it is submitted or accepted; REPORT_CHANGED (for a
 * template, TEMPLATE_OUTDATED) when it changed since the version sent; VALIDATION_FAILED with a
 * field issue per problem; REPORT_UNCONFIRMED with the flags not confirmed, when submitting.
 */
export async function saveReport(database: Database, input: SaveReportInput): Promise<SavedReport> {
  const strategy = await strategyOfActionPlan(database, input.participant, input.plan);
  const { result } = await withLockedStrategy(database, { participant: input.participant, strategy }, async (trx, state) => {
    const round = state.plan.monitoring?.rounds.find((candidate) => candidate.id === input.round);
    if (!round || !roundOfPlan(state.plan, input.plan, round)) throw reportNotFound(input.round, input.institution);
    const stored = await findReport(trx, state.strategyId, input.round, input.institution);
    if (!stored) throw reportNotFound(input.round, input.institution);
    const form = reportForm(state.plan, input.plan, input.round, input.institution);
    const content = tidyContent(input.content);
    const check = checkReport(form, content, input.submit ? 'submit' : 'draft');

    if (input.template && stored.templateDigest === input.template.digest) {
      const status = stored.status as Report['status'];
      const unchanged: SavedReport = {
        status,
        version: stored.version,
        submittedOn: stored.submittedOn,
        flags: check.flags,
        unchanged: true,
      };
      await input.afterWrite?.(trx, unchanged);
      return { result: unchanged };
    }
    if (stored.status === 'submitted' || stored.status === 'accepted') {
      throw new AppError('REPORT_LOCKED', { detail: `${input.round}/${input.institution} is ${stored.status}` });
    }
    if (stored.version !== input.version) {
      throw new AppError(input.template ? 'TEMPLATE_OUTDATED' : 'REPORT_CHANGED', {
        detail: `${input.round}/${input.institution} is at version ${stored.version}, the save was made on ${input.version}`,
      });
    }
    if (check.problems.length > 0) {
      throw new AppError('VALIDATION_FAILED', { issues: findingIssues(check.problems), detail: 'the report has problems' });
    }
    if (input.submit) {
      const confirmed = new Set(input.submit.confirmedFlags);
      const unconfirmed = check.flags.filter((flag) => !confirmed.has(flagKey(flag)));
      if (unconfirmed.length > 0) {
        throw new AppError('REPORT_UNCONFIRMED', { issues: findingIssues(unconfirmed), detail: `${unconfirmed.length} flags unconfirmed` });
      }
    }

    const by = 'userId' in input.actor ? input.actor.userId : null;
    const submittedOn = input.submit ? today() : (stored.submittedOn ?? null);
    const saved = await saveReportContent(trx, {
      strategyId: state.strategyId,
      reportId: stored.id,
      expectedVersion: stored.version,
      content,
      submit: input.submit ? { on: today(), by } : undefined,
      templateDigest: input.template?.digest,
    });
    if (saved === undefined) throw new AppError('REPORT_CHANGED', { detail: `${input.round}/${input.institution} changed meanwhile` });
    const { version } = saved;
    const receipt = input.submit ? { submittedAt: saved.submittedAt, reportId: stored.id } : undefined;
    const status: Report['status'] = input.submit ? 'submitted' : (stored.status as Report['status']);

    await recordAudit(trx, {
      actor: input.actor,
      participantId: state.participantId,
      action: input.submit ? 'report.submitted' : input.template ? 'report.template_uploaded' : 'report.saved',
      entity: 'monitoring_report',
      entityId: `${input.round}/${input.institution}`,
      before: { status: stored.status, version: stored.version },
      after: {
        status,
        version,
        activities: content.activities.length,
        indicatorValues: content.indicatorValues.length,
        ...(input.submit ? { confirmedFlags: check.flags.map(flagKey) } : {}),
      },
    });

    const report: Report = {
      institution: input.institution,
      status,
      ...(submittedOn ? { submittedOn } : {}),
      activities: content.activities,
      ...(content.indicatorValues.length > 0 ? { indicatorValues: content.indicatorValues } : {}),
    };
    const plan: PlanPackage = {
      ...state.plan,
      monitoring: {
        rounds: (state.plan.monitoring?.rounds ?? []).map((candidate) =>
          candidate.id === input.round
            ? { ...candidate, reports: candidate.reports.map((entry) => (entry.institution === input.institution ? report : entry)) }
            : candidate,
        ),
      },
    };
    const result: SavedReport = { status, version, submittedOn, flags: check.flags, unchanged: false, ...(receipt ? { receipt } : {}) };
    await input.afterWrite?.(trx, result);
    return { result, state: { ...state, plan } };
  });
  return result;
}
