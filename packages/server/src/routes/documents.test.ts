import { existsSync } from 'node:fs';
import { implementationReport, parseReportScope, reportActivities } from '@ariadne/domain';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../commands/createUser.ts';
import { loadActionPlan } from '../commands/loadActionPlan.ts';
import { prepareReport, summaryFigures } from '../documents/content.ts';
import { demoEmail, signInAs, type Client, type TestServer, startTestServer } from '../testing.ts';

let server: TestServer;
let coordinator: Client;
let focalPoint: Client;
let observer: Client;
let westmark: Client;

const DOCUMENTS = '/api/participants/DL/documents';
const PLAN = '/api/participants/DL/action-plans/AP-2021-2022';
const TEXTS = `${PLAN}/report-texts/2022`;

type Run = {
  id: number;
  status: string;
  progress: number;
  error: string | null;
  format: string;
  scope: string | null;
  language: string;
  createdBy: string | null;
  sizeBytes: number | null;
  fileName: string | null;
};

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signInAs(server.app, demoEmail('coordinator'));
  focalPoint = await signInAs(server.app, demoEmail('focal_point'));
  observer = await signInAs(server.app, demoEmail('observer'));
  const password = 'westmark coordination passphrase';
  await createUser(server.database, {
    participant: 'WM',
    email: 'coordinator@westmark.example',
    role: 'coordinator',
    password,
    actor: { system: 'test' },
  });
  westmark = await signInAs(server.app, 'coordinator@westmark.example', password);
});
afterAll(async () => server?.close());

async function auditCount(action: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_entries WHERE action = ${action}`.execute(
    server.database.db,
  );
  return rows[0]?.n ?? 0;
}

/** Starts a run and waits for it to end. */
async function generate(body: Record<string, unknown>): Promise<Run> {
  const started = await coordinator.request('POST', DOCUMENTS, { kind: 'implementation_report', plan: 'AP-2021-2022', ...body });
  expect(started.statusCode).toBe(202);
  const { id } = started.json() as { id: number };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await observer.request('GET', `${DOCUMENTS}/${id}`);
    expect(response.statusCode).toBe(200);
    const run = response.json() as Run;
    if (run.status === 'done' || run.status === 'failed') return run;
    if (Date.now() > deadline) throw new Error(`run ${id} still ${run.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the introduction and conclusions of a report', () => {
  it('are empty at first, saved with their version, and refuse a save made on an older version', async () => {
    const empty = await observer.request('GET', TEXTS);
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toMatchObject({ introduction: '', conclusions: '', version: 0 });

    const before = await auditCount('plan.report_texts_changed');
    const saved = await coordinator.request('PUT', TEXTS, {
      introduction: 'In 2022 the Government of Demoland continued the work.\n\nSecond paragraph.',
      conclusions: 'Closing words of the report.',
      version: 0,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1 });
    expect(await auditCount('plan.report_texts_changed')).toBe(before + 1);

    const stale = await coordinator.request('PUT', TEXTS, { introduction: 'x', conclusions: '', version: 0 });
    expect(stale.statusCode).toBe(409);
    expect((await observer.request('GET', TEXTS)).json()).toMatchObject({ version: 1, conclusions: 'Closing words of the report.' });
  });

  it('are changed only by those who may edit plans', async () => {
    expect((await observer.request('PUT', TEXTS, { introduction: 'x', conclusions: '', version: 1 })).statusCode).toBe(403);
    expect((await focalPoint.request('PUT', TEXTS, { introduction: 'x', conclusions: '', version: 1 })).statusCode).toBe(403);
  });
});

