import { AppError, isAppError, translator } from '@ariadne/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isResponseSerializationError } from 'fastify-type-provider-zod';
import { requestLanguage } from './language.ts';

/** The one shape of every error the API returns. */
export type ErrorBody = {
  error: {
    code: string;
    message: string;
    issues?: { path: string; message: string }[];
    /** With EDIT_CONFLICT only: the element as stored. */
    current?: { code: string; kind: string; version: number; data: unknown };
  };
};

/** Renders an error for the reader: the message and each field's problem in their language. */
export function presentError(error: AppError, request: FastifyRequest): ErrorBody {
  const t = translator(requestLanguage(request));
  const body: ErrorBody = { error: { code: error.code, message: t(`errors.${error.code}`, error.params) } };
  if (error.issues.length > 0) {
    body.error.issues = error.issues.map((issue) => ({ path: issue.path, message: t(`issues.${issue.key}`, issue.params) }));
  }
  if (error.code === 'EDIT_CONFLICT' && error.current) body.error.current = error.current;
  return body;
}

/**
 * The database cannot be reached: the socket's errors, PostgreSQL's connection exceptions (class
 * 08), its shutdown and start-up (57P01–57P03) and too many connections (53300).
 */
const DATABASE_DOWN = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03', '53300']);
/** What the `pg` client says, without a code, of a connection it lost or could not open. */
const DATABASE_DOWN_MESSAGE = /Connection terminated|Connection ended|is not queryable|timeout exceeded when trying to connect/i;

/** Whether an error (or one it was caused by) says the database cannot be reached now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && typeof current === 'object' && depth < 5; depth += 1) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (DATABASE_DOWN.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    if (typeof message === 'string' && DATABASE_DOWN_MESSAGE.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Maps anything thrown while handling a request onto the error model; unknown errors become a plain 500. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) {
    // A use case that wrapped a lost connection as its own failure still tells the reader to retry.
    return error.code === 'INTERNAL' && isDatabaseUnavailable(error.cause)
      ? new AppError('DATABASE_UNAVAILABLE', { detail: error.detail, cause: error })
      : error;
  }
  if (isResponseSerializationError(error)) {
    return new AppError('INTERNAL', { detail: `response does not match its schema: ${error.message}`, cause: error });
  }
  const fastifyError = error as Partial<FastifyError> & { code?: string };
  if (isDatabaseUnavailable(error)) {
    return new AppError('DATABASE_UNAVAILABLE', { detail: fastifyError.message, cause: error });
  }
  switch (fastifyError.statusCode) {
    case 400: {
      // A body that is not JSON at all: the one issue is at its root, with the parser's words.
      const notJson =
        fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
        fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
        error instanceof SyntaxError;
      const issues = notJson ? [{ path: '$', key: 'body_not_json', params: { detail: (fastifyError.message ?? '').slice(0, 200) } }] : [];
      return new AppError('VALIDATION_FAILED', { detail: fastifyError.message, cause: error, issues });
    }
    case 404:
      return new AppError('NOT_FOUND', { detail: fastifyError.message });
    case 413:
      return new AppError('PAYLOAD_TOO_LARGE', { detail: fastifyError.message });
    case 415:
      return new AppError('UNSUPPORTED_MEDIA_TYPE', { detail: fastifyError.message });
    case 429:
      return new AppError('RATE_LIMITED', { detail: fastifyError.message });
    default:
      return new AppError('INTERNAL', { detail: fastifyError.message ?? String(error), cause: error });
  }
}

/**
 * A path that names a file: its extension starts with a letter (`.js`, `.png`), so that a page
 * address ending in a plan code with dots (`/plans/AP-1/elements/A2.1.1`) still loads the page.
 */
const FILE_NAME = /\.[a-z][a-z0-9]*($|\?)/i;

/** Installs the error and not-found handlers that give every failure the one error shape. */
export function installErrorHandlers(app: FastifyInstance, options: { spaFallback: boolean }): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error, code: appError.code }, appError.detail ?? appError.code);
    else request.log.info({ code: appError.code, detail: appError.detail }, 'request refused');
    if (appError.code === 'SERVICE_UNAVAILABLE' || appError.code === 'DATABASE_UNAVAILABLE') void reply.header('retry-after', '5');
    return reply.status(appError.status).send(presentError(appError, request));
  });
  app.setNotFoundHandler((request, reply) => {
    // The web application's own routes (/institutions, /account, …) all load its page.
    if (options.spaFallback && request.method === 'GET' && !request.url.startsWith('/api') && !FILE_NAME.test(request.url)) {
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.status(404).send(presentError(new AppError('NOT_FOUND', { detail: `${request.method} ${request.url}` }), request));
  });
}
