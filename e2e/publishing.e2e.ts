import { execFileSync } from 'node:child_process';
import JSZip from 'jszip';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, expectAccessible, launchBrowser, newContext, screenshotForGuide, signIn } from './support/browser.ts';

// Publishing: the implementation report generated from the record, the strategy and action plan
// and the financial plan printed to PDF, a plan published on the public portal and read signed
// out, and what is not published staying out of reach.

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

async function signInAsCoordinator(page: Page): Promise<void> {
  await signIn(page, 'coordinator@demoland.example');
  await page.getByRole('heading', { name: 'Welcome, Mira Kovač' }).waitFor();
}

describe('documents', () => {
  it('generates the implementation report of a plan as a Word file holding its activities', async () => {
    await withPage(async (page) => {
      await signInAsCoordinator(page);
      await page.goto('/plans/AP-2021-2022');
      await page.getByRole('link', { name: 'Documents' }).click();
      await page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor();
      await page.getByLabel('Introduction', { exact: true }).fill('This report covers the whole action plan 2021–2022.');
      await page.getByRole('button', { name: 'Save texts' }).click();
      await page.getByText('Texts saved.').waitFor();
      await page.getByRole('button', { name: 'Generate' }).click();
      await page.getByText('The document is ready.').waitFor({ timeout: 45_000 });
      await expectAccessible(page);
      await screenshotForGuide(page, 'documents');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download the document' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.docx$/);
      const zip = await JSZip.loadAsync(await readFile(await download.path()));
      const document = (await zip.file('word/document.xml')?.async('string')) ?? '';
      for (const code of ['A1.1.1', 'A3.1.3', 'A5.2.3']) expect(document).toContain(code);
      // The plan's planned costs, as the financial plan gives them.
      expect(document).toContain('€1,181,500.00');
      expect(document).toContain('This report covers the whole action plan 2021–2022.');
    });
  });
});

/** The text of a downloaded PDF as pdftotext reads it, runs of spaces (non-breaking ones too) as one. */
function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/[\s\u00a0\u202f]+/g, ' ');
}

describe('documents of the whole plan', () => {
  it('prints the strategy and action plan in Serbian Cyrillic and the financial plan in English', async () => {
    await withPage(async (page) => {
      await signInAsCoordinator(page);
      await page.goto('/plans/AP-2021-2022/documents');
      await page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor();

      /** Generates the chosen document as PDF and returns the text of the downloaded file. */
      const print = async (document: string, language: string): Promise<string> => {
        await page.getByRole('main').getByRole('combobox', { name: 'Document' }).selectOption({ label: document });
        await page.getByText('This document covers the whole action plan.').waitFor();
        await page.getByRole('main').getByRole('combobox', { name: 'Language' }).selectOption({ label: language });
        await page.getByRole('main').getByRole('combobox', { name: 'Format' }).selectOption({ label: 'PDF' });
        await page.getByRole('button', { name: 'Generate' }).click();
        await page.getByText('The document is ready.').waitFor({ timeout: 60_000 });
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: 'Download the document' }).click(),
        ]);
        expect(download.suggestedFilename()).toMatch(/\.pdf$/);
        return pdfText(await download.path());
      };

      const plan = await print('Strategy and action plan', 'Српски (ћирилица)');
      for (const heading of ['Стратегија и акциони план', 'Садржај', 'Циљеви и специфични циљеви', 'Акциони план', 'План ресурса']) {
        expect(plan).toContain(heading);
      }
      // The resource plan of Demoland's plan 2021–2022: 501,500 in 2021 and 1,181,500 in all.
      for (const figure of ['501.500,00 €', '1.181.500,00 €', 'A3.1.3']) expect(plan).toContain(figure);

      const financial = await print('Financial plan', 'English');
      for (const heading of ['Financial plan', 'Totals', 'Planned costs by funding source and year', 'Unfunded activities (donor view)']) {
        expect(financial).toContain(heading);
      }
      // Planned 1,181,500, of which 735,000 secured and 175,000 unfunded; 612,500 from the state budget.
      for (const figure of ['€1,181,500.00', '€735,000.00', '€175,000.00', '€612,500.00']) expect(financial).toContain(figure);
      await expectAccessible(page);
    });
  });
});

