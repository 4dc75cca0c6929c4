import type { Actor, Action } from '@ariadne/domain';
import type { Database } from '@ariadne/db';
import type { ActiveSession } from '../auth/sessions.ts';
import type { JobQueue } from '../jobs/queue.ts';

/**
 * Every API route declares who may call it: anyone (`public`), any signed-in user (`signed_in`),
 * or those the policies allow an action in the Participant named by the route's `:participant`
 * parameter (or, with `anywhere`, in at least one Participant where they hold a role: the
 * regional picture). `forInstitution` routes are about one institution's record (its report),
 * named by the `:institution` parameter: any one of the actions allowed for that institution opens
 * them (a focal point submits their own institution's report; a coordinator may on its behalf).
 * `operator` routes (the metrics) are for the people running the server, not for users: they
 * need the bearer token set in `ARIADNE_METRICS_TOKEN`, or, when it is not set, a request made
 * from the loopback address and not forwarded by a proxy; a session opens nothing there.
 * A route whose address names an action plan (`:plan`) is decided for that plan: a local
 * coordinator holds the coordinator's rights in their own plan only. `inPlans` routes are about a
 * whole strategy (its edits, its documents' life cycle): they open to those the policies allow the
 * action in the Participant or in at least one of its action plans, and the handler then checks
 * the plan of each element touched (`plansWhere`).
 * A route without a declaration refuses to register.
 */
export type RouteAccess =
  | 'public'
  | 'signed_in'
  | 'operator'
  | { action: Action }
  | { action: Action; anywhere: true }
  | { action: Action; inPlans: true }
  | { forInstitution: readonly Action[] };

/** An API route and its declared access, as registered: the security tests enumerate these. */
export type ApiRoute = { method: string; url: string; access: RouteAccess };

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    apiRoutes: ApiRoute[];
    limits: { signInsPerMinute: number };
    /** The bearer token of `operator` routes; `null` opens them to loopback requests only. */
    operatorToken: string | null;
    /** The background tasks: pg-boss on PostgreSQL, in the process on the embedded database. */
    jobs: JobQueue;
  }
  interface FastifyRequest {
    /** The session of the signed-in user, if any. */
    session: ActiveSession | null;
    /** The signed-in user, if any (shortcut to `session.user`). */
    actorUser: ActiveSession['user'] | null;
    /** The signed-in user's roles, for the policies; `null` when signed out. */
    actor: Actor;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}
