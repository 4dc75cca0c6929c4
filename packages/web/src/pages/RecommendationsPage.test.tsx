import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { STRATEGY_API, editResult, outline } from '../test/editing.ts';
import { errorBody, mockApi, sessionFor, type RecordedRequest } from '../test/fetch-mock.ts';
import { renderSignedIn } from '../test/signed-in.tsx';
import { localToday } from '../format.ts';
import { RecommendationsPage } from './RecommendationsPage.tsx';

const COORDINATOR = sessionFor([{ role: 'coordinator' }]);
const DONOR = sessionFor([{ role: 'donor' }]);

/** Just what the register reads of the plan package: which activities answer which recommendation. */
const PACKAGE = {
  actionPlans: [
    {
      id: 'AP-2023-2024',
      activities: [{ id: 'A1.1.1', recommendations: ['REC-01'] }, { id: 'A2.1.1', recommendations: ['REC-01'] }, { id: 'A1.1.2' }],
    },
  ],
};

function routes(session: unknown, extra: Record<string, unknown> = {}) {
  return {
    'GET /api/session': { status: 200, body: session },
    [`GET ${STRATEGY_API}/outline`]: { status: 200, body: outline() },
    [`GET ${STRATEGY_API}/package`]: { status: 200, body: PACKAGE },
    ...extra,
  } as Parameters<typeof mockApi>[0];
}

async function openPage() {
  await renderSignedIn(<RecommendationsPage />, {
    path: '/strategies/NS-2021-2024/recommendations',
    route: '/strategies/:strategyId/recommendations',
  });
  return screen.findByRole('table', { name: 'Recommendations of the strategy NS-2021-2024' });
}

