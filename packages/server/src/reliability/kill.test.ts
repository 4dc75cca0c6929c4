import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlanPackage } from '@ariadne/domain';
import { comparablePackage, generatePlanPackage, NATIONAL_SCALE, openDatabase } from '@ariadne/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../commands/loadDemo.ts';
import { demoEmail } from '../testing.ts';
import { createPostgresDatabase, signIn, startServerProcess, type ServerProcess, type Session } from './server-process.ts';

// The server process killed (SIGKILL: no shutdown, no cleanup) while a plan import is being
// written, then started again on the same data: the import is there whole, or not at all.
// On PostgreSQL when DATABASE_URL is set, otherwise on the embedded database in a folder.

const DEMOLAND = JSON.parse(readFileSync(new URL('../../demo/demoland.plan.json', import.meta.url), 'utf8')) as PlanPackage;

let env: NodeJS.ProcessEnv;
let cleanup: () => Promise<void>;
let server: ServerProcess | undefined;

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    const database = await createPostgresDatabase(process.env.DATABASE_URL, 'ariadne_kill');
    env = { ...process.env, DATABASE_URL: database.url };
    cleanup = database.drop;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'ariadne-kill-'));
    env = { ...process.env, ARIADNE_DATA_DIR: join(dir, 'data') };
    delete env.DATABASE_URL;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
afterAll(async () => {
  await server?.kill('SIGKILL');
  await cleanup?.();
}, 120_000);

/** A large package for Demoland, with codes of its own. */
function largePackage(seed: number, prefix: string): PlanPackage {
  return generatePlanPackage({ seed, scale: NATIONAL_SCALE, participant: DEMOLAND.participant, prefix });
}

async function signInCoordinator(): Promise<Session> {
  return signIn(server!.url, demoEmail('coordinator'), DEMO_PASSWORD);
}

