import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App.tsx';
import { ExcelDownloads } from '../components/ExcelDownloads.tsx';
import { SessionProvider, useSession } from '../session.tsx';
import { INSTITUTIONS, errorBody, mockApi, sessionFor, type RecordedRequest, type Reply } from '../test/fetch-mock.ts';
import { STRATEGIES } from '../test/plans.ts';
import { MAX_WORKBOOK_BYTES, choicesFrom, mappingFrom, yearInHeader, type ImportPreview, type WorkbookSheets } from './ExcelImportPage.tsx';

const EDITOR = sessionFor([{ role: 'editor' }]);
const PLAN = '/api/participants/DL/action-plans/AP-2023-2024';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['Code', 'Objective', 'Activity', 'Lead institution', 'Start', 'Cost'];

const SHEETS: WorkbookSheets = {
  upload: 'token-1',
  expiresInMinutes: 30,
  sheets: [
    {
      name: 'Plan',
      hidden: false,
      rowCount: 4,
      columnCount: 6,
      headerRow: 2,
      header: HEADER,
      sample: [
        ['Action plan 2025'],
        HEADER,
        ['A9.1', 'O1.1', 'Train inspectors', 'MOI', 'Q2 2025', '1000'],
        ['A9.2', 'O1.1', 'Hotline', 'Velmora Youth Club', 'someday', '500'],
      ],
      mapping: { code: 0, objective: 1, title: 2, lead: 3, start: 4, cost: 5 },
      // As the server guesses them for no header row and for each sample row.
      mappings: [{}, {}, { code: 0, objective: 1, title: 2, lead: 3, start: 4, cost: 5 }, {}, {}],
    },
  ],
};

const ACTIVITY_1 = {
  id: 'A9.1',
  objective: 'O1.1',
  title: 'Train inspectors',
  lead: 'MOI',
  start: '2025-04-01',
  costs: [{ year: 2025, amount: 1000, source: 'state_budget' as const, status: 'unfunded' as const }],
};
const ACTIVITY_2 = {
  id: 'A9.2',
  objective: 'O1.1',
  title: 'Hotline',
  lead: 'NGO-VYC',
  start: '2025-07-01',
  costs: [{ year: 2025, amount: 500, source: 'state_budget' as const, status: 'unfunded' as const }],
};

function preview(fixed: boolean, matched: boolean): ImportPreview {
  const issues = [
    ...(fixed
      ? []
      : [
          {
            field: 'start' as const,
            column: 'E',
            path: 'row 4, column E',
            message:
              'Expected a date (2025-03-31 or 31.03.2025), a month (2025-03), a quarter (Q2 2025), a half year (H1 2025) or a year (2025).',
          },
        ]),
    ...(matched
      ? []
      : [
          {
            field: 'lead' as const,
            column: 'D',
            path: 'row 4, column D',
            message:
              '“Velmora Youth Club” is not in the register of institutions: match it to an institution of the register, or create it.',
          },
        ]),
  ];
  return {
    sheet: 'Plan',
    rows: [
      {
        row: 3,
        values: { code: 'A9.1', objective: 'O1.1', title: 'Train inspectors', lead: 'MOI', start: 'Q2 2025', cost: '1000' },
        goal: 'G1',
        activity: ACTIVITY_1,
        issues: [],
      },
      {
        row: 4,
        values: {
          code: 'A9.2',
          objective: 'O1.1',
          title: 'Hotline',
          lead: 'Velmora Youth Club',
          start: fixed ? 'Q3 2025' : 'someday',
          cost: '500',
        },
        goal: issues.length === 0 ? 'G1' : null,
        activity: issues.length === 0 ? ACTIVITY_2 : null,
        issues,
      },
    ],
    unknownInstitutions: matched ? [] : [{ name: 'Velmora Youth Club', rows: [4], suggestions: [] }],
    newInstitutions: matched ? [{ id: 'NGO-VYC', name: 'Velmora Youth Club', type: 'ngo', level: 'local' }] : [],
    issues: [],
    summary: {
      rows: 2,
      skipped: 0,
      ready: issues.length === 0 ? 2 : 1,
      withErrors: issues.length === 0 ? 0 : 1,
      indicators: 0,
      costLines: issues.length === 0 ? 2 : 1,
      totalCost: issues.length === 0 ? 1500 : 1000,
      currency: 'EUR',
    },
  };
}

