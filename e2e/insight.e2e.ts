import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newContext, screenshotForGuide, signIn } from './support/browser.ts';

// The financial plan, the donor view, progress at two dates and the regional picture, as the
// people who use them open them: a coordinator, a donor and a regional body.

const PLAN = '/plans/AP-2021-2022';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Runs a journey in a fresh browser profile, failing it if the page breaks its Content-Security-Policy. */
async function withPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
  const context = await newContext(browser);
  const page = await context.newPage();
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) refused.push(message.text());
  });
  try {
    const result = await work(page);
    expect(refused).toEqual([]);
    return result;
  } finally {
    await context.close();
  }
}

async function signInAndWait(page: Page, email: string, name: string): Promise<void> {
  // English for the texts below, whatever language an earlier journey left on the account (choosing
  // a language on the sign-in page is saved to the account).
  await page.goto('/signin');
  await page.getByLabel('Language').selectOption('en');
  await signIn(page, email);
  await page.getByRole('heading', { name: `Welcome, ${name}` }).waitFor();
}

/** The cells of a table row whose header is `name`, as the reader sees them. */
async function rowCells(page: Page, table: string, name: string): Promise<string[]> {
  const row = page
    .getByRole('table', { name: table })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  return (await row.getByRole('cell').allTextContents()).map((text) => text.trim());
}

/** Waits until a chart has been drawn (ECharts is loaded on demand). */
async function chartDrawn(page: Page, id: string): Promise<void> {
  await page.getByTestId(`chart-${id}`).locator('svg').first().waitFor();
}

describe('the financial plan', () => {
  it('shows the coordinator the resource plan by area and year, and the activities behind an amount', async () => {
    await withPage(async (page) => {
      await signInAndWait(page, 'coordinator@demoland.example', 'Mira Kovač');
      await page.goto(`${PLAN}?view=finance`);
      const finance = page.getByRole('region', { name: 'Financial plan' });
      await finance.getByTestId('finance-total').waitFor();
      expect(await finance.getByTestId('finance-total').textContent()).toBe('€1,181,500.00');
      expect(await finance.getByTestId('finance-gap').textContent()).toBe('€175,000.00');
      expect(await finance.getByTestId('finance-state-share').textContent()).toBe('51.8%');
      expect(await finance.getByTestId('finance-ngo-benchmark').textContent()).toBe('Above the benchmark of 30%');

      const resourcePlan = 'Resource plan: planned costs by area and year';
      await finance.getByRole('table', { name: resourcePlan }).waitFor();
      expect(await rowCells(page, resourcePlan, 'Supporting framework')).toEqual(['€79,000.00', '€107,500.00', '€186,500.00']);
      expect(await rowCells(page, resourcePlan, 'Protection')).toEqual(['€252,000.00', '€275,000.00', '€527,000.00']);
      expect(await rowCells(page, resourcePlan, 'Children')).toEqual(['€20,500.00', '€54,000.00', '€74,500.00']);
      expect(await rowCells(page, resourcePlan, 'All areas')).toEqual(['€501,500.00', '€680,000.00', '€1,181,500.00']);
      await chartDrawn(page, 'resource-plan');
      await chartDrawn(page, 'finance-by-source');
      await chartDrawn(page, 'finance-by-status');
      await expectAccessible(page);
      await page.locator('#plan-finance').evaluate((element) => element.scrollIntoView());
      await screenshotForGuide(page, 'finance-resource-plan');

      // Drill down from a cell, with the keyboard as well as the mouse.
      const cell = finance.getByRole('button', { name: '€275,000.00: list the activities of Protection, 2022' });
      await cell.focus();
      await page.keyboard.press('Enter');
      const heading = finance.getByRole('heading', { name: 'Activities: Protection, 2022' });
      await heading.waitFor();
      expect(await heading.evaluate((element) => element === document.activeElement)).toBe(true);
      const panel = finance.getByTestId('drill-down');
      expect(await panel.getByText('7 activities, €275,000.00 in all.').count()).toBe(1);
      expect(await panel.getByRole('rowheader').allTextContents()).toEqual([
        'A3.1.2',
        'A3.1.3',
        'A3.2.1',
        'A3.2.2',
        'A3.2.3',
        'A3.3.1',
        'A3.3.2',
        'Total',
      ]);
      await expectAccessible(page);
      await screenshotForGuide(page, 'finance-drill-down');
      await panel.getByRole('button', { name: 'Close the list' }).click();
      expect(await cell.evaluate((element) => element === document.activeElement)).toBe(true);

      // From a funding status, through the chart's data table.
      const byStatus = finance.getByRole('figure', { name: 'Costs by funding status' });
      await byStatus.getByText('Show the data').click();
      await byStatus.getByRole('button', { name: '€175,000.00: list the activities of Unfunded' }).click();
      await finance.getByRole('heading', { name: 'Activities: Unfunded' }).waitFor();
      expect(await finance.getByTestId('drill-down').getByText('11 activities, €175,000.00 in all.').count()).toBe(1);
      await byStatus.scrollIntoViewIfNeeded();
      await screenshotForGuide(page, 'finance-charts');
    });
  });

  it('lets a donor read the unfunded activities and download them as Excel', async () => {
    await withPage(async (page) => {
      await signInAndWait(page, 'donor@demoland.example', 'Ingrid Nordahl');
      await page.goto(`${PLAN}?view=finance`);
      const finance = page.getByRole('region', { name: 'Financial plan' });
      const donorView = finance.getByRole('table', { name: 'Unfunded activities with their cost, area and lead institution' });
      await donorView.waitFor();
      expect(await donorView.getByRole('rowheader').count()).toBe(12);
      expect(await rowCells(page, 'Unfunded activities with their cost, area and lead institution', 'A5.1.3')).toEqual([
        'Hold awareness sessions for parents and teachers on online sexual exploitation of children',
        'Children',
        'Open Line Association (national anti-trafficking hotline)',
        '€10,500.00',
        '€10,500.00',
      ]);
      expect(await donorView.getByTestId('donor-view-total').textContent()).toBe('€175,000.00');
      await finance.getByRole('heading', { name: 'Unfunded activities (donor view)' }).evaluate((element) => element.scrollIntoView());
      await expectAccessible(page);
      await screenshotForGuide(page, 'finance-donor-view');

      const link = finance.getByRole('link', { name: 'Download as Excel' });
      const href = await link.getAttribute('href');
      expect(href).toBe('/api/participants/DL/action-plans/AP-2021-2022/donor-view.xlsx');
      // The workbook arrives as an Excel file, with the donor's session.
      const response = await page.request.get(href ?? '');
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toContain(XLSX);
      expect((await response.body()).subarray(0, 2).toString('latin1')).toBe('PK');
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      const saved = await download.path();
      expect(readFileSync(saved).subarray(0, 2).toString('latin1')).toBe('PK');
    });
  });
});

