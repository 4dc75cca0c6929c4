import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, RouterProvider, createMemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App.tsx';
import type { ElementDetail } from '../editing/api.ts';
import { activityDetail, editResult, indicatorDetail, outline, STRATEGY_API } from '../test/editing.ts';
import { errorBody, mockApi, sessionFor, type RecordedRequest, type Reply } from '../test/fetch-mock.ts';
import { STRATEGIES } from '../test/plans.ts';

const EDITOR = sessionFor([{ role: 'editor' }]);
const OBSERVER = sessionFor([{ role: 'observer' }]);
const EDITS = `POST ${STRATEGY_API}/edits`;
const SAVE_WAIT = { timeout: 3000 };

type Route = Reply | ((request: RecordedRequest) => Reply | Promise<Reply>);

function routes(detail: ElementDetail, extra: Record<string, Route> = {}, session = EDITOR): Record<string, Route> {
  return {
    'GET /api/session': { status: 200, body: session },
    'GET /api/participants/DL/strategies': { status: 200, body: STRATEGIES },
    [`GET ${STRATEGY_API}/outline`]: { status: 200, body: outline() },
    [`GET ${STRATEGY_API}/elements/${encodeURIComponent(detail.code)}`]: { status: 200, body: detail },
    ...extra,
  };
}

function renderElement(code: string) {
  return render(
    <MemoryRouter initialEntries={[`/plans/AP-2023-2024/elements/${code}`]}>
      <App />
    </MemoryRouter>,
  );
}

function sentEdits(requests: RecordedRequest[]): { op: string; code?: string; version?: number; data?: Record<string, unknown> }[] {
  return requests.filter((request) => request.method === 'POST').flatMap((request) => (request.body as { edits: [] }).edits);
}

function lastData(requests: RecordedRequest[]): Record<string, unknown> | undefined {
  return sentEdits(requests).at(-1)?.data;
}

