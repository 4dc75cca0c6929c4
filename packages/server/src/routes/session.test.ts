import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../commands/loadDemo.ts';
import { FREE_ATTEMPTS } from '../commands/signIn.ts';
import { clientWith, demoEmail, signInAs, startTestServer, type TestServer } from '../testing.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

type ErrorBody = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };

describe('signing in and out', () => {
  it('opens a session in an HttpOnly, SameSite=Lax cookie and returns roles and abilities', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'Coordinator@Demoland.example ', password: DEMO_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'ariadne_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.secure).toBeFalsy();
    const body = response.json() as { user: { email: string }; memberships: { role: string }[]; abilities: Record<string, string[]> };
    expect(body.user.email).toBe('coordinator@demoland.example');
    expect(body.memberships.map((m) => m.role)).toEqual(['coordinator']);
    expect(body.abilities.DL).toContain('user.manage');
  });

  it('gives a new session token at every sign-in', async () => {
    const first = await signInAs(server.app, demoEmail('editor'));
    const second = await signInAs(server.app, demoEmail('editor'));
    expect(first.cookie).not.toBe(second.cookie);
  });

  it('refuses a wrong password with a clear message in the requester’s language', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'accept-language': 'sr-Cyrl' },
      payload: { email: demoEmail('observer'), password: 'not the password' },
    });
    expect(response.statusCode).toBe(401);
    const body = response.json() as ErrorBody;
    expect(body.error.code).toBe('INVALID_CREDENTIALS');
    expect(body.error.message).toMatch(/[\u0400-\u04ff]/);
    expect(response.cookies).toHaveLength(0);
  });

  it('names the missing field of an invalid body', async () => {
    const response = await server.app.inject({ method: 'POST', url: '/api/session', payload: { email: 'a@b.example' } });
    expect(response.statusCode).toBe(400);
    const body = response.json() as ErrorBody;
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.issues).toEqual([{ path: 'password', message: 'This field is required.' }]);
  });

  it('locks an account after repeated failures, even for the right password, and says for how long', async () => {
    const email = demoEmail('donor');
    for (let attempt = 1; attempt <= FREE_ATTEMPTS; attempt += 1) {
      const response = await server.app.inject({ method: 'POST', url: '/api/session', payload: { email, password: `wrong ${attempt}` } });
      expect(response.statusCode).toBe(401);
    }
    const locked = await server.app.inject({ method: 'POST', url: '/api/session', payload: { email, password: DEMO_PASSWORD } });
    expect(locked.statusCode).toBe(423);
    const body = locked.json() as ErrorBody;
    expect(body.error.code).toBe('ACCOUNT_LOCKED');
    expect(body.error.message).toContain('1 minute');
    const entries = await server.database.db.selectFrom('audit_entries').select('action').where('action', '=', 'user.lock').execute();
    expect(entries).toHaveLength(1);
  });

  it('ends the session at sign-out: the old cookie no longer works', async () => {
    const client = await signInAs(server.app, demoEmail('rapporteur'));
    expect((await client.request('GET', '/api/session')).statusCode).toBe(200);
    expect((await client.request('DELETE', '/api/session')).statusCode).toBe(204);
    const after = await client.request('GET', '/api/session');
    expect(after.statusCode).toBe(401);
    expect((after.json() as ErrorBody).error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a state change without the CSRF token and changes nothing', async () => {
    const client = await signInAs(server.app, demoEmail('observer'));
    const forged = clientWith(server.app, client.cookie, 'forged-token');
    const response = await forged.request('PATCH', '/api/account', { language: 'mk' });
    expect(response.statusCode).toBe(403);
    expect((response.json() as ErrorBody).error.code).toBe('CSRF_FAILED');
    const user = await server.database.db
      .selectFrom('users')
      .select('language')
      .where('email', '=', demoEmail('observer'))
      .executeTakeFirstOrThrow();
    expect(user.language).toBe('en');
  });
});

describe('my account', () => {
  it('saves the interface language and name', async () => {
    const client = await signInAs(server.app, demoEmail('editor'));
    const response = await client.request('PATCH', '/api/account', { language: 'sr-Cyrl', displayName: 'Arben H.' });
    expect(response.statusCode).toBe(200);
    expect((response.json() as { user: { language: string; displayName: string } }).user).toMatchObject({
      language: 'sr-Cyrl',
      displayName: 'Arben H.',
    });
    const refused = await client.request('PATCH', '/api/account', { language: 'klingon' });
    expect(refused.statusCode).toBe(400);
    expect((refused.json() as ErrorBody).error.issues?.[0]?.path).toBe('language');
  });

  it('changes the password only with the current one and a strong new one, ending other sessions', async () => {
    const email = demoEmail('focal_point');
    const other = await signInAs(server.app, email);
    const client = await signInAs(server.app, email);

    const wrong = await client.request('PUT', '/api/account/password', {
      currentPassword: 'nope',
      newPassword: 'a long new passphrase 42',
    });
    expect(wrong.statusCode).toBe(400);
    expect((wrong.json() as ErrorBody).error.issues?.[0]?.path).toBe('currentPassword');

    const weak = await client.request('PUT', '/api/account/password', { currentPassword: DEMO_PASSWORD, newPassword: 'qwerty123456' });
    expect(weak.statusCode).toBe(400);
    expect((weak.json() as ErrorBody).error).toMatchObject({ code: 'WEAK_PASSWORD', issues: [{ path: 'newPassword' }] });

    const short = await client.request('PUT', '/api/account/password', { currentPassword: DEMO_PASSWORD, newPassword: 'short' });
    expect((short.json() as ErrorBody).error.issues?.[0]?.message).toBe('Must be at least 12 characters long.');

    const ok = await client.request('PUT', '/api/account/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'border crossing lantern 7',
    });
    expect(ok.statusCode).toBe(204);
    expect((await client.request('GET', '/api/session')).statusCode).toBe(200);
    expect((await other.request('GET', '/api/session')).statusCode).toBe(401);
    await expect(signInAs(server.app, email)).rejects.toThrow(/401/);
    await signInAs(server.app, email, 'border crossing lantern 7');
  });
});
