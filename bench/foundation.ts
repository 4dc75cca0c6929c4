// Measures the foundation's hot paths on the embedded database, in process (no network):
// sign-in (argon2id), resolving a session on every request, and the list endpoints.
// Run with `npm run bench`; prints a table of median and 95th-percentile times.
import { openTestDatabase } from '@ariadne/db/testing';
import { buildServer, DEMO_PASSWORD, loadDemo } from '@ariadne/server';
import { quantile, timed } from './timing.ts';

type Result = { name: string; runs: number; p50: number; p95: number };

async function measure(name: string, runs: number, work: () => Promise<unknown>): Promise<Result> {
  for (let i = 0; i < Math.min(20, runs); i += 1) await work(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) times.push(await timed(work));
  return { name, runs, p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

const openedAt = performance.now();
const database = await openTestDatabase();
const openMs = performance.now() - openedAt;
await loadDemo(database);
const app = await buildServer({ database, logger: false, webDir: null, rateLimitPerMinute: 1_000_000 });
await app.ready();

// Each sign-in from its own (documentation-range) address, so the per-address limit does not apply.
let attempt = 0;
const signIn = () =>
  app.inject({
    method: 'POST',
    url: '/api/session',
    remoteAddress: `198.51.100.${(attempt += 1) % 250}`,
    payload: { email: 'coordinator@demoland.example', password: DEMO_PASSWORD },
  });
const first = await signIn();
const cookie = `ariadne_session=${first.cookies.find((c) => c.name === 'ariadne_session')?.value ?? ''}`;
const get = (url: string) => () => app.inject({ method: 'GET', url, headers: { cookie } });

const results = [
  await measure('POST /api/session (sign-in, argon2id)', 50, signIn),
  await measure('GET /api/session', 1000, get('/api/session')),
  await measure('GET /api/participants/DL', 1000, get('/api/participants/DL')),
  await measure('GET /api/participants/DL/institutions', 1000, get('/api/participants/DL/institutions')),
  await measure('GET /api/participants/DL/users', 1000, get('/api/participants/DL/users')),
  await measure('GET /api/participants/DL/audit?limit=50', 1000, get('/api/participants/DL/audit?limit=50')),
];

await app.close();
await database.close();

process.stdout.write(
  `database: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}; opening a migrated test database: ${openMs.toFixed(0)} ms\n\n`,
);
process.stdout.write('| request | runs | median (ms) | p95 (ms) |\n|---|---:|---:|---:|\n');
for (const result of results) {
  process.stdout.write(`| ${result.name} | ${result.runs} | ${result.p50.toFixed(2)} | ${result.p95.toFixed(2)} |\n`);
}
