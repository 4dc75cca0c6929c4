import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshotForGuide } from './support/browser.ts';
import { browserForJourneys, signInAsCoordinator, waitSaved } from './support/journeys.ts';

// The recommendations register followed up: GRETA's recommendation on a National Rapporteur, which
// no activity of Demoland answers, is linked to two activities of the adopted plan AP-2021-2022 in
// the element editor (under an amendment); its follow-up then comes from their accepted reports,
// and the answers for GRETA name it and both activities.

const PLAN = 'AP-2021-2022';
const RECOMMENDATION = 'REC-05';
const REFERENCE = 'GRETA(2020)07, para. 203';
// A1.1.2 was reported completed in 2022-H1, A2.1.1 ongoing in every round.
const ACTIVITIES = ['A1.1.2', 'A2.1.1'];

const { withPage } = browserForJourneys();

async function step(
  page: Page,
  opener: string,
  dialogTitle: string,
  fill: (dialog: Locator) => Promise<void>,
  submit: string,
  done: string,
) {
  const lifecycle = page.locator('.lifecycle');
  await lifecycle.getByRole('button', { name: opener }).click();
  const dialog = page.getByRole('dialog', { name: dialogTitle });
  await dialog.waitFor();
  await fill(dialog);
  await dialog.getByRole('button', { name: submit, exact: true }).click();
  await lifecycle.getByText(done).waitFor();
}

describe('the follow-up of the recommendations', () => {
  it('links a GRETA recommendation to two activities, follows it up from their reports and writes the answers for GRETA', async () => {
    await withPage(async (page) => {
      await signInAsCoordinator(page);

      // The plan is adopted: an amendment opens it to the change.
      await page.goto(`/plans/${PLAN}`);
      await step(
        page,
        'Open an amendment…',
        'Open an amendment',
        async (dialog) => {
          await dialog.getByLabel('Reason for the amendment').fill('Answering GRETA on a National Rapporteur');
        },
        'Open the amendment',
        'The amendment is open. Changes made from now on are part of it.',
      );
      for (const activity of ACTIVITIES) {
        await page.goto(`/plans/${PLAN}/elements/${activity}`);
        await page.getByRole('heading', { level: 1, name: `Activity ${activity}` }).waitFor();
        await page.locator(`#activity-recommendations-${RECOMMENDATION}`).check();
        await waitSaved(page);
      }

      // The follow-up as of the end of 2022.
      await page.goto('/strategies/NS-2021-2024/recommendations');
      await page.getByRole('button', { name: 'Follow-up' }).click();
      await page.getByLabel('As of', { exact: true }).fill('2022-12-31');
      const greta = page.getByRole('table', { name: /^GRETA: follow-up as of/ });
      await greta.getByText('31 December 2022', { exact: false }).first().waitFor();
      const row = greta.getByRole('row').filter({ hasText: RECOMMENDATION });
      await row.getByRole('link', { name: /^A1\.1\.2 / }).waitFor();
      const cells = await row.getByRole('cell').allTextContents();
      // Now, 2020, 2021, 2022: A1.1.2 completed and A2.1.1 ongoing make it partly implemented.
      expect(cells.slice(0, 4)).toEqual(['Partly implemented', 'Not addressed', 'In progress', 'Partly implemented']);
      expect(await row.getByRole('link').allTextContents()).toEqual([
        expect.stringMatching(/^A1\.1\.2 .*: Completed$/),
        expect.stringMatching(/^A2\.1\.1 .*: Ongoing$/),
      ]);
      await expectAccessible(page);
      await greta.evaluate((element) => element.scrollIntoView());
      await screenshotForGuide(page, 'recommendations-follow-up');

      // The answers for GRETA, in English, as of the same date.
      const link = page.getByRole('link', { name: 'Download the answers (Word)' });
      expect(await link.getAttribute('href')).toContain('asOf=2022-12-31&language=en');
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toMatch(/\.docx$/);
      const zip = await JSZip.loadAsync(readFileSync(await download.path()));
      const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
      expect(xml).toContain(REFERENCE);
      for (const activity of ACTIVITIES) expect(xml).toContain(activity);
      expect(xml).toContain('Partly implemented');
    });
  });
});
