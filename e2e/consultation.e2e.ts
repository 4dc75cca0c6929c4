import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshotForGuide, signIn } from './support/browser.ts';
import { browserForJourneys, signInAsCoordinator } from './support/journeys.ts';

// A consultation on a draft action plan: the coordinator opens it to the Police Directorate (whose
// focal point then comments) and to the demo observer personally; each comments, the focal point
// replies in the observer's thread; the coordinator accepts one comment with the change it led to
// and does not accept the other, with a reason; closes the consultation, downloads the resolution
// log and publishes it, and it reads signed out on the portal. The strategy and plan are the
// journey's own, so that no other journey's plans change.

const STRATEGY = 'NS-CONS-2040';
const PLAN = 'AP-CONS-2040';
const PLAN_TITLE = 'Action Plan 2040–2041 (consultation draft)';
const API = `/api/participants/DL/strategies/${STRATEGY}`;
const POLICE = /^General Police Directorate/;
const OBSERVER_COMMENT = 'Add the labour inspectorate as a partner of the training.';
const REPLY = 'The police agree: joint training works better.';
const FOCAL_COMMENT = 'The plan should double the budget of every activity.';
const REASON = 'The budget ceiling for 2040 is fixed by the Ministry of Finance.';
const ACTIVITY_LABEL = 'Activity A1.1.1 – Train labour inspectors and police together';

const { withPage } = browserForJourneys();

async function apiPost(page: Page, path: string, data: unknown): Promise<number> {
  const session = (await (await page.request.get('/api/session')).json()) as { csrfToken: string };
  const response = await page.request.post(path, { data, headers: { 'X-CSRF-Token': session.csrfToken } });
  return response.status();
}

