import {
  AppError,
  EVALUATION_CRITERIA,
  EVALUATION_RECORD_KINDS,
  EVALUATION_TYPES,
  EvaluationContentSchema,
  IsoDate,
  MANAGEMENT_RESPONSES,
  ManagementResponseSchema,
  RECOMMENDATION_STRENGTHS,
  RESPONSE_ACTION_STATUSES,
  mayEditEvaluation,
  trackResponse,
  type Actor,
} from '@ariadne/domain';
import {
  listEvaluationRecommendations,
  listEvaluations,
  readEvaluation,
  type StoredEvaluation,
  type StoredEvaluationRecommendation,
} from '@ariadne/db';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addEvaluationRecommendation } from '../commands/addEvaluationRecommendation.ts';
import { createEvaluation } from '../commands/createEvaluation.ts';
import { respondToRecommendation } from '../commands/respondToRecommendation.ts';
import { updateEvaluation } from '../commands/updateEvaluation.ts';
import { termsOfReferenceDocx } from '../documents/terms-of-reference.ts';
import { requestLanguage } from '../http/language.ts';
import { ErrorSchema, LanguageSchema, ParticipantParams, errorResponses } from '../http/schemas.ts';
import { currentStrategyState } from '../plan-cache.ts';
import { evidencePackWorkbook } from '../workbook/evidence-pack.ts';

// The evaluations of a strategy and the independent reports of its rapporteur: the record with its
// terms of reference, ratings by criterion, findings and conclusions; its recommendations, which
// enter the strategy's register, each with the office's management response; the terms of reference
// as a Word document and the evidence pack as a workbook.

const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const StrategyParams = ParticipantParams.extend({
  strategy: z.string().min(1).max(64).describe('The strategy’s id, e.g. `NS-2021-2024`'),
});
const EvaluationParams = StrategyParams.extend({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53)
    .describe('The evaluation’s number'),
});
const ResponseParams = EvaluationParams.extend({
  link: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53)
    .describe('The number of the recommendation’s link to the evaluation'),
});

const RatingsSchema = z.object(
  Object.fromEntries(EVALUATION_CRITERIA.map((criterion) => [criterion, z.number().int().nullable()])) as Record<
    (typeof EVALUATION_CRITERIA)[number],
    z.ZodNullable<z.ZodNumber>
  >,
);

const ListedSchema = z.object({
  id: z.number().int(),
  kind: z.enum(EVALUATION_RECORD_KINDS),
  type: z.enum(EVALUATION_TYPES).nullable(),
  title: z.string(),
  year: z.number().int().nullable(),
  evaluatorKind: z.string().nullable(),
  evaluatorName: z.string().nullable(),
  authorName: z.string().nullable(),
  authorRole: z.enum(['coordinator', 'rapporteur']),
  editable: z.boolean().describe('Whether the reader may change the record'),
  ratings: RatingsSchema,
  recommendations: z.number().int(),
  awaitingResponse: z.number().int(),
  overdue: z.number().int(),
  updatedAt: z.string(),
});

const ListSchema = z
  .object({
    strategy: z.object({ id: z.string(), title: z.string(), periodStart: z.number().int(), periodEnd: z.number().int() }),
    planned: z.array(z.object({ type: z.enum(EVALUATION_TYPES), year: z.number().int() })).describe('The evaluations the strategy plans'),
    evaluations: z.array(ListedSchema),
  })
  .meta({ id: 'EvaluationList' });

const RecommendationSchema = z.object({
  link: z.number().int(),
  code: z.string().describe('The recommendation’s code in the register'),
  source: z.string(),
  year: z.number().int(),
  text: z.string(),
  response: z.enum(MANAGEMENT_RESPONSES).nullable(),
  action: z.string(),
  responsible: z.string().nullable(),
  dueDate: z.string().nullable(),
  actionStatus: z.enum(RESPONSE_ACTION_STATUSES),
  state: z.enum(['awaiting_response', ...RESPONSE_ACTION_STATUSES]),
  overdue: z.boolean(),
  version: z.number().int(),
});

const DetailSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(EVALUATION_RECORD_KINDS),
    authorName: z.string().nullable(),
    authorRole: z.enum(['coordinator', 'rapporteur']),
    editable: z.boolean().describe('Whether the reader may change the record and add recommendations'),
    version: z.number().int(),
    updatedAt: z.string(),
    content: EvaluationContentSchema,
    recommendations: z.array(RecommendationSchema),
    institutions: z.array(z.object({ id: z.string(), name: z.string() })).describe('The strategy’s institutions, for the responsible one'),
    strategy: z.object({ id: z.string(), title: z.string() }),
  })
  .meta({ id: 'Evaluation' });

const CreateSchema = z.object({
  kind: z.enum(EVALUATION_RECORD_KINDS),
  type: z.enum(EVALUATION_TYPES).optional().describe('The type of an evaluation; left out for an independent report'),
});

const UpdateSchema = z.object({
  version: z.number().int().positive().describe('The version that was edited'),
  content: EvaluationContentSchema,
});

const NewRecommendationSchema = z.object({
  text: z.string().trim().min(1).max(4000),
  strength: z.enum(RECOMMENDATION_STRENGTHS).optional(),
});

const ResponseBodySchema = ManagementResponseSchema.extend({ version: z.number().int().positive() });

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function actorOf(request: FastifyRequest): { actor: Actor; audit: { userId: number; email: string } } {
  const user = request.actorUser;
  if (!user || !request.actor) throw new AppError('UNAUTHENTICATED');
  return { actor: request.actor, audit: { userId: user.id, email: user.email } };
}

function presentRecommendation(item: StoredEvaluationRecommendation, on: string): z.infer<typeof RecommendationSchema> {
  const { state, overdue } = trackResponse(item, on);
  return {
    link: item.id,
    code: item.code,
    source: item.source,
    year: item.year,
    text: item.text,
    response: item.response,
    action: item.action,
    responsible: item.responsible,
    dueDate: item.dueDate,
    actionStatus: item.actionStatus,
    state,
    overdue,
    version: item.version,
  };
}

function contentOf(stored: StoredEvaluation) {
  const { type, title, year, periodStart, periodEnd, evaluatorKind, evaluatorName, terms, criteria, text, findings, conclusions } = stored;
  return { type, title, year, periodStart, periodEnd, evaluatorKind, evaluatorName, terms, criteria, text, findings, conclusions };
}

