import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorSchema } from '../http/schemas.ts';

/** `GET /api/health`: answers once the database is reachable and migrated. */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Tells whether the server and its database are ready',
        response: { 200: z.object({ status: z.literal('ok') }), 503: ErrorSchema },
      },
    },
    async () => {
      await sql`SELECT 1 FROM schema_migrations LIMIT 1`.execute(app.database.db);
      return { status: 'ok' as const };
    },
  );
};
