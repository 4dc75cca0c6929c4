import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from './support/browser.ts';
import { nginxAvailable, startBalancer, type Balancer } from './support/balancer.ts';
import { startServerProcess, stopServerProcess, type ServerProcess } from './support/server.ts';

// Two Ariadne servers on one PostgreSQL behind Debian's nginx on loopback, as docs/DEPLOY.md sets
// them up. Coordinators read the dashboards and add people while one server is killed (SIGKILL) in
// the middle of it: the other keeps serving, every write acknowledged is in the database once, and
// a write cut off by the kill, sent again, happens once.

const ROOT = resolve(import.meta.dirname, '..');
const POSTGRES = process.env.ARIADNE_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const WRITERS = 4;
const WRITES_EACH = 12;
const READERS = 4;

const work = mkdtempSync(join(tmpdir(), 'ariadne-two-servers-'));
const databaseName = `ariadne_two_${process.pid}_${randomBytes(4).toString('hex')}`;
const databaseUrl = (() => {
  const url = new URL(POSTGRES);
  url.pathname = `/${databaseName}`;
  return url.toString();
})();
let servers: ServerProcess[] = [];
let nginx: Balancer | null = null;
let balancer = '';

/** A signed-in coordinator talking to the balancer: its cookie and CSRF token. */
class Coordinator {
  private cookie = '';
  private csrf = '';

