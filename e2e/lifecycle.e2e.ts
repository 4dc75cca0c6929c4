import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshotForGuide } from './support/browser.ts';
import { browserForJourneys, signInAsCoordinator, waitSaved } from './support/journeys.ts';

// A strategy's life: created and filled in on its page, sent to consultation, adopted (which
// freezes it), amended with a reason, the amendment adopted as version 2, and the history showing
// what version 2 changed. Then Demoland's plan as a timeline, and the registers.

const STRATEGY = 'NS-LC-2035';
const STRATEGY_TITLE = 'National Strategy 2035–2038 (life cycle test)';
const PLAN = 'AP-LC-2035';
const API = `/api/participants/DL/strategies/${STRATEGY}`;

const { withPage } = browserForJourneys();

/** Sends edits through the API with the page's session, as the browser would. */
async function apiEdits(page: Page, edits: unknown[]): Promise<{ status: number; body: { error?: { code: string } } }> {
  const session = (await (await page.request.get('/api/session')).json()) as { csrfToken: string };
  const response = await page.request.post(`${API}/edits`, { data: { edits }, headers: { 'X-CSRF-Token': session.csrfToken } });
  return { status: response.status(), body: (await response.json()) as { error?: { code: string } } };
}

function lifecycle(page: Page): Locator {
  return page.locator('.lifecycle');
}

async function step(
  page: Page,
  opener: string,
  dialogTitle: string,
  fill: (dialog: Locator) => Promise<void>,
  submit: string,
  done: string,
): Promise<void> {
  await lifecycle(page).getByRole('button', { name: opener }).click();
  const dialog = page.getByRole('dialog', { name: dialogTitle });
  await dialog.waitFor();
  await fill(dialog);
  await dialog.getByRole('button', { name: submit, exact: true }).click();
  await lifecycle(page).getByText(done).waitFor();
}

async function openStrategy(page: Page): Promise<void> {
  await page.goto(`/strategies/${STRATEGY}`);
  await page.getByRole('heading', { level: 1, name: STRATEGY_TITLE }).waitFor();
  await page.getByLabel('Title', { exact: true }).waitFor();
}

async function addRisk(page: Page, code: string, description: string, likelihood: string, impact: string): Promise<void> {
  await page.getByRole('button', { name: 'Add a risk' }).click();
  const form = page.getByRole('region', { name: 'New risk' });
  await form.getByLabel('Code').fill(code);
  await form.getByLabel('Category').selectOption('financial');
  await form.getByLabel('Description').fill(description);
  await form.getByLabel('Likelihood').selectOption(likelihood);
  await form.getByLabel('Impact').selectOption(impact);
  await form.getByLabel('Mitigation').fill('Agree a reserve line with the Ministry of Finance.');
  await form.getByRole('combobox', { name: 'Owner' }).fill('Office of the National');
  await form.getByRole('listbox', { name: 'Owner' }).getByRole('option').first().click();
  await form.getByRole('button', { name: 'Save the risk' }).click();
  await page.getByText(`The risk ${code} has been added.`).waitFor();
}

