import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RULE_GROUP_ORDER } from '@ariadne/domain';
import { App } from '../App.tsx';
import { localToday } from '../format.ts';
import { errorBody, mockApi, sessionFor, type Reply } from '../test/fetch-mock.ts';
import { FINANCE, REVIEW, STRATEGIES, progressAsOf } from '../test/plans.ts';
import { groupFindings } from './plan/ReviewSection.tsx';
import { progressBarWidth } from './plan/ProgressSection.tsx';

const COORDINATOR = sessionFor([{ role: 'coordinator' }]);
const FOCAL_POINT = sessionFor([{ role: 'focal_point', institution: { code: 'MOI', name: 'Ministry of Interior' } }]);
const PLAN = '/api/participants/DL/action-plans/AP-2021-2022';

function routes(extra: Record<string, Reply> = {}): Record<string, Reply> {
  return {
    'GET /api/participants/DL/strategies': { status: 200, body: STRATEGIES },
    [`GET ${PLAN}/review`]: { status: 200, body: REVIEW },
    [`GET ${PLAN}/finance`]: { status: 200, body: FINANCE },
    [`GET ${PLAN}/progress?asOf=${localToday()}`]: { status: 200, body: progressAsOf(localToday()) },
    ...extra,
  };
}

function renderPlan(path = '/plans/AP-2021-2022') {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <App />
    </MemoryRouter>,
  );
}

