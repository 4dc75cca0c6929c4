import { AppError } from '@ariadne/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changePassword } from '../commands/changePassword.ts';
import { updateAccount } from '../commands/updateAccount.ts';
import { findSessionById } from '../auth/sessions.ts';
import { ErrorSchema, LanguageSchema, UserSchema, errorResponses } from '../http/schemas.ts';

const AccountPatch = z
  .object({
    language: LanguageSchema.optional(),
    displayName: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .meta({ id: 'AccountPatch' });

const PasswordChange = z
  .object({
    currentPassword: z.string().min(1).max(1024),
    newPassword: z.string().min(1).max(1024),
  })
  .strict()
  .meta({ id: 'PasswordChange' });

/** The signed-in user's own account: preferences and password. */
export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  app.patch(
    '/api/account',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['account'],
        summary: 'Changes the signed-in user’s name or interface language',
        body: AccountPatch,
        response: { 200: z.object({ user: UserSchema }), ...errorResponses },
      },
    },
    async (request) => {
      const session = request.session;
      if (!session) throw new AppError('UNAUTHENTICATED');
      await updateAccount(app.database, { session, ...request.body });
      const fresh = await findSessionById(app.database.db, session.id);
      if (!fresh) throw new AppError('UNAUTHENTICATED');
      return { user: fresh.user };
    },
  );

  app.put(
    '/api/account/password',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['account'],
        summary: 'Changes the signed-in user’s password and ends their other sessions',
        body: PasswordChange,
        response: { 204: z.null(), ...errorResponses, 429: ErrorSchema },
      },
    },
    async (request, reply) => {
      const session = request.session;
      if (!session) throw new AppError('UNAUTHENTICATED');
      await changePassword(app.database, { session, ...request.body });
      return reply.status(204).send(null);
    },
  );
};
