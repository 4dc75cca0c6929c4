import type { Database } from '@ariadne/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { countUnfinishedRuns } from '../documents/runs.ts';
import { toAppError } from '../http/errors.ts';

/** The environment variable holding the bearer token that opens `/api/metrics`. */
export const METRICS_TOKEN_VARIABLE = 'ARIADNE_METRICS_TOKEN';

/** Buckets of the request latency histogram, in seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The route a request matched, as its pattern (never the address as sent); `unmatched` for the rest. */
function routeLabel(request: FastifyRequest): string {
  if (request.is404) return 'unmatched';
  return request.routeOptions.url ?? 'unmatched';
}

/**
 * The metrics of one server in Prometheus text format: its own registry (several servers may live
 * in one process), filled by request hooks and read on demand from the database pool and the
 * document queue. Registers `GET /api/metrics`.
 */
export function installMetrics(app: FastifyInstance, database: Database): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const latency = new Histogram({
    name: 'ariadne_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status class (2xx, 4xx, …)',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'ariadne_errors_total',
    help: 'Error answers by stable error code',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'ariadne_db_pool_connections',
    help: 'Connections of the PostgreSQL pool, by state (total, idle)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = database.poolStats();
      if (stats.kind !== 'postgres') return;
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
    },
  });
  new Gauge({
    name: 'ariadne_db_pool_waiting',
    help: 'Queries waiting for a database connection (PostgreSQL pool, or the turn on the embedded database)',
    registers: [registry],
    collect() {
      this.set(database.poolStats().waiting);
    },
  });
  new Gauge({
    name: 'ariadne_document_runs',
    help: 'Document runs not finished, by status (queued, running), as the database records them',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      try {
        const runs = await countUnfinishedRuns(database);
        this.set({ status: 'queued' }, runs.queued);
        this.set({ status: 'running' }, runs.running);
      } catch {
        // The database is down: readiness says so; the other metrics still answer.
        this.reset();
      }
    },
  });

  new Gauge({
    name: 'ariadne_jobs_waiting',
    help: 'Background tasks recorded and not yet taken by a server (the job queue: pg-boss on PostgreSQL, in process on the embedded database)',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      try {
        this.set({ queue: app.jobs.kind }, await app.jobs.waiting());
      } catch {
        this.reset();
      }
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    latency.observe(
      { method: request.method, route: routeLabel(request), status_class: `${Math.floor(reply.statusCode / 100)}xx` },
      reply.elapsedTime / 1000,
    );
    if (request.is404 && reply.statusCode === 404) errors.inc({ code: 'NOT_FOUND' });
  });
  app.addHook('onError', async (_request, _reply, error) => {
    errors.inc({ code: toAppError(error).code });
  });

  app.get(
    '/api/metrics',
    {
      config: { access: 'operator' },
      logLevel: 'warn',
      schema: {
        tags: ['system'],
        summary: 'The server’s metrics in Prometheus text format',
        description: `Request latency by route, errors by code, the database pool, the document queue and the process. Needs \`Authorization: Bearer <${METRICS_TOKEN_VARIABLE}>\`; when that variable is not set, only requests from the loopback address (not forwarded by a proxy) are answered.`,
      },
    },
    async (_request, reply) => {
      const text = await registry.metrics();
      return reply.type(registry.contentType).send(text);
    },
  );
  return registry;
}
