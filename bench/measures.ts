// Measures the figures of measures.md on a national-scale plan package (500 activities, 1,500
// indicators, 2,000 cost lines, 12 monitoring rounds of 60 reports) in the embedded database on
// disk: the domain functions in process, the API endpoints through the server (in process, no
// network), and each command of the command line end to end (a new process, as a person runs it).
// Run with `npx tsx bench/measures.ts`; prints a Markdown table with the targets of the measures
// issue, then where the API's time goes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  costItems,
  donorView,
  planFinance,
  planProgress,
  regionalPicture,
  resourcePlan,
  reviewPlan,
  translator,
  type PlanPackage,
} from '@ariadne/domain';
import { generatePlanPackage, migrate, NATIONAL_SCALE, openDatabase } from '@ariadne/db';
import { buildServer, createUser, importPlanPackage, loadActionPlan, loadRegionalOutline } from '@ariadne/server';
import { median, quantile, timed } from './timing.ts';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.RUNS ?? 20);
const CLI_RUNS = Number(process.env.CLI_RUNS ?? 3);
const EMAIL = 'bench.coordinator@example.org';
const PASSWORD = 'Bench coordinator: seven oranges & a kettle';

type Row = { what: string; runs: number; first: number; median: number; p95: number; target?: number };

function summarise(what: string, times: number[], target?: number, first = times[0] ?? 0): Row {
  return { what, runs: times.length, first, median: median(times), p95: quantile(times, 0.95), target };
}

/** Times the first (cold) run, then `runs` more after a short warm-up. */
async function measure(what: string, runs: number, work: () => unknown, target?: number): Promise<Row> {
  const first = await timed(work);
  for (let i = 0; i < Math.min(3, runs); i += 1) await work(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) times.push(await timed(work));
  return summarise(what, times, target, first);
}

/** The action plan with the most activities: the heaviest for every measure. */
function largestPlan(plan: PlanPackage): string {
  const sorted = [...plan.actionPlans].sort((a, b) => b.activities.length - a.activities.length);
  const first = sorted[0];
  if (!first) throw new Error('the generated package has no action plan');
  return first.id;
}

const folder = mkdtempSync(join(tmpdir(), 'ariadne-bench-measures-'));
const dataDir = join(folder, 'data');
const rows: Row[] = [];
const notes: string[] = [];

