// Measures the main pages opening in the browser on a national-scale plan (500 activities, 1,500
// indicators, 60 institutions, its monitoring history, a round of 2025 opened with its reports):
// the real server on a fresh database (a new one on the PostgreSQL server of DATABASE_URL, else the
// embedded one), Debian's Chromium signed in as the coordinator, as the focal point of the
// institution with the most activities in the round, and signed out. Each page is opened RUNS times
// (the first after the server started); the time runs from navigation to the moment the page shows
// its figures (a value read from the server, not a loading state). Beside it, the slowest API
// request of each opening. Run `npm run build` first, then `npx tsx bench/pages.ts`. Prints a
// Markdown table.
import { resolve } from 'node:path';
import { generatePlanPackage, migrate, NATIONAL_SCALE, openDatabase } from '@ariadne/db';
import { checkPlanPackageText, createUser, importPlanPackage } from '@ariadne/server';
import type { Browser, Locator, Page, Request } from 'playwright-core';
import { launchBrowser } from '../e2e/support/chromium.ts';
import { startServerProcess, stopServerProcess } from '../e2e/support/server.ts';
import { benchServerDatabase, publish } from './database.ts';
import { median, quantile } from './timing.ts';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.RUNS ?? 5);
const PASSWORD = 'national scale pages passphrase';
const COORDINATOR = 'coordinator@generatia.example';
const ROUND = { id: '2025-P1', periodStart: '2025-07-01', periodEnd: '2025-12-31', deadline: '2026-01-09' };

const plan = generatePlanPackage({ seed: 1, scale: NATIONAL_SCALE, optional: 'all' });
const participant = plan.participant.code;
const actionPlan = plan.actionPlans.find((candidate) => candidate.status === 'adopted' && candidate.end >= '2025-12-31');
if (!actionPlan) throw new Error('the generated package has no adopted action plan running to 2025');
// The round of the focal point's form is opened here; the generated history's rounds of 2025 are left out.
if (plan.monitoring) plan.monitoring.rounds = plan.monitoring.rounds.filter((round) => !round.periodStart.startsWith('2025'));

const activities = actionPlan.activities;
const inRound = activities.filter(
  (activity) => (activity.start ?? actionPlan.start) <= ROUND.periodEnd && (activity.end ?? actionPlan.end) >= ROUND.periodStart,
);
const load = new Map<string, number>();
for (const activity of inRound) {
  for (const institution of [activity.lead, ...(activity.partners ?? [])]) {
    if (institution) load.set(institution, (load.get(institution) ?? 0) + 1);
  }
}
const busiest = [...load.entries()].sort((a, b) => b[1] - a[1])[0];
if (!busiest) throw new Error('no institution reports in the round');
const [institution, institutionActivities] = busiest;
const indicatorOwner = activities.find((activity) => (activity.indicators ?? []).length > 0);
const indicator = indicatorOwner?.indicators?.[0]?.id;
const activity = activities[0]?.id;
if (!indicator || !activity) throw new Error('the action plan has no activity with an indicator');
const focalPoint = (index: number) => `focal${index + 1}@generatia.example`;
const focalIndex = plan.institutions.findIndex((candidate) => candidate.id === institution);

// Prepare the database outside the server, as an administrator would with the command line.
const place = await benchServerDatabase();
const database = await openDatabase(place.location);
try {
  await migrate(database);
  await importPlanPackage(database, { plan: checkPlanPackageText(JSON.stringify(plan)), actor: { system: 'bench' } });
  await createUser(database, { participant, email: COORDINATOR, role: 'coordinator', password: PASSWORD, actor: { system: 'bench' } });
  await createUser(database, {
    participant,
    email: focalPoint(focalIndex),
    role: 'focal_point',
    institution,
    password: PASSWORD,
    actor: { system: 'bench' },
  });
  await publish(database, participant, plan.strategy.id, [
    { kind: 'strategy', plan: null, title: plan.strategy.title },
    { kind: 'action_plan', plan: actionPlan.id, title: actionPlan.title },
    { kind: 'indicator_set', plan: actionPlan.id, title: actionPlan.title },
  ]);
} finally {
  await database.close();
}

type Opening = { ms: number; slowestRequest: number };
type Measured = { name: string; openings: Opening[]; target: string };
const measured: Measured[] = [];

const server = await startServerProcess(ROOT, { ...place.env, ARIADNE_REQUESTS_PER_MINUTE: '100000' });
const planPage = `/plans/${encodeURIComponent(actionPlan.id)}`;
const planApi = `/api/participants/${participant}/action-plans/${encodeURIComponent(actionPlan.id)}`;

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto('/signin');
  await page.locator('input[type="email"]').fill(email);
  await page.locator('input[type="password"]').fill(PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === '/');
  return page;
}

