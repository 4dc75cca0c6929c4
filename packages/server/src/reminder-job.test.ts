import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mailerOver, type OutgoingMail } from './mail.ts';
import { runDailyReminders, startReminderJob, type JobLog } from './reminder-job.ts';
import { demoEmail, signInAs, startTestServer, type Client, type TestServer } from './testing.ts';

let server: TestServer;
let coordinator: Client;

const PLAN = '/api/participants/DL/action-plans/AP-2021-2022';
const DEADLINE = '2030-03-15';

function quietLog(): JobLog & { errors: unknown[] } {
  const errors: unknown[] = [];
  return { errors, info: () => undefined, error: (details) => errors.push(details) };
}

async function automaticAudits(): Promise<number> {
  const rows = await server.database.db
    .selectFrom('audit_entries')
    .select('id')
    .where('action', '=', 'round.reminders_sent')
    .where('actor', '=', 'reminders')
    .execute();
  return rows.length;
}

beforeAll(async () => {
  server = await startTestServer();
  // One focal point in Demoland here (the police's): the social ministry's account is disabled.
  await server.database.db
    .updateTable('users')
    .set({ disabled_at: new Date() })
    .where('email', '=', 'social.focal.point@demoland.example')
    .execute();
  coordinator = await signInAs(server.app, demoEmail('coordinator'));
  const opened = await coordinator.request('POST', `${PLAN}/rounds`, {
    rounds: [{ id: '2022-H2', periodStart: '2022-07-01', periodEnd: '2022-12-31', deadline: DEADLINE }],
  });
  expect(opened.statusCode).toBe(201);
});
afterAll(async () => server?.close());

describe('the daily reminders', () => {
  it('do nothing for a Participant that has not switched them on', async () => {
    expect(await runDailyReminders(server.database, { today: '2030-03-12', mailer: null, log: quietLog() })).toEqual([]);
  });

  it('remind of reports due within the Participant’s days and of overdue ones, once a day', async () => {
    const settings = await coordinator.request('PUT', '/api/participants/DL/monitoring-settings', {
      deadlineWorkingDays: 5,
      holidays: [],
      remindersAutomatic: true,
      reminderDaysBefore: 3,
    });
    expect(settings.json()).toMatchObject({ remindersAutomatic: true, reminderDaysBefore: 3 });

    const sent: OutgoingMail[] = [];
    const mailer = mailerOver({ sendMail: async (message) => sent.push(message) }, 'ariadne@demoland.example');
    const tooEarly = await runDailyReminders(server.database, { today: '2030-03-11', mailer, log: quietLog() });
    expect(tooEarly[0]?.summary?.reminded.map((report) => [report.kind, report.round])).toEqual([]);
    // The overdue reports of earlier rounds have no focal point: no one to remind, which is recorded.
    expect(tooEarly[0]?.summary?.noOneToRemind.map((report) => [report.kind, report.institution])).toEqual([
      ['overdue', 'SLI'],
      ['overdue', 'MUN-VEL'],
    ]);

    const [run] = await runDailyReminders(server.database, { today: '2030-03-12', mailer, log: quietLog() });
    expect(run?.participant).toBe('DL');
    expect(run?.summary?.reminded.map((report) => [report.kind, report.round, report.institution])).toEqual([['due', '2022-H2', 'POL']]);
    expect(run?.summary?.emailsSent).toBe(1);
    expect(sent.map((message) => message.to)).toEqual(['focal.point@demoland.example']);
    const recorded = await server.database.db.selectFrom('reminders_sent').selectAll().where('sent_on', '=', '2030-03-12').execute();
    expect(recorded.map((row) => [row.kind, row.channel, row.automatic])).toEqual([['due', 'email', true]]);

    const again = await runDailyReminders(server.database, { today: '2030-03-12', mailer, log: quietLog() });
    expect(again[0]?.summary?.reminded).toEqual([]);
    expect(again[0]?.summary?.alreadyRemindedToday).toBe(1);
    expect(sent.length).toBe(1);
  });

  it('run at start-up and once a day by the clock, logging failures without stopping', async () => {
    let now = new Date('2030-03-13T08:00:00Z');
    const before = await automaticAudits();
    const log = quietLog();
    const job = startReminderJob({ database: server.database, log, now: () => now, mailer: () => null, intervalMs: 3_600_000 });
    try {
      await job.tick();
      expect(await automaticAudits()).toBe(before + 1);
      now = new Date('2030-03-13T20:00:00Z');
      await job.tick();
      expect(await automaticAudits()).toBe(before + 1);
      now = new Date('2030-03-14T01:00:00Z');
      await job.tick();
      expect(await automaticAudits()).toBe(before + 2);
      expect(log.errors).toEqual([]);
    } finally {
      job.stop();
    }

    const failing = quietLog();
    const broken = vi.spyOn(server.database.db, 'selectFrom').mockImplementation(() => {
      throw new Error('database gone');
    });
    const job2 = startReminderJob({
      database: server.database,
      log: failing,
      now: () => new Date('2030-03-16T08:00:00Z'),
      mailer: () => null,
    });
    try {
      await job2.tick();
      expect(failing.errors.length).toBeGreaterThan(0);
    } finally {
      job2.stop();
      broken.mockRestore();
    }
  });
});
