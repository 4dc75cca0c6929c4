import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localToday } from '../format.ts';
import { mockApi, sessionFor } from '../test/fetch-mock.ts';
import { renderSignedIn } from '../test/signed-in.tsx';
import { OperationalPlanPage, amountOf, type OperationalPlanView } from './OperationalPlanPage.tsx';

const PLAN = '/api/participants/DL/action-plans/AP-2021-2022';
const BASE = `${PLAN}/operational-plans/2022`;
const REASON = 'Disagreement with the Ministry of Interior on guardianship.';

function view(overrides: Partial<OperationalPlanView> = {}): OperationalPlanView {
  return {
    participant: 'DL',
    plan: { id: 'AP-2021-2022', title: 'Action plan 2021–2022', start: '2021-01-01', end: '2022-12-31' },
    year: 2022,
    status: 'draft',
    version: 1,
    createdBy: 'Mira Kovač',
    createdAt: '2021-12-15T10:00:00Z',
    adoptedBy: null,
    adoptedAt: null,
    currency: 'EUR',
    content: {
      activities: [
        { activity: 'A1.1.1', kind: 'due', reason: null, reportedStatus: null, reportedRound: null },
        { activity: 'A5.2.1', kind: 'carried_over', reason: REASON, reportedStatus: 'delayed', reportedRound: '2021-H2' },
      ],
      costs: [{ activity: 'A1.1.1', amount: 14500, source: 'state_budget', funder: null, status: 'secured' }],
      recommendations: [{ recommendation: 'REC-08', action: '' }],
    },
    candidates: [{ id: 'A1.2.1', title: 'Amend the Criminal Code', start: '2021-02-01', end: '2021-12-31' }],
    report: {
      asOf: localToday(),
      due: [
        {
          activity: 'A1.1.1',
          kind: 'due',
          title: 'Meetings of the Coordination Body',
          lead: { id: 'NATC', name: 'National Anti-Trafficking Coordinator' },
          start: '2021-01-01',
          end: '2022-12-31',
          status: 'ongoing',
          reason: null,
          reportedStatus: null,
          reportedRound: null,
          cost: 14500,
        },
      ],
      carriedOver: [
        {
          activity: 'A5.2.1',
          kind: 'carried_over',
          title: 'Guardianship protocol',
          lead: { id: 'MLSP', name: 'Ministry of Labour and Social Policy' },
          start: '2021-03-01',
          end: '2021-12-31',
          status: 'completed',
          reason: REASON,
          reportedStatus: 'delayed',
          reportedRound: '2021-H2',
          cost: 0,
        },
      ],
      recommendations: [
        {
          id: 'REC-08',
          source: 'us_tip',
          reference: 'TIP 2021',
          year: 2021,
          text: 'Strengthen coordination.',
          action: '',
          activities: ['A1.1.1'],
        },
      ],
      finance: { total: 14500, bySource: {}, byStatus: {}, fundingGap: 0 },
      progress: {
        activities: { total: 2, byStatus: { not_started: 0, ongoing: 1, completed: 1, delayed: 0, cancelled: 0 }, implementationRate: 0.5 },
        budget: { plannedToDate: 14500, spent: 7250, execution: 0.5 },
      },
    },
    ...overrides,
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

async function showPlan(role: 'coordinator' | 'observer', shown: OperationalPlanView = view()) {
  const requests = mockApi({
    'GET /api/session': { status: 200, body: sessionFor([{ role }]) },
    [`GET ${BASE}?asOf=${localToday()}`]: { status: 200, body: shown },
    [`GET ${PLAN}/carry-over?asOf=${localToday()}`]: { status: 200, body: { plan: 'AP-2021-2022', asOf: localToday(), years: [] } },
    'GET /api/participants/DL/institutions': {
      status: 200,
      body: {
        items: [
          {
            code: 'IOM',
            name: 'International Organization for Migration',
            type: 'international_organisation',
            level: 'international',
            area: null,
          },
          { code: 'NATC', name: 'National Anti-Trafficking Coordinator', type: 'coordination_body', level: 'national', area: null },
        ],
      },
    },
    [`PUT ${BASE}`]: { status: 200, body: view({ version: 2 }) },
    [`POST ${BASE}/adopt`]: { status: 200, body: view({ status: 'adopted', version: 2 }) },
  });
  await renderSignedIn(<OperationalPlanPage />, {
    path: '/plans/AP-2021-2022/operational/2022',
    route: '/plans/:planId/operational/:year',
  });
  await screen.findByRole('heading', { level: 1, name: 'Operational plan 2022: Action plan 2021–2022' });
  return requests;
}

describe('an operational plan', () => {
  it('reads amounts typed with a point or a comma', () => {
    expect([amountOf('16000.5'), amountOf(' 16 000,50 '), amountOf('-3'), amountOf('1.005'), amountOf('')]).toEqual([
      16000.5,
      16000.5,
      null,
      null,
      null,
    ]);
  });

  it('shows the carried-over activity with its reason, and saves a changed reason, cost and planned action', async () => {
    const requests = await showPlan('coordinator');
    expect(screen.getByRole('table', { name: 'Activities due in 2022' }).textContent).toContain('Meetings of the Coordination Body');
    expect(screen.getByText(/last reported: Delayed \(2021-H2\)/)).toBeDefined();
    const reason = screen.getByLabelText('Why A5.2.1 was not completed') as HTMLTextAreaElement;
    expect(reason.value).toBe(REASON);
    expect(screen.getByRole('button', { name: 'Save changes' }).hasAttribute('disabled')).toBe(true);

    fireEvent.change(reason, { target: { value: 'Decision taken in March.' } });
    fireEvent.change(screen.getByLabelText('Amount of A1.1.1, line 1'), { target: { value: 'lots' } });
    fireEvent.change(screen.getByLabelText('Planned action for REC-08'), { target: { value: 'Quarterly meetings.' } });
    expect(screen.getByRole('button', { name: 'Adopt the operational plan' }).hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(screen.getByText('Enter an amount of zero or more, with at most two decimals.')).toBeDefined();
    expect(requests.some((request) => request.method === 'PUT')).toBe(false);

    fireEvent.change(screen.getByLabelText('Amount of A1.1.1, line 1'), { target: { value: '16000,50' } });
    fireEvent.change(screen.getByLabelText('Add an activity of the action plan'), { target: { value: 'A1.2.1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('The operational plan has been saved.')).toBeDefined();
    expect(requests.find((request) => request.method === 'PUT')?.body).toEqual({
      version: 1,
      activities: [
        { activity: 'A1.1.1', reason: null },
        { activity: 'A5.2.1', reason: 'Decision taken in March.' },
        { activity: 'A1.2.1', reason: null },
      ],
      costs: [{ activity: 'A1.1.1', amount: 16000.5, source: 'state_budget', funder: null, status: 'secured' }],
      recommendations: [{ recommendation: 'REC-08', action: 'Quarterly meetings.' }],
    });
  });

  it('adds a cost line to an activity of the plan, names its funder, removes another, and saves them', async () => {
    const requests = await showPlan('coordinator');
    const add = screen.getByRole('button', { name: 'Add a cost line' });
    expect(add.hasAttribute('disabled')).toBe(true);
    fireEvent.change(screen.getByLabelText('Activity of the new cost line'), { target: { value: 'A5.2.1' } });
    fireEvent.click(add);
    const amount = screen.getByLabelText('Amount of A5.2.1, line 1') as HTMLInputElement;
    expect(amount.value).toBe('');
    await waitFor(() => expect(document.activeElement).toBe(amount));
    fireEvent.change(amount, { target: { value: '2500' } });
    fireEvent.change(screen.getByLabelText('Source of A5.2.1, line 1'), { target: { value: 'donor' } });
    const funder = await screen.findByRole('combobox', { name: 'Funder of A5.2.1, line 1' });
    fireEvent.change(funder, { target: { value: 'migration' } });
    const options = within(screen.getByRole('listbox', { name: 'Funder of A5.2.1, line 1' })).getAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual(['International Organization for Migration IOM']);
    fireEvent.click(options[0] as HTMLElement);
    expect((funder as HTMLInputElement).value).toBe('International Organization for Migration (IOM)');
    fireEvent.change(screen.getByLabelText('Funding of A5.2.1, line 1'), { target: { value: 'pledged' } });
    fireEvent.click(screen.getByRole('button', { name: 'Remove line 1 of A1.1.1' }));
    expect(screen.queryByLabelText('Amount of A1.1.1, line 1')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('The operational plan has been saved.')).toBeDefined();
    expect(requests.find((request) => request.method === 'PUT')?.body).toMatchObject({
      costs: [{ activity: 'A5.2.1', amount: 2500, source: 'donor', funder: 'IOM', status: 'pledged' }],
    });
  });

  it('refuses to save a new cost line left without its amount', async () => {
    const requests = await showPlan('coordinator');
    fireEvent.change(screen.getByLabelText('Activity of the new cost line'), { target: { value: 'A1.1.1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add a cost line' }));
    expect(screen.getByLabelText('Amount of A1.1.1, line 2')).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(screen.getByText('Enter an amount of zero or more, with at most two decimals.')).toBeDefined();
    expect(requests.some((request) => request.method === 'PUT')).toBe(false);
  });

  it('adopts the saved plan with its version', async () => {
    const requests = await showPlan('coordinator');
    fireEvent.click(screen.getByRole('button', { name: 'Adopt the operational plan' }));
    expect(await screen.findByText('The operational plan has been adopted; it is now read-only.')).toBeDefined();
    await waitFor(() => expect(requests.find((request) => request.method === 'POST')?.body).toEqual({ version: 1 }));
  });

  it('is read-only once adopted, with its progress and report to download', async () => {
    await showPlan('coordinator', view({ status: 'adopted', adoptedAt: '2022-01-10T09:00:00Z', adoptedBy: 'Mira Kovač' }));
    expect(screen.getByText('This operational plan is adopted and can no longer be changed.')).toBeDefined();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save changes' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Adopt the operational plan' })).toBeNull();
    expect(screen.getByText(REASON)).toBeDefined();
    expect(screen.getByTestId('operational-cost-total').textContent).toBe('€14,500.00');
    expect(screen.getByTestId('operational-total').textContent).toBe('2');
    const download = screen.getByRole('link', { name: 'Download the report (Word)' });
    expect(download.getAttribute('href')).toBe(`${BASE}/report.docx?asOf=${localToday()}&language=en`);
  });

  it('shows an observer the plan without the controls to change it', async () => {
    await showPlan('observer');
    expect(screen.queryByLabelText('Why A5.2.1 was not completed')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save changes' })).toBeNull();
    expect(screen.getByText(REASON)).toBeDefined();
  });
});
