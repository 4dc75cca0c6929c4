import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, newContext, signIn } from './browser.ts';

/** The browser a file's journeys share, and a way to run one journey in a fresh profile. */
export type Journeys = {
  /** The browser, once the journeys have started. */
  readonly browser: Browser;
  /** Runs a journey on a new page of a fresh browser profile, closed afterwards. */
  withPage: <T>(work: (page: Page) => Promise<T>) => Promise<T>;
};

/** Launches one browser before the file's journeys and closes it after them. */
export function browserForJourneys(): Journeys {
  let launched: Browser | undefined;
  beforeAll(async () => {
    launched = await launchBrowser();
  });
  afterAll(async () => {
    await launched?.close();
  });
  const browser = (): Browser => {
    if (launched === undefined) throw new Error('The browser starts with the journeys (beforeAll).');
    return launched;
  };
  return {
    get browser() {
      return browser();
    },
    withPage: async (work) => {
      const context = await newContext(browser());
      const page = await context.newPage();
      try {
        return await work(page);
      } finally {
        await context.close();
      }
    },
  };
}

/** Signs in as Demoland's coordinator and waits for the welcome. */
export async function signInAsCoordinator(page: Page): Promise<void> {
  await signIn(page, 'coordinator@demoland.example');
  await page.getByRole('heading', { name: 'Welcome, Mira Kovač' }).waitFor();
}

/** Waits until the form says its last change is stored. */
export async function waitSaved(page: Page): Promise<void> {
  await page
    .getByTestId('autosave-state')
    .filter({ hasText: /^Saved$/ })
    .waitFor({ timeout: 10_000 });
}
