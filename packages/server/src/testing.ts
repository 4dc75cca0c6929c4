import type { Database } from '@ariadne/db';
import { openTestDatabase } from '@ariadne/db/testing';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildServer } from './app.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, loadDemo } from './commands/loadDemo.ts';

/** A server on a fresh test database with the demo loaded, driven through `inject` (no port). */
export type TestServer = {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
};

/** Starts a server for one test file. */
export async function startTestServer(options: { rateLimitPerMinute?: number } = {}): Promise<TestServer> {
  const database = await openTestDatabase();
  await loadDemo(database);
  const app = await buildServer({ database, logger: false, webDir: null, rateLimitPerMinute: options.rateLimitPerMinute ?? 100_000 });
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** A signed-in browser: its cookie and CSRF token, sent with every request. */
export type Client = {
  cookie: string;
  csrfToken: string;
  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
};

/** The demo account holding a role (`coordinator@demoland.example`, …). */
export function demoEmail(role: string): string {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.roles.some((membership) => membership.role === role));
  if (!account) throw new Error(`no demo account for ${role}`);
  return account.email;
}

/** Signs in through the API and returns a client carrying the session. */
export async function signInAs(app: FastifyInstance, email: string, password = DEMO_PASSWORD): Promise<Client> {
  const response = await app.inject({ method: 'POST', url: '/api/session', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'ariadne_session');
  if (!cookie) throw new Error('no session cookie');
  const csrfToken = (response.json() as { csrfToken: string }).csrfToken;
  return clientWith(app, `ariadne_session=${cookie.value}`, csrfToken);
}

/** A client with a given cookie and token (possibly wrong ones, for tests of refusals). */
export function clientWith(app: FastifyInstance, cookie: string, csrfToken: string): Client {
  return {
    cookie,
    csrfToken,
    request(method, url, body, headers = {}) {
      return app.inject({
        method,
        url,
        headers: { cookie, 'x-csrf-token': csrfToken, ...headers },
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      });
    },
  };
}
