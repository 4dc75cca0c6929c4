import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, newContext, screenshotForGuide, signIn } from './support/browser.ts';
import { browserForJourneys, signInAsCoordinator } from './support/journeys.ts';

// A coordinator's account protected by two-step sign-in: set up with an authenticator app, asked
// for at the next sign-in; and a coordinator signing someone out everywhere.

const journeys = browserForJourneys();
const { withPage } = journeys;

const EMAIL = 'security.officer@demoland.example';
const NAME = 'Vesna Petrović';
const PASSWORD = 'two locks on the office door';

/** The code an authenticator app shows for a secret at a moment. */
function appCode(secret: string, at: Date): string {
  return new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() });
}

/** Adds a coordinator through the Users page and returns their one-time password. */
async function addCoordinator(page: Page): Promise<string> {
  await signInAsCoordinator(page);
  await page.goto('/users');
  await page.getByRole('button', { name: 'Add a user' }).click();
  await page.getByLabel('E-mail address').fill(EMAIL);
  await page.getByLabel('Full name').fill(NAME);
  await page.getByLabel('Role').selectOption('coordinator');
  await page.getByRole('button', { name: 'Add user', exact: true }).click();
  await page.getByRole('heading', { name: `One-time password for ${NAME}` }).waitFor();
  const text = (await page.locator('code, .one-time-password').first().textContent()) ?? '';
  const match = /[a-z2-9]{5}(-[a-z2-9]{5}){3}/.exec(text);
  expect(match).not.toBeNull();
  return match?.[0] ?? '';
}

describe('two-step sign-in', () => {
  it('is set up on the account page and asked for at the next sign-in; a coordinator can sign someone out everywhere', async () => {
    const oneTimePassword = await withPage(addCoordinator);

    const context = await newContext(journeys.browser);
    const page = await context.newPage();
    try {
      await signIn(page, EMAIL, oneTimePassword);
      await page.getByRole('heading', { name: 'Choose your own password' }).waitFor();
      await page.getByLabel('Current password').fill(oneTimePassword);
      await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Repeat the new password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByRole('heading', { name: `Welcome, ${NAME}` }).waitFor();

      await page.goto('/account');
      await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
      await page.getByRole('img', { name: 'QR code for the authenticator app' }).waitFor();
      await expectAccessible(page);
      await page.getByRole('heading', { level: 2, name: 'Two-step sign-in' }).evaluate((heading) => heading.scrollIntoView());
      await screenshotForGuide(page, 'account-two-step-set-up');
      const secret = ((await page.locator('.secret-key').textContent()) ?? '').replace(/\s+/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);

      await page.getByLabel('Code the app shows').fill('000000');
      await page.getByRole('button', { name: 'Turn on' }).click();
      await page.getByText('This code is not right. Enter the six digits your app shows now.').waitFor();
      const turnedOnAt = new Date();
      await page.getByLabel('Code the app shows').fill(appCode(secret, turnedOnAt));
      await page.getByRole('button', { name: 'Turn on' }).click();
      const codes = page.getByRole('list', { name: 'Recovery codes' });
      await codes.waitFor();
      expect(await codes.getByRole('listitem').count()).toBe(8);
      await expectAccessible(page);
      await page.getByRole('heading', { level: 2, name: 'Two-step sign-in' }).evaluate((heading) => heading.scrollIntoView());
      await screenshotForGuide(page, 'account-two-step-recovery-codes');
      await page.getByRole('button', { name: 'I have kept them' }).click();
      await page.getByText(/On since .*8 recovery codes left\./).waitFor();

      await page.getByRole('button', { name: /account menu/ }).click();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();

      // The password alone opens nothing: the page asks for the code.
      await signIn(page, EMAIL, PASSWORD);
      const codeField = page.getByLabel('Code from your authenticator app');
      await codeField.waitFor();
      await expectAccessible(page);
      await screenshotForGuide(page, 'sign-in-code');
      // The code set it up was accepted once; the next one, a step later, signs in.
      await codeField.fill(appCode(secret, new Date(turnedOnAt.getTime() + 30_000)));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: `Welcome, ${NAME}` }).waitFor();

      // A coordinator signs them out everywhere: their next page asks them to sign in again.
      await withPage(async (coordinator) => {
        await signInAsCoordinator(coordinator);
        await coordinator.goto('/users');
        await coordinator.getByRole('button', { name: `Sign ${NAME} out everywhere` }).click();
        await coordinator.getByText(`${NAME} was signed out of 1 session.`).waitFor();
        await expectAccessible(coordinator);
      });
      await page.goto('/institutions');
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
