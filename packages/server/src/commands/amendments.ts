import {
  AppError,
  STRATEGY_DOCUMENT,
  documentSnapshot,
  documentStatus,
  restoreEdits,
  scopeOf,
  type DocumentRef,
  type FieldIssue,
  type PlanEdit,
} from '@ariadne/domain';
import {
  closeAmendment,
  insertAmendment,
  readDocumentSnapshot,
  recordAudit,
  recordDocumentVersion,
  setDocumentStatus,
  type AuditActor,
  type Database,
  type OpenAmendment,
} from '@ariadne/db';
import { withLockedStrategy, type StrategyState } from '../plan-cache.ts';
import { applyEditsTo } from './applyPlanEdits.ts';
import { adoptionIssues, documentRow, withDocumentLifeCycle } from './changeDocumentStatus.ts';

// Amending an adopted document: an amendment opens (with its reason), the document's content can
// be edited while it stays adopted, and the amendment is either adopted (the next version of the
// document is recorded) or withdrawn (the content of the last version comes back).

type DocumentAddress = { participant: string; strategy: string; document: DocumentRef; actor: AuditActor };

/** An amendment as the API shows it: the number of the version it would become. */
export type AmendmentView = { number: number; reason: string; openedBy: string | null; openedAt: string };

export function presentAmendment(amendment: OpenAmendment): AmendmentView {
  return { number: amendment.number, reason: amendment.reason, openedBy: amendment.openedBy, openedAt: amendment.openedAt.toISOString() };
}

/** A recorded version as the API shows it. */
export type VersionView = {
  number: number;
  kind: 'adoption' | 'amendment';
  reason?: string;
  adoptedOn: string;
  adoptedBy?: string;
  recordedBy: string | null;
  recordedAt: string;
};

function documentAdoptedOn(state: StrategyState, document: DocumentRef): string | undefined {
  if (document === STRATEGY_DOCUMENT) return state.plan.strategy.adoptedOn;
  return state.plan.actionPlans.find((actionPlan) => actionPlan.id === document)?.adoptedOn;
}

function openAmendmentOf(state: StrategyState, document: DocumentRef): OpenAmendment {
  const amendment = state.amendments.get(document);
  if (!amendment) {
    throw new AppError('NOT_FOUND', {
      issues: [{ path: 'document', key: 'no_open_amendment' }],
      detail: `${document} has no open amendment`,
    });
  }
  return amendment;
}

function withAmendments(
  state: StrategyState,
  document: DocumentRef,
  amendment: OpenAmendment | undefined,
): Map<DocumentRef, OpenAmendment> {
  const amendments = new Map(state.amendments);
  if (amendment) amendments.set(document, amendment);
  else amendments.delete(document);
  return amendments;
}

/**
 * Opens an amendment of an adopted document, with its reason: the document can then be edited
 * while it stays adopted. TRANSITION_NOT_ALLOWED when the document is not adopted; ALREADY_EXISTS
 * when an amendment of it is open already.
 */
export async function openAmendment(database: Database, input: DocumentAddress & { reason: string }): Promise<AmendmentView> {
  const { result } = await withLockedStrategy(database, input, async (trx, state) => {
    const row = await documentRow(trx, state, input.document);
    const status = documentStatus(state.plan, input.document);
    if (status !== 'adopted') {
      throw new AppError('TRANSITION_NOT_ALLOWED', {
        issues: [{ path: 'document', key: 'amendment_needs_adopted' }],
        detail: `${input.document} is ${status ?? 'missing'}`,
      });
    }
    if (state.amendments.has(input.document)) {
      throw new AppError('ALREADY_EXISTS', {
        issues: [{ path: 'document', key: 'amendment_open' }],
        detail: `${input.document} is being amended`,
      });
    }
    const reason = input.reason.trim();
    if (reason === '') throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'reason', key: 'required' }] });
    const opened = await insertAmendment(trx, {
      strategyId: state.strategyId,
      actionPlanId: row.actionPlanId,
      reason,
      recorder: input.actor,
    });
    // A document imported as adopted has no recorded version yet: the one in force is recorded
    // first (as adopted on its date, or today when it has none), so that it can be restored.
    let last = (await readDocumentSnapshot(trx, state.strategyId, row.actionPlanId))?.number;
    if (last === undefined) {
      const adoptedOn = documentAdoptedOn(state, input.document) ?? new Date().toISOString().slice(0, 10);
      const adoptedBy = input.document === STRATEGY_DOCUMENT ? state.plan.strategy.adoptedBy : undefined;
      const recorded = await recordDocumentVersion(trx, {
        strategyId: state.strategyId,
        actionPlanId: row.actionPlanId,
        kind: 'adoption',
        adoptedOn,
        ...(adoptedBy !== undefined ? { adoptedBy } : {}),
        snapshot: documentSnapshot(state.plan),
        recorder: input.actor,
      });
      last = recorded.number;
    }
    const amendment: OpenAmendment = {
      id: opened.id,
      document: input.document,
      actionPlanId: row.actionPlanId,
      reason,
      openedBy: 'userId' in input.actor ? input.actor.email : input.actor.system,
      openedAt: opened.openedAt,
      number: last + 1,
    };
    await recordAudit(trx, {
      actor: input.actor,
      participantId: state.participantId,
      action: 'plan.amendment.opened',
      entity: input.document === STRATEGY_DOCUMENT ? 'strategy' : 'action_plan',
      entityId: row.code,
      after: { reason, number: amendment.number },
    });
    return { result: presentAmendment(amendment), state: { ...state, amendments: withAmendments(state, input.document, amendment) } };
  });
  return result;
}

