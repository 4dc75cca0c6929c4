import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorBody, mockApi, sessionFor } from '../test/fetch-mock.ts';
import { currentLocation, renderSignedIn } from '../test/signed-in.tsx';
import { ConsultationsPage } from './ConsultationsPage.tsx';

const PATH = '/api/participants/DL/strategies/NS-2021-2024/consultations';

afterEach(() => {
  vi.unstubAllGlobals();
});

const SUMMARY = {
  id: 4,
  strategy: 'NS-2021-2024',
  document: 'AP-2023-2024',
  documentTitle: 'Action Plan 2023-2024',
  title: 'Public consultation on the 2023-2024 plan',
  closesOn: '2026-05-31',
  openedAt: '2026-05-01T08:00:00.000Z',
  openedBy: 'Mira Kovač',
  closedAt: null,
  closedBy: null,
  state: 'open',
  publishedAt: null,
  publicPath: '/public/DL/consultations/4',
  counts: { accepted: 1, partly_accepted: 0, not_accepted: 2, unresolved: 3, total: 6 },
};

function listing(candidates: boolean) {
  return {
    consultations: [SUMMARY],
    documents: [
      { document: 'strategy', title: 'National Strategy', status: 'adopted' },
      { document: 'AP-2021-2022', title: 'Action Plan 2021-2022', status: 'adopted' },
      { document: 'AP-2023-2024', title: 'Action Plan 2023-2024', status: 'draft' },
    ],
    candidates: candidates
      ? {
          users: [
            { id: 5, name: 'Elena Stojanovska', role: 'observer', institution: null },
            { id: 3, name: 'Dragan Petrović', role: 'focal_point', institution: 'Police Directorate' },
          ],
          institutions: [
            { code: 'NGO1', name: 'Open Gate' },
            { code: 'POL', name: 'Police Directorate' },
          ],
        }
      : null,
  };
}

const ROUTE = { path: '/strategies/NS-2021-2024/consultations', route: '/strategies/:strategyId/consultations' };

describe('the consultations of a strategy', () => {
  it('lists each consultation with its state and decisions', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'observer' }]) },
      [`GET ${PATH}`]: { status: 200, body: listing(false) },
    });
    await renderSignedIn(<ConsultationsPage />, ROUTE);
    const link = await screen.findByRole('link', { name: 'Public consultation on the 2023-2024 plan' });
    expect(link.getAttribute('href')).toBe('/strategies/NS-2021-2024/consultations/4');
    const row = link.closest('tr');
    expect(row?.textContent).toContain('31 May 2026');
    expect(row?.textContent).toContain('Not accepted: 2');
    expect(screen.queryByRole('heading', { name: 'Open a consultation' })).toBeNull();
  });

  it('lets the coordinator open one on a draft with invitees and a closing date', async () => {
    const requests = mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'coordinator' }]) },
      [`GET ${PATH}`]: { status: 200, body: listing(true) },
      [`POST ${PATH}`]: { status: 200, body: { ...SUMMARY, id: 9 } },
    });
    await renderSignedIn(<ConsultationsPage />, ROUTE);
    const document = await screen.findByLabelText('Document');
    expect([...(document as HTMLSelectElement).options].map((option) => option.value)).toEqual(['AP-2023-2024']);
    fireEvent.change(screen.getByLabelText('Name of the consultation'), { target: { value: 'Second round' } });
    fireEvent.change(screen.getByLabelText(/Closing date/), { target: { value: '2099-01-31' } });
    fireEvent.click(screen.getByLabelText('Police Directorate'));
    fireEvent.click(screen.getByLabelText('Elena Stojanovska (Observer)'));
    fireEvent.click(screen.getByRole('button', { name: 'Open the consultation' }));
    await waitFor(() => expect(currentLocation()).toBe('/strategies/NS-2021-2024/consultations/9'));
    expect(requests.find((request) => request.method === 'POST')?.body).toEqual({
      document: 'AP-2023-2024',
      title: 'Second round',
      closesOn: '2099-01-31',
      users: [5],
      institutions: ['POL'],
    });
  });

  it('shows the server’s refusal next to the field it names', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'coordinator' }]) },
      [`GET ${PATH}`]: { status: 200, body: listing(true) },
      [`POST ${PATH}`]: {
        status: 400,
        body: errorBody('VALIDATION_FAILED', 'Some of the information is not valid.', [
          { path: 'invitees', message: 'Invite at least one institution or person.' },
        ]),
      },
    });
    await renderSignedIn(<ConsultationsPage />, ROUTE);
    fireEvent.click(await screen.findByRole('button', { name: 'Open the consultation' }));
    expect(await screen.findByText('Invite at least one institution or person.')).toBeTruthy();
    expect(currentLocation()).toBe('/strategies/NS-2021-2024/consultations');
  });
});
