import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, type DatabaseConnection, type Driver } from 'kysely';
import pg from 'pg';
import type { Schema } from './schema.ts';

/** Where the data lives: a PostgreSQL server, or an embedded PGlite database in a folder (or in memory). */
export type DatabaseLocation = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string | null; loadDataDir?: Blob };

/**
 * An open database: the Kysely instance every query goes through, and the little the migrator
 * needs of the underlying client. Callers depend on this, never on `pg` or PGlite directly.
 */
export type Database = {
  readonly db: Kysely<Schema>;
  readonly kind: 'postgres' | 'pglite';
  /** Runs a script of several statements and records it as applied, in one transaction. */
  applyMigration(name: string, script: string): Promise<void>;
  /** Holds the migration lock while `work` runs, so that servers starting together migrate once. */
  withMigrationLock<T>(work: () => Promise<T>): Promise<T>;
  /** Writes the embedded database to a compressed archive (PGlite only): used for test templates. */
  dump(): Promise<Blob>;
  /** How busy the connections are now (read only): for the metrics. */
  poolStats(): PoolStats;
  close(): Promise<void>;
};

/**
 * The connections at this moment: on PostgreSQL, the pool's clients (open, idle) and the queries
 * waiting for one; on PGlite, its one connection and the callers waiting for their turn on it.
 */
export type PoolStats = { kind: 'postgres'; total: number; idle: number; waiting: number } | { kind: 'pglite'; waiting: number };

/** Picks the location from the environment: `DATABASE_URL`, else PGlite in `ARIADNE_DATA_DIR` (default `./data`). */
export function locationFromEnvironment(env: NodeJS.ProcessEnv = process.env): DatabaseLocation {
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL };
  return { kind: 'pglite', dataDir: env.ARIADNE_DATA_DIR ?? './data' };
}

const INT8 = 20;
const DATE = 1082;

// Both clients give the same JavaScript values: int8 as numbers (counts and minor units stay far
// below 2^53) and dates as ISO strings, never as `Date` objects shifted by the time zone.
function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} is outside the safe integer range`);
  return n;
}
const keepText = (value: string): string => value;

/** Opens the database at the location; PGlite creates its folder on first use. */
export async function openDatabase(location: DatabaseLocation): Promise<Database> {
  return location.kind === 'postgres' ? openPostgres(location.url) : openPglite(location.dataDir, location.loadDataDir);
}

async function openPostgres(url: string): Promise<Database> {
  const types = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === INT8) return parseInt8;
      if (oid === DATE) return keepText;
      return pg.types.getTypeParser(oid, format);
    },
  };
  const pool = new pg.Pool({ connectionString: url, types, max: 10, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    async applyMigration(name, script) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(script);
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async withMigrationLock(work) {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(7213917)');
        try {
          return await work();
        } finally {
          await client.query('SELECT pg_advisory_unlock(7213917)');
        }
      } finally {
        client.release();
      }
    },
    async dump() {
      throw new Error('Only the embedded database can be dumped');
    },
    poolStats() {
      return { kind: 'postgres', total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
    },
    async close() {
      await db.destroy();
    },
  };
}

async function openPglite(dataDir: string | null, loadDataDir?: Blob): Promise<Database> {
  if (dataDir !== null) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(dataDir !== null ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    parsers: { [INT8]: parseInt8, [DATE]: keepText },
  });
  const dialect = new SerializedPGliteDialect({ pglite });
  const db = new Kysely<Schema>({ dialect });
  return {
    db,
    kind: 'pglite',
    async applyMigration(name, script) {
      await pglite.transaction(async (tx) => {
        await tx.exec(script);
        await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      });
    },
    async withMigrationLock(work) {
      // One process owns an embedded database; there is no one to race with.
      return work();
    },
    async dump() {
      return pglite.dumpDataDir('gzip');
    },
    poolStats() {
      return { kind: 'pglite', waiting: dialect.queue.waiting };
    },
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/**
 * PGlite is one connection. Kysely's PGlite driver hands that connection to every caller at once,
 * so a query from one request could run inside another request's transaction. This dialect lets
 * one caller (a query, or a whole transaction) hold the connection at a time.
 */
class SerializedPGliteDialect extends PGliteDialect {
  /** Callers waiting for the connection (not the one holding it). */
  readonly queue = { waiting: 0 };

  override createDriver(): Driver {
    const inner = super.createDriver();
    let tail: Promise<void> = Promise.resolve();
    let unlockHolder: (() => void) | undefined;
    const queue = this.queue;
    return {
      init: (options) => inner.init(options),
      async acquireConnection(options): Promise<DatabaseConnection> {
        const previous = tail;
        let unlock!: () => void;
        tail = new Promise<void>((resolve) => {
          unlock = resolve;
        });
        queue.waiting += 1;
        try {
          await previous;
        } finally {
          queue.waiting -= 1;
        }
        unlockHolder = unlock;
        return inner.acquireConnection(options);
      },
      async releaseConnection(connection, options) {
        try {
          await inner.releaseConnection(connection, options);
        } finally {
          const unlock = unlockHolder;
          unlockHolder = undefined;
          unlock?.();
        }
      },
      beginTransaction: (connection, settings) => inner.beginTransaction(connection, settings),
      commitTransaction: (connection) => inner.commitTransaction(connection),
      rollbackTransaction: (connection) => inner.rollbackTransaction(connection),
      savepoint: (connection, name, compile) => inner.savepoint!(connection, name, compile),
      rollbackToSavepoint: (connection, name, compile) => inner.rollbackToSavepoint!(connection, name, compile),
      releaseSavepoint: (connection, name, compile) => inner.releaseSavepoint!(connection, name, compile),
      destroy: (options) => inner.destroy(options),
    };
  }
}