/** Opens a page RUNS times, each time until `ready` is visible, with its slowest API request. */
async function measure(page: Page, name: string, path: string, ready: (page: Page) => Locator, target = '—'): Promise<void> {
  const openings: Opening[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const requests: number[] = [];
    const listener = (request: Request) => {
      if (new URL(request.url()).pathname.startsWith('/api/')) requests.push(request.timing().responseEnd);
    };
    page.on('requestfinished', listener);
    const started = Date.now();
    await page.goto(path);
    await ready(page).first().waitFor({ state: 'visible', timeout: 60_000 });
    const ms = Date.now() - started;
    await page.waitForLoadState('networkidle');
    page.off('requestfinished', listener);
    openings.push({ ms, slowestRequest: Math.max(0, ...requests) });
  }
  measured.push({ name, openings, target });
}

try {
  const browser = await launchBrowser();
  try {
    const coordinator = await signedIn(browser, COORDINATOR);
    const session = (await (await coordinator.request.get('/api/session')).json()) as { csrfToken: string };
    const opened = await coordinator.request.post(`${planApi}/rounds`, {
      headers: { 'x-csrf-token': session.csrfToken },
      data: { rounds: [ROUND] },
    });
    if (opened.status() !== 201) throw new Error(`opening the round: ${opened.status()} ${await opened.text()}`);

    await measure(coordinator, 'home', '/', (page) => page.getByTestId('institution-count'));
    await measure(coordinator, 'plan tree', `${planPage}?view=plan`, (page) => page.getByText(activity, { exact: true }), '< 1000');
    await measure(coordinator, 'progress overview', `${planPage}?view=progress&asOf=2025-12-31`, (page) =>
      page.getByTestId('implementation-rate'),
    );
    await measure(coordinator, 'financial plan', `${planPage}?view=finance`, (page) => page.getByTestId('finance-total'));
    await measure(coordinator, 'plan review', `${planPage}?view=review`, (page) => page.getByTestId('review-warnings'));
    await measure(coordinator, `who has reported (round ${ROUND.id})`, `${planPage}/rounds/${ROUND.id}`, (page) =>
      page.getByRole('table', { name: `Institutions reporting in round ${ROUND.id}` }).locator('tbody tr'),
    );
    await measure(coordinator, `indicator ${indicator}`, `${planPage}/indicators/${encodeURIComponent(indicator)}`, (page) =>
      page.getByTestId('indicator-target'),
    );
    await measure(coordinator, `activity ${activity}`, `${planPage}/activities/${encodeURIComponent(activity)}`, (page) =>
      page.getByTestId('activity-planned'),
    );

    const focal = await signedIn(browser, focalPoint(focalIndex));
    await measure(
      focal,
      `a focal point's report form (${institutionActivities} activities)`,
      `${planPage}/rounds/${ROUND.id}/reports/${encodeURIComponent(institution)}`,
      (page) => page.getByRole('button', { name: 'Submit the report' }),
      '< 1000',
    );

    const visitor = await (await browser.newContext({ baseURL: server.url, locale: 'en-GB' })).newPage();
    await measure(
      visitor,
      'public action plan page, signed out',
      `/public/${participant}/plans/${encodeURIComponent(actionPlan.id)}`,
      (page) => page.locator('h1'),
    );
    await measure(visitor, 'public regional picture, signed out', '/public/region', (page) => page.locator('h1'));
  } finally {
    await browser.close();
  }
} finally {
  await stopServerProcess(server);
  await place.remove();
}

process.stdout.write(
  `${place.location.kind === 'postgres' ? 'PostgreSQL' : 'PGlite'}; plan ${participant}/${actionPlan.id}: ${activities.length} activities; round ${ROUND.id}; each page opened ${RUNS} times (the first after the server started), until its figures show\n\n`,
);
process.stdout.write(
  '| page | first (ms) | median (ms) | p95 (ms) | slowest API request, median (ms) | target |\n|---|---:|---:|---:|---:|---|\n',
);
for (const { name, openings, target } of measured) {
  const times = openings.map((opening) => opening.ms);
  const slowest = openings.map((opening) => opening.slowestRequest);
  process.stdout.write(
    `| ${name} | ${times[0] ?? 0} | ${median(times).toFixed(0)} | ${quantile(times, 0.95).toFixed(0)} | ${median(slowest).toFixed(0)} | ${target} |\n`,
  );
}
