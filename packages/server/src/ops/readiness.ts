import { sql } from 'kysely';
import type { Database } from '@ariadne/db';

/** How long the database has to answer the readiness check. */
export const READINESS_TIMEOUT_MS = 2000;

export type Readiness =
  | { ready: true; migrations: number }
  | {
      ready: false;
      reason: 'database_unreachable' | 'database_timeout' | 'migrations_pending' | 'migrations_unknown';
      message: string;
      /** Migrations this version ships that the database has not applied. */
      missing?: string[];
      /** Migrations the database has applied that this version does not know. */
      unknown?: string[];
    };

const TIMED_OUT = Symbol('timed out');

/**
 * Whether the server can serve: the database answers a trivial query within the timeout, and the
 * migrations it has applied are exactly those this version ships.
 */
export async function checkReadiness(database: Database, shipped: readonly string[], timeoutMs = READINESS_TIMEOUT_MS): Promise<Readiness> {
  const query = sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(database.db);
  // A query that outlives the check must not become an unhandled rejection.
  query.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
  });
  let rows: { name: string }[];
  try {
    const answer = await Promise.race([query, timeout]);
    if (answer === TIMED_OUT) {
      return { ready: false, reason: 'database_timeout', message: `The database did not answer within ${timeoutMs} ms.` };
    }
    rows = answer.rows;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ready: false, reason: 'database_unreachable', message: `The database did not answer: ${why}` };
  } finally {
    clearTimeout(timer);
  }
  const applied = new Set(rows.map((row) => row.name));
  const known = new Set(shipped);
  const unknown = [...applied].filter((name) => !known.has(name)).sort();
  if (unknown.length > 0) {
    return {
      ready: false,
      reason: 'migrations_unknown',
      message: `The database has migrations this version does not ship: ${unknown.join(', ')}.`,
      unknown,
    };
  }
  const missing = shipped.filter((name) => !applied.has(name));
  if (missing.length > 0) {
    return {
      ready: false,
      reason: 'migrations_pending',
      message: `Migrations not applied yet: ${missing.join(', ')}.`,
      missing,
    };
  }
  return { ready: true, migrations: shipped.length };
}
