import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RULE_GROUP_ORDER } from '@ariadne/domain';
import { App } from '../App.tsx';
import { localToday } from '../format.ts';
import { editResult, outline, STRATEGY_API } from '../test/editing.ts';
import { errorBody, mockApi, sessionFor, type RecordedRequest, type Reply } from '../test/fetch-mock.ts';
import { COSTS } from '../test/insight.ts';
import { FINANCE, REVIEW, STRATEGIES, progressAsOf } from '../test/plans.ts';
import { groupFindings } from './plan/ReviewSection.tsx';
import { progressBarWidth } from './plan/ProgressSection.tsx';
import { PLAN_VIEWS, viewOf } from './ActionPlanPage.tsx';

const EDITOR = sessionFor([{ role: 'editor' }]);
const FOCAL_POINT = sessionFor([{ role: 'focal_point', institution: { code: 'MOI', name: 'Ministry of Interior' } }]);
const OBSERVER = sessionFor([{ role: 'observer' }]);
const PLAN = '/api/participants/DL/action-plans/AP-2023-2024';

type Route = Reply | ((request: RecordedRequest) => Reply);

function routes(session = EDITOR, extra: Record<string, Route> = {}): Record<string, Route> {
  return {
    'GET /api/session': { status: 200, body: session },
    'GET /api/participants/DL/strategies': { status: 200, body: STRATEGIES },
    [`GET ${STRATEGY_API}/outline`]: { status: 200, body: outline({ strategyEditable: false }) },
    [`GET ${PLAN}/review`]: { status: 200, body: REVIEW },
    [`GET ${PLAN}/finance`]: { status: 200, body: FINANCE },
    [`GET ${PLAN}/costs`]: { status: 200, body: COSTS },
    [`GET ${PLAN}/progress?asOf=${localToday()}`]: { status: 200, body: progressAsOf(localToday()) },
    [`GET ${STRATEGY_API}/history?document=AP-2023-2024`]: { status: 200, body: { versions: [] } },
    [`GET ${STRATEGY_API}/history/current/changes?document=AP-2023-2024`]: {
      status: 404,
      body: errorBody('NOT_FOUND', 'No amendment is open.'),
    },
    ...extra,
  };
}

function renderPlan(path = '/plans/AP-2023-2024') {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <App />
    </MemoryRouter>,
  );
}

