// Measures editing a national-scale plan through the API, in process (no network): the outline
// of the plan tree, one element, a single activity update end to end (validation against the
// whole package and its monitoring history, the write, the audit entry), a batch of new
// activities as the Excel import sends them, and the outline read again after another process
// wrote to the strategy. Run with `npx tsx bench/editing.ts` (embedded database on disk), and with
// DATABASE_URL for PostgreSQL. Prints a Markdown table of median and 95th-percentile times.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePlanPackage, migrate, NATIONAL_SCALE, openDatabase, type Database } from '@ariadne/db';
import { openTestDatabase } from '@ariadne/db/testing';
import { buildServer, createUser, importPlanPackage } from '@ariadne/server';
import { quantile, timed } from './timing.ts';

type Result = { name: string; runs: number; p50: number; p95: number; target?: string };

function summary(name: string, times: number[], target?: string): Result {
  return { name, runs: times.length, p50: quantile(times, 0.5), p95: quantile(times, 0.95), ...(target ? { target } : {}) };
}

const onPostgres = process.env.DATABASE_URL !== undefined;
let folder: string | null = null;
let database: Database;
if (onPostgres) {
  database = await openTestDatabase();
} else {
  folder = mkdtempSync(join(tmpdir(), 'ariadne-bench-'));
  database = await openDatabase({ kind: 'pglite', dataDir: folder });
  await migrate(database);
}

const plan = generatePlanPackage({ seed: 1, scale: NATIONAL_SCALE, optional: 'all' });
// A draft, so that it can be edited.
plan.strategy.status = 'draft';
for (const actionPlan of plan.actionPlans) actionPlan.status = 'draft';
const participant = plan.participant.code;
const strategy = plan.strategy.id;
const base = `/api/participants/${participant}/strategies/${encodeURIComponent(strategy)}`;

const results: Result[] = [];
try {
  await importPlanPackage(database, { plan, actor: { system: 'bench' } });
  const password = 'a long benchmark passphrase';
  await createUser(database, { participant, email: 'editor@bench.example', role: 'editor', password, actor: { system: 'bench' } });
  const app = await buildServer({ database, logger: false, webDir: null, rateLimitPerMinute: 1_000_000 });
  await app.ready();
  const signIn = await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'editor@bench.example', password } });
  const cookie = `ariadne_session=${signIn.cookies.find((c) => c.name === 'ariadne_session')?.value ?? ''}`;
  const csrf = (signIn.json() as { csrfToken: string }).csrfToken;
  const headers = { cookie, 'x-csrf-token': csrf };
  const request = async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const response = await app.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body.slice(0, 500)}`);
    return response;
  };
  const outline = () => request('GET', `${base}/outline`);

  results.push(summary('GET …/outline, first (reads the whole package)', [await timed(outline)]));
  const warm: number[] = [];
  for (let i = 0; i < 50; i += 1) warm.push(await timed(outline));
  results.push(summary('GET …/outline', warm, '< 300 ms'));
  const size = (await outline()).body.length;

  const activity = plan.actionPlans[1]!.activities[7]!;
  const element: number[] = [];
  for (let i = 0; i < 50; i += 1) element.push(await timed(() => request('GET', `${base}/elements/${encodeURIComponent(activity.id)}`)));
  results.push(summary('GET …/elements/:code (an activity)', element));

  // One activity's title changed again and again, each time with the version it got back.
  const { indicators: _indicators, ...data } = activity;
  let version = 1;
  const updates: number[] = [];
  for (let i = 0; i < 30; i += 1) {
    updates.push(
      await timed(async () => {
        const response = await request('POST', `${base}/edits`, {
          edits: [{ op: 'update', kind: 'activity', code: activity.id, version, data: { ...data, title: `${activity.title} (${i})` } }],
        });
        version = (response.json() as { results: { version: number }[] }).results[0]!.version;
      }),
    );
  }
  results.push(summary('POST …/edits: one activity updated', updates));
  const after: number[] = [];
  for (let i = 0; i < 20; i += 1) after.push(await timed(outline));
  results.push(summary('GET …/outline after edits (held state kept current)', after, '< 300 ms'));

  const objective = plan.strategy.goals[0]!.objectives[0]!.id;
  const batch = Array.from({ length: 100 }, (_, i) => ({
    op: 'create',
    kind: 'activity',
    parent: plan.actionPlans[2]!.id,
    data: {
      id: `BENCH-${i}`,
      objective,
      title: `Imported activity ${i}`,
      lead: plan.institutions[i % plan.institutions.length]!.id,
      costs: [{ year: plan.strategy.periodStart, amount: 1000 + i, source: 'state_budget', status: 'secured' }],
    },
  }));
  results.push(
    summary('POST …/edits: 100 new activities in one transaction', [await timed(() => request('POST', `${base}/edits`, { edits: batch }))]),
  );

  // Another process writes to the strategy: the next outline reads the package again.
  await database.db
    .updateTable('goals')
    .set({ title: 'Changed by another process' })
    .where('code', '=', plan.strategy.goals[0]!.id)
    .execute();
  results.push(summary('GET …/outline after a write by another process', [await timed(outline)]));

  await app.close();
  process.stdout.write(
    `database: ${onPostgres ? 'PostgreSQL' : 'PGlite (on disk)'}; package: ${plan.actionPlans.reduce((n, p) => n + p.activities.length, 0)} activities, ` +
      `${plan.monitoring?.rounds.length ?? 0} monitoring rounds; outline: ${(size / 1024).toFixed(0)} KB of JSON\n\n`,
  );
} finally {
  await database.close();
  if (folder !== null) rmSync(folder, { recursive: true, force: true });
}

process.stdout.write('| request | runs | median (ms) | p95 (ms) | target |\n|---|---:|---:|---:|---|\n');
for (const result of results) {
  process.stdout.write(
    `| ${result.name} | ${result.runs} | ${result.p50.toFixed(1)} | ${result.p95.toFixed(1)} | ${result.target ?? ''} |\n`,
  );
}