/** The evaluations of a strategy, their terms of reference, recommendations and management responses, and the evidence pack. */
export const evaluationRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = '/api/participants/:participant/strategies/:strategy/evaluations';

  async function loadEvaluation(participant: string, strategy: string, id: number) {
    const state = await currentStrategyState(app.database, participant, strategy);
    const stored = await readEvaluation(app.database.db, state.strategyId, id);
    if (!stored) throw new AppError('NOT_FOUND', { detail: `no evaluation ${id} of ${participant}/${strategy}` });
    return { state, stored };
  }

  app.get(
    base,
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['evaluations'],
        summary: 'The evaluations and independent reports of a strategy, with their ratings and the follow-up of their recommendations',
        params: StrategyParams,
        response: { 200: ListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { participant, strategy } = request.params;
      const state = await currentStrategyState(app.database, participant, strategy);
      const evaluations = await listEvaluations(app.database.db, state.strategyId);
      const recommendations = await listEvaluationRecommendations(
        app.database.db,
        evaluations.map((evaluation) => evaluation.id),
      );
      const on = today();
      return {
        strategy: {
          id: state.plan.strategy.id,
          title: state.plan.strategy.title,
          periodStart: state.plan.strategy.periodStart,
          periodEnd: state.plan.strategy.periodEnd,
        },
        planned: state.plan.strategy.monitoring?.evaluations ?? [],
        evaluations: evaluations.map((evaluation) => {
          const own = recommendations.filter((item) => item.evaluationId === evaluation.id).map((item) => trackResponse(item, on));
          return {
            id: evaluation.id,
            kind: evaluation.kind,
            type: evaluation.type,
            title: evaluation.title,
            year: evaluation.year,
            evaluatorKind: evaluation.evaluatorKind,
            evaluatorName: evaluation.evaluatorName,
            authorName: evaluation.authorName,
            authorRole: evaluation.authorRole,
            editable: mayEditEvaluation(request.actor ?? null, participant, evaluation),
            ratings: Object.fromEntries(
              EVALUATION_CRITERIA.map((criterion) => [criterion, evaluation.criteria[criterion].rating]),
            ) as z.infer<typeof RatingsSchema>,
            recommendations: own.length,
            awaitingResponse: own.filter((item) => item.state === 'awaiting_response').length,
            overdue: own.filter((item) => item.overdue).length,
            updatedAt: evaluation.updatedAt,
          };
        }),
      };
    },
  );

  app.post(
    base,
    {
      config: { access: { action: 'evaluation.write' } },
      schema: {
        tags: ['evaluations'],
        summary: 'Starts an evaluation or independent report, filled in from the plan in the reader’s language',
        description:
          'An evaluation gets its title, period, year (from the planned evaluation of its type), scope, default questions per criterion, methods, timeline, deliverables and independence from the plan, for its author to edit. The author’s role is kept: a rapporteur’s record is changed by its author alone.',
        params: StrategyParams,
        body: CreateSchema,
        response: { 201: z.object({ id: z.number().int() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { participant, strategy } = request.params;
      const { actor, audit } = actorOf(request);
      const created = await createEvaluation(app.database, {
        participant,
        strategy,
        kind: request.body.kind,
        type: request.body.kind === 'evaluation' ? request.body.type : undefined,
        actor,
        audit,
        language: requestLanguage(request),
        today: today(),
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    `${base}/evidence.xlsx`,
    {
      config: { access: { action: 'finance.view' } },
      schema: {
        tags: ['evaluations'],
        summary:
          'The evidence pack for the evaluator: progress, finance, cost lines and monitoring reports of the strategy’s plans as a workbook',
        description: 'Every figure comes from the measures (planProgress, planFinance, costItems) as of `asOf`, today when left out.',
        params: StrategyParams,
        querystring: z.object({
          asOf: IsoDate.optional().describe('The date of the figures (YYYY-MM-DD)'),
          language: LanguageSchema.optional().describe('The language of the workbook; the one of the request when left out'),
        }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { participant, strategy } = request.params;
      const { plan } = await currentStrategyState(app.database, participant, strategy);
      const asOf = request.query.asOf ?? today();
      const file = await evidencePackWorkbook({ plan, participant, asOf, language: request.query.language ?? requestLanguage(request) });
      const name = `${participant}-${strategy}-evidence-${asOf}.xlsx`.replace(/[^A-Za-z0-9._-]/g, '_');
      return reply.header('content-type', XLSX_CONTENT_TYPE).header('content-disposition', `attachment; filename="${name}"`).send(file);
    },
  );

  app.get(
    `${base}/:id`,
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['evaluations'],
        summary: 'One evaluation or independent report with its recommendations and their management responses',
        params: EvaluationParams,
        response: { 200: DetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { participant, strategy, id } = request.params;
      const { state, stored } = await loadEvaluation(participant, strategy, id);
      const recommendations = await listEvaluationRecommendations(app.database.db, [stored.id]);
      const on = today();
      return {
        id: stored.id,
        kind: stored.kind,
        authorName: stored.authorName,
        authorRole: stored.authorRole,
        editable: mayEditEvaluation(request.actor ?? null, participant, stored),
        version: stored.version,
        updatedAt: stored.updatedAt,
        content: contentOf(stored),
        recommendations: recommendations.map((item) => presentRecommendation(item, on)),
        institutions: state.plan.institutions.map((institution) => ({ id: institution.id, name: institution.name })),
        strategy: { id: state.plan.strategy.id, title: state.plan.strategy.title },
      };
    },
  );

  app.put(
    `${base}/:id`,
    {
      config: { access: { action: 'evaluation.write' } },
      schema: {
        tags: ['evaluations'],
        summary: 'Saves an evaluation or independent report: terms of reference, questions, ratings, findings, conclusions',
        description:
          'A rapporteur’s record is changed by its author alone, a coordinator’s by the coordinators: anyone else gets 403 EVALUATION_AUTHOR_ONLY. A version other than the stored one is 409 CONFLICT.',
        params: EvaluationParams,
        body: UpdateSchema,
        response: { 200: z.object({ version: z.number().int() }), ...errorResponses, 409: ErrorSchema },
      },
    },
    async (request) => {
      const { participant, strategy, id } = request.params;
      const { actor, audit } = actorOf(request);
      return updateEvaluation(app.database, {
        participant,
        strategy,
        id,
        version: request.body.version,
        content: request.body.content,
        actor,
        audit,
      });
    },
  );

  app.get(
    `${base}/:id/terms-of-reference.docx`,
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['evaluations'],
        summary: 'The terms of reference of an evaluation as a Word document, from the plan and the terms as last saved',
        params: EvaluationParams,
        querystring: z.object({
          language: LanguageSchema.optional().describe('The language of the document; the one of the request when left out'),
        }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { participant, strategy, id } = request.params;
      const { state, stored } = await loadEvaluation(participant, strategy, id);
      const file = await termsOfReferenceDocx(state.plan, contentOf(stored), request.query.language ?? requestLanguage(request));
      const name = `${participant}-${strategy}-terms-of-reference-${id}.docx`.replace(/[^A-Za-z0-9._-]/g, '_');
      return reply.header('content-type', DOCX_CONTENT_TYPE).header('content-disposition', `attachment; filename="${name}"`).send(file);
    },
  );

  app.post(
    `${base}/:id/recommendations`,
    {
      config: { access: { action: 'evaluation.write' } },
      schema: {
        tags: ['evaluations'],
        summary: 'Adds a recommendation of the evaluation to the strategy’s register, linked to the evaluation',
        description:
          'The recommendation gets the next free code `REC-nn`, the source `evaluation` (or `national_rapporteur` for an independent report), the record’s title as its reference and its year. It enters the register of an adopted strategy too. Only the record’s author may add one (403 EVALUATION_AUTHOR_ONLY).',
        params: EvaluationParams,
        body: NewRecommendationSchema,
        response: { 201: z.object({ code: z.string(), revision: z.number().int() }), ...errorResponses, 409: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { participant, strategy, id } = request.params;
      const { actor, audit } = actorOf(request);
      const added = await addEvaluationRecommendation(app.database, {
        participant,
        strategy,
        evaluation: id,
        text: request.body.text,
        strength: request.body.strength,
        actor,
        audit,
        today: today(),
      });
      return reply.code(201).send(added);
    },
  );

  app.put(
    `${base}/:id/recommendations/:link/response`,
    {
      config: { access: { action: 'evaluation.respond' } },
      schema: {
        tags: ['evaluations'],
        summary: 'Records the management response to a recommendation of an evaluation and the status of its action',
        params: ResponseParams,
        body: ResponseBodySchema,
        response: { 200: z.object({ version: z.number().int() }), ...errorResponses, 409: ErrorSchema },
      },
    },
    async (request) => {
      const { participant, strategy, id, link } = request.params;
      const { audit } = actorOf(request);
      const { version, ...response } = request.body;
      return respondToRecommendation(app.database, { participant, strategy, evaluation: id, link, version, response, audit });
    },
  );
};
