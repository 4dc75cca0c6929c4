import { loadMigrations } from '@ariadne/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkReadiness } from '../ops/readiness.ts';

const NotReadySchema = z
  .object({
    status: z.literal('unavailable'),
    reason: z
      .enum(['database_unreachable', 'database_timeout', 'migrations_pending', 'migrations_unknown'])
      .describe('What is wrong, as a stable word'),
    message: z.string().describe('What is wrong, for the operator (in English)'),
    missing: z.array(z.string()).optional().describe('Migrations this version ships that the database has not applied'),
    unknown: z.array(z.string()).optional().describe('Migrations the database has that this version does not ship'),
  })
  .meta({ id: 'NotReady' });

/**
 * `GET /api/health` (the process answers) and `GET /api/ready` (the database answers and is
 * migrated to this version): for load balancers and orchestrators. Both are open to anyone, and
 * are logged only when something goes wrong.
 */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  const shipped = loadMigrations().map((migration) => migration.name);

  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      logLevel: 'warn',
      schema: {
        tags: ['system'],
        summary: 'Tells that the server process is alive (liveness)',
        description: 'Does not ask the database: use `/api/ready` to know whether the server can serve.',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/api/ready',
    {
      config: { access: 'public' },
      logLevel: 'warn',
      schema: {
        tags: ['system'],
        summary: 'Tells whether the server can serve (readiness)',
        description:
          'Ready when the database answers a trivial query within 2 seconds and the migrations it has applied are exactly the ones this version ships; otherwise 503 saying why.',
        response: {
          200: z.object({ status: z.literal('ready'), migrations: z.number().int().describe('Migrations applied') }),
          503: NotReadySchema,
        },
      },
    },
    async (request, reply) => {
      const readiness = await checkReadiness(app.database, shipped);
      if (readiness.ready) return { status: 'ready' as const, migrations: readiness.migrations };
      request.log.warn({ reason: readiness.reason }, readiness.message);
      const { ready: _ready, ...why } = readiness;
      return reply
        .status(503)
        .header('retry-after', '5')
        .send({ status: 'unavailable' as const, ...why });
    },
  );
};
