// The load test of docs/DEPLOY.md: simulated people against two Ariadne servers on one PostgreSQL
// behind nginx, on a national-scale plan (60 institutions, 500 activities, 1,500 indicators). Focal
// points open their report, save it as they type and submit it once; coordinators read the
// dashboards (progress, finance, review, the board of who has reported). For LOAD_SECONDS (300 by
// default) with LOAD_USERS people (200 by default, 60 of them focal points); every answer is timed
// and counted, and the run fails if any answer is a server error or a report is lost.
// Run with `npx tsx bench/load.ts` (PostgreSQL at DATABASE_URL or 127.0.0.1:5432, nginx installed);
// `npm run bench` runs it as part of the suite. Prints a Markdown table; BENCH_JSON=file writes JSON.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generatePlanPackage, migrate, NATIONAL_SCALE, openDatabase } from '@ariadne/db';
import { buildServer, createUser, importPlanPackage } from '@ariadne/server';
import pg from 'pg';
import { nginxAvailable, startBalancer } from '../e2e/support/balancer.ts';
import { startServerProcess, stopServerProcess } from '../e2e/support/server.ts';
import { filled, type FormAnswer } from './report-content.ts';
import { median, quantile } from './timing.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SECONDS = Number(process.env.LOAD_SECONDS ?? 300);
const USERS = Number(process.env.LOAD_USERS ?? 200);
const PASSWORD = 'a long benchmark passphrase';
const POSTGRES = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

if (!nginxAvailable()) throw new Error('nginx is not installed (apt-get install nginx-light)');

const plan = generatePlanPackage({ seed: 1, scale: NATIONAL_SCALE, optional: 'all' });
const participant = plan.participant.code;
const actionPlan = plan.actionPlans.find((candidate) => candidate.status === 'adopted' && candidate.end >= '2025-12-31');
if (!actionPlan) throw new Error('the generated package has no adopted action plan running to 2025');
if (plan.monitoring) plan.monitoring.rounds = plan.monitoring.rounds.filter((round) => !round.periodStart.startsWith('2025'));
const planPath = `/api/participants/${participant}/action-plans/${encodeURIComponent(actionPlan.id)}`;
const ROUND = { id: '2025-L', periodStart: '2025-07-01', periodEnd: '2025-12-31', deadline: '2026-01-09' };

