import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorBody, mockApi, sessionFor, type RecordedRequest } from '../test/fetch-mock.ts';
import { renderSignedIn } from '../test/signed-in.tsx';
import { DocumentsPage, type DocumentRun } from './DocumentsPage.tsx';

const PLAN = '/api/participants/DL/action-plans/AP-2021-2022';
const DOCUMENTS = '/api/participants/DL/documents';

const DONE: DocumentRun = {
  id: 3,
  kind: 'implementation_report',
  plan: 'AP-2021-2022',
  scope: '2021',
  language: 'sr-Cyrl',
  format: 'pdf',
  status: 'done',
  progress: 100,
  error: null,
  fileName: 'DL-AP-2021-2022-implementation-report-2021-sr-Cyrl.pdf',
  sizeBytes: 204800,
  createdBy: 'Mira Kovač',
  createdAt: '2026-03-02T09:15:00Z',
  finishedAt: '2026-03-02T09:15:04Z',
};

const FINANCIAL: DocumentRun = {
  ...DONE,
  id: 4,
  kind: 'financial_plan',
  scope: null,
  language: 'en',
  format: 'docx',
  fileName: 'DL-AP-2021-2022-financial-plan-en.docx',
  sizeBytes: 51200,
};

afterEach(() => {
  vi.unstubAllGlobals();
});

function routes(role: 'coordinator' | 'observer', extra: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET /api/session': { status: 200, body: sessionFor([{ role }]) },
    [`GET ${PLAN}/report-scopes`]: { status: 200, body: { rounds: ['2021-H1', '2021-H2'], years: [2021, 2022] } },
    [`GET ${PLAN}/report-texts/whole`]: { status: 200, body: { introduction: '', conclusions: '', version: 0, updatedAt: null } },
    [`GET ${PLAN}/report-texts/2022`]: {
      status: 200,
      body: { introduction: 'The year in brief.', conclusions: '', version: 2, updatedAt: '2026-03-01T10:00:00Z' },
    },
    [`GET ${DOCUMENTS}`]: { status: 200, body: { runs: [DONE, FINANCIAL] } },
    ...extra,
  });
}

async function show(role: 'coordinator' | 'observer', extra: Parameters<typeof mockApi>[0] = {}): Promise<RecordedRequest[]> {
  const requests = routes(role, extra);
  await renderSignedIn(<DocumentsPage />, { path: '/plans/AP-2021-2022/documents', route: '/plans/:planId/documents' });
  await screen.findByRole('combobox', { name: 'Period covered' });
  return requests;
}

