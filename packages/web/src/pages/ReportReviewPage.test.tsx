import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorBody, mockApi, sessionFor } from '../test/fetch-mock.ts';
import { renderSignedIn } from '../test/signed-in.tsx';
import type { ReportDetail } from '../monitoringApi.ts';
import { ReportReviewPage } from './ReportReviewPage.tsx';

const REPORT = '/api/participants/DL/action-plans/AP-2023-2024/rounds/2023-Q2/reports/MOI';

const SUBMITTED: ReportDetail = {
  institution: 'MOI',
  name: 'Ministry of Interior',
  status: 'submitted',
  submittedOn: '2023-07-05',
  version: 3,
  activities: [
    {
      activity: 'A1.1',
      status: 'completed',
      spent: [
        { source: 'state_budget', amount: 1200.5 },
        { source: 'donor', amount: 300 },
      ],
      narrative: 'Trained 40 police officers.',
      obstacles: 'Late funds.',
    },
    { activity: 'A1.2', status: 'ongoing' },
  ],
  indicatorValues: [{ indicator: 'I1.1', value: 40, breakdown: [{ dimension: 'sex', category: 'female', value: 25 }] }],
  comments: [{ target: 'A1.2', text: 'Please add the spending.', author: 'Ana Example', at: '2023-06-01T10:00:00Z' }],
};

afterEach(() => {
  vi.unstubAllGlobals();
});

async function showReport(role: 'coordinator' | 'rapporteur', routes: Parameters<typeof mockApi>[0] = {}) {
  const requests = mockApi({
    'GET /api/session': { status: 200, body: sessionFor([{ role }]) },
    [`GET ${REPORT}`]: { status: 200, body: SUBMITTED },
    ...routes,
  });
  await renderSignedIn(<ReportReviewPage />, {
    path: '/plans/AP-2023-2024/rounds/2023-Q2/reports/MOI',
    route: '/plans/:planId/rounds/:roundId/reports/:institution',
  });
  await screen.findByRole('heading', { level: 1, name: 'Report of Ministry of Interior, round 2023-Q2' });
  return requests;
}

describe('the report page', () => {
  it('shows the activities, the indicator values with breakdowns, and earlier comments', async () => {
    await showReport('rapporteur');
    expect(screen.getByRole('heading', { name: 'Activity A1.1' })).toBeDefined();
    expect(screen.getByText('Trained 40 police officers.')).toBeDefined();
    expect(screen.getByText('Late funds.')).toBeDefined();
    expect(screen.getByText(/^State budget: €1,200\.50$/)).toBeDefined();
    const values = screen.getByRole('table', { name: 'Indicator values reported' });
    expect(within(values).getByText('Sex, female: 25')).toBeDefined();
    expect(screen.getByText('Please add the spending.')).toBeDefined();
    expect(screen.getByText(/on A1\.2:/)).toBeDefined();
    // A reader who may not review sees no review controls.
    expect(screen.queryByRole('button', { name: 'Accept' })).toBeNull();
  });

  it('accepts a submitted report after a confirmation, sending the version read', async () => {
    let accepted = false;
    const requests = await showReport('coordinator', {
      [`GET ${REPORT}`]: () => ({ status: 200, body: accepted ? { ...SUBMITTED, status: 'accepted', version: 4 } : SUBMITTED }),
      [`POST ${REPORT}/accept`]: () => {
        accepted = true;
        return { status: 200, body: { status: 'accepted', version: 4 } };
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Accept' }));
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Yes, accept' }));
    expect(await screen.findByText('The report of Ministry of Interior has been accepted.')).toBeDefined();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ version: 3 });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Accept' })).toBeNull());
    expect(screen.getByText('Accepted')).toBeDefined();
  });

  it('returns a report only with at least one comment, per activity, indicator or overall', async () => {
    const requests = await showReport('coordinator', {
      [`POST ${REPORT}/return`]: { status: 200, body: { status: 'returned', version: 4 } },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Return with comments' }));
    fireEvent.click(screen.getByRole('button', { name: 'Return the report' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Write at least one comment before returning the report.');
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    fireEvent.change(screen.getByLabelText('Comment on activity A1.2'), { target: { value: ' Add the spending. ' } });
    fireEvent.change(screen.getByLabelText('Comment on indicator I1.1'), { target: { value: 'Break down by age too.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Return the report' }));
    expect(await screen.findByText('The report of Ministry of Interior has been returned with your comments.')).toBeDefined();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      version: 3,
      comments: [
        { target: 'A1.2', text: 'Add the spending.' },
        { target: 'I1.1', text: 'Break down by age too.' },
      ],
    });
  });

  it('explains an edit conflict and reads the report again', async () => {
    const requests = await showReport('coordinator', {
      [`POST ${REPORT}/accept`]: { status: 409, body: errorBody('EDIT_CONFLICT', 'Someone else has changed this in the meantime.') },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Accept' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, accept' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The report has changed since you opened it');
    await waitFor(() => expect(requests.filter((r) => r.method === 'GET' && r.path === REPORT)).toHaveLength(2));
  });
});
