import { AppError } from '@ariadne/domain';

/**
 * A backup is one gzip-compressed file of JSON lines:
 *   line 1      the header (`BackupHeader`): format and version, when and from which kind of
 *               database it was made, the migrations its schema had, every table with its columns
 *               and number of rows (in the order the rows follow), and the state of every sequence;
 *   then        the rows, one JSON object per line as PostgreSQL writes a row (`to_jsonb`), table
 *               after table in the header's order, so that a row always follows what it refers to;
 *   last line   the trailer (`BackupTrailer`), whose absence tells a cut-off file.
 * Values are PostgreSQL's own JSON for them (timestamps with their offset and microseconds, bytea
 * as hex, jsonb as it is), never numbers or dates re-read in JavaScript, so they come back exactly.
 */
export const BACKUP_FORMAT = 'ariadne-backup';
/** The version of the file format (not of the schema, which the migrations in the header tell). */
export const BACKUP_VERSION = 1;

export type BackupTable = { name: string; columns: { name: string; type: string }[]; rows: number };

export type BackupHeader = {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  /** The kind of database the backup was made from: either kind restores it. */
  source: 'postgres' | 'pglite';
  /** The migrations applied to the database when the backup was made, in order. */
  migrations: string[];
  tables: BackupTable[];
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
};

export type BackupTrailer = { end: typeof BACKUP_FORMAT; rows: number };

/** What a backup or a restore did, for the command line. */
export type BackupSummary = { file: string; createdAt: string; migrations: number; tables: number; rows: number; bytes: number };

/** A problem with a backup file, in the error model: the line it is on and what is wrong. */
export function backupProblem(key: string, path = '$', params?: Record<string, string | number>): AppError {
  return new AppError('VALIDATION_FAILED', { issues: [{ path, key, ...(params ? { params } : {}) }] });
}

/** Checks that a parsed first line is a backup header this version of Ariadne can read. */
export function checkHeader(value: unknown): BackupHeader {
  const header = value as Partial<BackupHeader> | null;
  if (!header || typeof header !== 'object' || header.format !== BACKUP_FORMAT) throw backupProblem('backup_not_a_backup', 'line 1');
  if (typeof header.version !== 'number' || header.version > BACKUP_VERSION) {
    throw backupProblem('backup_version', 'line 1', { version: String(header.version), supported: BACKUP_VERSION });
  }
  const tablesOk =
    Array.isArray(header.tables) &&
    header.tables.every(
      (table) =>
        typeof table?.name === 'string' &&
        Number.isSafeInteger(table.rows) &&
        table.rows >= 0 &&
        Array.isArray(table.columns) &&
        table.columns.every((column) => typeof column?.name === 'string' && typeof column.type === 'string'),
    );
  const migrationsOk = Array.isArray(header.migrations) && header.migrations.every((name) => typeof name === 'string');
  const sequencesOk =
    Array.isArray(header.sequences) &&
    header.sequences.every((s) => typeof s?.name === 'string' && /^-?\d+$/.test(String(s.lastValue)) && typeof s.isCalled === 'boolean');
  if (!tablesOk || !migrationsOk || !sequencesOk || typeof header.createdAt !== 'string') {
    throw backupProblem('backup_damaged', 'line 1');
  }
  return header as BackupHeader;
}
