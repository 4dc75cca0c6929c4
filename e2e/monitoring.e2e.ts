import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newContext, screenshotForGuide, signIn } from './support/browser.ts';
import { waitSaved } from './support/journeys.ts';

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

// Reporting in round 2022-H2, opened above: the police's focal point on the web, the social
// ministry's in Excel, the coordinator's review, and the progress overview that follows it.

const POLICE = 'focal.point@demoland.example';
const SOCIAL = 'social.focal.point@demoland.example';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');

async function signInAs(page: Page, email: string, name: string): Promise<void> {
  await signIn(page, email);
  await page.getByRole('heading', { name: `Welcome, ${name}` }).waitFor();
}

/** The counts of the who-has-reported board of round 2022-H2, as the coordinator reads them. */
async function boardCounts(page: Page): Promise<string[]> {
  await page.goto('/plans/AP-2021-2022/rounds/2022-H2');
  await page.getByRole('table', { name: 'Institutions reporting in round 2022-H2' }).waitFor();
  return page.getByTestId('board-counts').getByRole('listitem').allTextContents();
}

async function boardStatusOf(page: Page, institution: string): Promise<string> {
  const row = page
    .getByRole('table', { name: 'Institutions reporting in round 2022-H2' })
    .getByRole('row', { name: new RegExp(institution) });
  return (await row.locator('td').nth(0).textContent()) ?? '';
}

/** The budget execution of the plan as of the end of 2022, as the progress overview shows it. */
async function budgetExecution(page: Page): Promise<string> {
  await page.goto('/plans/AP-2021-2022?view=progress&asOf=2022-12-31');
  const figure = page.getByTestId('budget-execution');
  await figure.waitFor();
  return (await figure.textContent()) ?? '';
}

