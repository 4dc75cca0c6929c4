import {
  AppError,
  authorRoleOf,
  defaultEvaluation,
  defaultIndependentReport,
  suggestedEvaluationType,
  translator,
  type Actor,
  type EvaluationRecordKind,
  type EvaluationType,
  type Language,
} from '@ariadne/domain';
import { insertEvaluation, recordAudit, type AuditActor, type Database } from '@ariadne/db';
import { currentStrategyState } from '../plan-cache.ts';

export type CreateEvaluationInput = {
  /** The Participant's code, e.g. `DL`. */
  participant: string;
  /** The strategy's id, e.g. `NS-2021-2024`. */
  strategy: string;
  kind: EvaluationRecordKind;
  /** The type of an evaluation; final once the strategy's period is over, else mid-term, when left out. */
  type?: EvaluationType | undefined;
  /** Who writes it, as the policies see them: a coordinator or a rapporteur of the Participant. */
  actor: Actor;
  audit: AuditActor & { userId: number };
  /** The language of the defaults filled in from the plan (title, questions, terms of reference). */
  language: Language;
  today: string;
};

/**
 * Starts an evaluation or an independent report of a strategy, filled in from the plan for its author
 * to edit, in one transaction with its audit entry (`evaluation.created`). The author's role (coordinator
 * or rapporteur) is kept: it decides who may change the record later.
 */
export async function createEvaluation(database: Database, input: CreateEvaluationInput): Promise<{ id: number }> {
  const authorRole = authorRoleOf(input.actor, input.participant);
  if (authorRole === null) throw new AppError('FORBIDDEN', { detail: 'neither coordinator nor rapporteur' });
  const state = await currentStrategyState(database, input.participant, input.strategy);
  const t = translator(input.language);
  const content =
    input.kind === 'evaluation'
      ? defaultEvaluation(state.plan, input.type ?? suggestedEvaluationType(state.plan.strategy.periodEnd, input.today), t)
      : defaultIndependentReport(state.plan, t);
  return database.db.transaction().execute(async (trx) => {
    const id = await insertEvaluation(trx, {
      participantId: state.participantId,
      strategyId: state.strategyId,
      kind: input.kind,
      authorUserId: input.audit.userId,
      authorRole,
      content,
    });
    await recordAudit(trx, {
      actor: input.audit,
      participantId: state.participantId,
      action: 'evaluation.created',
      entity: 'evaluation',
      entityId: id,
      after: { strategy: input.strategy, kind: input.kind, type: content.type, title: content.title, authorRole },
    });
    return { id };
  });
}
