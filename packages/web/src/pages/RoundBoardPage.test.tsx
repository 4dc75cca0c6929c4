import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockApi, sessionFor } from '../test/fetch-mock.ts';
import { currentLocation, renderSignedIn } from '../test/signed-in.tsx';
import type { RoundBoard } from '../monitoringApi.ts';
import { RoundBoardPage, sortRows } from './RoundBoardPage.tsx';

const BOARD = '/api/participants/DL/action-plans/AP-2023-2024/rounds/2023-Q2/board?today=2023-07-20';

const ROWS: RoundBoard['institutions'] = [
  {
    institution: 'MOI',
    name: 'Ministry of Interior',
    status: 'accepted',
    submittedOn: '2023-07-05',
    onTime: true,
    history: [
      { round: '2023-Q1', deadline: '2023-04-07', submittedOn: '2023-04-10', onTime: false },
      { round: '2023-Q2', deadline: '2023-07-07', submittedOn: '2023-07-05', onTime: true },
    ],
  },
  {
    institution: 'NGO1',
    name: 'Safe House',
    status: 'overdue',
    submittedOn: null,
    onTime: null,
    history: [
      { round: '2023-Q1', deadline: '2023-04-07', submittedOn: '2023-04-03', onTime: true },
      { round: '2023-Q2', deadline: '2023-07-07', submittedOn: null, onTime: null },
    ],
  },
  { institution: 'CSW', name: 'Centre for Social Work', status: 'not_started', submittedOn: null, onTime: null, history: [] },
];

const ANSWER: RoundBoard = {
  round: { id: '2023-Q2', periodStart: '2023-04-01', periodEnd: '2023-06-30', deadline: '2023-07-07' },
  counts: { not_started: 1, draft: 0, submitted: 0, returned: 0, accepted: 1, overdue: 1 },
  institutions: ROWS,
};

beforeEach(() => {
  vi.useFakeTimers({ now: new Date(2023, 6, 20, 12), toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function showBoard(path = '/plans/AP-2023-2024/rounds/2023-Q2') {
  const requests = mockApi({
    'GET /api/session': { status: 200, body: sessionFor([{ role: 'coordinator' }]) },
    [`GET ${BOARD}`]: { status: 200, body: ANSWER },
  });
  await renderSignedIn(<RoundBoardPage />, { path, route: '/plans/:planId/rounds/:roundId' });
  const table = await screen.findByRole('table', { name: 'Institutions reporting in round 2023-Q2' });
  return { requests, table };
}

function institutionsIn(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole('rowheader')
    .map((cell) => cell.textContent ?? '');
}

describe('sortRows', () => {
  it('sorts by name, or by status in the order of the board, both ways', () => {
    expect(sortRows(ROWS, 'institution', false, 'en').map((row) => row.institution)).toEqual(['CSW', 'MOI', 'NGO1']);
    expect(sortRows(ROWS, 'status', false, 'en').map((row) => row.institution)).toEqual(['CSW', 'MOI', 'NGO1']);
    expect(sortRows(ROWS, 'status', true, 'en').map((row) => row.institution)).toEqual(['NGO1', 'MOI', 'CSW']);
  });
});

describe('the board of a round', () => {
  it('gives the counts by status in words and a row per institution', async () => {
    const { table, requests } = await showBoard();
    expect(requests.map((r) => r.path)).toContain(BOARD);
    expect(
      within(screen.getByTestId('board-counts'))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Not started: 1', 'Draft: 0', 'Submitted: 0', 'Returned: 0', 'Accepted: 1', 'Overdue: 1']);
    expect(institutionsIn(table)).toEqual(['Centre for Social Work', 'Ministry of Interior', 'Safe House']);
    const moi = within(table).getByRole('row', { name: /Ministry of Interior/ });
    expect(within(moi).getByText('Accepted')).toBeDefined();
    expect(within(moi).getByText('On time')).toBeDefined();
    expect(within(moi).getByText('1 of 2 on time')).toBeDefined();
    expect(within(moi).getByRole('link', { name: 'Ministry of Interior' }).getAttribute('href')).toBe(
      '/plans/AP-2023-2024/rounds/2023-Q2/reports/MOI',
    );
    const ngo = within(table).getByRole('row', { name: /Safe House/ });
    expect(within(ngo).getByText('Overdue')).toBeDefined();
    expect(within(ngo).getByText('Not submitted')).toBeDefined();
    expect(within(ngo).getByText('1 of 1 on time')).toBeDefined();
    expect(within(table).getByText('No rounds yet')).toBeDefined();
  });

  it('filters by status, keeping the filter in the address', async () => {
    const { table } = await showBoard();
    fireEvent.change(screen.getByLabelText('Show institutions with status'), { target: { value: 'overdue' } });
    expect(institutionsIn(table)).toEqual(['Safe House']);
    expect(screen.getByText('1 of 3 institutions shown.')).toBeDefined();
    expect(currentLocation()).toBe('/plans/AP-2023-2024/rounds/2023-Q2?status=overdue');
  });

  it('reads the filter from the address, and sorts by status when asked', async () => {
    const { table } = await showBoard('/plans/AP-2023-2024/rounds/2023-Q2?status=accepted');
    expect(institutionsIn(table)).toEqual(['Ministry of Interior']);
    fireEvent.change(screen.getByLabelText('Show institutions with status'), { target: { value: '' } });
    fireEvent.click(within(table).getByRole('button', { name: 'Status' }));
    fireEvent.click(within(table).getByRole('button', { name: 'Status' }));
    expect(institutionsIn(table)).toEqual(['Safe House', 'Ministry of Interior', 'Centre for Social Work']);
    expect(within(table).getByRole('columnheader', { name: 'Status' }).getAttribute('aria-sort')).toBe('descending');
  });
});
