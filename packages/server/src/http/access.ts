import { AppError, can, isRole, plansWhere, type Actor, type Membership } from '@ariadne/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findSession, SESSION_COOKIE, sameSecret } from '../auth/sessions.ts';
import type { ApiRoute } from './context.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** What an account that must change its password may still do. */
const PASSWORD_CHANGE_ROUTES = new Set(['GET /api/session', 'DELETE /api/session', 'PUT /api/account/password', 'PATCH /api/account']);
/** The header the web application sends its CSRF token in on every state-changing request. */
export const CSRF_HEADER = 'x-csrf-token';

/** Loads the roles a user holds, for the policies. */
export async function loadActor(app: FastifyInstance, userId: number): Promise<Actor> {
  const rows = await app.database.db
    .selectFrom('memberships')
    .innerJoin('participants', 'participants.id', 'memberships.participant_id')
    .leftJoin('institutions', 'institutions.id', 'memberships.institution_id')
    .leftJoin('action_plans', 'action_plans.id', 'memberships.action_plan_id')
    .select(['participants.code as participant', 'memberships.role', 'institutions.code as institution', 'action_plans.code as plan'])
    .where('memberships.user_id', '=', userId)
    .execute();
  const memberships: Membership[] = rows.flatMap((row) =>
    isRole(row.role) ? [{ participant: row.participant, role: row.role, institution: row.institution, plan: row.plan }] : [],
  );
  return { userId, memberships };
}

/**
 * Resolves the session from its cookie, checks the CSRF token of state-changing requests, and
 * enforces each route's declared access before its handler runs.
 */
export function installAccessControl(app: FastifyInstance): void {
  app.decorateRequest('session', null);
  app.decorateRequest('actorUser', null);
  app.decorateRequest('actor', null);

  app.decorate('apiRoutes', [] as ApiRoute[]);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    const access = route.config?.access;
    if (access === undefined) {
      throw new Error(`Route ${String(route.method)} ${route.url} does not declare its access policy`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.apiRoutes.push({ method, url: route.url, access });
    }
  });

  // Before the body is validated: a stranger learns nothing from the shape of the answer.
  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined) return;
    if (access === 'operator') {
      if (!operatorAllowed(request, app.operatorToken)) throw new AppError('UNAUTHENTICATED', { detail: 'operator route' });
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await findSession(app.database.db, token);
      if (session) {
        request.session = session;
        request.actorUser = session.user;
        request.actor = await loadActor(app, session.user.id);
      }
    }
    // Signing in replaces whatever session the browser had, so it needs no token of the old one;
    // a cross-site sign-in is stopped by the JSON content type (a preflight) and SameSite cookies.
    const signingIn = request.method === 'POST' && request.routeOptions.url === '/api/session';
    if (request.session && !signingIn && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameSecret(sent, request.session.csrfToken)) {
        throw new AppError('CSRF_FAILED', { detail: 'missing or wrong CSRF token' });
      }
    }
    if (access === 'public') return;
    if (!request.session) throw new AppError('UNAUTHENTICATED');
    // A one-time password opens nothing but the way to choose one's own.
    if (request.session.user.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(`${request.method} ${request.routeOptions.url}`)) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
    if (access === 'signed_in') return;
    if ('anywhere' in access) {
      const actor = request.actor;
      if (!actor?.memberships.some((m) => can(actor, access.action, { participant: m.participant }))) {
        throw new AppError('FORBIDDEN', { detail: `${access.action} in no Participant` });
      }
      return;
    }
    const participant = stringParam(request, 'participant');
    if (participant === undefined) throw new Error(`Route ${request.routeOptions.url} needs a :participant parameter`);
    // The action plan the address names, if any: a local coordinator's rights hold there only.
    const plan = stringParam(request, 'plan') ?? null;
    const allowed =
      'forInstitution' in access
        ? access.forInstitution.some((action) =>
            can(request.actor, action, { participant, institution: stringParam(request, 'institution') ?? null, plan }),
          )
        : 'inPlans' in access
          ? inSomePlan(plansWhere(request.actor, access.action, participant))
          : can(request.actor, access.action, { participant, plan });
    if (!allowed) {
      // Do not tell a stranger whether another Participant exists.
      const member = request.actor?.memberships.some((m) => m.participant === participant) ?? false;
      throw member
        ? new AppError('FORBIDDEN', { detail: 'forInstitution' in access ? access.forInstitution.join(' or ') : access.action })
        : new AppError('NOT_FOUND', { detail: `not a member of ${participant}` });
    }
  });
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * An `operator` route opens to the bearer token when one is set; without one, to a request from
 * the loopback address that no proxy forwarded (a proxy on the same host is loopback too).
 */
export function operatorAllowed(request: FastifyRequest, token: string | null): boolean {
  if (token !== null) {
    const sent = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    return sent !== undefined && sameSecret(sent, token);
  }
  const forwarded = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  return !forwarded && LOOPBACK.has(request.socket.remoteAddress ?? '');
}

/** Allowed in the Participant as a whole, or in at least one of its action plans. */
function inSomePlan(where: 'all' | string[]): boolean {
  return where === 'all' || where.length > 0;
}

function stringParam(request: FastifyRequest, name: string): string | undefined {
  const params = request.params as Record<string, unknown> | undefined;
  const value = params?.[name];
  return typeof value === 'string' ? value : undefined;
}