function section(name: string): HTMLElement {
  return screen.getByRole('region', { name });
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('groupFindings', () => {
  it('keeps the five groups in order, empty ones included, and puts unknown rules last', () => {
    const { groups, other } = groupFindings([...REVIEW.findings, { rule: 'R99', severity: 'info', subject: null, message: 'New rule.' }]);
    expect(groups.map((g) => g.group)).toEqual([...RULE_GROUP_ORDER]);
    expect(groups.map((g) => g.findings.map((f) => f.rule))).toEqual([['R05'], [], ['R08', 'R08', 'R23'], [], ['R10']]);
    expect(other.map((f) => f.rule)).toEqual(['R99']);
  });
});

describe('the action plan page', () => {
  it('shows the plan, and links to the sections the reader may see', async () => {
    mockApi({ 'GET /api/session': { status: 200, body: COORDINATOR }, ...routes() });
    renderPlan();
    expect(await screen.findByRole('heading', { level: 1, name: 'Action Plan 2021-2022' })).toBeDefined();
    await waitFor(() => expect(document.title).toBe('Action Plan 2021-2022 – Ariadne'));
    expect(screen.getByText('AP-2021-2022')).toBeDefined();
    expect(screen.getByText('National Strategy for Combating Trafficking in Human Beings 2021-2024')).toBeDefined();
    expect(screen.getByText('1 January 2021')).toBeDefined();
    expect(screen.getByText('31 December 2022')).toBeDefined();
    const links = within(screen.getByRole('navigation', { name: 'On this page' })).getAllByRole('link');
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['Plan review', '#plan-review'],
      ['Financial plan', '#plan-finance'],
      ['Progress', '#plan-progress'],
    ]);
  });

  it('groups the review findings under the five group headings, with translated titles and why they matter', async () => {
    mockApi({ 'GET /api/session': { status: 200, body: COORDINATOR }, ...routes() });
    renderPlan();
    const review = await screen.findByRole('region', { name: 'Plan review' });
    await within(review).findByText('Activity A1.2.2 has no cost line.');
    expect(within(review).getByTestId('review-errors').textContent).toBe('1');
    expect(within(review).getByTestId('review-warnings').textContent).toBe('3');
    expect(within(review).getByTestId('review-info').textContent).toBe('1');

    const headings = within(review)
      .getAllByRole('heading', { level: 3 })
      .map((heading) => heading.textContent);
    expect(headings).toEqual([
      'Structure and elements of the strategy and action plan',
      'Development of the strategy and action plan',
      'Financial commitment and planning',
      'Implementation of the strategy and action plan',
      'Monitoring and evaluation of the response',
    ]);

    const financial = within(review).getByRole('region', { name: 'Financial commitment and planning' });
    expect(within(financial).getByText('3 findings')).toBeDefined();
    const titles = within(financial)
      .getAllByRole('heading', { level: 4 })
      .map((heading) => heading.textContent);
    expect(titles).toEqual(['R08 Activity without costs', 'R08 Activity without costs', 'R23 Funding gap']);
    const first = within(financial).getAllByRole('listitem')[0] as HTMLElement;
    expect(within(first).getByText('Warning')).toBeDefined();
    expect(within(first).getByText('A1.2.2').tagName).toBe('CODE');
    expect(within(first).getByText('Why it matters').tagName).toBe('SUMMARY');
    expect(within(first).getByText(/transparent and precise financial planning/)).toBeDefined();

    const structure = within(review).getByRole('region', { name: 'Structure and elements of the strategy and action plan' });
    expect(within(structure).getByText('Error')).toBeDefined();
    expect(within(structure).getByText('R05')).toBeDefined();
    expect(within(structure).getByText('Activity without a lead institution')).toBeDefined();

    const development = within(review).getByRole('region', { name: 'Development of the strategy and action plan' });
    expect(within(development).getByText('No findings in this group.')).toBeDefined();
  });

  it('prints the review alone', async () => {
    mockApi({ 'GET /api/session': { status: 200, body: COORDINATOR }, ...routes() });
    const print = vi.fn(() => {
      expect(document.documentElement.dataset.print).toBe('review');
    });
    vi.stubGlobal('print', print);
    renderPlan();
    fireEvent.click(await screen.findByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledOnce();
    window.dispatchEvent(new Event('afterprint'));
    expect(document.documentElement.dataset.print).toBeUndefined();
  });

  it('formats the financial plan in the currency, with shares as percentages', async () => {
    mockApi({ 'GET /api/session': { status: 200, body: COORDINATOR }, ...routes() });
    renderPlan();
    expect((await screen.findByTestId('finance-total')).textContent).toBe('€1,181,500.00');
    const finance = section('Financial plan');
    expect(within(finance).getByTestId('finance-gap').textContent).toBe('€175,000.00');
    expect(within(finance).getByTestId('finance-state-share').textContent).toBe('51.8%');
    expect(within(finance).getByTestId('finance-ngo-share').textContent).toBe('36.4%');
    const byYear = within(finance).getByRole('table', { name: 'Costs by year' });
    expect(within(byYear).getByRole('rowheader', { name: '2022' }).parentElement?.textContent).toContain('€680,000.00');
    const byArea = within(finance).getByRole('table', { name: 'Costs by strategic area' });
    expect(within(byArea).getByRole('rowheader', { name: 'Protection' })).toBeDefined();
    const bySource = within(finance).getByRole('table', { name: 'Costs by funding source' });
    expect(within(bySource).getByRole('rowheader', { name: 'State budget' }).parentElement?.textContent).toContain('€612,500.00');
    expect(within(finance).getByRole('table', { name: 'Costs by funding status' })).toBeDefined();
    expect(within(finance).getByRole('img', { name: 'Secured 62.2%, pledged 23%, unfunded 14.8%' })).toBeDefined();
    expect(within(finance).getByText('Unfunded: €175,000.00 (14.8%)')).toBeDefined();
    expect(within(finance).getByText('A2.1.1')).toBeDefined();
  });

  it('leaves the financial plan out for a reader without finance.view', async () => {
    const requests = mockApi({ 'GET /api/session': { status: 200, body: FOCAL_POINT }, ...routes() });
    renderPlan();
    await screen.findByRole('region', { name: 'Progress' });
    await screen.findByText('Activity A1.2.2 has no cost line.');
    expect(screen.queryByRole('region', { name: 'Financial plan' })).toBeNull();
    expect(screen.queryByTestId('finance-total')).toBeNull();
    expect(screen.queryByRole('link', { name: 'Financial plan' })).toBeNull();
    expect(requests.some((r) => r.path.endsWith('/finance'))).toBe(false);
  });

  it('shows progress as of today, caps the bars at 0–100 % and shows the numbers as they are', async () => {
    mockApi({ 'GET /api/session': { status: 200, body: COORDINATOR }, ...routes() });
    renderPlan();
    const progress = await screen.findByRole('region', { name: 'Progress' });
    expect((within(progress).getByLabelText('As of') as HTMLInputElement).value).toBe(localToday());
    const fill = await within(progress).findByTestId('progress-fill-A1.1.1-I1');
    expect(fill.style.width).toBe('100%');
    expect(fill.parentElement?.getAttribute('aria-hidden')).toBe('true');
    expect(within(progress).getByText('135%')).toBeDefined();
    expect(within(progress).getByTestId('progress-fill-A2.1.1-I1').style.width).toBe('0%');
    expect(within(progress).getByText('-20%')).toBeDefined();
    expect(within(progress).getByText('Achieved')).toBeDefined();
    expect(within(progress).getByText('Off track')).toBeDefined();
    expect(within(progress).getByTestId('implementation-rate').textContent).toBe('25%');

    const activities = within(progress).getByRole('table', { name: /^Activities by status and area, as of / });
    const all = within(activities).getByRole('rowheader', { name: 'All activities' }).parentElement as HTMLElement;
    expect([...all.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual(['1', '1', '1', '1', '0', '4']);
    expect(within(activities).getByRole('rowheader', { name: 'Prevention' })).toBeDefined();
    expect(within(progress).getByText('€501,500.00')).toBeDefined();
    expect(within(progress).getByText('€250,750.50')).toBeDefined();
  });

  it('reads progress again for another date', async () => {
    const requests = mockApi({
      'GET /api/session': { status: 200, body: COORDINATOR },
      ...routes({ [`GET ${PLAN}/progress?asOf=2022-12-31`]: { status: 200, body: progressAsOf('2022-12-31') } }),
    });
    renderPlan();
    const input = await screen.findByLabelText('As of');
    fireEvent.change(input, { target: { value: '2022-12-31' } });
    expect(await screen.findByRole('table', { name: 'Activities by status and area, as of 31 December 2022' })).toBeDefined();
    expect(requests.some((r) => r.path === `${PLAN}/progress?asOf=2022-12-31`)).toBe(true);

    fireEvent.change(input, { target: { value: '' } });
    expect(await screen.findByText('Please enter a complete date.')).toBeDefined();
  });

  it('gives the API’s message for a plan that does not exist', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: COORDINATOR },
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

describe('progressBarWidth', () => {
  it('caps the bar between 0 and 100 per cent', () => {
    expect(progressBarWidth(1.35)).toBe(100);
    expect(progressBarWidth(0.42)).toBe(42);
    expect(progressBarWidth(-0.5)).toBe(0);
  });
});
