import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StrategyOutline } from '../editing/api.ts';
import { STRATEGY_API, editResult, outline } from '../test/editing.ts';
import { errorBody, mockApi, sessionFor, type RecordedRequest, type Reply } from '../test/fetch-mock.ts';
import { renderSignedIn } from '../test/signed-in.tsx';
import { strategyDetail } from '../test/strategy.ts';
import { StrategyPage } from './StrategyPage.tsx';

const COORDINATOR = sessionFor([{ role: 'coordinator' }]);
const OBSERVER = sessionFor([{ role: 'observer' }]);

type EditBody = { edits: { op: string; kind: string; code: string; version: number; data: Record<string, unknown> }[] };

function routes(
  session: unknown,
  extra: Record<string, Reply | ((request: RecordedRequest) => Reply)> = {},
  view: StrategyOutline = outline(),
) {
  return {
    'GET /api/session': { status: 200, body: session },
    [`GET ${STRATEGY_API}/outline`]: { status: 200, body: view },
    [`GET ${STRATEGY_API}/elements/NS-2021-2024`]: { status: 200, body: strategyDetail() },
    [`GET ${STRATEGY_API}/history?document=strategy`]: { status: 200, body: { versions: [] } },
    [`GET ${STRATEGY_API}/history/current/changes?document=strategy`]: {
      status: 404,
      body: errorBody('NOT_FOUND', 'No amendment is open.'),
    },
    ...extra,
  };
}

async function openPage() {
  await renderSignedIn(<StrategyPage />, { path: '/strategies/NS-2021-2024', route: '/strategies/:strategyId' });
  await screen.findByLabelText('Title');
}

