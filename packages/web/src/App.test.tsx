import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './App.tsx';
import { DEMOLAND, INSTITUTIONS, errorBody, mockApi, sessionFor } from './test/fetch-mock.ts';

const SIGNED_OUT = { status: 401, body: errorBody('UNAUTHENTICATED', 'Please sign in to continue.') };
const COORDINATOR = sessionFor([{ role: 'coordinator' }]);
const FOCAL_POINT = sessionFor([{ role: 'focal_point', institution: { code: 'MOI', name: 'Ministry of Interior' } }]);

function renderApp(path = '/') {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <App />
    </MemoryRouter>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('signing in', () => {
  it('shows the message the API gives when signing in fails', async () => {
    const requests = mockApi({
      'GET /api/session': SIGNED_OUT,
      'POST /api/session': {
        status: 401,
        body: errorBody('INVALID_CREDENTIALS', 'The e-mail address or the password is not correct.'),
      },
    });
    renderApp('/');
    const email = await screen.findByLabelText('E-mail address');
    await waitFor(() => expect(document.title).toBe('Sign in – Ariadne'));
    fireEvent.change(email, { target: { value: 'ana@example.org' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'The e-mail address or the password is not correct.');
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('');
    const post = requests.find((r) => r.method === 'POST');
    expect(post?.body).toEqual({ email: 'ana@example.org', password: 'wrong password' });
    expect(post?.headers['Accept-Language']).toBe('en');
  });

  it('asks for both fields before calling the API', async () => {
    const requests = mockApi({ 'GET /api/session': SIGNED_OUT });
    renderApp('/signin');
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
    const email = screen.getByLabelText('E-mail address');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = email.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toBe('This field is required.');
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('enters the shell on success and returns to the page that was asked for', async () => {
    mockApi({
      'GET /api/session': SIGNED_OUT,
      'POST /api/session': { status: 200, body: COORDINATOR },
      'GET /api/participants/DL/institutions': { status: 200, body: { items: INSTITUTIONS } },
    });
    renderApp('/institutions');
    fireEvent.change(await screen.findByLabelText('E-mail address'), { target: { value: 'ana@example.org' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Institutions' })).toBeDefined();
    expect(screen.getByRole('banner')).toBeDefined();
    expect(screen.getByRole('navigation', { name: 'Main navigation' })).toBeDefined();
    expect(screen.getByRole('main')).toBeDefined();
    expect(await screen.findByText('2 institutions')).toBeDefined();
    await waitFor(() => expect(document.title).toBe('Institutions – Ariadne'));
  });

  it('asks for the code of the app after the password of an account with two-step sign-in', async () => {
    const requests = mockApi({
      'GET /api/session': SIGNED_OUT,
      'POST /api/session': (request) => {
        const code = (request.body as { code?: string }).code;
        if (code === undefined)
          return { status: 401, body: errorBody('SECOND_FACTOR_REQUIRED', 'Enter the six-digit code from your authenticator app.') };
        if (code !== '654321')
          return { status: 401, body: errorBody('SECOND_FACTOR_INVALID', 'The code is not correct or has been used already.') };
        return { status: 200, body: COORDINATOR };
      },
      'GET /api/participants/DL/institutions': { status: 200, body: { items: INSTITUTIONS } },
    });
    renderApp('/institutions');
    fireEvent.change(await screen.findByLabelText('E-mail address'), { target: { value: 'ana@example.org' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const code = await screen.findByLabelText('Code from your authenticator app');
    await waitFor(() => expect(document.activeElement).toBe(code));
    fireEvent.change(code, { target: { value: '111111' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('The code is not correct or has been used already.')).toBeDefined();
    fireEvent.change(screen.getByLabelText('Code from your authenticator app'), { target: { value: '654321' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Institutions' })).toBeDefined();
    expect(requests.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([
      { email: 'ana@example.org', password: 'correct horse battery' },
      { email: 'ana@example.org', password: 'correct horse battery', code: '111111' },
      { email: 'ana@example.org', password: 'correct horse battery', code: '654321' },
    ]);
  });

  it('returns to the sign-in page when a call answers 401', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: COORDINATOR },
      'GET /api/participants/DL/users': SIGNED_OUT,
    });
    renderApp('/users');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeDefined();
    expect(screen.getByRole('status').textContent).toBe('Please sign in to continue.');
  });
});

describe('the shell', () => {
  it('shows a coordinator the Users and Audit sections', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: COORDINATOR },
      'GET /api/participants/DL': { status: 200, body: DEMOLAND },
    });
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome, Ana Example' })).toBeDefined();
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    const links = within(nav)
      .getAllByRole('link')
      .map((link) => link.textContent);
    expect(links).toEqual(['Home', 'Plans', 'Institutions', 'Users', 'Audit trail', 'Publishing', 'Regional picture', 'My account']);
    expect(screen.getByText('Coordinator')).toBeDefined();
    expect((await screen.findByTestId('institution-count')).textContent).toBe('1,234');
    expect(screen.getByTestId('today').textContent).toMatch(/\d{4}$/);
  });

  it('hides Users and Audit from a focal point, and names their institution', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: FOCAL_POINT },
      'GET /api/participants/DL': { status: 200, body: DEMOLAND },
    });
    renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'Welcome, Ana Example' });
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    const links = within(nav)
      .getAllByRole('link')
      .map((link) => link.textContent);
    expect(links).toEqual(['Home', 'Plans', 'Institutions', 'My account']);
    expect(screen.queryByRole('link', { name: 'Users' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Audit trail' })).toBeNull();
    expect(screen.getByText('Focal point, Ministry of Interior')).toBeDefined();
  });

  it('tells a focal point who opens /users directly that it is not allowed', async () => {
    const requests = mockApi({ 'GET /api/session': { status: 200, body: FOCAL_POINT } });
    renderApp('/users');
    expect(await screen.findByText('You do not have permission to do this.')).toBeDefined();
    expect(requests.some((r) => r.path.endsWith('/users'))).toBe(false);
  });

  it('offers a Participant switcher only to people with roles in several Participants', async () => {
    const session = sessionFor([{ role: 'coordinator' }]);
    session.memberships.push({
      participant: { code: 'OL', name: 'Otherland', currency: 'ALL' },
      role: 'observer',
      institution: null,
    });
    session.abilities.OL = ['participant.view', 'institution.view'];
    mockApi({
      'GET /api/session': { status: 200, body: session },
      'GET /api/participants/DL': { status: 200, body: DEMOLAND },
      'GET /api/participants/OL': { status: 200, body: { ...DEMOLAND, code: 'OL', name: 'Otherland', currency: 'ALL' } },
    });
    renderApp('/');
    const switcher = await screen.findByLabelText('Participant');
    fireEvent.change(switcher, { target: { value: 'OL' } });
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Users' })).toBeNull());
    expect(window.localStorage.getItem('ariadne.participant')).toBe('OL');
    expect(await screen.findByText('ALL')).toBeDefined();
  });

  it('signs out through the user menu, and the next person starts at the home page', async () => {
    const requests = mockApi({
      'GET /api/session': { status: 200, body: COORDINATOR },
      'GET /api/participants/DL': { status: 200, body: DEMOLAND },
      'DELETE /api/session': { status: 204 },
      'POST /api/session': { status: 200, body: FOCAL_POINT },
    });
    renderApp('/account');
    fireEvent.click(await screen.findByRole('button', { name: 'Ana Example – account menu' }));
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeDefined();
    const signOut = requests.find((r) => r.method === 'DELETE');
    expect(signOut?.headers['X-CSRF-Token']).toBe('csrf-token-1');

    fireEvent.change(screen.getByLabelText('E-mail address'), { target: { value: 'boris@example.org' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome, Ana Example' })).toBeDefined();
    // Signing in sends no CSRF token: the previous session's token ended with it.
    expect(requests.find((r) => r.method === 'POST')?.headers['X-CSRF-Token']).toBeUndefined();
  });
});

describe('the language', () => {
  it('switches the visible text and <html lang>, and saves the choice to the account', async () => {
    const requests = mockApi({
      'GET /api/session': { status: 200, body: COORDINATOR },
      'GET /api/participants/DL': { status: 200, body: DEMOLAND },
      'PATCH /api/account': { status: 200, body: { user: { ...COORDINATOR.user, language: 'sr-Cyrl' } } },
    });
    renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'Welcome, Ana Example' });
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'sr-Cyrl' } });
    const heading = await screen.findByRole('heading', { level: 1, name: 'Добро дошли, Ana Example' });
    expect(heading.textContent).toMatch(/[\u0400-\u04ff]/);
    expect(document.documentElement.lang).toBe('sr-Cyrl');
    expect(within(screen.getByRole('navigation')).getByRole('link', { name: 'Институције' })).toBeDefined();
    expect(window.localStorage.getItem('ariadne.language')).toBe('sr-Cyrl');
    await waitFor(() => expect(requests.some((r) => r.method === 'PATCH')).toBe(true));
    const patch = requests.find((r) => r.method === 'PATCH');
    expect(patch?.body).toEqual({ language: 'sr-Cyrl' });
    expect(patch?.headers['X-CSRF-Token']).toBe('csrf-token-1');
    expect(patch?.headers['Accept-Language']).toBe('sr-Cyrl');
    expect((await screen.findByTestId('institution-count')).textContent).toBe('1.234');
  });

  it('can be chosen before signing in, and is then saved at sign-in', async () => {
    const requests = mockApi({
      'GET /api/session': SIGNED_OUT,
      'POST /api/session': { status: 200, body: FOCAL_POINT },
      'PATCH /api/account': { status: 200, body: { user: { ...FOCAL_POINT.user, language: 'sq' } } },
      'GET /api/participants/DL': { status: 200, body: DEMOLAND },
    });
    renderApp('/');
    fireEvent.change(await screen.findByLabelText('Language'), { target: { value: 'sq' } });
    expect(await screen.findByRole('heading', { level: 1, name: 'Identifikohu' })).toBeDefined();
    expect(document.documentElement.lang).toBe('sq');
    fireEvent.change(screen.getByLabelText('Adresa e email-it'), { target: { value: 'ana@example.org' } });
    fireEvent.change(screen.getByLabelText('Fjalëkalimi'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Identifikohu' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Mirë se vini, Ana Example' })).toBeDefined();
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({ language: 'sq' });
    expect((await screen.findByTestId('today')).textContent).not.toMatch(
      /January|February|March|April|May|June|July|August|September|October|November|December/,
    );
  });

  it('follows the language saved in the account when a session is found', async () => {
    const session = { ...COORDINATOR, user: { ...COORDINATOR.user, language: 'mk' } };
    mockApi({
      'GET /api/session': { status: 200, body: session },
      'GET /api/participants/DL': { status: 200, body: DEMOLAND },
    });
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Добредојдовте, Ana Example' })).toBeDefined();
    expect(document.documentElement.lang).toBe('mk');
  });
});
