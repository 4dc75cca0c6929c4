import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localToday } from '../format.ts';
import { mockApi, sessionFor } from '../test/fetch-mock.ts';
import { currentLocation, renderSignedIn } from '../test/signed-in.tsx';
import { OperationalPlansPage, type CarryOver, type OperationalPlanList } from './OperationalPlansPage.tsx';

const PLAN = '/api/participants/DL/action-plans/AP-2021-2022';

const LIST: OperationalPlanList = {
  plan: { id: 'AP-2021-2022', title: 'Action plan 2021–2022', start: '2021-01-01', end: '2022-12-31', status: 'adopted' },
  years: [2021, 2022],
  operationalPlans: [
    {
      year: 2021,
      status: 'adopted',
      version: 3,
      due: 30,
      carriedOver: 0,
      createdAt: '2020-12-10T09:00:00Z',
      adoptedAt: '2020-12-20T09:00:00Z',
    },
  ],
};

const CARRY_OVER: CarryOver = {
  plan: 'AP-2021-2022',
  asOf: localToday(),
  years: [
    {
      year: 2021,
      entries: [
        {
          activity: 'A5.2.1',
          title: 'Guardianship protocol',
          lead: { id: 'MLSP', name: 'Ministry of Labour and Social Policy' },
          end: '2021-12-31',
          statusAtYearEnd: 'delayed',
          reason: 'Disagreement with the Ministry of Interior on guardianship.',
          fate: 'completed',
          fateRound: '2022-H1',
          statusNow: 'completed',
        },
        {
          activity: 'A2.2.2',
          title: 'Training of labour inspectors',
          lead: { id: 'SLI', name: 'State Labour Inspectorate' },
          end: '2021-12-31',
          statusAtYearEnd: 'ongoing',
          reason: null,
          fate: 'carried_over',
          fateRound: null,
          statusNow: 'ongoing',
        },
      ],
    },
  ],
};

afterEach(() => {
  vi.unstubAllGlobals();
});

async function showList(role: 'coordinator' | 'observer') {
  const requests = mockApi({
    'GET /api/session': { status: 200, body: sessionFor([{ role }]) },
    [`GET ${PLAN}/operational-plans`]: { status: 200, body: LIST },
    [`GET ${PLAN}/carry-over?asOf=${localToday()}`]: { status: 200, body: CARRY_OVER },
    [`POST ${PLAN}/operational-plans`]: { status: 201, body: {} },
  });
  await renderSignedIn(<OperationalPlansPage />, { path: '/plans/AP-2021-2022/operational', route: '/plans/:planId/operational' });
  await screen.findByRole('heading', { level: 1, name: 'Operational plans: Action plan 2021–2022' });
  return requests;
}

describe('the operational plans of an action plan', () => {
  it('lists the plans by year and drafts the next year’s', async () => {
    const requests = await showList('coordinator');
    expect(screen.getByRole('link', { name: 'Operational plan 2021' }).getAttribute('href')).toBe('/plans/AP-2021-2022/operational/2021');
    expect(screen.getByText(/30 due, 0 carried over/)).toBeDefined();
    // Only the year without a plan is offered.
    const year = screen.getByLabelText('Year') as HTMLSelectElement;
    expect([...year.options].map((option) => option.value)).toEqual(['2022']);
    fireEvent.click(screen.getByRole('button', { name: 'Draw up the draft' }));
    await waitFor(() => expect(currentLocation()).toBe('/plans/AP-2021-2022/operational/2022'));
    expect(requests.find((request) => request.method === 'POST')?.body).toEqual({ year: 2022 });
  });

  it('shows the carry-over report to every reader, without the drafting form for those who may not edit', async () => {
    await showList('observer');
    expect(screen.queryByRole('button', { name: 'Draw up the draft' })).toBeNull();
    const table = await screen.findByRole('table', { name: 'Activities not done by the end of 2021' });
    const rows = [...table.querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows).toEqual([
      [
        'A5.2.1 Guardianship protocol',
        'Ministry of Labour and Social Policy',
        'Delayed',
        'Disagreement with the Ministry of Interior on guardianship.',
        'Completed later (2022-H1)',
      ],
      [
        'A2.2.2 Training of labour inspectors',
        'State Labour Inspectorate',
        'Ongoing',
        'No reason was reported.',
        'Carried into the operational plan of 2022',
      ],
    ]);
    const download = screen.getByRole('link', { name: 'Download the carry-over report (Word)' });
    expect(download.getAttribute('href')).toBe(`${PLAN}/carry-over.docx?asOf=${localToday()}&language=en`);
  });
});
