import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshotForGuide, signIn } from './support/browser.ts';
import { browserForJourneys, signInAsCoordinator } from './support/journeys.ts';

// The regional picture as the public reads it on the portal, signed out, and the indicators several
// Participants share once Demoland publishes its own beside Westmark's.

const { withPage } = browserForJourneys();

const VICTIMS = 'Identified victims and presumed victims of trafficking';

/** The cells of a table's row, found by the row's header. */
async function rowCells(page: Page, table: string, name: string): Promise<string[]> {
  const row = page
    .getByRole('table', { name: table })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  return (await row.getByRole('cell').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
}

/** Publishes Demoland's indicators of its action plan 2021–2022, unless an earlier journey has. */
async function publishDemolandIndicators(page: Page): Promise<void> {
  await signInAsCoordinator(page);
  await page.goto('/publications');
  await page.getByRole('heading', { level: 1, name: 'Publishing' }).waitFor();
  await page.getByRole('button', { name: /^(Publish|Withdraw) Indicators of AP-2021-2022/ }).waitFor();
  const publish = page.getByRole('button', { name: /^Publish Indicators of AP-2021-2022/ });
  if ((await publish.count()) > 0) await publish.click();
  await page.getByRole('button', { name: /^Withdraw Indicators of AP-2021-2022/ }).waitFor();
}

describe('the regional picture on the public portal', () => {
  it('lets anyone compare the Participants signed out, down to an indicator they share', async () => {
    await withPage(publishDemolandIndicators);

    await withPage(async (page) => {
      await page.goto('/public');
      await page.getByRole('heading', { level: 1, name: 'Public portals' }).waitFor();
      expect(await page.getByRole('link', { name: 'Montenegro', exact: true }).count()).toBe(1);
      expect(await page.locator('script').count()).toBe(0);
      await expectAccessible(page);

      await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Regional picture' }).click();
      await page.getByRole('heading', { level: 1, name: 'Regional picture' }).waitFor();
      await page.getByRole('textbox', { name: 'As of' }).fill('2020-07-31');
      await page.getByRole('button', { name: 'Show' }).click();
      const inForce = 'Strategies and action plans in force on 31 July 2020';
      await page.getByRole('table', { name: inForce }).waitFor();
      expect((await rowCells(page, inForce, 'Serbia'))[0]).toMatch(/\(2017–2022\)$/);
      expect((await rowCells(page, inForce, 'Kosovo*'))[0]).toMatch(/^No strategy in force.*\(2015–2019\), expired$/);
      expect(await page.locator('script').count()).toBe(0);
      await expectAccessible(page);
      await screenshotForGuide(page, 'regional-public');

      await page.getByRole('textbox', { name: 'As of' }).fill('2022-12-31');
      await page.getByRole('button', { name: 'Show' }).click();
      const shared = 'Published indicators several Participants share, on 31 December 2022';
      await page.getByRole('table', { name: shared }).waitFor();
      expect(await rowCells(page, shared, VICTIMS)).toEqual(['persons', 'Demoland, Westmark']);
      await page.getByRole('link', { name: VICTIMS }).click();
      await page.getByRole('heading', { level: 1, name: VICTIMS }).waitFor();
      const values = `${VICTIMS}: baseline, value of each year and target, by Participant`;
      expect(await rowCells(page, values, 'Westmark')).toEqual(['41 (2020)', '47', '55', '70 (2025)']);
      expect((await rowCells(page, values, 'Demoland'))[0]).toBe('64 (2020)');
      expect(await page.locator('figure svg').count()).toBe(1);
      await expectAccessible(page);
      await screenshotForGuide(page, 'regional-indicator');
    });
  });

  it('shows a regional body the same shared indicator on a chart in the application', async () => {
    await withPage(publishDemolandIndicators);
    await withPage(async (page) => {
      await signIn(page, 'regional@demoland.example');
      await page.getByRole('heading', { name: 'Welcome, Vesna Marković' }).waitFor();
      await page.goto('/regional?asOf=2022-12-31');
      const choice = page.getByLabel('Indicator to compare');
      await choice.waitFor();
      await choice.selectOption({ label: 'Final convictions for trafficking in human beings (2 Participants)' });
      await page.getByRole('heading', { level: 3, name: 'Final convictions for trafficking in human beings' }).waitFor();
      const values = 'Final convictions for trafficking in human beings: baseline, value of each year and target, by Participant';
      // Westmark's four convictions in 2022 are below its threshold of five.
      expect(await rowCells(page, values, 'Westmark')).toEqual(['6 (2020)', '7', '< 5', '12 (2025)']);
      await page.getByTestId('chart-regional-indicator').locator('svg').first().waitFor();
      await expectAccessible(page);
    });
  });
});
