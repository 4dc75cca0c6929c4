import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newContext, screenshotForGuide, signIn } from './support/browser.ts';

const DEMOLAND_PACKAGE = resolve(import.meta.dirname, '../packages/server/demo/demoland.plan.json');
const STRATEGY_TITLE = 'National Strategy for Combating Trafficking in Human Beings 2021-2024';
const GROUPS = [
  'Structure and elements of the strategy and action plan',
  'Development of the strategy and action plan',
  'Financial commitment and planning',
  'Implementation of the strategy and action plan',
  'Monitoring and evaluation of the response',
];

type PlanPackage = {
  strategy: { id: string; title: string; periodStart: number; periodEnd: number };
  actionPlans: { id: string; title: string; activities: { lead?: string }[] }[];
  monitoring?: unknown;
};

let browser: Browser;
let workDir: string;
beforeAll(async () => {
  browser = await launchBrowser();
  workDir = mkdtempSync(join(tmpdir(), 'ariadne-plans-e2e-'));
});
afterAll(async () => {
  await browser?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function withPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
  const context = await newContext(browser);
  const page = await context.newPage();
  try {
    return await work(page);
  } finally {
    await context.close();
  }
}

function demoland(): PlanPackage {
  return JSON.parse(readFileSync(DEMOLAND_PACKAGE, 'utf8')) as PlanPackage;
}

/** Writes a package to a file of the test's own, as a person would save it before uploading. */
function writePackage(name: string, plan: PlanPackage): string {
  const path = join(workDir, name);
  writeFileSync(path, JSON.stringify(plan, null, 2));
  return path;
}

async function openPlans(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Plans' }).click();
  await page.getByRole('heading', { level: 1, name: 'Plans' }).waitFor();
}

describe('plans', () => {
  it('lets the coordinator find an action plan and read its review, financial plan and progress', async () => {
    await withPage(async (page) => {
      await signIn(page, 'coordinator@demoland.example');
      await page.getByRole('heading', { name: 'Welcome, Mira Kovač' }).waitFor();
      await openPlans(page);

      const strategy = page.getByRole('region', { name: STRATEGY_TITLE });
      await strategy.waitFor();
      expect(await strategy.getByText('NS-2021-2024', { exact: true }).count()).toBe(1);
      await strategy.getByRole('link', { name: /^Action Plan 2021-2022/ }).waitFor();
      await strategy.getByRole('link', { name: /^Action Plan 2023-2024/ }).waitFor();
      expect(await strategy.getByText('AP-2023-2024', { exact: true }).count()).toBe(1);
      await expectAccessible(page);
      await screenshotForGuide(page, 'plans');

      await strategy.getByRole('link', { name: /^Action Plan 2021-2022/ }).click();
      await page.getByRole('heading', { level: 1, name: /^Action Plan 2021-2022/ }).waitFor();
      const views = page.getByRole('navigation', { name: 'On this page' });
      await views.getByRole('link', { name: 'Plan review' }).click();
      const review = page.getByRole('region', { name: 'Plan review' });
      await review.locator('li.finding').first().waitFor();
      const groups = await review.getByRole('heading', { level: 3 }).allTextContents();
      expect(groups.map((group) => group.trim())).toEqual(GROUPS);
      expect(await review.locator('li.finding').count()).toBeGreaterThan(0);
      await page.locator('#plan-review').evaluate((element) => element.scrollIntoView());
      await screenshotForGuide(page, 'plan-review');

      await views.getByRole('link', { name: 'Financial plan' }).click();
      const total = page.getByTestId('finance-total');
      await total.waitFor();
      expect(await total.textContent()).toBe('€1,181,500.00');
      await page.locator('#plan-finance').evaluate((element) => element.scrollIntoView());
      await screenshotForGuide(page, 'plan-finance');

      await views.getByRole('link', { name: 'Progress' }).click();
      const progress = page.getByRole('region', { name: 'Progress' });
      await progress.getByRole('table', { name: /^Indicators as of / }).waitFor();
      await progress.getByRole('table', { name: /^Activities by status and area, as of / }).waitFor();
      await progress.getByLabel('As of', { exact: true }).fill('2022-12-31');
      await progress.getByRole('table', { name: 'Indicators as of 31 December 2022' }).waitFor();
      await expectAccessible(page);
    });
  });

  // Each on an account of its own that no other journey chooses a language for: the choice made on
  // the sign-in page is saved to the account, and is put back to English at the end.
  for (const [language, email, grouped] of [
    ['sq', 'observer@demoland.example', /1[\s\u00a0\u202f]181[\s\u00a0\u202f]500,00/],
    ['mk', 'editor@demoland.example', /1\.181\.500,00/],
  ] as const) {
    it(`formats the financial plan in ${language}`, async () => {
      await withPage(async (page) => {
        await page.goto('/signin');
        await page.getByLabel('Language').selectOption(language);
        await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
        await signIn(page, email);
        const switcher = page.locator('#header-language');
        await switcher.waitFor();
        try {
          await page.goto('/plans/AP-2021-2022?view=finance');
          const total = page.getByTestId('finance-total');
          await total.waitFor();
          const text = (await total.textContent()) ?? '';
          expect(text).toMatch(grouped);
          expect(text).toMatch(/€|EUR/);
          expect(await page.locator('#plan-finance-heading').textContent()).not.toBe('Financial plan');
        } finally {
          const saved = page.waitForResponse(
            (response) => response.url().endsWith('/api/account') && response.request().method() === 'PATCH',
          );
          await switcher.selectOption('en');
          expect((await saved).ok()).toBe(true);
        }
      });
    });
  }

  it('imports a plan package: shows the problems of a broken one, then the summary of a good one', async () => {
    const broken = demoland();
    const activity = broken.actionPlans[0]?.activities[3];
    if (!activity) throw new Error('the Demoland package has fewer activities than this test expects');
    activity.lead = 'NOPE';
    const brokenFile = writePackage('broken.plan.json', broken);

    const valid = demoland();
    valid.strategy.id = 'NS-TEST-2030';
    valid.strategy.title = 'National Strategy 2030-2031 (test)';
    valid.strategy.periodStart = 2030;
    valid.strategy.periodEnd = 2031;
    valid.actionPlans.forEach((actionPlan, index) => {
      actionPlan.id = `AP-TEST-2030-${index + 1}`;
      actionPlan.title = `Test action plan ${index + 1}`;
    });
    delete valid.monitoring;
    const validFile = writePackage('valid.plan.json', valid);

    await withPage(async (page) => {
      await signIn(page, 'coordinator@demoland.example');
      await page.getByRole('heading', { name: 'Welcome, Mira Kovač' }).waitFor();
      await openPlans(page);
      await page.getByRole('link', { name: 'Import a plan package' }).click();
      await page.getByRole('heading', { level: 1, name: 'Import a plan package' }).waitFor();
      await expectAccessible(page);

      const file = page.getByLabel('Plan package file (.json)');
      await file.setInputFiles(brokenFile);
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const failure = page.locator('.import-failure');
      await failure.waitFor();
      const paths = await failure.locator('code.problem-path').allTextContents();
      expect(paths).toContain('$.actionPlans[0].activities[3].lead');
      expect(await failure.getByRole('heading', { name: /problems? found$/ }).count()).toBe(1);
      await expectAccessible(page);

      await file.setInputFiles(validFile);
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const summary = page.getByRole('status').getByRole('heading', { name: 'The plan package has been imported' });
      await summary.waitFor();
      await page.getByRole('status').getByRole('link', { name: 'AP-TEST-2030-1' }).waitFor();
      await expectAccessible(page);
      await screenshotForGuide(page, 'plan-import');

      // The same file again: the strategy exists now, and is replaced after a confirmation.
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.getByRole('button', { name: 'Replace the existing strategy' }).click();
      await page.getByRole('button', { name: 'Yes, replace it' }).click();
      await summary.waitFor();

      await page.getByRole('status').getByRole('link', { name: 'AP-TEST-2030-1' }).click();
      await page.getByRole('heading', { level: 1, name: 'Test action plan 1' }).waitFor();
    });
  });

  it('downloads a strategy as a plan package', async () => {
    await withPage(async (page) => {
      await signIn(page, 'coordinator@demoland.example');
      await page.getByRole('heading', { name: 'Welcome, Mira Kovač' }).waitFor();
      await openPlans(page);
      const link = page.getByRole('region', { name: STRATEGY_TITLE }).getByRole('link', { name: 'Download as plan package' });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe('DL-NS-2021-2024.plan.json');
      const path = await download.path();
      const plan = JSON.parse(readFileSync(path, 'utf8')) as PlanPackage;
      expect(plan.strategy.id).toBe('NS-2021-2024');
    });
  });
});
