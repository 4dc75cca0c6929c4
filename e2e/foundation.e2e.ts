import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newContext, screenshotForGuide, signIn } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

async function withPage<T>(work: (page: Page) => Promise<T>, size?: { width: number; height: number }): Promise<T> {
  const context = await newContext(browser, size);
  const page = await context.newPage();
  try {
    return await work(page);
  } finally {
    await context.close();
  }
}

/** The main navigation of the shell. */
function nav(page: Page) {
  return page.getByRole('navigation', { name: 'Main navigation' });
}

/** How many institutions Demoland's register holds now (other journeys may add some). */
async function institutionCount(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const response = await fetch('/api/participants/DL/institutions', { headers: { Accept: 'application/json' } });
    const body = (await response.json()) as { items: unknown[] };
    return body.items.length;
  });
}

/** The navigation entries a person of each role sees (demo accounts, Demoland). */
const ROLES: { email: string; name: string; sections: string[] }[] = [
  {
    email: 'coordinator@demoland.example',
    name: 'Mira Kovač',
    sections: ['Home', 'Plans', 'Institutions', 'Users', 'Audit trail', 'Publishing', 'Regional picture', 'My account'],
  },
  { email: 'editor@demoland.example', name: 'Arben Hoxha', sections: ['Home', 'Plans', 'Institutions', 'My account'] },
  { email: 'focal.point@demoland.example', name: 'Dragan Petrović', sections: ['Home', 'Plans', 'Institutions', 'My account'] },
  { email: 'observer@demoland.example', name: 'Elena Stojanovska', sections: ['Home', 'Plans', 'Institutions', 'My account'] },
  { email: 'donor@demoland.example', name: 'Ingrid Nordahl', sections: ['Home', 'Plans', 'Institutions', 'My account'] },
  {
    email: 'rapporteur@demoland.example',
    name: 'Amra Hadžić',
    sections: ['Home', 'Plans', 'Institutions', 'Users', 'Regional picture', 'My account'],
  },
  { email: 'regional@demoland.example', name: 'Vesna Marković', sections: ['Home', 'Regional picture', 'My account'] },
];

describe('signing in', () => {
  it('shows a clear message when the password is wrong', async () => {
    await withPage(async (page) => {
      await signIn(page, 'coordinator@demoland.example', 'not the password');
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('The e-mail address or the password is not correct.');
      expect(new URL(page.url()).pathname).toBe('/signin');
      await expectAccessible(page);
      await screenshotForGuide(page, 'sign-in-error');
    });
  });

  for (const role of ROLES) {
    it(`lets ${role.email} in to the shell with only their sections`, async () => {
      await withPage(async (page) => {
        await signIn(page, role.email);
        await page.getByRole('heading', { name: `Welcome, ${role.name}` }).waitFor();
        const nav = page.getByRole('navigation', { name: 'Main navigation' });
        const links = await nav.getByRole('link').allTextContents();
        expect(links.map((link) => link.trim())).toEqual(role.sections);
        await expectAccessible(page);
      });
    });
  }
});

describe('the coordinator’s pages', () => {
  it('are accessible, and the guide’s screenshots are taken from them', async () => {
    await withPage(async (page) => {
      await signIn(page, 'coordinator@demoland.example');
      await page.getByRole('heading', { name: 'Welcome, Mira Kovač' }).waitFor();
      await screenshotForGuide(page, 'home');

      await nav(page).getByRole('link', { name: 'Institutions' }).click();
      await page.getByRole('heading', { level: 1, name: 'Institutions' }).waitFor();
      await page.getByRole('rowheader', { name: 'Ministry of Interior' }).waitFor();
      await page.getByLabel('Search by name or code').fill('police');
      await page.getByText(`Showing 1 of ${await institutionCount(page)} institutions`).waitFor();
      await expectAccessible(page);
      await screenshotForGuide(page, 'institutions');

      await nav(page).getByRole('link', { name: 'Audit trail' }).click();
      await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
      await page.getByRole('table').waitFor();
      await expectAccessible(page);

      await page.goto('/account');
      await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
      await expectAccessible(page);

      await page.goto('/no-such-page');
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
      await expectAccessible(page);
    });
  });

  it('adds a focal point, who must choose a password at first sign-in', async () => {
    const oneTimePassword = await withPage(async (page) => {
      await signIn(page, 'coordinator@demoland.example');
      await nav(page).getByRole('link', { name: 'Users' }).click();
      await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Add a user' }).click();
      await page.getByLabel('E-mail address').fill('hotline@demoland.example');
      await page.getByLabel('Full name').fill('Jelena Ilić');
      await page.getByLabel('Role').selectOption('focal_point');
      await page.getByLabel('Institution').selectOption('NGO-HL');
      await page.getByRole('button', { name: 'Add user', exact: true }).click();
      const box = page.getByRole('heading', { name: 'One-time password for Jelena Ilić' });
      await box.waitFor();
      await expectAccessible(page);
      await screenshotForGuide(page, 'users-one-time-password');
      const text = (await page.locator('code, .one-time-password').first().textContent()) ?? '';
      const match = /[a-z2-9]{5}(-[a-z2-9]{5}){3}/.exec(text);
      expect(match).not.toBeNull();
      return match?.[0] ?? '';
    });

    await withPage(async (page) => {
      await signIn(page, 'hotline@demoland.example', oneTimePassword);
      await page.getByRole('heading', { name: 'Choose your own password' }).waitFor();
      await expectAccessible(page);
      await page.getByLabel('Current password').fill(oneTimePassword);
      await page.getByLabel('New password', { exact: true }).fill('night calls answered 24');
      await page.getByLabel('Repeat the new password').fill('night calls answered 24');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByRole('heading', { name: 'Welcome, Jelena Ilić' }).waitFor();
    });
  });
});

