import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { AppError, isAppError } from '@ariadne/domain';
import { sql, type Transaction } from 'kysely';
import { recordAudit, type AuditActor } from '../audit.ts';
import type { Database } from '../connection.ts';
import { loadMigrations, migrate } from '../migrate.ts';
import type { Schema } from '../schema.ts';
import { setPortableSettings } from './backup.ts';
import { BACKUP_FORMAT, backupProblem, checkHeader, type BackupHeader, type BackupSummary } from './format.ts';
import { dependencyOrder, MIGRATIONS_TABLE, readTables, type TableInfo } from './tables.ts';

/** Rows written at a time, and the most text one batch may carry (documents can be large). */
const BATCH_ROWS = 500;
const BATCH_CHARS = 8 * 1024 * 1024;

/** The lines of a backup file, gzip-compressed or plain, one at a time. */
function openLines(file: string): { lines: AsyncIterator<string>; close(): void } {
  let stats;
  try {
    stats = statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw code === 'ENOENT' ? backupProblem('file_not_found') : backupProblem('file_unreadable', '$', { detail: (error as Error).message });
  }
  if (!stats.isFile()) throw backupProblem('not_a_file');
  const magic = Buffer.alloc(2);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, magic, 0, 2, 0);
  } finally {
    closeSync(fd);
  }
  const raw = createReadStream(file);
  const source: Readable = magic[0] === 0x1f && magic[1] === 0x8b ? raw.pipe(createGunzip()) : raw;
  // A damaged compressed stream fails the reading, which the reader turns into a problem with the file.
  raw.on('error', (error) => source.destroy(error));
  const reader = createInterface({ input: source, crlfDelay: Infinity });
  return {
    lines: reader[Symbol.asyncIterator](),
    close() {
      reader.close();
      source.destroy();
      raw.destroy();
    },
  };
}

/** Reads the next line, with a damaged or cut-off file reported as a problem at that line. */
async function nextLine(lines: AsyncIterator<string>, number: number): Promise<string | null> {
  try {
    const next = await lines.next();
    return next.done ? null : next.value;
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ path: `line ${number}`, key: 'backup_damaged' }],
      detail: (error as Error).message,
      cause: error,
    });
  }
}

/** Reads only the header of a backup: what it holds, without touching any database. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const { lines, close } = openLines(file);
  try {
    const first = await nextLine(lines, 1);
    if (first === null) throw backupProblem('backup_not_a_backup', 'line 1');
    let parsed: unknown;
    try {
      parsed = JSON.parse(first);
    } catch {
      throw backupProblem('backup_not_a_backup', 'line 1');
    }
    return checkHeader(parsed);
  } finally {
    close();
  }
}

async function appliedMigrations(database: Database): Promise<string[]> {
  const { rows } = await sql<{ exists: boolean }>`
    SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ${MIGRATIONS_TABLE}) AS exists`.execute(
    database.db,
  );
  if (!rows[0]!.exists) return [];
  const { rows: names } = await sql<{ name: string }>`SELECT name FROM ${sql.table(MIGRATIONS_TABLE)} ORDER BY name`.execute(database.db);
  return names.map((row) => row.name);
}

/** Whether a table holds any row. */
async function hasRows(trx: Transaction<Schema>, table: string): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`SELECT EXISTS (SELECT 1 FROM ${sql.table(table)}) AS found`.execute(trx);
  return rows[0]!.found;
}

export type RestoreOptions = {
  /** Replace what the database holds; without it, a database with any row is refused. */
  force?: boolean;
  actor: AuditActor;
};

/**
 * Restores a backup into the database, on either kind whatever kind it was made from. The schema
 * is first brought to the backup's migrations; every row is then written with its id in one
 * transaction, with the sequences as they were and an audit entry; the migrations this version of
 * Ariadne adds since run last, as on any upgrade. A database that holds rows is refused unless
 * `force`, and so are a backup from a newer version and a database whose schema is ahead of the
 * backup's. Any problem leaves the database as it was.
 */
