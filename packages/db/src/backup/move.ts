import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditActor } from '../audit.ts';
import { openDatabase, type Database } from '../connection.ts';
import { writeBackup } from './backup.ts';
import type { BackupSummary } from './format.ts';
import { restoreBackup } from './restore.ts';

/**
 * Moves an office's data to a PostgreSQL server: a backup of the database it uses now, restored
 * into the server at `url` (migrated first, refused if it already holds data unless `force`).
 * The source is left as it was.
 */
export async function moveTo(source: Database, url: string, options: { force?: boolean; actor: AuditActor }): Promise<BackupSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'ariadne-move-'));
  try {
    const file = join(dir, 'move.ariadne-backup.gz');
    await writeBackup(source, file);
    const target = await openDatabase({ kind: 'postgres', url });
    try {
      return await restoreBackup(target, file, options);
    } finally {
      await target.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
