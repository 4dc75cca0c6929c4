import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { STRATEGY_API, outline } from '../test/editing.ts';
import { mockApi, sessionFor } from '../test/fetch-mock.ts';
import { renderSignedIn } from '../test/signed-in.tsx';
import type { StrategyOutline } from './api.ts';
import { LifecycleControls } from './LifecycleControls.tsx';

const COORDINATOR = sessionFor([{ role: 'coordinator' }]);
const EDITOR = sessionFor([{ role: 'editor' }]);
const OBSERVER = sessionFor([{ role: 'observer' }]);

function adopted(amendment = false): StrategyOutline {
  const view = outline({ strategyEditable: false });
  if (amendment) {
    view.strategy.editable = true;
    view.strategy.amendment = {
      number: 2,
      reason: 'Mid-term review',
      openedBy: 'coordinator@demoland.example',
      openedAt: '2022-05-02T08:00:00Z',
    };
  }
  return view;
}

async function show(session: unknown, view: StrategyOutline, onChanged: () => void = () => undefined, document = 'strategy') {
  const requests = mockApi({
    'GET /api/session': { status: 200, body: session },
    [`POST ${STRATEGY_API}/status`]: { status: 200, body: { status: 'adopted', version: 5 } },
    [`POST ${STRATEGY_API}/amendments`]: {
      status: 200,
      body: { number: 2, reason: 'x', openedBy: null, openedAt: '2024-01-01T00:00:00Z' },
    },
    [`POST ${STRATEGY_API}/amendments/current/adopt`]: { status: 200, body: {} },
    [`POST ${STRATEGY_API}/amendments/current/withdraw`]: { status: 200, body: {} },
  });
  await renderSignedIn(
    <LifecycleControls participant="DL" strategyId="NS-2021-2024" document={document} outline={view} onChanged={onChanged} />,
  );
  return requests;
}

function buttonNames(): string[] {
  return screen.queryAllByRole('button').map((button) => button.textContent ?? '');
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the life cycle controls', () => {
  it('offer a coordinator consultation and adoption of a draft', async () => {
    await show(COORDINATOR, outline());
    expect(screen.getByText(/^This strategy is a draft: editors can change it\./)).toBeDefined();
    expect(buttonNames()).toEqual(['Send to consultation', 'Adopt…']);
  });

  it('offer an editor consultation only, and say who adopts', async () => {
    await show(EDITOR, outline());
    expect(buttonNames()).toEqual(['Send to consultation']);
    expect(screen.getByText('Adoption is recorded by the national coordinator.')).toBeDefined();
  });

  it('offer an observer nothing but the status in words', async () => {
    await show(OBSERVER, outline());
    expect(buttonNames()).toEqual([]);
    expect(screen.getByText('Draft')).toBeDefined();
  });

  it('offer a coordinator an amendment, expiry and supersession of an adopted strategy, and explain the freeze', async () => {
    await show(COORDINATOR, adopted());
    expect(
      screen.getByText(/was adopted on 17 December 2020\. Adopted by: Government|was adopted on 17 December 2020 by Government\./),
    ).toBeDefined();
    expect(screen.getByText(/This version is frozen: later changes go through an amendment/)).toBeDefined();
    expect(buttonNames()).toEqual(['Open an amendment…', 'Mark as expired…', 'Mark as superseded…']);
  });

  it('offer an editor nothing on an adopted strategy', async () => {
    await show(EDITOR, adopted());
    expect(buttonNames()).toEqual([]);
  });

  it('offer adoption or withdrawal of an open amendment', async () => {
    await show(COORDINATOR, adopted(true));
    expect(screen.getByText('Amendment 2 open')).toBeDefined();
    expect(screen.getByText(/Reason: Mid-term review\./)).toBeDefined();
    expect(buttonNames()).toEqual(['Adopt the amendment…', 'Withdraw the amendment…']);
  });

  it('asks for the adopting body of a strategy before adopting, then records date and body', async () => {
    const onChanged = vi.fn();
    const requests = await show(COORDINATOR, outline(), onChanged);
    fireEvent.click(screen.getByRole('button', { name: 'Adopt…' }));
    const dialog = screen.getByRole('dialog', { name: 'Adopt the strategy' });
    expect(within(dialog).getByText(/freezes this version/)).toBeDefined();
    fireEvent.change(within(dialog).getByLabelText('Date of adoption'), { target: { value: '2024-03-15' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Adopt' }));
    const body = within(dialog).getByLabelText('Adopted by');
    await waitFor(() => expect(body.getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog).getByText('This field is required.')).toBeDefined();
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(0);

    fireEvent.change(body, { target: { value: 'Government' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Adopt' }));
    await screen.findByText('The status is now: Adopted.');
    expect(requests.filter((request) => request.method === 'POST').map((request) => request.body)).toEqual([
      { document: 'strategy', status: 'adopted', version: 4, adoptedOn: '2024-03-15', adoptedBy: 'Government' },
    ]);
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('adopts an action plan with a date alone', async () => {
    const requests = await show(COORDINATOR, outline(), () => undefined, 'AP-2023-2024');
    expect(screen.getByText(/^This action plan is a draft/)).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Adopt…' }));
    const dialog = screen.getByRole('dialog', { name: 'Adopt the action plan' });
    fireEvent.change(within(dialog).getByLabelText('Date of adoption'), { target: { value: '2023-02-01' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Adopt' }));
    await screen.findByText('The status is now: Adopted.');
    expect(requests.filter((request) => request.method === 'POST').map((request) => request.body)).toEqual([
      { document: 'AP-2023-2024', status: 'adopted', version: 2, adoptedOn: '2023-02-01' },
    ]);
  });

  it('opens an amendment only with a reason', async () => {
    const requests = await show(COORDINATOR, adopted());
    fireEvent.click(screen.getByRole('button', { name: 'Open an amendment…' }));
    const dialog = screen.getByRole('dialog', { name: 'Open an amendment' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Open the amendment' }));
    await within(dialog).findByText('This field is required.');
    fireEvent.change(within(dialog).getByLabelText('Reason for the amendment'), { target: { value: 'Mid-term review' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Open the amendment' }));
    await screen.findByText('The amendment is open. Changes made from now on are part of it.');
    expect(requests.filter((request) => request.method === 'POST').map((request) => [request.path, request.body])).toEqual([
      [`${STRATEGY_API}/amendments`, { document: 'strategy', reason: 'Mid-term review' }],
    ]);
  });

  it('asks before marking an adopted strategy as expired, and closes with Escape', async () => {
    const requests = await show(COORDINATOR, adopted());
    fireEvent.click(screen.getByRole('button', { name: 'Mark as expired…' }));
    const dialog = screen.getByRole('dialog', { name: 'Mark the strategy as expired' });
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Mark as expired…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, mark as expired' }));
    await screen.findByText('The status is now: Expired.');
    expect(requests.filter((request) => request.method === 'POST').map((request) => request.body)).toEqual([
      { document: 'strategy', status: 'expired', version: 4 },
    ]);
  });

  it('withdraws an amendment after asking', async () => {
    const requests = await show(COORDINATOR, adopted(true));
    fireEvent.click(screen.getByRole('button', { name: 'Withdraw the amendment…' }));
    expect(screen.getByText(/Every change made in it is undone/)).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Yes, withdraw it' }));
    await screen.findByText('The amendment has been withdrawn; the adopted version is restored.');
    expect(requests.filter((request) => request.method === 'POST').map((request) => [request.path, request.body])).toEqual([
      [`${STRATEGY_API}/amendments/current/withdraw`, { document: 'strategy' }],
    ]);
  });
});
