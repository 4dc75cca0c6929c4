import {
  AppError,
  IsoDate,
  STRATEGY_DOCUMENT,
  canChangeStatus,
  documentSnapshot,
  documentStatus,
  elementOf,
  type DocumentRef,
  type DocumentStatus,
  type FieldIssue,
  type PlanPackage,
} from '@ariadne/domain';
import {
  findDocument,
  recordAudit,
  recordDocumentVersion,
  setDocumentStatus,
  type AuditActor,
  type Database,
  type Schema,
} from '@ariadne/db';
import type { Transaction } from 'kysely';
import { withLockedStrategy, type StrategyState } from '../plan-cache.ts';

export type ChangeDocumentStatusInput = {
  participant: string;
  strategy: string;
  /** `strategy`, or the code of one of its action plans. */
  document: DocumentRef;
  status: DocumentStatus;
  /** Adopting: the date of the decision (required). */
  adoptedOn?: string;
  /** Adopting a strategy: the body that adopted it (required), e.g. "Council of Ministers". */
  adoptedBy?: string;
  /** The document's version as the editor saw it. */
  version: number;
  actor: AuditActor;
};

export type ChangedDocumentStatus = { status: DocumentStatus; version: number; revision: number };

/** The document's row, or NOT_FOUND naming it. */
export async function documentRow(trx: Transaction<Schema>, state: StrategyState, document: DocumentRef) {
  const row = await findDocument(trx, state.strategyId, document);
  if (!row || documentStatus(state.plan, document) === undefined) {
    throw new AppError('NOT_FOUND', {
      issues: [{ path: 'document', key: 'document_not_found', params: { id: document } }],
      detail: `no document ${document} in ${state.participant}/${state.plan.strategy.id}`,
    });
  }
  return row;
}

/** EDIT_CONFLICT with the document as stored, when the editor saw another version. */
export function documentConflict(state: StrategyState, document: DocumentRef, stored: number, sent: number): AppError {
  const code = document === STRATEGY_DOCUMENT ? state.plan.strategy.id : document;
  const element = elementOf(state.plan, code);
  return new AppError('EDIT_CONFLICT', {
    params: { code },
    current: { code, kind: document === STRATEGY_DOCUMENT ? 'strategy' : 'action_plan', version: stored, data: element?.data ?? null },
    detail: `${code} is at version ${stored}, the change was made on ${sent}`,
  });
}

/** Checks an adoption's date (and, when required, body); issues name `adoptedOn` and `adoptedBy`. */
export function adoptionIssues(
  input: { adoptedOn?: string | undefined; adoptedBy?: string | undefined },
  requireBody: boolean,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (input.adoptedOn === undefined) issues.push({ path: 'adoptedOn', key: 'required' });
  else if (!IsoDate.safeParse(input.adoptedOn).success) issues.push({ path: 'adoptedOn', key: 'invalid_date' });
  else if (input.adoptedOn.startsWith('0000')) issues.push({ path: 'adoptedOn', key: 'year_zero' });
  if (requireBody && (input.adoptedBy === undefined || input.adoptedBy.trim() === '')) issues.push({ path: 'adoptedBy', key: 'required' });
  return issues;
}

/** The package with a document's status and adoption set. */
export function withDocumentLifeCycle(
  plan: PlanPackage,
  document: DocumentRef,
  change: { status: DocumentStatus; adoptedOn?: string | undefined; adoptedBy?: string | undefined },
): PlanPackage {
  if (document === STRATEGY_DOCUMENT) {
    return {
      ...plan,
      strategy: {
        ...plan.strategy,
        status: change.status,
        ...(change.adoptedOn !== undefined ? { adoptedOn: change.adoptedOn } : {}),
        ...(change.adoptedBy !== undefined ? { adoptedBy: change.adoptedBy } : {}),
      },
    };
  }
  return {
    ...plan,
    actionPlans: plan.actionPlans.map((actionPlan) =>
      actionPlan.id === document
        ? { ...actionPlan, status: change.status, ...(change.adoptedOn !== undefined ? { adoptedOn: change.adoptedOn } : {}) }
        : actionPlan,
    ),
  };
}