describe('the life cycle of a strategy', () => {
  it('creates, adopts and amends a strategy and its action plan, and shows what version 2 changed', async () => {
    await withPage(async (page) => {
      await signInAsCoordinator(page);
      await page.goto('/plans');
      await page.getByRole('heading', { level: 1, name: 'Plans' }).waitFor();

      // A new strategy from the plans page.
      await page.getByRole('button', { name: 'New strategy' }).click();
      const created = page.getByRole('region', { name: 'New strategy' });
      await created.getByLabel('Code').fill(STRATEGY);
      await created.getByLabel('Title').fill(STRATEGY_TITLE);
      await created.getByLabel('First year').fill('2035');
      await created.getByLabel('Last year').fill('2038');
      await expectAccessible(page);
      await created.getByRole('button', { name: 'Create the strategy' }).click();
      await page.waitForURL(`**/strategies/${STRATEGY}`);
      await openStrategy(page);

      // Its fields, saved as they are typed.
      await page
        .getByLabel('Text of the situation analysis')
        .fill('## Trends\n\nMost identified victims were **women and girls**, exploited for labour more and more often.');
      await page.getByRole('checkbox', { name: 'Human rights-based and victim-centred approach' }).check();
      await page.getByRole('checkbox', { name: 'Non-punishment of victims' }).check();
      await page.getByRole('checkbox', { name: 'Civil society participation' }).check();
      await page.getByRole('combobox', { name: 'Monitoring body' }).fill('Office of the National');
      await page.getByRole('listbox', { name: 'Monitoring body' }).getByRole('option').first().click();
      await page.getByLabel('Reporting frequency').selectOption('semi_annual');
      await page.getByLabel('Estimated total cost (EUR)').fill('1800000');
      await waitSaved(page);
      await page.getByRole('tab', { name: 'Preview' }).click();
      await page.getByRole('tabpanel', { name: 'Preview' }).getByRole('heading', { name: 'Trends' }).waitFor();
      await expectAccessible(page);
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshotForGuide(page, 'strategy-page');
      await page.getByRole('group', { name: 'Guiding principles' }).evaluate((element) => element.scrollIntoView());
      await screenshotForGuide(page, 'strategy-principles');

      // An action plan through the strategy page; a goal, an objective and an activity through the API.
      await page.getByRole('button', { name: 'New action plan' }).click();
      const plan = page.getByRole('region', { name: 'New action plan' });
      await plan.getByLabel('Code').fill(PLAN);
      await plan.getByLabel('Title').fill('Action Plan 2035–2036 (life cycle test)');
      await plan.getByLabel('Start').fill('2035-01-01');
      await plan.getByLabel('End').fill('2036-12-31');
      await plan.getByRole('button', { name: 'Create the action plan' }).click();
      await page.getByText(`The action plan ${PLAN} has been created.`).waitFor();
      const setUp = await apiEdits(page, [
        { op: 'create', kind: 'goal', data: { id: 'G1', area: 'protection', title: 'Every victim is identified and assisted' } },
        { op: 'create', kind: 'objective', parent: 'G1', data: { id: 'O1.1', title: 'Train first responders' } },
        {
          op: 'create',
          kind: 'activity',
          parent: PLAN,
          data: { id: 'A1.1.1', objective: 'O1.1', title: 'Train police officers', lead: 'POL', start: '2035-03-01', end: '2036-06-30' },
        },
      ]);
      expect(setUp.status).toBe(200);

      // The risk register and its heat map.
      await addRisk(page, 'RSK-1', 'The state budget for shelters is cut.', '3', '4');
      const heatMap = page.getByRole('table', { name: 'Risks by likelihood and impact' });
      await heatMap.getByText('RSK-1').waitFor();
      await expectAccessible(page);
      await page.locator('#strategy-risks').evaluate((element) => element.scrollIntoView());
      await screenshotForGuide(page, 'strategy-risks');

      // To consultation, then adopted with its date and body.
      await step(
        page,
        'Send to consultation',
        'Send to consultation',
        async () => undefined,
        'Send to consultation',
        'The status is now: In consultation.',
      );
      await lifecycle(page).getByRole('button', { name: 'Adopt…' }).click();
      const adopt = page.getByRole('dialog', { name: 'Adopt the strategy' });
      await adopt.getByLabel('Date of adoption').fill('2034-12-20');
      await adopt.getByRole('button', { name: 'Adopt', exact: true }).click();
      await adopt.getByText('This field is required.').waitFor();
      await adopt.getByLabel('Adopted by').fill('Government');
      await expectAccessible(page);
      await screenshotForGuide(page, 'strategy-adopt');
      await adopt.getByRole('button', { name: 'Adopt', exact: true }).click();
      await lifecycle(page).getByText('The status is now: Adopted.').waitFor();
      await lifecycle(page)
        .getByText(/was adopted on 20 December 2034\. Adopted by|adopted on 20 December 2034 by Government/)
        .waitFor();

      // Frozen: the fields are read-only, the register offers no changes, and the API refuses edits.
      await page.getByText('This strategy is adopted, so it cannot be changed here.', { exact: false }).waitFor();
      expect(await page.getByLabel('Title', { exact: true }).getAttribute('readonly')).not.toBeNull();
      expect(await page.getByRole('button', { name: 'Add a risk' }).count()).toBe(0);
      const refused = await apiEdits(page, [
        { op: 'create', kind: 'risk', data: { id: 'RSK-9', description: 'x', category: 'other', likelihood: 1, impact: 1 } },
      ]);
      expect(refused.status).toBe(409);
      expect(refused.body.error?.code).toBe('DOCUMENT_FROZEN');

      // The action plan is adopted on its own page.
      await page.goto(`/plans/${PLAN}`);
      await page.getByRole('heading', { level: 1, name: 'Action Plan 2035–2036 (life cycle test)' }).waitFor();
      await step(
        page,
        'Adopt…',
        'Adopt the action plan',
        async (dialog) => {
          await dialog.getByLabel('Date of adoption').fill('2035-01-15');
        },
        'Adopt',
        'The status is now: Adopted.',
      );

      // An amendment of the strategy: a reason, a new risk, adopted as version 2.
      await openStrategy(page);
      await step(
        page,
        'Open an amendment…',
        'Open an amendment',
        async (dialog) => {
          await dialog.getByLabel('Reason for the amendment').fill('Mid-term review: financial risks');
        },
        'Open the amendment',
        'The amendment is open. Changes made from now on are part of it.',
      );
      await lifecycle(page)
        .getByText(/Reason: Mid-term review: financial risks\./)
        .waitFor();
      await addRisk(page, 'RSK-2', 'Donor funding for reintegration ends early.', '4', '3');
      await page.getByRole('region', { name: 'Changes in the open amendment' }).getByText('RSK-2').waitFor();
      await step(
        page,
        'Adopt the amendment…',
        'Adopt the amendment',
        async (dialog) => {
          await dialog.getByLabel('Date of adoption').fill('2036-06-30');
          await dialog.getByLabel('Adopted by').fill('Government');
        },
        'Adopt the amendment',
        'The amendment has been adopted and recorded as a new version.',
      );

      // An amendment of the action plan: an activity's title changed in its editor.
      await page.goto(`/plans/${PLAN}`);
      await step(
        page,
        'Open an amendment…',
        'Open an amendment',
        async (dialog) => {
          await dialog.getByLabel('Reason for the amendment').fill('Prosecutors join the training');
        },
        'Open the amendment',
        'The amendment is open. Changes made from now on are part of it.',
      );
      await page.goto(`/plans/${PLAN}/elements/A1.1.1`);
      await page.getByRole('heading', { level: 1, name: 'Activity A1.1.1' }).waitFor();
      await page.getByLabel('Title', { exact: true }).fill('Train police officers and prosecutors');
      await waitSaved(page);
      await page.goto(`/plans/${PLAN}`);
      await step(
        page,
        'Adopt the amendment…',
        'Adopt the amendment',
        async (dialog) => {
          await dialog.getByLabel('Date of adoption').fill('2036-01-10');
        },
        'Adopt the amendment',
        'The amendment has been adopted and recorded as a new version.',
      );

      // The strategy's history: version 2 added RSK-2.
      await openStrategy(page);
      const history = page.getByRole('region', { name: 'History of versions' });
      await history.getByRole('heading', { name: /^Version 2/ }).waitFor();
      await history.getByRole('button', { name: 'What changed in version 2' }).click();
      const added = history.getByRole('region', { name: 'Added (1)' });
      await added.getByText('RSK-2').waitFor();
      expect(await history.getByText('Mid-term review: financial risks').count()).toBe(1);
      await expectAccessible(page);
      await history.evaluate((element) => element.scrollIntoView());
      await screenshotForGuide(page, 'strategy-history');

      // The action plan's history: version 2 changed the activity's title.
      await page.goto(`/plans/${PLAN}?view=history`);
      const planHistory = page.getByRole('region', { name: 'History of versions' });
      await planHistory.getByRole('button', { name: 'What changed in version 2' }).click();
      const changed = planHistory.getByRole('region', { name: /^Changed/ });
      await changed.getByText('A1.1.1').waitFor();
      const text = (await changed.textContent()) ?? '';
      expect(text).toContain('Title');
      expect(text).toContain('Train police officers');
      expect(text).toContain('Train police officers and prosecutors');
      await expectAccessible(page);
    });
  });
});

