import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { STRATEGY_API } from '../test/editing.ts';
import { errorBody, mockApi } from '../test/fetch-mock.ts';
import { CHANGES_2, VERSIONS } from '../test/strategy.ts';
import { HistorySection } from './HistorySection.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

function routes(current: unknown = null) {
  return {
    [`GET ${STRATEGY_API}/history?document=strategy`]: { status: 200, body: VERSIONS },
    [`GET ${STRATEGY_API}/history/current/changes?document=strategy`]:
      current === null ? { status: 404, body: errorBody('NOT_FOUND', 'No amendment is open.') } : { status: 200, body: current },
    [`GET ${STRATEGY_API}/history/2/changes?document=strategy`]: { status: 200, body: CHANGES_2 },
    [`GET ${STRATEGY_API}/history/1/changes?document=strategy`]: { status: 200, body: { from: null, to: 1, changes: [] } },
  };
}

describe('the history of versions', () => {
  it('lists the versions, newest first, with who recorded them', async () => {
    mockApi(routes());
    render(<HistorySection participant="DL" strategyId="NS-2021-2024" document="strategy" />);
    const list = await screen.findByRole('list', { name: 'Versions, newest first' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => within(item).getByRole('heading', { level: 3 }).textContent)).toEqual([
      'Version 2 Amendment',
      'Version 1 Adoption',
    ]);
    expect(within(items[0] as HTMLElement).getByText('Mid-term review')).toBeDefined();
    expect(within(items[0] as HTMLElement).getByText('30 June 2022')).toBeDefined();
    expect(within(items[1] as HTMLElement).getByText(/^coordinator@demoland\.example, /)).toBeDefined();
    // No amendment is open: nothing about one.
    expect(screen.queryByRole('heading', { name: 'Changes in the open amendment' })).toBeNull();
  });

  it('shows what changed in a version as a list grouped by the kind of change, with translated fields', async () => {
    const requests = mockApi(routes());
    render(<HistorySection participant="DL" strategyId="NS-2021-2024" document="strategy" />);
    const button = await screen.findByRole('button', { name: 'What changed in version 2' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const panel = document.getElementById(button.getAttribute('aria-controls') ?? '') as HTMLElement;
    await within(panel).findByText('Changes from version 1 to version 2:');
    expect(
      within(panel)
        .getAllByRole('heading', { level: 4 })
        .map((heading) => heading.textContent),
    ).toEqual(['Added (1)', 'Removed (1)', 'Changed (2)', 'Moved (1)']);
    const changed = within(panel).getByRole('region', { name: 'Changed (2)' });
    const items = within(changed).getAllByRole('listitem');
    // Activities before risks, in the order of the plan's tree.
    expect(items[0]?.textContent).toContain('Activity A1.1.1 – Hold monthly meetings');
    expect(within(items[0] as HTMLElement).getByText('Title')).toBeDefined();
    expect(items[0]?.textContent).toContain('Before: Hold quarterly meetings → After: Hold monthly meetings');
    expect(within(items[1] as HTMLElement).getByText('Likelihood')).toBeDefined();
    expect(items[1]?.textContent).toContain('Before: Political → After: Financial');
    expect(within(panel).getByRole('region', { name: 'Moved (1)' }).textContent).toContain('Place in the plan');
    expect(within(panel).getByRole('region', { name: 'Added (1)' }).textContent).toContain('Risk RSK-7 – Elections delay the budget');
    expect(within(panel).getByRole('region', { name: 'Removed (1)' }).textContent).toContain('Recommendation REC-02 – Fund shelters');

    // Closing and opening again reads nothing more.
    fireEvent.click(button);
    fireEvent.click(button);
    expect(requests.filter((request) => request.path.includes('/history/2/'))).toHaveLength(1);
  });

  it('says that the first version has nothing before it', async () => {
    mockApi(routes());
    render(<HistorySection participant="DL" strategyId="NS-2021-2024" document="strategy" />);
    fireEvent.click(await screen.findByRole('button', { name: 'What changed in version 1' }));
    expect(await screen.findByText('This is the first adopted version: there is no earlier one to compare it with.')).toBeDefined();
  });

  it('shows the changes of the open amendment', async () => {
    mockApi(routes({ from: 2, to: 3, changes: [CHANGES_2.changes[0]] }));
    render(<HistorySection participant="DL" strategyId="NS-2021-2024" document="strategy" />);
    const current = await screen.findByRole('region', { name: 'Changes in the open amendment' });
    expect(within(current).getByText(/^Not adopted yet/)).toBeDefined();
    expect(current.textContent).toContain('Hold quarterly meetings → After: Hold monthly meetings');
  });

  it('says when nothing has been adopted yet', async () => {
    mockApi({ ...routes(), [`GET ${STRATEGY_API}/history?document=strategy`]: { status: 200, body: { versions: [] } } });
    render(<HistorySection participant="DL" strategyId="NS-2021-2024" document="strategy" />);
    expect(await screen.findByText('No version has been adopted yet.')).toBeDefined();
  });
});
