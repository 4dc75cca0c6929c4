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

  it('names the local plan of a local coordinator, and shows it in the list', async () => {
    let created = false;
    const CLARA = {
      id: 3,
      email: 'clara@example.org',
      displayName: 'Clara Example',
      disabled: false,
      lastSignInAt: null,
      roles: [{ role: 'local_coordinator', institution: null, plan: 'LAP-VEL-2022' }],
    };
    const requests = mockApi({
      'GET /api/session': { status: 200, body: COORDINATOR },
      'GET /api/participants/DL/users': () => ({ status: 200, body: { items: created ? [ANA, CLARA] : [ANA] } }),
      'GET /api/participants/DL/institutions': { status: 200, body: { items: INSTITUTIONS } },
      'GET /api/participants/DL/local-plans': {
        status: 200,
        body: {
          today: '2022-07-20',
          plans: [{ plan: 'LAP-VEL-2022', body: { code: 'MUN-VEL', name: 'Municipality of Velmora', level: 'local', area: 'Velmora' } }],
          candidates: { plans: [], bodies: [] },
        },
      },
      'POST /api/participants/DL/users': () => {
        created = true;
        return { status: 201, body: { user: CLARA, oneTimePassword: 'maple-stone-17-harbour' } };
      },
    });
    renderUsers();
    fireEvent.click(await screen.findByRole('button', { name: 'Add a user' }));
    fireEvent.change(screen.getByLabelText('E-mail address', { selector: 'input' }), { target: { value: 'clara@example.org' } });
    fireEvent.change(screen.getByLabelText('Full name'), { target: { value: 'Clara Example' } });
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'local_coordinator' } });
    const plan = await screen.findByRole('combobox', { name: 'Local plan' });
    fireEvent.click(screen.getByRole('button', { name: 'Add user' }));
    expect(plan.getAttribute('aria-invalid')).toBe('true');
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.change(plan, { target: { value: 'LAP-VEL-2022' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add user' }));
    await screen.findByTestId('one-time-password');
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      email: 'clara@example.org',
      displayName: 'Clara Example',
      role: 'local_coordinator',
      plan: 'LAP-VEL-2022',
    });
    expect(await within(screen.getByRole('table')).findByText('Local coordinator of LAP-VEL-2022')).toBeDefined();
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

  it('signs a person out everywhere and says how many sessions were ended', async () => {
    const requests = mockApi({
      'GET /api/session': { status: 200, body: COORDINATOR },
      'GET /api/participants/DL/users': { status: 200, body: { items: [ANA, BORIS] } },
      'DELETE /api/participants/DL/users/2/sessions': { status: 200, body: { ended: 2 } },
    });
    renderUsers();
    fireEvent.click(await screen.findByRole('button', { name: 'Sign Boris Example out everywhere' }));
    expect(await screen.findByText('Boris Example was signed out of 2 sessions.')).toBeDefined();
    expect(requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/api/participants/DL/users/2/sessions']);
    // Not offered for one's own account, which would end the session in use.
    expect(screen.queryByRole('button', { name: 'Sign Ana Example out everywhere' })).toBeNull();
  });

  it('turns off the two-step sign-in of someone who lost their phone', async () => {
    const requests = mockApi({
      'GET /api/session': { status: 200, body: COORDINATOR },
      'GET /api/participants/DL/users': { status: 200, body: { items: [ANA, { ...BORIS, secondFactor: true }] } },
      'DELETE /api/participants/DL/users/2/second-factor': { status: 204 },
    });
    renderUsers();
    expect(await screen.findByText('Two-step sign-in')).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Turn off the two-step sign-in of Boris Example' }));
    await waitFor(() => expect(screen.queryByText('Two-step sign-in')).toBeNull());
    expect(screen.queryByRole('button', { name: 'Turn off the two-step sign-in of Boris Example' })).toBeNull();
    expect(requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/api/participants/DL/users/2/second-factor']);
  });
});
