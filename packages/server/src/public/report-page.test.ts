import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, signInAs, startTestServer, type Client, type TestServer } from '../testing.ts';

// A published implementation report on the portal: a page drawn in the reader's language from what
// the report was generated from, beside its PDF.

const chromium = existsSync(process.env.ARIADNE_CHROMIUM ?? '/usr/bin/chromium');

let server: TestServer;
let coordinator: Client;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signInAs(server.app, demoEmail('coordinator'));
});
afterAll(async () => server?.close());

const DOCUMENTS = '/api/participants/DL/documents';

/** Generates the report of the plan's year 2022 as PDF and returns its run once done. */
async function generateReport(): Promise<number> {
  const started = await coordinator.request('POST', DOCUMENTS, {
    kind: 'implementation_report',
    plan: 'AP-2021-2022',
    scope: '2022',
    language: 'en',
    format: 'pdf',
  });
  expect(started.statusCode).toBe(202);
  const { id } = started.json() as { id: number };
  const deadline = Date.now() + 90_000;
  for (;;) {
    const run = (await coordinator.request('GET', `${DOCUMENTS}/${id}`)).json() as { status: string; error: string | null };
    if (run.status === 'done') return id;
    if (run.status === 'failed') throw new Error(`the run failed: ${run.error ?? ''}`);
    if (Date.now() > deadline) throw new Error(`run ${id} still ${run.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(!chromium)('a published implementation report on the portal (where Chromium is installed)', () => {
  it('is a page in the reader’s language with its PDF beside it, and nothing before it is published', { timeout: 120_000 }, async () => {
    const run = await generateReport();
    expect((await server.app.inject({ method: 'GET', url: `/public/DL/reports/${run}` })).statusCode).toBe(404);

    const offered = (await coordinator.request('GET', '/api/participants/DL/publications')).json() as {
      reports: { documentRun: number; plan: string; scope: string; language: string }[];
    };
    expect(offered.reports).toContainEqual(
      expect.objectContaining({ documentRun: run, plan: 'AP-2021-2022', scope: '2022', language: 'en' }),
    );

    const published = await coordinator.request('POST', '/api/participants/DL/publications', {
      kind: 'implementation_report',
      documentRun: run,
    });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({
      publicPath: `/public/DL/reports/${run}`,
      title:
        'Implementation report: Action Plan 2021-2022 for the implementation of the National Strategy for Combating Trafficking in Human Beings, Year 2022',
    });

    const english = await server.app.inject({ method: 'GET', url: `/public/DL/reports/${run}` });
    expect(english.statusCode).toBe(200);
    expect(english.body).not.toContain('<script');
    expect(english.body).toContain(`href="/public/DL/reports/${run}.pdf"`);
    expect(english.body).toContain('<article class="generated-document" lang="en">');
    expect(english.body).toContain(
      '<h1>Implementation report: Action Plan 2021-2022 for the implementation of the National Strategy for Combating Trafficking in Human Beings, Year 2022</h1>',
    );
    for (const code of ['A1.1.1', 'A3.1.3']) expect(english.body).toContain(code);

    const macedonian = await server.app.inject({ method: 'GET', url: `/public/DL/reports/${run}?lang=mk` });
    expect(macedonian.body).toContain('<html lang="mk">');
    expect(macedonian.body).toContain('<article class="generated-document" lang="mk">');
    // The report's chapters are headed in Macedonian, its codes and the record's own texts as they are.
    expect(macedonian.body).toMatch(/<h[12][^>]*>[^<]*[А-Яа-яЃЌЉЊЏѓќљњџ]/);
    expect(macedonian.body).toContain('A3.1.3');

    const pdf = await server.app.inject({ method: 'GET', url: `/public/DL/reports/${run}.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const home = await server.app.inject({ method: 'GET', url: '/public/DL?lang=sq' });
    expect(home.body).toContain(`href="/public/DL/reports/${run}?lang=sq"`);
  });
});
