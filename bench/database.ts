// The database a benchmark runs on: PostgreSQL when DATABASE_URL is set (a fresh test database),
// otherwise PGlite in a temporary folder on disk, migrated.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insertPublication, migrate, openDatabase, type Database, type PublicationKind } from '@ariadne/db';
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