describe('the timeline', () => {
  it('draws Demoland’s action plan with a bar for each dated activity, on screen and in print', async () => {
    await withPage(async (page) => {
      await signInAsCoordinator(page);
      await page.goto('/plans/AP-2021-2022?view=timeline');
      const table = page.getByRole('table', { name: 'Timeline of Action Plan 2021-2022' });
      await table.waitFor();
      const bars = await table.locator('tr.timeline-activity .timeline-bar').count();
      const rows = await table.locator('tr.timeline-activity').count();
      expect(rows).toBeGreaterThan(20);
      expect(bars).toBe(rows);
      expect(await table.getByRole('columnheader').nth(2).textContent()).toContain('Q1 2021');
      await table.getByRole('button', { name: /^G2 / }).click();
      expect(await table.locator('tr.timeline-activity').count()).toBeLessThan(rows);
      await table.getByRole('button', { name: /^G2 / }).click();
      await expectAccessible(page);
      await page.locator('#plan-timeline').evaluate((element) => element.scrollIntoView());
      await screenshotForGuide(page, 'plan-timeline');

      // In print every bar stays inside its row's track.
      await page.emulateMedia({ media: 'print' });
      const overflowing = await table.locator('tr.timeline-activity').evaluateAll(
        (found) =>
          found.filter((row) => {
            const track = row.querySelector('.timeline-track')?.getBoundingClientRect();
            const bar = row.querySelector('.timeline-bar')?.getBoundingClientRect();
            return track === undefined || bar === undefined || bar.left < track.left - 1 || bar.right > track.right + 1;
          }).length,
      );
      expect(overflowing).toBe(0);
      await page.emulateMedia({ media: 'screen' });
    });
  });
});

