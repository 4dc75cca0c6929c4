import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ParticipantParams, errorResponses } from '../http/schemas.ts';

const AuditItemSchema = z
  .object({
    id: z.number().int(),
    at: z.string().describe('ISO instant'),
    actor: z.string().nullable().describe('E-mail of the user, or the system part that acted'),
    action: z.string().describe('What happened, e.g. `user.create`'),
    entity: z.string(),
    entityId: z.string(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
  })
  .meta({ id: 'AuditEntry' });

const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().positive().optional().describe('Only entries older than this id (paging)'),
});

/** The audit trail of a Participant, newest first. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/participants/:participant/audit',
    {
      config: { access: { action: 'audit.view' } },
      schema: {
        tags: ['audit'],
        summary: 'Who changed what and when in the Participant, newest first',
        params: ParticipantParams,
        querystring: AuditQuery,
        response: { 200: z.object({ items: z.array(AuditItemSchema), nextBefore: z.number().int().nullable() }), ...errorResponses },
      },
    },
    async (request) => {
      const { limit, before } = request.query;
      let query = app.database.db
        .selectFrom('audit_entries')
        .innerJoin('participants', 'participants.id', 'audit_entries.participant_id')
        .select([
          'audit_entries.id',
          'audit_entries.at',
          'audit_entries.actor',
          'audit_entries.action',
          'audit_entries.entity',
          'audit_entries.entity_id',
          'audit_entries.before',
          'audit_entries.after',
        ])
        .where('participants.code', '=', request.params.participant)
        .orderBy('audit_entries.id', 'desc')
        .limit(limit + 1);
      if (before !== undefined) query = query.where('audit_entries.id', '<', before);
      const rows = await query.execute();
      const page = rows.slice(0, limit);
      return {
        items: page.map((row) => ({
          id: row.id,
          at: row.at.toISOString(),
          actor: row.actor,
          action: row.action,
          entity: row.entity,
          entityId: row.entity_id,
          before: row.before ?? null,
          after: row.after ?? null,
        })),
        nextBefore: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
      };
    },
  );
};
