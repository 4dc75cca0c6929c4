export { writeBackup } from './backup.ts';
export { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader, type BackupSummary } from './format.ts';
export { moveTo } from './move.ts';
export { readBackupHeader, restoreBackup, type RestoreOptions } from './restore.ts';
export { dependencyOrder, readTables, type TableInfo } from './tables.ts';
