import { AppError } from '@ariadne/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InstitutionTypeSchema, LevelSchema, ParticipantParams, errorResponses } from '../http/schemas.ts';

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
  })
  .meta({ id: 'Institution' });

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
        .select(['institutions.code', 'institutions.name', 'institutions.type', 'institutions.level', 'institutions.area'])
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
};
