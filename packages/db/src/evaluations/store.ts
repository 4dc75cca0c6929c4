import {
  CriteriaSchema,
  TermsSchema,
  type EvaluationContent,
  type EvaluationRecordKind,
  type ManagementResponseInput,
} from '@ariadne/domain';
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../schema.ts';

type Executor = Kysely<Schema> | Transaction<Schema>;

/** An evaluation or independent report as stored, with who wrote it. */
export type StoredEvaluation = EvaluationContent & {
  id: number;
  participantId: number;
  strategyId: number;
  kind: EvaluationRecordKind;
  authorUserId: number | null;
  authorName: string | null;
  authorRole: 'coordinator' | 'rapporteur';
  version: number;
  createdAt: string;
  updatedAt: string;
};

/** A recommendation of an evaluation in the register, with its management response. */
export type StoredEvaluationRecommendation = {
  id: number;
  evaluationId: number;
  recommendationId: number;
  code: string;
  source: string;
  reference: string | null;
  year: number;
  text: string;
  response: ManagementResponseInput['response'] | null;
  action: string;
  responsible: string | null;
  dueDate: string | null;
  actionStatus: ManagementResponseInput['actionStatus'];
  respondedAt: string | null;
  version: number;
};

function iso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : value;
}

/** JSON columns come back parsed from PostgreSQL and PGlite alike; text is parsed here in case. */
function json(value: unknown): unknown {
  return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
}

function selectEvaluations(executor: Executor) {
  return executor
    .selectFrom('evaluations')
    .leftJoin('users', 'users.id', 'evaluations.author_user_id')
    .selectAll('evaluations')
    .select('users.display_name as author_name');
}

type EvaluationSelect = Awaited<ReturnType<ReturnType<typeof selectEvaluations>['executeTakeFirstOrThrow']>>;

