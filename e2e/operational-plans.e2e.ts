import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshotForGuide } from './support/browser.ts';
import { browserForJourneys, signInAsCoordinator } from './support/journeys.ts';

// The operational plan of 2022 for Demoland's action plan AP-2021-2022: A5.2.1 (the guardianship
// protocol) ended in 2021 and was delayed in the accepted 2021-H2 report of the Ministry of Labour
// and Social Policy, so the draft carries it over with the obstacle it reported. A cost is adjusted
// and a cost line added for the carried-over activity, the plan adopted and its report downloaded.
// The action plan itself is not changed.

const PLAN = 'AP-2021-2022';
const CARRIED = 'A5.2.1';
const REASON = 'Disagreement with the Ministry of Interior on guardianship';

const { withPage } = browserForJourneys();

describe('operational plans', () => {
  it('draws up next year’s plan with a carried-over activity, adjusts a cost, adopts it and downloads its report', async () => {
    await withPage(async (page) => {
      await signInAsCoordinator(page);
      await page.goto(`/plans/${PLAN}`);
      await page.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: 'Operational plans' }).click();
      await page.getByRole('heading', { level: 1, name: /^Operational plans: / }).waitFor();
      await page.getByRole('heading', { name: 'Carry-over report' }).waitFor();
      await expectAccessible(page);

      await page.getByLabel('Year', { exact: true }).selectOption('2022');
      await screenshotForGuide(page, 'operational-plans-list');
      await page.getByRole('button', { name: 'Draw up the draft' }).click();
      await page.getByRole('heading', { level: 1, name: /^Operational plan 2022: / }).waitFor();

      // The carried-over activity, with the reason from its last report, prefilled and editable.
      const reason = page.getByLabel(`Why ${CARRIED} was not completed`);
      expect(await reason.inputValue()).toContain(REASON);
      await expect(page.getByText(/last reported: Delayed \(2021-H2\)/).count()).resolves.toBe(1);
      await expectAccessible(page);
      await page.getByRole('heading', { name: 'Carried over from earlier years' }).evaluate((element) => element.scrollIntoView());
      await screenshotForGuide(page, 'operational-plan-carried-over');

      // A cost for the year adjusted: A1.1.1's 14,500 becomes 16,000.
      const total = page.getByTestId('operational-cost-total');
      const before = await total.textContent();
      await page.getByLabel('Amount of A1.1.1, line 1').fill('16000');
      // A new cost line for the carried-over activity, pledged by a donor.
      await page.getByLabel('Activity of the new cost line').selectOption(CARRIED);
      await page.getByRole('button', { name: 'Add a cost line' }).click();
      const added = page.getByLabel(`Amount of ${CARRIED}, line 1`);
      await expect.poll(() => added.evaluate((element) => element === document.activeElement)).toBe(true);
      await added.fill('2500');
      await page.getByLabel(`Source of ${CARRIED}, line 1`).selectOption('donor');
      const funder = page.getByRole('combobox', { name: `Funder of ${CARRIED}, line 1` });
      await funder.fill('nordavia');
      await page.getByRole('option', { name: /Nordavia Development Cooperation Agency/ }).click();
      await page.getByLabel(`Funding of ${CARRIED}, line 1`).selectOption('pledged');
      await page.getByLabel('Planned action for REC-05').fill('Designate a National Rapporteur by decision of the government.');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByRole('status').filter({ hasText: 'The operational plan has been saved.' }).waitFor();
      await page.waitForFunction(([selector, old]) => document.querySelector(selector)?.textContent !== old, [
        '[data-testid="operational-cost-total"]',
        before,
      ] as const);
      expect(await page.getByLabel('Amount of A1.1.1, line 1').inputValue()).toBe('16000');
      const saved = (await (await page.request.get(`/api/participants/DL/action-plans/${PLAN}/operational-plans/2022`)).json()) as {
        content: { costs: { activity: string; amount: number; source: string; funder: string | null; status: string }[] };
      };
      expect(saved.content.costs.filter((line) => line.activity === CARRIED)).toEqual([
        { activity: CARRIED, amount: 2500, source: 'donor', funder: 'DON-NDA', status: 'pledged' },
      ]);
      expect(await funder.inputValue()).toBe('Nordavia Development Cooperation Agency (DON-NDA)');
      await page.getByRole('heading', { name: 'Costs for the year' }).evaluate((element) => element.scrollIntoView());
      await screenshotForGuide(page, 'operational-plan-costs');

      // Adopted, it is read-only.
      await page.getByRole('button', { name: 'Adopt the operational plan' }).click();
      await page.getByText('This operational plan is adopted and can no longer be changed.').waitFor();
      expect(await page.getByLabel(`Why ${CARRIED} was not completed`).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
      await expectAccessible(page);

      // Its report, in English.
      const link = page.getByRole('link', { name: 'Download the report (Word)' });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toMatch(/operational-plan-2022.*\.docx$/);
      const xml = (await (await JSZip.loadAsync(readFileSync(await download.path()))).file('word/document.xml')?.async('string')) ?? '';
      expect(xml).toContain('Operational plan 2022');
      expect(xml).toContain(CARRIED);
      expect(xml).toContain(REASON);
      expect(xml).toContain('Designate a National Rapporteur by decision of the government.');

      // The list now shows the adopted plan of 2022.
      await page.getByRole('link', { name: 'Back to the operational plans' }).click();
      await page.getByRole('link', { name: 'Operational plan 2022' }).waitFor();
      await page.getByText('Adopted', { exact: true }).first().waitFor();
    });
  });
});
