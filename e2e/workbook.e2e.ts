import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newContext, screenshotForGuide, signIn } from './support/browser.ts';
import { xlsxOf } from './support/xlsx.ts';

const DEMOLAND_PACKAGE = resolve(import.meta.dirname, '../packages/server/demo/demoland.plan.json');
const STRATEGY = 'NS-XL-E2E';
const PLAN = 'AP-XL-E2E';
const PLAN_TITLE = 'Action Plan 2025 (imported from Excel)';

type PlanPackage = {
  strategy: { id: string; title: string; status: string; adoptedOn?: string; adoptedBy?: string };
  actionPlans: {
    id: string;
    title: string;
    start: string;
    end: string;
    status: string;
    activities: { id: string; title: string; lead?: string; start?: string }[];
  }[];
  monitoring?: unknown;
};

let browser: Browser;
let workDir: string;
beforeAll(async () => {
  browser = await launchBrowser();
  workDir = mkdtempSync(join(tmpdir(), 'ariadne-workbook-e2e-'));
});
afterAll(async () => {
  await browser?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function withPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
  const context = await newContext(browser, { width: 1400, height: 900 });
  const page = await context.newPage();
  try {
    return await work(page);
  } finally {
    await context.close();
  }
}

/** The CSRF token of the page's session, for the calls a test makes through the API. */
async function csrfToken(page: Page): Promise<string> {
  const response = await page.request.get('/api/session');
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

/** A draft action plan to import into: Demoland's strategy as a draft of its own, with one empty plan. */
async function prepareDraftPlan(page: Page, strategy = STRATEGY, planId = PLAN): Promise<void> {
  const plan = JSON.parse(readFileSync(DEMOLAND_PACKAGE, 'utf8')) as PlanPackage;
  plan.strategy = { ...plan.strategy, id: strategy, title: `National Strategy (${strategy})`, status: 'draft' };
  delete plan.strategy.adoptedOn;
  delete plan.strategy.adoptedBy;
  delete plan.monitoring;
  plan.actionPlans = [{ id: planId, title: PLAN_TITLE, start: '2025-01-01', end: '2025-12-31', status: 'draft', activities: [] }];
  const response = await page.request.post('/api/plan-packages', { data: plan, headers: { 'X-CSRF-Token': await csrfToken(page) } });
  expect(response.status(), await response.text()).toBe(201);
}

/** The sheet a coordinator might bring: a title row, the column names, three activities, one with a date Ariadne cannot read. */
async function writeWorkbook(): Promise<string> {
  const path = join(workDir, 'action-plan-2025.xlsx');
  writeFileSync(
    path,
    await xlsxOf('Action plan 2025', [
      ['Action plan 2025: activities'],
      [],
      [
        'No.',
        'Objective',
        'Activity',
        'Responsible institution',
        'Partners',
        'Start',
        'End',
        'Budget (EUR)',
        'Funding source',
        'Indicator',
        'Baseline',
        'Target',
      ],
      [
        'E1.1',
        'O1.1',
        'Train the new members of the coordination body',
        'Office of the National Anti-Trafficking Coordinator',
        'Ministry of Interior; MLSP',
        'Q1 2025',
        'Q2 2025',
        '4.500,00',
        'State budget',
        'Members trained',
        0,
        25,
      ],
      [
        'E1.2',
        'O3.1',
        'Open a second shelter for victims',
        'Safe House Demoland (specialised shelter for victims of trafficking)',
        null,
        'sometime in spring',
        '2025-12-31',
        60000,
        'Donors',
        'Places in shelters',
        12,
        24,
      ],
      ['E1.3', 'O2.1', 'Awareness campaign in schools', 'MOES', 'NGO-HL', '2025-09', '2025-11', 8000, 'Local budget', null, null, null],
    ]),
  );
  return path;
}

describe('Excel import and export', () => {
  it('imports activities from a workbook into a draft plan, with one bad cell corrected in the preview', async () => {
    await withPage(async (page) => {
      await signIn(page, 'coordinator@demoland.example');
      await page.getByRole('heading', { name: 'Welcome, Mira Kovač' }).waitFor();
      await prepareDraftPlan(page);
      const file = await writeWorkbook();

      await page.goto(`/plans/${PLAN}/import-excel`);
      await page.getByRole('heading', { level: 1, name: `Import activities from Excel into ${PLAN_TITLE}` }).waitFor();
      await page.getByLabel('Excel workbook (.xlsx)').setInputFiles(file);
      await expectAccessible(page);
      await screenshotForGuide(page, 'excel-upload');
      await page.getByRole('button', { name: 'Upload and continue' }).click();

      // The sheet, with the header row found below the title.
      await page.getByRole('heading', { name: 'Choose the sheet and the row of column names' }).waitFor();
      expect(await page.getByLabel('Row with the column names').inputValue()).toBe('3');
      await expectAccessible(page);
      await screenshotForGuide(page, 'excel-sheet');
      await page.getByRole('button', { name: 'Continue' }).click();

      // The columns, guessed from their names.
      await page.getByRole('heading', { name: 'Say what each column holds' }).waitFor();
      expect(await page.getByLabel('Import column C (Activity) as').inputValue()).toBe('title');
      expect(await page.getByLabel('Import column D (Responsible institution) as').inputValue()).toBe('lead');
      expect(await page.getByLabel('Import column H (Budget (EUR)) as').inputValue()).toBe('cost');
      await expectAccessible(page);
      await screenshotForGuide(page, 'excel-mapping');
      await page.getByRole('button', { name: 'Check the rows' }).click();

      // The preview: row 5 has a start that is not a date.
      const table = page.getByRole('table', { name: 'The rows of the sheet Action plan 2025 as activities' });
      await table.waitFor();
      await page.getByText(/^3 rows read: 2 ready to import, 1 with problems/).waitFor();
      await table.getByText(/^Expected a date/).waitFor();
      expect(await page.getByRole('button', { name: 'Import 2 activities' }).isDisabled()).toBe(true);
      await expectAccessible(page);
      await screenshotForGuide(page, 'excel-preview');

      await table.getByRole('button', { name: 'Correct Start in row 5' }).click();
      const correction = table.getByRole('textbox', { name: 'Correct Start in row 5' });
      await correction.fill('Q2 2025');
      await correction.press('Enter');
      await page.getByText(/^3 rows read: 3 ready to import, 0 with problems/).waitFor();
      expect(await table.getByText(/^Expected a date/).count()).toBe(0);
      await expectAccessible(page);

      await page.getByRole('button', { name: 'Import 3 activities' }).click();
      await page.getByRole('heading', { name: 'The activities have been imported' }).waitFor();
      await page.getByText(`3 activities and 2 indicators imported into ${PLAN_TITLE}:`).waitFor();
      await expectAccessible(page);
      await screenshotForGuide(page, 'excel-result');

      // The plan now holds them.
      await page.getByRole('link', { name: 'Open the action plan' }).click();
      await page.getByRole('heading', { level: 1, name: PLAN_TITLE }).waitFor();
      await page.getByText('Open a second shelter for victims').first().waitFor();
      const exported = await page.request.get(`/api/participants/DL/strategies/${STRATEGY}/package`);
      const stored = ((await exported.json()) as PlanPackage).actionPlans[0]?.activities ?? [];
      expect(stored.map((activity) => [activity.id, activity.lead, activity.start])).toEqual([
        ['E1.1', 'NATC', '2025-01-01'],
        ['E1.2', 'NGO-SH', '2025-04-01'],
        ['E1.3', 'MOES', '2025-09-01'],
      ]);
    });
  });

  it('downloads the activities of the plan and the donor view as workbooks', async () => {
    await withPage(async (page) => {
      await signIn(page, 'coordinator@demoland.example');
      await page.getByRole('heading', { name: 'Welcome, Mira Kovač' }).waitFor();
      for (const [path, name] of [
        ['activities.xlsx', 'DL-AP-2023-2024-activities.xlsx'],
        ['donor-view.xlsx', 'DL-AP-2023-2024-donor-view.xlsx'],
      ] as const) {
        const response = await page.request.get(`/api/participants/DL/action-plans/AP-2023-2024/${path}?language=en`);
        expect(response.status()).toBe(200);
        expect(response.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        expect(response.headers()['content-disposition']).toBe(`attachment; filename="${name}"`);
        const body = await response.body();
        expect(body.subarray(0, 2).toString()).toBe('PK');
      }
      // The downloaded workbook goes back into the import (of another, empty plan): its sheet and columns are recognised.
      const workbook = await page.request.get('/api/participants/DL/action-plans/AP-2023-2024/activities.xlsx?language=mk');
      const saved = join(workDir, 'activities-mk.xlsx');
      writeFileSync(saved, await workbook.body());
      await prepareDraftPlan(page, 'NS-XL-E2E-2', 'AP-XL-E2E-2');
      await page.goto('/plans/AP-XL-E2E-2/import-excel');
      await page.getByLabel('Excel workbook (.xlsx)').setInputFiles(saved);
      await page.getByRole('button', { name: 'Upload and continue' }).click();
      await page.getByLabel('Активности (14 rows)').waitFor();
      await page.getByRole('button', { name: 'Continue' }).click();
      expect(await page.getByLabel('Import column C (Шифра) as').inputValue()).toBe('code');
      expect(await page.getByLabel('Import column O (Трошок) as').inputValue()).toBe('cost');
    });
  });
});
