import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App.tsx';
import { localToday } from '../format.ts';
import { DEMOLAND, mockApi, sessionFor } from '../test/fetch-mock.ts';
import { COMPARISON, REGIONAL, SHARED_VICTIMS, VICTIMS_KEY } from '../test/insight.ts';

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
      [`GET /api/regional/comparison?asOf=${localToday()}`]: { status: 200, body: { ...COMPARISON, asOf: localToday(), indicators: [] } },
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
      'GET /api/regional/comparison?asOf=2022-06-30': { status: 200, body: { ...COMPARISON, indicators: [] } },
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

  it('sets the thematic structures side by side by the 4P and compares the chosen shared indicator year by year, small counts hidden', async () => {
    const convictionsKey = COMPARISON.indicators[1]?.key ?? '';
    const requests = mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'regional' }]) },
      'GET /api/regional?asOf=2022-06-30': { status: 200, body: REGIONAL },
      'GET /api/regional/comparison?asOf=2022-06-30': { status: 200, body: COMPARISON },
      [`GET /api/regional/indicator?asOf=2022-06-30&key=${encodeURIComponent(VICTIMS_KEY)}`]: { status: 200, body: SHARED_VICTIMS },
      [`GET /api/regional/indicator?asOf=2022-06-30&key=${encodeURIComponent(convictionsKey)}`]: {
        status: 200,
        body: { ...SHARED_VICTIMS, key: convictionsKey, name: 'Final convictions for trafficking in human beings', unit: 'convictions' },
      },
    });
    renderApp('/regional?asOf=2022-06-30');
    const structures = await screen.findByRole('table', { name: 'Strategic areas of each Participant’s strategy, on 30 June 2022' });
    expect(
      within(structures)
        .getAllByRole('rowheader')
        .map((cell) => cell.textContent),
    ).toEqual(['The 4P approach', 'Prevention', 'Protection', 'Prosecution', 'Partnership', 'Beyond the 4P', 'Children']);
    const cells = (name: string) =>
      [...(within(structures).getByRole('rowheader', { name }).parentElement as HTMLElement).querySelectorAll('td')].map(
        (cell) => cell.textContent,
      );
    expect(cells('Protection')).toEqual(['Goal 2: Protect victims', 'No strategy to compare']);
    expect(cells('Prosecution')).toEqual(['Not a separate area', 'No strategy to compare']);
    expect(cells('Children')).toEqual(['Goal 3: Children', 'No strategy to compare']);

    // The most shared indicator is compared first.
    const choice = screen.getByLabelText('Indicator to compare') as HTMLSelectElement;
    expect([...choice.options].map((option) => option.textContent)).toEqual([
      'Identified victims and presumed victims of trafficking (2 Participants)',
      'Final convictions for trafficking in human beings (2 Participants)',
    ]);
    expect(await screen.findByRole('heading', { level: 3, name: 'Identified victims and presumed victims of trafficking' })).toBeDefined();
    const values = screen.getByRole('table', {
      name: 'Identified victims and presumed victims of trafficking: baseline, value of each year and target, by Participant',
    });
    const row = (name: string) =>
      [...(within(values).getByRole('rowheader', { name }).parentElement as HTMLElement).querySelectorAll('td')].map(
        (cell) => cell.textContent,
      );
    expect(row('Demoland')).toEqual(['64 (2020)', '71', '80', '110 (2024)']);
    expect(row('Westmark')).toEqual(['< 5 (2020)', '47', '–', '70 (2025)']);

    fireEvent.change(choice, { target: { value: convictionsKey } });
    expect(await screen.findByRole('heading', { level: 3, name: 'Final convictions for trafficking in human beings' })).toBeDefined();
    expect(requests.some((request) => request.path.includes(encodeURIComponent(convictionsKey)))).toBe(true);
  });

  it('says so when no published indicator is shared', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'regional' }]) },
      'GET /api/regional?asOf=2022-06-30': { status: 200, body: REGIONAL },
      'GET /api/regional/comparison?asOf=2022-06-30': { status: 200, body: { ...COMPARISON, indicators: [] } },
    });
    renderApp('/regional?asOf=2022-06-30');
    expect(await screen.findByText('No published indicator is shared by two Participants yet.')).toBeDefined();
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
