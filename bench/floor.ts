// The floors the benchmarks are compared with: what the same machine does with no Ariadne in the
// way. A bare Fastify route answering a small JSON (through inject, and over HTTP on loopback), and
// the rows of a national-scale plan read by one raw SQL query on the same database as the suite's
// (PGlite on disk, or PostgreSQL with DATABASE_URL). Prints a Markdown table.
import { generatePlanPackage, NATIONAL_SCALE } from '@ariadne/db';
import { importPlanPackage } from '@ariadne/server';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { openBenchDatabase } from './database.ts';
import { median, quantile, timed } from './timing.ts';

const RUNS = Number(process.env.RUNS ?? 200);
type Row = { name: string; runs: number; p50: number; p95: number };
const rows: Row[] = [];

async function measure(name: string, runs: number, work: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < Math.min(20, runs); i += 1) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) times.push(await timed(work));
  rows.push({ name, runs, p50: median(times), p95: quantile(times, 0.95) });
}

// A bare route: the least any API answer costs here.
const bare = Fastify({ logger: false });
bare.get('/bare', async () => ({ status: 'ok', items: [1, 2, 3] }));
const address = await bare.listen({ host: '127.0.0.1', port: 0 });
await measure('bare Fastify route, inject', RUNS * 5, () => bare.inject({ method: 'GET', url: '/bare' }));
await measure('bare Fastify route, HTTP on loopback', RUNS, async () => (await fetch(`${address}/bare`)).json());
await bare.close();

// One query for the rows of a national-scale plan: the least reading a plan from the database costs.
const bench = await openBenchDatabase();
try {
  const plan = generatePlanPackage({ seed: 1, scale: NATIONAL_SCALE, optional: 'all' });
  await importPlanPackage(bench.database, { plan, actor: { system: 'bench' } });
  const strategy = await bench.database.db.selectFrom('strategies').select('id').executeTakeFirstOrThrow();
  const read = () =>
    sql`SELECT
      (SELECT json_agg(a) FROM activities a WHERE a.strategy_id = ${strategy.id}) AS activities,
      (SELECT json_agg(i) FROM indicators i WHERE i.strategy_id = ${strategy.id}) AS indicators,
      (SELECT json_agg(c) FROM cost_lines c WHERE c.strategy_id = ${strategy.id}) AS costs,
      (SELECT json_agg(v) FROM indicator_values v WHERE v.strategy_id = ${strategy.id}) AS "values",
      (SELECT json_agg(r) FROM report_activities r WHERE r.strategy_id = ${strategy.id}) AS reports`.execute(bench.database.db);
  await measure(`national plan's rows in one raw SQL query (${bench.onPostgres ? 'PostgreSQL' : 'PGlite'})`, Math.max(10, RUNS / 10), read);
} finally {
  await bench.close();
}

process.stdout.write(`\nFloors on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'} (ms)\n\n`);
process.stdout.write('| floor | runs | median | p95 |\n|---|---:|---:|---:|\n');
for (const row of rows) process.stdout.write(`| ${row.name} | ${row.runs} | ${row.p50.toFixed(3)} | ${row.p95.toFixed(3)} |\n`);
