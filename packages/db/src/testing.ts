import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from './connection.ts';
import { migrate, migrationsFingerprint } from './migrate.ts';

/**
 * A fresh, migrated database for one test file: on PostgreSQL when `DATABASE_URL` is set (a new
 * database on that server, dropped on close), otherwise an in-memory PGlite loaded from a migrated
 * template that is built once per migration chain and kept in the temporary folder.
 */
export async function openTestDatabase(options: { migrated?: boolean } = {}): Promise<Database> {
  const migrated = options.migrated ?? true;
  const url = process.env.DATABASE_URL;
  if (url) return openPostgresTestDatabase(url, migrated);
  if (!migrated) return openDatabase({ kind: 'pglite', dataDir: null });
  return openDatabase({ kind: 'pglite', dataDir: null, loadDataDir: await pgliteTemplate() });
}

async function pgliteTemplate(): Promise<Blob> {
  const dir = join(tmpdir(), 'ariadne-test-templates');
  const file = join(dir, `pglite-${migrationsFingerprint()}.tar.gz`);
  if (!existsSync(file)) {
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    try {
      await migrate(database);
      const dump = Buffer.from(await (await database.dump()).arrayBuffer());
      mkdirSync(dir, { recursive: true });
      // Two test workers may build it at once: write aside, then rename into place.
      const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
      writeFileSync(partial, dump);
      renameSync(partial, file);
    } finally {
      await database.close();
    }
  }
  return new Blob([readFileSync(file)]);
}

/**
 * A new, empty database on the PostgreSQL server of `url` (named after `prefix`, the process and a
 * random part): its address, and how to drop it.
 */
export async function createPostgresDatabase(url: string, prefix = 'ariadne_test'): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return { url: target.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function openPostgresTestDatabase(url: string, migrated: boolean): Promise<Database> {
  const created = await createPostgresDatabase(url);
  const database = await openDatabase({ kind: 'postgres', url: created.url });
  if (migrated) await migrate(database);
  return {
    ...database,
    async close() {
      await database.close();
      await created.drop();
    },
  };
}