/** Fills a downloaded reporting template as a person would in Excel; `mistakes` leaves two errors in it. */
async function fillTemplate(file: Buffer, mistakes: boolean): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  const activities = workbook.getWorksheet('Activities');
  const indicators = workbook.getWorksheet('Indicators');
  if (!activities || !indicators) throw new Error('the template has no Activities or Indicators sheet');
  activities.eachRow((row, number) => {
    if (number === 1) return;
    row.getCell(6).value = 'Ongoing';
    if (row.getCell(1).value === 'A3.1.2') {
      row.getCell(9).value = 1200;
      row.getCell(13).value = 'Two shelters took in children referred by the police.';
    }
  });
  const totals: Record<string, number> = { 'A3.1.2-I1': 180, 'A3.1.2-I2': 12, 'A5.2.2-I1': 70 };
  let current = '';
  const firstOf = new Set<string>();
  indicators.eachRow((row, number) => {
    if (number === 1) return;
    const code = String(row.getCell(1).value ?? '');
    const key = String(row.getCell(10).value ?? '');
    if (code !== '' && key === '') {
      current = code;
      const total = totals[code];
      if (total !== undefined) row.getCell(7).value = mistakes && code === 'A3.1.2-I1' ? 'one hundred and eighty' : total;
      return;
    }
    const total = totals[current];
    if (total === undefined || key === '') return;
    const dimension = key.split(':')[0] ?? '';
    const first = !firstOf.has(`${current}:${dimension}`);
    firstOf.add(`${current}:${dimension}`);
    const short = mistakes && current === 'A3.1.2-I2' && dimension === 'sex';
    row.getCell(7).value = first ? (short ? total - 1 : total) : 0;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('reporting in a round', () => {
  it('takes a report on the web, another in Excel, through review, into the progress overview', async () => {
    const before = await withPage(async (page) => {
      await signInAs(page, 'coordinator@demoland.example', 'Mira Kovač');
      const counts = await boardCounts(page);
      expect(counts.slice(1)).toEqual(['Draft: 0', 'Submitted: 0', 'Returned: 0', 'Accepted: 0', 'Overdue: 0']);
      const prepare = page.getByRole('region', { name: 'Excel templates of the round' });
      await prepare.getByRole('button', { name: 'Download all templates (zip)' }).click();
      await prepare.getByText(/^All \d+ templates are ready\.$/).waitFor({ timeout: 30_000 });
      const [zip] = await Promise.all([
        page.waitForEvent('download'),
        prepare.getByRole('link', { name: 'Download the zip file' }).click(),
      ]);
      expect(zip.suggestedFilename()).toMatch(/\.zip$/);
      await expectAccessible(page);
      await prepare.evaluate((element) => element.scrollIntoView());
      await screenshotForGuide(page, 'round-templates');
      return { counts, execution: await budgetExecution(page) };
    });
    const institutions = Number(/\d+$/.exec(before.counts[0] ?? '')?.[0]);
    expect(institutions).toBeGreaterThan(2);

    // The police's focal point reports on the web.
    await withPage(async (page) => {
      await signInAs(page, POLICE, 'Dragan Petrović');
      const mine = page.getByRole('region', { name: 'Your institution’s reports' });
      await mine.getByText(/^One report is waiting for you\.$/).waitFor();
      await mine.getByRole('link', { name: /round 2022-H2/ }).click();
      await page.getByRole('heading', { level: 1, name: /^Report of .*Police.*, round 2022-H2$/ }).waitFor();
      const activity = page.getByRole('region', { name: /^A5\.2\.3/ });
      expect(await activity.getByLabel('Status at the end of the period').inputValue()).toBe('ongoing');
      await activity.getByLabel('Donors').fill('2500');
      await activity.getByLabel('What was done').fill('Interview room furnished; first interviews held in November.');
      const indicator = page.getByRole('region', { name: /^A1\.3\.2-I1/ });
      await indicator.getByLabel('Value for the period').fill('9');
      await indicator.getByLabel('female').fill('4');
      await indicator.getByLabel('male', { exact: true }).fill('6');
      await indicator.getByText('The parts by sex add up to 10, but the total is 9.').waitFor();
      await indicator.getByLabel('male', { exact: true }).fill('5');
      await indicator.getByText('The parts add up to 9 of 9.').waitFor();
      await waitSaved(page);
      await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'attendance.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page.getByRole('link', { name: 'attendance.pdf' }).waitFor();
      await expectAccessible(page);
      await activity.evaluate((element) => element.scrollIntoView());
      await screenshotForGuide(page, 'report-form');
      await page.getByRole('button', { name: 'Submit the report' }).click();
      const receipt = page.getByRole('region', { name: 'Report submitted' });
      await receipt.waitFor();
      await receipt.getByText('3 activities reported').waitFor();
      await receipt.getByText('1 piece of evidence').waitFor();
      await page
        .getByTestId('report-status')
        .filter({ hasText: /^Submitted$/ })
        .waitFor();
      expect(await page.getByLabel('What was done').count()).toBe(0);
      await expectAccessible(page);
      await screenshotForGuide(page, 'report-receipt');
    });

    // The social ministry's focal point fills the Excel template: first with two mistakes.
    await withPage(async (page) => {
      await signInAs(page, SOCIAL, 'Lejla Begović');
      await page
        .getByRole('region', { name: 'Your institution’s reports' })
        .getByRole('link', { name: /round 2022-H2/ })
        .click();
      const excel = page.getByRole('region', { name: 'Excel template' });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        excel.getByRole('link', { name: 'Download the Excel template' }).click(),
      ]);
      const template = await readFile(await download.path());
      const upload = async (file: Buffer) => {
        await excel.getByLabel('Filled Excel template (.xlsx)').setInputFiles({
          name: 'report.xlsx',
          mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          buffer: file,
        });
        await excel.getByRole('button', { name: 'Upload the filled template' }).click();
      };
      await upload(await fillTemplate(template, true));
      const problems = page.getByRole('table', { name: 'Problems of the uploaded file, by sheet, row and column' });
      await problems.waitFor();
      const rows = await problems.locator('tbody tr').allTextContents();
      expect(rows).toHaveLength(2);
      expect(rows.join('\n')).toMatch(/Indicators.*G.*number/i);
      expect(rows.join('\n')).toMatch(/add up to 11, but the total is 12/);
      await expectAccessible(page);
      await problems.evaluate((element) => element.scrollIntoView());
      await screenshotForGuide(page, 'report-template-problems');
      expect(await page.getByTestId('report-status').textContent()).toBe('Not started');

      await upload(await fillTemplate(template, false));
      await excel.getByText('Saved from the Excel file.').waitFor();
      const indicator = page.getByRole('region', { name: /^A3\.1\.2-I2/ });
      await indicator.getByText('The parts add up to 12 of 12.').first().waitFor();
      await page.getByRole('button', { name: 'Submit the report' }).click();
      await page.getByRole('region', { name: 'Report submitted' }).waitFor();
    });

    // The coordinator returns the police's report with a comment.
    await withPage(async (page) => {
      await signInAs(page, 'coordinator@demoland.example', 'Mira Kovač');
      const counts = await boardCounts(page);
      expect(counts).toEqual([`Not started: ${institutions - 2}`, 'Draft: 0', 'Submitted: 2', 'Returned: 0', 'Accepted: 0', 'Overdue: 0']);
      await page
        .getByRole('table', { name: 'Institutions reporting in round 2022-H2' })
        .getByRole('link', { name: /Police/ })
        .click();
      await page.getByRole('link', { name: 'attendance.pdf' }).waitFor();
      await page.getByRole('button', { name: 'Return with comments' }).click();
      await page.getByLabel('Comment on activity A5.2.3').fill('Please say how many interviews were held.');
      await page.getByRole('button', { name: 'Return the report' }).click();
      await page.getByText(/has been returned with your comments\.$/).waitFor();
      await boardCounts(page);
      expect(await boardStatusOf(page, 'Police')).toBe('Returned');
    });

    // The police's focal point corrects and submits again.
    await withPage(async (page) => {
      await signInAs(page, POLICE, 'Dragan Petrović');
      await page
        .getByRole('region', { name: 'Your institution’s reports' })
        .getByRole('link', { name: /round 2022-H2/ })
        .click();
      await page.getByText('The coordinator returned this report with comments. Correct what they ask and submit it again.').waitFor();
      const activity = page.getByRole('region', { name: /^A5\.2\.3/ });
      await activity.getByText('Please say how many interviews were held.').waitFor();
      await activity.getByLabel('What was done').fill('Interview room furnished; 14 interviews of children held in November and December.');
      await waitSaved(page);
      await page.getByRole('button', { name: 'Submit the report' }).click();
      await page.getByRole('region', { name: 'Report submitted' }).waitFor();
    });

    // The coordinator accepts both; the progress overview counts them.
    await withPage(async (page) => {
      await signInAs(page, 'coordinator@demoland.example', 'Mira Kovač');
      for (const name of [/Police/, /Labour and Social Policy/]) {
        await boardCounts(page);
        await page.getByRole('table', { name: 'Institutions reporting in round 2022-H2' }).getByRole('link', { name }).click();
        await page.getByRole('button', { name: 'Accept' }).click();
        await page.getByRole('button', { name: 'Yes, accept' }).click();
        await page.getByText(/has been accepted\./).waitFor();
      }
      const counts = await boardCounts(page);
      expect(counts).toEqual([`Not started: ${institutions - 2}`, 'Draft: 0', 'Submitted: 0', 'Returned: 0', 'Accepted: 2', 'Overdue: 0']);
      const execution = await budgetExecution(page);
      expect(execution).not.toBe(before.execution);
    });
  });

  it('lets the coordinator preview reminders, and read the results of an indicator and of an activity', async () => {
    await withPage(async (page) => {
      await signInAs(page, 'coordinator@demoland.example', 'Mira Kovač');
      await boardCounts(page);
      const reminders = page.getByRole('region', { name: 'Send reminders' });
      await reminders.getByLabel('Reports due within (days)').fill('60');
      await reminders.getByRole('button', { name: 'Preview' }).click();
      const planned = reminders.getByRole('table', { name: 'Who would be reminded' });
      await planned.waitFor();
      expect(await planned.locator('tbody tr').count()).toBeGreaterThan(0);
      await expectAccessible(page);
      await reminders.evaluate((element) => element.scrollIntoView());
      await screenshotForGuide(page, 'reminders');

      await page.goto('/plans/AP-2021-2022/indicators/O3.1-I1');
      await page.getByRole('heading', { level: 1, name: /^O3\.1-I1: / }).waitFor();
      await page.getByRole('figure').first().waitFor();
      await expectAccessible(page);
      await screenshotForGuide(page, 'results-indicator');

      await page.goto('/plans/AP-2021-2022/activities/A5.2.3');
      await page.getByRole('heading', { level: 1, name: /^A5\.2\.3: / }).waitFor();
      await page.getByText('14 interviews of children held in November and December', { exact: false }).first().waitFor();
      await expectAccessible(page);
      await screenshotForGuide(page, 'results-activity');
    });
  });
});
