import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { editResult, nationalOutline, outline, STRATEGY_API } from '../test/editing.ts';
import { errorBody, mockApi, sessionFor, type RecordedRequest, type Reply } from '../test/fetch-mock.ts';
import { currentLocation, renderSignedIn } from '../test/signed-in.tsx';
import type { StrategyOutline } from './api.ts';
import { moveOf, PlanTree } from './PlanTree.tsx';

const EDITOR = sessionFor([{ role: 'editor' }]);
const OBSERVER = sessionFor([{ role: 'observer' }]);
const EDITS = `POST ${STRATEGY_API}/edits`;

function edits(requests: RecordedRequest[]): unknown[] {
  return requests.filter((request) => request.method === 'POST').flatMap((request) => (request.body as { edits: unknown[] }).edits);
}

/** The tree with its outline held by a parent that reads it again on every change, as the plan page does. */
function Harness({ initial, next, onChanged }: { initial: StrategyOutline; next?: StrategyOutline; onChanged?: () => void }) {
  const [shown, setShown] = useState(initial);
  return (
    <PlanTree
      participant="DL"
      strategyId="NS-2021-2024"
      outline={shown}
      planId="AP-2023-2024"
      onChanged={() => {
        onChanged?.();
        if (next) setShown(next);
      }}
    />
  );
}

async function renderTree(
  options: {
    session?: typeof EDITOR;
    outline?: StrategyOutline;
    next?: StrategyOutline;
    routes?: Record<string, Reply | ((request: RecordedRequest) => Reply)>;
    onChanged?: () => void;
  } = {},
) {
  const requests = mockApi({ 'GET /api/session': { status: 200, body: options.session ?? EDITOR }, ...options.routes });
  await renderSignedIn(<Harness initial={options.outline ?? outline()} next={options.next} onChanged={options.onChanged} />, {
    path: '/plans/AP-2023-2024',
  });
  return requests;
}

/** What the tree last announced to screen readers. */
function announcement(): string {
  return within(screen.getByRole('region', { name: 'Goals, objectives and activities' })).getByRole('status').textContent ?? '';
}