describe('languages', () => {
  it('switches the whole interface, to Cyrillic for Serbian (Cyrillic)', async () => {
    await withPage(async (page) => {
      await signIn(page, 'observer@demoland.example');
      await page.getByRole('heading', { name: 'Welcome, Elena Stojanovska' }).waitFor();
      await page.getByLabel('Language').first().selectOption('sr-Cyrl');
      await page.waitForFunction(() => document.documentElement.lang === 'sr-Cyrl');
      const nav = await page.getByRole('navigation').first().textContent();
      expect(nav).toMatch(/[\u0400-\u04ff]/);
      expect(nav).not.toContain('Institutions');
      await expectAccessible(page);
      await screenshotForGuide(page, 'home-sr-cyrl');
    });
  });

  // Each on its own account: choosing a language on the sign-in page is saved to the account.
  for (const [language, month, email, amountPattern] of [
    [
      'sq',
      /nëntor|dhjetor|janar|shkurt|mars|prill|maj|qershor|korrik|gusht|shtator|tetor/,
      'donor@demoland.example',
      /^\d{1,3}(?:[\s\u00a0\u202f]\d{3})+,\d{2}[\s\u00a0\u202f]€$/,
    ],
    [
      'mk',
      /ноември|декември|јануари|февруари|март|април|мај|јуни|јули|август|септември|октомври/,
      'rapporteur@demoland.example',
      /^\d{1,3}(?:\.\d{3})+,\d{2}[\s\u00a0\u202f]€$/,
    ],
  ] as const) {
    it(`formats dates, numbers and amounts in ${language} although Chromium lacks its data`, async () => {
      await withPage(async (page) => {
        await page.goto('/signin');
        await page.getByLabel('Language').selectOption(language);
        await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
        await signIn(page, email);
        const today = page.getByTestId('today');
        await today.waitFor();
        const text = (await today.textContent()) ?? '';
        expect(text).toMatch(month);
        expect(text).not.toMatch(/^[A-Z][a-z]+ \d/); // not the US English fallback
        expect(await page.getByTestId('institution-count').textContent()).toBe(String(await institutionCount(page)));
        // The estimated cost of Demoland's latest strategy (2,150,000 EUR in the demo, another amount
        // once other journeys have made strategies), grouped and marked as each locale does.
        const amount = (await page.getByTestId('estimated-total-cost').textContent()) ?? '';
        expect(amount).toMatch(amountPattern);
      });
    });
  }
});

describe('the Participant switcher', () => {
  it('lets a regional user move between the Participants they hold roles in', async () => {
    await withPage(async (page) => {
      await signIn(page, 'regional@demoland.example');
      await page.getByRole('heading', { name: 'Welcome, Vesna Marković' }).waitFor();
      const switcher = page.getByLabel('Participant');
      // The first of the Participants they hold roles in, by code: Albania.
      expect(await switcher.inputValue()).toBe('AL');
      await switcher.selectOption('WM');
      await page.getByText('Your roles in Westmark').waitFor();
    });
  });
});

describe('signing out', () => {
  it('ends the session: the pages ask to sign in again', async () => {
    await withPage(async (page) => {
      await signIn(page, 'editor@demoland.example');
      await page.getByRole('heading', { name: 'Welcome, Arben Hoxha' }).waitFor();
      await page.getByRole('button', { name: /account menu/ }).click();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await page.goto('/institutions');
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      const status = await page.evaluate(async () => (await fetch('/api/session')).status);
      expect(status).toBe(401);
    });
  });

  it('works on a tablet, with the navigation behind a menu button', async () => {
    await withPage(
      async (page) => {
        await signIn(page, 'coordinator@demoland.example');
        await page.getByRole('heading', { name: 'Welcome, Mira Kovač' }).waitFor();
        const menu = page.getByRole('button', { name: 'Menu', exact: true });
        expect(await menu.isVisible()).toBe(true);
        await menu.click();
        await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Users' }).click();
        await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
        await expectAccessible(page);
        await screenshotForGuide(page, 'users-tablet');
      },
      { width: 768, height: 1024 },
    );
  });
});
