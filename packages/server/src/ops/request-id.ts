import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header a request id comes in (from a proxy or a client) and goes back out in. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What an incoming id may look like: a short token that is safe in a header and a log line. */
const SANE_ID = /^[A-Za-z0-9._:+=/-]{1,128}$/;

/**
 * The id of a request (Fastify's `genReqId`): the incoming `X-Request-Id` when it is a sane token,
 * so that a proxy's id follows the request through, otherwise a new random one.
 */
export function requestIdOf(request: Pick<IncomingMessage, 'headers'>): string {
  const sent = request.headers[REQUEST_ID_HEADER];
  return typeof sent === 'string' && SANE_ID.test(sent) ? sent : randomUUID();
}