/** Whether the strategy is there, and if so its package as exported. */
async function stored(session: Session, plan: PlanPackage): Promise<PlanPackage | null> {
  const participant = plan.participant.code;
  const list = await session.request('GET', `/api/participants/${participant}/strategies`);
  expect(list.status).toBe(200);
  const { items } = (await list.json()) as { items: { id: string; actionPlans: { id: string }[] }[] };
  const strategy = items.find((item) => item.id === plan.strategy.id);
  const planIds = new Set(plan.actionPlans.map((p) => p.id));
  if (!strategy) {
    // Nothing of it: not even one of its action plans under another strategy.
    expect(items.flatMap((item) => item.actionPlans.map((p) => p.id)).filter((id) => planIds.has(id))).toEqual([]);
    return null;
  }
  const exported = await session.request(
    'GET',
    `/api/participants/${participant}/strategies/${encodeURIComponent(plan.strategy.id)}/package`,
  );
  expect(exported.status).toBe(200);
  return (await exported.json()) as PlanPackage;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (at most `ms`) until a transaction of the database is writing rows and has not committed. */
async function waitForWritingTransaction(url: string, ms: number): Promise<boolean> {
  const database = await openDatabase({ kind: 'postgres', url });
  try {
    const until = performance.now() + ms;
    while (performance.now() < until) {
      const { rows } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL
          AND state = 'active' AND query ILIKE 'insert into%'`.execute(database.db);
      if (rows[0]!.n > 0) return true;
      await delay(10);
    }
    return false;
  } finally {
    await database.close();
  }
}

describe('a server killed in the middle of a write', () => {
  it('leaves a plan import whole or not at all, and starts again on the same data', async () => {
    server = await startServerProcess(env);
    let session = await signInCoordinator();
    // How long one import of this size takes here, to kill the next ones part-way through.
    const first = largePackage(1, 'RELIABILITY-A-');
    const started = performance.now();
    const response = await session.request('POST', '/api/plan-packages', first);
    expect(response.status, await response.clone().text()).toBe(201);
    const took = performance.now() - started;

    const outcomes: string[] = [];
    for (const [index, fraction] of [0.4, 0.75].entries()) {
      const plan = largePackage(10 + index, `RELIABILITY-K${index}-`);
      const sent = session.request('POST', '/api/plan-packages', plan).then(
        (r) => r.status,
        () => 'cut off',
      );
      // On PostgreSQL: killed once the import's transaction is seen writing. Elsewhere: part-way
      // through the time an import takes.
      const writing = env.DATABASE_URL ? await waitForWritingTransaction(env.DATABASE_URL, took * 3) : false;
      if (!writing) await delay(took * fraction);
      await server.kill('SIGKILL');
      const answer = await sent;
      server = await startServerProcess(env);
      session = await signInCoordinator();
      const found = await stored(session, plan);
      if (found) expect(comparablePackage(found)).toEqual(comparablePackage(plan));
      // An answer of 201 means it was written; a cut-off request may or may not have committed.
      if (answer === 201) expect(found).not.toBeNull();
      // Killed while its transaction was still open: it never committed.
      if (writing) expect(found).toBeNull();
      outcomes.push(`${writing ? 'killed while writing' : `killed at ${fraction} of an import`}, ${answer}: ${found ? 'all' : 'none'}`);
      // Started again, it takes the same import whole.
    }
    const retried = largePackage(10, 'RELIABILITY-K0-');
    const again = await session.request('POST', '/api/plan-packages?replace=true', retried);
    expect(again.status).toBe(201);
    expect(comparablePackage(await stored(session, retried))).toEqual(comparablePackage(retried));
    // What happened each time, for whoever reads the test's output.
    process.stderr.write(`killed imports: ${outcomes.join('; ')}\n`);
    await server.kill('SIGTERM');
  }, 900_000);

  it('leaves a report submission whole or not at all', async () => {
    const PLAN = '/api/participants/DL/action-plans/AP-2021-2022';
    const REPORT = `${PLAN}/rounds/2022-H2/reports/POL`;
    server = await startServerProcess(env);
    const coordinator = await signInCoordinator();
    const opened = await coordinator.request('POST', `${PLAN}/rounds`, {
      rounds: [{ id: '2022-H2', periodStart: '2022-07-01', periodEnd: '2022-12-31', deadline: '2023-01-09' }],
    });
    expect(opened.status).toBe(201);
    let focalPoint = await signIn(server.url, demoEmail('focal_point'), DEMO_PASSWORD);
    const content = {
      activities: [
        { activity: 'A5.2.3', status: 'ongoing', narrative: 'Interview room furnished.' },
        { activity: 'A4.1.3', status: 'ongoing' },
      ],
      indicatorValues: [{ indicator: 'A1.3.2-I1', value: 9 }],
    };
    const form = (await (await focalPoint.request('GET', `${REPORT}/form`)).json()) as { version: number };
    const saved = await focalPoint.request('PUT', `${REPORT}/content`, { version: form.version, content });
    expect(saved.status).toBe(200);
    const { version, flags } = (await saved.json()) as { version: number; flags: { key: string }[] };

    // Killed as soon as the server has taken the submission in.
    const arrived = server.waitForOutput(/"url":"[^"]*reports\/POL\/submit"/);
    const sent = focalPoint.request('POST', `${REPORT}/submit`, { version, content, confirmedFlags: flags.map((flag) => flag.key) }).then(
      (r) => r.status,
      () => 'cut off',
    );
    await arrived;
    await server.kill('SIGKILL');
    const answer = await sent;

    server = await startServerProcess(env);
    focalPoint = await signIn(server.url, demoEmail('focal_point'), DEMO_PASSWORD);
    const response = await focalPoint.request('GET', REPORT);
    expect(response.status).toBe(200);
    const report = (await response.json()) as { status: string; version: number; submittedOn: string | null };
    if (report.status === 'submitted') {
      expect(report.submittedOn).not.toBeNull();
      expect(report.version).toBeGreaterThan(version);
    } else {
      // None of it: the report is the draft it was, and can be submitted now.
      expect(answer).not.toBe(200);
      expect(report).toMatchObject({ status: 'draft', version, submittedOn: null });
      const retried = await focalPoint.request('POST', `${REPORT}/submit`, {
        version,
        content,
        confirmedFlags: flags.map((flag) => flag.key),
      });
      expect(retried.status).toBe(200);
    }
    process.stderr.write(`killed submission: ${answer}: ${report.status}\n`);
    await server.kill('SIGTERM');
  }, 900_000);
});
