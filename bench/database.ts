// The database a benchmark runs on: PostgreSQL when DATABASE_URL is set (a fresh test database),
// otherwise PGlite in a temporary folder on disk, migrated.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase, type Database } from '@ariadne/db';
import { openTestDatabase } from '@ariadne/db/testing';

export type BenchDatabase = { database: Database; onPostgres: boolean; close: () => Promise<void> };

export async function openBenchDatabase(): Promise<BenchDatabase> {
  if (process.env.DATABASE_URL !== undefined) {
    const database = await openTestDatabase();
    return { database, onPostgres: true, close: () => database.close() };
  }
  const folder = mkdtempSync(join(tmpdir(), 'ariadne-bench-'));
  const database = await openDatabase({ kind: 'pglite', dataDir: folder });
  await migrate(database);
  return {
    database,
    onPostgres: false,
    close: async () => {
      await database.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
