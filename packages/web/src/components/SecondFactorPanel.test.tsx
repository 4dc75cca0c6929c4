import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App.tsx';
import { errorBody, mockApi, sessionFor } from '../test/fetch-mock.ts';

const COORDINATOR = sessionFor([{ role: 'coordinator' }]);
const CODES = ['ABCDE-FGHJK', 'LMNPQ-RSTUV', 'WXYZ2-34567', '89ABC-DEFGH', 'JKLMN-PQRST', 'UVWXY-Z2345', '6789A-BCDEF', 'GHJKL-MNPQR'];

function renderAccount() {
  return render(
    <MemoryRouter initialEntries={['/account']}>
      <App />
    </MemoryRouter>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('two-step sign-in on the account page', () => {
  it('is set up with the QR code and the first code, and shows the recovery codes once', async () => {
    let enabled = false;
    const requests = mockApi({
      'GET /api/session': { status: 200, body: COORDINATOR },
      'GET /api/account/second-factor': () => ({
        status: 200,
        body: enabled
          ? { enabled: true, enabledAt: '2026-12-07T10:00:00Z', recoveryCodesLeft: 8 }
          : { enabled: false, enabledAt: null, recoveryCodesLeft: 0 },
      }),
      'POST /api/account/second-factor': {
        status: 200,
        body: { secret: 'JBSWY3DPEHPK3PXPJBSWY3DP', uri: 'otpauth://totp/x', qrCode: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' },
      },
      'PUT /api/account/second-factor': (request) => {
        if ((request.body as { code: string }).code !== '123456') {
          return { status: 400, body: errorBody('VALIDATION_FAILED', 'Invalid.', [{ path: 'code', message: 'This code is not right.' }]) };
        }
        enabled = true;
        return { status: 200, body: { recoveryCodes: CODES } };
      },
    });
    renderAccount();
    fireEvent.click(await screen.findByRole('button', { name: 'Set up two-step sign-in' }, { timeout: 5000 }));
    expect(await screen.findByRole('img', { name: 'QR code for the authenticator app' })).toBeDefined();
    expect(screen.getByText('JBSW Y3DP EHPK 3PXP JBSW Y3DP')).toBeDefined();

    const code = screen.getByLabelText('Code the app shows');
    fireEvent.change(code, { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(await screen.findByText('This code is not right.')).toBeDefined();

    fireEvent.change(code, { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Turn on' }));
    const list = await screen.findByRole('list', { name: 'Recovery codes' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(CODES);
    expect(await screen.findByText('On since 7 Dec 2026, 10:00. 8 recovery codes left.', { exact: false })).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'I have kept them' }));
    expect(screen.queryByRole('list', { name: 'Recovery codes' })).toBeNull();
    expect(requests.filter((r) => r.method === 'PUT').map((r) => r.body)).toEqual([{ code: '000000' }, { code: '123456' }]);
  });

  it('is turned off with the password', async () => {
    let enabled = true;
    const requests = mockApi({
      'GET /api/session': { status: 200, body: COORDINATOR },
      'GET /api/account/second-factor': () => ({
        status: 200,
        body: enabled
          ? { enabled: true, enabledAt: '2026-12-07T10:00:00Z', recoveryCodesLeft: 1 }
          : { enabled: false, enabledAt: null, recoveryCodesLeft: 0 },
      }),
      'POST /api/account/second-factor/turn-off': () => {
        enabled = false;
        return { status: 204 };
      },
    });
    renderAccount();
    expect(await screen.findByText('1 recovery code left.', { exact: false })).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Turn off two-step sign-in' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, turn it off' }));
    expect(await screen.findByText('This field is required.')).toBeDefined();
    fireEvent.change(screen.getByLabelText('Your password, to confirm'), { target: { value: 'my passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'Yes, turn it off' }));
    expect(await screen.findByRole('button', { name: 'Set up two-step sign-in' })).toBeDefined();
    expect(requests.find((r) => r.path === '/api/account/second-factor/turn-off')?.body).toEqual({ password: 'my passphrase' });
  });
});
