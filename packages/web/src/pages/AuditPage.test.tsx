import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App.tsx';
import { mockApi, sessionFor } from '../test/fetch-mock.ts';
import { changedFields } from './AuditPage.tsx';

const COORDINATOR = sessionFor([{ role: 'coordinator' }]);

function entry(id: number, actor: string | null) {
  return {
    id,
    at: `2026-03-0${id % 9 || 1}T10:00:00Z`,
    actor,
    action: 'user.update',
    entity: 'user',
    entityId: String(id),
    before: { disabled: false, displayName: 'Boris' },
    after: { disabled: true, displayName: 'Boris' },
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('changedFields', () => {
  it('lists only the fields whose values differ, including added and removed ones', () => {
    expect(changedFields({ a: 1, b: [1], c: 'x' }, { a: 1, b: [2], d: true })).toEqual([
      { field: 'b', before: [1], after: [2] },
      { field: 'c', before: 'x', after: undefined },
      { field: 'd', before: undefined, after: true },
    ]);
    expect(changedFields(null, null)).toEqual([]);
  });
});

describe('the audit trail', () => {
  it('shows entries with their changes and loads older ones on request', async () => {
    const requests = mockApi({
      'GET /api/session': { status: 200, body: COORDINATOR },
      'GET /api/participants/DL/audit?limit=50': {
        status: 200,
        body: { items: [entry(8, 'ana@example.org'), entry(7, null)], nextBefore: 7 },
      },
      'GET /api/participants/DL/audit?limit=50&before=7': {
        status: 200,
        body: { items: [entry(6, 'ana@example.org')], nextBefore: null },
      },
    });
    render(
      <MemoryRouter initialEntries={['/audit']}>
        <App />
      </MemoryRouter>,
    );
    const table = await screen.findByRole('table', { name: 'Recorded changes in Demoland, newest first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[1] as HTMLElement).getByText('System')).toBeDefined();
    expect(within(rows[0] as HTMLElement).getByText('8 Mar 2026', { exact: false })).toBeDefined();
    const summary = within(rows[0] as HTMLElement).getByText('Show 1 changed field');
    fireEvent.click(summary);
    expect(within(rows[0] as HTMLElement).getByText('disabled')).toBeDefined();
    expect(within(rows[0] as HTMLElement).getByText('No')).toBeDefined();
    expect(within(rows[0] as HTMLElement).getByText('Yes')).toBeDefined();

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('3 entries shown')).toBeDefined();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(requests.map((r) => r.path)).toContain('/api/participants/DL/audit?limit=50&before=7');
  });
});
