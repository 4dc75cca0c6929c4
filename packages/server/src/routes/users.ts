import { AppError, isRole } from '@ariadne/domain';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createUser } from '../commands/createUser.ts';
import { endUserSessions } from '../commands/endUserSessions.ts';
import { setUserDisabled } from '../commands/setUserDisabled.ts';
import { ErrorSchema, InstitutionRefSchema, ParticipantParams, RoleSchema, errorResponses } from '../http/schemas.ts';

const UserItemSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    displayName: z.string(),
    disabled: z.boolean(),
    lastSignInAt: z.string().nullable().describe('ISO instant of the last sign-in'),
    secondFactor: z.boolean().describe('Whether the account has two-step sign-in on'),
    roles: z.array(
      z.object({
        role: RoleSchema,
        institution: InstitutionRefSchema.nullable(),
        plan: z.string().optional().describe('The local plan a local coordinator coordinates; only for them'),
      }),
    ),
  })
  .meta({ id: 'ParticipantUser' });

const NewUserBody = z
  .object({
    email: z.email().max(320),
    displayName: z.string().trim().min(1).max(200),
    role: RoleSchema,
    institution: z.string().min(1).max(64).optional().describe('Institution code; required for a focal point'),
    plan: z.string().min(1).max(64).optional().describe('The code of a local plan; required for a local coordinator'),
  })
  .strict()
  .meta({ id: 'NewUser' });

const UserParams = ParticipantParams.extend({ id: z.coerce.number().int().positive() });

/** Lists the users of a Participant with their roles there (one query for all of them). */
async function listUsers(app: FastifyInstance, participant: string, onlyUserId?: number) {
  let query = app.database.db
    .selectFrom('memberships')
    .innerJoin('participants', 'participants.id', 'memberships.participant_id')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .leftJoin('institutions', 'institutions.id', 'memberships.institution_id')
    .leftJoin('action_plans', 'action_plans.id', 'memberships.action_plan_id')
    .select([
      'action_plans.code as plan',
      'users.id',
      'users.email',
      'users.display_name',
      'users.disabled_at',
      'users.last_sign_in_at',
      'users.totp_secret',
      'memberships.role',
      'institutions.code as institution_code',
      'institutions.name as institution_name',
    ])
    .where('participants.code', '=', participant)
    .orderBy('users.display_name')
    .orderBy('users.id')
    .orderBy('memberships.role');
  if (onlyUserId !== undefined) query = query.where('users.id', '=', onlyUserId);
  const rows = await query.execute();
  const users = new Map<number, z.infer<typeof UserItemSchema>>();
  for (const row of rows) {
    let user = users.get(row.id);
    if (!user) {
      user = {
        id: row.id,
        email: row.email,
        displayName: row.display_name,
        disabled: row.disabled_at !== null,
        lastSignInAt: row.last_sign_in_at?.toISOString() ?? null,
        secondFactor: row.totp_secret !== null,
        roles: [],
      };
      users.set(row.id, user);
    }
    if (isRole(row.role)) {
      user.roles.push({
        role: row.role,
        institution:
          row.institution_code !== null && row.institution_name !== null
            ? { code: row.institution_code, name: row.institution_name }
            : null,
        ...(row.plan !== null ? { plan: row.plan } : {}),
      });
    }
  }
  return [...users.values()];
}

/** The accounts that hold roles in a Participant, managed by its coordinators. */
export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/participants/:participant/users',
    {
      config: { access: { action: 'user.view' } },
      schema: {
        tags: ['users'],
        summary: 'The users who hold a role in the Participant',
        params: ParticipantParams,
        response: { 200: z.object({ items: z.array(UserItemSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listUsers(app, request.params.participant) }),
  );

  app.post(
    '/api/participants/:participant/users',
    {
      config: { access: { action: 'user.manage' } },
      schema: {
        tags: ['users'],
        summary: 'Creates an account with a role in the Participant and returns its one-time password',
        params: ParticipantParams,
        body: NewUserBody,
        response: {
          201: z.object({ user: UserItemSchema, oneTimePassword: z.string().describe('Shown once; the user changes it at first sign-in') }),
          ...errorResponses,
          409: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const actorUser = request.actorUser;
      if (!actorUser) throw new AppError('UNAUTHENTICATED');
      const created = await createUser(app.database, {
        participant: request.params.participant,
        email: request.body.email,
        displayName: request.body.displayName,
        role: request.body.role,
        institution: request.body.institution ?? null,
        plan: request.body.plan ?? null,
        actor: { userId: actorUser.id, email: actorUser.email },
      });
      const [user] = await listUsers(app, request.params.participant, created.userId);
      if (!user || created.oneTimePassword === null) throw new AppError('INTERNAL', { detail: 'created user not found' });
      return reply.status(201).send({ user, oneTimePassword: created.oneTimePassword });
    },
  );

  app.patch(
    '/api/participants/:participant/users/:id',
    {
      config: { access: { action: 'user.manage' } },
      schema: {
        tags: ['users'],
        summary: 'Disables an account (ending its sessions) or enables it again',
        params: UserParams,
        body: z.object({ disabled: z.boolean() }).strict(),
        response: { 200: UserItemSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actorUser = request.actorUser;
      if (!actorUser) throw new AppError('UNAUTHENTICATED');
      await setUserDisabled(app.database, {
        participant: request.params.participant,
        userId: request.params.id,
        disabled: request.body.disabled,
        actor: { userId: actorUser.id, email: actorUser.email },
      });
      const [user] = await listUsers(app, request.params.participant, request.params.id);
      if (!user) throw new AppError('NOT_FOUND');
      return user;
    },
  );

  app.delete(
    '/api/participants/:participant/users/:id/sessions',
    {
      config: { access: { action: 'user.manage' } },
      schema: {
        tags: ['users'],
        summary: 'Ends every session of an account: the person must sign in again (the coordinator keeps the session they use)',
        params: UserParams,
        response: { 200: z.object({ ended: z.number().int() }).meta({ id: 'SessionsEnded' }), ...errorResponses },
      },
    },
    async (request) => {
      const session = request.session;
      if (!session) throw new AppError('UNAUTHENTICATED');
      const ended = await endUserSessions(app.database, {
        participant: request.params.participant,
        userId: request.params.id,
        actor: { userId: session.user.id, email: session.user.email, sessionId: session.id },
      });
      return { ended };
    },
  );
};