function row(code: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(`[data-row="${code}"]`);
  if (found === null) throw new Error(`no row ${code}`);
  return found;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('moveOf', () => {
  it('counts an activity’s position in the whole plan, among the activities of its objective', () => {
    const plan = outline();
    expect(moveOf(plan, 'AP-2023-2024', 'activity', 'A1.1.1', 'down')).toEqual({
      edit: { op: 'move', kind: 'activity', code: 'A1.1.1', parent: 'AP-2023-2024', position: 1 },
      position: 1,
      count: 2,
    });
    expect(moveOf(plan, 'AP-2023-2024', 'activity', 'A1.1.2', 'down')).toBeNull();
    expect(moveOf(plan, 'AP-2023-2024', 'objective', 'O1.2', 'up')?.edit).toEqual({
      op: 'move',
      kind: 'objective',
      code: 'O1.2',
      parent: 'G1',
      position: 0,
    });
    expect(moveOf(plan, undefined, 'goal', 'G1', 'up')).toBeNull();
    expect(moveOf(plan, undefined, 'goal', 'G1', 'down')?.edit).toEqual({ op: 'move', kind: 'goal', code: 'G1', position: 1 });
  });
});

describe('the plan tree', () => {
  it('shows goals with their area, objectives with their indicators, and the plan’s activities with lead, dates and cost', async () => {
    await renderTree();
    const g1 = row('G1');
    expect(within(g1).getByText('Coordination')).toBeDefined();
    expect(within(row('G2')).getByText('Prevention')).toBeDefined();
    expect(within(row('O1.1')).getByText(/2 indicators/).textContent).toBe('2 indicators · 2 activities');
    const activity = row('A2.1.1');
    expect(within(activity).getByRole('link', { name: 'Run a campaign' }).getAttribute('href')).toBe('/plans/AP-2023-2024/elements/A2.1.1');
    expect(within(activity).getByText('Safe House')).toBeDefined();
    expect(within(activity).getByText('1 Jan 2023 – 30 Jun 2024')).toBeDefined();
    expect(within(activity).getByText('€25,000.50')).toBeDefined();
    expect(within(row('A1.1.2')).getByText('No lead institution')).toBeDefined();
  });

  it('opens an element’s editor from its title', async () => {
    await renderTree();
    fireEvent.click(within(row('O1.2')).getByRole('link', { name: 'Align the law' }));
    expect(currentLocation()).toBe('/plans/AP-2023-2024/elements/O1.2');
  });

  it('folds and unfolds goals and objectives', async () => {
    await renderTree();
    const toggle = screen.getByRole('button', { name: 'Collapse G1' });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(toggle);
    expect(screen.getByRole('button', { name: 'Expand G1' }).getAttribute('aria-expanded')).toBe('false');
    expect(document.querySelector('[data-row="O1.1"]')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Collapse all' }));
    expect(document.querySelector('[data-row="O2.1"]')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Expand all' }));
    expect(row('A1.1.1')).toBeDefined();
  });

  it('adds an activity with a code proposed from its objective, through the edits', async () => {
    const onChanged = vi.fn();
    const requests = await renderTree({ routes: { [EDITS]: editResult('A1.1.3', 'activity', 1) }, onChanged });
    fireEvent.click(screen.getByRole('button', { name: 'Add an activity to O1.1' }));
    const form = screen.getByRole('group', { name: 'New activity under O1.1' });
    const code = within(form).getByLabelText('Code') as HTMLInputElement;
    expect(code.value).toBe('A1.1.3');
    expect(document.activeElement).toBe(code);
    fireEvent.change(within(form).getByLabelText('Title'), { target: { value: 'Publish a yearly report' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add activity' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledOnce());
    expect(edits(requests)).toEqual([
      {
        op: 'create',
        kind: 'activity',
        parent: 'AP-2023-2024',
        data: { id: 'A1.1.3', objective: 'O1.1', title: 'Publish a yearly report' },
      },
    ]);
    expect(announcement()).toBe('Activity A1.1.3 added. Open it to add its lead institution, dates and costs.');
  });

  it('closes an add form with Escape, giving focus back to the button that opened it', async () => {
    await renderTree();
    fireEvent.click(screen.getByRole('button', { name: 'Add an activity to O2.1' }));
    const form = screen.getByRole('group', { name: 'New activity under O2.1' });
    fireEvent.keyDown(within(form).getByLabelText('Title'), { key: 'Escape' });
    expect(screen.queryByRole('group', { name: 'New activity under O2.1' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add an activity to O2.1' }));
  });

  it('proposes the next goal and objective codes, and shows the field a refusal names', async () => {
    const requests = await renderTree({
      routes: {
        [EDITS]: {
          status: 400,
          body: errorBody('VALIDATION_FAILED', 'Some of the information is not valid.', [
            { path: 'edits[0].data.title', message: 'This field is required.' },
          ]),
        },
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add an objective to G2' }));
    expect((within(screen.getByRole('group', { name: 'New objective of G2' })).getByLabelText('Code') as HTMLInputElement).value).toBe(
      'O2.2',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Add a goal' }));
    const form = screen.getByRole('group', { name: 'New goal' });
    expect((within(form).getByLabelText('Code') as HTMLInputElement).value).toBe('G3');
    fireEvent.change(within(form).getByLabelText('Thematic area'), { target: { value: 'protection' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add a goal' }));
    const title = within(form).getByLabelText('Title');
    await waitFor(() => expect(title.getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByText('This field is required.')).toBeDefined();
    expect(edits(requests)).toEqual([{ op: 'create', kind: 'goal', data: { id: 'G3', title: '', area: 'protection' } }]);
  });

  it('moves an activity with Alt+Arrow keys, announces it, and keeps focus on the row', async () => {
    const moved = outline();
    const plan = moved.actionPlans[0];
    if (plan === undefined) throw new Error('no plan');
    plan.activities = [plan.activities[1], plan.activities[0], plan.activities[2]].filter((item) => item !== undefined);
    const requests = await renderTree({ routes: { [EDITS]: editResult('A1.1.1', 'activity', 4) }, next: moved });
    const link = within(row('A1.1.1')).getByRole('link');
    link.focus();
    fireEvent.keyDown(link, { key: 'ArrowDown', altKey: true });
    await waitFor(() => expect(edits(requests)).toHaveLength(1));
    expect(edits(requests)[0]).toEqual({ op: 'move', kind: 'activity', code: 'A1.1.1', parent: 'AP-2023-2024', position: 1 });
    await waitFor(() => expect(announcement()).toBe('A1.1.1 moved: now 2 of 2.'));
    const order = [...document.querySelectorAll('[data-kind="activity"][data-row]')].map((element) => element.getAttribute('data-row'));
    expect(order).toEqual(['A1.1.2', 'A1.1.1', 'A2.1.1']);
    // Now last of its objective: "down" is disabled, so focus lands on the row's link.
    await waitFor(() => expect(document.activeElement).toBe(within(row('A1.1.1')).getByRole('link')));
  });

  it('moves goals and objectives with their buttons', async () => {
    const requests = await renderTree({ routes: { [EDITS]: editResult('G2', 'goal', 2) } });
    expect((within(row('G1')).getByRole('button', { name: 'Move G1 up' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(row('G2')).getByRole('button', { name: 'Move G2 up' }));
    await waitFor(() => expect(edits(requests)).toEqual([{ op: 'move', kind: 'goal', code: 'G2', position: 0 }]));
  });

  it('asks before deleting, and shows what still refers to an element it may not delete', async () => {
    const requests = await renderTree({
      routes: {
        [EDITS]: {
          status: 409,
          body: errorBody('ELEMENT_IN_USE', 'This is still referred to.', [
            { path: '$.actionPlans[0].activities[0].objective', message: 'Activity A1.1.1 belongs to O1.1.' },
            { path: '$.actionPlans[0].activities[1].objective', message: 'Activity A1.1.2 belongs to O1.1.' },
          ]),
        },
      },
    });
    const button = within(row('O1.1')).getByRole('button', { name: 'Delete O1.1' });
    button.focus();
    fireEvent.click(button);
    const dialog = screen.getByRole('dialog', { name: 'Delete O1.1?' });
    expect(within(dialog).getByText(/Delete the objective O1.1 “Strengthen coordination”/)).toBeDefined();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Yes, delete' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('O1.1 cannot be deleted while other parts of the plan refer to it:');
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Activity A1.1.1 belongs to O1.1.', 'Activity A1.1.2 belongs to O1.1.']);
    expect(within(dialog).queryByRole('button', { name: 'Yes, delete' })).toBeNull();
    expect(edits(requests)).toEqual([{ op: 'delete', kind: 'objective', code: 'O1.1', version: 1 }]);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('deletes an activity once confirmed', async () => {
    const onChanged = vi.fn();
    const requests = await renderTree({ routes: { [EDITS]: editResult('A2.1.1', 'activity', 3) }, onChanged });
    fireEvent.click(within(row('A2.1.1')).getByRole('button', { name: 'Delete A2.1.1' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledOnce());
    expect(edits(requests)).toEqual([{ op: 'delete', kind: 'activity', code: 'A2.1.1', version: 2 }]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('offers no changes to a reader without plan.edit, and says why', async () => {
    await renderTree({ session: OBSERVER });
    expect(screen.getByText('You can read this plan. Changing it needs the role of editor or coordinator.')).toBeDefined();
    expect(screen.queryByRole('button', { name: /^Move|^Delete|^Add/ })).toBeNull();
    expect(within(row('A1.1.1')).getByRole('link')).toBeDefined();
  });

  it('keeps an adopted strategy’s goals as they are, in words, while the draft plan’s activities can change', async () => {
    await renderTree({ outline: outline({ strategyEditable: false }) });
    expect(
      screen.getByText(
        'The strategy was adopted by Government on 17 December 2020. Its goals and objectives can be changed only through an amendment, which a coordinator can open.',
      ),
    ).toBeDefined();
    expect(within(row('G1')).queryByRole('button', { name: /Delete/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add a goal' })).toBeNull();
    expect(within(row('A1.1.1')).getByRole('button', { name: 'Delete A1.1.1' })).toBeDefined();
    expect(screen.getByRole('button', { name: 'Add an activity to O1.1' })).toBeDefined();
  });

  it('keeps an adopted plan as it is, in words', async () => {
    await renderTree({ outline: outline({ strategyEditable: false, planEditable: false }) });
    expect(
      screen.getByText(
        'This action plan was adopted on 1 February 2023. Its activities can be changed only through an amendment, which a coordinator can open.',
      ),
    ).toBeDefined();
    expect(screen.queryByRole('button', { name: /^Move|^Delete|^Add/ })).toBeNull();
  });

  it('draws a national-scale plan (6 goals, 30 objectives, 500 activities) at once', async () => {
    mockApi({ 'GET /api/session': { status: 200, body: EDITOR } });
    const national = nationalOutline();
    const started = performance.now();
    await act(async () => {
      await renderSignedIn(
        <PlanTree participant="DL" strategyId="NS-2021-2024" outline={national} planId="AP-2023-2024" onChanged={() => undefined} />,
      );
    });
    const elapsed = performance.now() - started;
    expect(document.querySelectorAll('[data-kind="activity"][data-row]')).toHaveLength(500);
    expect(document.querySelectorAll('[data-kind="objective"][data-row]')).toHaveLength(30);
    // jsdom is several times slower than a browser; the browser test measures the real figure.
    expect(elapsed).toBeLessThan(5000);
  });
});
