import { AppError, SCOPE_PATTERN, can, reportScopes, translator, type Language } from '@ariadne/domain';
import type { Database } from '@ariadne/db';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadActionPlan } from '../commands/loadActionPlan.ts';
import { Printer } from '../documents/pdf.ts';
import { DocumentRuns, checkScope, planKeys } from '../documents/runs.ts';
import { readReportTexts, saveReportTexts } from '../documents/texts.ts';
import { requestLanguage } from '../http/language.ts';
import { ErrorSchema, LanguageSchema, ParticipantParams, errorResponses } from '../http/schemas.ts';

// Documents generated from the record, in Word or PDF, made in the background with their progress
// to follow: the implementation report of an action plan for a round, a year or the whole plan
// (with the coordinator's introduction and conclusions), and three documents of the plan as a
// whole: the strategy and action plan, the plan review and the financial plan. The history of
// what was made. Those who may see the plan see its documents; the financial plan's file only
// those who may see its finance.

const PlanParams = ParticipantParams.extend({ plan: z.string().min(1).max(64).describe('Action plan id, e.g. `AP-2021-2022`') });
const Scope = z.string().regex(SCOPE_PATTERN).describe('A round of the plan (`2022-H1`), one of its years (`2022`) or `whole`');
const TextsParams = PlanParams.extend({ scope: Scope });
const RunParams = ParticipantParams.extend({ id: z.coerce.number().int().positive().describe('The run') });
/** The longest introduction or conclusions, in characters. */
const MAX_TEXT = 50_000;

const ScopesSchema = z
  .object({ rounds: z.array(z.string()), years: z.array(z.number().int()) })
  .meta({ id: 'ReportScopes', description: 'The scopes an implementation report of the plan can have (and `whole`)' });
const TextsSchema = z
  .object({
    introduction: z.string(),
    conclusions: z.string(),
    version: z.number().int().describe('0 when nothing was written yet'),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'ReportTexts' });
const TextsBody = z.object({
  introduction: z.string().max(MAX_TEXT),
  conclusions: z.string().max(MAX_TEXT),
  version: z.number().int().min(0).describe('The version the change was made on'),
});
const StartBody = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('implementation_report'),
      plan: z.string().min(1).max(64),
      scope: Scope,
      language: LanguageSchema,
      format: z.enum(['docx', 'pdf']),
    }),
    z.object({
      kind: z.enum(['plan', 'plan_review', 'financial_plan']).describe('A document of the whole action plan'),
      plan: z.string().min(1).max(64),
      scope: z.literal('whole').optional().describe('These documents cover the whole plan; `whole` may be given'),
      language: LanguageSchema,
      format: z.enum(['docx', 'pdf']),
    }),
  ])
  .meta({ id: 'DocumentRunRequest' });
const RunSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(['implementation_report', 'plan', 'plan_review', 'financial_plan']),
    plan: z.string().nullable(),
    scope: z.string().nullable().describe('The scope of an implementation report; null for the documents of the whole plan'),
    language: z.string(),
    format: z.enum(['docx', 'pdf']),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    progress: z.number().int(),
    error: z.string().nullable().describe('Why the run failed, in the language of the request'),
    fileName: z.string().nullable(),
    sizeBytes: z.number().int().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'DocumentRun' });
const FileSchema = z.any();

function actorOf(request: FastifyRequest): { userId: number; email: string } {
  const user = request.actorUser;
  if (!user) throw new AppError('UNAUTHENTICATED');
  return { userId: user.id, email: user.email };
}

function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return typeof value === 'string' ? value : value.toISOString();
}

function runsQuery(database: Database, participant: string) {
  return database.db
    .selectFrom('document_runs')
    .innerJoin('participants', 'participants.id', 'document_runs.participant_id')
    .leftJoin('users', 'users.id', 'document_runs.created_by')
    .select([
      'document_runs.id',
      'document_runs.kind',
      'document_runs.plan_code',
      'document_runs.scope',
      'document_runs.language',
      'document_runs.format',
      'document_runs.status',
      'document_runs.progress',
      'document_runs.error',
      'document_runs.file_name',
      'document_runs.size_bytes',
      'document_runs.created_at',
      'document_runs.finished_at',
      'users.display_name',
    ])
    .where('participants.code', '=', participant);
}

type RunRow = Awaited<ReturnType<ReturnType<typeof runsQuery>['executeTakeFirstOrThrow']>>;

function presentRun(row: RunRow, language: Language): z.infer<typeof RunSchema> {
  const t = translator(language);
  return {
    id: row.id,
    kind: row.kind,
    plan: row.plan_code,
    scope: row.scope,
    language: row.language,
    format: row.format,
    status: row.status,
    progress: row.progress,
    error: row.error === null ? null : t(`app.documents.errors.${row.error}`),
    fileName: row.file_name,
    sizeBytes: row.size_bytes,
    createdBy: row.display_name,
    createdAt: iso(row.created_at) ?? '',
    finishedAt: iso(row.finished_at),
  };
}

