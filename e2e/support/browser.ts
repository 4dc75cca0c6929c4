import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect, inject } from 'vitest';

/** Where the user guide keeps the screenshots the journeys take. */
export const GUIDE_IMAGES = resolve(import.meta.dirname, '../../docs/guide/images');

export { launchBrowser } from './chromium.ts';

/** The address of the server the global setup started. */
export function baseUrl(): string {
  return inject('baseUrl');
}

/** A fresh browser profile (no cookies, no stored language) at desktop size. */
export async function newContext(browser: Browser, options: { width?: number; height?: number } = {}): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseUrl(),
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    locale: 'en-GB',
  });
}

export const DEMO_PASSWORD = 'demoland-2021';

/** Signs in through the sign-in page as a person would, in whatever language the page is shown. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  if (new URL(page.url()).pathname !== '/signin') await page.goto('/signin');
  await page.locator('input[type="email"]').fill(email);
  await page.locator('input[type="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
}

/** Fails on any serious or critical accessibility violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
  expect(serious, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** Saves a screenshot for the user guide. */
export async function screenshotForGuide(page: Page, name: string): Promise<void> {
  mkdirSync(GUIDE_IMAGES, { recursive: true });
  await page.screenshot({ path: join(GUIDE_IMAGES, `${name}.png`) });
}
