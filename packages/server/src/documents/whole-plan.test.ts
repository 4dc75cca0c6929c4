import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { financialPlanDocument, planActivities, planDocument, planReviewDocument, translator, type Language } from '@ariadne/domain';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActionPlan } from '../commands/loadActionPlan.ts';
import { demoEmail, signInAs, startTestServer, type Client, type TestServer } from '../testing.ts';
import { documentFormatters } from './content.ts';
import { renderSnapshotHtml, snapshotOf } from './snapshot.ts';

// The documents of an action plan as a whole, generated through the API in Word (and in PDF where
// Chromium is installed), read back and checked against the figures of the measures, in English
// and in Serbian Cyrillic.

let server: TestServer;
let coordinator: Client;
let focalPoint: Client;
let donor: Client;

const DOCUMENTS = '/api/participants/DL/documents';
const PLAN = 'AP-2021-2022';
const chromium = existsSync(process.env.ARIADNE_CHROMIUM ?? '/usr/bin/chromium');
const pdftotext = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].some((path) => existsSync(path));

type Run = { id: number; kind: string; status: string; scope: string | null; error: string | null; fileName: string | null };

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signInAs(server.app, demoEmail('coordinator'));
  focalPoint = await signInAs(server.app, demoEmail('focal_point'));
  donor = await signInAs(server.app, demoEmail('donor'));
});
afterAll(async () => server?.close());

