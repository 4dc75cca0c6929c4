import { AppError, mayEditEvaluation, type Actor, type EvaluationContent } from '@ariadne/domain';
import {
  readEvaluation,
  recordAudit,
  strategyRevision,
  updateEvaluation as writeEvaluation,
  type AuditActor,
  type Database,
  type Schema,
  type StoredEvaluation,
} from '@ariadne/db';
import type { Transaction } from 'kysely';
import { strategyNotFound } from '../plan-cache.ts';

export type UpdateEvaluationInput = {
  participant: string;
  strategy: string;
  id: number;
  /** The version the author edited; another stored version is a conflict. */
  version: number;
  content: EvaluationContent;
  actor: Actor;
  audit: AuditActor;
};

/** The evaluation, locked for the rest of the transaction, if the actor may change it; refusals otherwise. */
export async function editableEvaluation(
  trx: Transaction<Schema>,
  input: { participant: string; strategyId: number; id: number; actor: Actor },
): Promise<StoredEvaluation> {
  const stored = await readEvaluation(trx, input.strategyId, input.id, { lock: true });
  if (!stored) {
    throw new AppError('NOT_FOUND', { detail: `no evaluation ${input.id}` });
  }
  if (!mayEditEvaluation(input.actor, input.participant, stored)) {
    throw new AppError('EVALUATION_AUTHOR_ONLY', {
      params: { author: stored.authorName ?? '—' },
      detail: `evaluation ${input.id} was written by user ${stored.authorUserId ?? 'unknown'} as ${stored.authorRole}`,
    });
  }
  return stored;
}

/**
 * Saves what an evaluation or independent report says (its terms of reference, questions, ratings,
 * findings, conclusions), in one transaction with its audit entry (`evaluation.updated`, with the
 * record before and after). A rapporteur's record is changed by its author alone, a coordinator's by
 * the coordinators (EVALUATION_AUTHOR_ONLY, 403); a stale version is a CONFLICT (409).
 */
export async function updateEvaluation(database: Database, input: UpdateEvaluationInput): Promise<{ version: number }> {
  const located = await strategyRevision(database.db, input.participant, input.strategy);
  if (!located) throw strategyNotFound(input.participant, input.strategy);
  return database.db.transaction().execute(async (trx) => {
    const stored = await editableEvaluation(trx, {
      participant: input.participant,
      strategyId: located.id,
      id: input.id,
      actor: input.actor,
    });
    if (stored.version !== input.version) {
      throw new AppError('CONFLICT', {
        detail: `evaluation ${input.id} is at version ${stored.version}, the edit was made on ${input.version}`,
      });
    }
    if (stored.kind === 'independent_report' && input.content.type !== null) {
      throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'content.type', key: 'invalid_value' }], detail: 'a report has no type' });
    }
    const version = await writeEvaluation(trx, input.id, input.content);
    const { id: _id, version: _version, createdAt: _created, updatedAt: _updated, authorName: _name, ...before } = stored;
    await recordAudit(trx, {
      actor: input.audit,
      participantId: stored.participantId,
      action: 'evaluation.updated',
      entity: 'evaluation',
      entityId: input.id,
      before,
      after: { ...before, ...input.content },
    });
    return { version };
  });
}
