import { AppError } from '@ariadne/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findSession, SESSION_COOKIE, SESSION_LIFETIME_MS } from '../auth/sessions.ts';
import { signIn } from '../commands/signIn.ts';
import { signOut } from '../commands/signOut.ts';
import { loadActor } from '../http/access.ts';
import { clientOf } from '../http/client.ts';
import { ErrorSchema, SessionSchema, errorResponses } from '../http/schemas.ts';
import { presentSession } from './presenters.ts';

const SignInBody = z
  .object({
    email: z.string().min(1).max(320).describe('The account e-mail address'),
    password: z.string().min(1).max(1024),
    code: z.string().trim().min(1).max(20).optional().describe('For two-step sign-in: the code of the app, or a recovery code'),
  })
  .meta({ id: 'SignIn' });

/** Sign-in, the current session and sign-out. */
export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/session',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['session'],
        summary: 'The signed-in user, their roles and abilities',
        response: { 200: SessionSchema, 401: ErrorSchema },
      },
    },
    async (request) => {
      const session = request.session;
      if (!session) throw new AppError('UNAUTHENTICATED');
      return presentSession(app, session, request.actor);
    },
  );

  app.post(
    '/api/session',
    {
      config: { access: 'public', rateLimit: { max: app.limits.signInsPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['session'],
        summary: 'Signs in with e-mail and password',
        body: SignInBody,
        response: { 200: SessionSchema, ...errorResponses, 423: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { session: opened, userId } = await signIn(app.database, {
        email: request.body.email,
        password: request.body.password,
        code: request.body.code,
        client: clientOf(request),
      });
      // Any session the browser had before is ended: a new sign-in always gets a new token.
      if (request.session) await app.database.db.deleteFrom('sessions').where('id', '=', request.session.id).execute();
      void reply.setCookie(SESSION_COOKIE, opened.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        maxAge: Math.floor(SESSION_LIFETIME_MS / 1000),
      });
      const session = await findSession(app.database.db, opened.token);
      if (!session) throw new AppError('INTERNAL', { detail: 'session vanished right after sign-in' });
      return presentSession(app, session, await loadActor(app, userId));
    },
  );

  app.delete(
    '/api/session',
    {
      config: { access: 'signed_in' },
      schema: { tags: ['session'], summary: 'Signs out: ends this session', response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      if (request.session) await signOut(app.database, request.session);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
};