async function findRun(database: Database, participant: string, id: number): Promise<RunRow> {
  const row = await runsQuery(database, participant).where('document_runs.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { detail: `no document run ${id} of ${participant}` });
  return row;
}

/** How many runs the history shows. */
const HISTORY_LIMIT = 200;

export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  const printer = new Printer();
  const runs = new DocumentRuns(app.database, printer, app.jobs, (error, id) =>
    app.log.error({ err: error, run: id }, 'document run failed'),
  );
  await runs.begin();
  app.addHook('onClose', async () => {
    await runs.idle();
    await printer.close();
  });

  app.get(
    '/api/participants/:participant/action-plans/:plan/report-scopes',
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['documents'],
        summary: 'The rounds and years an implementation report of the action plan can cover',
        params: PlanParams,
        response: { 200: ScopesSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { participant, plan } = request.params;
      const loaded = await loadActionPlan(app.database, participant, plan);
      return reportScopes(loaded.plan, plan);
    },
  );

  app.get(
    '/api/participants/:participant/action-plans/:plan/report-texts/:scope',
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['documents'],
        summary: 'The introduction and conclusions of the implementation report of a scope',
        params: TextsParams,
        response: { 200: TextsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { participant, plan, scope } = request.params;
      await checkScope(app.database, participant, plan, scope);
      const keys = await planKeys(app.database, participant, plan);
      return readReportTexts(app.database, keys.strategyId, plan, scope);
    },
  );

  app.put(
    '/api/participants/:participant/action-plans/:plan/report-texts/:scope',
    {
      config: { access: { action: 'plan.edit' } },
      schema: {
        tags: ['documents'],
        summary: 'Saves the introduction and conclusions of the implementation report of a scope',
        description: 'Made on `version`; 409 CONFLICT when someone saved another version in the meantime.',
        params: TextsParams,
        body: TextsBody,
        response: { 200: TextsSchema, 409: ErrorSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { participant, plan, scope } = request.params;
      await checkScope(app.database, participant, plan, scope);
      return saveReportTexts(app.database, { participant, plan, scope, ...request.body, actor: actorOf(request) });
    },
  );

  app.post(
    '/api/participants/:participant/documents',
    {
      config: { access: { action: 'round.manage' } },
      schema: {
        tags: ['documents'],
        summary: 'Starts generating a document in the background',
        description:
          'The implementation report of an action plan for a round, a year or the whole plan (`kind: implementation_report` with a `scope`), or a document of the whole plan: the strategy and action plan (`plan`), the plan review (`plan_review`) or the financial plan (`financial_plan`), in Word or PDF. Follow it with `GET …/documents/{id}` and download it from `GET …/documents/{id}/file` once done.',
        params: ParticipantParams,
        body: StartBody,
        response: { 202: z.object({ id: z.number().int() }).meta({ id: 'DocumentRunStarted' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { participant } = request.params;
      const body = request.body;
      const { plan, language, format } = body;
      const scope = body.kind === 'implementation_report' ? body.scope : null;
      const id = await runs.start({ kind: body.kind, participant, plan, scope, language, format, actor: actorOf(request) });
      return reply.code(202).send({ id });
    },
  );

  app.get(
    '/api/participants/:participant/documents',
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['documents'],
        summary: 'The documents generated for the Participant, newest first: who asked for what, when, and how it went',
        params: ParticipantParams,
        response: { 200: z.object({ runs: z.array(RunSchema) }).meta({ id: 'DocumentRuns' }), ...errorResponses },
      },
    },
    async (request) => {
      const rows = await runsQuery(app.database, request.params.participant)
        .orderBy('document_runs.created_at', 'desc')
        .orderBy('document_runs.id', 'desc')
        .limit(HISTORY_LIMIT)
        .execute();
      const language = requestLanguage(request);
      return { runs: rows.map((row) => presentRun(row, language)) };
    },
  );

  app.get(
    '/api/participants/:participant/documents/:id',
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['documents'],
        summary: 'One generated document: its status and progress',
        params: RunParams,
        response: { 200: RunSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { participant, id } = request.params;
      return presentRun(await findRun(app.database, participant, id), requestLanguage(request));
    },
  );

  app.get(
    '/api/participants/:participant/documents/:id/file',
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['documents'],
        summary: 'Downloads a generated document (404 until it is done)',
        description: 'A financial plan is downloaded only by those who may see the finance of plans (403 otherwise).',
        params: RunParams,
        response: { 200: FileSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { participant, id } = request.params;
      const row = await app.database.db
        .selectFrom('document_runs')
        .innerJoin('participants', 'participants.id', 'document_runs.participant_id')
        .select(['document_runs.kind', 'document_runs.content', 'document_runs.media_type', 'document_runs.file_name'])
        .where('participants.code', '=', participant)
        .where('document_runs.id', '=', id)
        .where('document_runs.status', '=', 'done')
        .executeTakeFirst();
      if (!row || row.content === null) throw new AppError('NOT_FOUND', { detail: `no generated file for run ${id} of ${participant}` });
      // The financial plan is read by those who may read the plan's finance (finance.view), as its figures are.
      if (row.kind === 'financial_plan' && !can(request.actor, 'finance.view', { participant })) {
        throw new AppError('FORBIDDEN', { detail: 'finance.view' });
      }
      const name = row.file_name ?? `document-${id}`;
      return reply
        .header('content-type', row.media_type ?? 'application/octet-stream')
        .header('content-disposition', `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
        .send(Buffer.from(row.content));
    },
  );
};