function inFuture(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function openConsultationPage(page: Page, path: string, title: string): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

describe('a consultation on a draft action plan', () => {
  it('collects comments from the invited, resolves them and publishes the log', async () => {
    const title = 'Consultation on the 2040–2041 action plan';
    // The coordinator sets up a draft and opens the consultation.
    const consultationPath = await withPage(async (page) => {
      await signInAsCoordinator(page);
      expect(
        await apiPost(page, '/api/participants/DL/strategies', {
          id: STRATEGY,
          title: 'National Strategy 2040–2043 (consultation test)',
          periodStart: 2040,
          periodEnd: 2043,
        }),
      ).toBe(201);
      expect(
        await apiPost(page, `${API}/edits`, {
          edits: [
            { op: 'create', kind: 'goal', data: { id: 'G1', area: 'protection', title: 'Every victim is identified and assisted' } },
            { op: 'create', kind: 'objective', parent: 'G1', data: { id: 'O1.1', title: 'Train first responders' } },
            { op: 'create', kind: 'action_plan', data: { id: PLAN, title: PLAN_TITLE, start: '2040-01-01', end: '2041-12-31' } },
            {
              op: 'create',
              kind: 'activity',
              parent: PLAN,
              data: {
                id: 'A1.1.1',
                objective: 'O1.1',
                title: 'Train labour inspectors and police together',
                lead: 'POL',
                start: '2040-03-01',
                end: '2041-06-30',
              },
            },
          ],
        }),
      ).toBe(200);

      await page.goto(`/strategies/${STRATEGY}`);
      await page.getByRole('link', { name: 'Consultations' }).click();
      await page.getByRole('heading', { level: 1, name: 'Consultations on the drafts' }).waitFor();
      await page.getByLabel('Document').selectOption(PLAN);
      await page.getByLabel('Name of the consultation').fill(title);
      await page.getByLabel('Closing date').fill(inFuture(21));
      await page.getByRole('checkbox', { name: POLICE }).check();
      await page.getByRole('checkbox', { name: 'Elena Stojanovska (Observer)' }).check();
      await expectAccessible(page);
      await page.getByRole('region', { name: 'Open a consultation' }).evaluate((element) => element.scrollIntoView());
      await screenshotForGuide(page, 'consultation-open');
      await page.getByRole('button', { name: 'Open the consultation' }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByText('Open', { exact: true }).first().waitFor();
      await expectAccessible(page);
      const path = new URL(page.url()).pathname;
      // Opening it put the draft in consultation.
      const plans = (await (await page.request.get(`${API}/consultations`)).json()) as {
        documents: { document: string; status: string }[];
      };
      expect(plans.documents.find((document) => document.document === PLAN)?.status).toBe('consultation');
      return path;
    });

    // The observer, invited personally, comments on the activity.
    await withPage(async (page) => {
      await signIn(page, 'observer@demoland.example');
      await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
      await openConsultationPage(page, consultationPath, title);
      await page.getByRole('button', { name: `Comment on ${ACTIVITY_LABEL}` }).click();
      await page.getByLabel(`Your comment on ${ACTIVITY_LABEL}`).fill(OBSERVER_COMMENT);
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByRole('region', { name: 'My comments' }).getByText(OBSERVER_COMMENT).waitFor();
      await expectAccessible(page);
    });

    // The focal point, whose institution is invited, replies in that thread and comments on the costs.
    await withPage(async (page) => {
      await signIn(page, 'focal.point@demoland.example');
      await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
      await openConsultationPage(page, consultationPath, title);
      await page.getByRole('button', { name: 'Reply' }).click();
      await page.getByLabel('Your reply to Elena Stojanovska').fill(REPLY);
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByRole('list', { name: 'Replies to Elena Stojanovska' }).getByText(REPLY).waitFor();
      const costs = `Costs of ${ACTIVITY_LABEL}`;
      await page.getByRole('button', { name: `Comment on ${costs}` }).click();
      await page.getByLabel(`Your comment on ${costs}`).fill(FOCAL_COMMENT);
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByRole('region', { name: 'My comments' }).getByText(FOCAL_COMMENT).waitFor();
      await expectAccessible(page);
      await page
        .getByRole('list', { name: 'Replies to Elena Stojanovska' })
        .evaluate((element) => element.scrollIntoView({ block: 'center' }));
      await screenshotForGuide(page, 'consultation-comments');
    });

    // The coordinator resolves both, closes the consultation and publishes the log.
    await withPage(async (page) => {
      await signInAsCoordinator(page);
      await openConsultationPage(page, consultationPath, title);
      const observerThread = page.getByRole('article', { name: 'Comment by Elena Stojanovska' });
      await observerThread.getByRole('button', { name: 'Resolve' }).click();
      await observerThread.getByLabel('Decision').selectOption('accepted');
      await observerThread.getByLabel(/^Reason/).fill('The inspectorate joins the training as a partner.');
      await observerThread.getByLabel('Element changed').selectOption('A1.1.1');
      await observerThread.getByRole('button', { name: 'Save the resolution' }).click();
      await observerThread.getByText('A1.1.1 Train labour inspectors and police together changed').waitFor();

      const focalThread = page.getByRole('article', { name: 'Comment by Dragan Petrović' });
      await focalThread.getByRole('button', { name: 'Resolve' }).click();
      await focalThread.getByLabel('Decision').selectOption('not_accepted');
      await focalThread.getByRole('button', { name: 'Save the resolution' }).click();
      // A comment not accepted needs its reason.
      await focalThread.getByText('This field is required.').waitFor();
      await focalThread.getByLabel(/^Reason/).fill(REASON);
      await focalThread.getByRole('button', { name: 'Save the resolution' }).click();
      await focalThread.getByText(REASON).waitFor();
      await page.getByText('Accepted: 1 · Partly accepted: 0 · Not accepted: 1 · Not yet decided: 0').waitFor();
      await expectAccessible(page);
      await observerThread.evaluate((element) => element.scrollIntoView({ block: 'start' }));
      await screenshotForGuide(page, 'consultation-resolve');

      await page.getByRole('button', { name: 'Close the consultation' }).click();
      await page.getByRole('button', { name: 'Close now' }).click();
      await page.getByText('This consultation is closed: its comments are frozen.').waitFor();

      const link = page.getByRole('link', { name: 'Download the resolution log (Word)' });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toMatch(/\.docx$/);
      const zip = await JSZip.loadAsync(readFileSync(await download.path()));
      const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
      for (const text of [OBSERVER_COMMENT, REPLY, FOCAL_COMMENT, REASON, 'Not accepted']) expect(xml).toContain(text);

      await page.getByRole('button', { name: 'Publish the log on the portal' }).click();
      await page.getByRole('link', { name: 'Read it on the portal' }).waitFor();
      await expectAccessible(page);
      // The consultation list shows it closed.
      await page.goto(`/strategies/${STRATEGY}/consultations`);
      const row = page.getByRole('row').filter({ hasText: title });
      await row.getByText('Closed').waitFor();
      await expectAccessible(page);
    });

    // The focal point sees the status of their comment; the consultation no longer takes comments.
    await withPage(async (page) => {
      await signIn(page, 'focal.point@demoland.example');
      await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
      await openConsultationPage(page, consultationPath, title);
      const mine = page.getByRole('region', { name: 'My comments' });
      const row = mine.getByRole('row').filter({ hasText: FOCAL_COMMENT });
      await row.getByText('Not accepted').waitFor();
      expect(await row.textContent()).toContain(REASON);
      expect(await page.getByRole('button', { name: /^Comment on/ }).count()).toBe(0);
      await expectAccessible(page);
      await mine.evaluate((element) => element.scrollIntoView());
      await screenshotForGuide(page, 'consultation-my-comments');
    });

    // Anyone reads the log on the portal, signed out, in any language.
    await withPage(async (page) => {
      const id = consultationPath.split('/').pop() ?? '';
      await page.goto(`/public/DL/consultations/${id}?lang=en`);
      await page.getByRole('heading', { level: 1, name: `Consultation report: ${title}` }).waitFor();
      await page.getByText(OBSERVER_COMMENT).waitFor();
      await page.getByText(REASON).waitFor();
      await expectAccessible(page);
      await screenshotForGuide(page, 'consultation-portal');
      await page.goto(`/public/DL/consultations/${id}?lang=sq`);
      await page.getByRole('heading', { level: 1, name: `Raporti i konsultimit: ${title}` }).waitFor();
      await expectAccessible(page);
    });
  }, 180_000);
});