try {
  const database = await openDatabase({ kind: 'pglite', dataDir });
  await migrate(database);
  const plan = generatePlanPackage({ seed: 1, scale: NATIONAL_SCALE, optional: 'all' });
  const participant = plan.participant.code;
  const planId = largestPlan(plan);
  const address = `${participant}/${planId}`;
  const activities = plan.actionPlans.find((p) => p.id === planId)?.activities.length ?? 0;
  const rounds = plan.monitoring?.rounds ?? [];
  // The last day of the monitoring history: every round counts, the heaviest progress to compute.
  const asOf =
    rounds
      .map((round) => round.periodEnd)
      .sort()
      .at(-1) ?? `${plan.strategy.periodEnd}-12-31`;
  const importedAt = performance.now();
  await importPlanPackage(database, { plan, actor: { system: 'bench' } });
  notes.push(
    `Package: ${address}, ${activities} activities in this plan, ${plan.actionPlans.reduce((n, p) => n + p.activities.length, 0)} in the strategy, ${rounds.length} rounds; imported in ${(performance.now() - importedAt).toFixed(0)} ms.`,
  );
  await createUser(database, { email: EMAIL, role: 'coordinator', participant, password: PASSWORD, actor: { system: 'bench' } });

  // In process: the package as the server reads it (the first read goes to the database; later
  // ones come from the plan cache while the strategy's revision is unchanged), then each measure.
  const readAt = performance.now();
  const loaded = await loadActionPlan(database, participant, planId);
  const firstRead = summarise('loadActionPlan, first read (the whole strategy package from the database)', [performance.now() - readAt]);
  const t = translator('en');
  rows.push(await measure('reviewPlan', RUNS, () => reviewPlan(loaded.plan, planId, address, t), 50));
  rows.push(await measure('planFinance', RUNS, () => planFinance(loaded.plan, planId, address), 50));
  rows.push(await measure(`planProgress (as of ${asOf})`, RUNS, () => planProgress(loaded.plan, planId, asOf, address), 50));
  rows.push(await measure('costItems', RUNS, () => costItems(loaded.plan, planId), 50));
  rows.push(await measure('resourcePlan', RUNS, () => resourcePlan(loaded.plan, planId), 50));
  rows.push(await measure('donorView', RUNS, () => donorView(loaded.plan, planId), 50));
  // The worst case a Participant could have: all 500 activities of the strategy in one action plan.
  const merged: PlanPackage = {
    ...loaded.plan,
    actionPlans: [
      {
        ...(loaded.plan.actionPlans[0] as PlanPackage['actionPlans'][number]),
        id: 'ALL',
        activities: loaded.plan.actionPlans.flatMap((p) => p.activities),
      },
    ],
  };
  rows.push(await measure('reviewPlan, 500 activities in one plan', RUNS, () => reviewPlan(merged, 'ALL', 'GL/ALL', t), 50));
  rows.push(await measure('planFinance, 500 activities in one plan', RUNS, () => planFinance(merged, 'ALL', 'GL/ALL'), 50));
  rows.push(await measure('planProgress, 500 activities in one plan', RUNS, () => planProgress(merged, 'ALL', asOf, 'GL/ALL'), 50));
  rows.push(await measure('costItems, 500 activities in one plan', RUNS, () => costItems(merged, 'ALL'), 50));
  const outline = await loadRegionalOutline(database);
  rows.push(await measure('regionalPicture', RUNS, () => regionalPicture(outline, asOf), 50));

  // Where the API's time goes: finding the package (a revision check once it is cached).
  const load = await measure('  of which loadActionPlan, package already read (the plan cache)', Math.min(RUNS, 10), () =>
    loadActionPlan(database, participant, planId),
  );

  // Through the server: sign in once, then each endpoint with the session.
  const app = await buildServer({ database, logger: false, webDir: null, rateLimitPerMinute: 1_000_000 });
  await app.ready();
  const signedIn = await app.inject({ method: 'POST', url: '/api/session', payload: { email: EMAIL, password: PASSWORD } });
  if (signedIn.statusCode !== 200) throw new Error(`sign-in failed: ${signedIn.statusCode} ${signedIn.body}`);
  const cookie = `ariadne_session=${signedIn.cookies.find((c) => c.name === 'ariadne_session')?.value ?? ''}`;
  const base = `/api/participants/${encodeURIComponent(participant)}/action-plans/${encodeURIComponent(planId)}`;
  const get = (url: string) => async () => {
    const response = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (response.statusCode !== 200) throw new Error(`GET ${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
    return response.body.length;
  };
  const apiRuns = Math.min(RUNS, 10);
  for (const [name, url] of [
    ['review', `${base}/review`],
    ['finance', `${base}/finance`],
    ['progress', `${base}/progress?asOf=${asOf}`],
    ['costs', `${base}/costs`],
  ] as const) {
    rows.push(await measure(`GET …/${name}`, apiRuns, get(url), 200));
    const size = await get(url)();
    notes.push(`GET …/${name} answers ${(size / 1024).toFixed(0)} kB of JSON.`);
  }
  rows.push(await measure('GET /api/regional', apiRuns, get(`/api/regional?asOf=${asOf}`), 200));
  rows.push(load, firstRead);
  await app.close();
  await database.close();

  // The command line, end to end: a new Node process that opens the database on disk.
  const cli = join(ROOT, 'packages/cli/bin/ariadne.js');
  // The embedded database the bench wrote, whatever the environment names.
  const env: NodeJS.ProcessEnv = { ...process.env, ARIADNE_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const bare: number[] = [];
  for (let i = 0; i < CLI_RUNS; i += 1) {
    const started = performance.now();
    spawnSync(process.execPath, [cli, '--help'], { cwd: ROOT, env, encoding: 'utf8' });
    bare.push(performance.now() - started);
  }
  rows.push(summarise('  ariadne --help (starting Node and the TypeScript sources, no database)', bare));
  for (const args of [
    ['review', address, '--json'],
    ['finance', address, '--json'],
    ['progress', address, '--as-of', asOf, '--json'],
    ['regional', '--as-of', asOf, '--json'],
  ]) {
    const times: number[] = [];
    for (let i = 0; i < CLI_RUNS; i += 1) {
      const started = performance.now();
      const run = spawnSync(process.execPath, [cli, ...args], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      times.push(performance.now() - started);
      if (run.status !== 0) throw new Error(`ariadne ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
    }
    rows.push(summarise(`ariadne ${args[0]} (end to end)`, times, 3000));
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}

const verdict = (row: Row) => (row.target === undefined ? '' : row.median <= row.target ? 'yes' : '**no**');
process.stdout.write('database: PGlite on disk\n\n');
process.stdout.write(
  '| what | runs | first (ms) | median (ms) | p95 (ms) | target (ms) | within |\n|---|---:|---:|---:|---:|---:|:---:|\n',
);
for (const row of rows) {
  process.stdout.write(
    `| ${row.what} | ${row.runs} | ${row.first.toFixed(1)} | ${row.median.toFixed(1)} | ${row.p95.toFixed(1)} | ${row.target ?? ''} | ${verdict(row)} |\n`,
  );
}
process.stdout.write(`\n${notes.map((note) => `- ${note}`).join('\n')}\n`);