function views(): HTMLElement {
  return screen.getByRole('navigation', { name: 'On this page' });
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('viewOf', () => {
  it('shows the view the address asks for when the reader may see it, the plan otherwise', () => {
    expect(viewOf('finance', PLAN_VIEWS)).toBe('finance');
    expect(viewOf('finance', ['plan', 'review'])).toBe('plan');
    expect(viewOf(null, PLAN_VIEWS)).toBe('plan');
    expect(viewOf('nonsense', PLAN_VIEWS)).toBe('plan');
  });
});

describe('the action plan page', () => {
  it('shows the plan’s details, its views, and the plan tree first', async () => {
    mockApi(routes());
    renderPlan();
    expect(await screen.findByRole('heading', { level: 1, name: 'Action Plan 2023-2024' })).toBeDefined();
    await waitFor(() => expect(document.title).toBe('Action Plan 2023-2024 – Ariadne'));
    expect(screen.getByText('AP-2023-2024')).toBeDefined();
    expect(
      screen.getByRole('link', { name: 'National Strategy for Combating Trafficking in Human Beings 2021-2024' }).getAttribute('href'),
    ).toBe('/strategies/NS-2021-2024');
    const links = within(views()).getAllByRole('link');
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['Plan', '/plans/AP-2023-2024?view=plan'],
      ['Timeline', '/plans/AP-2023-2024?view=timeline'],
      ['Plan review', '/plans/AP-2023-2024?view=review'],
      ['Financial plan', '/plans/AP-2023-2024?view=finance'],
      ['Progress', '/plans/AP-2023-2024?view=progress'],
      ['Monitoring', '/plans/AP-2023-2024?view=monitoring'],
      ['History', '/plans/AP-2023-2024?view=history'],
      ['Documents', '/plans/AP-2023-2024/documents'],
      ['Operational plans', '/plans/AP-2023-2024/operational'],
    ]);
    expect(within(views()).getByRole('link', { name: 'Plan' }).getAttribute('aria-current')).toBe('page');
    expect(await screen.findByRole('region', { name: 'Goals, objectives and activities' })).toBeDefined();
    expect(screen.queryByRole('region', { name: 'Plan review' })).toBeNull();
  });

  it('opens the view the address names, and another from the navigation', async () => {
    mockApi(routes());
    renderPlan('/plans/AP-2023-2024?view=review');
    const review = await screen.findByRole('region', { name: 'Plan review' });
    await within(review).findByText('Activity A1.2.2 has no cost line.');
    expect(within(views()).getByRole('link', { name: 'Plan review' }).getAttribute('aria-current')).toBe('page');
    fireEvent.click(within(views()).getByRole('link', { name: 'Financial plan' }));
    expect(await screen.findByRole('region', { name: 'Financial plan' })).toBeDefined();
    expect(screen.queryByRole('region', { name: 'Plan review' })).toBeNull();
    fireEvent.click(within(views()).getByRole('link', { name: 'Progress' }));
    expect(await screen.findByRole('region', { name: 'Progress' })).toBeDefined();
  });

  it('leaves out the views the reader may not see', async () => {
    mockApi(routes(FOCAL_POINT));
    renderPlan('/plans/AP-2023-2024?view=finance');
    await screen.findByRole('heading', { level: 1, name: 'Action Plan 2023-2024' });
    expect(within(views()).queryByRole('link', { name: 'Financial plan' })).toBeNull();
    expect(await screen.findByRole('region', { name: 'Goals, objectives and activities' })).toBeDefined();
    expect(screen.queryByRole('region', { name: 'Financial plan' })).toBeNull();
  });

  it('reads the outline again after a change in the tree, and the review when it is shown', async () => {
    const requests = mockApi(routes(EDITOR, { [`POST ${STRATEGY_API}/edits`]: editResult('A1.1.1', 'activity', 4) }));
    renderPlan();
    const tree = await screen.findByRole('region', { name: 'Goals, objectives and activities' });
    const count = (path: string) => requests.filter((request) => request.method === 'GET' && request.path === path).length;
    expect(count(`${STRATEGY_API}/outline`)).toBe(1);
    // The tree comes first: the review is not computed while nobody looks at it.
    expect(count(`${PLAN}/review`)).toBe(0);
    fireEvent.click(within(tree).getByRole('button', { name: 'Move A1.1.1 down' }));
    await waitFor(() => expect(count(`${STRATEGY_API}/outline`)).toBe(2));
    fireEvent.click(within(views()).getByRole('link', { name: 'Plan review' }));
    await screen.findByRole('region', { name: 'Plan review' });
    expect(count(`${PLAN}/review`)).toBe(1);
    expect(requests.findIndex((request) => request.path === `${PLAN}/review`)).toBeGreaterThan(
      requests.findIndex((request) => request.method === 'POST'),
    );
  });

  it('offers the plan as Excel, and to editors of a plan that can change the import from Excel', async () => {
    mockApi(routes());
    const { unmount } = renderPlan();
    const files = await screen.findByRole('list', { name: 'Excel files of this action plan' });
    expect(within(files).getByRole('link', { name: 'Download the activities as Excel' })).toBeDefined();
    expect((await within(files).findByRole('link', { name: 'Import activities from Excel' })).getAttribute('href')).toBe(
      '/plans/AP-2023-2024/import-excel',
    );
    unmount();
    mockApi(routes(OBSERVER));
    renderPlan();
    await screen.findByRole('region', { name: 'Goals, objectives and activities' });
    expect(screen.queryByRole('link', { name: 'Import activities from Excel' })).toBeNull();
  });

  it('gives the API’s message for a plan that does not exist', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: EDITOR },
      'GET /api/participants/DL/strategies': { status: 200, body: STRATEGIES },
      'GET /api/participants/DL/action-plans/AP-1999/review': {
        status: 404,
        body: errorBody('NOT_FOUND', 'What you are looking for was not found.'),
      },
    });
    renderPlan('/plans/AP-1999');
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'What you are looking for was not found.');
    expect(screen.getByRole('heading', { level: 1, name: 'Action plan' })).toBeDefined();
    expect(screen.getByRole('link', { name: 'Back to all plans' }).getAttribute('href')).toBe('/plans');
  });
});

describe('groupFindings', () => {
  it('keeps the five groups in order, empty ones included, and puts unknown rules last', () => {
    const { groups, other } = groupFindings([...REVIEW.findings, { rule: 'R99', severity: 'info', subject: null, message: 'New rule.' }]);
    expect(groups.map((g) => g.group)).toEqual([...RULE_GROUP_ORDER]);
    expect(groups.map((g) => g.findings.map((f) => f.rule))).toEqual([['R05'], [], ['R08', 'R08', 'R23'], [], ['R10']]);
    expect(other.map((f) => f.rule)).toEqual(['R99']);
  });
});

describe('progressBarWidth', () => {
  it('caps the bar between 0 and 100 per cent', () => {
    expect(progressBarWidth(1.35)).toBe(100);
    expect(progressBarWidth(0.42)).toBe(42);
    expect(progressBarWidth(-0.5)).toBe(0);
  });
});
