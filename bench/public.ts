// Measures the public portal on a national-scale plan (500 activities, 1,500 indicators, 60
// institutions, its monitoring history): the server time of a published action plan's page,
// signed out, with no script in it (target under 300 ms), an indicator's page with its chart drawn
// on the server, and the open data files. The first request reads the strategy into the plan cache;
// the warm runs are what readers meet afterwards. Run with `npx tsx bench/public.ts` (embedded
// database on disk), with DATABASE_URL for PostgreSQL. Prints a Markdown table.
import { generatePlanPackage, NATIONAL_SCALE } from '@ariadne/db';
import { buildServer, importPlanPackage } from '@ariadne/server';
import { openBenchDatabase, publish } from './database.ts';
import { median, quantile, timed } from './timing.ts';

const RUNS = Number(process.env.RUNS ?? 20);

type Result = { name: string; runs: number; p50: number; p95: number; max: number; bytes: number; target: string };

const bench = await openBenchDatabase();
const { database, onPostgres } = bench;

const plan = generatePlanPackage({ seed: 1, scale: NATIONAL_SCALE, optional: 'all' });
const participant = plan.participant.code;
const actionPlan = plan.actionPlans.reduce((largest, candidate) =>
  candidate.activities.length > largest.activities.length ? candidate : largest,
);
await importPlanPackage(database, { plan, actor: { system: 'bench' } });

await publish(
  database,
  participant,
  plan.strategy.id,
  (['action_plan', 'indicator_set'] as const).map((kind) => ({ kind, plan: actionPlan.id, title: actionPlan.title })),
);

const indicator =
  plan.strategy.goals
    .flatMap((goal) => goal.objectives.flatMap((objective) => objective.indicators ?? []))
    .find((candidate) => candidate.measure === 'number') ?? plan.strategy.goals[0]?.objectives[0]?.indicators?.[0];
if (!indicator) throw new Error('the generated package has no indicator');

const app = await buildServer({ database, logger: false, webDir: null, rateLimitPerMinute: 1_000_000 });
await app.ready();
const base = `/public/${participant}`;
const plans = `${base}/plans/${encodeURIComponent(actionPlan.id)}`;

async function measure(name: string, url: string, target: string, runs = RUNS): Promise<Result> {
  let bytes = 0;
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    times.push(
      await timed(async () => {
        const response = await app.inject({ method: 'GET', url });
        if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
        if (/<script/i.test(response.body) && response.headers['content-type']?.toString().startsWith('text/html')) {
          throw new Error(`${url} has a script`);
        }
        bytes = response.rawPayload.length;
      }),
    );
  }
  return { name, runs, p50: median(times), p95: quantile(times, 0.95), max: Math.max(...times), bytes, target };
}

const results: Result[] = [];
results.push(await measure('action plan page, first (plan read into the cache)', plans, '—', 1));
results.push(await measure('action plan page, warm', plans, '< 300 ms'));
results.push(await measure('action plan page, warm, Macedonian', `${plans}?lang=mk`, '< 300 ms'));
results.push(await measure('portal home', base, '< 300 ms'));
results.push(
  await measure(
    'indicator page with its chart',
    `${base}/indicators/${encodeURIComponent(indicator.id)}?plan=${encodeURIComponent(actionPlan.id)}`,
    '< 300 ms',
  ),
);
results.push(await measure('open data page', `${base}/data`, '< 300 ms'));
results.push(await measure('activities CSV', `${base}/data/${encodeURIComponent(actionPlan.id)}-activities.csv`, '—', 5));
results.push(await measure('indicator values JSON', `${base}/data/${encodeURIComponent(actionPlan.id)}-indicators.json`, '—', 3));

await app.close();
await bench.close();

const size = `${plan.actionPlans.reduce((n, p) => n + p.activities.length, 0)} activities, plan ${actionPlan.id} with ${actionPlan.activities.length}`;
console.log(`Public portal on ${onPostgres ? 'PostgreSQL' : 'PGlite'}, ${size}; server time through inject, ms\n`);
console.log('| request | runs | p50 | p95 | max | size | target |');
console.log('|---|---:|---:|---:|---:|---:|---|');
for (const result of results) {
  console.log(
    `| ${result.name} | ${result.runs} | ${result.p50.toFixed(1)} | ${result.p95.toFixed(1)} | ${result.max.toFixed(1)} | ${Math.round(result.bytes / 1024)} KiB | ${result.target} |`,
  );
}