type PreviewBody = {
  fixes?: { row: number; field: string; value: unknown }[];
  institutionMatches?: Record<string, unknown>;
  mapping: unknown;
  headerRow: number;
  sheet: string;
  upload: string;
};

function routes(extra: Record<string, Reply | ((request: RecordedRequest) => Reply)> = {}) {
  return {
    'GET /api/session': { status: 200, body: EDITOR },
    'GET /api/participants/DL/strategies': { status: 200, body: STRATEGIES },
    'GET /api/participants/DL/institutions': { status: 200, body: { items: INSTITUTIONS } },
    [`POST ${PLAN}/excel-import/sheets`]: { status: 201, body: SHEETS },
    [`POST ${PLAN}/excel-import/preview`]: (request: RecordedRequest): Reply => {
      const body = request.body as PreviewBody;
      const fixed = (body.fixes ?? []).some((fix) => fix.row === 4 && fix.field === 'start');
      const matched = body.institutionMatches?.['Velmora Youth Club'] !== undefined;
      return { status: 200, body: preview(fixed, matched) };
    },
    [`POST ${PLAN}/excel-import/commit`]: { status: 201, body: { activities: ['A9.1', 'A9.2'], indicators: 0, institutions: ['NGO-VYC'] } },
    ...extra,
  };
}

async function openWizard() {
  render(
    <MemoryRouter initialEntries={['/plans/AP-2023-2024/import-excel']}>
      <App />
    </MemoryRouter>,
  );
  await screen.findByRole('heading', { level: 1, name: 'Import activities from Excel into Action Plan 2023-2024' });
  return screen.getByLabelText('Excel workbook (.xlsx)');
}

function choose(input: HTMLElement, size?: number): File {
  const file = new File(['PK fake workbook'], 'plan.xlsx', { type: '' });
  if (size !== undefined) Object.defineProperty(file, 'size', { value: size });
  fireEvent.change(input, { target: { files: [file] } });
  return file;
}