describe('the registers', () => {
  it('lists, searches and adds recommendations and institutions', async () => {
    await withPage(async (page) => {
      await signInAsCoordinator(page);
      await page.goto('/strategies/NS-2021-2024/recommendations');
      const table = page.getByRole('table', { name: 'Recommendations of the strategy NS-2021-2024' });
      await table.waitFor();
      const all = await table.locator('tbody tr').count();
      expect(all).toBeGreaterThan(3);
      // Demoland's activities answer its recommendations.
      await table.locator('tbody tr').first().getByRole('link').first().waitFor();
      await page.getByLabel('Search in the text, code or reference').fill('labour');
      expect(await table.locator('tbody tr').count()).toBeLessThan(all);
      await expectAccessible(page);
      await screenshotForGuide(page, 'recommendations');

      await page.goto('/institutions');
      await page.getByRole('heading', { level: 1, name: 'Institutions' }).waitFor();
      await page.getByRole('button', { name: 'Add an institution' }).click();
      const form = page.getByRole('region', { name: 'New institution' });
      await form.getByLabel('Code').fill('CSW-LC');
      await form.getByLabel('Name').fill('Centre for Social Work Riverside');
      await form.getByLabel('Type').selectOption('social_services');
      await form.getByLabel('Level').selectOption('local');
      await form.getByLabel('Area').fill('Riverside');
      await expectAccessible(page);
      await screenshotForGuide(page, 'institutions-form');
      await form.getByRole('button', { name: 'Save' }).click();
      await page.getByText('CSW-LC has been added to the register.').waitFor();
      await page.getByLabel('Search by name or code').fill('riverside');
      await page.getByRole('table').getByText('Centre for Social Work Riverside').waitFor();
    });
  });
});