async function generate(body: Record<string, unknown>): Promise<Run> {
  const started = await coordinator.request('POST', DOCUMENTS, { plan: PLAN, ...body });
  expect(started.statusCode).toBe(202);
  const { id } = started.json() as { id: number };
  const deadline = Date.now() + 90_000;
  for (;;) {
    const run = (await coordinator.request('GET', `${DOCUMENTS}/${id}`)).json() as Run;
    if (run.status === 'done' || run.status === 'failed') return run;
    if (Date.now() > deadline) throw new Error(`run ${id} still ${run.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs of spaces (the non-breaking ones of formatted money included) as one space, so that texts compare. */
function flat(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ');
}

/** The text of a Word file: its paragraphs' runs, XML entities read. */
async function docxText(payload: Buffer): Promise<string> {
  const xml = (await (await JSZip.loadAsync(payload)).file('word/document.xml')?.async('string')) ?? '';
  const text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<\/w:p>/g)]
    .map((match) => (match[1] === undefined ? '\n' : match[1]))
    .join('')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
  return flat(text);
}

/** The text of a PDF, as pdftotext reads it. */
function pdfText(payload: Buffer): string {
  const folder = mkdtempSync(join(tmpdir(), 'ariadne-pdf-'));
  try {
    const file = join(folder, 'document.pdf');
    writeFileSync(file, payload);
    return flat(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function fileOf(run: Run): Promise<Buffer> {
  const response = await coordinator.request('GET', `${DOCUMENTS}/${run.id}/file`);
  expect(response.statusCode).toBe(200);
  return response.rawPayload;
}

/** What each document must say in a language: headings and figures, from the measures themselves. */
async function expectations(kind: 'plan' | 'plan_review' | 'financial_plan', language: Language): Promise<string[]> {
  const loaded = await loadActionPlan(server.database, 'DL', PLAN);
  const t = translator(language);
  const f = documentFormatters(language, loaded.plan.participant.currency);
  if (kind === 'plan') {
    const content = planDocument(loaded.plan, loaded.planId, loaded.address);
    const first = planActivities(content)[0];
    return [
      t('app.documents.plan.title'),
      t('app.documents.plan.strategy'),
      t('app.documents.plan.actionPlan'),
      t('app.editor.strategy.fields.contingency'),
      t('app.insight.finance.resourcePlan.title'),
      f.money(content.resourcePlan.total),
      ...content.resourcePlan.years.map((year) => f.money(content.resourcePlan.byYear[String(year)] ?? 0)),
      first?.id ?? 'no activity',
      f.money(first?.cost ?? -1),
      content.plan.title,
    ];
  }
  if (kind === 'plan_review') {
    const content = planReviewDocument(loaded.plan, loaded.planId, loaded.address);
    const finding = content.findings[0];
    return [
      t('app.documents.kinds.plan_review'),
      t('app.documents.planReview.findings'),
      t('app.severity.warning'),
      finding ? finding.rule : 'no finding',
      finding?.subject ?? '',
      // The first words of the first message, short enough not to be split across lines.
      finding ? t(finding.message.key, finding.message.params).split(' ').slice(0, 3).join(' ') : '',
    ].filter((text) => text !== '');
  }
  const content = financialPlanDocument(loaded.plan, loaded.planId, loaded.address);
  return [
    t('app.documents.kinds.financial_plan'),
    t('app.documents.financial.totals'),
    t('app.insight.finance.donor.title'),
    f.money(content.finance.total),
    f.money(content.finance.byStatus.secured),
    f.money(content.finance.byStatus.pledged),
    f.money(content.finance.byStatus.unfunded),
    ...content.bySourceAndYear.filter((row) => row.total > 0).map((row) => f.money(row.total)),
    f.money(content.donorView.totalUnfunded),
  ];
}

describe('the documents of the whole plan in Word', () => {
  for (const kind of ['plan', 'plan_review', 'financial_plan'] as const) {
    for (const language of ['en', 'sr-Cyrl'] as const) {
      it(`writes the ${kind} in ${language} with its headings and figures`, async () => {
        const run = await generate({ kind, language, format: 'docx' });
        expect(run).toMatchObject({ status: 'done', kind, scope: null, error: null });
        expect(run.fileName).toBe(`DL-${PLAN}-${kind.replace('_', '-')}-${language}.docx`);
        const payload = await fileOf(run);
        const zip = await JSZip.loadAsync(payload);
        expect(Object.keys(zip.files).some((name) => name.startsWith('word/footer'))).toBe(true);
        const text = await docxText(payload);
        for (const expected of await expectations(kind, language)) expect(text).toContain(flat(expected));
        expect(text).not.toMatch(/\bapp\.[a-z]+\.[a-zA-Z.]+/);
        if (kind !== 'plan_review') expect(Object.keys(zip.files).some((name) => name.startsWith('word/media/'))).toBe(true);
      }, 60_000);
    }
  }

  it('keeps the snapshot of what a document was made from, drawn again in any language', async () => {
    const run = await generate({ kind: 'financial_plan', language: 'en', format: 'docx' });
    const snapshot = await snapshotOf(server.database, run.id);
    const loaded = await loadActionPlan(server.database, 'DL', PLAN);
    expect(snapshot).toMatchObject({ format: 'ariadne.document-snapshot', version: 1, kind: 'financial_plan' });
    expect(snapshot?.content).toEqual(financialPlanDocument(loaded.plan, loaded.planId, loaded.address));
    const html = renderSnapshotHtml(snapshot ?? assertNever(), 'mk');
    expect(html).toContain(translator('mk')('app.documents.financial.totals'));
    expect(html).not.toMatch(/<script|<html|<style/i);
  });

  it('keeps the implementation report as a snapshot with its texts, re-drawn as a page', async () => {
    await coordinator.request('PUT', `/api/participants/DL/action-plans/${PLAN}/report-texts/2021`, {
      introduction: 'Words of the coordinator <b>as typed</b>.',
      conclusions: '',
      version: 0,
    });
    const run = await generate({ kind: 'implementation_report', scope: '2021', language: 'en', format: 'docx' });
    expect(run.status).toBe('done');
    const snapshot = await snapshotOf(server.database, run.id);
    expect(snapshot?.kind).toBe('implementation_report');
    if (snapshot?.kind !== 'implementation_report') throw new Error('no snapshot');
    expect(snapshot.texts.introduction).toBe('Words of the coordinator <b>as typed</b>.');
    expect(snapshot.content.scope.text).toBe('2021');
    const html = renderSnapshotHtml(snapshot, 'sr-Cyrl');
    expect(html).toContain('Резиме');
    expect(html).toContain('Words of the coordinator &#60;b&#62;as typed&#60;/b&#62;.');
    expect(html).not.toMatch(/<script|<html|<style|<body/i);
    expect(await snapshotOf(server.database, 999_999)).toBeNull();
  });

  it('shows the kind in the history, and lets only those who see finance download the financial plan', async () => {
    const { runs } = (await coordinator.request('GET', DOCUMENTS)).json() as { runs: Run[] };
    expect(new Set(runs.map((run) => run.kind))).toEqual(new Set(['plan', 'plan_review', 'financial_plan', 'implementation_report']));
    const financial = runs.find((run) => run.kind === 'financial_plan');
    const plan = runs.find((run) => run.kind === 'plan');
    expect((await donor.request('GET', `${DOCUMENTS}/${financial?.id ?? 0}/file`)).statusCode).toBe(200);
    expect((await focalPoint.request('GET', `${DOCUMENTS}/${financial?.id ?? 0}/file`)).statusCode).toBe(403);
    expect((await focalPoint.request('GET', `${DOCUMENTS}/${plan?.id ?? 0}/file`)).statusCode).toBe(200);
  });

  it('refuses a scope for a document of the whole plan, an unknown kind, and those who may not generate', async () => {
    const body = { plan: PLAN, language: 'en', format: 'docx' };
    expect((await coordinator.request('POST', DOCUMENTS, { ...body, kind: 'plan', scope: '2022' })).statusCode).toBe(400);
    expect((await coordinator.request('POST', DOCUMENTS, { ...body, kind: 'brochure' })).statusCode).toBe(400);
    expect((await coordinator.request('POST', DOCUMENTS, { ...body, kind: 'implementation_report' })).statusCode).toBe(400);
    expect((await coordinator.request('POST', DOCUMENTS, { ...body, kind: 'plan', plan: 'AP-1999' })).statusCode).toBe(404);
    expect((await donor.request('POST', DOCUMENTS, { ...body, kind: 'financial_plan' })).statusCode).toBe(403);
  });
});

describe.skipIf(!chromium || !pdftotext)('the documents of the whole plan in PDF (where Chromium and pdftotext are installed)', () => {
  for (const kind of ['plan', 'plan_review', 'financial_plan'] as const) {
    for (const language of ['en', 'sr-Cyrl'] as const) {
      it(`prints the ${kind} in ${language} with its headings and figures`, async () => {
        const run = await generate({ kind, language, format: 'pdf' });
        expect(run).toMatchObject({ status: 'done', kind });
        const payload = await fileOf(run);
        expect(payload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        const text = pdfText(payload);
        for (const expected of await expectations(kind, language)) expect(text).toContain(flat(expected));
      }, 90_000);
    }
  }
});

function assertNever(): never {
  throw new Error('no snapshot');
}