function posts(requests: RecordedRequest[], what: string) {
  return requests.filter((request) => request.method === 'POST' && request.path.endsWith(what));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The links of a plan once the session is read, as the plan page shows them. */
function Downloads() {
  const { state } = useSession();
  return state.status === 'signedIn' ? <ExcelDownloads planId="AP-2023-2024" editable /> : null;
}

describe('the mapping of columns', () => {
  it('goes from a mapping to choices per column and back', () => {
    const mapping = { code: 0, title: 2, start: 3, end: 3, costByYear: [{ column: 4, year: 2025 }] };
    const choices = choicesFrom(mapping, 6);
    expect(choices).toEqual(['code', '', 'title', 'period', 'year:2025', '']);
    expect(mappingFrom(choices)).toEqual(mapping);
    expect(yearInHeader('Cost 2026 (EUR)')).toBe(2026);
    expect(yearInHeader('Cost')).toBeNull();
  });
});

describe('importing activities from Excel', () => {
  it('goes from the file to the imported activities, correcting a cell and creating an institution on the way', async () => {
    const requests = mockApi(routes());
    const input = await openWizard();
    expect(screen.getByRole('navigation', { name: 'Steps of the import' }).querySelector('[aria-current="step"]')?.textContent).toContain(
      'File',
    );

    choose(input);
    fireEvent.click(screen.getByRole('button', { name: 'Upload and continue' }));

    // The sheet and the header row, guessed below the title.
    const sheetHeading = await screen.findByRole('heading', { name: 'Choose the sheet and the row of column names' });
    await waitFor(() => expect(document.activeElement).toBe(sheetHeading));
    const [upload] = posts(requests, '/excel-import/sheets');
    expect(upload?.headers['Content-Type']).toBe(XLSX);
    expect(upload?.headers['X-CSRF-Token']).toBe('csrf-token-1');
    expect((screen.getByLabelText('Plan (4 rows)') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Row with the column names') as HTMLSelectElement).value).toBe('2');
    expect(screen.getByRole('table', { name: 'The first rows of the sheet Plan' })).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));

    // The columns, with the guesses from their names.
    await screen.findByRole('heading', { name: 'Say what each column holds' });
    expect((screen.getByLabelText('Import column C (Activity) as') as HTMLSelectElement).value).toBe('title');
    expect((screen.getByLabelText('Import column D (Lead institution) as') as HTMLSelectElement).value).toBe('lead');
    fireEvent.change(screen.getByLabelText('Import column A (Code) as'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Import column A (Code) as'), { target: { value: 'code' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check the rows' }));

    // The preview: one row ready, one with two problems.
    await screen.findByRole('heading', { name: 'Check the rows' });
    const [first] = posts(requests, '/excel-import/preview');
    expect(first?.body).toEqual({
      upload: 'token-1',
      sheet: 'Plan',
      headerRow: 2,
      mapping: { code: 0, objective: 1, title: 2, lead: 3, start: 4, cost: 5 },
      institutionMatches: {},
      fixes: [],
      skipRows: [],
    });
    expect(screen.getByText(/^2 rows read: 1 ready to import, 1 with problems/)).toBeDefined();
    const importButton = screen.getByRole('button', { name: 'Import 1 activity' }) as HTMLButtonElement;
    expect(importButton.disabled).toBe(true);
    const table = screen.getByRole('table', { name: 'The rows of the sheet Plan as activities' });
    expect(within(table).getByText(/^Expected a date/)).toBeDefined();

    // Correct the start of row 4 in place.
    fireEvent.click(within(table).getByRole('button', { name: 'Correct Start in row 4' }));
    const field = within(table).getByLabelText('Correct Start in row 4') as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(field.value).toBe('someday');
    fireEvent.change(field, { target: { value: 'Q3 2025' } });
    fireEvent.click(within(table).getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(within(table).queryByText(/^Expected a date/)).toBeNull());
    expect((posts(requests, '/excel-import/preview')[1]?.body as PreviewBody).fixes).toEqual([
      { row: 4, field: 'start', value: 'Q3 2025' },
    ]);

    // Create the institution the register does not have.
    const unknown = screen.getByRole('region', { name: '1 institution is not in the register' });
    const group = within(unknown).getByRole('group', { name: /^Velmora Youth Club/ });
    fireEvent.click(within(group).getByLabelText('Add it to the register as a new institution'));
    expect((within(group).getByLabelText('Code') as HTMLInputElement).value).toBe('VYC');
    fireEvent.change(within(group).getByLabelText('Type'), { target: { value: 'ngo' } });
    fireEvent.change(within(group).getByLabelText('Level'), { target: { value: 'local' } });
    fireEvent.change(within(group).getByLabelText('Code'), { target: { value: 'NGO-VYC' } });
    fireEvent.click(within(unknown).getByRole('button', { name: 'Apply and check again' }));
    await screen.findByText('To add to the register when importing: Velmora Youth Club (NGO-VYC).');
    const third = posts(requests, '/excel-import/preview')[2]?.body as PreviewBody;
    expect(third.institutionMatches).toEqual({
      'Velmora Youth Club': { create: { id: 'NGO-VYC', name: 'Velmora Youth Club', type: 'ngo', level: 'local' } },
    });
    expect(third.fixes).toHaveLength(1);

    // Import.
    const ready = screen.getByRole('button', { name: 'Import 2 activities' }) as HTMLButtonElement;
    expect(ready.disabled).toBe(false);
    fireEvent.click(ready);
    await screen.findByRole('heading', { name: 'The activities have been imported' });
    expect(screen.getByText('2 activities and 0 indicators imported into Action Plan 2023-2024:')).toBeDefined();
    expect(screen.getByText('Added to the register of institutions: NGO-VYC.')).toBeDefined();
    expect(screen.getByRole('link', { name: 'Open the action plan' }).getAttribute('href')).toBe('/plans/AP-2023-2024');
    expect(posts(requests, '/excel-import/commit')[0]?.body).toEqual(third);
  });

  it('closes a correction with Escape, and leaves a row out', async () => {
    const requests = mockApi(routes());
    const input = await openWizard();
    choose(input);
    fireEvent.click(screen.getByRole('button', { name: 'Upload and continue' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Continue' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Check the rows' }));
    const table = await screen.findByRole('table', { name: 'The rows of the sheet Plan as activities' });

    fireEvent.click(within(table).getByRole('button', { name: 'Correct Start in row 4' }));
    fireEvent.keyDown(within(table).getByLabelText('Correct Start in row 4'), { key: 'Escape' });
    expect(within(table).queryByRole('textbox', { name: 'Correct Start in row 4' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(within(table).getByRole('button', { name: 'Correct Start in row 4' })));

    fireEvent.click(within(table).getByRole('button', { name: 'Leave out row 4' }));
    await waitFor(() => expect((posts(requests, '/excel-import/preview')[1]?.body as { skipRows: number[] }).skipRows).toEqual([4]));
  });

  it('asks for the activity column before checking', async () => {
    const requests = mockApi(routes());
    const input = await openWizard();
    choose(input);
    fireEvent.click(screen.getByRole('button', { name: 'Upload and continue' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Continue' }));
    await screen.findByRole('heading', { name: 'Say what each column holds' });
    fireEvent.change(screen.getByLabelText('Import column C (Activity) as'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Import column B (Objective) as'), { target: { value: 'lead' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check the rows' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Choose the column that holds the activities.')).toBeDefined();
    expect(within(alert).getByText('“Lead institution” is chosen for more than one column.')).toBeDefined();
    expect(posts(requests, '/excel-import/preview')).toHaveLength(0);
  });

  it('refuses a file that is too large before sending it, and shows why the server refuses one', async () => {
    const requests = mockApi(
      routes({
        [`POST ${PLAN}/excel-import/sheets`]: {
          status: 400,
          body: errorBody('VALIDATION_FAILED', 'Some of the information is not valid. Please check the marked fields.', [
            { path: 'file', message: 'This is an old Excel file (.xls). Open it in Excel and save it as an Excel workbook (.xlsx).' },
          ]),
        },
      }),
    );
    const input = await openWizard();
    fireEvent.click(screen.getByRole('button', { name: 'Upload and continue' }));
    await waitFor(() => expect(document.getElementById('workbook-file-error')?.textContent).toBe('Please choose an Excel workbook.'));

    choose(input, MAX_WORKBOOK_BYTES + 1);
    fireEvent.click(screen.getByRole('button', { name: 'Upload and continue' }));
    await waitFor(() => expect(document.getElementById('workbook-file-error')?.textContent).toBe('The file is larger than 10 MB.'));
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(posts(requests, '/excel-import/sheets')).toHaveLength(0);

    choose(input);
    fireEvent.click(screen.getByRole('button', { name: 'Upload and continue' }));
    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText('This is an old Excel file (.xls). Open it in Excel and save it as an Excel workbook (.xlsx).'),
    ).toBeDefined();
  });

  it('offers the Excel files of a plan as the reader’s role allows', async () => {
    mockApi({
      'GET /api/session': {
        status: 200,
        body: sessionFor([{ role: 'focal_point', institution: { code: 'MOI', name: 'Ministry of Interior' } }]),
      },
    });
    const { unmount } = render(
      <MemoryRouter>
        <SessionProvider>
          <Downloads />
        </SessionProvider>
      </MemoryRouter>,
    );
    const list = await screen.findByRole('list', { name: 'Excel files of this action plan' });
    expect(within(list).getByRole('link', { name: 'Download the activities as Excel' }).getAttribute('href')).toBe(
      `${PLAN}/activities.xlsx?language=en`,
    );
    expect(within(list).queryByRole('link', { name: 'Download the donor view as Excel' })).toBeNull();
    expect(within(list).queryByRole('link', { name: 'Import activities from Excel' })).toBeNull();
    unmount();

    mockApi({ 'GET /api/session': { status: 200, body: EDITOR } });
    render(
      <MemoryRouter>
        <SessionProvider>
          <Downloads />
        </SessionProvider>
      </MemoryRouter>,
    );
    const editorList = await screen.findByRole('list', { name: 'Excel files of this action plan' });
    expect(within(editorList).getByRole('link', { name: 'Download the donor view as Excel' }).getAttribute('href')).toBe(
      `${PLAN}/donor-view.xlsx?language=en`,
    );
    expect(within(editorList).getByRole('link', { name: 'Import activities from Excel' }).getAttribute('href')).toBe(
      '/plans/AP-2023-2024/import-excel',
    );
  });
});