describe('generating the implementation report', () => {
  it('lists the scopes of a plan', async () => {
    const response = await observer.request('GET', `${PLAN}/report-scopes`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ rounds: ['2021-H1', '2021-H2', '2022-H1'], years: [2021, 2022] });
  });

  it('makes a Word file holding every activity and the figures of the measures', async () => {
    const before = await auditCount('plan.document_generated');
    const run = await generate({ scope: '2022', language: 'en', format: 'docx' });
    expect(run).toMatchObject({ status: 'done', progress: 100, error: null, format: 'docx', scope: '2022' });
    expect(await auditCount('plan.document_generated')).toBe(before + 1);

    const file = await coordinator.request('GET', `${DOCUMENTS}/${run.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('wordprocessingml');
    expect(file.headers['content-disposition']).toContain('DL-AP-2021-2022-implementation-report-2022-en.docx');
    const zip = await JSZip.loadAsync(file.rawPayload);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const footer = Object.keys(zip.files).filter((name) => name.startsWith('word/footer'));
    expect(footer.length).toBeGreaterThan(0);
    expect(Object.keys(zip.files).some((name) => name.startsWith('word/media/'))).toBe(true);

    // The figures the document must show, from the measures themselves.
    const loaded = await loadActionPlan(server.database, 'DL', 'AP-2021-2022');
    const report = implementationReport(loaded.plan, loaded.planId, parseReportScope('2022'), loaded.address);
    const prepared = prepareReport({
      report,
      texts: { introduction: '', conclusions: '' },
      language: 'en',
      logo: null,
      generatedAt: new Date().toISOString(),
    });
    const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    for (const figure of summaryFigures(prepared)) expect(xml).toContain(escape(figure.value));
    for (const activity of reportActivities(report)) {
      expect(xml).toContain(`>${activity.id}<`);
      expect(xml).toContain(escape(prepared.money(activity.planned)));
      expect(xml).toContain(escape(prepared.money(activity.spent)));
    }
    expect(xml).toContain('In 2022 the Government of Demoland continued the work.');
    expect(xml).toContain('Closing words of the report.');
    expect(xml).toContain('REC-08');
  });

  it('writes the document in the language asked for, Cyrillic included', async () => {
    const run = await generate({ scope: 'whole', language: 'sr-Cyrl', format: 'docx' });
    expect(run.status).toBe('done');
    const file = await coordinator.request('GET', `${DOCUMENTS}/${run.id}/file`);
    const xml = (await (await JSZip.loadAsync(file.rawPayload)).file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('Извештај о спровођењу');
  });

  it.skipIf(!existsSync(process.env.ARIADNE_CHROMIUM ?? '/usr/bin/chromium'))(
    'prints the PDF with Chromium (skipped where Chromium is not installed)',
    async () => {
      const run = await generate({ scope: '2021-H2', language: 'mk', format: 'pdf' });
      expect(run).toMatchObject({ status: 'done', format: 'pdf' });
      const file = await coordinator.request('GET', `${DOCUMENTS}/${run.id}/file`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(file.rawPayload.length).toBeGreaterThan(20_000);
    },
    60_000,
  );

  it('keeps the history of what was generated, when and by whom', async () => {
    const response = await observer.request('GET', DOCUMENTS);
    expect(response.statusCode).toBe(200);
    const { runs } = response.json() as { runs: Run[] };
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.every((run) => run.createdBy === 'Mira Kovač')).toBe(true);
    const word = runs.find((run) => run.scope === '2022');
    expect(word).toMatchObject({ status: 'done', format: 'docx', language: 'en' });
    expect(word?.sizeBytes).toBeGreaterThan(1000);
  });

  it('refuses an unknown plan, a scope outside the plan, those who may not generate, strangers and the signed out', async () => {
    const body = { kind: 'implementation_report', plan: 'AP-2021-2022', scope: 'whole', language: 'en', format: 'docx' };
    expect((await coordinator.request('POST', DOCUMENTS, { ...body, plan: 'AP-1999' })).statusCode).toBe(404);
    expect((await coordinator.request('POST', DOCUMENTS, { ...body, scope: '2030' })).statusCode).toBe(404);
    expect((await coordinator.request('POST', DOCUMENTS, { ...body, scope: '2023-H1' })).statusCode).toBe(404);
    expect((await coordinator.request('POST', DOCUMENTS, { ...body, scope: ' whole' })).statusCode).toBe(400);
    expect((await coordinator.request('POST', DOCUMENTS, { ...body, format: 'odt' })).statusCode).toBe(400);
    expect((await focalPoint.request('POST', DOCUMENTS, body)).statusCode).toBe(403);
    expect((await westmark.request('POST', DOCUMENTS, body)).statusCode).toBe(404);
    expect((await westmark.request('GET', DOCUMENTS)).statusCode).toBe(404);
    expect((await server.app.inject({ method: 'GET', url: DOCUMENTS })).statusCode).toBe(401);
    expect((await coordinator.request('GET', `${PLAN}/report-texts/2030`)).statusCode).toBe(404);

    // Another Participant's runs are not found through its own address either.
    const { runs } = (await coordinator.request('GET', DOCUMENTS)).json() as { runs: Run[] };
    const first = runs[0];
    expect(first).toBeDefined();
    expect((await westmark.request('GET', `/api/participants/WM/documents/${first?.id ?? 0}`)).statusCode).toBe(404);
    expect((await westmark.request('GET', `/api/participants/WM/documents/${first?.id ?? 0}/file`)).statusCode).toBe(404);
  });
});