function posted(requests: RecordedRequest[]): unknown[] {
  return requests.filter((request) => request.method === 'POST').map((request) => request.body);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the recommendations register', () => {
  it('lists the recommendations with their source, reference, year, strength and the activities that answer them', async () => {
    mockApi(routes(DONOR));
    const table = await openPage();
    const greta = within(table).getByRole('rowheader', { name: 'REC-01' }).closest('tr') as HTMLElement;
    expect(within(greta).getByText('GRETA(2020)07, para. 45')).toBeDefined();
    expect(within(greta).getByText('2020')).toBeDefined();
    const answers = await within(greta).findAllByRole('link');
    expect(answers.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['A1.1.1', '/plans/AP-2023-2024/elements/A1.1.1'],
      ['A2.1.1', '/plans/AP-2023-2024/elements/A2.1.1'],
    ]);
    const evaluation = within(table).getByRole('rowheader', { name: 'REC-02' }).closest('tr') as HTMLElement;
    expect(within(evaluation).getByText('No activity yet')).toBeDefined();
    // A donor reads; only editors change.
    expect(screen.queryByRole('button', { name: 'Add a recommendation' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit REC-01' })).toBeNull();
  });

  it('searches the text, code and reference, and filters by source and year', async () => {
    mockApi(routes(COORDINATOR));
    const table = await openPage();
    expect(screen.getByText('2 recommendations')).toBeDefined();
    fireEvent.change(screen.getByLabelText('Search in the text, code or reference'), { target: { value: 'shelters' } });
    expect(screen.getByText('Showing 1 of 2 recommendations')).toBeDefined();
    expect(within(table).queryByRole('rowheader', { name: 'REC-01' })).toBeNull();
    expect(within(table).getByRole('rowheader', { name: 'REC-02' })).toBeDefined();

    fireEvent.change(screen.getByLabelText('Search in the text, code or reference'), { target: { value: 'greta(2020)' } });
    expect(within(table).getByRole('rowheader', { name: 'REC-01' })).toBeDefined();

    fireEvent.change(screen.getByLabelText('Search in the text, code or reference'), { target: { value: '' } });
    const source = screen.getByRole('combobox', { name: 'Source' });
    expect(
      within(source)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toHaveLength(3);
    fireEvent.change(source, { target: { value: 'evaluation' } });
    expect(within(table).queryByRole('rowheader', { name: 'REC-01' })).toBeNull();
    fireEvent.change(source, { target: { value: '' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Year' }), { target: { value: '2020' } });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    fireEvent.change(screen.getByLabelText('Search in the text, code or reference'), { target: { value: 'shelters' } });
    expect(screen.getByText('No recommendation matches your search.')).toBeDefined();
  });

  it('adds a recommendation through the form, checking it first', async () => {
    const requests = mockApi(routes(COORDINATOR, { [`POST ${STRATEGY_API}/edits`]: editResult('REC-03', 'recommendation', 1) }));
    await openPage();
    fireEvent.click(screen.getByRole('button', { name: 'Add a recommendation' }));
    const form = screen.getByRole('region', { name: 'New recommendation' });
    fireEvent.change(within(form).getByLabelText('Year'), { target: { value: '21' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(within(form).getByLabelText('Code').getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByText('Enter a year of four digits, for example 2025.')).toBeDefined();
    expect(posted(requests)).toEqual([]);

    fireEvent.change(within(form).getByLabelText('Code'), { target: { value: 'REC-03' } });
    fireEvent.change(within(form).getByLabelText('Source'), { target: { value: 'us_tip' } });
    fireEvent.change(within(form).getByLabelText('Year'), { target: { value: '2023' } });
    fireEvent.change(within(form).getByLabelText('Reference'), { target: { value: 'TIP Report 2023, p. 12' } });
    fireEvent.change(within(form).getByLabelText('Text'), { target: { value: 'Increase prosecutions of labour trafficking.' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('The recommendation REC-03 has been added.');
    expect(posted(requests)).toEqual([
      {
        edits: [
          {
            op: 'create',
            kind: 'recommendation',
            data: {
              id: 'REC-03',
              source: 'us_tip',
              reference: 'TIP Report 2023, p. 12',
              year: 2023,
              text: 'Increase prosecutions of labour trafficking.',
            },
          },
        ],
      },
    ]);
  });

  it('changes a recommendation over its version, and says why a delete is refused', async () => {
    const requests = mockApi(
      routes(COORDINATOR, {
        [`POST ${STRATEGY_API}/edits`]: (request: RecordedRequest) =>
          (request.body as { edits: { op: string }[] }).edits[0]?.op === 'delete'
            ? {
                status: 409,
                body: errorBody('ELEMENT_IN_USE', 'This is still referred to.', [
                  { path: 'edits[0]', message: 'Activity A1.1.1 answers this recommendation.' },
                ]),
              }
            : editResult('REC-01', 'recommendation', 2),
      }),
    );
    await openPage();
    fireEvent.click(screen.getByRole('button', { name: 'Edit REC-01' }));
    const form = screen.getByRole('region', { name: 'Recommendation REC-01' });
    expect((within(form).getByLabelText('Strength') as HTMLSelectElement).value).toBe('urges');
    fireEvent.change(within(form).getByLabelText('Strength'), { target: { value: 'considers' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('The recommendation REC-01 has been saved.');
    expect(posted(requests)).toEqual([
      {
        edits: [
          {
            op: 'update',
            kind: 'recommendation',
            code: 'REC-01',
            version: 1,
            data: {
              id: 'REC-01',
              source: 'greta',
              reference: 'GRETA(2020)07, para. 45',
              year: 2020,
              text: 'GRETA urges the authorities to adopt a provision on the non-punishment of victims of trafficking.',
              strength: 'considers',
            },
          },
        ],
      },
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Delete REC-01' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Activity A1.1.1 answers this recommendation.');
  });
});

/** The follow-up as the server gives it: REC-05 of GRETA answered by nothing, REC-01 by two activities; REC-06 of the US TIP report. */
function followUpOf(asOf: string) {
  const activity = (id: string, status: string, round: string | null) => ({
    plan: 'AP-2021-2022',
    id,
    title: `Activity ${id}`,
    lead: { id: 'MOJ', name: 'Ministry of Justice' },
    status,
    round,
    narrative: null,
    indicators: [],
  });
  return {
    strategy: 'NS-2021-2024',
    asOf,
    recommendations: [
      {
        id: 'REC-05',
        source: 'greta',
        reference: 'GRETA(2020)07, para. 203',
        year: 2021,
        text: 'Establish a National Rapporteur.',
        strength: 'invites',
        status: 'not_addressed',
        activities: [],
        years: [
          { year: 2021, status: 'not_addressed', evidence: [] },
          { year: 2022, status: 'not_addressed', evidence: [] },
        ],
      },
      {
        id: 'REC-01',
        source: 'greta',
        reference: 'GRETA(2020)07, para. 45',
        year: 2021,
        text: 'Adopt a non-punishment provision.',
        strength: 'urges',
        status: 'partly_implemented',
        activities: [activity('A1.2.1', 'completed', '2021-H2'), activity('A1.2.3', 'ongoing', '2021-H2')],
        years: [
          { year: 2021, status: 'in_progress', evidence: [] },
          { year: 2022, status: 'partly_implemented', evidence: [] },
        ],
      },
      {
        id: 'REC-06',
        source: 'us_tip',
        reference: null,
        year: 2022,
        text: 'Prosecute traffickers.',
        strength: null,
        status: 'implemented',
        activities: [activity('A4.1.1', 'completed', '2021-H2')],
        years: [{ year: 2022, status: 'implemented', evidence: [] }],
      },
    ],
  };
}

const FOLLOW_UP = `${STRATEGY_API}/recommendations/follow-up`;

async function openFollowUp() {
  await openPage();
  fireEvent.click(screen.getByRole('button', { name: 'Follow-up' }));
  return screen.findByRole('table', { name: /^GRETA: follow-up as of/ });
}

describe('the follow-up of the recommendations', () => {
  it('shows each source’s recommendations, the unaddressed first, with each year’s status in words and the answering activities', async () => {
    const today = localToday();
    mockApi(routes(DONOR, { [`GET ${FOLLOW_UP}?asOf=${today}`]: { status: 200, body: followUpOf(today) } }));
    const greta = await openFollowUp();
    expect(screen.getByRole('button', { name: 'Follow-up' }).getAttribute('aria-pressed')).toBe('true');
    const headers = within(greta)
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent);
    expect(headers).toEqual(['Recommendation', 'Status now', '2021', '2022', 'Answering activities']);
    const rows = within(greta).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .slice(0, 3)
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      ['Not addressed', 'Not addressed', 'Not addressed'],
      ['Partly implemented', 'In progress', 'Partly implemented'],
    ]);
    expect(within(rows[0] as HTMLElement).getByText('No activity answers it yet.')).toBeDefined();
    const links = within(rows[1] as HTMLElement).getAllByRole('link');
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['A1.2.1 Activity A1.2.1: Completed', '/plans/AP-2021-2022/elements/A1.2.1'],
      ['A1.2.3 Activity A1.2.3: Ongoing', '/plans/AP-2021-2022/elements/A1.2.3'],
    ]);
    const tip = screen.getByRole('table', { name: /^US Trafficking in Persons Report: follow-up as of/ });
    expect(within(tip).getAllByText('Implemented', { selector: 'td span' })).toHaveLength(2);

    // The answers for GRETA in the chosen language, as of the chosen date.
    fireEvent.change(screen.getByLabelText('Language of the document'), { target: { value: 'mk' } });
    const download = screen.getByRole('link', { name: 'Download the answers (Word)' });
    expect(download.getAttribute('href')).toBe(`${STRATEGY_API}/recommendations/greta-answers.docx?asOf=${today}&language=mk`);
    // A donor reads; the import is for editors.
    expect(screen.queryByRole('heading', { name: 'Import from Excel' })).toBeNull();
  });

  it('reads the follow-up again as of another date', async () => {
    const today = localToday();
    mockApi(
      routes(DONOR, {
        [`GET ${FOLLOW_UP}?asOf=${today}`]: { status: 200, body: followUpOf(today) },
        [`GET ${FOLLOW_UP}?asOf=2021-12-31`]: { status: 200, body: { ...followUpOf('2021-12-31'), recommendations: [] } },
      }),
    );
    await openFollowUp();
    fireEvent.change(screen.getByLabelText('As of'), { target: { value: '2021-12-31' } });
    expect(await screen.findByText('The strategy has no recommendations yet.')).toBeDefined();
    expect(screen.getByRole('link', { name: 'Download the answers (Word)' }).getAttribute('href')).toContain('asOf=2021-12-31');
  });

  it('imports a workbook, listing each bad row by row and column, and says how many were imported once clean', async () => {
    const today = localToday();
    let attempt = 0;
    const requests = mockApi(
      routes(COORDINATOR, {
        [`GET ${FOLLOW_UP}?asOf=${today}`]: { status: 200, body: followUpOf(today) },
        [`POST ${STRATEGY_API}/recommendations/import`]: () => {
          attempt += 1;
          return attempt === 1
            ? {
                status: 400,
                body: errorBody('VALIDATION_FAILED', 'Some values are not valid.', [
                  { path: 'Sheet1!C3', message: '“strongly” is not one of the values this column takes.' },
                  { path: 'Sheet1!1', message: 'The first row has no column “text”.' },
                ]),
              }
            : { status: 200, body: { imported: 2, codes: ['REC-09', 'REC-10'], revision: 7 } };
        },
      }),
    );
    await openFollowUp();
    const submit = screen.getByRole('button', { name: 'Import the recommendations' });
    fireEvent.click(submit);
    expect(await screen.findByText('Choose a workbook first.')).toBeDefined();

    const file = new File(['xlsx'], 'recommendations.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    fireEvent.change(screen.getByLabelText('Excel workbook (.xlsx)'), { target: { files: [file] } });
    fireEvent.click(submit);
    const alert = await screen.findByText('Nothing was imported. Correct these rows and upload the workbook again:');
    const problems = within(alert.parentElement as HTMLElement)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(problems).toEqual([
      'Row 3, column C: “strongly” is not one of the values this column takes.',
      'The first row has no column “text”.',
    ]);

    fireEvent.click(submit);
    expect(await screen.findByText('Recommendations imported: 2.')).toBeDefined();
    const uploads = requests.filter((request) => request.method === 'POST');
    expect(uploads.map((request) => request.headers['Content-Type'])).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
  });
});
