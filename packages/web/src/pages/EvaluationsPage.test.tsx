import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { STRATEGY_API } from '../test/editing.ts';
import { mockApi, sessionFor, type RecordedRequest } from '../test/fetch-mock.ts';
import { renderSignedIn } from '../test/signed-in.tsx';
import { EvaluationsPage, type EvaluationList } from './EvaluationsPage.tsx';

const LIST: EvaluationList = {
  strategy: { id: 'NS-2021-2024', title: 'National Strategy 2021–2024', periodStart: 2021, periodEnd: 2024 },
  planned: [
    { type: 'mid_term', year: 2022 },
    { type: 'final', year: 2025 },
  ],
  evaluations: [
    {
      id: 7,
      kind: 'evaluation',
      type: 'final',
      title: 'Final evaluation of the strategy',
      year: 2025,
      evaluatorKind: 'independent',
      evaluatorName: 'Institute',
      authorName: 'Mira Kovač',
      authorRole: 'coordinator',
      editable: true,
      ratings: { relevance: 3, coherence: null, effectiveness: 2, efficiency: null, impact: null, sustainability: 4 },
      recommendations: 2,
      awaitingResponse: 1,
      overdue: 1,
      updatedAt: '2025-03-01T10:00:00.000Z',
    },
  ],
};

afterEach(() => {
  vi.unstubAllGlobals();
});

async function openPage() {
  await renderSignedIn(<EvaluationsPage />, { path: '/strategies/NS-2021-2024/evaluations', route: '/strategies/:strategyId/evaluations' });
  return screen.findByRole('table', { name: /Evaluations and independent reports of the strategy NS-2021-2024/ });
}

describe('the evaluations of a strategy', () => {
  it('lists the planned evaluations and each record with its ratings and the follow-up of its recommendations', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'observer' }]) },
      [`GET ${STRATEGY_API}/evaluations`]: { status: 200, body: LIST },
    });
    const table = await openPage();
    expect(screen.getByText('Mid-term evaluation in 2022')).toBeDefined();
    const row = within(table).getByRole('rowheader', { name: 'Final evaluation of the strategy' }).closest('tr') as HTMLElement;
    expect(within(row).getByRole('link', { name: 'Final evaluation of the strategy' }).getAttribute('href')).toBe(
      '/strategies/NS-2021-2024/evaluations/7',
    );
    const cells = within(row)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells).toEqual(expect.arrayContaining(['3', 'Not rated', '2', '4']));
    expect(within(row).getByText('2 recommendations')).toBeDefined();
    expect(within(row).getByText('1 overdue')).toBeDefined();
    expect(screen.getByRole('link', { name: 'Download the evidence pack (Excel)' }).getAttribute('href')).toBe(
      `${STRATEGY_API}/evaluations/evidence.xlsx?language=en`,
    );
    // An observer reads; they do not start evaluations.
    expect(screen.queryByRole('button', { name: 'Start' })).toBeNull();
  });

  it('lets a rapporteur start an independent report and opens it', async () => {
    const requests: RecordedRequest[] = mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'rapporteur' }]) },
      [`GET ${STRATEGY_API}/evaluations`]: { status: 200, body: { ...LIST, evaluations: [] } },
      [`POST ${STRATEGY_API}/evaluations`]: { status: 201, body: { id: 12 } },
    });
    await renderSignedIn(<EvaluationsPage />, {
      path: '/strategies/NS-2021-2024/evaluations',
      route: '/strategies/:strategyId/evaluations',
    });
    expect(await screen.findByText('No evaluation or report has been recorded yet.')).toBeDefined();
    fireEvent.change(screen.getByLabelText('Kind of record'), { target: { value: 'independent_report' } });
    expect(screen.queryByLabelText('Type of evaluation')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    await waitFor(() => expect(screen.getByTestId('elsewhere')).toBeDefined());
    expect(screen.getByTestId('location').textContent).toBe('/strategies/NS-2021-2024/evaluations/12');
    expect(requests.filter((request) => request.method === 'POST').map((request) => request.body)).toEqual([
      { kind: 'independent_report' },
    ]);
  });
});
