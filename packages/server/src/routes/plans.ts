import { AppError, can, DOCUMENT_STATUSES, PlanPackageSchema, type Actor } from '@ariadne/domain';
import { listStrategies } from '@ariadne/db';
import type { FastifySchemaCompiler } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createStrategy } from '../commands/createStrategy.ts';
import { exportPlanPackage } from '../commands/exportPlanPackage.ts';
import { checkPlanPackage, importPlanPackage, type ImportedPlanPackage } from '../commands/importPlanPackage.ts';
import { ErrorSchema, ParticipantParams, errorResponses } from '../http/schemas.ts';
import { validatorCompiler } from '../http/validation.ts';
import { idempotently, type AfterWrite } from '../ops/idempotency.ts';

/** What Fastify hands a route's schema compilers: one part's schema, with the route and the part it is for. */
type SchemaDefinition<T> = Parameters<FastifySchemaCompiler<T>>[0];

const DocumentStatusSchema = z.enum(DOCUMENT_STATUSES).describe('Where the document is in its life: draft, consultation, adopted, …');

const ImportQuery = z.object({
  replace: z
    .enum(['true', 'false'])
    .default('false')
    .describe('`true` replaces a strategy with the same id (and everything under it); otherwise such an import is refused with 409'),
});

const ImportedSchema = z
  .object({
    participant: z.string().describe('The Participant’s code, e.g. `DL`'),
    strategy: z.string().describe('The strategy’s id'),
    actionPlans: z.array(z.string()).describe('The ids of its action plans, in order'),
  })
  .meta({ id: 'ImportedPlanPackage' });

const StrategyItemSchema = z
  .object({
    id: z.string().describe('The strategy’s id, e.g. `NS-2021-2024`'),
    title: z.string(),
    periodStart: z.number().int().describe('First year'),
    periodEnd: z.number().int().describe('Last year (inclusive)'),
    status: DocumentStatusSchema,
    actionPlans: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        start: z.string().describe('ISO date'),
        end: z.string().describe('ISO date'),
        status: DocumentStatusSchema,
      }),
    ),
  })
  .meta({ id: 'StrategyItem' });

const NewStrategySchema = z
  .object({
    id: z
      .string()
      .min(1)
      .max(64)
      .describe('The strategy’s id, e.g. `NS-2025-2028`: unique among the Participant’s strategies and action plans'),
    title: z.string().min(1).max(500),
    periodStart: z.number().int().describe('First year'),
    periodEnd: z.number().int().describe('Last year (inclusive)'),
  })
  .meta({ id: 'NewStrategy' });

const StrategyParams = ParticipantParams.extend({ id: z.string().min(1).max(64).describe('The strategy’s id, e.g. `NS-2021-2024`') });

// The package is checked by the domain rather than by the route's schema: that reports every
// problem at once with its `$.` path, applies the referential rules, and answers in the error
// model's shape. The schema stays on the route for the OpenAPI document.
function domainChecksBody<T>(definition: SchemaDefinition<T>): ReturnType<FastifySchemaCompiler<T>> {
  if (definition.httpPart === 'body') return (data: unknown) => ({ value: data });
  const schema = definition.schema;
  if (!(schema instanceof z.ZodType)) throw new Error(`${definition.url}: expected a zod schema for the ${definition.httpPart}`);
  return validatorCompiler({ ...definition, schema });
}

// A package on its way out is serialised as it is, not checked against the schema again: a
// national package is several megabytes, and the export is tested to give back what was imported.
function plainJson<T>(_definition: SchemaDefinition<T>): (data: unknown) => string {
  return (data) => JSON.stringify(data);
}

/** The Participant code a request body names, if it names one: enough to refuse early. */
function participantNamedIn(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('participant' in body)) return undefined;
  const participant: unknown = body.participant;
  if (typeof participant !== 'object' || participant === null || !('code' in participant)) return undefined;
  return typeof participant.code === 'string' ? participant.code : undefined;
}

/**
 * Importing needs `plan.edit` in the package's Participant. A Participant that does not exist yet
 * has no members, so no one can create one through the API: new Participants come in through
 * `npx ariadne import`, run by whoever administers the server.
 */
function authorizeImport(actor: Actor, participant: string): void {
  if (!can(actor, 'plan.edit', { participant })) {
    throw new AppError('FORBIDDEN', { detail: `plan.edit in ${participant} is needed to import its plans` });
  }
}

