import { responsibleInstitutions, validatePlanPackage, type PlanPackage } from '@ariadne/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, signInAs, startTestServer, type Client, type TestServer } from '../testing.ts';

let server: TestServer;
let coordinator: Client;
let editor: Client;
let focalPoint: Client;
let observer: Client;
let rapporteur: Client;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signInAs(server.app, demoEmail('coordinator'));
  editor = await signInAs(server.app, demoEmail('editor'));
  focalPoint = await signInAs(server.app, demoEmail('focal_point'));
  observer = await signInAs(server.app, demoEmail('observer'));
  rapporteur = await signInAs(server.app, demoEmail('rapporteur'));
});
afterAll(async () => server?.close());

const PLAN = '/api/participants/DL/action-plans/AP-2021-2022';
const REPORT = `${PLAN}/rounds/2022-H1/reports`;

type ErrorBody = { error: { code: string; issues?: { path: string; message: string }[] } };
type Rounds = {
  frequency: string | null;
  rounds: { id: string; deadline: string; reports: number; counts: Record<string, number> }[];
  proposed: { id: string; periodStart: string; periodEnd: string; deadline: string }[];
};

async function auditActions(action: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_entries WHERE action = ${action}`.execute(
    server.database.db,
  );
  return rows[0]?.n ?? 0;
}

async function exported(): Promise<PlanPackage> {
  const response = await coordinator.request('GET', '/api/participants/DL/strategies/NS-2021-2024/package');
  expect(response.statusCode).toBe(200);
  return response.json() as PlanPackage;
}

async function revision(): Promise<number> {
  const row = await server.database.db
    .selectFrom('strategies')
    .select('revision')
    .where('code', '=', 'NS-2021-2024')
    .executeTakeFirstOrThrow();
  return Number(row.revision);
}

describe('the reporting calendar', () => {
  it('defaults to the fifth working day, and is replaced by the coordinator alone', async () => {
    const initial = await observer.request('GET', '/api/participants/DL/monitoring-settings');
    expect(initial.statusCode).toBe(200);
    expect(initial.json()).toEqual({ deadlineWorkingDays: 5, holidays: [], remindersAutomatic: false, reminderDaysBefore: 5 });

    const settings = { deadlineWorkingDays: 5, holidays: [{ day: '2023-01-02', name: 'New Year' }] };
    const changed = await coordinator.request('PUT', '/api/participants/DL/monitoring-settings', settings);
    expect(changed.statusCode).toBe(200);
    const stored = { ...settings, remindersAutomatic: false, reminderDaysBefore: 5 };
    expect(changed.json()).toEqual(stored);
    expect((await focalPoint.request('GET', '/api/participants/DL/monitoring-settings')).json()).toEqual(stored);
    expect(await auditActions('participant.settings_changed')).toBe(1);

    expect((await editor.request('PUT', '/api/participants/DL/monitoring-settings', settings)).statusCode).toBe(403);
    expect((await coordinator.request('PUT', '/api/participants/WM/monitoring-settings', settings)).statusCode).toBe(404);
    const twice = await coordinator.request('PUT', '/api/participants/DL/monitoring-settings', {
      deadlineWorkingDays: 5,
      holidays: [settings.holidays[0], settings.holidays[0]],
    });
    expect(twice.statusCode).toBe(400);
    expect((twice.json() as ErrorBody).error.issues?.map((issue) => issue.path)).toEqual(['holidays[1].day']);
    const badDay = await coordinator.request('PUT', '/api/participants/DL/monitoring-settings', {
      deadlineWorkingDays: -1,
      holidays: [{ day: '2023-02-30', name: '' }],
    });
    expect(badDay.statusCode).toBe(400);
    expect(await auditActions('participant.settings_changed')).toBe(1);
  });
});

describe('opening rounds', () => {
  it('lists the rounds with their counts and proposes the scheduled ones not opened', async () => {
    const response = await observer.request('GET', `${PLAN}/rounds?today=2022-07-10`);
    expect(response.statusCode).toBe(200);
    const rounds = response.json() as Rounds;
    expect(rounds.frequency).toBe('semi_annual');
    expect(rounds.rounds.map((round) => round.id)).toEqual(['2021-H1', '2021-H2', '2022-H1']);
    expect(rounds.rounds[2]).toMatchObject({ reports: 10, counts: { submitted: 1, accepted: 8, overdue: 1, not_started: 0 } });
    // 31 December 2022 is a Saturday; 2 January 2023 is a holiday of the calendar set above.
    expect(rounds.proposed).toEqual([{ id: '2022-H2', periodStart: '2022-07-01', periodEnd: '2022-12-31', deadline: '2023-01-09' }]);
  });

  it('opens a round with one empty draft per responsible institution, audited, raising the revision', async () => {
    const before = await revision();
    const opened = await coordinator.request('POST', `${PLAN}/rounds`, {
      rounds: [{ id: '2022-H2', periodStart: '2022-07-01', periodEnd: '2022-12-31' }],
    });
    expect(opened.statusCode).toBe(201);
    const plan = await exported();
    const expected = responsibleInstitutions(plan, 'AP-2021-2022', { start: '2022-07-01', end: '2022-12-31' });
    expect(expected.length).toBeGreaterThan(5);
    expect(opened.json()).toEqual({ opened: [{ id: '2022-H2', reports: expected.length }] });
    expect(await revision()).toBeGreaterThan(before);
    expect(await auditActions('round.opened')).toBe(1);

    const validation = validatePlanPackage(plan);
    expect(validation.ok ? [] : validation.issues).toEqual([]);
    const round = plan.monitoring?.rounds.find((candidate) => candidate.id === '2022-H2');
    expect(round?.deadline).toBe('2023-01-09');
    expect(round?.reports.map((report) => report.institution)).toEqual(expected.map((entry) => entry.institution));
    expect(round?.reports.every((report) => report.status === 'draft' && report.activities.length === 0)).toBe(true);

    const rounds = (await coordinator.request('GET', `${PLAN}/rounds?today=2022-12-01`)).json() as Rounds;
    expect(rounds.proposed).toEqual([]);
    expect(rounds.rounds.at(-1)).toMatchObject({ id: '2022-H2', reports: expected.length, counts: { not_started: expected.length } });
  });

  it('takes a given deadline', async () => {
    const opened = await coordinator.request('POST', `${PLAN}/rounds`, {
      rounds: [{ id: '2022-Q4-special', periodStart: '2022-10-01', periodEnd: '2022-12-31', deadline: '2023-01-31' }],
    });
    expect(opened.statusCode).toBe(201);
    expect((await exported()).monitoring?.rounds.find((round) => round.id === '2022-Q4-special')?.deadline).toBe('2023-01-31');
  });

  it('refuses a used id, a period outside the plan, a plan not adopted, and other roles', async () => {
    const count = await auditActions('round.opened');
    const again = await coordinator.request('POST', `${PLAN}/rounds`, {
      rounds: [
        { id: '2022-X', periodStart: '2022-07-01', periodEnd: '2022-12-31' },
        { id: '2022-H2', periodStart: '2022-07-01', periodEnd: '2022-12-31' },
      ],
    });
    expect(again.statusCode).toBe(409);
    expect((again.json() as ErrorBody).error).toMatchObject({ code: 'ALREADY_EXISTS', issues: [{ path: 'rounds[1].id' }] });

    const outside = await coordinator.request('POST', `${PLAN}/rounds`, {
      rounds: [{ id: '2023-H1', periodStart: '2023-01-01', periodEnd: '2023-06-30' }],
    });
    expect(outside.statusCode).toBe(400);
    expect((outside.json() as ErrorBody).error.issues?.map((issue) => issue.path)).toEqual(['rounds[0].periodEnd']);
    const reversed = await coordinator.request('POST', `${PLAN}/rounds`, {
      rounds: [{ id: 'R', periodStart: '2022-06-30', periodEnd: '2022-01-01' }],
    });
    expect(reversed.statusCode).toBe(400);
    const repeated = await coordinator.request('POST', `${PLAN}/rounds`, {
      rounds: [
        { id: 'R', periodStart: '2022-01-01', periodEnd: '2022-01-31' },
        { id: 'R', periodStart: '2022-02-01', periodEnd: '2022-02-28' },
      ],
    });
    expect((repeated.json() as ErrorBody).error.issues?.map((issue) => issue.path)).toEqual(['rounds[1].id']);
    expect((await coordinator.request('POST', `${PLAN}/rounds`, { rounds: [] })).statusCode).toBe(400);
    expect(
      (await coordinator.request('POST', `${PLAN}/rounds`, { rounds: [{ id: 'R', periodStart: 'soon', periodEnd: '2022-01-31' }] }))
        .statusCode,
    ).toBe(400);

    const draft = await coordinator.request('POST', '/api/participants/DL/action-plans/AP-2023-2024/rounds', {
      rounds: [{ id: '2023-H1', periodStart: '2023-01-01', periodEnd: '2023-06-30' }],
    });
    expect(draft.statusCode).toBe(409);
    expect((draft.json() as ErrorBody).error.code).toBe('DOCUMENT_NOT_ADOPTED');

    const body = { rounds: [{ id: '2022-Y', periodStart: '2022-07-01', periodEnd: '2022-12-31' }] };
    expect((await editor.request('POST', `${PLAN}/rounds`, body)).statusCode).toBe(403);
    expect((await focalPoint.request('POST', `${PLAN}/rounds`, body)).statusCode).toBe(403);
    expect((await coordinator.request('POST', '/api/participants/WM/action-plans/AP-2021-2022/rounds', body)).statusCode).toBe(404);
    expect((await coordinator.request('POST', '/api/participants/DL/action-plans/AP-1999/rounds', body)).statusCode).toBe(404);
    expect(await auditActions('round.opened')).toBe(count);
    expect((await exported()).monitoring?.rounds.map((round) => round.id)).toEqual([
      '2021-H1',
      '2021-H2',
      '2022-H1',
      '2022-H2',
      '2022-Q4-special',
    ]);
  });
});

describe('the who-has-reported board', () => {
  type Board = {
    counts: Record<string, number>;
    institutions: { institution: string; status: string; onTime: boolean | null; history: { round: string; onTime: boolean | null }[] }[];
  };

  it('shows each institution with its status, timeliness and history', async () => {
    const response = await rapporteur.request('GET', `${PLAN}/rounds/2022-H1/board?today=2022-07-10`);
    expect(response.statusCode).toBe(200);
    const board = response.json() as Board;
    expect(board.counts).toEqual({ not_started: 0, draft: 0, submitted: 1, returned: 0, accepted: 8, overdue: 1 });
    const row = (code: string) => board.institutions.find((entry) => entry.institution === code);
    expect(row('PPO')).toMatchObject({ status: 'submitted', onTime: false });
    expect(row('MUN-VEL')).toMatchObject({ status: 'overdue', onTime: false });
    expect(row('PPO')?.history.map((entry) => [entry.round, entry.onTime])).toEqual([
      ['2021-H1', true],
      ['2021-H2', false],
      ['2022-H1', false],
    ]);
    const early = (await coordinator.request('GET', `${PLAN}/rounds/2022-H1/board?today=2022-07-01`)).json() as Board;
    expect(early.counts).toMatchObject({ draft: 1, overdue: 0 });
  });

  it('is for those who see all reports, in their own Participant', async () => {
    expect((await focalPoint.request('GET', `${PLAN}/rounds/2022-H1/board`)).statusCode).toBe(403);
    expect((await observer.request('GET', `${PLAN}/rounds/2022-H1/board`)).statusCode).toBe(403);
    expect((await coordinator.request('GET', '/api/participants/WM/action-plans/AP-2021-2022/rounds/2022-H1/board')).statusCode).toBe(404);
    expect((await coordinator.request('GET', `${PLAN}/rounds/1999-H1/board`)).statusCode).toBe(404);
    expect((await coordinator.request('GET', `${PLAN}/rounds/2022-H1/board?today=tomorrow`)).statusCode).toBe(400);
  });
});

describe('reviewing a report', () => {
  type Reported = {
    status: string;
    version: number;
    comments: { target: string | null; text: string; author: string | null }[];
    activities: unknown[];
  };

  it('shows a report to those who see all reports and to its own focal point only', async () => {
    const response = await coordinator.request('GET', `${REPORT}/PPO`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      institution: 'PPO',
      name: expect.any(String),
      status: 'submitted',
      submittedOn: '2022-07-08',
      version: 1,
      comments: [],
    });
    expect((response.json() as Reported).activities.length).toBe(2);
    expect((await rapporteur.request('GET', `${REPORT}/PPO`)).statusCode).toBe(200);
    expect((await focalPoint.request('GET', `${REPORT}/POL`)).statusCode).toBe(200);
    expect((await focalPoint.request('GET', `${REPORT}/PPO`)).statusCode).toBe(403);
    expect((await observer.request('GET', `${REPORT}/PPO`)).statusCode).toBe(403);
    expect((await coordinator.request('GET', `${REPORT}/NOBODY`)).statusCode).toBe(404);
    expect((await coordinator.request('GET', '/api/participants/WM/action-plans/AP-2021-2022/rounds/2022-H1/reports/PPO')).statusCode).toBe(
      404,
    );
  });

  it('returns a submitted report with comments, then refuses a second decision on it', async () => {
    const noComment = await coordinator.request('POST', `${REPORT}/PPO/return`, { version: 1, comments: [] });
    expect(noComment.statusCode).toBe(400);
    const unknown = await coordinator.request('POST', `${REPORT}/PPO/return`, {
      version: 1,
      comments: [{ target: 'A9.9.9', text: 'Which?' }],
    });
    expect(unknown.statusCode).toBe(400);
    expect((unknown.json() as ErrorBody).error.issues?.map((issue) => issue.path)).toEqual(['comments[0].target']);
    expect((await focalPoint.request('POST', `${REPORT}/PPO/return`, { version: 1, comments: [{ text: 'x' }] })).statusCode).toBe(403);
    expect((await rapporteur.request('POST', `${REPORT}/PPO/accept`, { version: 1 })).statusCode).toBe(403);
    expect(
      (
        await coordinator.request('POST', '/api/participants/WM/action-plans/AP-2021-2022/rounds/2022-H1/reports/PPO/accept', {
          version: 1,
        })
      ).statusCode,
    ).toBe(404);
    expect(await auditActions('report.returned')).toBe(0);

    const returned = await coordinator.request('POST', `${REPORT}/PPO/return`, {
      version: 1,
      comments: [{ target: 'A1.2.3', text: 'Please attach the guidance.' }, { text: 'Otherwise complete, thank you.' }],
    });
    expect(returned.statusCode).toBe(200);
    expect(returned.json()).toEqual({ status: 'returned', version: 2 });
    expect(await auditActions('report.returned')).toBe(1);

    const report = (await focalPoint.request('GET', `${REPORT}/POL`)).json() as Reported;
    expect(report.comments).toEqual([]);
    const seen = (await coordinator.request('GET', `${REPORT}/PPO`)).json() as Reported;
    expect(seen).toMatchObject({ status: 'returned', version: 2 });
    expect(seen.comments.map(({ target, text, author }) => ({ target, text, author: author !== null }))).toEqual([
      { target: 'A1.2.3', text: 'Please attach the guidance.', author: true },
      { target: null, text: 'Otherwise complete, thank you.', author: true },
    ]);

    const stale = await coordinator.request('POST', `${REPORT}/PPO/accept`, { version: 1 });
    expect(stale.statusCode).toBe(409);
    expect((stale.json() as ErrorBody).error.code).toBe('EDIT_CONFLICT');
    const notSubmitted = await coordinator.request('POST', `${REPORT}/PPO/accept`, { version: 2 });
    expect(notSubmitted.statusCode).toBe(409);
    expect((notSubmitted.json() as ErrorBody).error.code).toBe('REPORT_NOT_SUBMITTED');
    const accepted = await coordinator.request('POST', `${REPORT}/POL/accept`, { version: 1 });
    expect((accepted.json() as ErrorBody).error.code).toBe('REPORT_NOT_SUBMITTED');
    expect((await coordinator.request('POST', `${REPORT}/PPO/accept`, {})).statusCode).toBe(400);
  });

  it('accepts a resubmitted report, which then counts in the progress overview and the export', async () => {
    type Progress = { activities: { items: { id: string; status: string }[] } };
    const progress = async () =>
      ((await coordinator.request('GET', `${PLAN}/progress?asOf=2022-07-31`)).json() as Progress).activities.items.find(
        (item) => item.id === 'A1.2.3',
      )?.status;
    const before = await progress();
    // The focal point corrects and submits again (as the reporting form does).
    await server.database.db
      .updateTable('monitoring_reports')
      .set((eb) => ({ status: 'submitted', version: eb('version', '+', 1) }))
      .where(
        'id',
        '=',
        (
          await server.database.db
            .selectFrom('monitoring_reports')
            .innerJoin('monitoring_rounds', 'monitoring_rounds.id', 'monitoring_reports.round_id')
            .innerJoin('institutions', 'institutions.id', 'monitoring_reports.institution_id')
            .select('monitoring_reports.id')
            .where('monitoring_rounds.code', '=', '2022-H1')
            .where('institutions.code', '=', 'PPO')
            .executeTakeFirstOrThrow()
        ).id,
      )
      .execute();

    const accepted = await coordinator.request('POST', `${REPORT}/PPO/accept`, { version: 3 });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toEqual({ status: 'accepted', version: 4 });
    expect(await auditActions('report.accepted')).toBe(1);

    expect(before).not.toBe('completed');
    expect(await progress()).toBe('completed');
    const board = (await coordinator.request('GET', `${PLAN}/rounds/2022-H1/board?today=2022-07-10`)).json() as {
      counts: Record<string, number>;
    };
    expect(board.counts).toMatchObject({ submitted: 0, accepted: 9 });

    const plan = await exported();
    const validation = validatePlanPackage(plan);
    expect(validation.ok ? [] : validation.issues).toEqual([]);
    expect(
      plan.monitoring?.rounds.find((round) => round.id === '2022-H1')?.reports.find((report) => report.institution === 'PPO')?.status,
    ).toBe('accepted');
  });
});