describe('the public portal', () => {
  it('publishes a plan that anyone can then read signed out, and keeps the rest out of reach', async () => {
    await withPage(async (page) => {
      await signInAsCoordinator(page);
      await page.goto('/publications');
      await page.getByRole('heading', { level: 1, name: 'Publishing' }).waitFor();
      // Published already by an earlier run of this journey, or not yet: the list says which.
      await page.getByRole('button', { name: /^(Publish|Withdraw) Action plan AP-2021-2022/ }).waitFor();
      const publish = page.getByRole('button', { name: /^Publish Action plan AP-2021-2022/ });
      if ((await publish.count()) > 0) await publish.click();
      await page.getByRole('button', { name: /^Withdraw Action plan AP-2021-2022/ }).waitFor();
      await expectAccessible(page);
      await screenshotForGuide(page, 'publications');
    });

    await withPage(async (page) => {
      const response = await page.goto('/public/DL/plans/AP-2021-2022');
      expect(response?.status()).toBe(200);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.getByText('A3.1.3').count()).toBeGreaterThan(0);
      await expectAccessible(page);
      await screenshotForGuide(page, 'public-plan');

      const unpublished = await page.goto('/public/DL/plans/AP-2023-2024');
      expect(unpublished?.status()).toBe(404);
      const api = await page.request.get(`${baseUrl()}/api/participants/DL/strategies/NS-2021-2024/package`);
      expect(api.status()).toBe(401);
    });
  });
});

describe('the annual implementation report', () => {
  it('is printed in English and Serbian Cyrillic, refused on the portal until published, then read signed out', async () => {
    const address = await withPage(async (page) => {
      await signInAsCoordinator(page);
      await page.goto('/plans/AP-2021-2022/documents');
      await page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor();

      /** Generates the report of 2022 as PDF in a language; returns its run and the text and page images of the file. */
      const print = async (language: string): Promise<{ run: number; text: string; pages: string[] }> => {
        await page.getByRole('main').getByRole('combobox', { name: 'Period covered' }).selectOption({ label: 'Year 2022' });
        await page.getByRole('main').getByRole('combobox', { name: 'Language' }).selectOption({ label: language });
        await page.getByRole('main').getByRole('combobox', { name: 'Format' }).selectOption({ label: 'PDF' });
        await page.getByRole('button', { name: 'Generate' }).click();
        await page.getByText('The document is ready.').waitFor({ timeout: 60_000 });
        const link = page.getByRole('link', { name: 'Download the document' });
        const run = Number(/\/documents\/(\d+)\/file/.exec((await link.getAttribute('href')) ?? '')?.[1]);
        const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
        const path = await download.path();
        // The first two pages as images, as a reader's viewer draws them.
        const folder = await mkdtemp(join(tmpdir(), 'ariadne-report-'));
        execFileSync('pdftoppm', ['-f', '1', '-l', '2', '-r', '50', '-png', path, join(folder, 'page')]);
        const pages = (await readdir(folder)).filter((name) => name.endsWith('.png'));
        for (const name of pages) expect((await stat(join(folder, name))).size).toBeGreaterThan(5_000);
        await rm(folder, { recursive: true, force: true });
        return { run, text: pdfText(path), pages };
      };

      const english = await print('English');
      expect(english.pages).toHaveLength(2);
      for (const words of ['Implementation report', 'Contents', 'Year 2022', 'Implementation of the action plan', 'A3.1.3']) {
        expect(english.text).toContain(words);
      }
      // The plan's planned costs, as the financial plan gives them.
      expect(english.text).toContain('€1,181,500.00');

      const cyrillic = await print('Српски (ћирилица)');
      expect(cyrillic.pages).toHaveLength(2);
      for (const words of ['Извештај о спровођењу', 'Садржај', 'Година 2022', 'A3.1.3', '1.181.500,00 €'])
        expect(cyrillic.text).toContain(words);

      // Not published yet: the portal does not know it.
      const before = await page.request.get(`${baseUrl()}/public/DL/reports/${english.run}`);
      expect(before.status()).toBe(404);
      const beforePdf = await page.request.get(`${baseUrl()}/public/DL/reports/${english.run}.pdf`);
      expect(beforePdf.status()).toBe(404);

      await page.goto('/publications');
      await page.getByRole('heading', { level: 1, name: 'Publishing' }).waitFor();
      await page
        .getByRole('button', { name: /^Publish Implementation report of AP-2021-2022, Year 2022, in English/ })
        .first()
        .click();
      const withdraw = page.getByRole('button', { name: /^Withdraw Implementation report of AP-2021-2022, Year 2022, in English/ }).first();
      await withdraw.waitFor();
      const link = page.getByRole('row').filter({ has: withdraw }).getByRole('link');
      return (await link.textContent()) ?? '';
    });
    expect(address).toMatch(/^\/public\/DL\/reports\/\d+$/);

    await withPage(async (page) => {
      const response = await page.goto(`${address}?lang=sq`);
      expect(response?.status()).toBe(200);
      await page.getByRole('heading', { level: 1, name: /^Implementation report: Action Plan 2021-2022/ }).waitFor();
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.getByText('A3.1.3').count()).toBeGreaterThan(0);
      const pdf = await page.request.get(`${baseUrl()}${address}.pdf`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      await expectAccessible(page);
      await screenshotForGuide(page, 'public-report');
    });
  });
});
