import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi } from '../../test/fetch-mock.ts';
import { progressAsOf } from '../../test/plans.ts';
import { ProgressSection } from './ProgressSection.tsx';

const PLAN = '/api/participants/DL/action-plans/AP-2021-2022';

function Address() {
  const location = useLocation();
  return <output data-testid="address">{`${location.pathname}${location.search}`}</output>;
}

function renderProgress(path: string) {
  const requests = mockApi({
    [`GET ${PLAN}/progress?asOf=2022-12-31`]: { status: 200, body: progressAsOf('2022-12-31') },
    // A national plan's hundreds of indicators.
    [`GET ${PLAN}/progress?asOf=2023-06-30`]: {
      status: 200,
      body: {
        ...progressAsOf('2022-12-31'),
        asOf: '2023-06-30',
        indicators: Array.from({ length: 130 }, (_, index) => ({
          ...progressAsOf('2022-12-31').indicators[0]!,
          id: `I-${index + 1}`,
        })),
      },
    },
    [`GET ${PLAN}/progress?asOf=2021-06-30`]: {
      status: 200,
      body: {
        ...progressAsOf('2021-06-30'),
        activities: { ...progressAsOf('2021-06-30').activities, implementationRate: 0 },
        budget: { plannedToDate: 501500, spent: 132001, execution: 0.2632 },
      },
    },
  });
  render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route
          path="/plans/:planId"
          element={
            <>
              <ProgressSection participant="DL" currency="EUR" planId="AP-2021-2022" />
              <Address />
            </>
          }
        />
      </Routes>
    </MemoryRouter>,
  );
  return { requests, section: screen.getByRole('region', { name: 'Progress' }) };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('progress as of a date', () => {
  it('reads the date from the address, and keeps the chosen date there', async () => {
    const { section, requests } = renderProgress('/plans/AP-2021-2022?asOf=2022-12-31&tab=progress');
    expect((within(section).getByLabelText('As of') as HTMLInputElement).value).toBe('2022-12-31');
    expect((await within(section).findByTestId('implementation-rate')).textContent).toBe('25%');
    fireEvent.change(within(section).getByLabelText('As of'), { target: { value: '2021-06-30' } });
    expect(screen.getByTestId('address').textContent).toBe('/plans/AP-2021-2022?asOf=2021-06-30&tab=progress');
    expect(await within(section).findByText('0%')).toBeDefined();
    expect(within(section).getByTestId('budget-execution').textContent).toBe('26.3%');
    expect(requests.map((r) => r.path)).toEqual([`${PLAN}/progress?asOf=2022-12-31`, `${PLAN}/progress?asOf=2021-06-30`]);
  });

  it('draws activities by area and status as stacked bars over their table, with a summary in words', async () => {
    const { section } = renderProgress('/plans/AP-2021-2022?asOf=2022-12-31');
    const figure = await within(section).findByRole('figure', { name: 'Activities by area and status' });
    expect(within(figure).getByText('Of 4 activities: completed 1, ongoing 1, delayed 1, not started 1, cancelled 0.')).toBeDefined();
    // The table is the chart's data and stays in view.
    expect(figure.querySelector('details')).toBeNull();
    expect(within(figure).getByRole('table', { name: 'Activities by status and area, as of 31 December 2022' })).toBeDefined();
  });

  it('counts indicators by status, and draws each from its baseline to its target in the colour and pattern of its status', async () => {
    const { section } = renderProgress('/plans/AP-2021-2022?asOf=2022-12-31');
    const figure = await within(section).findByRole('figure', { name: 'Indicators by status' });
    expect(
      within(figure).getByText('Of 3 indicators: achieved 1, on track 0, at risk 0, off track 1, no data 0, not measurable 1.'),
    ).toBeDefined();
    const table = within(section).getByRole('table', { name: 'Indicators as of 31 December 2022' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Indicator', 'Baseline', 'Actual value', 'Target', 'Progress', 'Expected by then', 'Status']);
    const achieved = within(table).getByTestId('progress-fill-A1.1.1-I1');
    expect(achieved.className).toBe('indicator-fill fill-achieved');
    expect(achieved.style.width).toBe('100%');
    expect(within(table).getByTestId('progress-fill-A2.1.1-I1').className).toBe('indicator-fill fill-off_track');
    // Status in words beside the colour.
    const row = within(table).getByRole('rowheader', { name: 'A2.1.1-I1' }).parentElement as HTMLElement;
    expect(within(row).getByText('Off track')).toBeDefined();
  });

  it('lists the first hundred indicators of a large plan, and all of them when asked', async () => {
    const { section } = renderProgress('/plans/AP-2021-2022?asOf=2023-06-30');
    const table = await within(section).findByRole('table', { name: 'Indicators as of 30 June 2023' });
    expect(within(table).getAllByRole('rowheader')).toHaveLength(100);
    expect(within(section).getByText(/^The first 100 of 130 indicators are shown\./)).toBeDefined();
    fireEvent.click(within(section).getByRole('button', { name: 'Show all 130 indicators' }));
    expect(within(table).getAllByRole('rowheader')).toHaveLength(130);
    expect(within(section).queryByRole('button', { name: 'Show all 130 indicators' })).toBeNull();
    expect(document.activeElement).toBe(within(table).getByRole('link', { name: 'I-101' }));
  });

  it('sets budget execution in words and as a chart', async () => {
    const { section } = renderProgress('/plans/AP-2021-2022?asOf=2022-12-31');
    const figure = await within(section).findByRole('figure', { name: 'Budget execution' });
    expect(within(figure).getByText('€250,750.50 of the €501,500.00 planned up to the chosen year have been spent: 50%.')).toBeDefined();
  });
});
