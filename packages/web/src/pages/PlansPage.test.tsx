import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App.tsx';
import { errorBody, mockApi, sessionFor } from '../test/fetch-mock.ts';
import { STRATEGIES } from '../test/plans.ts';

const COORDINATOR = sessionFor([{ role: 'coordinator' }]);
const OBSERVER = sessionFor([{ role: 'observer' }]);
const EDITOR = sessionFor([{ role: 'editor' }]);
const FOCAL_POINT = sessionFor([{ role: 'focal_point', institution: { code: 'MOI', name: 'Ministry of Interior' } }]);

function renderAt(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <App />
    </MemoryRouter>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the plans page', () => {
  it('lists the strategy with its action plans, a download link, and the import button for editors', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: COORDINATOR },
      'GET /api/participants/DL/strategies': { status: 200, body: STRATEGIES },
    });
    renderAt('/plans');
    const strategy = await screen.findByRole('region', {
      name: 'National Strategy for Combating Trafficking in Human Beings 2021-2024',
    });
    expect(within(strategy).getByText('NS-2021-2024')).toBeDefined();
    expect(within(strategy).getByText('2021–2024')).toBeDefined();
    expect(within(strategy).getAllByText('Adopted')).toHaveLength(2);

    const table = within(strategy).getByRole('table', { name: 'Action plans of the strategy NS-2021-2024' });
    const first = within(table).getByRole('link', { name: 'Action Plan 2021-2022' });
    expect(first.getAttribute('href')).toBe('/plans/AP-2021-2022');
    expect(within(table).getByRole('link', { name: 'Action Plan 2023-2024' }).getAttribute('href')).toBe('/plans/AP-2023-2024');
    expect(within(table).getByText('1 January 2021')).toBeDefined();
    expect(within(table).getByText('31 December 2024')).toBeDefined();
    expect(within(table).getByText('Draft')).toBeDefined();

    const download = within(strategy).getByRole('link', { name: 'Download as plan package' });
    expect(download.getAttribute('href')).toBe('/api/participants/DL/strategies/NS-2021-2024/package');
    expect(download.hasAttribute('download')).toBe(true);
    // Several strategies' links are told apart by their description, the strategy's title.
    expect(document.getElementById(download.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'National Strategy for Combating Trafficking in Human Beings 2021-2024',
    );

    expect(screen.getByRole('link', { name: 'Import a plan package' }).getAttribute('href')).toBe('/plans/import');
    expect(within(screen.getByRole('navigation', { name: 'Main navigation' })).getByRole('link', { name: 'Plans' })).toBeDefined();
  });

  it('offers the download but not the import to people without plan.edit', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: OBSERVER },
      'GET /api/participants/DL/strategies': { status: 200, body: STRATEGIES },
    });
    renderAt('/plans');
    expect(await screen.findByRole('link', { name: 'Download as plan package' })).toBeDefined();
    expect(screen.queryByRole('link', { name: 'Import a plan package' })).toBeNull();
  });

  it('links each strategy to its page', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: OBSERVER },
      'GET /api/participants/DL/strategies': { status: 200, body: STRATEGIES },
    });
    renderAt('/plans');
    const link = await screen.findByRole('link', { name: 'Open the strategy' });
    expect(link.getAttribute('href')).toBe('/strategies/NS-2021-2024');
    expect(screen.queryByRole('button', { name: 'New strategy' })).toBeNull();
  });

  it('creates a new strategy for an editor and opens its page', async () => {
    const requests = mockApi({
      'GET /api/session': { status: 200, body: EDITOR },
      'GET /api/participants/DL/strategies': { status: 200, body: STRATEGIES },
      'POST /api/participants/DL/strategies': (request) =>
        (request.body as { id: string }).id === 'NS-2021-2024'
          ? {
              status: 409,
              body: errorBody('ALREADY_EXISTS', 'This already exists.', [
                { path: 'id', message: 'The id “NS-2021-2024” is already used in the strategy NS-2021-2024 of this Participant.' },
              ]),
            }
          : { status: 201, body: { participant: 'DL', strategy: 'NS-2025-2028', actionPlans: [] } },
      'GET /api/participants/DL/strategies/NS-2025-2028/outline': { status: 500, body: errorBody('INTERNAL', 'not needed here') },
    });
    renderAt('/plans');
    fireEvent.click(await screen.findByRole('button', { name: 'New strategy' }));
    const form = screen.getByRole('region', { name: 'New strategy' });
    fireEvent.change(within(form).getByLabelText('Code'), { target: { value: 'NS-2021-2024' } });
    fireEvent.change(within(form).getByLabelText('Title'), { target: { value: 'National Strategy 2025-2028' } });
    fireEvent.change(within(form).getByLabelText('First year'), { target: { value: '2025' } });
    fireEvent.change(within(form).getByLabelText('Last year'), { target: { value: '2028' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create the strategy' }));
    expect(await within(form).findByText(/is already used in the strategy NS-2021-2024/)).toBeDefined();

    fireEvent.change(within(form).getByLabelText('Code'), { target: { value: 'NS-2025-2028' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create the strategy' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'New strategy' })).toBeNull());
    expect(requests.filter((request) => request.method === 'POST').at(-1)?.body).toEqual({
      id: 'NS-2025-2028',
      title: 'National Strategy 2025-2028',
      periodStart: 2025,
      periodEnd: 2028,
    });
  });

  it('says so when no strategy has been imported yet', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: COORDINATOR },
      'GET /api/participants/DL/strategies': { status: 200, body: { items: [] } },
    });
    renderAt('/plans');
    expect(await screen.findByText('No strategy has been imported yet.')).toBeDefined();
  });

  it('does not open the import page for a focal point', async () => {
    const requests = mockApi({ 'GET /api/session': { status: 200, body: FOCAL_POINT } });
    renderAt('/plans/import');
    expect(await screen.findByText('You do not have permission to do this.')).toBeDefined();
    expect(screen.queryByLabelText('Plan package file (.json)')).toBeNull();
    // Only the session (and the header's count of notifications): nothing of the import page.
    expect(requests.filter((r) => !r.path.startsWith('/api/notifications'))).toHaveLength(1);
  });
});