const name = `ariadne_load_${process.pid}_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: POSTGRES });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(POSTGRES);
url.pathname = `/${name}`;
const databaseUrl = url.toString();
const work = mkdtempSync(join(tmpdir(), 'ariadne-load-'));

type Sample = { operation: string; ms: number; status: number };
const samples: Sample[] = [];

try {
  // The plan, a round opened with its draft reports, and the people, written before the servers start.
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl });
  await migrate(database);
  await importPlanPackage(database, { plan, actor: { system: 'bench' } });
  await createUser(database, {
    participant,
    email: 'coordinator@load.example',
    role: 'coordinator',
    password: PASSWORD,
    actor: { system: 'bench' },
  });
  const setup = await buildServer({ database, logger: false, webDir: null, rateLimitPerMinute: 1_000_000 });
  const signInHere = async (email: string) => {
    const response = await setup.inject({ method: 'POST', url: '/api/session', payload: { email, password: PASSWORD } });
    return {
      cookie: `ariadne_session=${response.cookies.find((c) => c.name === 'ariadne_session')?.value ?? ''}`,
      csrf: (response.json() as { csrfToken: string }).csrfToken,
    };
  };
  const coordinatorHere = await signInHere('coordinator@load.example');
  const opened = await setup.inject({
    method: 'POST',
    url: `${planPath}/rounds`,
    headers: { cookie: coordinatorHere.cookie, 'x-csrf-token': coordinatorHere.csrf },
    payload: { rounds: [ROUND] },
  });
  if (opened.statusCode !== 201) throw new Error(`opening the round: ${opened.statusCode} ${opened.body}`);
  const board = (
    await setup.inject({ method: 'GET', url: `${planPath}/rounds/${ROUND.id}/board`, headers: { cookie: coordinatorHere.cookie } })
  ).json() as { institutions: { institution: string }[] };
  const institutions = board.institutions.map((entry) => entry.institution);
  const focalPoints = Math.min(institutions.length, USERS);
  const people: { email: string; institution: string | null }[] = [];
  for (let index = 0; index < USERS; index += 1) {
    const institution = index < focalPoints ? (institutions[index] ?? null) : null;
    const email = institution ? `focal${index + 1}@load.example` : `reader${index + 1}@load.example`;
    await createUser(database, {
      participant,
      email,
      role: institution ? 'focal_point' : 'coordinator',
      ...(institution ? { institution } : {}),
      password: PASSWORD,
      actor: { system: 'bench' },
    });
    people.push({ email, institution });
  }
  await setup.close();
  await database.close();

  // Every simulated person comes from the loopback address: the per-address limits are raised.
  const env = { DATABASE_URL: databaseUrl, ARIADNE_SIGN_INS_PER_MINUTE: '100000', ARIADNE_REQUESTS_PER_MINUTE: '1000000' };
  const servers = [await startServerProcess(ROOT, env), await startServerProcess(ROOT, env)];
  const balancer = await startBalancer(
    work,
    servers.map((server) => server.port),
  );
  try {
    const call = async (
      operation: string,
      session: { cookie: string; csrf: string } | null,
      method: string,
      path: string,
      body?: unknown,
    ) => {
      const started = performance.now();
      let status = 0;
      try {
        const response = await fetch(`${balancer.url}${path}`, {
          method,
          headers: {
            ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        status = response.status;
        const text = await response.text();
        const answer = text === '' ? null : (JSON.parse(text) as unknown);
        return { status, answer, setCookie: response.headers.get('set-cookie') };
      } finally {
        samples.push({ operation, ms: performance.now() - started, status });
      }
    };
    const signIn = async (email: string) => {
      const { status, answer, setCookie } = await call('sign in', null, 'POST', '/api/session', { email, password: PASSWORD });
      if (status !== 200) throw new Error(`sign-in of ${email}: ${status}`);
      return { cookie: (setCookie ?? '').split(';')[0] ?? '', csrf: (answer as { csrfToken: string }).csrfToken };
    };
    const pause = (low: number, high: number) => new Promise((r) => setTimeout(r, low + Math.random() * (high - low)));
    const end = Date.now() + SECONDS * 1000;
    let submitted = 0;

    const focalPoint = async (email: string, institution: string) => {
      await pause(0, 5000);
      const session = await signIn(email);
      const reportPath = `${planPath}/rounds/${ROUND.id}/reports/${institution}`;
      // Submits at a moment of its own in the last third of the run, as at a deadline.
      const submitAt = end - (Math.random() * (SECONDS * 1000)) / 3;
      let done = false;
      while (Date.now() < end) {
        const form = await call('open the report form', session, 'GET', `${reportPath}/form`);
        const answer = form.answer as FormAnswer;
        if (!done && form.status === 200) {
          const { content, confirmedFlags } = filled(answer);
          if (Date.now() >= submitAt) {
            const sent = await call('submit a report', session, 'POST', `${reportPath}/submit`, {
              version: answer.version,
              content,
              confirmedFlags,
            });
            if (sent.status === 200) {
              done = true;
              submitted += 1;
            }
          } else {
            await call('save a report as one types', session, 'PUT', `${reportPath}/content`, { version: answer.version, content });
          }
        }
        await pause(2000, 6000);
      }
    };
    const reader = async (email: string) => {
      await pause(0, 5000);
      const session = await signIn(email);
      const pages = [
        ['progress', `${planPath}/progress`],
        ['finance', `${planPath}/finance`],
        ['review', `${planPath}/review`],
        ['who has reported', `${planPath}/rounds/${ROUND.id}/board`],
      ] as const;
      while (Date.now() < end) {
        const [operation, path] = pages[Math.floor(Math.random() * pages.length)] ?? pages[0];
        await call(`read the ${operation}`, session, 'GET', path);
        await pause(2000, 6000);
      }
    };
    const started = performance.now();
    await Promise.all(people.map((person) => (person.institution ? focalPoint(person.email, person.institution) : reader(person.email))));
    const wall = (performance.now() - started) / 1000;

    // What each server holds in memory at the end (its own metrics, read on loopback).
    const residentMegabytes: number[] = [];
    for (const server of servers) {
      const metrics = await (await fetch(`${server.url}/api/metrics`)).text();
      const line = metrics.split('\n').find((entry) => entry.startsWith('process_resident_memory_bytes '));
      if (line) residentMegabytes.push(Number(line.split(' ')[1]) / 2 ** 20);
    }

    // Every submission stored once: one submitted report per focal point who got 200.
    const check = new pg.Client({ connectionString: databaseUrl });
    await check.connect();
    const stored = await check.query<{ n: string }>(
      "SELECT count(*) AS n FROM monitoring_reports r JOIN monitoring_rounds o ON o.id = r.round_id WHERE o.code = $1 AND r.status = 'submitted'",
      [ROUND.id],
    );
    await check.end();

    const operations = [...new Set(samples.map((sample) => sample.operation))];
    const rows = operations.map((operation) => {
      const mine = samples.filter((sample) => sample.operation === operation);
      const times = mine.map((sample) => sample.ms);
      return {
        operation,
        requests: mine.length,
        p50: median(times),
        p95: quantile(times, 0.95),
        max: Math.max(...times),
        errors: mine.filter((sample) => sample.status === 0 || sample.status >= 500).length,
      };
    });
    const errors = samples.filter((sample) => sample.status === 0 || sample.status >= 500).length;
    const all = samples.map((sample) => sample.ms);
    const summary = {
      users: USERS,
      focalPoints,
      seconds: SECONDS,
      requests: samples.length,
      throughput: samples.length / wall,
      p50: median(all),
      p95: quantile(all, 0.95),
      errors,
      submitted,
      storedSubmitted: Number(stored.rows[0]?.n ?? 0),
      residentMegabytes,
      rows,
    };
    console.log(
      `\nLoad: ${USERS} people (${focalPoints} focal points, ${USERS - focalPoints} coordinators reading) for ${SECONDS} s, two servers behind nginx on PostgreSQL\n`,
    );
    console.log('| operation | requests | median ms | p95 ms | slowest ms | errors |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const row of rows) {
      console.log(
        `| ${row.operation} | ${row.requests} | ${row.p50.toFixed(0)} | ${row.p95.toFixed(0)} | ${row.max.toFixed(0)} | ${row.errors} |`,
      );
    }
    console.log(
      `\n${summary.requests} requests in ${wall.toFixed(0)} s: ${summary.throughput.toFixed(1)} a second, median ${summary.p50.toFixed(0)} ms, p95 ${summary.p95.toFixed(0)} ms, ${errors} server errors; ${submitted} reports submitted, ${summary.storedSubmitted} stored as submitted; servers' resident memory at the end ${residentMegabytes.map((mb) => `${mb.toFixed(0)} MB`).join(' and ')}.`,
    );
    if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(summary, null, 2));
    if (errors > 0 || summary.storedSubmitted !== submitted) process.exitCode = 1;
  } finally {
    await balancer.stop();
    await Promise.all(servers.map(stopServerProcess));
  }
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  rmSync(work, { recursive: true, force: true });
}
