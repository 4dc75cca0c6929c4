import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openDatabase, readTables, type DatabaseLocation } from '@ariadne/db';
import { exportPlanPackage } from '@ariadne/server';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../bin/ariadne.js', import.meta.url));

// An office on the embedded database (the demo), backed up, restored into another embedded
// database and moved to PostgreSQL, each by the command line as a person runs it.
let dir: string;
let office: NodeJS.ProcessEnv;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ariadne-cli-backup-'));
  office = embedded('office');
  const demo = await ariadne(office, 'demo');
  expect(demo.code, demo.stderr).toBe(0);
}, 600_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function embedded(name: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ARIADNE_LANGUAGE: 'en', ARIADNE_DATA_DIR: join(dir, name) };
  delete env.DATABASE_URL;
  return env;
}

async function ariadne(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The strategies of the database, as `PARTICIPANT/STRATEGY` addresses. */
async function strategies(location: DatabaseLocation): Promise<string[]> {
  const database = await openDatabase(location);
  try {
    const rows = await database.db
      .selectFrom('strategies')
      .innerJoin('participants', 'participants.id', 'strategies.participant_id')
      .select(['participants.code as participant', 'strategies.code as strategy'])
      .orderBy('participants.code')
      .orderBy('strategies.code')
      .execute();
    return rows.map((row) => `${row.participant}/${row.strategy}`);
  } finally {
    await database.close();
  }
}

/** Every table's rows (the restore's own audit entry left out) in key order. */
async function contents(location: DatabaseLocation): Promise<Record<string, string[]>> {
  const database = await openDatabase(location);
  try {
    const out: Record<string, string[]> = {};
    await database.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL TimeZone = 'UTC'`.execute(trx);
      for (const table of await readTables(trx)) {
        const order = sql.join(table.primaryKey.map((c) => sql.ref(c)));
        const { rows } = await sql<{
          row: string;
        }>`SELECT to_jsonb(t)::text AS row FROM ${sql.table(table.name)} t ORDER BY ${order}`.execute(trx);
        out[table.name] = rows.map((r) => r.row).filter((row) => !row.includes('"database.restore"'));
      }
    });
    return out;
  } finally {
    await database.close();
  }
}

/** Each strategy's plan package as `ariadne export` makes it (in this process: there are many). */
async function exports(location: DatabaseLocation, addresses: string[]): Promise<unknown[]> {
  const database = await openDatabase(location);
  try {
    const out = [];
    for (const address of addresses) {
      const slash = address.indexOf('/');
      const participant = address.slice(0, slash);
      const strategy = address.slice(slash + 1);
      out.push(await exportPlanPackage(database, { participant, strategy }));
    }
    return out;
  } finally {
    await database.close();
  }
}

/** One strategy's plan package as `ariadne export` prints it. */
async function exported(env: NodeJS.ProcessEnv, address: string): Promise<string> {
  const result = await ariadne(env, 'export', address);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

// Each command is a process of its own that opens the database: slow on a busy machine.
const SLOW = 600_000;

describe('npx ariadne backup, restore and move-to', () => {
  it(
    'backs up and restores an office into a new database: every table and every plan package the same',
    async () => {
      const file = join(dir, 'office.backup.gz');
      const backup = await ariadne(office, 'backup', file, '--json');
      expect(backup.code, backup.stderr).toBe(0);
      const summary = JSON.parse(backup.stdout) as { file: string; tables: number; rows: number; bytes: number };
      expect(summary).toMatchObject({ file });
      expect(summary.rows).toBeGreaterThan(100);

      const copy = embedded('copy');
      const restored = await ariadne(copy, 'restore', file);
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toMatch(/^Restored .* tables, \d+ rows/);

      const from: DatabaseLocation = { kind: 'pglite', dataDir: office.ARIADNE_DATA_DIR! };
      const to: DatabaseLocation = { kind: 'pglite', dataDir: copy.ARIADNE_DATA_DIR! };
      const addresses = await strategies(from);
      expect(addresses.length).toBeGreaterThan(1);
      expect(await strategies(to)).toEqual(addresses);
      expect(await exports(to, addresses)).toEqual(await exports(from, addresses));
      expect(await exported(copy, addresses[0]!)).toBe(await exported(office, addresses[0]!));
      expect(await contents(to)).toEqual(await contents(from));

      // Again into the same database: refused, with what to do, and nothing changed.
      const again = await ariadne(copy, 'restore', file);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/^ariadne: .*office\.backup\.gz: database: The database already holds data .*--force/);
      const forced = await ariadne(copy, 'restore', file, '--force', '--json');
      expect(forced.code, forced.stderr).toBe(0);
      expect(await contents(to)).toEqual(await contents(from));
    },
    SLOW,
  );

  it(
    'says clearly what is wrong with a file that is not a backup',
    async () => {
      const missing = await ariadne(embedded('none'), 'restore', join(dir, 'nothing.gz'));
      expect(missing.code).toBe(1);
      expect(missing.stderr).toBe(`ariadne: ${join(dir, 'nothing.gz')}: The file does not exist.\n`);
      const bad = await ariadne(embedded('none'), 'move-to', 'mysql://somewhere');
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('postgres://');
    },
    SLOW,
  );

  it.skipIf(!process.env.DATABASE_URL)(
    'moves the office to PostgreSQL (needs DATABASE_URL)',
    async () => {
      const url = process.env.DATABASE_URL!;
      const name = `ariadne_move_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const target = new URL(url);
      target.pathname = `/${name}`;
      try {
        const moved = await ariadne(office, 'move-to', target.toString(), '--json');
        expect(moved.code, moved.stderr).toBe(0);
        const server: NodeJS.ProcessEnv = { ...office, DATABASE_URL: target.toString() };
        const from: DatabaseLocation = { kind: 'pglite', dataDir: office.ARIADNE_DATA_DIR! };
        const addresses = await strategies(from);
        expect(await exports({ kind: 'postgres', url: target.toString() }, addresses)).toEqual(await exports(from, addresses));
        expect(await exported(server, addresses[0]!)).toBe(await exported(office, addresses[0]!));
        expect(await contents({ kind: 'postgres', url: target.toString() })).toEqual(await contents(from));
        const twice = await ariadne(office, 'move-to', target.toString());
        expect(twice.code).toBe(1);
        expect(twice.stderr).toContain('already holds data');
      } finally {
        const dropper = new pg.Client({ connectionString: url });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await dropper.end();
      }
    },
    SLOW,
  );
});
