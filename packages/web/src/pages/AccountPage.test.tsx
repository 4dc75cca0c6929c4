import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App.tsx';
import { DEMOLAND, errorBody, mockApi, sessionFor, type Reply } from '../test/fetch-mock.ts';

const OBSERVER = sessionFor([{ role: 'observer' }]);

function renderAccount(passwordReply: Reply) {
  const requests = mockApi({
    'GET /api/session': { status: 200, body: OBSERVER },
    'PUT /api/account/password': passwordReply,
  });
  render(
    <MemoryRouter initialEntries={['/account']}>
      <App />
    </MemoryRouter>,
  );
  return requests;
}

async function submitPasswords(current: string, next: string, confirm: string) {
  fireEvent.change(await screen.findByLabelText('Current password'), { target: { value: current } });
  fireEvent.change(screen.getByLabelText('New password'), { target: { value: next } });
  fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: confirm } });
  fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
}

function errorOf(label: string): string | null | undefined {
  const input = screen.getByLabelText(label);
  const id = (input.getAttribute('aria-describedby') ?? '').split(' ').find((part) => part.endsWith('-error'));
  return id ? document.getElementById(id)?.textContent : null;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('my account', () => {
  it('shows who the user is and their roles', async () => {
    renderAccount({ status: 204 });
    expect(await screen.findByRole('heading', { level: 1, name: 'My account' })).toBeDefined();
    const main = within(screen.getByRole('main'));
    expect(main.getByText('ana@example.org')).toBeDefined();
    expect(main.getByText('Demoland: Observer')).toBeDefined();
    await waitFor(() => expect(document.title).toBe('My account – Ariadne'));
  });

  it('checks length and repetition before calling the API', async () => {
    const requests = renderAccount({ status: 204 });
    await submitPasswords('old password here', 'too short', 'different');
    expect(errorOf('New password')).toBe('Must be at least 12 characters long.');
    expect(errorOf('Repeat the new password')).toBe('The two new passwords are not the same.');
    expect(requests.some((r) => r.method === 'PUT')).toBe(false);
  });

  it('shows the server issue next to the field it names', async () => {
    renderAccount({
      status: 400,
      body: errorBody('VALIDATION_FAILED', 'Some of the information is not valid. Please check the marked fields.', [
        { path: 'currentPassword', message: 'The current password is not correct.' },
      ]),
    });
    await submitPasswords('wrong password', 'a long new passphrase', 'a long new passphrase');
    await waitFor(() => expect(errorOf('Current password')).toBe('The current password is not correct.'));
    expect(errorOf('New password')).toBeNull();
  });

  it('puts a refused password next to the new password', async () => {
    renderAccount({
      status: 400,
      body: errorBody('WEAK_PASSWORD', 'This password is too easy to guess. Please choose another one.'),
    });
    await submitPasswords('old password here', 'password1234', 'password1234');
    await waitFor(() => expect(errorOf('New password')).toBe('This password is too easy to guess. Please choose another one.'));
  });

  it('confirms a change and clears the form', async () => {
    const requests = renderAccount({ status: 204 });
    await submitPasswords('old password here', 'a long new passphrase', 'a long new passphrase');
    expect(await screen.findByText('Your password has been changed.')).toBeDefined();
    expect((screen.getByLabelText('New password') as HTMLInputElement).value).toBe('');
    const put = requests.find((r) => r.method === 'PUT');
    expect(put?.body).toEqual({ currentPassword: 'old password here', newPassword: 'a long new passphrase' });
    expect(put?.headers['X-CSRF-Token']).toBe('csrf-token-1');
  });

  it('asks for a new password before anything else after signing in with a one-time password', async () => {
    const session = { ...OBSERVER, user: { ...OBSERVER.user, mustChangePassword: true } };
    mockApi({
      'GET /api/session': { status: 200, body: session },
      'PUT /api/account/password': { status: 204 },
      'GET /api/participants/DL': { status: 200, body: DEMOLAND },
    });
    render(
      <MemoryRouter initialEntries={['/']}>
        <App />
      </MemoryRouter>,
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Choose your own password' })).toBeDefined();
    expect(screen.queryByRole('navigation')).toBeNull();
    await submitPasswords('one-time password', 'a long new passphrase', 'a long new passphrase');
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome, Ana Example' })).toBeDefined();
    expect(screen.getByRole('navigation', { name: 'Main navigation' })).toBeDefined();
  });
});
