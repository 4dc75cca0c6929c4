import { AppError } from '@ariadne/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  confirmSecondFactor,
  disableSecondFactor,
  renewRecoveryCodes,
  resetSecondFactor,
  secondFactorState,
  startSecondFactor,
} from '../commands/secondFactor.ts';
import { ParticipantParams, errorResponses } from '../http/schemas.ts';

const StateSchema = z
  .object({
    enabled: z.boolean(),
    enabledAt: z.string().nullable(),
    recoveryCodesLeft: z.number().int().describe('Recovery codes not used yet'),
  })
  .meta({ id: 'SecondFactorState' });

const SetUpSchema = z
  .object({
    secret: z.string().describe('The secret in base32, for typing into an app by hand'),
    uri: z.string().describe('The otpauth:// address the QR code holds'),
    qrCode: z.string().describe('The QR code as an SVG image'),
  })
  .meta({ id: 'SecondFactorSetUp' });

const CodesSchema = z.object({ recoveryCodes: z.array(z.string()) }).meta({ id: 'RecoveryCodes' });

/** Two-step sign-in: one's own set-up, and a coordinator's reset for someone who lost their phone. */
export const secondFactorRoutes: FastifyPluginAsyncZod = async (app) => {
  const actorOf = (request: { session: { user: { id: number; email: string } } | null }) => {
    const session = request.session;
    if (!session) throw new AppError('UNAUTHENTICATED');
    return { userId: session.user.id, email: session.user.email };
  };

  app.get(
    '/api/account/second-factor',
    {
      config: { access: 'signed_in' },
      schema: { tags: ['account'], summary: 'Whether two-step sign-in is on', response: { 200: StateSchema, ...errorResponses } },
    },
    async (request) => secondFactorState(app.database, actorOf(request).userId),
  );

  app.post(
    '/api/account/second-factor',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['account'],
        summary: 'Starts setting up two-step sign-in: a new secret to scan into an authenticator app',
        response: { 200: SetUpSchema, ...errorResponses },
      },
    },
    async (request) => startSecondFactor(app.database, actorOf(request)),
  );

  app.put(
    '/api/account/second-factor',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['account'],
        summary: 'Turns two-step sign-in on with the first code of the app; answers the recovery codes, shown this once',
        body: z.object({ code: z.string().min(1).max(20) }).strict(),
        response: { 200: CodesSchema, ...errorResponses },
      },
    },
    async (request) => ({ recoveryCodes: await confirmSecondFactor(app.database, actorOf(request), request.body.code) }),
  );

  app.post(
    '/api/account/second-factor/recovery-codes',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['account'],
        summary: 'New recovery codes in place of the old ones',
        response: { 200: CodesSchema, ...errorResponses },
      },
    },
    async (request) => ({ recoveryCodes: await renewRecoveryCodes(app.database, actorOf(request)) }),
  );

  app.post(
    '/api/account/second-factor/turn-off',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['account'],
        summary: 'Turns two-step sign-in off, confirmed with the password',
        body: z.object({ password: z.string().min(1).max(1024) }).strict(),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await disableSecondFactor(app.database, actorOf(request), request.body.password);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/participants/:participant/users/:id/second-factor',
    {
      config: { access: { action: 'user.manage' } },
      schema: {
        tags: ['users'],
        summary: 'Turns off the two-step sign-in of someone who lost their phone and recovery codes',
        params: ParticipantParams.extend({ id: z.coerce.number().int().positive() }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await resetSecondFactor(app.database, {
        participant: request.params.participant,
        userId: request.params.id,
        actor: actorOf(request),
      });
      return reply.status(204).send(null);
    },
  );
};
