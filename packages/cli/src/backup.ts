import { AppError } from '@ariadne/domain';
import { locationFromEnvironment, migrate, moveTo, openDatabase, restoreBackup, writeBackup, type BackupSummary } from '@ariadne/db';
import type { Command } from 'commander';
import { about } from './output.ts';

const CLI_ACTOR = { system: 'cli' };

/** The outcome for a person: what the file holds, and how much of it. */
function describe(verb: string, summary: BackupSummary): string {
  const megabytes = (summary.bytes / 1024 / 1024).toFixed(1);
  return (
    `${verb} ${summary.file}: ${summary.tables} tables, ${summary.rows} rows, ` +
    `schema of ${summary.migrations} migrations, made ${summary.createdAt} (${megabytes} MB).\n`
  );
}

function print(summary: BackupSummary, json: boolean | undefined, verb: string): void {
  process.stdout.write(json ? `${JSON.stringify(summary, null, 2)}\n` : describe(verb, summary));
}

/** Hides the password of a database address before it is shown. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '****';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** `backup FILE`, `restore FILE` and `move-to DATABASE_URL`: a whole office's data, from one database to another. */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('writes a complete backup of the database to one file (gzip-compressed JSON lines), restorable on either database')
    .argument('<file>', 'the backup file to write, e.g. ariadne-2026-12-07.backup.gz')
    .option('--json', 'print { file, createdAt, migrations, tables, rows, bytes } as JSON on standard output')
    .action(async (file: string, options: { json?: boolean }) => {
      const summary = await about(file, async () => {
        const database = await openDatabase(locationFromEnvironment());
        try {
          await migrate(database);
          return await writeBackup(database, file);
        } finally {
          await database.close();
        }
      });
      print(summary, options.json, 'Backup written to');
    });

  program
    .command('restore')
    .description('restores a backup into the database (all or nothing); refuses a database that holds data unless --force')
    .argument('<file>', 'a backup written by `ariadne backup`')
    .option('--force', 'replace everything the database holds with the backup')
    .option('--json', 'print { file, createdAt, migrations, tables, rows, bytes } as JSON on standard output')
    .action(async (file: string, options: { force?: boolean; json?: boolean }) => {
      const summary = await about(file, async () => {
        // Not migrated first: the restore brings the schema to the backup's own migrations.
        const database = await openDatabase(locationFromEnvironment());
        try {
          return await restoreBackup(database, file, { force: options.force === true, actor: CLI_ACTOR });
        } finally {
          await database.close();
        }
      });
      print(summary, options.json, 'Restored');
    });

  program
    .command('move-to')
    .description('moves the data of the database in use (the embedded one in ARIADNE_DATA_DIR) to a PostgreSQL server')
    .argument('<database-url>', 'the PostgreSQL server and database, e.g. postgres://ariadne:secret@db.example.org:5432/ariadne')
    .option('--force', 'replace everything the PostgreSQL database holds')
    .option('--json', 'print { file, createdAt, migrations, tables, rows, bytes } as JSON on standard output')
    .action(async (url: string, options: { force?: boolean; json?: boolean }) => {
      const shown = withoutPassword(url);
      const summary = await about(shown, async () => {
        if (!/^postgres(ql)?:\/\//.test(url)) {
          throw new AppError('VALIDATION_FAILED', { issues: [{ path: '<database-url>', key: 'database_url_format' }] });
        }
        const location = locationFromEnvironment();
        if (location.kind === 'postgres' && location.url === url) {
          throw new AppError('VALIDATION_FAILED', { issues: [{ path: '<database-url>', key: 'database_url_same' }] });
        }
        const source = await openDatabase(location);
        try {
          await migrate(source);
          return await moveTo(source, url, { force: options.force === true, actor: CLI_ACTOR });
        } finally {
          await source.close();
        }
      });
      if (options.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else {
        process.stdout.write(`Moved ${summary.tables} tables, ${summary.rows} rows to ${shown}.\n`);
        process.stdout.write(`Start Ariadne with DATABASE_URL set to that address; the embedded database is left as it was.\n`);
      }
    });
}
