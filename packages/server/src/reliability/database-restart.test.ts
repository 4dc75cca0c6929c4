import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlanPackage } from '@ariadne/domain';
import { comparablePackage, generatePlanPackage, SMALL_SCALE } from '@ariadne/db';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../commands/loadDemo.ts';
import { demoEmail } from '../testing.ts';
import { freePort, signIn, startServerProcess, type ServerProcess, type Session } from './server-process.ts';

// PostgreSQL restarted while requests flow. A private PostgreSQL server of this test's own (in a
// temporary folder, on a free port), never a shared one: while it is down the server answers
// 503 DATABASE_UNAVAILABLE with a message for people, and once it is back the server answers
// again by itself; no import is left half-written.

const INITDB = '/usr/local/bin/initdb';
const PG_CTL = '/usr/local/bin/pg_ctl';
const available = existsSync(INITDB) && existsSync(PG_CTL);
if (!available) process.stderr.write(`database restart test skipped: ${INITDB} and ${PG_CTL} are needed to run a private PostgreSQL\n`);

const DEMOLAND = JSON.parse(readFileSync(new URL('../../demo/demoland.plan.json', import.meta.url), 'utf8')) as PlanPackage;
const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program, as the `postgres` user when this runs as root (PostgreSQL refuses root). */
function postgresTool(program: string, args: string[]): void {
  const [command, full] = asRoot ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
  execFileSync(command, full, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
}

let dir: string;
let dataDir: string;
let port: number;
let server: ServerProcess | undefined;

const startPostgres = (): void =>
  postgresTool(PG_CTL, [
    '-D',
    dataDir,
    '-l',
    join(dir, 'postgres.log'),
    '-w',
    '-t',
    '120',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
    'start',
  ]);
const stopPostgres = (): void => postgresTool(PG_CTL, ['-D', dataDir, '-m', 'fast', '-w', '-t', '120', 'stop']);

beforeAll(async () => {
  if (!available) return;
  dir = mkdtempSync(join(tmpdir(), 'ariadne-pg-restart-'));
  dataDir = join(dir, 'data');
  if (asRoot)
    chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
  postgresTool(INITDB, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  port = await freePort();
  startPostgres();
}, 300_000);

afterAll(async () => {
  if (!available) return;
  await server?.kill('SIGKILL');
  try {
    stopPostgres();
  } catch {
    // Already stopped.
  }
  rmSync(dir, { recursive: true, force: true });
}, 300_000);

function smallPackage(index: number): PlanPackage {
  return generatePlanPackage({ seed: 100 + index, scale: SMALL_SCALE, participant: DEMOLAND.participant, prefix: `RESTART-${index}-` });
}

/** The strategy as exported, or null when there is none with its id. */
async function stored(session: Session, plan: PlanPackage): Promise<unknown> {
  const response = await session.request('GET', `/api/participants/DL/strategies/${encodeURIComponent(plan.strategy.id)}/package`);
  if (response.status === 404) return null;
  expect(response.status).toBe(200);
  return comparablePackage(await response.json());
}

describe.skipIf(!available)('PostgreSQL restarted while requests flow', () => {
  it('answers 503 with a clear message while it is down, recovers by itself, and half-writes nothing', async () => {
    server = await startServerProcess({ ...process.env, DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres` });
    const session = await signIn(server.url, demoEmail('coordinator'), DEMO_PASSWORD);
    expect((await session.request('GET', '/api/participants/DL/strategies')).status).toBe(200);

    // Imports under way while the database stops.
    const plans = [0, 1, 2, 3, 4, 5].map(smallPackage);
    const answers = plans.map((plan) => session.request('POST', '/api/plan-packages', plan).then((r) => r.status));
    stopPostgres();
    const statuses = await Promise.all(answers);
    expect(
      statuses.every((status) => status === 201 || status === 503),
      statuses.join(', '),
    ).toBe(true);

    // Down: every request is refused the same clear way, in the reader's language.
    for (const language of ['en', 'sr-Latn']) {
      const read = await session.request('GET', '/api/participants/DL/strategies', undefined, { 'accept-language': language });
      expect(read.status).toBe(503);
      expect(read.headers.get('retry-after')).toBe('5');
      const body = (await read.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('DATABASE_UNAVAILABLE');
      expect(body.error.message).toMatch(language === 'en' ? /The database cannot be reached/ : /Baza podataka trenutno nije dostupna/);
    }
    const write = await session.request('POST', '/api/plan-packages', smallPackage(9));
    expect(write.status).toBe(503);
    expect(((await write.json()) as { error: { code: string } }).error.code).toBe('DATABASE_UNAVAILABLE');
    expect(server.child.exitCode).toBeNull();

    // Back: the server answers again without being restarted (bounded wait for PostgreSQL itself).
    startPostgres();
    let status = 0;
    for (let attempt = 0; attempt < 60 && status !== 200; attempt += 1) {
      status = (await session.request('GET', '/api/participants/DL/strategies')).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(status).toBe(200);

    // Each import is whole or absent; one answered 201 is there.
    for (const [index, plan] of plans.entries()) {
      const found = await stored(session, plan);
      if (statuses[index] === 201) expect(found).not.toBeNull();
      if (found !== null) expect(found).toEqual(comparablePackage(plan));
    }
    expect(await stored(session, smallPackage(9))).toBeNull();
    // And new writes go through.
    const after = await session.request('POST', '/api/plan-packages', smallPackage(9));
    expect(after.status).toBe(201);
    process.stderr.write(`imports while PostgreSQL stopped: ${statuses.join(', ')}\n`);
    await server.kill('SIGTERM');
  }, 900_000);
});
