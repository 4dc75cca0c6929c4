import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorBody, mockApi, sessionFor } from '../../test/fetch-mock.ts';
import { renderSignedIn } from '../../test/signed-in.tsx';
import type { PlanRounds } from '../../monitoringApi.ts';
import { MonitoringSection } from './MonitoringSection.tsx';

const ROUNDS = '/api/participants/DL/action-plans/AP-2023-2024/rounds';
const NONE = { not_started: 0, draft: 0, submitted: 0, returned: 0, accepted: 0, overdue: 0 };

const LISTED: PlanRounds = {
  frequency: 'quarterly',
  rounds: [
    {
      id: '2023-Q1',
      periodStart: '2023-01-01',
      periodEnd: '2023-03-31',
      deadline: '2023-04-07',
      reports: 3,
      counts: { ...NONE, not_started: 1, submitted: 1, accepted: 1 },
    },
  ],
  proposed: [
    { id: '2023-Q2', periodStart: '2023-04-01', periodEnd: '2023-06-30', deadline: '2023-07-07' },
    { id: '2023-Q3', periodStart: '2023-07-01', periodEnd: '2023-09-30', deadline: '2023-10-06' },
  ],
};

function show(status: 'adopted' | 'draft' = 'adopted') {
  return renderSignedIn(<MonitoringSection participant="DL" planId="AP-2023-2024" planStatus={status} />, {
    path: '/plans/AP-2023-2024?view=monitoring',
    route: '/plans/:planId',
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the monitoring view of a plan', () => {
  it('lists the rounds with their counts by status, linking each to its board', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'coordinator' }]) },
      [`GET ${ROUNDS}`]: { status: 200, body: LISTED },
    });
    await show();
    const table = await screen.findByRole('table', { name: 'Rounds of this plan and their reports by status' });
    const row = within(table).getAllByRole('row')[1];
    if (row === undefined) throw new Error('no row');
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual([expect.stringContaining('2023'), expect.any(String), '3', '1', '0', '1', '0', '1', '0']);
    expect(within(row).getByRole('link', { name: '2023-Q1' }).getAttribute('href')).toBe('/plans/AP-2023-2024/rounds/2023-Q1');
    expect(screen.getByText('Reporting frequency: Quarterly')).toBeDefined();
    expect(screen.getByRole('link', { name: 'Monitoring settings (deadlines and holidays)' }).getAttribute('href')).toBe(
      '/monitoring-settings',
    );
  });

  it('opens the chosen proposed rounds with their deadlines, then reads the rounds again', async () => {
    let opened = false;
    const requests = mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'coordinator' }]) },
      [`GET ${ROUNDS}`]: () => ({ status: 200, body: opened ? { ...LISTED, proposed: [] } : LISTED }),
      [`POST ${ROUNDS}`]: () => {
        opened = true;
        return { status: 201, body: { opened: [{ id: '2023-Q2', reports: 3 }] } };
      },
    });
    await show();
    fireEvent.click(await screen.findByRole('button', { name: 'Open rounds' }));
    const dialog = screen.getByRole('dialog', { name: 'Open monitoring rounds' });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /2023-Q3/ }));
    fireEvent.change(within(dialog).getByLabelText('Deadline of 2023-Q2'), { target: { value: '2023-07-10' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Open the chosen rounds' }));
    expect(await screen.findByText(/^1 round opened\./)).toBeDefined();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      rounds: [{ id: '2023-Q2', periodStart: '2023-04-01', periodEnd: '2023-06-30', deadline: '2023-07-10' }],
    });
    await waitFor(() => expect(requests.filter((r) => r.method === 'GET' && r.path === ROUNDS)).toHaveLength(2));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('opens a single round, leaving the deadline to the settings when it is empty', async () => {
    const requests = mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'coordinator' }]) },
      [`GET ${ROUNDS}`]: { status: 200, body: { ...LISTED, proposed: [] } },
      [`POST ${ROUNDS}`]: { status: 201, body: { opened: [{ id: 'SPECIAL', reports: 2 }] } },
    });
    await show();
    fireEvent.click(await screen.findByRole('button', { name: 'Open rounds' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText('All rounds of the plan’s reporting frequency are already open.')).toBeDefined();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Open this round' }));
    expect(within(dialog).getAllByText('Fill in this field.')).toHaveLength(3);
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    fireEvent.change(within(dialog).getByLabelText('Round code'), { target: { value: ' SPECIAL ' } });
    fireEvent.change(within(dialog).getByLabelText('Period starts on'), { target: { value: '2023-05-01' } });
    fireEvent.change(within(dialog).getByLabelText('Period ends on'), { target: { value: '2023-05-31' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Open this round' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'POST')).toBe(true));
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      rounds: [{ id: 'SPECIAL', periodStart: '2023-05-01', periodEnd: '2023-05-31' }],
    });
  });

  it('explains in words that rounds need an adopted plan', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'coordinator' }]) },
      [`GET ${ROUNDS}`]: { status: 200, body: { frequency: null, rounds: [], proposed: LISTED.proposed } },
      [`POST ${ROUNDS}`]: { status: 409, body: errorBody('DOCUMENT_NOT_ADOPTED', 'The document is not adopted.') },
    });
    await show('draft');
    expect(await screen.findByText('No round has been opened for this plan yet.')).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Open rounds' }));
    fireEvent.click(screen.getByRole('button', { name: 'Open the chosen rounds' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Rounds can be opened only for an adopted action plan. Adopt the plan first; reporting starts from there.',
    );
  });

  it('shows the rounds without the means to open them to those who may not', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'editor' }]) },
      [`GET ${ROUNDS}`]: { status: 200, body: LISTED },
    });
    await show();
    expect(await screen.findByRole('table')).toBeDefined();
    expect(screen.queryByRole('button', { name: 'Open rounds' })).toBeNull();
    expect(screen.queryByRole('link', { name: '2023-Q1' })).toBeNull();
    expect(screen.queryByRole('link', { name: /Monitoring settings/ })).toBeNull();
  });
});
