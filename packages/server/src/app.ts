import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { AppError } from '@ariadne/domain';
import type { Database } from '@ariadne/db';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler } from 'fastify-type-provider-zod';
import { installAccessControl } from './http/access.ts';
import { installErrorHandlers } from './http/errors.ts';
import { validatorCompiler } from './http/validation.ts';
import { installMetrics, METRICS_TOKEN_VARIABLE } from './ops/metrics.ts';
import { REQUEST_ID_HEADER, requestIdOf } from './ops/request-id.ts';
import { accountRoutes } from './routes/account.ts';
import { auditRoutes } from './routes/audit.ts';
import { costRoutes } from './routes/costs.ts';
import { editingRoutes } from './routes/editing.ts';
import { healthRoutes } from './routes/health.ts';
import { measureRoutes } from './routes/measures.ts';
import { monitoringRoutes } from './routes/monitoring.ts';
import { participantRoutes } from './routes/participants.ts';
import { planRoutes } from './routes/plans.ts';
import { reminderRoutes } from './routes/reminders.ts';
import { reportingRoutes } from './routes/reporting.ts';
import { resultRoutes } from './routes/results.ts';
import { sessionRoutes } from './routes/session.ts';
import { secondFactorRoutes } from './routes/second-factor.ts';
import { userRoutes } from './routes/users.ts';
import { workbookRoutes } from './routes/workbook.ts';
import { recommendationRoutes } from './routes/recommendations.ts';
import { evaluationRoutes } from './routes/evaluations.ts';
import { localPlanRoutes } from './routes/local-plans.ts';
import { consultationRoutes } from './routes/consultations.ts';
import { operationalPlanRoutes } from './routes/operational-plans.ts';
import { templateRoutes } from './routes/templates.ts';
import { documentRoutes } from './routes/documents.ts';
import { publicationRoutes } from './routes/publications.ts';
import { InProcessQueue, type JobQueue } from './jobs/queue.ts';

/** The built web application, served at `/`. */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export type ServerOptions = {
  database: Database;
  /** Pino options, or `false` for silence (tests). */
  logger?: FastifyServerOptions['logger'];
  /** Where the built web application is; `null` serves the API only. */
  webDir?: string | null;
  /** Requests per minute allowed per client address on the API as a whole. */
  rateLimitPerMinute?: number;
  /** Sign-in attempts per minute allowed per client address (the lock-out per account comes on top). */
  signInsPerMinute?: number;
  /**
   * The bearer token that opens `/api/metrics`; `null` opens it to loopback requests only.
   * Defaults to `ARIADNE_METRICS_TOKEN`.
   */
  metricsToken?: string | null;
  /** The queue of background tasks; by default they run in this process. */
  jobs?: JobQueue;
};

/**
 * Sign-ins per minute from one address: enough for an office whose staff share one public
 * address to start the day together, too few for guessing passwords at scale. Set with
 * `ARIADNE_SIGN_INS_PER_MINUTE`.
 */
export const DEFAULT_SIGN_INS_PER_MINUTE = 60;

/** Largest JSON body the API accepts (plan packages are the largest: 20 MB). */
export const BODY_LIMIT = 20 * 1024 * 1024;

/** Builds the HTTP server: the JSON API under `/api`, its OpenAPI document, and the web application. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    trustProxy: process.env.TRUST_PROXY === '1',
    // Every request has an id, in each of its log lines and in its answer's X-Request-Id.
    requestIdHeader: false,
    genReqId: requestIdOf,
  });
  app.addHook('onRequest', async (request, reply) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('database', options.database);
  app.decorate('limits', { signInsPerMinute: options.signInsPerMinute ?? DEFAULT_SIGN_INS_PER_MINUTE });
  app.decorate(
    'jobs',
    options.jobs ?? new InProcessQueue((error, name) => app.log.error({ err: error, job: name }, 'a background task failed')),
  );
  app.decorate('operatorToken', options.metricsToken === undefined ? process.env[METRICS_TOKEN_VARIABLE] || null : options.metricsToken);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // HSTS only makes sense once served over HTTPS, which a reverse proxy provides.
    hsts: process.env.TRUST_PROXY === '1',
    // No page of Ariadne is ever shown in a frame, not even its own (CSP frame-ancestors says the same).
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: true,
    max: options.rateLimitPerMinute ?? 600,
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) =>
      new AppError('RATE_LIMITED', { detail: `more than ${context.max} requests in ${context.after}` }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Ariadne API',
        version: '1',
        description:
          'The JSON API of Ariadne. Sign in with `POST /api/session`; send the `csrfToken` it returns in the `X-CSRF-Token` header of every state-changing request. Errors have one shape: `{ "error": { "code", "message", "issues"? } }`, with the message in the language of `Accept-Language`.',
        license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ariadne_session' } },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  const webDir = options.webDir === undefined ? WEB_DIST : options.webDir;
  const servesWeb = webDir !== null && existsSync(webDir);
  installErrorHandlers(app, { spaFallback: servesWeb });
  installAccessControl(app);
  installMetrics(app, options.database);

  await app.register(healthRoutes);
  await app.register(sessionRoutes);
  await app.register(accountRoutes);
  await app.register(secondFactorRoutes);
  await app.register(participantRoutes);
  await app.register(userRoutes);
  await app.register(auditRoutes);
  await app.register(planRoutes);
  await app.register(measureRoutes);
  await app.register(resultRoutes);
  await app.register(monitoringRoutes);
  await app.register(reminderRoutes);
  await app.register(reportingRoutes);
  await app.register(editingRoutes);
  await app.register(costRoutes);
  await app.register(workbookRoutes);
  await app.register(templateRoutes);
  await app.register(documentRoutes);
  await app.register(publicationRoutes);
  await app.register(recommendationRoutes);
  await app.register(evaluationRoutes);
  await app.register(localPlanRoutes);
  await app.register(consultationRoutes);
  await app.register(operationalPlanRoutes);

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  if (servesWeb && webDir !== null) {
    await app.register(fastifyStatic, {
      root: webDir,
      index: ['index.html'],
      // Built assets have content hashes in their names and never change; the page itself must
      // always be fetched again so that a new version of the application is picked up at once.
      setHeaders: (reply, path) => {
        void reply.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  return app;
}
