import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newContext, screenshotForGuide, signIn } from './support/browser.ts';

// The coordinator's side of monitoring: rounds of an action plan, the board of who has reported,
// a report, and the monitoring settings.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
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

/** A day some weeks ahead, as `YYYY-MM-DD`: a deadline that has not passed, so that no report is overdue yet. */
function weeksAhead(weeks: number): string {
  return new Date(Date.now() + weeks * 7 * 86_400_000).toISOString().slice(0, 10);
}

const NOT_ADOPTED = 'Rounds can be opened only for an adopted action plan. Adopt the plan first; reporting starts from there.';

describe('monitoring rounds', () => {
  it('explains that a plan still in draft has no rounds yet', async () => {
    await withPage(async (page) => {
      await signIn(page, 'coordinator@demoland.example');
      await page.getByRole('heading', { name: 'Welcome, Mira Kovač' }).waitFor();
      await page.goto('/plans/AP-2023-2024?view=monitoring');
      const section = page.getByRole('region', { name: 'Monitoring rounds' });
      await section.getByText(NOT_ADOPTED).waitFor();
      await section.getByRole('button', { name: 'Open rounds' }).click();
      const dialog = page.getByRole('dialog', { name: 'Open monitoring rounds' });
      await dialog.getByRole('button', { name: 'Open the chosen rounds' }).click();
      await dialog.getByRole('alert').getByText(NOT_ADOPTED).waitFor();
      await expectAccessible(page);
    });
  });

  it('lets the coordinator open a round of an adopted plan, follow it on the board and open a report', async () => {
    await withPage(async (page) => {
      await signIn(page, 'coordinator@demoland.example');
      await page.getByRole('heading', { name: 'Welcome, Mira Kovač' }).waitFor();
      await page.goto('/plans/AP-2021-2022');
      await page.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: 'Monitoring' }).click();
      const section = page.getByRole('region', { name: 'Monitoring rounds' });
      const rounds = section.getByRole('table', { name: 'Rounds of this plan and their reports by status' });
      await rounds.waitFor();
      await rounds.getByRole('link', { name: '2022-H1' }).waitFor();
      await expectAccessible(page);
      await section.evaluate((element) => element.scrollIntoView());
      await screenshotForGuide(page, 'monitoring-rounds');

      await section.getByRole('button', { name: 'Open rounds' }).click();
      const dialog = page.getByRole('dialog', { name: 'Open monitoring rounds' });
      const proposed = dialog.getByRole('checkbox', { name: /^2022-H2/ });
      expect(await proposed.isChecked()).toBe(true);
      await dialog.getByLabel('Deadline of 2022-H2').fill(weeksAhead(6));
      await expectAccessible(page);
      await dialog.evaluate((element) => element.scrollIntoView());
      await screenshotForGuide(page, 'monitoring-open');
      await dialog.getByRole('button', { name: 'Open the chosen rounds' }).click();
      await section.getByText(/^1 round opened\./).waitFor();

      await rounds.getByRole('link', { name: '2022-H2' }).click();
      await page.getByRole('heading', { level: 1, name: 'Who has reported: round 2022-H2' }).waitFor();
      const board = page.getByRole('table', { name: 'Institutions reporting in round 2022-H2' });
      await board.waitFor();
      const rows = board.locator('tbody tr');
      const count = await rows.count();
      expect(count).toBeGreaterThan(0);
      const counts = await page.getByTestId('board-counts').getByRole('listitem').allTextContents();
      expect(counts).toEqual([`Not started: ${count}`, 'Draft: 0', 'Submitted: 0', 'Returned: 0', 'Accepted: 0', 'Overdue: 0']);
      const statuses = await rows.locator('td:nth-child(2)').allTextContents();
      expect(new Set(statuses)).toEqual(new Set(['Not started']));
      await expectAccessible(page);
      await screenshotForGuide(page, 'monitoring-board');

      const first = rows.first().getByRole('link');
      const name = (await first.textContent()) ?? '';
      await first.click();
      await page.getByRole('heading', { level: 1, name: `Report of ${name}, round 2022-H2` }).waitFor();
      await page.getByText('The report has no activities yet.').waitFor();
      expect(await page.getByRole('button', { name: 'Accept' }).count()).toBe(0);
      await expectAccessible(page);

      // The report submitted in an earlier round, read and returned with a comment.
      await page.goto('/plans/AP-2021-2022/rounds/2022-H1?status=submitted');
      const earlier = page.getByRole('table', { name: 'Institutions reporting in round 2022-H1' });
      await earlier.waitFor();
      expect(await earlier.locator('tbody tr').count()).toBe(1);
      await earlier.locator('tbody tr').first().getByRole('link').click();
      await page.getByRole('heading', { level: 2, name: 'Activities' }).waitFor();
      await page.getByRole('button', { name: 'Accept' }).waitFor();
      await expectAccessible(page);
      await screenshotForGuide(page, 'monitoring-report');
      await page.getByRole('button', { name: 'Return with comments' }).click();
      await page.getByLabel('Comment on the whole report').fill('Please add the amounts spent in the period.');
      await page.getByRole('button', { name: 'Return the report' }).click();
      await page.getByText(/has been returned with your comments\.$/).waitFor();
      await page.getByText('Please add the amounts spent in the period.').waitFor();
      await page.getByText('Returned for changes').waitFor();
      await expectAccessible(page);
    });
  });

  it('shows the monitoring settings with the default deadline, and saves a holiday', async () => {
    await withPage(async (page) => {
      await signIn(page, 'coordinator@demoland.example');
      await page.getByRole('heading', { name: 'Welcome, Mira Kovač' }).waitFor();
      await page.goto('/plans/AP-2021-2022?view=monitoring');
      await page.getByRole('link', { name: 'Monitoring settings (deadlines and holidays)' }).click();
      await page.getByRole('heading', { level: 1, name: 'Monitoring settings' }).waitFor();
      expect(await page.getByLabel('Deadline in working days').inputValue()).toBe('5');
      await page.getByRole('button', { name: 'Add a holiday' }).click();
      await page.getByLabel('Date of holiday 1').fill('2026-12-25');
      await page.getByLabel('Name of holiday 1').fill('Christmas Day');
      await expectAccessible(page);
      await screenshotForGuide(page, 'monitoring-settings');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('The monitoring settings have been saved.').waitFor();
      await page.reload();
      expect(await page.getByLabel('Name of holiday 1').inputValue()).toBe('Christmas Day');
    });
  });
});
