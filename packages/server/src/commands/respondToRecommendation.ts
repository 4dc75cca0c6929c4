import { AppError, type ManagementResponseInput } from '@ariadne/domain';
import {
  listEvaluationRecommendations,
  readEvaluation,
  recordAudit,
  saveManagementResponse,
  type AuditActor,
  type Database,
} from '@ariadne/db';
import { currentStrategyState } from '../plan-cache.ts';

export type RespondToRecommendationInput = {
  participant: string;
  strategy: string;
  evaluation: number;
  /** The recommendation's link to the evaluation. */
  link: number;
  /** The version of the response the coordinator edited. */
  version: number;
  response: ManagementResponseInput;
  audit: AuditActor & { userId: number };
};

/**
 * Records the coordination office's management response to a recommendation of an evaluation (agree,
 * partly agree or disagree; the action, who is responsible, by when, and where the action stands),
 * in one transaction with its audit entry (`evaluation.responded`). The responsible institution must
 * be one of the strategy's; a stale version is a CONFLICT.
 */
export async function respondToRecommendation(database: Database, input: RespondToRecommendationInput): Promise<{ version: number }> {
  const state = await currentStrategyState(database, input.participant, input.strategy);
  const { responsible } = input.response;
  if (responsible !== null && responsible !== '' && !state.plan.institutions.some((institution) => institution.id === responsible)) {
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ path: 'responsible', key: 'unknown_institution', params: { id: responsible } }],
      detail: `no institution ${responsible} in the strategy`,
    });
  }
  return database.db.transaction().execute(async (trx) => {
    const evaluation = await readEvaluation(trx, state.strategyId, input.evaluation, { lock: true });
    const link = evaluation
      ? (await listEvaluationRecommendations(trx, [evaluation.id])).find((item) => item.id === input.link)
      : undefined;
    if (!evaluation || !link)
      throw new AppError('NOT_FOUND', { detail: `no recommendation ${input.link} of evaluation ${input.evaluation}` });
    if (link.version !== input.version) {
      throw new AppError('CONFLICT', { detail: `the response is at version ${link.version}, the edit was made on ${input.version}` });
    }
    const version = await saveManagementResponse(trx, link.id, input.response, input.audit.userId);
    await recordAudit(trx, {
      actor: input.audit,
      participantId: evaluation.participantId,
      action: 'evaluation.responded',
      entity: 'evaluation_recommendation',
      entityId: link.id,
      before: {
        recommendation: link.code,
        response: link.response,
        action: link.action,
        responsible: link.responsible,
        dueDate: link.dueDate,
        actionStatus: link.actionStatus,
      },
      after: { recommendation: link.code, ...input.response },
    });
    return { version };
  });
}
