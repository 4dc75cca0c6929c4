import { can, plansWhere, ROLES, type Role } from '@ariadne/domain';
import { DEMO_LOCAL_PLAN } from '../commands/loadDemo.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, signInAs, startTestServer, type Client, type TestServer } from '../testing.ts';

// Every API route, called as every role in its own Participant (DL), in a Participant where it holds
// no role (WM; except the regional demo user, who holds a role in both), and signed out. The answer
// must agree with the policies: allowed calls pass the access check (any status but 401/403/404 from
// it), refused ones get 403 in their own Participant, 404 elsewhere, 401 signed out. Every address
// names Demoland's national plan: the demo local coordinator, whose plan is Velmora's, holds there
// only what the Participant as a whole allows them (their own plan: routes/local-plans.test.ts).

let server: TestServer;
const clients = new Map<Role, Client>();

beforeAll(async () => {
  server = await startTestServer();
  for (const role of ROLES) clients.set(role, await signInAs(server.app, demoEmail(role)));
});
afterAll(async () => server?.close());

/** A real address for a route: Demoland's strategy, plan and first goal, a round and a report of it, a report's scope, a user id that does not exist. */
function concrete(url: string, participant: string): string {
  return url
    .replace(':participant', participant)
    .replace('/strategies/:id', '/strategies/NS-2021-2024')
    .replace(':strategy', 'NS-2021-2024')
    .replace(':code', 'G1')
    .replace(':plan', 'AP-2021-2022')
    .replace(':indicator', 'O3.1-I1')
    .replace(':activity', 'A3.1.3')
    .replace(':round', '2022-H1')
    .replace(':institution', 'POL')
    .replace(':scope', 'whole')
    .replace(':id', '999999');
}

// Bodies that pass validation where the route has one, so that the answer shows the access decision.
const BODIES: Record<string, unknown> = {
  'POST /api/session': { email: 'nobody@example.org', password: 'x' },
  'PATCH /api/account': { displayName: 'Same Name' },
  'PUT /api/account/password': { currentPassword: 'wrong', newPassword: 'another long passphrase' },
  'POST /api/participants/:participant/users': { email: 'new.person@example.org', displayName: 'New Person', role: 'observer' },
  'PATCH /api/participants/:participant/users/:id': { disabled: true },
};

describe('every route as every role', () => {
  it('knows the routes it is checking', () => {
    expect(server.app.apiRoutes.map((route) => `${route.method} ${route.url}`)).toEqual(
      expect.arrayContaining(['GET /api/session', 'GET /api/participants/:participant/audit']),
    );
  });

  it('answers each call as the policies say', async () => {
    const failures: string[] = [];
    for (const route of server.app.apiRoutes) {
      const key = `${route.method} ${route.url}`;
      if (key === 'DELETE /api/session') continue; // would end the client's session; tested in session.test.ts
      const method = route.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      const body = BODIES[key];

      if (route.access === 'operator') {
        // Operator routes open to their token or to loopback (ops/metrics.test.ts); a session opens nothing.
        const elsewhere = { method, url: concrete(route.url, 'DL'), remoteAddress: '203.0.113.7' } as const;
        const anonymous = await server.app.inject(elsewhere);
        if (anonymous.statusCode !== 401) failures.push(`${key} signed out from elsewhere: expected 401, got ${anonymous.statusCode}`);
        for (const [role, client] of clients) {
          const response = await server.app.inject({ ...elsewhere, headers: { cookie: client.cookie } });
          if (response.statusCode !== 401) failures.push(`${key} as ${role} from elsewhere: expected 401, got ${response.statusCode}`);
        }
        continue;
      }

      const anonymous = await server.app.inject({
        method,
        url: concrete(route.url, 'DL'),
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      });
      if (route.access === 'public') {
        const code = (anonymous.json() as { error?: { code?: string } }).error?.code;
        if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') failures.push(`${key} signed out: ${code}`);
      } else if (anonymous.statusCode !== 401) {
        failures.push(`${key} signed out: expected 401, got ${anonymous.statusCode}`);
      }

      for (const role of ROLES) {
        const client = clients.get(role);
        if (!client) throw new Error(role);
        for (const participant of ['DL', 'WM']) {
          const response = await client.request(method, concrete(route.url, participant), body);
          const access = route.access;
          // An allowed download answers with its file (a workbook), not with JSON.
          const json = String(response.headers['content-type'] ?? '').startsWith('application/json');
          const code = json ? (response.json() as { error?: { code?: string } }).error?.code : undefined;
          const plan = role === 'local_coordinator' ? DEMO_LOCAL_PLAN.actionPlan.id : null;
          const actor = {
            userId: 0,
            memberships:
              role === 'regional'
                ? [
                    { participant: 'DL', role },
                    { participant: 'WM', role },
                  ]
                : [{ participant: 'DL', role, plan }],
          };
          // The action plan the address names, as the access check reads it.
          const target = { participant, plan: route.url.includes(':plan') ? 'AP-2021-2022' : null };
          if (typeof access === 'object' && 'anywhere' in access) {
            // Allowed when the role grants the action in any Participant where it is held.
            const allowed = actor.memberships.some((m) => can(actor, access.action, { participant: m.participant }));
            if ((code === 'FORBIDDEN') === allowed) failures.push(`${key} as ${role}: ${response.statusCode} ${code ?? ''}`);
            continue;
          }
          if (access === 'public' || access === 'signed_in') {
            if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') failures.push(`${key} as ${role} in ${participant}: ${code}`);
            continue;
          }
          // The demo focal point is the police's (POL), the institution every concrete address names.
          const allowed =
            'forInstitution' in access
              ? access.forInstitution.some((action) =>
                  can(
                    {
                      userId: 0,
                      memberships: actor.memberships.map((m) => ({ ...m, institution: role === 'focal_point' ? 'POL' : null })),
                    },
                    action,
                    { ...target, institution: 'POL' },
                  ),
                )
              : 'inPlans' in access
                ? inSomePlan(plansWhere(actor, access.action, participant))
                : can(actor, access.action, target);
          const member = actor.memberships.some((m) => m.participant === participant);
          if (allowed) {
            if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED' || (code === 'NOT_FOUND' && !route.url.includes(':id'))) {
              failures.push(`${key} as ${role} in ${participant}: allowed by the policies, got ${response.statusCode} ${code}`);
            }
          } else {
            const expected = member ? 403 : 404;
            if (response.statusCode !== expected) {
              failures.push(`${key} as ${role} in ${participant}: expected ${expected}, got ${response.statusCode}`);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

function inSomePlan(where: 'all' | string[]): boolean {
  return where === 'all' || where.length > 0;
}
