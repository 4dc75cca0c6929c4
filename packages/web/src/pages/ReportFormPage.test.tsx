import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi, sessionFor } from '../test/fetch-mock.ts';
import { renderSignedIn } from '../test/signed-in.tsx';
import type { ReportFormData, ReportReceipt } from '../reportingApi.ts';
import { ReportPage } from './ReportFormPage.tsx';

const REPORT = '/api/participants/DL/action-plans/AP-2021-2022/rounds/2022-H2/reports/POL';
const POLICE = { code: 'POL', name: 'General Police Directorate' };

function form(overrides: Partial<ReportFormData> = {}): ReportFormData {
  return {
    plan: { id: 'AP-2021-2022', title: 'Action plan 2021–2022' },
    round: { id: '2022-H2', periodStart: '2022-07-01', periodEnd: '2022-12-31', deadline: '2099-01-09' },
    institution: { id: 'POL', name: 'General Police Directorate' },
    currency: 'EUR',
    status: 'draft',
    board: 'draft',
    version: 4,
    submittedOn: null,
    submittedAt: null,
    submittedBy: null,
    editable: true,
    activities: [
      {
        id: 'A5.2.3',
        title: 'Set up a child-friendly interview room',
        objective: 'O5.2',
        lead: true,
        start: '2022-03-01',
        end: '2022-12-31',
        planned: 14000,
        plannedSources: ['donor'],
        previousStatus: 'ongoing',
      },
      {
        id: 'A4.1.3',
        title: 'Equip forensic units',
        objective: 'O4.1',
        lead: false,
        start: '2021-06-01',
        end: '2022-12-31',
        planned: 86000,
        plannedSources: ['state_budget'],
        previousStatus: null,
      },
    ],
    indicators: [
      {
        id: 'A5.2.3-I1',
        name: 'Children interviewed in the room',
        measure: 'number',
        unit: 'children',
        scale: null,
        disaggregation: ['sex'],
        categories: { sex: ['female', 'male'] },
        baseline: { value: 0, year: 2021 },
        target: { value: 40, year: 2022 },
        activity: 'A5.2.3',
        objective: 'O5.2',
        required: true,
        previousValue: 3,
      },
    ],
    content: { activities: [{ activity: 'A5.2.3', status: 'ongoing' }], indicatorValues: [] },
    flags: [],
    comments: [],
    evidence: [],
    ...overrides,
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

async function openReport(data: ReportFormData, routes: Parameters<typeof mockApi>[0] = {}) {
  const requests = mockApi({
    'GET /api/session': { status: 200, body: sessionFor([{ role: 'focal_point', institution: POLICE }]) },
    [`GET ${REPORT}/form`]: { status: 200, body: data },
    ...routes,
  });
  await renderSignedIn(<ReportPage />, {
    path: '/plans/AP-2021-2022/rounds/2022-H2/reports/POL',
    route: '/plans/:planId/rounds/:roundId/reports/:institution',
  });
  await screen.findByRole('heading', { level: 1, name: 'Report of General Police Directorate, round 2022-H2' });
  return requests;
}

describe('the focal point’s report form', () => {
  it('follows the plan: the activities with their last status, the owed indicator with its breakdown', async () => {
    await openReport(form());
    const activity = screen.getByRole('region', { name: /^A5\.2\.3 Set/ });
    expect((within(activity).getByLabelText('Status at the end of the period') as HTMLSelectElement).value).toBe('ongoing');
    expect(within(activity).getByText('Last reported: Ongoing')).toBeDefined();
    const partner = screen.getByRole('region', { name: /^A4\.1\.3/ });
    expect((within(partner).getByLabelText('Status at the end of the period') as HTMLSelectElement).value).toBe('');
    const indicator = screen.getByRole('region', { name: /^A5\.2\.3-I1/ });
    expect(within(indicator).getByText(/Owed by your institution/)).toBeDefined();
    expect(within(indicator).queryByRole('group', { name: 'By Sex' })).toBeNull();
  });

  it('says when the breakdown does not add up to the total, and autosaves what can be saved', async () => {
    const requests = await openReport(form(), {
      [`PUT ${REPORT}/content`]: { status: 200, body: { status: 'draft', version: 5, submittedOn: null, flags: [], unchanged: false } },
    });
    const indicator = screen.getByRole('region', { name: /^A5\.2\.3-I1/ });
    fireEvent.change(within(indicator).getByLabelText('Value for the period'), { target: { value: '9' } });
    fireEvent.change(within(indicator).getByLabelText('female'), { target: { value: '4' } });
    fireEvent.change(within(indicator).getByLabelText('male'), { target: { value: '6' } });
    await within(indicator).findByText('The parts by sex add up to 10, but the total is 9.');
    fireEvent.change(within(indicator).getByLabelText('male'), { target: { value: '5' } });
    await within(indicator).findByText('The parts add up to 9 of 9.');
    await waitFor(() => expect(requests.some((request) => request.method === 'PUT')).toBe(true), { timeout: 3000 });
    const saved = requests.filter((request) => request.method === 'PUT').at(-1);
    expect(saved?.body).toEqual({
      version: 4,
      content: {
        activities: [{ activity: 'A5.2.3', status: 'ongoing' }],
        indicatorValues: [
          {
            indicator: 'A5.2.3-I1',
            value: 9,
            breakdown: [
              { dimension: 'sex', category: 'female', value: 4 },
              { dimension: 'sex', category: 'male', value: 5 },
            ],
          },
        ],
      },
    });
  });

  it('lists what is missing before submitting, and shows the receipt once submitted', async () => {
    const receipt: ReportReceipt = {
      status: 'submitted',
      version: 5,
      submittedOn: '2022-12-30',
      flags: [],
      unchanged: false,
      receipt: { submittedAt: '2022-12-30T10:15:00.000Z', submittedBy: 'Dragan Petrović', activities: 1, indicatorValues: 1, evidence: 0 },
    };
    const requests = await openReport(form(), {
      [`PUT ${REPORT}/content`]: { status: 200, body: { status: 'draft', version: 5, submittedOn: null, flags: [], unchanged: false } },
      [`POST ${REPORT}/submit`]: { status: 200, body: receipt },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Submit the report' }));
    const missing = await screen.findByRole('alert');
    expect(within(missing).getByRole('link', { name: /A5\.2\.3-I1 — Enter the value of this indicator for the period\./ })).toBeDefined();
    expect(requests.some((request) => request.method === 'POST')).toBe(false);

    const indicator = screen.getByRole('region', { name: /^A5\.2\.3-I1/ });
    fireEvent.change(within(indicator).getByLabelText('Value for the period'), { target: { value: '3' } });
    fireEvent.change(within(indicator).getByLabelText('female'), { target: { value: '3' } });
    fireEvent.change(within(indicator).getByLabelText('male'), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Submit the report' }));
    const done = await screen.findByRole('region', { name: 'Report submitted' });
    expect(within(done).getByText('1 activity reported')).toBeDefined();
    const submitted = requests.find((request) => request.method === 'POST');
    expect(submitted?.body).toMatchObject({ confirmedFlags: [], content: { indicatorValues: [{ indicator: 'A5.2.3-I1', value: 3 }] } });
  });

  it('asks to confirm a value far from the last round’s before submitting', async () => {
    const requests = await openReport(
      form({
        content: {
          activities: [{ activity: 'A5.2.3', status: 'ongoing' }],
          indicatorValues: [
            {
              indicator: 'A5.2.3-I1',
              value: 30,
              breakdown: [
                { dimension: 'sex', category: 'female', value: 30 },
                { dimension: 'sex', category: 'male', value: 0 },
              ],
            },
          ],
        },
      }),
    );
    const indicator = screen.getByRole('region', { name: /^A5\.2\.3-I1/ });
    expect(within(indicator).getByText('30 is far from the last round’s value (3). Is that right?')).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Submit the report' }));
    const missing = await screen.findByRole('alert');
    expect(within(missing).getByText(/please confirm/)).toBeDefined();
    expect(requests.some((request) => request.method === 'POST')).toBe(false);
    expect(within(indicator).getByLabelText('I confirm this value is right.')).toBeDefined();
  });

  it('is read-only once submitted, with what it says', async () => {
    await openReport(
      form({
        status: 'submitted',
        board: 'submitted',
        editable: false,
        submittedOn: '2022-12-30',
        submittedAt: '2022-12-30T10:15:00.000Z',
        submittedBy: 'Dragan Petrović',
        content: { activities: [{ activity: 'A5.2.3', status: 'ongoing', narrative: 'Room furnished.' }], indicatorValues: [] },
      }),
    );
    expect(screen.getByText('This report has been submitted. It can be changed again only if the coordinator returns it.')).toBeDefined();
    expect(screen.getByText('Room furnished.')).toBeDefined();
    expect(screen.queryByRole('button', { name: 'Submit the report' })).toBeNull();
    expect(screen.queryByLabelText('What was done')).toBeNull();
  });
});
