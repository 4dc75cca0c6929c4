import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorBody, mockApi, type Reply } from '../../test/fetch-mock.ts';
import { COSTS } from '../../test/insight.ts';
import { FINANCE } from '../../test/plans.ts';
import { drillDown, FinanceSection } from './FinanceSection.tsx';

const PLAN = '/api/participants/DL/action-plans/AP-2021-2022';

function renderFinance(routes: Record<string, Reply> = {}) {
  mockApi({ [`GET ${PLAN}/finance`]: { status: 200, body: FINANCE }, [`GET ${PLAN}/costs`]: { status: 200, body: COSTS }, ...routes });
  render(
    <MemoryRouter>
      <FinanceSection participant="DL" planId="AP-2021-2022" />
    </MemoryRouter>,
  );
  return screen.getByRole('region', { name: 'Financial plan' });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('drillDown', () => {
  it('sums the selected cost lines per activity, in the order of the lines', () => {
    expect(drillDown(COSTS.items, { area: 'protection' })).toEqual({
      activities: [
        { activity: 'A3.1.2', title: 'Activity A3.1.2', area: 'protection', lead: 'MLSP', leadName: 'Ministry of Labour', amount: 33000 },
        { activity: 'A3.2.1', title: 'Activity A3.2.1', area: 'protection', lead: 'MOI', leadName: 'Ministry of Interior', amount: 6000 },
      ],
      total: 39000,
    });
    expect(drillDown(COSTS.items, { year: 2022, source: 'donor', status: 'unfunded' }).activities.map((a) => a.amount)).toEqual([14000]);
    expect(drillDown(COSTS.items, {}).total).toBe(68000);
    expect(drillDown(COSTS.items, { area: 'children' })).toEqual({ activities: [], total: 0 });
  });
});

describe('the financial plan', () => {
  it('gives the key figures and the NGO share against the 30 % benchmark', async () => {
    const finance = renderFinance();
    expect((await within(finance).findByTestId('finance-total')).textContent).toBe('€1,181,500.00');
    expect(within(finance).getByTestId('finance-ngo-share').textContent).toBe('36.4%');
    expect(within(finance).getByTestId('finance-ngo-benchmark').textContent).toBe('Above the benchmark of 30%');
  });

  it('shows the resource plan by area and year with the totals of rows and columns', async () => {
    const finance = renderFinance();
    const table = await within(finance).findByRole('table', { name: 'Resource plan: planned costs by area and year' });
    const header = within(table)
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent);
    expect(header).toEqual(['Area', '2021', '2022', 'Total']);
    const protection = within(table).getByRole('rowheader', { name: 'Protection' }).parentElement as HTMLElement;
    expect([...protection.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual(['€19,000.00', '€20,000.00', '€39,000.00']);
    const totals = within(table).getByRole('rowheader', { name: 'All areas' }).parentElement as HTMLElement;
    expect([...totals.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual(['€33,500.00', '€34,500.00', '€68,000.00']);
    expect(within(finance).getByRole('figure', { name: 'Planned costs by area and year' })).toBeDefined();
  });

  it('lists the activities behind a cell, a total, a source or a status, and gives focus back on closing', async () => {
    const finance = renderFinance();
    const cell = await within(finance).findByRole('button', { name: '€20,000.00: list the activities of Protection, 2022' });
    fireEvent.click(cell);
    const heading = await within(finance).findByRole('heading', { name: 'Activities: Protection, 2022' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(cell.getAttribute('aria-pressed')).toBe('true');
    const panel = within(finance).getByTestId('drill-down');
    expect(within(panel).getByText('2 activities, €20,000.00 in all.')).toBeDefined();
    const rows = within(within(panel).getByRole('table')).getAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual([
      'ActivityTitleAreaLead institutionAmount',
      'A3.1.2Activity A3.1.2ProtectionMinistry of Labour€14,000.00',
      'A3.2.1Activity A3.2.1ProtectionMinistry of Interior€6,000.00',
      'Total€20,000.00',
    ]);
    fireEvent.click(within(panel).getByRole('button', { name: 'Close the list' }));
    expect(within(finance).queryByTestId('drill-down')).toBeNull();
    expect(document.activeElement).toBe(cell);

    fireEvent.click(within(finance).getByRole('button', { name: '€68,000.00: list the activities of all planned costs' }));
    expect(await within(finance).findByText('3 activities, €68,000.00 in all.')).toBeDefined();

    const byStatus = within(finance).getByRole('table', { name: 'Costs by funding status' });
    fireEvent.click(within(byStatus).getByRole('button', { name: '€175,000.00: list the activities of Unfunded' }));
    expect(await within(finance).findByRole('heading', { name: 'Activities: Unfunded' })).toBeDefined();
    expect(within(within(finance).getByTestId('drill-down')).getByText('A3.1.2')).toBeDefined();
  });

  it('draws money by source and by status as charts with a summary in words', async () => {
    const finance = renderFinance();
    const bySource = await within(finance).findByRole('figure', { name: 'Costs by funding source' });
    expect(
      within(bySource).getByText('The largest source of funding is State budget: €612,500.00, or 51.8% of the planned costs.'),
    ).toBeDefined();
    const byStatus = within(finance).getByRole('figure', { name: 'Costs by funding status' });
    expect(within(byStatus).getByText('Of the planned costs, 62.2% are secured, 23% pledged and 14.8% unfunded.')).toBeDefined();
    expect(within(byStatus).getByText('Show the data')).toBeDefined();
  });

  it('shows the donor view with a link to its Excel workbook', async () => {
    const finance = renderFinance();
    const table = await within(finance).findByRole('table', { name: 'Unfunded activities with their cost, area and lead institution' });
    const row = within(table).getByRole('rowheader', { name: 'A3.1.2' }).parentElement as HTMLElement;
    expect(row.textContent).toBe('A3.1.2Activity A3.1.2ProtectionMinistry of Labour€33,000.00€14,000.00');
    expect(within(table).getByTestId('donor-view-total').textContent).toBe('€14,000.00');
    expect(
      within(finance).getByText(
        '1 activity has costs for which no funding has been found yet, €14,000.00 in all: what donors and development partners can still support.',
      ),
    ).toBeDefined();
    const link = within(finance).getByRole('link', { name: 'Download as Excel' });
    expect(link.getAttribute('href')).toBe(`${PLAN}/donor-view.xlsx`);
    expect(link.hasAttribute('download')).toBe(true);
  });

  it('keeps the figures of /finance when the costs cannot be read, and offers to try again', async () => {
    const finance = renderFinance({ [`GET ${PLAN}/costs`]: { status: 500, body: errorBody('INTERNAL', 'The costs could not be read.') } });
    expect((await within(finance).findByTestId('finance-total')).textContent).toBe('€1,181,500.00');
    expect((await within(finance).findAllByText('The costs could not be read.')).length).toBeGreaterThan(0);
    expect(within(finance).getByRole('table', { name: 'Costs by funding source' })).toBeDefined();
    expect(within(finance).queryByRole('button', { name: /list the activities/ })).toBeNull();
  });
});