export async function restoreBackup(database: Database, file: string, options: RestoreOptions): Promise<BackupSummary> {
  const header = await readBackupHeader(file);
  const known = loadMigrations();
  const knownNames = new Set(known.map((migration) => migration.name));
  const newer = header.migrations.filter((name) => !knownNames.has(name));
  if (newer.length > 0) throw backupProblem('backup_newer_schema', 'line 1', { migrations: newer.join(', ') });
  const wanted = new Set(header.migrations);
  const applied = await appliedMigrations(database);
  const ahead = applied.filter((name) => !wanted.has(name));
  if (ahead.length > 0) {
    throw new AppError('CONFLICT', {
      issues: [{ path: 'database', key: 'database_schema_newer', params: { migrations: ahead.join(', ') } }],
    });
  }
  await migrate(
    database,
    known.filter((migration) => wanted.has(migration.name)),
  );

  const { lines, close } = openLines(file);
  let total = 0;
  try {
    await nextLine(lines, 1);
    await database.db.transaction().execute(async (trx) => {
      await setPortableSettings(trx);
      const tables = await readTables(trx);
      const { deferred } = dependencyOrder(tables);
      const byName = new Map(tables.map((table) => [table.name, table]));
      // The backup must describe this very schema: the same tables with the same columns.
      const described = new Set(header.tables.map((table) => table.name));
      for (const table of header.tables) {
        const target = byName.get(table.name);
        const missing = target ? table.columns.filter((c) => !target.columns.some((t) => t.name === c.name)) : table.columns;
        if (!target || missing.length > 0) throw backupProblem('backup_damaged', 'line 1');
      }
      const undescribed = tables.filter((table) => !described.has(table.name));
      if (undescribed.length > 0) throw backupProblem('backup_damaged', 'line 1');

      const occupied = [];
      for (const table of tables) if (await hasRows(trx, table.name)) occupied.push(table.name);
      if (occupied.length > 0) {
        if (!options.force) {
          throw new AppError('CONFLICT', {
            issues: [{ path: 'database', key: 'database_not_empty', params: { tables: occupied.slice(0, 5).join(', ') } }],
          });
        }
        await sql`TRUNCATE ${sql.join(tables.map((table) => sql.table(table.name)))}`.execute(trx);
      }
      // The triggers that keep derived values (a strategy's revision) would change what is restored.
      for (const table of tables) await sql`ALTER TABLE ${sql.table(table.name)} DISABLE TRIGGER USER`.execute(trx);

      let lineNumber = 1;
      const secondPass: { table: TableInfo; rows: string[] }[] = [];
      for (const described of header.tables) {
        const table = byName.get(described.name)!;
        const later = deferred.get(table.name) ?? [];
        const keep: string[] = [];
        let batch: string[] = [];
        let chars = 0;
        const flush = async (): Promise<void> => {
          if (batch.length === 0) return;
          await insertRows(trx, table, later, batch);
          if (later.length > 0) keep.push(...batch);
          batch = [];
          chars = 0;
        };
        for (let i = 0; i < described.rows; i += 1) {
          lineNumber += 1;
          const line = await nextLine(lines, lineNumber);
          if (line === null) throw backupProblem('backup_truncated', `line ${lineNumber}`);
          if (!line.startsWith('{')) throw backupProblem('backup_damaged', `line ${lineNumber}`);
          batch.push(line);
          chars += line.length;
          if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush();
        }
        await flush();
        total += described.rows;
        if (later.length > 0) secondPass.push({ table, rows: keep });
      }
      for (const { table, rows } of secondPass) {
        for (let i = 0; i < rows.length; i += BATCH_ROWS)
          await updateDeferred(trx, table, deferred.get(table.name)!, rows.slice(i, i + BATCH_ROWS));
      }
      lineNumber += 1;
      const last = await nextLine(lines, lineNumber);
      const trailer = readTrailer(last);
      if (trailer?.end !== BACKUP_FORMAT || trailer.rows !== total) throw backupProblem('backup_truncated', `line ${lineNumber}`);
      if ((await nextLine(lines, lineNumber + 1)) !== null) throw backupProblem('backup_damaged', `line ${lineNumber + 1}`);

      // Deferred references are checked now, so that the triggers can be switched on again.
      await sql`SET CONSTRAINTS ALL IMMEDIATE`.execute(trx);
      for (const table of tables) await sql`ALTER TABLE ${sql.table(table.name)} ENABLE TRIGGER USER`.execute(trx);
      for (const sequence of header.sequences) {
        await sql`SELECT setval(quote_ident(${sequence.name})::regclass, ${sequence.lastValue}::bigint, ${sequence.isCalled})`.execute(trx);
      }
      await recordAudit(trx, {
        actor: options.actor,
        participantId: null,
        action: 'database.restore',
        entity: 'database',
        entityId: header.createdAt,
        after: {
          createdAt: header.createdAt,
          source: header.source,
          migrations: header.migrations.length,
          rows: total,
          replaced: occupied.length > 0,
        },
      });
    });
  } catch (error) {
    if (isAppError(error)) throw error;
    // A row PostgreSQL refuses (a broken reference, a value of the wrong type) means a damaged file.
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ path: '$', key: 'backup_damaged' }],
      detail: (error as Error).message,
      cause: error,
    });
  } finally {
    close();
  }
  await migrate(database, known);
  return {
    file,
    createdAt: header.createdAt,
    migrations: header.migrations.length,
    tables: header.tables.length,
    rows: total,
    bytes: statSync(file).size,
  };
}

/** The last line's trailer, or null when the line is missing or is something else. */
function readTrailer(line: string | null): { end?: unknown; rows?: unknown } | null {
  if (line === null) return null;
  try {
    return JSON.parse(line) as { end?: unknown; rows?: unknown };
  } catch {
    return null;
  }
}

/** The columns a restore writes: all but those the database computes itself. */
function writable(table: TableInfo, leaveOut: string[]): string[] {
  return table.columns.filter((column) => !column.generated && !leaveOut.includes(column.name)).map((column) => column.name);
}

async function insertRows(trx: Transaction<Schema>, table: TableInfo, leaveOut: string[], rows: string[]): Promise<void> {
  const columns = writable(table, leaveOut).map((name) => sql.ref(name));
  const json = `[${rows.join(',')}]`;
  await sql`INSERT INTO ${sql.table(table.name)} (${sql.join(columns)}) OVERRIDING SYSTEM VALUE
    SELECT ${sql.join(columns)} FROM jsonb_populate_recordset(NULL::${sql.table(table.name)}, ${json}::jsonb)`.execute(trx);
}

/** The second pass: the references of a table to itself (or closing a cycle), once every row is there. */
async function updateDeferred(trx: Transaction<Schema>, table: TableInfo, columns: string[], rows: string[]): Promise<void> {
  if (table.primaryKey.length === 0) throw new Error(`The table ${table.name} refers to itself but has no primary key`);
  const json = `[${rows.join(',')}]`;
  const assignments = sql.join(columns.map((column) => sql`${sql.ref(column)} = r.${sql.ref(column)}`));
  const match = sql.join(
    table.primaryKey.map((column) => sql`t.${sql.ref(column)} = r.${sql.ref(column)}`),
    sql` AND `,
  );
  await sql`UPDATE ${sql.table(table.name)} AS t SET ${assignments}
    FROM jsonb_populate_recordset(NULL::${sql.table(table.name)}, ${json}::jsonb) AS r WHERE ${match}`.execute(trx);
}
