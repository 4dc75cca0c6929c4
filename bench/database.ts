// The database a benchmark runs on: PostgreSQL when DATABASE_URL is set (a fresh test database),
// otherwise PGlite in a temporary folder on disk, migrated.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insertPublication, migrate, openDatabase, type Database, type DatabaseLocation, type PublicationKind } from '@ariadne/db';
import { createPostgresDatabase, openTestDatabase } from '@ariadne/db/testing';

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

/** A document to publish: the strategy itself (`plan` null), or one of its action plans or indicator sets. */
export type Published = { kind: PublicationKind; plan: string | null; title: string };

/** Publishes documents of a strategy as a coordinator does from the Publishing page. */
export async function publish(database: Database, participant: string, strategy: string, items: readonly Published[]): Promise<void> {
  const keys = await database.db
    .selectFrom('strategies')
    .innerJoin('participants', 'participants.id', 'strategies.participant_id')
    .select(['participants.id as participant', 'strategies.id as strategy'])
    .where('participants.code', '=', participant)
    .where('strategies.code', '=', strategy)
    .executeTakeFirstOrThrow();
  for (const item of items) {
    await insertPublication(database.db, keys.participant, { ...item, strategyId: keys.strategy, documentRunId: null, publishedBy: null });
  }
}

/**
 * A fresh, empty database for a benchmark that runs Ariadne's server as its own process: a new
 * database on the PostgreSQL server of DATABASE_URL, otherwise PGlite in a temporary folder. Gives
 * where it is, the environment that points the server at it, and how to remove it.
 */
export async function benchServerDatabase(): Promise<{ location: DatabaseLocation; env: NodeJS.ProcessEnv; remove: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const created = await createPostgresDatabase(url, 'ariadne_bench');
    return { location: { kind: 'postgres', url: created.url }, env: { DATABASE_URL: created.url }, remove: created.drop };
  }
  const folder = mkdtempSync(join(tmpdir(), 'ariadne-bench-server-'));
  const dataDir = join(folder, 'data');
  return {
    location: { kind: 'pglite', dataDir },
    env: { ARIADNE_DATA_DIR: dataDir, DATABASE_URL: '' },
    remove: async () => rmSync(folder, { recursive: true, force: true }),
  };
}