/**
 * Adopts the open amendment of a document: records the date (and, for a strategy, the body when it
 * changes) and the document's next version with a snapshot. NOT_FOUND when no amendment is open.
 */
export async function adoptAmendment(
  database: Database,
  input: DocumentAddress & { adoptedOn: string; adoptedBy?: string },
): Promise<VersionView> {
  const { result } = await withLockedStrategy(database, input, async (trx, state) => {
    const row = await documentRow(trx, state, input.document);
    const amendment = openAmendmentOf(state, input.document);
    const isStrategy = input.document === STRATEGY_DOCUMENT;
    const adoptedBy = isStrategy ? input.adoptedBy?.trim() || state.plan.strategy.adoptedBy : undefined;
    const issues = adoptionIssues({ adoptedOn: input.adoptedOn, adoptedBy }, isStrategy);
    if (issues.length > 0) throw new AppError('VALIDATION_FAILED', { issues, detail: 'the adoption is incomplete' });
    const change = { status: 'adopted' as const, adoptedOn: input.adoptedOn, ...(adoptedBy !== undefined ? { adoptedBy } : {}) };
    const version = await setDocumentStatus(trx, state.strategyId, row.actionPlanId, change);
    const plan = withDocumentLifeCycle(state.plan, input.document, change);
    const recorded = await recordDocumentVersion(trx, {
      strategyId: state.strategyId,
      actionPlanId: row.actionPlanId,
      kind: 'amendment',
      reason: amendment.reason,
      adoptedOn: input.adoptedOn,
      ...(adoptedBy !== undefined ? { adoptedBy } : {}),
      snapshot: documentSnapshot(plan),
      recorder: input.actor,
    });
    await closeAmendment(trx, amendment.id, { status: 'adopted', versionId: recorded.id, recorder: input.actor });
    await recordAudit(trx, {
      actor: input.actor,
      participantId: state.participantId,
      action: 'plan.amendment.adopted',
      entity: isStrategy ? 'strategy' : 'action_plan',
      entityId: row.code,
      before: { reason: amendment.reason, version: row.version },
      after: { number: recorded.number, adoptedOn: input.adoptedOn, ...(adoptedBy !== undefined ? { adoptedBy } : {}), version },
    });
    const versions = new Map(state.versions);
    versions.set(row.code, version);
    const view: VersionView = {
      number: recorded.number,
      kind: 'amendment',
      reason: amendment.reason,
      adoptedOn: input.adoptedOn,
      ...(adoptedBy !== undefined ? { adoptedBy } : {}),
      recordedBy: 'userId' in input.actor ? input.actor.email : input.actor.system,
      recordedAt: new Date().toISOString(),
    };
    return { result: view, state: { ...state, plan, versions, amendments: withAmendments(state, input.document, undefined) } };
  });
  return result;
}

export type WithdrawnAmendment = { restored: number; changes: number };

/** `code` → `A1.2.code`, `title` → `A1.2.title`: a restore's issues name the element they are about. */
function restoreIssue(edit: PlanEdit | undefined, issue: FieldIssue): FieldIssue {
  if (!edit) return issue;
  const code = 'code' in edit ? edit.code : ((edit.data as { id?: unknown } | null)?.id ?? '');
  return { ...issue, path: issue.path === 'code' || issue.path === '' ? String(code) : `${String(code)}.${issue.path}` };
}

/**
 * Withdraws the open amendment of a document: its content comes back to the last adopted version.
 * Elements that are in both keep their identity (and what the monitoring history says of them);
 * elements added by the amendment are deleted, which is refused (ELEMENT_IN_USE, naming what
 * refers to them) while something refers to them, for example a monitoring report or an activity
 * of another plan. NOT_FOUND when no amendment is open.
 */
export async function withdrawAmendment(database: Database, input: DocumentAddress): Promise<WithdrawnAmendment> {
  const { result } = await withLockedStrategy(database, input, async (trx, state) => {
    const row = await documentRow(trx, state, input.document);
    const amendment = openAmendmentOf(state, input.document);
    const last = await readDocumentSnapshot(trx, state.strategyId, row.actionPlanId);
    if (!last) throw new Error(`${input.document} is adopted but has no recorded version`);
    const restore = restoreEdits(state.plan, last.snapshot, scopeOf(input.document));
    if (!restore.ok) {
      const issues = restore.issues.map((issue) => restoreIssue(restore.edit, issue));
      if (restore.reason === 'in_use') throw new AppError('ELEMENT_IN_USE', { issues, detail: 'the amendment cannot be withdrawn' });
      throw new AppError('TRANSITION_NOT_ALLOWED', { issues, detail: 'the last version cannot be restored' });
    }
    const applied = await applyEditsTo(trx, state, restore.edits, { actor: input.actor, checkVersions: false, checkFrozen: false });
    await closeAmendment(trx, amendment.id, { status: 'withdrawn', recorder: input.actor });
    await recordAudit(trx, {
      actor: input.actor,
      participantId: state.participantId,
      action: 'plan.amendment.withdrawn',
      entity: input.document === STRATEGY_DOCUMENT ? 'strategy' : 'action_plan',
      entityId: row.code,
      before: { reason: amendment.reason, number: amendment.number },
      after: { restored: last.number, changes: restore.edits.length },
    });
    return {
      result: { restored: last.number, changes: restore.edits.length },
      state: { ...applied.state, amendments: withAmendments(state, input.document, undefined) },
    };
  });
  return result;
}
