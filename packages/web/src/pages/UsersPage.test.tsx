import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App.tsx';
import { INSTITUTIONS, errorBody, mockApi, sessionFor, type RecordedRequest } from '../test/fetch-mock.ts';

const COORDINATOR = sessionFor([{ role: 'coordinator' }]);
const RAPPORTEUR = sessionFor([{ role: 'rapporteur' }]);

const ANA = {
  id: 1,
  email: 'ana@example.org',
  displayName: 'Ana Example',
  disabled: false,
  lastSignInAt: '2026-03-05T14:30:00Z',
  roles: [{ role: 'coordinator', institution: null }],
};
const BORIS = {
  id: 2,
  email: 'boris@example.org',
  displayName: 'Boris Example',
  disabled: false,
  lastSignInAt: null,
  roles: [{ role: 'focal_point', institution: { code: 'MOI', name: 'Ministry of Interior' } }],
};

function renderUsers() {
  return render(
    <MemoryRouter initialEntries={['/users']}>
      <App />
    </MemoryRouter>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the users page', () => {
  it('lists users with translated roles, status and last sign-in', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: RAPPORTEUR },
      'GET /api/participants/DL/users': { status: 200, body: { items: [ANA, BORIS] } },
    });
    renderUsers();
    const table = await screen.findByRole('table', { name: 'Users of Demoland' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[2] as HTMLElement).getByText('Focal point')).toBeDefined();
    expect(within(rows[2] as HTMLElement).getByText('Ministry of Interior')).toBeDefined();
    expect(within(rows[2] as HTMLElement).getByText('Never')).toBeDefined();
    expect(within(rows[1] as HTMLElement).getByText(/2026/)).toBeDefined();
    // A rapporteur may see users but not manage them.
    expect(screen.queryByRole('button', { name: 'Add a user' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Disable/ })).toBeNull();
  });

  it('requires an institution for a focal point and shows the one-time password once', async () => {
    const requests = mockApi({
      'GET /api/session': { status: 200, body: COORDINATOR },
      'GET /api/participants/DL/users': { status: 200, body: { items: [ANA] } },
      'GET /api/participants/DL/institutions': { status: 200, body: { items: INSTITUTIONS } },
      'POST /api/participants/DL/users': (request: RecordedRequest) => ({
        status: 201,
        body: {
          user: { ...BORIS, email: (request.body as { email: string }).email },
          oneTimePassword: 'tulip-river-42-anchor',
        },
      }),
    });
    renderUsers();
    fireEvent.click(await screen.findByRole('button', { name: 'Add a user' }));
    fireEvent.change(screen.getByLabelText('E-mail address', { selector: 'input' }), {
      target: { value: 'boris@example.org' },
    });
    fireEvent.change(screen.getByLabelText('Full name'), { target: { value: 'Boris Example' } });
    expect(screen.queryByLabelText('Institution')).toBeNull();
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'focal_point' } });
    const institution = await screen.findByLabelText('Institution');
    fireEvent.click(screen.getByRole('button', { name: 'Add user' }));

    expect(institution.getAttribute('aria-invalid')).toBe('true');
    const errorId = (institution.getAttribute('aria-describedby') ?? '').split(' ').find((id) => id.endsWith('-error'));
    expect(document.getElementById(errorId ?? '')?.textContent).toBe('This field is required.');
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.change(institution, { target: { value: 'MOI' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add user' }));

    expect((await screen.findByTestId('one-time-password')).textContent).toBe('tulip-river-42-anchor');
    expect(screen.getByRole('heading', { name: 'One-time password for Boris Example' })).toBeDefined();
    const post = requests.find((r) => r.method === 'POST');
    expect(post?.body).toEqual({
      email: 'boris@example.org',
      displayName: 'Boris Example',
      role: 'focal_point',
      institution: 'MOI',
    });
    expect(post?.headers['X-CSRF-Token']).toBe('csrf-token-1');
    expect(within(screen.getByRole('table')).getByText('Boris Example')).toBeDefined();

    fireEvent.click(screen.getByRole('button', { name: 'Noted – close' }));
    expect(screen.queryByTestId('one-time-password')).toBeNull();
  });

  it('does not send an institution for other roles, and shows a clash on the e-mail field', async () => {
    const requests = mockApi({
      'GET /api/session': { status: 200, body: COORDINATOR },
      'GET /api/participants/DL/users': { status: 200, body: { items: [ANA] } },
      'GET /api/participants/DL/institutions': { status: 200, body: { items: INSTITUTIONS } },
      'POST /api/participants/DL/users': { status: 409, body: errorBody('ALREADY_EXISTS', 'This already exists.') },
    });
    renderUsers();
    fireEvent.click(await screen.findByRole('button', { name: 'Add a user' }));
    const email = screen.getByLabelText('E-mail address', { selector: 'input' });
    fireEvent.change(email, { target: { value: 'ana@example.org' } });
    fireEvent.change(screen.getByLabelText('Full name'), { target: { value: 'Ana Again' } });
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'observer' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add user' }));
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByRole('alert').textContent).toBe('This already exists.');
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      email: 'ana@example.org',
      displayName: 'Ana Again',
      role: 'observer',
    });
  });

  it('disables a user after confirmation', async () => {
    const requests = mockApi({
      'GET /api/session': { status: 200, body: COORDINATOR },
      'GET /api/participants/DL/users': { status: 200, body: { items: [ANA, BORIS] } },
      'PATCH /api/participants/DL/users/2': { status: 200, body: { ...BORIS, disabled: true } },
    });
    renderUsers();
    fireEvent.click(await screen.findByRole('button', { name: 'Disable Boris Example' }));
    expect(requests.some((r) => r.method === 'PATCH')).toBe(false);
    expect(screen.getByText('Disable the account of Boris Example? This person will no longer be able to sign in.')).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Yes, disable' }));
    expect(await screen.findByRole('button', { name: 'Enable Boris Example' })).toBeDefined();
    expect(screen.getByText('Disabled')).toBeDefined();
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({ disabled: true });
    // Nobody is offered to disable their own account.
    expect(screen.queryByRole('button', { name: 'Disable Ana Example' })).toBeNull();
  });
});
