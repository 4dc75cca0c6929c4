import { codesOf, type Actor, type PlanEdit, type PlanPackage, type RecommendationStrength } from '@ariadne/domain';
import { linkEvaluationRecommendation, recommendationIdOf, recordAudit, type AuditActor, type Database } from '@ariadne/db';
import { withLockedStrategy } from '../plan-cache.ts';
import { applyEditsTo } from './applyPlanEdits.ts';
import { editableEvaluation } from './updateEvaluation.ts';

export type AddEvaluationRecommendationInput = {
  participant: string;
  strategy: string;
  /** The evaluation or independent report making the recommendation. */
  evaluation: number;
  text: string;
  strength?: RecommendationStrength | undefined;
  actor: Actor;
  audit: AuditActor;
  today: string;
};

/** The next free code `REC-nn` of the strategy. */
function nextRecommendationCode(plan: PlanPackage): string {
  const taken = codesOf(plan);
  for (let n = 1; ; n += 1) {
    const code = `REC-${String(n).padStart(2, '0')}`;
    if (!taken.has(code)) return code;
  }
}

/**
 * Adds a recommendation of an evaluation (source `evaluation`) or of a rapporteur's independent
 * report (source `national_rapporteur`) to the strategy's register, linked to the record that made
 * it, with its reference the record's title and its year the evaluation's. It is written as the
 * recommendations import writes, through the plan edits on the locked strategy, so that the strategy
 * held in memory stays its stored self; with the record's own audit entry
 * (`evaluation.recommendation_added`) beside the edit's, in one transaction.
 *
 * Recommendations received enter the register of an adopted strategy too, without an amendment: they
 * record what was recommended, not a change of the adopted text, and the next cycle's activities
 * answer them. Only the author of the record may add them (EVALUATION_AUTHOR_ONLY otherwise).
 */
export async function addEvaluationRecommendation(
  database: Database,
  input: AddEvaluationRecommendationInput,
): Promise<{ code: string; revision: number }> {
  const { result, revision } = await withLockedStrategy(database, input, async (trx, state) => {
    const evaluation = await editableEvaluation(trx, {
      participant: input.participant,
      strategyId: state.strategyId,
      id: input.evaluation,
      actor: input.actor,
    });
    const code = nextRecommendationCode(state.plan);
    const edit: PlanEdit = {
      op: 'create',
      kind: 'recommendation',
      data: {
        id: code,
        source: evaluation.kind === 'evaluation' ? 'evaluation' : 'national_rapporteur',
        reference: evaluation.title,
        year: evaluation.year ?? Number(input.today.slice(0, 4)),
        text: input.text,
        ...(input.strength !== undefined ? { strength: input.strength } : {}),
      },
    };
    const applied = await applyEditsTo(trx, state, [edit], { actor: input.audit, checkFrozen: false });
    const recommendationId = await recommendationIdOf(trx, state.strategyId, code);
    if (recommendationId === undefined) throw new Error(`the recommendation ${code} was not written`);
    const link = await linkEvaluationRecommendation(trx, evaluation.id, recommendationId);
    await recordAudit(trx, {
      actor: input.audit,
      participantId: state.participantId,
      action: 'evaluation.recommendation_added',
      entity: 'evaluation',
      entityId: evaluation.id,
      after: { recommendation: code, link, text: input.text },
    });
    return { result: code, state: applied.state };
  });
  return { code: result, revision };
}
