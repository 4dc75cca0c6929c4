import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeAt } from '../auth/second-factor.ts';
import { DEMO_PASSWORD } from '../commands/loadDemo.ts';
import { clientWith, demoEmail, signInAs, startTestServer, type Client, type TestServer } from '../testing.ts';

let server: TestServer;
/** A coordinator signed in before anyone turned two-step sign-in on. */
let coordinatorBefore: Client;
beforeAll(async () => {
  server = await startTestServer();
  coordinatorBefore = await signInAs(server.app, demoEmail('coordinator'));
});
afterAll(async () => server?.close());

type ErrorBody = { error: { code: string; issues?: { path: string; message: string }[] } };

/** Signs in with a code; the answer as it is, and a client when it opened a session. */
async function signInWithCode(
  email: string,
  code?: string,
  password = DEMO_PASSWORD,
): Promise<{ status: number; code?: string; client?: Client }> {
  const response = await server.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email, password, ...(code === undefined ? {} : { code }) },
  });
  if (response.statusCode !== 200) return { status: response.statusCode, code: (response.json() as ErrorBody).error.code };
  const cookie = response.cookies.find((c) => c.name === 'ariadne_session');
  return {
    status: 200,
    client: clientWith(server.app, `ariadne_session=${cookie?.value ?? ''}`, (response.json() as { csrfToken: string }).csrfToken),
  };
}

/** Turns two-step sign-in on for an account; answers its secret and recovery codes. */
async function turnOn(client: Client): Promise<{ secret: string; recoveryCodes: string[]; at: Date }> {
  const setUp = await client.request('POST', '/api/account/second-factor');
  expect(setUp.statusCode).toBe(200);
  const { secret, uri, qrCode } = setUp.json() as { secret: string; uri: string; qrCode: string };
  expect(uri).toMatch(/^otpauth:\/\/totp\/Ariadne:.+\?.*secret=/);
  expect(qrCode).toContain('<svg');
  const at = new Date();
  const confirmed = await client.request('PUT', '/api/account/second-factor', { code: codeAt(secret, at) });
  expect(confirmed.statusCode).toBe(200);
  return { secret, recoveryCodes: (confirmed.json() as { recoveryCodes: string[] }).recoveryCodes, at };
}

