import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, newContext, screenshotForGuide, signIn } from './support/browser.ts';
import { browserForJourneys, signInAsCoordinator, waitSaved } from './support/journeys.ts';

// Building a plan in the browser: a new strategy, its action plan, goals, objectives and activities
// with costs and indicators; the same activity edited in two tabs; a review finding followed to the
// element it is about and fixed there.

const STRATEGY = 'NS-E2E-2030';
const PLAN = 'AP-E2E-2030';

const journeys = browserForJourneys();
const { withPage } = journeys;

function tree(page: Page): Locator {
  return page.getByRole('region', { name: 'Goals, objectives and activities' });
}

function row(page: Page, code: string): Locator {
  return page.locator(`[data-row="${code}"]`);
}

async function openPlan(page: Page): Promise<void> {
  await page.goto(`/plans/${PLAN}`);
  await tree(page).waitFor();
}

async function addGoal(page: Page, code: string, area: string, title: string): Promise<void> {
  await tree(page)
    .getByRole('button', { name: 'Add a goal' })
    .or(page.getByRole('button', { name: 'Add a goal' }))
    .first()
    .click();
  const form = page.getByRole('group', { name: 'New goal' });
  expect(await form.getByLabel('Code').inputValue()).toBe(code);
  await form.getByLabel('Thematic area').selectOption(area);
  await form.getByLabel('Title').fill(title);
  await form.getByRole('button', { name: 'Add a goal' }).click();
  await row(page, code).waitFor();
}

async function addObjective(page: Page, goal: string, code: string, title: string): Promise<void> {
  await tree(page)
    .getByRole('button', { name: `Add an objective to ${goal}` })
    .click();
  const form = page.getByRole('group', { name: `New objective of ${goal}` });
  expect(await form.getByLabel('Code').inputValue()).toBe(code);
  await form.getByLabel('Title').fill(title);
  await form.getByRole('button', { name: 'Add objective' }).click();
  await row(page, code).waitFor();
}

async function addActivity(page: Page, objective: string, code: string, title: string): Promise<void> {
  await tree(page)
    .getByRole('button', { name: `Add an activity to ${objective}` })
    .click();
  const form = page.getByRole('group', { name: `New activity under ${objective}` });
  expect(await form.getByLabel('Code').inputValue()).toBe(code);
  await form.getByLabel('Title').fill(title);
  await form.getByRole('button', { name: 'Add activity' }).click();
  await row(page, code).waitFor();
}

type CostLine = { year: string; amount: string; source?: string; funder?: string };