async function saved(): Promise<void> {
  await waitFor(() => expect(screen.getByTestId('autosave-state').textContent).toBe('Saved'), SAVE_WAIT);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the activity form', () => {
  it('shows the activity in its fields, with the objective among those of its goal', async () => {
    mockApi(routes(activityDetail()));
    renderElement('A1.1.1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Activity A1.1.1' })).toBeDefined();
    expect((screen.getByLabelText('Title') as HTMLTextAreaElement).value).toBe('Hold quarterly meetings');
    const objective = screen.getByLabelText('Objective') as HTMLSelectElement;
    expect(objective.value).toBe('O1.1');
    expect([...objective.querySelectorAll('optgroup')].map((group) => group.label)).toEqual([
      'G1 – An effective national response',
      'G2 – Fewer people at risk',
    ]);
    expect((screen.getByRole('combobox', { name: 'Lead institution' }) as HTMLInputElement).value).toBe('Ministry of Interior (MOI)');
    expect((screen.getByLabelText('Amount, line 1') as HTMLInputElement).value).toBe('12000');
    expect(screen.getByTestId('cost-total').textContent).toBe('€12,000.00');
    expect(screen.getByRole('link', { name: 'Meetings held' }).getAttribute('href')).toBe('/plans/AP-2023-2024/elements/A1.1.1-I1');
    expect(screen.getByTestId('autosave-state').textContent).toBe('Saved');
  });

  it('updates the totals per year and overall as one types', async () => {
    mockApi(routes(activityDetail(), { [EDITS]: editResult('A1.1.1', 'activity', 4) }));
    renderElement('A1.1.1');
    const amount = await screen.findByLabelText('Amount, line 1');
    fireEvent.change(amount, { target: { value: '1,500.5' } });
    expect(screen.getByTestId('cost-total').textContent).toBe('€1,500.50');
    fireEvent.click(screen.getByRole('button', { name: 'Add a cost line' }));
    fireEvent.change(screen.getByLabelText('Year, line 2'), { target: { value: '2024' } });
    fireEvent.change(screen.getByLabelText('Amount, line 2'), { target: { value: '250' } });
    expect(screen.getByTestId('cost-total-2023').textContent).toBe('€1,500.50');
    expect(screen.getByTestId('cost-total-2024').textContent).toBe('€250.00');
    expect(screen.getByTestId('cost-total').textContent).toBe('€1,750.50');
    // A line being typed that cannot be read yet is left out of the totals.
    fireEvent.change(screen.getByLabelText('Amount, line 2'), { target: { value: '25x' } });
    expect(screen.getByTestId('cost-total').textContent).toBe('€1,500.50');
  });

  it('picks the lead and the partners from the register by part of a name', async () => {
    const requests = mockApi(routes(activityDetail(), { [EDITS]: editResult('A1.1.1', 'activity', 4) }));
    renderElement('A1.1.1');
    const lead = await screen.findByRole('combobox', { name: 'Lead institution' });
    fireEvent.change(lead, { target: { value: 'safe' } });
    const options = within(screen.getByRole('listbox', { name: 'Lead institution' })).getAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual(['Safe House NGO1']);
    fireEvent.click(options[0] as HTMLElement);
    expect((lead as HTMLInputElement).value).toBe('Safe House (NGO1)');

    const partners = screen.getByRole('combobox', { name: 'Partner institutions' });
    fireEvent.change(partners, { target: { value: 'nordic' } });
    fireEvent.keyDown(partners, { key: 'ArrowDown' });
    fireEvent.keyDown(partners, { key: 'Enter' });
    const chosen = screen.getByRole('list', { name: 'Chosen for “Partner institutions”' });
    expect(within(chosen).getByText('Nordic Development Agency')).toBeDefined();
    expect(within(chosen).getByRole('button', { name: 'Remove Nordic Development Agency' })).toBeDefined();

    await saved();
    expect(lastData(requests)).toMatchObject({ lead: 'NGO1', partners: ['DON'] });
  });

  it('saves the whole activity as one update with the version it was read at', async () => {
    const requests = mockApi(routes(activityDetail(), { [EDITS]: editResult('A1.1.1', 'activity', 4) }));
    renderElement('A1.1.1');
    fireEvent.change(await screen.findByLabelText('Title'), { target: { value: 'Hold monthly meetings' } });
    expect(screen.getByTestId('autosave-state').textContent).toBe('Saving…');
    fireEvent.click(screen.getByLabelText('Awareness raising'));
    fireEvent.click(screen.getByLabelText(/^REC-01/));
    fireEvent.change(screen.getByLabelText('Level'), { target: { value: 'national' } });
    fireEvent.click(screen.getByLabelText('By quarter'));
    fireEvent.change(screen.getByLabelText('Starts in'), { target: { value: '2023-Q2' } });
    fireEvent.change(screen.getByLabelText('Ends in'), { target: { value: '2024-Q4' } });
    await saved();
    expect(sentEdits(requests)).toEqual([
      {
        op: 'update',
        kind: 'activity',
        code: 'A1.1.1',
        version: 3,
        data: {
          id: 'A1.1.1',
          objective: 'O1.1',
          title: 'Hold monthly meetings',
          lead: 'MOI',
          start: '2023-04-01',
          end: '2024-12-31',
          level: 'national',
          tags: ['awareness'],
          costs: [{ year: 2023, amount: 12000, source: 'state_budget', funder: 'MOI', status: 'secured' }],
          recommendations: ['REC-01'],
        },
      },
    ]);

    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Hold monthly meetings of the body' } });
    await waitFor(() => expect(sentEdits(requests)).toHaveLength(2), SAVE_WAIT);
    expect(sentEdits(requests)[1]?.version).toBe(4);
  });

  it('shows a refusal next to the field it names, and keeps what was typed', async () => {
    mockApi(
      routes(activityDetail(), {
        [EDITS]: {
          status: 400,
          body: errorBody('VALIDATION_FAILED', 'Some of the information is not valid. Please check the marked fields.', [
            { path: 'edits[0].data.costs[0].amount', message: 'Amounts have at most two decimals.' },
            { path: '$.actionPlans[0].activities[0].lead', message: 'No institution with the id “X” is listed in the package.' },
          ]),
        },
      }),
    );
    renderElement('A1.1.1');
    const amount = await screen.findByLabelText('Amount, line 1');
    fireEvent.change(amount, { target: { value: '12.005' } });
    await waitFor(() => expect(amount.getAttribute('aria-invalid')).toBe('true'), SAVE_WAIT);
    expect(document.getElementById(amount.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Amounts have at most two decimals.');
    expect(screen.getByTestId('autosave-state').textContent).toBe(
      'Not saved: Some of the information is not valid. Please check the marked fields.',
    );
    expect(screen.getByText('No institution with the id “X” is listed in the package.')).toBeDefined();
    expect((amount as HTMLInputElement).value).toBe('12.005');
  });

  it('finds an amount it cannot read before asking the server', async () => {
    const requests = mockApi(routes(activityDetail(), { [EDITS]: editResult('A1.1.1', 'activity', 4) }));
    renderElement('A1.1.1');
    const amount = await screen.findByLabelText('Amount, line 1');
    fireEvent.change(amount, { target: { value: 'twelve' } });
    await waitFor(() => expect(amount.getAttribute('aria-invalid')).toBe('true'), SAVE_WAIT);
    expect(screen.getByText('Enter an amount such as 1500.5.')).toBeDefined();
    expect(sentEdits(requests)).toEqual([]);
  });

  it('adds an indicator to the activity and opens it', async () => {
    const requests = mockApi(
      routes(activityDetail(), {
        [EDITS]: editResult('A1.1.1-I2', 'indicator', 1),
        [`GET ${STRATEGY_API}/elements/A1.1.1-I2`]: {
          status: 200,
          body: { ...indicatorDetail({ id: 'A1.1.1-I2' }), code: 'A1.1.1-I2', parent: 'A1.1.1' },
        },
      }),
    );
    renderElement('A1.1.1');
    fireEvent.click(await screen.findByRole('button', { name: 'Add an indicator' }));
    const form = screen.getByRole('group', { name: 'New indicator of A1.1.1' });
    expect((within(form).getByLabelText('Code') as HTMLInputElement).value).toBe('A1.1.1-I2');
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'People trained' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create and open' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Indicator A1.1.1-I2' })).toBeDefined();
    expect(sentEdits(requests)).toEqual([
      {
        op: 'create',
        kind: 'indicator',
        parent: 'A1.1.1',
        data: { id: 'A1.1.1-I2', name: 'People trained', level: 'output', measure: 'number' },
      },
    ]);
  });

  it('is read-only for a reader without plan.edit', async () => {
    mockApi(routes(activityDetail(), {}, OBSERVER));
    renderElement('A1.1.1');
    const title = await screen.findByLabelText('Title');
    expect(title.matches(':disabled')).toBe(true);
    expect(screen.getByText('You can read this plan. Changing it needs the role of editor or coordinator.')).toBeDefined();
    expect(screen.queryByTestId('autosave-state')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add an indicator' })).toBeNull();
  });
});

