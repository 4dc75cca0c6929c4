// Measures the regional picture at regional scale: six Participants, each with three cycles of
// national-scale strategies (starting 2014, 2018 and 2022; each 500 activities, 1,500 indicators,
// monitoring history) whose strategies, action plans and indicators are all published, so that the
// page chooses each Participant's strategy of record among three and compares every indicator the six share. Server
// time of the public page signed out (target under 500 ms) and of the page comparing one shared indicator.
// The first request reads the six strategies into the plan cache; the warm runs are what readers
// meet afterwards. Run with `npx tsx bench/regional.ts` (embedded database on disk), with
// DATABASE_URL for PostgreSQL. Prints a Markdown table.
import { generatePlanPackage, NATIONAL_SCALE } from '@ariadne/db';
import { buildServer, importPlanPackage } from '@ariadne/server';
import { openBenchDatabase, publish } from './database.ts';
import { median, quantile, timed } from './timing.ts';

const RUNS = Number(process.env.RUNS ?? 20);
const PARTICIPANTS = [
  { code: 'AL', name: 'Albania', currency: 'ALL' },
  { code: 'BA', name: 'Bosnia and Herzegovina', currency: 'BAM' },
  { code: 'XK', name: 'Kosovo*', currency: 'EUR' },
  { code: 'ME', name: 'Montenegro', currency: 'EUR' },
  { code: 'MK', name: 'North Macedonia', currency: 'MKD' },
  { code: 'RS', name: 'Serbia', currency: 'RSD' },
];

type Result = { name: string; runs: number; p50: number; p95: number; max: number; bytes: number; target: string };

const bench = await openBenchDatabase();
const { database, onPostgres } = bench;

const CYCLES = [2014, 2018, 2022];
const started = performance.now();
for (const [index, participant] of PARTICIPANTS.entries()) {
  for (const [cycle, periodStart] of CYCLES.entries()) {
    const plan = generatePlanPackage({
      seed: index * CYCLES.length + cycle + 1,
      scale: NATIONAL_SCALE,
      optional: 'all',
      participant,
      prefix: `C${cycle + 1}-`,
      periodStart,
    });
    await importPlanPackage(database, { plan, actor: { system: 'bench' } });
    await publish(database, participant.code, plan.strategy.id, [
      { kind: 'strategy', plan: null, title: plan.strategy.title },
      ...plan.actionPlans.flatMap((actionPlan) => [
        { kind: 'action_plan' as const, plan: actionPlan.id, title: actionPlan.id },
        { kind: 'indicator_set' as const, plan: actionPlan.id, title: actionPlan.id },
      ]),
    ]);
  }
}
const loaded = (performance.now() - started) / 1000;

const app = await buildServer({ database, logger: false, webDir: null, rateLimitPerMinute: 1_000_000 });
await app.ready();

async function measure(name: string, url: string, target: string, runs = RUNS): Promise<Result> {
  let bytes = 0;
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    times.push(
      await timed(async () => {
        const response = await app.inject({ method: 'GET', url });
        if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
        if (/<script/i.test(response.body)) throw new Error(`${url} has a script`);
        bytes = response.rawPayload.length;
      }),
    );
  }
  return { name, runs, p50: median(times), p95: quantile(times, 0.95), max: Math.max(...times), bytes, target };
}

const results: Result[] = [];
results.push(await measure('regional page, first (the strategies read into the cache)', '/public/region?asOf=2022-06-30', '—', 1));
results.push(await measure('regional page, warm', '/public/region?asOf=2022-06-30', '< 500 ms'));
results.push(await measure('regional page, warm, Serbian (Cyrillic)', '/public/region?asOf=2022-06-30&lang=sr-Cyrl', '< 500 ms'));
results.push(await measure('list of public portals', '/public', '< 300 ms'));
// The shared indicators are listed on the page, each compared on a page of its own: the first is the most shared.
const page = await app.inject({ method: 'GET', url: '/public/region?asOf=2022-06-30' });
const links = [...page.body.matchAll(/href="(\/public\/region\/indicator\?[^"]+)"/g)].map((match) =>
  (match[1] ?? '').replace(/&amp;/g, '&'),
);
const shared = links.length;
const first = links[0];
if (first) results.push(await measure('the most shared indicator compared, chart drawn on the server', first, '< 500 ms'));

await app.close();
await bench.close();

console.log(
  `Regional picture on ${onPostgres ? 'PostgreSQL' : 'PGlite'}: ${PARTICIPANTS.length} Participants × ${CYCLES.length} cycles at national scale, everything published ` +
    `(loaded in ${loaded.toFixed(0)} s), ${shared} shared indicators compared; server time through inject, ms\n`,
);
console.log('| request | runs | p50 | p95 | max | size | target |');
console.log('|---|---:|---:|---:|---:|---:|---|');
for (const result of results) {
  console.log(
    `| ${result.name} | ${result.runs} | ${result.p50.toFixed(1)} | ${result.p95.toFixed(1)} | ${result.max.toFixed(1)} | ${Math.round(result.bytes / 1024)} KiB | ${result.target} |`,
  );
}
