import { screen, within } from '@testing-library/react';
import type { IndicatorSeries } from '@ariadne/domain';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorBody, mockApi, sessionFor } from '../test/fetch-mock.ts';
import { renderSignedIn } from '../test/signed-in.tsx';
import { IndicatorPage } from './IndicatorPage.tsx';

const SERIES_PATH = '/api/participants/DL/action-plans/AP-2021-2022/indicators/O3.1-I1/series?asOf=2022-12-31';

const SERIES: IndicatorSeries = {
  plan: 'AP-2021-2022',
  strategy: 'NS-2021-2024',
  asOf: '2022-12-31',
  indicator: {
    id: 'O3.1-I1',
    name: 'Identified victims and presumed victims of trafficking',
    level: 'outcome',
    measure: 'number',
    unit: 'persons',
    scale: [],
    baseline: { value: 64, year: 2020 },
    target: { value: 110, year: 2024 },
    milestones: [{ value: 85, year: 2022 }],
    disaggregation: ['sex', 'age_group'],
  },
  owner: { kind: 'objective', id: 'O3.1' },
  rounds: [
    {
      id: '2021-H1',
      periodStart: '2021-01-01',
      periodEnd: '2021-06-30',
      value: 66,
      reports: 1,
      milestone: null,
      breakdown: [
        {
          dimension: 'sex',
          categories: [
            { category: 'female', value: 42, reports: 1 },
            { category: 'male', value: 24, reports: 1 },
          ],
        },
      ],
    },
    { id: '2021-H2', periodStart: '2021-07-01', periodEnd: '2021-12-31', value: null, reports: 0, milestone: null, breakdown: [] },
    {
      id: '2022-H1',
      periodStart: '2022-01-01',
      periodEnd: '2022-06-30',
      value: 78,
      reports: 1,
      milestone: 85,
      breakdown: [
        {
          dimension: 'sex',
          categories: [
            { category: 'female', value: 46, reports: 1 },
            { category: 'male', value: 32, reports: 1 },
          ],
        },
        {
          dimension: 'age_group',
          categories: [
            { category: 'adult', value: 51, reports: 1 },
            { category: 'child', value: 27, reports: 1 },
          ],
        },
      ],
    },
  ],
  actual: 78,
  actualRound: '2022-H1',
  progress: 0.3043,
  expected: 0.4997,
  status: 'at_risk',
};

afterEach(() => {
  vi.unstubAllGlobals();
});

async function showIndicator(role: 'coordinator' | 'observer', reply: { status: number; body: unknown } = { status: 200, body: SERIES }) {
  const requests = mockApi({
    'GET /api/session': { status: 200, body: sessionFor([{ role }]) },
    [`GET ${SERIES_PATH}`]: reply,
  });
  await renderSignedIn(<IndicatorPage />, {
    path: '/plans/AP-2021-2022/indicators/O3.1-I1?asOf=2022-12-31',
    route: '/plans/:planId/indicators/:code',
  });
  return requests;
}

describe('the page of an indicator', () => {
  it('gives the key facts and the status in words, at the date of the progress view', async () => {
    const requests = await showIndicator('coordinator');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'O3.1-I1: Identified victims and presumed victims of trafficking' }),
    ).toBeDefined();
    expect(requests.map((request) => request.path)).toContain(SERIES_PATH);
    expect(screen.getByTestId('indicator-baseline').textContent).toBe('64 in 2020');
    expect(screen.getByTestId('indicator-target').textContent).toBe('110 in 2024');
    expect(screen.getByTestId('indicator-actual').textContent).toBe('78 (round 2022-H1)');
    expect(screen.getByTestId('indicator-status').textContent).toBe(
      'At risk 30.4% of the way from baseline to target; 50% expected by this date.',
    );
  });

  it('tabulates the values round by round, with the milestone of each round and no data where none was reported', async () => {
    await showIndicator('observer');
    const table = await screen.findByRole('table', { name: 'Values of O3.1-I1 by round' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      );
    expect(rows).toEqual([
      ['1 January 2021 – 30 June 2021', '66', '1', 'None'],
      ['1 July 2021 – 31 December 2021', 'No data', '0', 'None'],
      ['1 January 2022 – 30 June 2022', '78', '1', '85'],
    ]);
    expect(
      screen.getByText('Values were reported in 2 of 3 rounds; the latest is 78 (round 2022-H1). The target is 110 by 2024.'),
    ).toBeDefined();
    expect(screen.getByTestId('chart-indicator-series')).toBeDefined();
  });

  it('charts each dimension of the latest breakdown, with every round in its data table', async () => {
    await showIndicator('observer');
    expect(await screen.findByRole('heading', { name: 'By Sex, round 2022-H1' })).toBeDefined();
    expect(screen.getByText('2 categories in round 2022-H1; the largest is female with 46.')).toBeDefined();
    const table = screen.getByRole('table', { name: 'Sex, by round' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Category', '2021-H1', '2022-H1']);
    const female = within(table).getByRole('rowheader', { name: 'female' }).parentElement as HTMLElement;
    expect(
      within(female)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['42', '46']);
    const ages = screen.getByRole('table', { name: 'Age group, by round' });
    const child = within(ages).getByRole('rowheader', { name: 'child' }).parentElement as HTMLElement;
    expect(
      within(child)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['No data', '27']);
  });

  it('links back to the progress view at the same date, and to the editor only for those who may edit', async () => {
    await showIndicator('coordinator');
    const back = await screen.findByRole('link', { name: 'Back to the action plan’s progress' });
    expect(back.getAttribute('href')).toBe('/plans/AP-2021-2022?view=progress&asOf=2022-12-31');
    expect(screen.getByRole('link', { name: 'Edit this indicator' }).getAttribute('href')).toBe('/plans/AP-2021-2022/elements/O3.1-I1');
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
    await showIndicator('observer');
    expect(await screen.findByRole('link', { name: 'Back to the action plan’s progress' })).toBeDefined();
    expect(screen.queryByRole('link', { name: 'Edit this indicator' })).toBeNull();
  });

  it('links an activity indicator to its activity’s page, and shows the server’s word for an unknown one', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'observer' }]) },
      [`GET ${SERIES_PATH}`]: { status: 200, body: { ...SERIES, owner: { kind: 'activity', id: 'A3.1.3' } } },
    });
    await renderSignedIn(<IndicatorPage />, {
      path: '/plans/AP-2021-2022/indicators/O3.1-I1?asOf=2022-12-31',
      route: '/plans/:planId/indicators/:code',
    });
    const link = await screen.findByRole('link', { name: 'Activity A3.1.3' });
    expect(link.getAttribute('href')).toBe('/plans/AP-2021-2022/activities/A3.1.3?asOf=2022-12-31');
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
    await showIndicator('observer', { status: 404, body: errorBody('NOT_FOUND', 'Not found.') });
    expect((await screen.findByRole('alert')).textContent).toContain('Not found.');
    expect(screen.getByRole('heading', { level: 1, name: 'Indicator O3.1-I1' })).toBeDefined();
  });
});
