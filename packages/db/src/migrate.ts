import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './connection.ts';

/** The folder of plain-SQL migrations, applied in file-name order, each once. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

export type Migration = { name: string; script: string };

/** Reads the migrations in order (`0001_….sql`, `0002_….sql`, …). */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({ name: file.replace(/\.sql$/, ''), script: readFileSync(`${dir}/${file}`, 'utf8') }));
}

/** A fingerprint of the whole chain, so that test templates are rebuilt when a migration is added. */
export function migrationsFingerprint(migrations: Migration[] = loadMigrations()): string {
  const hash = createHash('sha256');
  for (const migration of migrations) hash.update(migration.name).update('\0').update(migration.script);
  return hash.digest('hex').slice(0, 16);
}

/** Brings the schema up to date; returns the names of the migrations it applied. */
export async function migrate(database: Database, migrations: Migration[] = loadMigrations()): Promise<string[]> {
  return database.withMigrationLock(async () => {
    await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`.execute(database.db);
    const { rows } = await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(database.db);
    const applied = new Set(rows.map((row) => row.name));
    const known = new Set(migrations.map((migration) => migration.name));
    const unknown = [...applied].filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new Error(`The database has migrations this version of Ariadne does not know: ${unknown.join(', ')}`);
    }
    const done: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.name)) continue;
      await database.applyMigration(migration.name, migration.script);
      done.push(migration.name);
    }
    return done;
  });
}
