import { AppError, type Institution } from '@ariadne/domain';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createInstitution } from '../commands/createInstitution.ts';
import { updateInstitution } from '../commands/updateInstitution.ts';
import { ErrorSchema, InstitutionTypeSchema, LevelSchema, ParticipantParams, errorResponses } from '../http/schemas.ts';

const ParticipantSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    currency: z.string().describe('ISO 4217 code of the plans’ money'),
    locale: z.string().nullable().describe('Language of the plans’ content'),
    institutionCount: z.number().int(),
    userCount: z.number().int(),
    estimatedTotalCost: z
      .number()
      .int()
      .optional()
      .describe('Estimated total cost of the strategy in force (adopted, latest start), in minor units; absent when unknown'),
  })
  .meta({ id: 'Participant' });

const InstitutionSchema = z
  .object({
    code: z.string().describe('The institution’s code in plans, e.g. `MOI`'),
    name: z.string(),
    type: InstitutionTypeSchema,
    level: LevelSchema,
    area: z.string().nullable().describe('Canton, county or municipality of a non-national institution'),
    version: z.number().int().describe('Send it back with a change (optimistic concurrency)'),
  })
  .meta({ id: 'Institution' });

const InstitutionParams = ParticipantParams.extend({ code: z.string().min(1).max(64).describe('The institution’s code, e.g. `MOI`') });

// The body is the institution as plan packages show it (`id` is its code); the command checks it
// with the package's schema, so that the register keeps what a package may hold.
const InstitutionInput = z
  .looseObject({
    id: z.string().describe('Its code in plans, e.g. `MOI`'),
    name: z.string(),
    type: InstitutionTypeSchema,
    level: LevelSchema,
    area: z.string().optional(),
  })
  .meta({ id: 'InstitutionFields' });

function actorOf(request: FastifyRequest): { userId: number; email: string } {
  const user = request.actorUser;
  if (!user) throw new AppError('UNAUTHENTICATED');
  return { userId: user.id, email: user.email };
}

/** The register's row of an institution, as the list shows it. */
async function registerItem(db: FastifyRequest['server']['database']['db'], participant: string, code: string) {
  const row = await db
    .selectFrom('institutions')
    .innerJoin('participants', 'participants.id', 'institutions.participant_id')
    .select([
      'institutions.code',
      'institutions.name',
      'institutions.type',
      'institutions.level',
      'institutions.area',
      'institutions.version',
    ])
    .where('participants.code', '=', participant)
    .where('institutions.code', '=', code)
    .executeTakeFirstOrThrow();
  return { ...row, type: InstitutionTypeSchema.parse(row.type), level: LevelSchema.parse(row.level) };
}

/**
 * The fields of an institution from a request body (the version aside). The commands check them
 * strictly with the package's schema, naming any field that is wrong or unknown.
 */
function institutionOf(body: Record<string, unknown>): Institution {
  const { version: _version, ...institution } = body;
  return institution as Institution;
}

/** A Participant's summary and its register of institutions. */
export const participantRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/participants/:participant',
    {
      config: { access: { action: 'participant.view' } },
      schema: {
        tags: ['participants'],
        summary: 'A Participant at a glance',
        params: ParticipantParams,
        response: { 200: ParticipantSchema, ...errorResponses },
      },
    },
    async (request) => {
      const db = app.database.db;
      const row = await db
        .selectFrom('participants')
        .select((eb) => [
          'code',
          'name',
          'currency',
          'locale',
          eb
            .selectFrom('institutions')
            .select((sub) => sub.fn.countAll<number>().as('n'))
            .whereRef('institutions.participant_id', '=', 'participants.id')
            .as('institutionCount'),
          eb
            .selectFrom('strategies')
            .select('strategies.estimated_total_cost')
            .whereRef('strategies.participant_id', '=', 'participants.id')
            .where('strategies.status', '=', 'adopted')
            .orderBy('strategies.period_start', 'desc')
            .orderBy('strategies.code')
            .limit(1)
            .as('estimatedTotalCost'),
          eb
            .selectFrom('memberships')
            .select((sub) => sub.fn.count<number>('memberships.user_id').distinct().as('n'))
            .whereRef('memberships.participant_id', '=', 'participants.id')
            .as('userCount'),
        ])
        .where('code', '=', request.params.participant)
        .executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND');
      const { estimatedTotalCost, ...rest } = row;
      return {
        ...rest,
        institutionCount: Number(row.institutionCount ?? 0),
        userCount: Number(row.userCount ?? 0),
        ...(estimatedTotalCost != null ? { estimatedTotalCost: Number(estimatedTotalCost) } : {}),
      };
    },
  );

  app.get(
    '/api/participants/:participant/institutions',
    {
      config: { access: { action: 'institution.view' } },
      schema: {
        tags: ['participants'],
        summary: 'The institutions of a Participant, by code',
        params: ParticipantParams,
        response: { 200: z.object({ items: z.array(InstitutionSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const rows = await app.database.db
        .selectFrom('institutions')
        .innerJoin('participants', 'participants.id', 'institutions.participant_id')
        .select([
          'institutions.code',
          'institutions.name',
          'institutions.type',
          'institutions.level',
          'institutions.area',
          'institutions.version',
        ])
        .where('participants.code', '=', request.params.participant)
        .orderBy('institutions.code')
        .execute();
      return {
        items: rows.map((row) => ({
          ...row,
          type: InstitutionTypeSchema.parse(row.type),
          level: LevelSchema.parse(row.level),
        })),
      };
    },
  );

  app.post(
    '/api/participants/:participant/institutions',
    {
      config: { access: { action: 'institution.manage' } },
      schema: {
        tags: ['participants'],
        summary: 'Adds an institution to the register',
        description: 'The body is an institution as plan packages show it (`id` is its code). 409 when the code is taken.',
        params: ParticipantParams,
        body: InstitutionInput,
        response: { 201: InstitutionSchema, ...errorResponses, 409: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { participant } = request.params;
      const created = await createInstitution(app.database, {
        participant,
        institution: institutionOf(request.body),
        actor: actorOf(request),
      });
      return reply.status(201).send(await registerItem(app.database.db, participant, created.code));
    },
  );

  app.put(
    '/api/participants/:participant/institutions/:code',
    {
      config: { access: { action: 'institution.manage' } },
      schema: {
        tags: ['participants'],
        summary: 'Changes an institution of the register (a new `id` gives it a new code everywhere)',
        description:
          'Send the version read; 409 `EDIT_CONFLICT` (with the stored institution as `error.current`) when someone changed it since, 409 `ALREADY_EXISTS` when the new code is taken.',
        params: InstitutionParams,
        body: InstitutionInput.extend({ version: z.number().int() }),
        response: { 200: InstitutionSchema, ...errorResponses, 409: ErrorSchema },
      },
    },
    async (request) => {
      const { participant, code } = request.params;
      const updated = await updateInstitution(app.database, {
        participant,
        code,
        institution: institutionOf(request.body),
        version: request.body.version,
        actor: actorOf(request),
      });
      return registerItem(app.database.db, participant, updated.code);
    },
  );
};
