import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi, sessionFor } from '../test/fetch-mock.ts';
import { renderSignedIn } from '../test/signed-in.tsx';
import { ConsultationPage, type ConsultationDetail } from './ConsultationPage.tsx';

const PATH = '/api/participants/DL/strategies/NS-2021-2024/consultations/4';
const ROUTE = { path: '/strategies/NS-2021-2024/consultations/4', route: '/strategies/:strategyId/consultations/:consultationId' };

afterEach(() => {
  vi.unstubAllGlobals();
});

const COMMENT = {
  id: 11,
  parentId: null,
  element: 'A1.1.4',
  part: null,
  text: 'Add the labour inspectorate as a partner.',
  author: 'Elena Stojanovska',
  institution: null,
  createdAt: '2026-05-02T09:00:00.000Z',
  mine: true,
  decision: null,
  reason: null,
  changeElement: null,
  changeVersion: null,
  changeAmendment: null,
  resolvedAt: null,
};

function detail(overrides: Partial<ConsultationDetail> = {}): ConsultationDetail {
  return {
    id: 4,
    strategy: 'NS-2021-2024',
    document: 'AP-2023-2024',
    documentTitle: 'Action Plan 2023-2024',
    title: 'Consultation on the 2023-2024 plan',
    closesOn: '2099-05-31',
    openedAt: '2026-05-01T08:00:00.000Z',
    openedBy: 'Mira Kovač',
    closedAt: null,
    closedBy: null,
    state: 'open',
    publishedAt: null,
    publicPath: '/public/DL/consultations/4',
    counts: { accepted: 0, partly_accepted: 0, not_accepted: 0, unresolved: 1, total: 1 },
    invitees: [
      { id: 1, userId: null, institution: 'POL', name: 'Police Directorate' },
      { id: 2, userId: 5, institution: null, name: 'Elena Stojanovska' },
    ],
    targets: [
      { kind: 'action_plan', code: 'AP-2023-2024', parent: null, title: 'Action Plan 2023-2024', part: null },
      { kind: 'activity', code: 'A1.1.4', parent: 'AP-2023-2024', title: 'Train labour inspectors', part: null },
      { kind: 'activity', code: 'A1.1.4', parent: 'AP-2023-2024', title: 'Train labour inspectors', part: 'costs' },
    ],
    comments: [COMMENT],
    me: { invited: true, canComment: true },
    changes: { versions: [], amendments: [] },
    ...overrides,
  };
}

describe('a consultation as an invited commenter', () => {
  it('comments on an activity’s costs and sees the status of their own comments', async () => {
    const requests = mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'observer' }]) },
      [`GET ${PATH}`]: { status: 200, body: detail() },
      [`POST ${PATH}/comments`]: {
        status: 200,
        body: detail({
          comments: [COMMENT, { ...COMMENT, id: 12, part: 'costs', text: 'Too costly.', decision: null }],
        }),
      },
    });
    await renderSignedIn(<ConsultationPage />, ROUTE);
    const mine = await screen.findByRole('region', { name: 'My comments' });
    expect(within(mine).getByText('Add the labour inspectorate as a partner.').closest('tr')?.textContent).toContain('Not yet decided');
    const costs = 'Costs of Activity A1.1.4 – Train labour inspectors';
    fireEvent.click(screen.getByRole('button', { name: `Comment on ${costs}` }));
    fireEvent.change(screen.getByLabelText(`Your comment on ${costs}`), { target: { value: 'Too costly.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(within(screen.getByRole('region', { name: 'My comments' })).getByText('Too costly.')).toBeTruthy());
    expect(requests.find((request) => request.method === 'POST')?.body).toEqual({ element: 'A1.1.4', part: 'costs', text: 'Too costly.' });
  });

  it('replies in the thread of a comment', async () => {
    const requests = mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'focal_point', institution: { code: 'POL', name: 'Police' } }]) },
      [`GET ${PATH}`]: { status: 200, body: detail({ comments: [{ ...COMMENT, mine: false }] }) },
      [`POST ${PATH}/comments`]: {
        status: 200,
        body: detail({
          comments: [
            { ...COMMENT, mine: false },
            { ...COMMENT, id: 13, parentId: 11, text: 'The police agree.', author: 'Dragan Petrović', institution: 'Police', mine: true },
          ],
        }),
      },
    });
    await renderSignedIn(<ConsultationPage />, ROUTE);
    fireEvent.click(await screen.findByRole('button', { name: 'Reply' }));
    fireEvent.change(screen.getByLabelText('Your reply to Elena Stojanovska'), { target: { value: 'The police agree.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    const replies = await screen.findByRole('list', { name: 'Replies to Elena Stojanovska' });
    expect(within(replies).getByText('The police agree.')).toBeTruthy();
    expect(requests.find((request) => request.method === 'POST')?.body).toEqual({ parent: 11, text: 'The police agree.' });
  });

  it('tells who is not invited that they cannot comment, and offers no comment button', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'observer' }]) },
      [`GET ${PATH}`]: {
        status: 200,
        body: detail({ comments: [{ ...COMMENT, mine: false }], me: { invited: false, canComment: false } }),
      },
    });
    await renderSignedIn(<ConsultationPage />, ROUTE);
    expect(await screen.findByText(/You are not invited to this consultation/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Comment on/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reply' })).toBeNull();
  });

  it('shows a closed consultation as frozen', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'observer' }]) },
      [`GET ${PATH}`]: { status: 200, body: detail({ state: 'closed', me: { invited: true, canComment: false } }) },
    });
    await renderSignedIn(<ConsultationPage />, ROUTE);
    expect(await screen.findByText('This consultation is closed: its comments are frozen.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Comment on/ })).toBeNull();
  });
});

