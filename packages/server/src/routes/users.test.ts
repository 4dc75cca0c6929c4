import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, signInAs, startTestServer, type Client, type TestServer } from '../testing.ts';

let server: TestServer;
let coordinator: Client;
beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signInAs(server.app, demoEmail('coordinator'));
});
afterAll(async () => server?.close());

type ErrorBody = { error: { code: string; issues?: { path: string; message: string }[] } };
type UserItem = { id: number; email: string; disabled: boolean; roles: { role: string; institution: { code: string } | null }[] };

async function auditCount(): Promise<number> {
  const row = await server.database.db
    .selectFrom('audit_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('users of a Participant', () => {
  it('lists the accounts with their roles and institutions', async () => {
    const response = await coordinator.request('GET', '/api/participants/DL/users');
    expect(response.statusCode).toBe(200);
    const items = (response.json() as { items: UserItem[] }).items;
    // One account per demo role, the local coordinator included.
    expect(items).toHaveLength(9);
    const focal = items.find((user) => user.email === demoEmail('focal_point'));
    expect(focal?.roles).toEqual([{ role: 'focal_point', institution: { code: 'POL', name: expect.stringContaining('Police') } }]);
  });

  it('creates a focal point with a one-time password that must be changed at first sign-in, audited', async () => {
    const before = await auditCount();
    const response = await coordinator.request('POST', '/api/participants/DL/users', {
      email: 'Labour.Inspector@Demoland.example',
      displayName: 'Nikola Ristić',
      role: 'focal_point',
      institution: 'SLI',
    });
    expect(response.statusCode).toBe(201);
    const body = response.json() as { user: UserItem; oneTimePassword: string };
    expect(body.user.email).toBe('labour.inspector@demoland.example');
    expect(body.user.roles).toEqual([{ role: 'focal_point', institution: { code: 'SLI', name: 'State Labour Inspectorate' } }]);
    expect(body.oneTimePassword).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(await auditCount()).toBe(before + 1);

    const newcomer = await signInAs(server.app, 'labour.inspector@demoland.example', body.oneTimePassword);
    const session = (await newcomer.request('GET', '/api/session')).json() as {
      user: { mustChangePassword: boolean };
      abilities: Record<string, string[]>;
    };
    expect(session.user.mustChangePassword).toBe(true);
    expect(session.abilities.DL).toContain('report.submit');
    // Until the one-time password is replaced, nothing else opens.
    const blocked = await newcomer.request('GET', '/api/participants/DL/institutions');
    expect(blocked.statusCode).toBe(403);
    expect((blocked.json() as ErrorBody).error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await newcomer.request('PUT', '/api/account/password', {
      currentPassword: body.oneTimePassword,
      newPassword: 'inspection season harvest 9',
    });
    expect(changed.statusCode).toBe(204);
    expect((await newcomer.request('GET', '/api/participants/DL/institutions')).statusCode).toBe(200);
  });

  it('refuses a focal point without an institution, an unknown institution and a taken e-mail, changing nothing', async () => {
    const before = await auditCount();
    const missing = await coordinator.request('POST', '/api/participants/DL/users', {
      email: 'x@demoland.example',
      displayName: 'X',
      role: 'focal_point',
    });
    expect(missing.statusCode).toBe(400);
    expect((missing.json() as ErrorBody).error.issues).toEqual([{ path: 'institution', message: 'This field is required.' }]);

    const unknown = await coordinator.request('POST', '/api/participants/DL/users', {
      email: 'x@demoland.example',
      displayName: 'X',
      role: 'focal_point',
      institution: 'NCO', // Westmark's, not Demoland's
    });
    expect(unknown.statusCode).toBe(400);
    expect((unknown.json() as ErrorBody).error.issues?.[0]?.path).toBe('institution');

    const taken = await coordinator.request('POST', '/api/participants/DL/users', {
      email: demoEmail('editor'),
      displayName: 'Again',
      role: 'observer',
    });
    expect(taken.statusCode).toBe(409);
    expect((taken.json() as ErrorBody).error.code).toBe('ALREADY_EXISTS');

    const badEmail = await coordinator.request('POST', '/api/participants/DL/users', {
      email: 'not-an-email',
      displayName: 'X',
      role: 'observer',
    });
    expect(badEmail.statusCode).toBe(400);
    expect((badEmail.json() as ErrorBody).error.issues).toEqual([{ path: 'email', message: 'Enter a valid e-mail address.' }]);

    expect(await auditCount()).toBe(before);
    const users = await server.database.db.selectFrom('users').select('email').where('email', '=', 'x@demoland.example').execute();
    expect(users).toHaveLength(0);
  });

  it('disables an account, which ends its sessions, and enables it again', async () => {
    const observer = await signInAs(server.app, demoEmail('observer'));
    const list = (await coordinator.request('GET', '/api/participants/DL/users')).json() as { items: UserItem[] };
    const target = list.items.find((user) => user.email === demoEmail('observer'));
    if (!target) throw new Error('observer missing');

    const disabled = await coordinator.request('PATCH', `/api/participants/DL/users/${target.id}`, { disabled: true });
    expect(disabled.statusCode).toBe(200);
    expect((disabled.json() as UserItem).disabled).toBe(true);
    expect((await observer.request('GET', '/api/session')).statusCode).toBe(401);
    await expect(signInAs(server.app, demoEmail('observer'))).rejects.toThrow(/401/);

    await coordinator.request('PATCH', `/api/participants/DL/users/${target.id}`, { disabled: false });
    await signInAs(server.app, demoEmail('observer'));
  });

  it('ends every session of an account, audited; the coordinator keeps their own', async () => {
    const donorOnLaptop = await signInAs(server.app, demoEmail('donor'));
    const donorOnPhone = await signInAs(server.app, demoEmail('donor'));
    const list = (await coordinator.request('GET', '/api/participants/DL/users')).json() as { items: UserItem[] };
    const donor = list.items.find((user) => user.email === demoEmail('donor'));
    if (!donor) throw new Error('donor missing');

    const refused = await donorOnLaptop.request('DELETE', `/api/participants/DL/users/${donor.id}/sessions`);
    expect(refused.statusCode).toBe(403);
    expect((await donorOnPhone.request('GET', '/api/session')).statusCode).toBe(200);

    const ended = await coordinator.request('DELETE', `/api/participants/DL/users/${donor.id}/sessions`);
    expect(ended.json()).toEqual({ ended: 2 });
    expect((await donorOnLaptop.request('GET', '/api/session')).statusCode).toBe(401);
    expect((await donorOnPhone.request('GET', '/api/session')).statusCode).toBe(401);
    const entry = await server.database.db
      .selectFrom('audit_entries')
      .select(['action', 'entity_id', 'after'])
      .where('action', '=', 'user.sessions_end')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ entity_id: String(donor.id), after: { sessionsEnded: 2 } });
    // The donor signs in again as usual.
    await signInAs(server.app, demoEmail('donor'));

    const session = (await coordinator.request('GET', '/api/session')).json() as { user: { id: number } };
    const elsewhere = await signInAs(server.app, demoEmail('coordinator'));
    const own = await coordinator.request('DELETE', `/api/participants/DL/users/${session.user.id}/sessions`);
    expect(own.json()).toEqual({ ended: 1 });
    expect((await elsewhere.request('GET', '/api/session')).statusCode).toBe(401);
    expect((await coordinator.request('GET', '/api/session')).statusCode).toBe(200);
    const stranger = await coordinator.request('DELETE', '/api/participants/DL/users/999999/sessions');
    expect(stranger.statusCode).toBe(404);
  });

  it('does not let coordinators disable themselves or users of another Participant', async () => {
    const session = (await coordinator.request('GET', '/api/session')).json() as { user: { id: number } };
    const self = await coordinator.request('PATCH', `/api/participants/DL/users/${session.user.id}`, { disabled: true });
    expect(self.statusCode).toBe(403);
    const other = await coordinator.request('GET', '/api/participants/WM/users');
    expect(other.statusCode).toBe(404);
  });
});