describe('the indicator editor', () => {
  it('edits a qualitative indicator: its ordered scale, baseline and milestones as labels, breakdowns', async () => {
    const requests = mockApi(routes(indicatorDetail(), { [EDITS]: editResult('O1.1-I1', 'indicator', 6) }));
    renderElement('O1.1-I1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Indicator O1.1-I1' })).toBeDefined();
    expect(screen.getByText('Indicator of O1.1: Strengthen coordination')).toBeDefined();
    expect((screen.getByLabelText('Unit') as HTMLInputElement).value).toBe('meetings');

    fireEvent.change(screen.getByLabelText('Measured as'), { target: { value: 'qualitative' } });
    expect(screen.queryByLabelText('Unit')).toBeNull();
    const scale = screen.getByRole('group', { name: 'Scale' });
    fireEvent.change(within(scale).getByLabelText('Label 1'), { target: { value: 'Partial' } });
    fireEvent.click(within(scale).getByRole('button', { name: 'Add a label' }));
    fireEvent.change(within(scale).getByLabelText('Label 2'), { target: { value: 'None' } });
    fireEvent.click(within(scale).getByRole('button', { name: 'Move label 2 up' }));
    fireEvent.click(within(scale).getByRole('button', { name: 'Add a label' }));
    fireEvent.change(within(scale).getByLabelText('Label 3'), { target: { value: 'Full' } });

    const baseline = screen.getByRole('group', { name: 'Baseline' });
    const baselineValue = within(baseline).getByLabelText('Value') as HTMLSelectElement;
    expect([...baselineValue.options].map((option) => option.textContent)).toEqual(['Not given', 'None', 'Partial', 'Full']);
    fireEvent.change(baselineValue, { target: { value: '1' } });
    const target = screen.getByRole('group', { name: 'Final target' });
    fireEvent.change(within(target).getByLabelText('Value'), { target: { value: '2' } });

    fireEvent.click(screen.getByRole('button', { name: 'Add a milestone' }));
    fireEvent.change(screen.getByLabelText('Value, milestone 1'), { target: { value: '1' } });
    fireEvent.change(screen.getByLabelText('Year, milestone 1'), { target: { value: '2022' } });
    fireEvent.change(screen.getByLabelText('Means of verification'), { target: { value: 'Minutes of the meetings' } });
    fireEvent.click(screen.getByLabelText('Sex'));
    fireEvent.click(screen.getByLabelText('Age group'));

    await saved();
    expect(sentEdits(requests).at(-1)).toEqual({
      op: 'update',
      kind: 'indicator',
      code: 'O1.1-I1',
      version: 5,
      data: {
        id: 'O1.1-I1',
        name: 'Meetings held',
        level: 'outcome',
        measure: 'qualitative',
        scale: ['None', 'Partial', 'Full'],
        baseline: { value: 1, year: 2020, source: 'Annual report' },
        target: { value: 2, year: 2024 },
        milestones: [{ value: 1, year: 2022 }],
        meansOfVerification: 'Minutes of the meetings',
        disaggregation: ['sex', 'age_group'],
      },
    });
  });

  it('names a year it cannot read, next to the field, without asking the server', async () => {
    const requests = mockApi(routes(indicatorDetail(), { [EDITS]: editResult('O1.1-I1', 'indicator', 6) }));
    renderElement('O1.1-I1');
    const target = await screen.findByRole('group', { name: 'Final target' });
    const year = within(target).getByLabelText('Year');
    fireEvent.change(year, { target: { value: '20x4' } });
    await waitFor(() => expect(year.getAttribute('aria-invalid')).toBe('true'), SAVE_WAIT);
    expect(within(target).getByText('Expected a whole number.')).toBeDefined();
    expect(screen.getByTestId('autosave-state').textContent).toMatch(/^Not saved: /);
    expect(sentEdits(requests)).toEqual([]);
    fireEvent.change(year, { target: { value: '2025' } });
    await saved();
    expect(lastData(requests)).toMatchObject({ target: { value: 8, year: 2025 } });
  });
});

