// Measures opening the plan tree of a national-scale action plan in the browser: 6 goals, 30
// objectives, 500 activities, 1,500 indicators, 2,000 cost lines and 12 monitoring rounds of 60
// reports. The real server runs on a fresh embedded database holding the generated package; Debian's
// Chromium signs in as the Participant's coordinator and opens the action plan page, several times.
// Prints the time from navigation to the first paint of the tree's rows and every API request's
// duration. Run `npm run build` first, then `npx tsx bench/plan-tree.ts`.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generatePlanPackage, migrate, NATIONAL_SCALE, openDatabase } from '@ariadne/db';
import { checkPlanPackageText, createUser, importPlanPackage } from '@ariadne/server';
import type { Request } from 'playwright-core';
import { launchBrowser } from '../e2e/support/chromium.ts';
import { freePort, waitForHealth } from '../e2e/support/server.ts';
import { median } from './timing.ts';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.RUNS ?? 5);
const PASSWORD = 'national scale coordination passphrase';
const EMAIL = 'coordinator@generatia.example';

const folder = mkdtempSync(join(tmpdir(), 'ariadne-bench-tree-'));
const dataDir = join(folder, 'data');
const plan = generatePlanPackage({ seed: 1, scale: NATIONAL_SCALE, optional: 'all' });
const actionPlan = plan.actionPlans[0];
if (!actionPlan) throw new Error('the generated package has no action plan');
const firstActivity = actionPlan.activities[0]?.id ?? '';

// Prepare the database outside the server, as an administrator would with the command line.
const database = await openDatabase({ kind: 'pglite', dataDir });
try {
  await migrate(database);
  await importPlanPackage(database, { plan: checkPlanPackageText(JSON.stringify(plan)), actor: { system: 'bench' } });
  await createUser(database, {
    participant: plan.participant.code,
    email: EMAIL,
    role: 'coordinator',
    password: PASSWORD,
    actor: { system: 'bench' },
  });
} finally {
  await database.close();
}

const port = await freePort();
const env: NodeJS.ProcessEnv = { ...process.env, ARIADNE_DATA_DIR: dataDir, LOG_LEVEL: 'warn', PORT: String(port) };
delete env.DATABASE_URL;
const server = spawn(process.execPath, [join(ROOT, 'packages/cli/bin/ariadne.js'), 'serve'], { cwd: ROOT, env, stdio: 'inherit' });
const baseURL = `http://127.0.0.1:${port}`;

type Run = { paint: number; requests: { url: string; ms: number }[] };
const runs: Run[] = [];

try {
  await waitForHealth(baseURL, server, () => 'see the output above');

  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto('/signin');
    await page.locator('input[type="email"]').fill(EMAIL);
    await page.locator('input[type="password"]').fill(PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname === '/');

    for (let run = 0; run < RUNS; run += 1) {
      const requests: Run['requests'] = [];
      const listener = (request: Request) => {
        if (!new URL(request.url()).pathname.startsWith('/api/')) return;
        const timing = request.timing();
        requests.push({ url: new URL(request.url()).pathname + new URL(request.url()).search, ms: timing.responseEnd });
      };
      page.on('requestfinished', listener);
      const started = Date.now();
      await page.goto(`/plans/${encodeURIComponent(actionPlan.id)}?view=plan`);
      await page.getByText(firstActivity, { exact: true }).first().waitFor({ state: 'visible', timeout: 30_000 });
      const paint = Date.now() - started;
      // Let the requests still running (other sections of the page) finish before the next run.
      await page.waitForLoadState('networkidle');
      page.off('requestfinished', listener);
      runs.push({ paint, requests });
    }
  } finally {
    await browser.close();
  }
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(folder, { recursive: true, force: true });
}

process.stdout.write(
  `plan ${plan.participant.code}/${actionPlan.id}: ${actionPlan.activities.length} activities; ${RUNS} openings of the plan tree (the first after the server started)\n\n`,
);
process.stdout.write('| measure | first (ms) | median (ms) | target |\n|---|---:|---:|---|\n');
const paints = runs.map((run) => run.paint);
process.stdout.write(`| navigation to the tree's first rows | ${paints[0] ?? 0} | ${median(paints).toFixed(0)} | < 1000 |\n`);
const byPath = new Map<string, number[]>();
for (const run of runs) {
  for (const request of run.requests) {
    const key = request.url.replace(/\?.*$/, '');
    byPath.set(key, [...(byPath.get(key) ?? []), request.ms]);
  }
}
for (const [path, times] of byPath) {
  process.stdout.write(`| GET ${path} | ${(times[0] ?? 0).toFixed(0)} | ${median(times).toFixed(0)} | < 300 |\n`);
}