describe('progress', () => {
  it('gives different figures at two dates, and keeps the date in the address', async () => {
    await withPage(async (page) => {
      await signInAndWait(page, 'coordinator@demoland.example', 'Mira Kovač');
      await page.goto(`${PLAN}?view=progress&asOf=2021-06-30`);
      const progress = page.getByRole('region', { name: 'Progress' });
      await progress.getByRole('table', { name: 'Indicators as of 30 June 2021' }).waitFor();
      expect(await progress.getByTestId('implementation-rate').textContent()).toBe('0%');
      expect(await progress.getByTestId('budget-execution').textContent()).toBe('26.3%');
      expect(await progress.getByText('Of 32 activities: completed 0, ongoing 17, delayed 0, not started 15, cancelled 0.').count()).toBe(
        1,
      );

      // The end of 2022 counts the round of its second half too, which the monitoring journeys fill:
      // the figures are those the API computes now (the measures' own tests check them by hand).
      const measured = (await (
        await page.request.get('/api/participants/DL/action-plans/AP-2021-2022/progress?asOf=2022-12-31')
      ).json()) as {
        activities: { total: number; implementationRate: number | null; byStatus: Record<string, number> };
        budget: { execution: number | null };
      };
      const share = (value: number | null) =>
        new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(value ?? 0);
      await progress.getByLabel('As of', { exact: true }).fill('2022-12-31');
      await progress.getByRole('table', { name: 'Indicators as of 31 December 2022' }).waitFor();
      expect(await progress.getByTestId('implementation-rate').textContent()).toBe(share(measured.activities.implementationRate));
      expect(await progress.getByTestId('budget-execution').textContent()).toBe(share(measured.budget.execution));
      const counts = measured.activities.byStatus;
      expect(
        await progress
          .getByText(
            `Of 32 activities: completed ${counts.completed}, ongoing ${counts.ongoing}, delayed ${counts.delayed}, not started ${counts.not_started}, cancelled ${counts.cancelled}.`,
          )
          .count(),
      ).toBe(1);
      expect(measured.activities.byStatus.completed).toBeGreaterThanOrEqual(8);
      expect(new URL(page.url()).searchParams.get('asOf')).toBe('2022-12-31');
      await chartDrawn(page, 'progress-activities');
      await expectAccessible(page);
      await page.locator('#plan-progress').evaluate((element) => element.scrollIntoView());
      await screenshotForGuide(page, 'progress-overview');
      await progress.getByRole('heading', { name: 'Indicators', exact: true }).evaluate((element) => element.scrollIntoView());
      await screenshotForGuide(page, 'progress-indicators');

      // The address brings the same view back.
      await page.reload();
      await progress.getByRole('table', { name: 'Indicators as of 31 December 2022' }).waitFor();
      expect(await progress.getByTestId('implementation-rate').textContent()).toBe(share(measured.activities.implementationRate));
    });
  });
});