function edits(requests: RecordedRequest[]): EditBody['edits'] {
  return requests
    .filter((request) => request.method === 'POST' && request.path === `${STRATEGY_API}/edits`)
    .flatMap((request) => (request.body as EditBody).edits);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the strategy page', () => {
  it('saves a changed field by itself, over the version it was read at, and says so', async () => {
    const requests = mockApi(routes(COORDINATOR, { [`POST ${STRATEGY_API}/edits`]: editResult('NS-2021-2024', 'strategy', 5) }));
    await openPage();
    expect(screen.getByRole('heading', { level: 1, name: 'National Strategy 2021-2024' })).toBeDefined();

    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'National Strategy against Trafficking 2021-2024' } });
    await waitFor(() => expect(edits(requests)).toHaveLength(1), { timeout: 3000 });
    const [edit] = edits(requests);
    expect(edit).toMatchObject({ op: 'update', kind: 'strategy', code: 'NS-2021-2024', version: 4 });
    expect(edit?.data).toEqual({
      ...strategyDetail().data,
      title: 'National Strategy against Trafficking 2021-2024',
    });
    await waitFor(() => expect(screen.getByTestId('autosave-state').textContent).toBe('Saved'));
    // The page's heading follows the stored title.
    await screen.findByRole('heading', { level: 1, name: 'National Strategy against Trafficking 2021-2024' });
  });

  it('lists the eleven principles with what each asks, and saves the ticked ones in the order of the list', async () => {
    const requests = mockApi(routes(COORDINATOR, { [`POST ${STRATEGY_API}/edits`]: editResult('NS-2021-2024', 'strategy', 5) }));
    await openPage();
    const principles = screen.getByRole('group', { name: 'Guiding principles' });
    const boxes = within(principles).getAllByRole('checkbox');
    expect(boxes).toHaveLength(11);
    expect(within(principles).getByText('2 of 11 declared. Tick the principles the strategy commits to.')).toBeDefined();
    const nonPunishment = within(principles).getByRole('checkbox', { name: 'Non-punishment of victims' });
    expect(nonPunishment.getAttribute('aria-describedby')).toBe('strategy-principle-non_punishment-why');
    expect(document.getElementById('strategy-principle-non_punishment-why')?.textContent).toContain('compelled to commit');

    fireEvent.click(nonPunishment);
    fireEvent.click(within(principles).getByRole('checkbox', { name: 'Civil society participation' }));
    await waitFor(() => expect(edits(requests).length).toBeGreaterThan(0), { timeout: 3000 });
    expect(edits(requests).at(-1)?.data.principles).toEqual([
      'government_ownership',
      'civil_society_participation',
      'human_rights_victim_centred',
      'non_punishment',
    ]);
  });

  it('shows a refused value next to its field, from the path the server names', async () => {
    mockApi(
      routes(COORDINATOR, {
        [`POST ${STRATEGY_API}/edits`]: {
          status: 400,
          body: errorBody('VALIDATION_FAILED', 'Some of the information is not valid.', [
            { path: 'edits[0].data.periodEnd', message: 'The last year must not be before the first year (2021).' },
          ]),
        },
      }),
    );
    await openPage();
    fireEvent.change(screen.getByLabelText('Last year'), { target: { value: '2019' } });
    const message = await screen.findByText('The last year must not be before the first year (2021).', {}, { timeout: 3000 });
    const field = screen.getByLabelText('Last year');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toContain(message.id);
  });

  it('does not send a year that is not one, and says why at the field', async () => {
    const requests = mockApi(routes(COORDINATOR));
    await openPage();
    fireEvent.change(screen.getByLabelText('First year'), { target: { value: '20x1' } });
    expect(await screen.findByText('Enter a year of four digits, for example 2025.', {}, { timeout: 3000 })).toBeDefined();
    expect(edits(requests)).toHaveLength(0);
  });

  it('shows both versions after a conflicting save and keeps the stored one on request', async () => {
    const stored = { ...strategyDetail().data, title: 'Title saved by Marko' };
    mockApi(
      routes(COORDINATOR, {
        [`POST ${STRATEGY_API}/edits`]: {
          status: 409,
          body: errorBody('EDIT_CONFLICT', 'Someone else has changed this in the meantime.', undefined, {
            code: 'NS-2021-2024',
            kind: 'strategy',
            version: 5,
            data: stored,
          }),
        },
      }),
    );
    await openPage();
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'My title' } });
    const panel = await screen.findByRole('region', { name: 'Someone else saved this element in the meantime' }, { timeout: 3000 });
    const row = within(panel).getByRole('row', { name: /Title/ });
    expect(within(row).getByText('My title')).toBeDefined();
    expect(within(row).getByText('Title saved by Marko')).toBeDefined();
    fireEvent.click(within(panel).getByRole('button', { name: 'Take the saved version' }));
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Title saved by Marko');
  });

  it('renders the situation analysis preview from Markdown, without raw HTML', async () => {
    mockApi(routes(COORDINATOR));
    await openPage();
    fireEvent.click(screen.getByRole('tab', { name: 'Preview' }));
    const preview = screen.getByRole('tabpanel', { name: 'Preview' });
    expect(within(preview).getByRole('heading', { level: 4, name: 'Trends' })).toBeDefined();
    expect(within(preview).getByText('women').tagName).toBe('STRONG');
    expect(preview.querySelector('script')).toBeNull();
    expect(preview.textContent).not.toContain('alert');
  });

  it('shows the fields read-only to an observer, and saves nothing', async () => {
    const requests = mockApi(routes(OBSERVER));
    await openPage();
    expect(screen.getByText('You can read this strategy; changing it is for editors and coordinators.')).toBeDefined();
    const title = screen.getByLabelText('Title') as HTMLInputElement;
    expect(title.readOnly).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'Rule of law' }) as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'New action plan' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add a risk' })).toBeNull();
    expect(edits(requests)).toHaveLength(0);
  });

  it('creates an action plan and links to it', async () => {
    let created = false;
    const requests = mockApi(
      routes(COORDINATOR, {
        [`POST ${STRATEGY_API}/edits`]: () => {
          created = true;
          return editResult('AP-2025', 'action_plan', 1);
        },
        [`GET ${STRATEGY_API}/outline`]: () => {
          const view = outline();
          if (created) {
            view.actionPlans.push({
              id: 'AP-2025',
              title: 'Annual plan 2025',
              start: '2025-01-01',
              end: '2025-12-31',
              status: 'draft',
              version: 1,
              editable: true,
              amendment: null,
              activities: [],
            });
          }
          return { status: 200, body: view };
        },
      }),
    );
    await openPage();
    fireEvent.click(screen.getByRole('button', { name: 'New action plan' }));
    const form = screen.getByRole('region', { name: 'New action plan' });
    fireEvent.change(within(form).getByLabelText('Code'), { target: { value: 'AP-2025' } });
    fireEvent.change(within(form).getByLabelText('Title'), { target: { value: 'Annual plan 2025' } });
    fireEvent.change(within(form).getByLabelText('Start'), { target: { value: '2025-01-01' } });
    fireEvent.change(within(form).getByLabelText('End'), { target: { value: '2025-12-31' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create the action plan' }));

    const link = await screen.findByRole('link', { name: 'Open AP-2025' });
    expect(link.getAttribute('href')).toBe('/plans/AP-2025');
    expect(edits(requests)).toEqual([
      { op: 'create', kind: 'action_plan', data: { id: 'AP-2025', title: 'Annual plan 2025', start: '2025-01-01', end: '2025-12-31' } },
    ]);
    const table = await screen.findByRole('table', { name: 'Action plans of the strategy NS-2021-2024' });
    await within(table).findByRole('link', { name: 'Annual plan 2025' });
  });
});
