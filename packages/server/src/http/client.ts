import type { FastifyRequest } from 'fastify';

/** The client's address and browser, kept with a session so a user can recognise their sign-ins. */
export function clientOf(request: FastifyRequest): { ip: string | null; userAgent: string | null } {
  const agent = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof agent === 'string' ? agent : null };
}