describe('an edit conflict', () => {
  const theirs = {
    code: 'A1.1.1',
    kind: 'activity',
    version: 9,
    data: { ...activityDetail().data, title: 'Their title', lead: 'NGO1' },
  };

  function conflictOnce(): Route {
    let attempts = 0;
    return () => {
      attempts += 1;
      return attempts === 1
        ? {
            status: 409,
            body: errorBody(
              'EDIT_CONFLICT',
              'Someone else has changed this in the meantime. Please review both versions.',
              undefined,
              theirs,
            ),
          }
        : editResult('A1.1.1', 'activity', 10);
    };
  }

  it('shows both versions field by field, and keeps mine over theirs when asked', async () => {
    const requests = mockApi(routes(activityDetail(), { [EDITS]: conflictOnce() }));
    renderElement('A1.1.1');
    fireEvent.change(await screen.findByLabelText('Title'), { target: { value: 'My title' } });
    const panel = await screen.findByRole('region', { name: 'Someone else saved this element in the meantime' }, SAVE_WAIT);
    expect(screen.getByTestId('autosave-state').textContent).toBe('Not saved: someone else saved this element in the meantime.');
    expect(within(panel).getByText('2 fields differ between your version and the saved one. Choose the version to keep.')).toBeDefined();
    const table = within(panel).getByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Field', 'Your version (not saved)', 'Saved by someone else']);
    const title = within(table).getByRole('rowheader', { name: /^Title/ }).parentElement as HTMLElement;
    expect([...title.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual(['My title', 'Their title']);
    expect(within(title).getByText('(differs)')).toBeDefined();
    const lead = within(table).getByRole('rowheader', { name: /^Lead institution/ }).parentElement as HTMLElement;
    expect([...lead.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual(['Ministry of Interior', 'Safe House']);
    const code = within(table).getByRole('rowheader', { name: 'Code' }).parentElement as HTMLElement;
    expect(within(code).queryByText('(differs)')).toBeNull();

    fireEvent.click(within(panel).getByRole('button', { name: 'Keep my version' }));
    await saved();
    expect(screen.queryByRole('region', { name: 'Someone else saved this element in the meantime' })).toBeNull();
    expect(sentEdits(requests).map((edit) => [edit.version, edit.data?.title])).toEqual([
      [3, 'My title'],
      [9, 'My title'],
    ]);
  });

  it('takes the saved version into the form when asked, and saves later changes over it', async () => {
    const requests = mockApi(routes(activityDetail(), { [EDITS]: conflictOnce() }));
    renderElement('A1.1.1');
    fireEvent.change(await screen.findByLabelText('Title'), { target: { value: 'My title' } });
    const panel = await screen.findByRole('region', { name: 'Someone else saved this element in the meantime' }, SAVE_WAIT);
    fireEvent.click(within(panel).getByRole('button', { name: 'Take the saved version' }));
    expect((screen.getByLabelText('Title') as HTMLTextAreaElement).value).toBe('Their title');
    expect((screen.getByRole('combobox', { name: 'Lead institution' }) as HTMLInputElement).value).toBe('Safe House (NGO1)');
    expect(screen.getByTestId('autosave-state').textContent).toBe('Saved');
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Their title, improved' } });
    await waitFor(() => expect(sentEdits(requests)).toHaveLength(2), SAVE_WAIT);
    expect(sentEdits(requests)[1]).toMatchObject({ version: 9, data: { title: 'Their title, improved', lead: 'NGO1' } });
  });
});

describe('the element page', () => {
  it('sends strategy-level elements to the strategy page', async () => {
    const risk: ElementDetail = {
      kind: 'risk',
      code: 'R1',
      version: 1,
      position: 0,
      data: { id: 'R1', description: 'Staff turnover', category: 'human_resources', likelihood: 3, impact: 4 },
      editable: true,
      references: [],
    };
    mockApi(routes(risk));
    renderElement('R1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Risk R1' })).toBeDefined();
    expect(screen.getByRole('link', { name: 'Open the strategy' }).getAttribute('href')).toBe('/strategies/NS-2021-2024');
  });

  it('says what a code names when it is an institution, not an element', async () => {
    mockApi({
      ...routes(activityDetail()),
      [`GET ${STRATEGY_API}/elements/MOI`]: { status: 404, body: errorBody('NOT_FOUND', 'What you are looking for was not found.') },
    });
    renderElement('MOI');
    expect(await screen.findByText('What you are looking for was not found.')).toBeDefined();
    expect(screen.getByText(/Ministry of Interior is an institution of the register./)).toBeDefined();
    expect(screen.getByRole('link', { name: 'Open the institutions' }).getAttribute('href')).toBe('/institutions');
  });

  it('lists what refers to an element', async () => {
    mockApi(routes({ ...indicatorDetail(), references: ['$.monitoring.rounds[0].reports[1].indicatorValues[0]'] }));
    renderElement('O1.1-I1');
    expect(await screen.findByText('1 part of the plan refers to it:')).toBeDefined();
  });

  it('saves pending changes before the person leaves, and asks when they cannot be saved', async () => {
    let refuse = false;
    const requests = mockApi(
      routes(activityDetail(), {
        [EDITS]: () =>
          refuse
            ? {
                status: 400,
                body: errorBody('VALIDATION_FAILED', 'Some of the information is not valid.', [
                  { path: 'edits[0].data.title', message: 'This field is required.' },
                ]),
              }
            : editResult('A1.1.1', 'activity', 4),
        'GET /api/participants/DL/action-plans/AP-2023-2024/review': {
          status: 200,
          body: { plan: 'DL/AP-2023-2024', findings: [], summary: { error: 0, warning: 0, info: 0, byRule: {} } },
        },
      }),
    );
    const router = createMemoryRouter([{ path: '*', element: <App /> }], { initialEntries: ['/plans/AP-2023-2024/elements/A1.1.1'] });
    render(<RouterProvider router={router} />);
    fireEvent.change(await screen.findByLabelText('Title'), { target: { value: 'Changed just now' } });
    fireEvent.click(screen.getByRole('link', { name: 'Back to the action plan' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/plans/AP-2023-2024'), SAVE_WAIT);
    await screen.findByRole('region', { name: 'Goals, objectives and activities' });
    expect(lastData(requests)).toMatchObject({ title: 'Changed just now' });

    await router.navigate('/plans/AP-2023-2024/elements/A1.1.1');
    await screen.findByRole('heading', { level: 1, name: 'Activity A1.1.1' });
    refuse = true;
    fireEvent.change(await screen.findByLabelText('Title'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('link', { name: 'Back to the action plan' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' }, SAVE_WAIT);
    expect(within(dialog).getByText('Your last changes are not saved: Some of the information is not valid.')).toBeDefined();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Stay on this page' }));
    expect(router.state.location.pathname).toBe('/plans/AP-2023-2024/elements/A1.1.1');
    fireEvent.click(screen.getByRole('link', { name: 'Back to the action plan' }));
    fireEvent.click(within(await screen.findByRole('dialog', {}, SAVE_WAIT)).getByRole('button', { name: 'Leave without saving' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/plans/AP-2023-2024'));
    await screen.findByRole('region', { name: 'Goals, objectives and activities' });
  });
});
