// Backups of the database: encrypted copies that are checked before they are kept, rotation, restore.
// docs/backups.md describes the file format and the procedures.
export {
  BackupStoppedError,
  createBackup,
  DEFAULT_KEEP,
  verifyCopyFile,
  type BackupResult,
  type BackupSteps,
  type CreateBackupOptions,
} from './create';
export { BackupError, RestoreError, type RestoreProblem } from './errors';
export { listBackups, type BackupInfo } from './list';
export { BACKUP_DIR_NAME, defaultBackupDir, parseBackupName, type BackupKind, type BackupName } from './names';
export { restoreBackup, type RestoreOptions, type RestoreResult } from './restore';
export { backUpIfDue, dueForBackup, lastAutomaticBackupAt, type AutomaticBackupOptions } from './schedule';
export { verifyBackup, type BackupCheck } from './verify';
