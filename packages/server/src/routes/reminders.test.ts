import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailerOver, replaceMailer, type OutgoingMail } from '../mail.ts';
import { demoEmail, signInAs, startTestServer, type Client, type TestServer } from '../testing.ts';

let server: TestServer;
let coordinator: Client;
let editor: Client;
let focalPoint: Client;
const sent: OutgoingMail[] = [];

const REMINDERS = '/api/participants/DL/reminders';
const PLAN = '/api/participants/DL/action-plans/AP-2021-2022';

function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

type Planned = { kind: string; round: string; institution: string; days: number; recipients: { name: string; email: string }[] };
type Summary = {
  emailConfigured: boolean;
  reminded: Planned[];
  noOneToRemind: Planned[];
  emailsSent: number;
  emailsFailed: string[];
  notificationsCreated: number;
  copyList: { institution: string; round: string; addresses: string[]; subject: string; text: string }[];
};
type Notifications = {
  notifications: { id: number; kind: string; participant: string | null; payload: Record<string, unknown>; readAt: string | null }[];
  total: number;
  unread: number;
};

async function auditActions(action: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_entries WHERE action = ${action}`.execute(
    server.database.db,
  );
  return rows[0]?.n ?? 0;
}

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signInAs(server.app, demoEmail('coordinator'));
  editor = await signInAs(server.app, demoEmail('editor'));
  focalPoint = await signInAs(server.app, demoEmail('focal_point'));
  // One focal point in Demoland here (the police's): the social ministry's account is disabled.
  await server.database.db
    .updateTable('users')
    .set({ disabled_at: new Date() })
    .where('email', '=', 'social.focal.point@demoland.example')
    .execute();
  // A round whose deadline is three days away: its reports are due.
  const opened = await coordinator.request('POST', `${PLAN}/rounds`, {
    rounds: [{ id: '2022-H2', periodStart: '2022-07-01', periodEnd: '2022-12-31', deadline: dayFromNow(3) }],
  });
  expect(opened.statusCode).toBe(201);
});
afterAll(async () => {
  replaceMailer(undefined);
  delete process.env.ARIADNE_PUBLIC_URL;
  await server?.close();
});

describe('the preview of reminders', () => {
  it('lists the reports due within the days given, with their focal points, and the overdue ones when asked', async () => {
    const due = await coordinator.request('GET', `${REMINDERS}/preview?dueWithinDays=5&overdue=false`);
    expect(due.statusCode).toBe(200);
    const reports = (due.json() as { reports: Planned[] }).reports;
    expect(reports.length).toBeGreaterThan(3);
    expect(reports.every((report) => report.kind === 'due' && report.round === '2022-H2' && report.days === 3)).toBe(true);
    expect(reports.find((report) => report.institution === 'POL')?.recipients).toEqual([
      { name: expect.any(String), email: 'focal.point@demoland.example' },
    ]);
    expect(reports.filter((report) => report.recipients.length === 0).length).toBe(reports.length - 1);

    const soon = await coordinator.request('GET', `${REMINDERS}/preview?dueWithinDays=2&overdue=true&plan=AP-2021-2022`);
    expect((soon.json() as { reports: Planned[] }).reports.map((report) => [report.kind, report.round, report.institution])).toEqual([
      ['overdue', '2021-H2', 'SLI'],
      ['overdue', '2022-H1', 'MUN-VEL'],
    ]);
    const oneRound = await coordinator.request('GET', `${REMINDERS}/preview?dueWithinDays=0&overdue=true&round=2022-H1`);
    expect((oneRound.json() as { reports: Planned[] }).reports.map((report) => report.institution)).toEqual(['MUN-VEL']);
  });

  it('is for those who manage rounds, in an existing plan', async () => {
    expect((await editor.request('GET', `${REMINDERS}/preview?dueWithinDays=5&overdue=true`)).statusCode).toBe(403);
    expect((await focalPoint.request('GET', `${REMINDERS}/preview?dueWithinDays=5&overdue=true`)).statusCode).toBe(403);
    expect((await coordinator.request('GET', `${REMINDERS}/preview?dueWithinDays=5&overdue=true&plan=AP-9`)).statusCode).toBe(404);
    expect((await coordinator.request('GET', `${REMINDERS}/preview?dueWithinDays=99&overdue=true`)).statusCode).toBe(400);
  });
});

describe('sending reminders', () => {
  it('without e-mail: notifies the focal points in Ariadne, lists who has no one, and gives a list to copy', async () => {
    replaceMailer(null);
    const response = await coordinator.request('POST', REMINDERS, {
      plan: 'AP-2021-2022',
      round: '2022-H2',
      dueWithinDays: 5,
      overdue: true,
    });
    expect(response.statusCode).toBe(200);
    const summary = response.json() as Summary;
    expect(summary.emailConfigured).toBe(false);
    expect(summary.emailsSent).toBe(0);
    expect(summary.reminded.map((report) => report.institution)).toEqual(['POL']);
    expect(summary.notificationsCreated).toBe(1);
    expect(summary.noOneToRemind.length).toBeGreaterThan(2);
    expect(summary.copyList.length).toBe(summary.reminded.length + summary.noOneToRemind.length);
    const pol = summary.copyList.find((entry) => entry.institution === 'POL');
    expect(pol?.addresses).toEqual(['focal.point@demoland.example']);
    expect(pol?.subject).toContain('2022-H2');
    expect(pol?.text).toContain('Sign in to Ariadne to open the report.');
    expect(await auditActions('round.reminders_sent')).toBe(1);
    const recorded = await server.database.db.selectFrom('reminders_sent').selectAll().execute();
    expect(recorded.map((row) => [row.kind, row.channel, row.automatic])).toEqual([['due', 'in_app', false]]);
  });

  it('with e-mail: writes to each focal point in their language with a link under the public address; sent again by hand', async () => {
    sent.length = 0;
    replaceMailer(mailerOver({ sendMail: async (message) => sent.push(message) }, 'Ariadne <ariadne@demoland.example>'));
    process.env.ARIADNE_PUBLIC_URL = 'https://ariadne.demoland.example/';
    await server.database.db.updateTable('users').set({ language: 'sq' }).where('email', '=', 'focal.point@demoland.example').execute();
    const response = await coordinator.request('POST', REMINDERS, { dueWithinDays: 5, overdue: false });
    expect(response.statusCode).toBe(200);
    const summary = response.json() as Summary;
    expect(summary.emailConfigured).toBe(true);
    expect(summary.emailsSent).toBe(1);
    expect(sent).toEqual([
      {
        from: 'Ariadne <ariadne@demoland.example>',
        to: 'focal.point@demoland.example',
        subject: expect.stringContaining('Kujtesë'),
        text: expect.stringContaining('https://ariadne.demoland.example/plans/AP-2021-2022/rounds/2022-H2/reports/POL'),
      },
    ]);
    expect(await auditActions('round.reminders_sent')).toBe(2);
    const recorded = await server.database.db.selectFrom('reminders_sent').selectAll().execute();
    expect(recorded.map((row) => [row.kind, row.channel, row.automatic])).toEqual([['due', 'email', false]]);
    await server.database.db.updateTable('users').set({ language: 'en' }).where('email', '=', 'focal.point@demoland.example').execute();
    delete process.env.ARIADNE_PUBLIC_URL;
    replaceMailer(null);
  });

  it('tells of e-mails that could not be sent, and still notifies', async () => {
    replaceMailer(
      mailerOver(
        {
          sendMail: async () => {
            throw new Error('connection refused');
          },
        },
        'ariadne@demoland.example',
      ),
    );
    const summary = (
      await coordinator.request('POST', REMINDERS, { round: '2022-H2', dueWithinDays: 5, overdue: false })
    ).json() as Summary;
    expect(summary.emailsSent).toBe(0);
    expect(summary.emailsFailed).toEqual(['focal.point@demoland.example']);
    expect(summary.notificationsCreated).toBe(1);
    replaceMailer(null);
  });

  it('is refused to those who do not manage rounds, and checks its body', async () => {
    expect((await editor.request('POST', REMINDERS, { dueWithinDays: 5, overdue: true })).statusCode).toBe(403);
    expect((await coordinator.request('POST', REMINDERS, { dueWithinDays: -1, overdue: true })).statusCode).toBe(400);
    expect((await coordinator.request('POST', '/api/participants/WM/reminders', { dueWithinDays: 5, overdue: true })).statusCode).toBe(404);
  });
});

describe('notifications', () => {
  it('are each user’s own, newest first with the unread count, and marked read by their user', async () => {
    const mine = (await focalPoint.request('GET', '/api/notifications')).json() as Notifications;
    expect(mine.total).toBe(3);
    expect(mine.unread).toBe(3);
    expect(mine.notifications[0]).toMatchObject({
      kind: 'reminder',
      participant: 'DL',
      readAt: null,
      payload: { kind: 'due', actionPlan: 'AP-2021-2022', round: '2022-H2', institution: 'POL', days: 3 },
    });
    expect(((await coordinator.request('GET', '/api/notifications')).json() as Notifications).total).toBe(0);

    const first = mine.notifications[0]!.id;
    expect((await coordinator.request('POST', `/api/notifications/${first}/read`)).statusCode).toBe(404);
    const read = await focalPoint.request('POST', `/api/notifications/${first}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({ marked: 1, unread: 2 });
    const page = (await focalPoint.request('GET', '/api/notifications?limit=1&offset=0')).json() as Notifications;
    expect(page.notifications.length).toBe(1);
    expect(page.notifications[0]?.readAt).toEqual(expect.any(String));

    const all = await focalPoint.request('POST', '/api/notifications/read-all');
    expect(all.json()).toEqual({ marked: 2, unread: 0 });
    expect(await auditActions('user.notifications_read')).toBe(2);
    expect((await server.app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
  });
});