describe('a consultation as its coordinator', () => {
  it('resolves a comment with a reason and the element it changed', async () => {
    const resolved = { ...COMMENT, mine: false, decision: 'accepted' as const, reason: 'Agreed.', changeElement: 'A1.1.4' };
    const requests = mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'coordinator' }]) },
      [`GET ${PATH}`]: {
        status: 200,
        body: detail({ comments: [{ ...COMMENT, mine: false }], me: { invited: false, canComment: false } }),
      },
      [`PUT ${PATH}/comments/11/resolution`]: {
        status: 200,
        body: detail({ comments: [resolved], me: { invited: false, canComment: false } }),
      },
    });
    await renderSignedIn(<ConsultationPage />, ROUTE);
    fireEvent.click(await screen.findByRole('button', { name: 'Resolve' }));
    fireEvent.change(screen.getByLabelText('Decision'), { target: { value: 'accepted' } });
    fireEvent.change(screen.getByLabelText(/^Reason/), { target: { value: 'Agreed.' } });
    fireEvent.change(screen.getByLabelText('Element changed'), { target: { value: 'A1.1.4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the resolution' }));
    expect(await screen.findByText('A1.1.4 Train labour inspectors changed')).toBeTruthy();
    expect(requests.find((request) => request.method === 'PUT')?.body).toEqual({
      decision: 'accepted',
      reason: 'Agreed.',
      changeElement: 'A1.1.4',
      changeVersion: null,
      changeAmendment: null,
    });
    expect(screen.queryByText(/You are not invited/)).toBeNull();
  });

  it('closes the consultation after confirming, then publishes the log', async () => {
    const requests = mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'coordinator' }]) },
      [`GET ${PATH}`]: { status: 200, body: detail({ me: { invited: false, canComment: false } }) },
      [`POST ${PATH}/close`]: { status: 200, body: detail({ state: 'closed', me: { invited: false, canComment: false } }) },
      [`PUT ${PATH}/publication`]: {
        status: 200,
        body: detail({ state: 'closed', publishedAt: '2026-06-02T10:00:00.000Z', me: { invited: false, canComment: false } }),
      },
    });
    await renderSignedIn(<ConsultationPage />, ROUTE);
    const download = await screen.findByRole('link', { name: 'Download the resolution log (Word)' });
    expect(download.getAttribute('href')).toBe(`${PATH}/log.docx?language=en`);
    fireEvent.click(screen.getByRole('button', { name: 'Close the consultation' }));
    fireEvent.click(screen.getByRole('button', { name: 'Close now' }));
    expect(await screen.findByText('This consultation is closed: its comments are frozen.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Publish the log on the portal' }));
    const link = await screen.findByRole('link', { name: 'Read it on the portal' });
    expect(link.getAttribute('href')).toBe('/public/DL/consultations/4?lang=en');
    expect(requests.find((request) => request.method === 'PUT')?.body).toEqual({ published: true });
  });

  it('invites another institution while the consultation is open', async () => {
    const requests = mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'coordinator' }]) },
      [`GET ${PATH}`]: { status: 200, body: detail({ me: { invited: false, canComment: false } }) },
      ['GET /api/participants/DL/strategies/NS-2021-2024/consultations']: {
        status: 200,
        body: {
          consultations: [],
          documents: [],
          candidates: {
            users: [{ id: 5, name: 'Elena Stojanovska', role: 'observer', institution: null }],
            institutions: [
              { code: 'MLSP', name: 'Ministry of Labour and Social Policy' },
              { code: 'POL', name: 'Police Directorate' },
            ],
          },
        },
      },
      [`POST ${PATH}/invitees`]: { status: 200, body: detail({ me: { invited: false, canComment: false } }) },
    });
    await renderSignedIn(<ConsultationPage />, ROUTE);
    const invite = await screen.findByRole('region', { name: 'Invite more' });
    // Who is already invited is not offered again.
    expect(within(invite).queryByLabelText('Police Directorate')).toBeNull();
    expect(within(invite).queryByLabelText('Elena Stojanovska (Observer)')).toBeNull();
    fireEvent.click(within(invite).getByLabelText('Ministry of Labour and Social Policy'));
    fireEvent.click(within(invite).getByRole('button', { name: 'Invite' }));
    expect(await within(invite).findByText('The invitations have been added.')).toBeTruthy();
    expect(requests.find((request) => request.method === 'POST')?.body).toEqual({ institutions: ['MLSP'], users: [] });
  });
});
