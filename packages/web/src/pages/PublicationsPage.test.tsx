import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorBody, mockApi, sessionFor } from '../test/fetch-mock.ts';
import { renderSignedIn } from '../test/signed-in.tsx';
import { PublicationsPage } from './PublicationsPage.tsx';

const PATH = '/api/participants/DL/publications';

afterEach(() => {
  vi.unstubAllGlobals();
});

const PLAN_PUBLICATION = {
  id: 7,
  kind: 'action_plan',
  strategy: 'NS-2021-2024',
  plan: 'AP-2021-2022',
  documentRun: null,
  title: 'Action Plan 2021-2022',
  publishedBy: 'Mira Kovač',
  publishedAt: '2026-03-02T10:00:00.000Z',
  withdrawnAt: null,
  publicPath: '/public/DL/plans/AP-2021-2022',
};

function listing(publications: unknown[], smallCountThreshold = 5, reports: unknown[] = []) {
  return {
    publications,
    reports,
    strategies: [
      {
        code: 'NS-2021-2024',
        title: 'National Strategy',
        plans: [
          { code: 'AP-2021-2022', title: 'Action Plan 2021-2022' },
          { code: 'AP-2023-2024', title: 'Action Plan 2023-2024' },
        ],
      },
    ],
    smallCountThreshold,
    portalPath: '/public/DL',
  };
}

const REPORT = { documentRun: 31, plan: 'AP-2021-2022', scope: '2022', language: 'sr-Cyrl', generatedAt: '2026-04-01T09:00:00.000Z' };

describe('the publishing page', () => {
  it('offers the implementation reports generated as PDF, and publishes one', async () => {
    let published = false;
    const requests = mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'coordinator' }]) },
      [`GET ${PATH}`]: () => ({
        status: 200,
        body: listing(
          published
            ? [
                {
                  ...PLAN_PUBLICATION,
                  id: 9,
                  kind: 'implementation_report',
                  documentRun: 31,
                  title: 'Извештај о спровођењу: Action Plan 2021-2022, Година 2022',
                  publicPath: '/public/DL/reports/31',
                },
              ]
            : [],
          5,
          [REPORT],
        ),
      }),
      [`POST ${PATH}`]: () => {
        published = true;
        return { status: 200, body: PLAN_PUBLICATION };
      },
    });
    await renderSignedIn(<PublicationsPage />);
    const label = 'Implementation report of AP-2021-2022, Year 2022, in Српски (ћирилица) (generated on 1 April 2026)';
    fireEvent.click(await screen.findByRole('button', { name: `Publish ${label}` }));
    const row = (await screen.findByRole('button', { name: `Withdraw ${label}` })).closest('tr');
    if (!row) throw new Error('no row');
    expect(within(row).getByRole('link', { name: '/public/DL/reports/31' })).toBeDefined();
    expect(requests.find((request) => request.method === 'POST')?.body).toEqual({ kind: 'implementation_report', documentRun: 31 });
    expect(screen.queryByText(/appear here once generated as PDF/)).toBeNull();
  });

  it('says where reports come from when none has been generated as PDF', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'coordinator' }]) },
      [`GET ${PATH}`]: { status: 200, body: listing([]) },
    });
    await renderSignedIn(<PublicationsPage />);
    expect(
      await screen.findByText('Implementation reports appear here once generated as PDF on the Documents page of an action plan.'),
    ).toBeDefined();
  });

  it('lists what can be published with its state and public address', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'coordinator' }]) },
      [`GET ${PATH}`]: { status: 200, body: listing([PLAN_PUBLICATION]) },
    });
    await renderSignedIn(<PublicationsPage />);
    const row = (await screen.findByRole('rowheader', { name: 'Action plan AP-2021-2022: Action Plan 2021-2022' })).closest('tr');
    if (!row) throw new Error('no row');
    expect(within(row).getByText('Published on 2 March 2026')).toBeDefined();
    expect(within(row).getByRole('link', { name: '/public/DL/plans/AP-2021-2022' }).getAttribute('href')).toBe(
      '/public/DL/plans/AP-2021-2022?lang=en',
    );
    expect(screen.getAllByText('Not published')).toHaveLength(4);
    expect(screen.getByRole('link', { name: 'Open the public portal' }).getAttribute('href')).toBe('/public/DL?lang=en');
    expect((screen.getByLabelText('Show counts of victims below this number as “< N”') as HTMLInputElement).value).toBe('5');
  });

  it('publishes and withdraws an item', async () => {
    let published = false;
    const requests = mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'coordinator' }]) },
      [`GET ${PATH}`]: () => ({
        status: 200,
        body: listing(
          published ? [{ ...PLAN_PUBLICATION, id: 8, kind: 'indicator_set', publicPath: '/public/DL/plans/AP-2021-2022/indicators' }] : [],
        ),
      }),
      [`POST ${PATH}`]: () => {
        published = true;
        return { status: 200, body: PLAN_PUBLICATION };
      },
      [`DELETE ${PATH}/8`]: () => {
        published = false;
        return { status: 200, body: PLAN_PUBLICATION };
      },
    });
    await renderSignedIn(<PublicationsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Publish Indicators of AP-2021-2022' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Withdraw Indicators of AP-2021-2022' }));
    await waitFor(() => expect(requests.filter((r) => r.method === 'DELETE')).toHaveLength(1));
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ kind: 'indicator_set', plan: 'AP-2021-2022' });
    expect(await screen.findByRole('button', { name: 'Publish Indicators of AP-2021-2022' })).toBeDefined();
  });

  it('saves the small-count threshold and shows the server’s refusal', async () => {
    const requests = mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'coordinator' }]) },
      [`GET ${PATH}`]: { status: 200, body: listing([]) },
      [`PUT ${PATH}/small-count-threshold`]: (request) =>
        (request.body as { smallCountThreshold: number }).smallCountThreshold > 100
          ? {
              status: 400,
              body: errorBody('VALIDATION_FAILED', 'Check the fields.', [{ path: 'smallCountThreshold', message: 'Too big.' }]),
            }
          : { status: 200, body: request.body },
    });
    await renderSignedIn(<PublicationsPage />);
    const field = await screen.findByLabelText('Show counts of victims below this number as “< N”');
    fireEvent.change(field, { target: { value: '500' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Too big.')).toBeDefined();
    fireEvent.change(field, { target: { value: '10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeDefined();
    expect(requests.filter((r) => r.method === 'PUT').map((r) => r.body)).toEqual([
      { smallCountThreshold: 500 },
      { smallCountThreshold: 10 },
    ]);
  });
});