describe('the audit trail', () => {
  it('shows the coordinator who changed what, newest first, page by page', async () => {
    const first = await coordinator.request('GET', '/api/participants/DL/audit?limit=2');
    expect(first.statusCode).toBe(200);
    const page = first.json() as {
      items: { id: number; action: string; actor: string | null; after: unknown }[];
      nextBefore: number | null;
    };
    expect(page.items).toHaveLength(2);
    expect(page.items[0]!.id).toBeGreaterThan(page.items[1]!.id);
    expect(page.nextBefore).toBe(page.items[1]!.id);
    const next = (await coordinator.request('GET', `/api/participants/DL/audit?limit=200&before=${page.nextBefore}`)).json() as {
      items: { id: number; action: string; actor: string | null; after: unknown }[];
    };
    expect(next.items.every((item) => item.id < page.nextBefore!)).toBe(true);
    const created = next.items.concat(page.items).find((item) => item.action === 'user.create' && item.actor === demoEmail('coordinator'));
    expect(created?.after).toMatchObject({ email: 'labour.inspector@demoland.example', role: 'focal_point' });
  });

  it('is closed to other roles', async () => {
    const editor = await signInAs(server.app, demoEmail('editor'));
    expect((await editor.request('GET', '/api/participants/DL/audit')).statusCode).toBe(403);
  });
});