/** Fills an activity's lead and cost lines, then gives it one indicator, all through its editor. */
async function completeActivity(
  page: Page,
  code: string,
  details: {
    lead?: string;
    costs: CostLine[];
    indicator: { name: string; unit: string; baseline: [string, string]; target: [string, string] };
  },
  screenshots = false,
): Promise<void> {
  await row(page, code).getByRole('link').click();
  await page.getByRole('heading', { level: 1, name: `Activity ${code}` }).waitFor();
  if (details.lead !== undefined) {
    const lead = page.getByRole('combobox', { name: 'Lead institution' });
    await lead.fill(details.lead);
    await page.getByRole('listbox', { name: 'Lead institution' }).getByRole('option').first().click();
  }
  for (const [index, line] of details.costs.entries()) {
    await page.getByRole('button', { name: 'Add a cost line' }).click();
    const number = index + 1;
    await page.getByLabel(`Year, line ${number}`).selectOption(line.year);
    await page.getByLabel(`Amount, line ${number}`).fill(line.amount);
    if (line.source !== undefined) await page.getByLabel(`Funding source, line ${number}`).selectOption(line.source);
    if (line.funder !== undefined) {
      const funder = page.getByRole('combobox', { name: `Funder, line ${number}` });
      await funder.fill(line.funder);
      await funder.press('ArrowDown');
      await funder.press('Enter');
    }
  }
  await waitSaved(page);
  if (screenshots) {
    await expectAccessible(page);
    await page.locator('.costs').scrollIntoViewIfNeeded();
    await screenshotForGuide(page, 'editing-activity-costs');
  }

  await page.getByRole('button', { name: 'Add an indicator' }).click();
  const form = page.getByRole('group', { name: `New indicator of ${code}` });
  expect(await form.getByLabel('Code').inputValue()).toBe(`${code}-I1`);
  await form.getByLabel('Name').fill(details.indicator.name);
  await form.getByRole('button', { name: 'Create and open' }).click();
  await page.getByRole('heading', { level: 1, name: `Indicator ${code}-I1` }).waitFor();
  await page.getByLabel('Unit').fill(details.indicator.unit);
  const baseline = page.getByRole('group', { name: 'Baseline' });
  await baseline.getByLabel('Value').fill(details.indicator.baseline[0]);
  await baseline.getByLabel('Year', { exact: true }).fill(details.indicator.baseline[1]);
  const target = page.getByRole('group', { name: 'Final target' });
  await target.getByLabel('Value').fill(details.indicator.target[0]);
  await target.getByLabel('Year').fill(details.indicator.target[1]);
  await page.getByLabel('Sex').check();
  await waitSaved(page);
  if (screenshots) {
    await expectAccessible(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshotForGuide(page, 'editing-indicator');
  }
  await page.getByRole('link', { name: 'Back to the action plan' }).click();
  await tree(page).waitFor();
}

describe('authoring a plan in the browser', () => {
  it('builds a small plan from scratch, and keeps everything after a reload', async () => {
    await withPage(async (page) => {
      await signInAsCoordinator(page);
      await page.goto('/plans');
      await page.getByRole('heading', { level: 1, name: 'Plans' }).waitFor();

      // A new strategy, through the plans page, then its action plan through the strategy page.
      await page.getByRole('button', { name: 'New strategy' }).click();
      const newStrategy = page.locator('form').filter({ has: page.getByRole('button', { name: 'Create the strategy' }) });
      await newStrategy.getByLabel('Code').fill(STRATEGY);
      await newStrategy.getByLabel('Title').fill('National Strategy 2030–2033 (authoring test)');
      await newStrategy.getByLabel('First year').fill('2030');
      await newStrategy.getByLabel('Last year').fill('2033');
      await newStrategy.getByRole('button', { name: 'Create the strategy' }).click();
      await page.waitForURL(`**/strategies/${STRATEGY}`);
      await page.getByRole('button', { name: 'New action plan' }).click();
      const newPlan = page.locator('form').filter({ has: page.getByRole('button', { name: 'Create the action plan' }) });
      await newPlan.getByLabel('Code').fill(PLAN);
      await newPlan.getByLabel('Title').fill('Action Plan 2030–2031 (authoring test)');
      await newPlan.getByLabel('Start').fill('2030-01-01');
      await newPlan.getByLabel('End').fill('2031-12-31');
      await newPlan.getByRole('button', { name: 'Create the action plan' }).click();
      await page.getByText(`The action plan ${PLAN} has been created.`).waitFor();

      await openPlan(page);
      await tree(page).getByText('This strategy has no goals yet.').waitFor();
      await expectAccessible(page);

      await addGoal(page, 'G1', 'prevention', 'Fewer people are exposed to trafficking');
      await addGoal(page, 'G2', 'protection', 'Every victim is identified and assisted');
      await addObjective(page, 'G1', 'O1.1', 'Raise awareness among young people');
      await addObjective(page, 'G2', 'O2.1', 'Train the first responders in identification');
      await addActivity(page, 'O1.1', 'A1.1.1', 'Run a school campaign in every region');
      await addActivity(page, 'O1.1', 'A1.1.2', 'Publish a guide for parents');
      await addActivity(page, 'O2.1', 'A2.1.1', 'Train labour inspectors and police');
      await expectAccessible(page);

      await completeActivity(
        page,
        'A1.1.1',
        {
          lead: 'Education',
          costs: [
            { year: '2030', amount: '12000.50' },
            { year: '2031', amount: '8000', source: 'donor', funder: 'Nordavia' },
          ],
          indicator: { name: 'Schools reached', unit: 'schools', baseline: ['0', '2029'], target: ['120', '2031'] },
        },
        true,
      );
      // A1.1.2 keeps no lead institution: the review points it out (see the last journey).
      await completeActivity(page, 'A1.1.2', {
        costs: [{ year: '2030', amount: '3000' }],
        indicator: { name: 'Guides distributed', unit: 'copies', baseline: ['0', '2029'], target: ['5000', '2031'] },
      });
      await completeActivity(page, 'A2.1.1', {
        lead: 'Labour Inspectorate',
        costs: [{ year: '2031', amount: '15000' }],
        indicator: { name: 'Inspectors trained', unit: 'persons', baseline: ['10', '2029'], target: ['80', '2031'] },
      });

      // Moving an activity with the keyboard.
      await row(page, 'A1.1.1').getByRole('link').focus();
      await page.keyboard.press('Alt+ArrowDown');
      await tree(page).getByRole('status').filter({ hasText: 'A1.1.1 moved: now 2 of 2.' }).waitFor();
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('[data-kind="activity"][data-row]')].map((e) => e.getAttribute('data-row')).join() ===
          'A1.1.2,A1.1.1,A2.1.1',
      );
      await tree(page).evaluate((element) => element.scrollIntoView());
      await screenshotForGuide(page, 'editing-plan-tree');

      // Everything is kept.
      await page.reload();
      await tree(page).waitFor();
      const activities = await page
        .locator('[data-kind="activity"][data-row]')
        .evaluateAll((rows) => rows.map((e) => e.getAttribute('data-row')));
      expect(activities).toEqual(['A1.1.2', 'A1.1.1', 'A2.1.1']);
      expect(await row(page, 'A1.1.1').locator('.tree-total').textContent()).toBe('€20,000.50');
      expect(await row(page, 'A2.1.1').locator('.tree-total').textContent()).toBe('€15,000.00');
      expect(await row(page, 'O1.1').textContent()).toContain('2 activities');
      await row(page, 'A1.1.1').getByRole('link').click();
      await page.getByRole('heading', { level: 1, name: 'Activity A1.1.1' }).waitFor();
      expect(await page.getByRole('combobox', { name: 'Lead institution' }).inputValue()).toMatch(/Education/);
      expect(await page.getByLabel('Amount, line 1').inputValue()).toBe('12000.5');
      expect(await page.getByTestId('cost-total').textContent()).toBe('€20,000.50');
      expect(await page.getByTestId('cost-total-2031').textContent()).toBe('€8,000.00');
      await page.getByRole('link', { name: 'Schools reached' }).waitFor();
      await page.getByRole('link', { name: 'Schools reached' }).click();
      await page.getByRole('heading', { level: 1, name: 'Indicator A1.1.1-I1' }).waitFor();
      expect(await page.getByRole('group', { name: 'Final target' }).getByLabel('Value').inputValue()).toBe('120');
      expect(await page.getByLabel('Sex').isChecked()).toBe(true);
    });
  });

  it('shows both versions to the second of two people editing the same activity, and lets them choose', async () => {
    const context = await newContext(journeys.browser);
    try {
      const first = await context.newPage();
      await signInAsCoordinator(first);
      const second = await context.newPage();
      const address = `/plans/${PLAN}/elements/A2.1.1`;
      await first.goto(address);
      await second.goto(address);
      await first.getByRole('heading', { level: 1, name: 'Activity A2.1.1' }).waitFor();
      await second.getByRole('heading', { level: 1, name: 'Activity A2.1.1' }).waitFor();

      await first.getByLabel('Title').fill('Train labour inspectors (first tab)');
      await waitSaved(first);
      await second.getByLabel('Title').fill('Train labour inspectors and police (second tab)');
      const panel = second.getByRole('region', { name: 'Someone else saved this element in the meantime' });
      await panel.waitFor({ timeout: 10_000 });
      expect(await second.getByTestId('autosave-state').textContent()).toBe('Not saved: someone else saved this element in the meantime.');
      const title = panel.getByRole('row').filter({ has: second.getByRole('rowheader', { name: /^Title/ }) });
      expect(await title.getByRole('cell').allTextContents()).toEqual([
        'Train labour inspectors and police (second tab)',
        'Train labour inspectors (first tab)',
      ]);
      await expectAccessible(second);
      await screenshotForGuide(second, 'editing-conflict');

      await panel.getByRole('button', { name: 'Keep my version' }).click();
      await waitSaved(second);
      await first.reload();
      await first.getByRole('heading', { level: 1, name: 'Activity A2.1.1' }).waitFor();
      expect(await first.getByLabel('Title').inputValue()).toBe('Train labour inspectors and police (second tab)');
    } finally {
      await context.close();
    }
  });

  it('follows a review finding to the element, fixes it there, and the finding is gone', async () => {
    await withPage(async (page) => {
      await signInAsCoordinator(page);
      await page.goto(`/plans/${PLAN}?view=review`);
      const review = page.getByRole('region', { name: 'Plan review' });
      const lead = review.locator('li.finding').filter({ hasText: 'Activity without a lead institution' }).filter({ hasText: 'A1.1.2' });
      await lead.waitFor();
      await lead.getByRole('link', { name: 'Open activity A1.1.2 to fix it' }).click();
      await page.getByRole('heading', { level: 1, name: 'Activity A1.1.2' }).waitFor();
      const picker = page.getByRole('combobox', { name: 'Lead institution' });
      await picker.fill('Safe House');
      await page.getByRole('listbox', { name: 'Lead institution' }).getByRole('option').first().click();
      await waitSaved(page);
      await expectAccessible(page);
      await page.getByRole('link', { name: 'Back to the action plan' }).click();
      await tree(page).waitFor();
      await page.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: 'Plan review' }).click();
      await review.waitFor();
      await review.locator('.finding').first().or(review.getByText('The review found nothing to point out.')).first().waitFor();
      expect(
        await review.locator('li.finding').filter({ hasText: 'Activity without a lead institution' }).filter({ hasText: 'A1.1.2' }).count(),
      ).toBe(0);
    });
  });

  it('shows an adopted plan without edit controls, saying why', async () => {
    await withPage(async (page) => {
      await signIn(page, 'editor@demoland.example');
      await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
      const started = Date.now();
      await page.goto('/plans/AP-2021-2022');
      await tree(page).locator('[data-kind="activity"][data-row]').first().waitFor();
      const elapsed = Date.now() - started;
      expect(elapsed).toBeLessThan(5000);
      await tree(page)
        .getByText(/^This action plan was adopted on /)
        .waitFor();
      expect(
        await tree(page)
          .getByRole('button', { name: /^Delete|^Move/ })
          .count(),
      ).toBe(0);
      await expectAccessible(page);
    });
  });
});