describe('DocumentsPage', () => {
  it('offers the rounds and years of the plan, the seven languages and both formats', async () => {
    await show('coordinator');
    expect(
      within(screen.getByRole('combobox', { name: 'Document' }))
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Implementation report', 'Strategy and action plan', 'Plan review', 'Financial plan']);
    const scope = screen.getByRole('combobox', { name: 'Period covered' });
    expect(
      within(scope)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Whole action plan', 'Year 2021', 'Year 2022', 'Monitoring round 2021-H1', 'Monitoring round 2021-H2']);
    expect(within(screen.getByRole('combobox', { name: 'Language' })).getAllByRole('option')).toHaveLength(7);
    expect(
      within(screen.getByRole('combobox', { name: 'Format' }))
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Word (.docx)', 'PDF']);
  });

  it('saves the introduction and conclusions of the chosen period with their version', async () => {
    const requests = await show('coordinator', {
      [`PUT ${PLAN}/report-texts/2022`]: (request) => ({
        status: 200,
        body: { ...(request.body as object), version: 3, updatedAt: '2026-03-02T10:00:00Z' },
      }),
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Period covered' }), { target: { value: '2022' } });
    const introduction = await screen.findByDisplayValue('The year in brief.');
    fireEvent.change(introduction, { target: { value: 'The year in brief, revised.' } });
    fireEvent.change(screen.getByLabelText('Conclusions'), { target: { value: 'All in all, progress.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save texts' }));
    expect(await screen.findByText('Texts saved.')).toBeTruthy();
    const put = requests.find((request) => request.method === 'PUT');
    expect(put?.body).toEqual({ introduction: 'The year in brief, revised.', conclusions: 'All in all, progress.', version: 2 });
  });

  it('shows a conflict when someone else saved the texts in the meantime', async () => {
    await show('coordinator', {
      [`PUT ${PLAN}/report-texts/whole`]: { status: 409, body: errorBody('CONFLICT', 'Someone else has changed this in the meantime.') },
    });
    fireEvent.change(await screen.findByLabelText('Introduction'), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save texts' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Someone else has changed this');
  });

  it('generates the report with a progress bar, then offers it for download', async () => {
    let polls = 0;
    const requests = await show('coordinator', {
      [`POST ${DOCUMENTS}`]: { status: 202, body: { id: 7 } },
      [`GET ${DOCUMENTS}/7`]: () => {
        polls += 1;
        return {
          status: 200,
          body: {
            ...DONE,
            id: 7,
            scope: 'whole',
            language: 'en',
            format: 'docx',
            ...(polls < 2 ? { status: 'running', progress: 45 } : {}),
          },
        };
      },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), { target: { value: 'mk' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Format' }), { target: { value: 'pdf' } });
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    const bar = await screen.findByRole('progressbar', { name: 'Progress' });
    expect(requests.find((request) => request.method === 'POST')?.body).toEqual({
      kind: 'implementation_report',
      plan: 'AP-2021-2022',
      scope: 'whole',
      language: 'mk',
      format: 'pdf',
    });
    await waitFor(() => expect(bar.getAttribute('value')).toBe('45'), { timeout: 3000 });
    expect(screen.getByText('Generating: 45 %')).toBeTruthy();
    const link = await screen.findByRole('link', { name: 'Download the document' }, { timeout: 4000 });
    expect(link.getAttribute('href')).toBe(`${DOCUMENTS}/7/file`);
    expect(screen.getByText('The document is ready.')).toBeTruthy();
  });

  it('generates a document of the whole plan without a period or texts', async () => {
    const requests = await show('coordinator', {
      [`POST ${DOCUMENTS}`]: { status: 202, body: { id: 8 } },
      [`GET ${DOCUMENTS}/8`]: { status: 200, body: { ...FINANCIAL, id: 8, kind: 'plan', language: 'sr-Cyrl', format: 'pdf' } },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Document' }), { target: { value: 'plan' } });
    expect(screen.queryByRole('combobox', { name: 'Period covered' })).toBeNull();
    expect(screen.queryByLabelText('Introduction')).toBeNull();
    expect(screen.getByText('This document covers the whole action plan.')).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), { target: { value: 'sr-Cyrl' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Format' }), { target: { value: 'pdf' } });
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    await screen.findByRole('progressbar', { name: 'Progress' });
    expect(requests.find((request) => request.method === 'POST')?.body).toEqual({
      kind: 'plan',
      plan: 'AP-2021-2022',
      language: 'sr-Cyrl',
      format: 'pdf',
    });
    const link = await screen.findByRole('link', { name: 'Download the document' }, { timeout: 4000 });
    expect(link.getAttribute('href')).toBe(`${DOCUMENTS}/8/file`);
  });

  it('lists what was generated, when and by whom', async () => {
    await show('observer');
    const table = await screen.findByRole('table', { name: 'Generated documents' });
    const cells = within(table)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells).toContain('Mira Kovač');
    expect(cells).toContain('Year 2021');
    expect(cells).toContain('Српски (ћирилица)');
    expect(cells).toContain('PDF');
    expect(cells).toContain('200 KB');
    expect(cells).toContain('Implementation report AP-2021-2022');
    expect(cells).toContain('Financial plan AP-2021-2022');
    expect(
      within(table)
        .getAllByRole('link', { name: 'Download' })
        .map((link) => link.getAttribute('href')),
    ).toEqual([`${DOCUMENTS}/3/file`, `${DOCUMENTS}/4/file`]);
    const financial = within(table).getAllByRole('row')[2];
    expect(
      within(financial ?? table)
        .getAllByRole('cell')
        .map((cell) => cell.textContent)[3],
    ).toBe('–');
  });

  it('shows the texts read-only and no Generate button to those who may not change or generate', async () => {
    await show('observer');
    expect((await screen.findByLabelText('Introduction')).hasAttribute('readonly')).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save texts' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Generate' })).toBeNull();
  });
});
