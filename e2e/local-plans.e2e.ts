import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshotForGuide, signIn } from './support/browser.ts';
import { browserForJourneys, signInAsCoordinator, waitSaved } from './support/journeys.ts';

// Local plans: the national coordinator adds Dunbrek's local plan to Demoland's strategy, marks it
// as local with the municipality as its coordinating body, links its activity to the national
// activity it implements and sees it in the national plan's progress per level and per area; the
// demo local coordinator of Velmora edits an activity of Velmora's plan but cannot edit the
// national plan.

const STRATEGY = 'NS-2021-2024';
const LOCAL_PLAN = 'LAP-DUN-2022';
const LOCAL_ACTIVITY = 'LA-DUN-1';
const NATIONAL_ACTIVITY = 'A3.3.2';

const { withPage } = browserForJourneys();

/** Sends edits to Demoland's strategy through the API with the page's session, and answers the status. */
async function edit(page: Page, edits: unknown[]): Promise<number> {
  return page.evaluate(
    async ({ strategy, edits }) => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const response = await fetch(`/api/participants/DL/strategies/${strategy}/edits`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
        body: JSON.stringify({ edits }),
      });
      return response.status;
    },
    { strategy: STRATEGY, edits },
  );
}

describe('local plans', () => {
  it('adds a local plan whose activity, linked to a national one, rolls up into the national progress', async () => {
    await withPage(async (page) => {
      await signInAsCoordinator(page);
      // The plan and its activity are written like any action plan of the strategy.
      expect(
        await edit(page, [
          {
            op: 'create',
            kind: 'action_plan',
            data: { id: LOCAL_PLAN, title: 'Local Action Plan of Dunbrek 2022', start: '2022-01-01', end: '2022-12-31' },
          },
          {
            op: 'create',
            kind: 'activity',
            parent: LOCAL_PLAN,
            data: {
              id: LOCAL_ACTIVITY,
              objective: 'O3.3',
              title: 'Reserve two social housing units for victims leaving the shelter',
              lead: 'MUN-DUN',
              level: 'local',
              start: '2022-01-01',
              end: '2022-12-31',
            },
          },
        ]),
      ).toBe(200);

      await page.goto(`/strategies/${STRATEGY}`);
      await page.getByRole('navigation').getByRole('link', { name: 'Local plans' }).click();
      await page.getByRole('heading', { level: 1, name: 'Local plans' }).waitFor();
      const glance = page.getByRole('table', { name: /^Local plans as of/ });
      await glance.getByRole('link', { name: /Velmora/ }).waitFor();

      const form = page.getByRole('region', { name: 'Mark an action plan as local' });
      await form.getByLabel('Action plan').selectOption(LOCAL_PLAN);
      await form.getByLabel('Coordinating body', { exact: false }).selectOption('MUN-DUN');
      await form.getByRole('button', { name: 'Mark as local plan' }).click();
      await form.getByText(`${LOCAL_PLAN} is now a local plan.`).waitFor();
      const row = glance.getByRole('row').filter({ hasText: LOCAL_PLAN });
      await row.waitFor();
      expect(await row.getByRole('cell').nth(0).textContent()).toBe('Municipality of Dunbrek');
      await expectAccessible(page);
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshotForGuide(page, 'local-plans-glance');

      // Its activity implements a national activity of the plan 2021–2022.
      await row.getByRole('link', { name: /Dunbrek/ }).click();
      const links = page.getByRole('region', { name: 'National activities implemented' });
      await links.getByLabel(`National activity that ${LOCAL_ACTIVITY} implements`).selectOption(NATIONAL_ACTIVITY);
      const [saved] = await Promise.all([
        page.waitForResponse(
          (response) => response.request().method() === 'PUT' && response.url().endsWith(`/activities/${LOCAL_ACTIVITY}/link`),
        ),
        links.getByRole('button', { name: 'Save the link' }).click(),
      ]);
      expect(saved.status(), await saved.text()).toBe(200);
      // The page reads the plan again: the link shows as chosen.
      await page.waitForLoadState('networkidle');
      expect(await links.getByLabel(`National activity that ${LOCAL_ACTIVITY} implements`).inputValue()).toBe(NATIONAL_ACTIVITY);
      await expectAccessible(page);
      await screenshotForGuide(page, 'local-plans-links');

      // The national plan's progress shows Dunbrek's plan in its area.
      await page.goto('/plans/AP-2021-2022?view=progress&asOf=2022-12-31');
      const rollUp = page.getByRole('region', { name: 'Progress per level and per area' });
      const areas = rollUp.getByRole('table', { name: /^Activities of the local plans per area/ });
      const dunbrek = areas.getByRole('row').filter({ hasText: `Dunbrek (${LOCAL_PLAN})` });
      await dunbrek.waitFor();
      // One activity, not reported on yet: not started.
      const cells = await dunbrek.getByRole('cell').allTextContents();
      expect(cells.slice(0, 6)).toEqual(['1', '0', '0', '0', '0', '1']);
      expect(
        await rollUp
          .getByRole('table', { name: /^Activities per level/ })
          .getByRole('rowheader')
          .allTextContents(),
      ).toContain('Local');
      await expectAccessible(page);
      await rollUp.evaluate((element) => element.scrollIntoView());
      await screenshotForGuide(page, 'local-plans-roll-up');
    });
  });

  it('lets the local coordinator edit their own plan but not the national plan', async () => {
    await withPage(async (page) => {
      await signIn(page, 'local.coordinator@demoland.example');
      await page.getByRole('heading', { name: 'Welcome, Jasmina Ristovska' }).waitFor();

      await page.goto('/plans/LAP-VEL-2022/elements/LA-VEL-2');
      await page.getByRole('heading', { level: 1, name: 'Activity LA-VEL-2' }).waitFor();
      await page.getByLabel('Title', { exact: true }).fill('Hold awareness sessions in all secondary schools of Velmora');
      await waitSaved(page);
      await expectAccessible(page);
      await screenshotForGuide(page, 'local-plans-local-coordinator');

      await page.goto('/plans/AP-2021-2022/elements/A2.1.3');
      await page.getByRole('heading', { level: 1, name: 'Activity A2.1.3' }).waitFor();
      await page.getByText('You can read this plan.', { exact: false }).waitFor();
      await expectAccessible(page);
      // Nor through the API.
      expect(await edit(page, [{ op: 'delete', kind: 'activity', code: 'A2.1.3', version: 1 }])).toBe(403);
    });
  });
});