  async signIn(): Promise<void> {
    const response = await fetch(`${balancer}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'coordinator@demoland.example', password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(200);
    this.cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    this.csrf = ((await response.json()) as { csrfToken: string }).csrfToken;
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${balancer}${path}`, {
      method,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(response.status).toBeLessThan(300);
    return (await response.json()) as T;
  }

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; server: string }> {
    try {
      const response = await fetch(`${balancer}${path}`, {
        method,
        headers: {
          cookie: this.cookie,
          'x-csrf-token': this.csrf,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      await response.arrayBuffer();
      return { status: response.status, server: response.headers.get('x-request-id') ?? '' };
    } catch {
      return { status: 0, server: '' };
    }
  }
}

const canRun = nginxAvailable();

/** The server that has answered additions of people: the one the balancer sends Demoland to. */
async function serverWriting(candidates: ServerProcess[]): Promise<ServerProcess> {
  for (const server of candidates) {
    const metrics = await (await fetch(`${server.url}/api/metrics`)).text();
    const line = metrics
      .split('\n')
      .find(
        (entry) =>
          entry.startsWith('ariadne_http_request_duration_seconds_count{') &&
          entry.includes('method="POST"') &&
          entry.includes('route="/api/participants/:participant/users"'),
      );
    if (line && Number(line.split(' ').pop()) > 0) return server;
  }
  throw new Error('no server has added people');
}

beforeAll(async () => {
  if (!canRun) return;
  const admin = new pg.Client({ connectionString: POSTGRES });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${databaseName}`);
  await admin.end();
  // The first server migrates and loads the demo; the second finds both done.
  // Every simulated person comes from the loopback address: the per-address limits are raised.
  const env = { DATABASE_URL: databaseUrl, ARIADNE_SIGN_INS_PER_MINUTE: '1000', ARIADNE_REQUESTS_PER_MINUTE: '100000' };
  servers = [await startServerProcess(ROOT, env, ['--demo'])];
  servers.push(await startServerProcess(ROOT, env, ['--demo']));
  nginx = await startBalancer(
    work,
    servers.map((server) => server.port),
  );
  balancer = nginx.url;
}, 240_000);

afterAll(async () => {
  await nginx?.stop();
  await Promise.all(servers.map(stopServerProcess));
  if (canRun) {
    const admin = new pg.Client({ connectionString: POSTGRES });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await admin.end();
  }
  rmSync(work, { recursive: true, force: true });
}, 60_000);

describe.skipIf(!canRun)('two servers behind nginx on one PostgreSQL', () => {
  it('keeps serving and loses no write when one server is killed under load', async () => {
    const readers = await Promise.all(
      Array.from({ length: READERS }, async () => {
        const coordinator = new Coordinator();
        await coordinator.signIn();
        return coordinator;
      }),
    );
    const writers = await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        const coordinator = new Coordinator();
        await coordinator.signIn();
        return coordinator;
      }),
    );

    const acknowledged = new Set<string>();
    const attempts = new Map<string, number>();
    let killedAt = 0;
    let done = false;
    const readsAfterKill: number[] = [];
    const readsBeforeKill: number[] = [];
    const dashboards = [
      '/api/participants/DL/action-plans/AP-2021-2022/progress',
      '/api/participants/DL/action-plans/AP-2021-2022/finance',
      '/api/participants/DL/action-plans/AP-2021-2022/review',
      '/api/participants/DL/users',
    ];

    const reading = readers.map(async (reader, index) => {
      let turn = index;
      while (!done) {
        const { status } = await reader.request('GET', dashboards[turn % dashboards.length] ?? '');
        (killedAt > 0 ? readsAfterKill : readsBeforeKill).push(status);
        turn += 1;
      }
    });

    const writing = writers.map(async (writer, index) => {
      for (let n = 0; n < WRITES_EACH; n += 1) {
        const email = `load.${index}.${n}@demoland.example`;
        // A write cut off by the kill is sent again until an answer says what happened to it.
        for (;;) {
          attempts.set(email, (attempts.get(email) ?? 0) + 1);
          const { status } = await writer.request('POST', '/api/participants/DL/users', {
            email,
            displayName: `Load ${index}.${n}`,
            role: 'observer',
          });
          if (status === 201) {
            acknowledged.add(email);
            break;
          }
          // Already there: the first attempt was applied before its answer was lost.
          if (status === 409) break;
          expect([0, 502, 503, 504]).toContain(status);
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    });

    // Kill the server the balancer sends Demoland to, once a third of the writes are in.
    let victim: ServerProcess | undefined;
    const killer = (async () => {
      while (acknowledged.size < (WRITERS * WRITES_EACH) / 3) await new Promise((r) => setTimeout(r, 20));
      victim = await serverWriting(servers);
      victim.process.kill('SIGKILL');
      killedAt = Date.now();
    })();

    await Promise.all([...writing, killer]);
    // Keep reading for a while on the survivor.
    await new Promise((r) => setTimeout(r, 1500));
    done = true;
    await Promise.all(reading);

    expect(killedAt).toBeGreaterThan(0);
    const killed = victim;
    if (!killed) throw new Error('no server was killed');
    expect(killed.process.signalCode ?? (await new Promise((r) => killed.process.once('exit', (_c, signal) => r(signal))))).toBe('SIGKILL');
    const survivorServer = servers.find((server) => server !== killed);

    // Every person added is there exactly once, with one audit entry each.
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const people = await client.query<{ email: string }>("SELECT email FROM users WHERE email LIKE 'load.%' ORDER BY email");
      const expected = [...attempts.keys()].sort();
      expect(people.rows.map((row) => row.email)).toEqual(expected);
      for (const email of acknowledged) expect(expected).toContain(email);
      const audits = await client.query<{ n: string }>(
        "SELECT count(*) AS n FROM audit_entries WHERE action = 'user.create' AND after::text LIKE '%load.%'",
      );
      expect(Number(audits.rows[0]?.n)).toBe(WRITERS * WRITES_EACH);
    } finally {
      await client.end();
    }

    // Reads went on: the balancer sent them to the survivor, none answered with a server error.
    expect(readsBeforeKill.length).toBeGreaterThan(0);
    expect(readsAfterKill.length).toBeGreaterThan(0);
    expect([...readsBeforeKill, ...readsAfterKill].filter((status) => status !== 200)).toEqual([]);

    // The survivor answers on its own, and through the balancer.
    const survivor = await fetch(`${survivorServer?.url}/api/ready`);
    expect(survivor.status).toBe(200);
    const through = await readers[0]?.request('GET', '/api/participants/DL/action-plans/AP-2021-2022/progress');
    expect(through?.status).toBe(200);
  }, 240_000);

  it('makes a document asked of either server through the job queue in PostgreSQL', async () => {
    const coordinator = new Coordinator();
    await coordinator.signIn();
    const started = await coordinator.json<{ id: number }>('POST', '/api/participants/DL/documents', {
      kind: 'plan_review',
      plan: 'AP-2021-2022',
      language: 'en',
      format: 'docx',
    });
    const deadline = Date.now() + 90_000;
    let status = 'queued';
    while (Date.now() < deadline && (status === 'queued' || status === 'running')) {
      await new Promise((r) => setTimeout(r, 500));
      const { runs } = await coordinator.json<{ runs: { id: number; status: string }[] }>('GET', '/api/participants/DL/documents');
      status = runs.find((run) => run.id === started.id)?.status ?? 'missing';
    }
    expect(status).toBe('done');
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const jobs = await client.query<{ state: string }>("SELECT state FROM pgboss.job WHERE name = 'document-run'");
      expect(jobs.rows.map((row) => row.state)).toEqual(['completed']);
    } finally {
      await client.end();
    }
  }, 120_000);
});
