import { once } from 'node:events';
import { createWriteStream, renameSync, statSync, unlinkSync } from 'node:fs';
import { createGzip } from 'node:zlib';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../connection.ts';
import type { Schema } from '../schema.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader, type BackupSummary, type BackupTrailer } from './format.ts';
import { dependencyOrder, MIGRATIONS_TABLE, readSequences, readTables } from './tables.ts';

/** Rows fetched from the database at a time. */
const FETCH_ROWS = 500;

/** Settings under which PostgreSQL writes values in one way whatever the server's configuration. */
export async function setPortableSettings(trx: Transaction<Schema>): Promise<void> {
  await sql`SET LOCAL TimeZone = 'UTC'`.execute(trx);
  await sql`SET LOCAL DateStyle = 'ISO, YMD'`.execute(trx);
  await sql`SET LOCAL IntervalStyle = 'postgres'`.execute(trx);
  await sql`SET LOCAL bytea_output = 'hex'`.execute(trx);
  await sql`SET LOCAL extra_float_digits = 1`.execute(trx);
}

/**
 * Writes a complete backup of the database to `file` (see format.ts): every table the migrations
 * made, read in one consistent snapshot in batches. The file appears only when it is complete.
 */
export async function writeBackup(database: Database, file: string, now: Date = new Date()): Promise<BackupSummary> {
  const partial = `${file}.partial`;
  const gzip = createGzip();
  const out = createWriteStream(partial);
  gzip.pipe(out);
  const closed = once(out, 'close');
  const write = async (line: string): Promise<void> => {
    if (!gzip.write(line + '\n')) await once(gzip, 'drain');
  };
  let header: BackupHeader;
  let total = 0;
  try {
    header = await database.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await setPortableSettings(trx);
        const { rows: applied } = await sql<{ name: string }>`SELECT name FROM ${sql.table(MIGRATIONS_TABLE)} ORDER BY name`.execute(trx);
        const { order } = dependencyOrder(await readTables(trx));
        const tables = [];
        for (const table of order) {
          const { rows } = await sql<{ count: number | string }>`SELECT count(*) AS count FROM ${sql.table(table.name)}`.execute(trx);
          tables.push({
            name: table.name,
            columns: table.columns.map((column) => ({ name: column.name, type: column.type })),
            rows: Number(rows[0]!.count),
          });
        }
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: now.toISOString(),
          source: database.kind,
          migrations: applied.map((row) => row.name),
          tables,
          sequences: await readSequences(trx),
        };
        await write(JSON.stringify(header));
        for (const table of order) {
          // In the order of the primary key, so that two backups of the same data are the same file.
          const orderBy = table.primaryKey.length > 0 ? sql` ORDER BY ${sql.join(table.primaryKey.map((c) => sql.ref(c)))}` : sql``;
          await sql`DECLARE ariadne_backup NO SCROLL CURSOR FOR SELECT to_jsonb(t)::text AS row FROM ${sql.table(table.name)} AS t${orderBy}`.execute(
            trx,
          );
          for (;;) {
            const { rows } = await sql<{ row: string }>`FETCH ${sql.raw(String(FETCH_ROWS))} FROM ariadne_backup`.execute(trx);
            for (const { row } of rows) await write(row);
            total += rows.length;
            if (rows.length < FETCH_ROWS) break;
          }
          await sql`CLOSE ariadne_backup`.execute(trx);
        }
        return header;
      });
    const trailer: BackupTrailer = { end: BACKUP_FORMAT, rows: total };
    await write(JSON.stringify(trailer));
    gzip.end();
    await closed;
    renameSync(partial, file);
  } catch (error) {
    gzip.destroy();
    out.destroy();
    try {
      unlinkSync(partial);
    } catch {
      // Nothing was written.
    }
    throw error;
  }
  return {
    file,
    createdAt: header.createdAt,
    migrations: header.migrations.length,
    tables: header.tables.length,
    rows: total,
    bytes: statSync(file).size,
  };
}