describe('the plan review', () => {
  it('links a finding to the element to fix, and prints as a report', async () => {
    await withPage(async (page) => {
      await signInAndWait(page, 'coordinator@demoland.example', 'Mira Kovač');
      await page.goto(`${PLAN}?view=review`);
      const review = page.getByRole('region', { name: 'Plan review' });
      const fix = review.getByRole('link', { name: 'Open activity A1.2.2 to fix it' });
      await fix.waitFor();
      expect(await fix.getAttribute('href')).toBe('/plans/AP-2021-2022/elements/A1.2.2');
      await expectAccessible(page);

      // The report as printed: the review alone, its explanations open, without the links.
      await page.evaluate(() => {
        window.print = () => undefined;
      });
      await review.getByRole('button', { name: 'Print' }).click();
      await page.emulateMedia({ media: 'print' });
      expect(await fix.isVisible()).toBe(false);
      expect(await review.locator('details.why[open]').count()).toBe(await review.locator('details.why').count());
      expect(await review.getByText(/^Plan review of DL\/AP-2021-2022, printed on /).isVisible()).toBe(true);
      await page.emulateMedia({ media: 'screen' });

      await fix.click();
      await page.waitForURL('**/plans/AP-2021-2022/elements/A1.2.2');
    });
  });
});

describe('the regional picture', () => {
  it('shows a regional body the published strategies and plans in force, their principles and thematic structures', async () => {
    await withPage(async (page) => {
      await signInAndWait(page, 'regional@demoland.example', 'Vesna Marković');
      await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Regional picture' }).click();
      await page.getByRole('heading', { level: 1, name: 'Regional picture' }).waitFor();
      // The regional assessment's date: its tables of §2.1 and §2.4, from the MARRI Participants' published plans.
      await page.getByLabel('As of', { exact: true }).fill('2020-07-31');
      const inForce = 'Strategies and action plans in force on 31 July 2020';
      await page.getByRole('table', { name: inForce }).waitFor();
      expect(new URL(page.url()).searchParams.get('asOf')).toBe('2020-07-31');
      expect((await rowCells(page, inForce, 'Montenegro'))[0]).toMatch(/\(2019–2024\)$/);
      expect((await rowCells(page, inForce, 'Montenegro'))[1]).toMatch(/1 January 2020 to 31 December 2020$/);
      expect((await rowCells(page, inForce, 'Albania'))[0]).toMatch(/^No strategy in force.*\(2014–2017\), expired$/);
      expect((await rowCells(page, inForce, 'Albania'))[1]).toMatch(/1 January 2018 to 31 December 2020$/);
      // Westmark's published strategy starts in 2021.
      expect((await rowCells(page, inForce, 'Westmark'))[0]).toBe('No strategy in force');
      const principles = 'Guiding principles declared by the strategy of each Participant, on 31 July 2020';
      expect((await rowCells(page, principles, 'Rule of law')).filter((cell) => cell === '✓ Declared')).toHaveLength(1);
      expect(
        (await rowCells(page, principles, 'Human rights-based and victim-centred approach')).filter((cell) => cell === '✓ Declared'),
      ).toHaveLength(6);
      const structures = 'Strategic areas of each Participant’s strategy, on 31 July 2020';
      await page.getByRole('table', { name: structures }).waitFor();
      expect((await rowCells(page, structures, 'Children')).filter((cell) => /^Goal \d+: /.test(cell)).length).toBeGreaterThanOrEqual(2);
      await expectAccessible(page);
      await screenshotForGuide(page, 'regional');

      // Four years earlier, none of Montenegro's action plans in the record was in force yet.
      await page.getByLabel('As of', { exact: true }).fill('2016-06-30');
      await page.getByRole('table', { name: 'Strategies and action plans in force on 30 June 2016' }).waitFor();
      expect((await rowCells(page, 'Strategies and action plans in force on 30 June 2016', 'Montenegro'))[1]).toBe(
        'No action plan in force',
      );
    });
  });
});