function toEvaluation(row: EvaluationSelect): StoredEvaluation {
  return {
    id: row.id,
    participantId: row.participant_id,
    strategyId: row.strategy_id,
    kind: row.kind as EvaluationRecordKind,
    type: row.type as EvaluationContent['type'],
    title: row.title,
    year: row.year,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    evaluatorKind: row.evaluator_kind as EvaluationContent['evaluatorKind'],
    evaluatorName: row.evaluator_name,
    terms: TermsSchema.parse(json(row.terms)),
    criteria: CriteriaSchema.parse(json(row.criteria)),
    text: row.text,
    findings: row.findings,
    conclusions: row.conclusions,
    authorUserId: row.author_user_id,
    authorName: row.author_name,
    authorRole: row.author_role as StoredEvaluation['authorRole'],
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

function contentColumns(content: EvaluationContent) {
  return {
    type: content.type,
    title: content.title,
    year: content.year,
    period_start: content.periodStart,
    period_end: content.periodEnd,
    evaluator_kind: content.evaluatorKind,
    evaluator_name: content.evaluatorName === '' ? null : content.evaluatorName,
    terms: JSON.stringify(content.terms),
    criteria: JSON.stringify(content.criteria),
    text: content.text,
    findings: content.findings,
    conclusions: content.conclusions,
  };
}

/** Writes a new evaluation or independent report of a strategy; gives its id. */
export async function insertEvaluation(
  trx: Transaction<Schema>,
  input: {
    participantId: number;
    strategyId: number;
    kind: EvaluationRecordKind;
    authorUserId: number;
    authorRole: StoredEvaluation['authorRole'];
    content: EvaluationContent;
  },
): Promise<number> {
  const row = await trx
    .insertInto('evaluations')
    .values({
      participant_id: input.participantId,
      strategy_id: input.strategyId,
      kind: input.kind,
      author_user_id: input.authorUserId,
      author_role: input.authorRole,
      ...contentColumns(input.content),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The evaluations and independent reports of a strategy, oldest first. */
export async function listEvaluations(executor: Executor, strategyId: number): Promise<StoredEvaluation[]> {
  const rows = await selectEvaluations(executor).where('evaluations.strategy_id', '=', strategyId).orderBy('evaluations.id').execute();
  return rows.map(toEvaluation);
}

/** One evaluation of a strategy, if it is there; `lock` holds its row for the rest of the transaction. */
export async function readEvaluation(
  executor: Executor,
  strategyId: number,
  id: number,
  options: { lock?: boolean } = {},
): Promise<StoredEvaluation | undefined> {
  let query = selectEvaluations(executor).where('evaluations.strategy_id', '=', strategyId).where('evaluations.id', '=', id);
  if (options.lock) query = query.forUpdate('evaluations');
  const row = await query.executeTakeFirst();
  return row ? toEvaluation(row) : undefined;
}

/** Replaces what an evaluation says and raises its version; gives the new version. */
export async function updateEvaluation(trx: Transaction<Schema>, id: number, content: EvaluationContent): Promise<number> {
  const row = await trx
    .updateTable('evaluations')
    .set((eb) => ({ ...contentColumns(content), version: eb('version', '+', 1), updated_at: new Date().toISOString() }))
    .where('id', '=', id)
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

/** Links a recommendation of the register to the evaluation that made it; gives the link's id. */
export async function linkEvaluationRecommendation(
  trx: Transaction<Schema>,
  evaluationId: number,
  recommendationId: number,
): Promise<number> {
  const row = await trx
    .insertInto('evaluation_recommendations')
    .values({ evaluation_id: evaluationId, recommendation_id: recommendationId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The recommendations of evaluations, as the register holds them now, with their management responses. */
export async function listEvaluationRecommendations(
  executor: Executor,
  evaluationIds: readonly number[],
): Promise<StoredEvaluationRecommendation[]> {
  if (evaluationIds.length === 0) return [];
  const rows = await executor
    .selectFrom('evaluation_recommendations as link')
    .innerJoin('recommendations', 'recommendations.id', 'link.recommendation_id')
    .select([
      'link.id',
      'link.evaluation_id',
      'link.recommendation_id',
      'recommendations.code',
      'recommendations.source',
      'recommendations.reference',
      'recommendations.year',
      'recommendations.text',
      'link.response',
      'link.action',
      'link.responsible',
      'link.due_date',
      'link.action_status',
      'link.responded_at',
      'link.version',
    ])
    .where('link.evaluation_id', 'in', [...evaluationIds])
    .orderBy('link.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    evaluationId: row.evaluation_id,
    recommendationId: row.recommendation_id,
    code: row.code,
    source: row.source,
    reference: row.reference,
    year: row.year,
    text: row.text,
    response: row.response as StoredEvaluationRecommendation['response'],
    action: row.action,
    responsible: row.responsible,
    dueDate: row.due_date,
    actionStatus: row.action_status as StoredEvaluationRecommendation['actionStatus'],
    respondedAt: row.responded_at === null ? null : iso(row.responded_at),
    version: row.version,
  }));
}

/** Records the management response to a recommendation of an evaluation and raises its version. */
export async function saveManagementResponse(
  trx: Transaction<Schema>,
  linkId: number,
  response: ManagementResponseInput,
  userId: number,
): Promise<number> {
  const row = await trx
    .updateTable('evaluation_recommendations')
    .set((eb) => ({
      response: response.response,
      action: response.action,
      responsible: response.responsible === '' ? null : response.responsible,
      due_date: response.dueDate,
      action_status: response.actionStatus,
      responded_by: userId,
      responded_at: new Date().toISOString(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', linkId)
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

/** The id in the register of a strategy's recommendation with this code. */
export async function recommendationIdOf(executor: Executor, strategyId: number, code: string): Promise<number | undefined> {
  const row = await executor
    .selectFrom('recommendations')
    .select('id')
    .where('strategy_id', '=', strategyId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row?.id;
}
