import type { PlanPackage } from '@ariadne/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, signInAs, startTestServer, type Client, type TestServer } from '../testing.ts';

let server: TestServer;
let coordinator: Client;
let focalPoint: Client;
let observer: Client;
let rapporteur: Client;

const PLAN = '/api/participants/DL/action-plans/AP-2021-2022';
const REPORT = `${PLAN}/rounds/2022-H2/reports/POL`;

type ErrorBody = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };
type Content = {
  activities: { activity: string; status: string; spent?: { source: string; amount: number }[]; narrative?: string; obstacles?: string }[];
  indicatorValues: { indicator: string; value: number; breakdown?: { dimension: string; category: string; value: number }[] }[];
};
type Form = {
  status: string;
  board: string;
  version: number;
  editable: boolean;
  activities: { id: string; lead: boolean }[];
  indicators: { id: string; required: boolean; previousValue: number | null; categories: Record<string, string[]> }[];
  content: Content;
  flags: { target: string; key: string }[];
  evidence: { id: number; kind: string; label: string; fileName: string | null; url: string | null }[];
  submittedAt: string | null;
  submittedBy: string | null;
};
type Saved = { status: string; version: number; flags: { target: string; field: string; key: string }[]; unchanged: boolean };

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signInAs(server.app, demoEmail('coordinator'));
  focalPoint = await signInAs(server.app, demoEmail('focal_point'));
  observer = await signInAs(server.app, demoEmail('observer'));
  rapporteur = await signInAs(server.app, demoEmail('rapporteur'));
  const opened = await coordinator.request('POST', `${PLAN}/rounds`, {
    rounds: [{ id: '2022-H2', periodStart: '2022-07-01', periodEnd: '2022-12-31', deadline: '2023-01-09' }],
  });
  expect(opened.statusCode).toBe(201);
});
afterAll(async () => server?.close());

async function form(client: Client = focalPoint): Promise<Form> {
  const response = await client.request('GET', `${REPORT}/form`);
  expect(response.statusCode).toBe(200);
  return response.json() as Form;
}

