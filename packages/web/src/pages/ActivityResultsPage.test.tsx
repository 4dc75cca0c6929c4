import { screen, within } from '@testing-library/react';
import type { ActivityReports } from '@ariadne/domain';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi, sessionFor } from '../test/fetch-mock.ts';
import { renderSignedIn } from '../test/signed-in.tsx';
import { ActivityResultsPage } from './ActivityResultsPage.tsx';

const REPORTS_PATH = '/api/participants/DL/action-plans/AP-2021-2022/activities/A2.2.1/reports';

const REPORTS: ActivityReports = {
  plan: 'AP-2021-2022',
  strategy: 'NS-2021-2024',
  currency: 'EUR',
  activity: {
    id: 'A2.2.1',
    title: 'Joint labour inspections',
    objective: 'O2.2',
    lead: { id: 'SLI', name: 'State Labour Inspectorate' },
    partners: [{ id: 'POL', name: 'Police' }],
    start: '2021-01-01',
    end: '2022-12-31',
  },
  planned: [
    { year: 2021, amount: 16000 },
    { year: 2022, amount: 16000 },
  ],
  plannedTotal: 32000,
  spentTotal: 23000,
  rounds: [
    {
      id: '2021-H1',
      periodStart: '2021-01-01',
      periodEnd: '2021-06-30',
      reports: [
        {
          institution: 'SLI',
          institutionName: 'State Labour Inspectorate',
          reportStatus: 'accepted',
          counted: true,
          status: 'ongoing',
          spent: [{ source: 'state_budget', amount: 6900 }],
          spentTotal: 6900,
          narrative: '14 joint inspections.',
          obstacles: null,
        },
      ],
      spent: 6900,
      cumulativeSpent: 6900,
      cumulativePlanned: 16000,
    },
    {
      id: '2021-H2',
      periodStart: '2021-07-01',
      periodEnd: '2021-12-31',
      reports: [
        {
          institution: 'SLI',
          institutionName: 'State Labour Inspectorate',
          reportStatus: 'returned',
          counted: false,
          status: 'ongoing',
          spent: [{ source: 'state_budget', amount: 8200 }],
          spentTotal: 8200,
          narrative: '24 joint inspections.',
          obstacles: 'Only 11 inspectors.',
        },
      ],
      spent: 0,
      cumulativeSpent: 6900,
      cumulativePlanned: 16000,
    },
    {
      id: '2022-H1',
      periodStart: '2022-01-01',
      periodEnd: '2022-06-30',
      reports: [],
      spent: 16100,
      cumulativeSpent: 23000,
      cumulativePlanned: 32000,
    },
  ],
};

afterEach(() => {
  vi.unstubAllGlobals();
});

async function showActivity(role: 'coordinator' | 'donor', path = '/plans/AP-2021-2022/activities/A2.2.1') {
  const requests = mockApi({
    'GET /api/session': { status: 200, body: sessionFor([{ role }]) },
    [`GET ${REPORTS_PATH}`]: { status: 200, body: REPORTS },
  });
  await renderSignedIn(<ActivityResultsPage />, { path, route: '/plans/:planId/activities/:code' });
  await screen.findByRole('heading', { level: 1, name: 'A2.2.1: Joint labour inspections' });
  return requests;
}

describe('the page of an activity’s results', () => {
  it('gives the facts of the activity with money planned and spent', async () => {
    const requests = await showActivity('donor');
    expect(requests.map((request) => request.path)).toContain(REPORTS_PATH);
    expect(screen.getByTestId('activity-planned').textContent).toBe('€32,000.00');
    expect(screen.getByTestId('activity-spent').textContent).toBe('€23,000.00');
    expect(screen.getByText('State Labour Inspectorate', { selector: 'dd' }).textContent).toBe('State Labour Inspectorate SLI');
  });

  it('charts spent against planned, added up round by round, with the figures in a table', async () => {
    await showActivity('donor');
    expect(
      screen.getByText('By the end of round 2022-H1, €23,000.00 has been spent, against €32,000.00 planned up to 2022.'),
    ).toBeDefined();
    const table = screen.getByRole('table', { name: 'Money by round' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [
        within(row).getByRole('rowheader').textContent,
        ...within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ]);
    expect(rows).toEqual([
      ['2021-H1', '€6,900.00', '€6,900.00', '€16,000.00'],
      ['2021-H2', '€0.00', '€6,900.00', '€16,000.00'],
      ['2022-H1', '€16,100.00', '€23,000.00', '€32,000.00'],
    ]);
    expect(screen.getByTestId('chart-activity-money')).toBeDefined();
    expect(screen.getByRole('table', { name: 'Planned by year' })).toBeDefined();
  });

  it('lists every report per round in words, saying which ones do not count', async () => {
    await showActivity('donor');
    const returned = screen.getByRole('table', { name: 'Reports on the activity in round 2021-H2' });
    const row = within(returned).getAllByRole('row')[1] as HTMLElement;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['Returned for changes (not counted)', 'Ongoing', 'State budget: €8,200.00', '24 joint inspections.', 'Only 11 inspectors.']);
    const accepted = screen.getByRole('table', { name: 'Reports on the activity in round 2021-H1' });
    expect(within(accepted).getByText('Accepted')).toBeDefined();
    expect(within(accepted).getByText('Not given')).toBeDefined();
    expect(screen.getByText('No report names this activity in this round.')).toBeDefined();
  });

  it('links back to the progress view and, for editors, to the activity’s editor', async () => {
    await showActivity('coordinator', '/plans/AP-2021-2022/activities/A2.2.1?asOf=2022-06-30');
    expect(screen.getByRole('link', { name: 'Back to the action plan’s progress' }).getAttribute('href')).toBe(
      '/plans/AP-2021-2022?view=progress&asOf=2022-06-30',
    );
    expect(screen.getByRole('link', { name: 'Edit this activity' }).getAttribute('href')).toBe('/plans/AP-2021-2022/elements/A2.2.1');
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
    await showActivity('donor');
    expect(screen.getByRole('link', { name: 'Back to the action plan’s progress' }).getAttribute('href')).toBe(
      '/plans/AP-2021-2022?view=progress',
    );
    expect(screen.queryByRole('link', { name: 'Edit this activity' })).toBeNull();
  });
});