/** A file name that any browser and file system accepts, from the codes of the strategy's address. */
function attachmentName(participant: string, strategy: string): string {
  const name = `${participant}-${strategy}.plan.json`;
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_');
  return safe === name ? `attachment; filename="${name}"` : `attachment; filename="${safe}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Plan packages in and out, and the strategies of a Participant. */
export const planRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/plan-packages',
    {
      config: { access: 'signed_in' },
      validatorCompiler: domainChecksBody,
      schema: {
        tags: ['plans'],
        summary: 'Imports a plan package: a strategy with its action plans, institutions, recommendations and monitoring history',
        description:
          'Needs `plan.edit` in the package’s Participant (403 otherwise, also for a Participant that does not exist yet: new Participants are imported with `npx ariadne import`). The import is all or nothing. A package that does not follow the format gets 400 with one issue per problem, each naming its JSON path (`$.actionPlans[0].activities[3].lead`); a strategy that is already there gets 409 unless `replace=true`, and so do strategy or action plan ids that another strategy of the Participant uses. Bodies over 20 MB get 413. With an `Idempotency-Key` header (1–200 visible ASCII characters) the import is made once: sent again with the same key and the same package within 24 hours it answers as the first time (with `Idempotent-Replayed: true`) and imports nothing; the same key with another request gets 422 IDEMPOTENCY_KEY_REUSED.',
        querystring: ImportQuery,
        body: PlanPackageSchema,
        response: { 201: ImportedSchema, ...errorResponses, 409: ErrorSchema, 413: ErrorSchema, 422: ErrorSchema },
      },
    },
    async (request, reply) => {
      const actorUser = request.actorUser;
      if (!actorUser) throw new AppError('UNAUTHENTICATED');
      const input: unknown = request.body;
      // Refuse before the (possibly large) package is checked, when it says whose it is.
      const named = participantNamedIn(input);
      if (named !== undefined) authorizeImport(request.actor, named);
      const plan = checkPlanPackage(input);
      authorizeImport(request.actor, plan.participant.code);
      return idempotently(app.database.db, request, reply, {
        userId: actorUser.id,
        status: 201,
        perform: (afterWrite: AfterWrite<ImportedPlanPackage> | undefined) =>
          importPlanPackage(app.database, {
            plan,
            replace: request.query.replace === 'true',
            actor: { userId: actorUser.id, email: actorUser.email },
            afterWrite,
          }),
        present: async (_db, imported) => ({
          participant: imported.participant,
          strategy: imported.strategy,
          actionPlans: imported.actionPlans,
        }),
      });
    },
  );

  app.get(
    '/api/participants/:participant/strategies',
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['plans'],
        summary: 'The strategies of a Participant with their action plans, by first year',
        params: ParticipantParams,
        response: { 200: z.object({ items: z.array(StrategyItemSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listStrategies(app.database.db, request.params.participant) }),
  );

  app.post(
    '/api/participants/:participant/strategies',
    {
      config: { access: { action: 'plan.edit' } },
      schema: {
        tags: ['plans'],
        summary: 'Creates an empty draft strategy, to be filled in the editor',
        description:
          'The strategy starts as a draft with no goals and no action plans. Its id must be free among the Participant’s strategies and action plans (409 otherwise); the period must run forwards (400 naming `periodEnd`).',
        params: ParticipantParams,
        body: NewStrategySchema,
        response: { 201: ImportedSchema, ...errorResponses, 409: ErrorSchema },
      },
    },
    async (request, reply) => {
      const actorUser = request.actorUser;
      if (!actorUser) throw new AppError('UNAUTHENTICATED');
      const created = await createStrategy(app.database, {
        participant: request.params.participant,
        strategy: request.body,
        actor: { userId: actorUser.id, email: actorUser.email },
      });
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/participants/:participant/strategies/:id/package',
    {
      config: { access: { action: 'plan.view' } },
      serializerCompiler: plainJson,
      schema: {
        tags: ['plans'],
        summary: 'Downloads a strategy as a plan package (a JSON file, `<PARTICIPANT>-<STRATEGY>.plan.json`)',
        params: StrategyParams,
        response: { 200: PlanPackageSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { participant, id } = request.params;
      const plan = await exportPlanPackage(app.database, { participant, strategy: id });
      return reply.header('content-disposition', attachmentName(participant, id)).send(plan);
    },
  );
};