describe('two-step sign-in', () => {
  it('is set up with the first code of the app, which a wrong code does not do', async () => {
    const editor = await signInAs(server.app, demoEmail('editor'));
    expect((await editor.request('GET', '/api/account/second-factor')).json()).toEqual({
      enabled: false,
      enabledAt: null,
      recoveryCodesLeft: 0,
    });
    await editor.request('POST', '/api/account/second-factor');
    const wrong = await editor.request('PUT', '/api/account/second-factor', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    expect((wrong.json() as ErrorBody).error.issues).toEqual([
      { path: 'code', message: 'This code is not right. Enter the six digits your app shows now.' },
    ]);
    expect((await editor.request('GET', '/api/account/second-factor')).json()).toMatchObject({ enabled: false });

    const { recoveryCodes } = await turnOn(editor);
    expect(recoveryCodes).toHaveLength(8);
    expect(new Set(recoveryCodes).size).toBe(8);
    for (const code of recoveryCodes) expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect((await editor.request('GET', '/api/account/second-factor')).json()).toMatchObject({ enabled: true, recoveryCodesLeft: 8 });
  });

  it('asks for the code after a right password, accepts each code once, and counts wrong codes as failures', async () => {
    const coordinator = await signInAs(server.app, demoEmail('coordinator'));
    const { secret, at } = await turnOn(coordinator);
    const email = demoEmail('coordinator');

    expect(await signInWithCode(email)).toEqual({ status: 401, code: 'SECOND_FACTOR_REQUIRED' });
    // A wrong password says nothing about the second step.
    expect(await signInWithCode(email, undefined, 'not the password')).toEqual({ status: 401, code: 'INVALID_CREDENTIALS' });
    expect(await signInWithCode(email, '123456')).toEqual({ status: 401, code: 'SECOND_FACTOR_INVALID' });
    const failures = await server.database.db
      .selectFrom('users')
      .select('failed_sign_ins')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(failures.failed_sign_ins).toBe(2);

    // The code used to set it up serves no second time; the next one does, once.
    // (Codes are taken from the moment of the set-up, so that the test does not depend on when a 30-second step ends.)
    expect(await signInWithCode(email, codeAt(secret, at))).toEqual({ status: 401, code: 'SECOND_FACTOR_INVALID' });
    const next = codeAt(secret, new Date(at.getTime() + 30_000));
    const signedIn = await signInWithCode(email, next);
    expect(signedIn.status).toBe(200);
    expect((await signedIn.client?.request('GET', '/api/session'))?.statusCode).toBe(200);
    expect(await signInWithCode(email, next)).toEqual({ status: 401, code: 'SECOND_FACTOR_INVALID' });
    const reset = await server.database.db
      .selectFrom('users')
      .select('failed_sign_ins')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(reset.failed_sign_ins).toBe(1);
  });

  it('lets a recovery code in once, however it is typed', async () => {
    const donor = await signInAs(server.app, demoEmail('donor'));
    const { recoveryCodes } = await turnOn(donor);
    const [first] = recoveryCodes;
    if (!first) throw new Error('no recovery code');
    const typed = first.toLowerCase().replace('-', ' ');
    expect((await signInWithCode(demoEmail('donor'), typed)).status).toBe(200);
    expect(await signInWithCode(demoEmail('donor'), first)).toEqual({ status: 401, code: 'SECOND_FACTOR_INVALID' });
    expect((await donor.request('GET', '/api/account/second-factor')).json()).toMatchObject({ recoveryCodesLeft: 7 });
    const renewed = await donor.request('POST', '/api/account/second-factor/recovery-codes');
    expect((renewed.json() as { recoveryCodes: string[] }).recoveryCodes).not.toContain(recoveryCodes[1]);
    expect(await signInWithCode(demoEmail('donor'), recoveryCodes[1])).toEqual({ status: 401, code: 'SECOND_FACTOR_INVALID' });
  });

  it('is turned off by its owner with the password, audited', async () => {
    const observer = await signInAs(server.app, demoEmail('observer'));
    await turnOn(observer);
    const wrong = await observer.request('POST', '/api/account/second-factor/turn-off', { password: 'not it' });
    expect(wrong.statusCode).toBe(400);
    expect((await signInWithCode(demoEmail('observer'))).code).toBe('SECOND_FACTOR_REQUIRED');
    expect((await observer.request('POST', '/api/account/second-factor/turn-off', { password: DEMO_PASSWORD })).statusCode).toBe(204);
    expect((await signInWithCode(demoEmail('observer'))).status).toBe(200);
    const actions = await server.database.db
      .selectFrom('audit_entries')
      .select('action')
      .where('action', 'in', ['user.second_factor_enable', 'user.second_factor_disable'])
      .where('actor', '=', demoEmail('observer'))
      .orderBy('id')
      .execute();
    expect(actions.map((row) => row.action)).toEqual(['user.second_factor_enable', 'user.second_factor_disable']);
  });

  it('is reset by a coordinator for someone who lost their phone and codes', async () => {
    const email = 'social.focal.point@demoland.example';
    await turnOn(await signInAs(server.app, email));
    const target = await server.database.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    const focalPoint = await signInAs(server.app, demoEmail('focal_point'));
    expect((await focalPoint.request('DELETE', `/api/participants/DL/users/${target.id}/second-factor`)).statusCode).toBe(403);
    expect((await coordinatorBefore.request('DELETE', `/api/participants/WM/users/${target.id}/second-factor`)).statusCode).toBe(404);
    expect((await signInWithCode(email)).code).toBe('SECOND_FACTOR_REQUIRED');

    const reset = await coordinatorBefore.request('DELETE', `/api/participants/DL/users/${target.id}/second-factor`);
    expect(reset.statusCode).toBe(204);
    expect((await signInWithCode(email)).status).toBe(200);
    const entry = await server.database.db
      .selectFrom('audit_entries')
      .select(['entity_id', 'actor'])
      .where('action', '=', 'user.second_factor_reset')
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ entity_id: String(target.id), actor: demoEmail('coordinator') });
  });
});
