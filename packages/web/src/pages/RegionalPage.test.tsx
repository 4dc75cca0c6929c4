import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App.tsx';
import { localToday } from '../format.ts';
import { DEMOLAND, mockApi, sessionFor } from '../test/fetch-mock.ts';
import { REGIONAL } from '../test/insight.ts';

function renderApp(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <App />
    </MemoryRouter>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the regional picture', () => {
  it('is in the navigation of a regional user, and opens as of today', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'regional' }]) },
      'GET /api/participants/DL': { status: 200, body: DEMOLAND },
      [`GET /api/regional?asOf=${localToday()}`]: { status: 200, body: { ...REGIONAL, asOf: localToday() } },
    });
    renderApp('/');
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    fireEvent.click(within(nav).getByRole('link', { name: 'Regional picture' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Regional picture' })).toBeDefined();
    expect((screen.getByLabelText('As of') as HTMLInputElement).value).toBe(localToday());
    expect(await screen.findByRole('table', { name: /^Strategies and action plans in force on / })).toBeDefined();
  });

  it('shows the strategies and plans in force per Participant and the principles matrix for the date in the address', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'coordinator' }]) },
      'GET /api/regional?asOf=2022-06-30': { status: 200, body: REGIONAL },
    });
    renderApp('/regional?asOf=2022-06-30');
    const inForce = await screen.findByRole('table', { name: 'Strategies and action plans in force on 30 June 2022' });
    const demoland = within(inForce).getByRole('rowheader', { name: 'Demoland' }).parentElement as HTMLElement;
    expect([...demoland.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual([
      'National Strategy 2021-2024 (2021–2024)',
      'Action Plan 2021-2022, 1 January 2021 to 31 December 2022',
    ]);
    const westmark = within(inForce).getByRole('rowheader', { name: 'Westmark' }).parentElement as HTMLElement;
    expect([...westmark.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual([
      'No strategy in forceLast strategy: Strategy 2015-2019 (2015–2019), expired',
      'No action plan in force',
    ]);

    const matrix = screen.getByRole('table', { name: 'Guiding principles declared by the strategy of each Participant, on 30 June 2022' });
    expect(
      within(matrix)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Principle', 'Demoland', 'Westmark']);
    expect(
      within(matrix)
        .getAllByRole('rowheader')
        .map((cell) => cell.textContent),
    ).toHaveLength(12);
    const ownership = within(matrix).getByRole('rowheader', { name: 'Government ownership' }).parentElement as HTMLElement;
    // In words, not only by a mark or a colour.
    expect([...ownership.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual(['✓ Declared', '– Not declared']);
    expect(within(matrix).getByTestId('principles-count-DL').textContent).toBe('3 of 11');
    expect(within(matrix).getByTestId('principles-count-WM').textContent).toBe('1 of 11');
  });

  it('is closed, and not in the navigation, for a role without the regional view', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'editor' }]) },
      'GET /api/participants/DL': { status: 200, body: DEMOLAND },
    });
    renderApp('/regional');
    expect(await screen.findByText('You do not have permission to do this.')).toBeDefined();
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).queryByRole('link', { name: 'Regional picture' })).toBeNull();
  });
});