/**
 * Moves a document along its life cycle (`DOCUMENT_TRANSITIONS`): draft ⇄ consultation, then
 * adopted, then expired or superseded. Adopting records the date (and, for a strategy, the
 * adopting body) and stores the document's first version with a snapshot of the package; the
 * document is frozen from then on. Which role may make which change is the route's to check
 * (`statusChangeAction`). Refusals: NOT_FOUND for an unknown document; EDIT_CONFLICT when the
 * document changed since it was read; TRANSITION_NOT_ALLOWED for a change the life cycle does not
 * have, or expiring a document with an open amendment; VALIDATION_FAILED for a missing or wrong
 * date or body.
 */
export async function changeDocumentStatus(database: Database, input: ChangeDocumentStatusInput): Promise<ChangedDocumentStatus> {
  const { result, revision } = await withLockedStrategy(database, input, async (trx, state) => {
    const row = await documentRow(trx, state, input.document);
    const from = documentStatus(state.plan, input.document) ?? 'draft';
    if (row.version !== input.version) throw documentConflict(state, input.document, row.version, input.version);
    if (!canChangeStatus(from, input.status)) {
      throw new AppError('TRANSITION_NOT_ALLOWED', {
        issues: [{ path: 'status', key: 'status_not_allowed', params: { from, to: input.status } }],
        detail: `${input.document}: ${from} → ${input.status}`,
      });
    }
    if (state.amendments.has(input.document)) {
      throw new AppError('TRANSITION_NOT_ALLOWED', {
        issues: [{ path: 'document', key: 'amendment_open' }],
        detail: `${input.document} has an open amendment`,
      });
    }
    const adopting = input.status === 'adopted';
    const isStrategy = input.document === STRATEGY_DOCUMENT;
    if (adopting) {
      const issues = adoptionIssues(input, isStrategy);
      if (issues.length > 0) throw new AppError('VALIDATION_FAILED', { issues, detail: 'the adoption is incomplete' });
    }
    const change = {
      status: input.status,
      ...(adopting ? { adoptedOn: input.adoptedOn } : {}),
      ...(adopting && isStrategy ? { adoptedBy: input.adoptedBy?.trim() } : {}),
    };
    const version = await setDocumentStatus(trx, state.strategyId, row.actionPlanId, change);
    const plan = withDocumentLifeCycle(state.plan, input.document, change);
    let recorded: number | undefined;
    if (adopting && input.adoptedOn !== undefined) {
      const stored = await recordDocumentVersion(trx, {
        strategyId: state.strategyId,
        actionPlanId: row.actionPlanId,
        kind: 'adoption',
        adoptedOn: input.adoptedOn,
        ...(change.adoptedBy !== undefined ? { adoptedBy: change.adoptedBy } : {}),
        snapshot: documentSnapshot(plan),
        recorder: input.actor,
      });
      recorded = stored.number;
    }
    await recordAudit(trx, {
      actor: input.actor,
      participantId: state.participantId,
      action: 'plan.status.changed',
      entity: isStrategy ? 'strategy' : 'action_plan',
      entityId: row.code,
      before: { status: from, version: row.version },
      after: {
        status: input.status,
        version,
        ...(change.adoptedOn !== undefined ? { adoptedOn: change.adoptedOn } : {}),
        ...(change.adoptedBy !== undefined ? { adoptedBy: change.adoptedBy } : {}),
        ...(recorded !== undefined ? { recordedVersion: recorded } : {}),
      },
    });
    const versions = new Map(state.versions);
    versions.set(row.code, version);
    return { result: { status: input.status, version }, state: { ...state, plan, versions } };
  });
  return { ...result, revision };
}
