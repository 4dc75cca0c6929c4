import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshotForGuide, signIn } from './support/browser.ts';
import { browserForJourneys, signInAsCoordinator } from './support/journeys.ts';

// Evaluations of Demoland's strategy: the coordinator starts a final evaluation filled in from the
// plan, edits and generates its terms of reference, rates the criteria, records a recommendation
// that enters the register and answers it with a management response; the rapporteur writes an
// independent report that the coordinator can read but not change.

const STRATEGY = 'NS-2021-2024';
const { withPage } = browserForJourneys();

describe('evaluations of a strategy', () => {
  it('generates the terms of reference of a final evaluation, rates it, and follows its recommendation in the register', async () => {
    await withPage(async (page) => {
      await signInAsCoordinator(page);
      await page.goto(`/strategies/${STRATEGY}`);
      await page.getByRole('link', { name: 'Evaluations', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Evaluations' }).waitFor();
      await page.getByLabel('Kind of record').selectOption('evaluation');
      await page.getByLabel('Type of evaluation').selectOption('final');
      await page.getByRole('button', { name: 'Start', exact: true }).click();

      const heading = page.getByRole('heading', { level: 1, name: /^Final evaluation: / });
      await heading.waitFor();
      const strategyTitle = (await page.locator('dl.facts dd').nth(2).textContent()) ?? '';
      expect(strategyTitle.length).toBeGreaterThan(5);
      await expectAccessible(page);
      await page.locator('#terms-heading').scrollIntoViewIfNeeded();
      await screenshotForGuide(page, 'evaluations-terms');

      // The terms of reference, edited and generated.
      await page.getByLabel('Purpose', { exact: true }).fill('To learn from the strategy for the next cycle, 2025–2028.');
      await page.getByLabel('Survey', { exact: true }).check();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Generate terms of reference' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/terms-of-reference-\d+\.docx$/);
      const xml = (await (await JSZip.loadAsync(readFileSync(await download.path()))).file('word/document.xml')?.async('string')) ?? '';
      for (const criterion of ['Relevance', 'Coherence', 'Effectiveness', 'Efficiency', 'Impact', 'Sustainability'])
        expect(xml).toContain(criterion);
      expect(xml).toContain(strategyTitle.replace(/&/g, '&amp;'));
      expect(xml).toContain('To learn from the strategy for the next cycle');
      expect(xml).toContain('Highly satisfactory');

      // Ratings on the stated scale.
      await page.getByLabel('Rating of Relevance', { exact: true }).selectOption('3');
      await page.getByLabel('Justification of the rating of Relevance').fill('The goals answer the risks GRETA named.');
      await page.getByLabel('Rating of Sustainability', { exact: true }).selectOption('2');
      await page.getByLabel('Findings', { exact: true }).fill('Shelters depend on donor projects.');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

      // A recommendation enters the register, and is answered.
      const text = `Fund the shelters from the state budget (${Date.now()}).`;
      await page.getByLabel('Recommendation', { exact: true }).fill(text);
      await page.getByRole('button', { name: 'Add to the register' }).click();
      const item = page.getByRole('article').filter({ hasText: text });
      await item.waitFor();
      await item.locator('.badge', { hasText: 'Awaiting response' }).waitFor();
      await item.getByLabel('Management response', { exact: true }).selectOption('agree');
      await item.getByLabel('Responsible institution', { exact: true }).selectOption({ index: 1 });
      await item.getByLabel('Due date', { exact: true }).fill('2024-12-31');
      await item.getByLabel('Status of the action', { exact: true }).selectOption('in_progress');
      await item.getByLabel('Action', { exact: true }).fill('A budget line for shelters in 2025.');
      await item.getByRole('button', { name: 'Save the response' }).click();
      await item.locator('.badge', { hasText: 'Overdue' }).waitFor();
      await item.locator('.badge', { hasText: 'In progress' }).waitFor();
      await expectAccessible(page);
      await item.scrollIntoViewIfNeeded();
      await screenshotForGuide(page, 'evaluations-responses');

      const code = ((await item.locator('h3 code').textContent()) ?? '').trim();
      expect(code).toMatch(/^REC-\d+$/);
      await page.goto(`/strategies/${STRATEGY}/recommendations`);
      const register = page.getByRole('table', { name: /Recommendations of the strategy/ });
      const row = register.getByRole('row').filter({ hasText: text });
      await row.waitFor();
      expect(await row.textContent()).toContain(code);
      expect(await row.textContent()).toContain('Evaluation');

      await page.goto(`/strategies/${STRATEGY}/evaluations`);
      await page.getByRole('table', { name: /Evaluations and independent reports/ }).waitFor();
      await expectAccessible(page);
      await screenshotForGuide(page, 'evaluations-list');
    });
  });

  it('keeps a rapporteur’s independent report theirs: the coordinator reads it and cannot change it', async () => {
    const url = await withPage(async (page) => {
      // Another journey saves Macedonian as this account's language; this one reads it in English.
      await page.goto('/signin');
      await page.getByLabel('Language').selectOption('en');
      await signIn(page, 'rapporteur@demoland.example');
      await page.getByRole('heading', { name: 'Welcome, Amra Hadžić' }).waitFor();
      await page.goto(`/strategies/${STRATEGY}/evaluations`);
      await page.getByLabel('Kind of record').selectOption('independent_report');
      await page.getByRole('button', { name: 'Start', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: /^Independent report on / }).waitFor();
      await page.getByLabel('Evaluator', { exact: true }).selectOption('independent');
      await page.getByLabel('Name of the evaluator or team').fill('National Rapporteur (Ombudsman)');
      await page.getByLabel('Findings', { exact: true }).fill('Victims wait months for a residence permit.');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      await expectAccessible(page);
      await screenshotForGuide(page, 'evaluations-rapporteur');
      return page.url();
    });

    await withPage(async (page) => {
      await signInAsCoordinator(page);
      await page.goto(url);
      await page.getByRole('heading', { level: 1, name: /^Independent report on / }).waitFor();
      await page.getByText('Written by the rapporteur Amra Hadžić: only they can change it.').waitFor();
      await page.getByText('Victims wait months for a residence permit.').waitFor();
      expect(await page.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
      expect(await page.getByRole('textbox', { name: 'Findings' }).count()).toBe(0);
      await expectAccessible(page);
    });
  });
});