async function auditCount(action: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_entries WHERE action = ${action}`.execute(
    server.database.db,
  );
  return rows[0]?.n ?? 0;
}

/** What POL reports in the second half of 2022: its own activity and one of a partner's indicators. */
function goodContent(): Content {
  return {
    activities: [
      {
        activity: 'A5.2.3',
        status: 'ongoing',
        spent: [{ source: 'donor', amount: 2500.5 }],
        narrative: 'Interview room furnished; first interviews held in November.',
      },
      { activity: 'A4.1.3', status: 'ongoing' },
    ],
    indicatorValues: [
      {
        indicator: 'A1.3.2-I1',
        value: 9,
        breakdown: [
          { dimension: 'sex', category: 'female', value: 4 },
          { dimension: 'sex', category: 'male', value: 5 },
        ],
      },
    ],
  };
}

describe('a focal point’s reports', () => {
  it('lists the reports of the focal point’s institution on their home page, with their place on the board', async () => {
    const response = await focalPoint.request('GET', '/api/participants/DL/my-reports');
    expect(response.statusCode).toBe(200);
    const { reports } = response.json() as {
      reports: { plan: { id: string }; round: string; institution: { id: string }; board: string }[];
    };
    expect(reports[0]).toMatchObject({ plan: { id: 'AP-2021-2022' }, round: '2022-H2', institution: { id: 'POL' }, board: 'overdue' });
    expect(reports.map((report) => report.round)).toEqual(['2022-H2', '2022-H1', '2021-H2', '2021-H1']);
    const coordinators = await coordinator.request('GET', '/api/participants/DL/my-reports');
    expect((coordinators.json() as { reports: unknown[] }).reports).toEqual([]);
  });

  it('gives the form of the report: the activities and indicators it owes, prefilled from the last round', async () => {
    const current = await form();
    expect(current).toMatchObject({ status: 'draft', board: 'overdue', editable: true });
    expect(current.activities.filter((activity) => activity.lead).map((activity) => activity.id)).toEqual(['A5.2.3']);
    expect(current.content.activities.find((entry) => entry.activity === 'A5.2.3')?.status).toBe('ongoing');
    expect(current.indicators.find((indicator) => indicator.id === 'A4.1.3-I1')).toMatchObject({ required: false, previousValue: 3 });
    expect(current.indicators.find((indicator) => indicator.id === 'A1.3.2-I1')?.categories).toEqual({ sex: ['female', 'male'] });
  });

  it('shows the form read-only to those who read reports, and to no one else', async () => {
    expect((await form(rapporteur)).editable).toBe(false);
    expect((await observer.request('GET', `${REPORT}/form`)).statusCode).toBe(403);
    expect((await focalPoint.request('GET', `${PLAN}/rounds/2022-H2/reports/NATC/form`)).statusCode).toBe(403);
    expect(
      (await focalPoint.request('PUT', `${PLAN}/rounds/2022-H2/reports/NATC/content`, { version: 1, content: goodContent() })).statusCode,
    ).toBe(403);
  });
});

describe('saving and submitting', () => {
  it('refuses breakdowns that do not add up and saves nothing', async () => {
    const before = await form();
    const content = goodContent();
    content.indicatorValues[0]!.breakdown![1]!.value = 6;
    const response = await focalPoint.request('PUT', `${REPORT}/content`, { version: before.version, content });
    expect(response.statusCode).toBe(400);
    const body = response.json() as ErrorBody;
    expect(body.error.issues).toEqual([
      { path: 'indicators[A1.3.2-I1].breakdown.sex', message: 'The parts by sex add up to 10, but the total is 9.' },
    ]);
    const after = await form();
    expect(after.version).toBe(before.version);
    expect(after.content).toEqual(before.content);
  });

  it('saves a draft, raises its version and refuses a save made on an older one', async () => {
    const before = await form();
    const saved = await focalPoint.request('PUT', `${REPORT}/content`, { version: before.version, content: goodContent() });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ status: 'draft', version: before.version + 1, unchanged: false, flags: [] });
    const after = await form();
    expect(after.board).toBe('overdue');
    expect(after.content).toEqual(goodContent());

    const stale = await focalPoint.request('PUT', `${REPORT}/content`, { version: before.version, content: goodContent() });
    expect(stale.statusCode).toBe(409);
    expect((stale.json() as ErrorBody).error.code).toBe('REPORT_CHANGED');
    expect(await auditCount('report.saved')).toBe(1);
  });

  it('asks on submitting for the status of every led activity and the confirmation of unusual values', async () => {
    const current = await form();
    const missing = await focalPoint.request('POST', `${REPORT}/submit`, {
      version: current.version,
      content: { ...goodContent(), activities: goodContent().activities.filter((entry) => entry.activity !== 'A5.2.3') },
    });
    expect(missing.statusCode).toBe(400);
    expect((missing.json() as ErrorBody).error.issues?.map((issue) => issue.path)).toEqual(['activities[A5.2.3].status']);

    const unusual: Content = {
      ...goodContent(),
      indicatorValues: [...goodContent().indicatorValues, { indicator: 'A4.1.3-I1', value: 50 }],
    };
    const unconfirmed = await focalPoint.request('POST', `${REPORT}/submit`, { version: current.version, content: unusual });
    expect(unconfirmed.statusCode).toBe(409);
    const refusal = (unconfirmed.json() as ErrorBody).error;
    expect(refusal.code).toBe('REPORT_UNCONFIRMED');
    expect(refusal.issues).toEqual([
      { path: 'indicators[A4.1.3-I1].value', message: '50 is far from the last round’s value (3). Is that right?' },
    ]);
    expect((await form()).status).toBe('draft');

    const submitted = await focalPoint.request('POST', `${REPORT}/submit`, {
      version: current.version,
      content: unusual,
      confirmedFlags: ['A4.1.3-I1:value:report_flag_far_from_last'],
    });
    expect(submitted.statusCode).toBe(200);
    const receipt = submitted.json() as Saved & {
      submittedOn: string;
      receipt: { submittedAt: string; submittedBy: string; activities: number; indicatorValues: number };
    };
    expect(receipt).toMatchObject({ status: 'submitted', version: current.version + 1 });
    expect(receipt.receipt).toMatchObject({ activities: 2, indicatorValues: 2, submittedBy: expect.any(String) });
    expect(Date.parse(receipt.receipt.submittedAt)).toBeGreaterThan(Date.now() - 60_000);
    const after = await form();
    expect(after).toMatchObject({ status: 'submitted', board: 'submitted', editable: false });
    expect(await auditCount('report.submitted')).toBe(1);
  });

  it('keeps a submitted report read-only to the focal point until it is returned', async () => {
    const current = await form();
    const locked = await focalPoint.request('PUT', `${REPORT}/content`, { version: current.version, content: goodContent() });
    expect(locked.statusCode).toBe(409);
    expect((locked.json() as ErrorBody).error.code).toBe('REPORT_LOCKED');
    const link = await focalPoint.request('POST', `${REPORT}/evidence/links`, { url: 'https://example.org/report' });
    expect((link.json() as ErrorBody).error.code).toBe('REPORT_LOCKED');

    const returned = await coordinator.request('POST', `${REPORT}/return`, {
      version: current.version,
      comments: [{ target: 'A4.1.3-I1', text: 'Fifty workstations? Please check the count.' }],
    });
    expect(returned.statusCode).toBe(200);
    const reopened = await form();
    expect(reopened).toMatchObject({ status: 'returned', editable: true });

    const resubmitted = await focalPoint.request('POST', `${REPORT}/submit`, { version: reopened.version, content: goodContent() });
    expect(resubmitted.statusCode).toBe(200);
    const accepted = await coordinator.request('POST', `${REPORT}/accept`, { version: (resubmitted.json() as Saved).version });
    expect(accepted.statusCode).toBe(200);

    const exported = (await coordinator.request('GET', '/api/participants/DL/strategies/NS-2021-2024/package')).json() as PlanPackage;
    const report = exported.monitoring?.rounds
      .find((round) => round.id === '2022-H2')
      ?.reports.find((entry) => entry.institution === 'POL');
    expect(report).toMatchObject({
      status: 'accepted',
      activities: goodContent().activities,
      indicatorValues: goodContent().indicatorValues,
    });
  });
});

describe('evidence', () => {
  const NATC = `${PLAN}/rounds/2022-H2/reports/NATC`;
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');

  it('takes links and files checked by their content, on the coordinator’s behalf too, and gives the files back', async () => {
    const badLink = await coordinator.request('POST', `${NATC}/evidence/links`, { url: 'javascript:alert(1)' });
    expect(badLink.statusCode).toBe(400);
    const link = await coordinator.request('POST', `${NATC}/evidence/links`, {
      url: 'https://example.org/minutes',
      label: 'Minutes',
      target: 'A1.1.1',
    });
    expect(link.statusCode).toBe(201);

    const file = await coordinator.request('POST', `${NATC}/evidence/files?name=${encodeURIComponent('attendance list.pdf')}`, PDF, {
      'content-type': 'application/octet-stream',
    });
    expect(file.statusCode).toBe(201);
    const { id } = file.json() as { id: number };
    const download = await rapporteur.request('GET', `${NATC}/evidence/${id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(PDF)).toBe(true);

    const text = await coordinator.request(
      'POST',
      `${NATC}/evidence/files?name=notes.pdf`,
      Buffer.from('just some text pretending to be a PDF'),
      {
        'content-type': 'application/octet-stream',
      },
    );
    expect(text.statusCode).toBe(415);
    const huge = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    const tooLarge = await coordinator.request('POST', `${NATC}/evidence/files?name=big.pdf`, huge, {
      'content-type': 'application/octet-stream',
    });
    expect(tooLarge.statusCode).toBe(413);

    const listed = (await coordinator.request('GET', `${NATC}/form`)).json() as Form;
    expect(listed.evidence.map((evidence) => [evidence.kind, evidence.label, evidence.url ?? evidence.fileName])).toEqual([
      ['link', 'Minutes', 'https://example.org/minutes'],
      ['file', '', 'attendance list.pdf'],
    ]);
    const removed = await coordinator.request('DELETE', `${NATC}/evidence/${id}`);
    expect(removed.statusCode).toBe(204);
    expect(((await coordinator.request('GET', `${NATC}/form`)).json() as Form).evidence).toHaveLength(1);
    expect(await auditCount('report.evidence_added')).toBe(2);
    expect(await auditCount('report.evidence_removed')).toBe(1);
  });
});
