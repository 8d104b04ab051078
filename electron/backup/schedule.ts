import type { Database } from 'better-sqlite3-multiple-ciphers';
import { createBackup, type BackupResult } from './create';
import { listBackups } from './list';

// When the last automatic backup was made is read from the newest automatic backup's file name in the
// backups folder. It is not stored in the database, so it survives a restore (a restored database would
// otherwise claim the backup time of its own past), and deleting the backups makes a backup due at once.

/** Whether an automatic backup is due. A last backup "in the future" means the clock was set back: due. */
export function dueForBackup(lastBackupAt: Date | null, now: Date, intervalHours: number): boolean {
  if (!(intervalHours > 0)) throw new RangeError('The backup interval must be more than 0 hours.');
  if (!lastBackupAt || Number.isNaN(lastBackupAt.getTime())) return true;
  const elapsed = now.getTime() - lastBackupAt.getTime();
  return elapsed < 0 || elapsed >= intervalHours * 3_600_000;
}

/** The time of the newest automatic backup in `dir`, or null if there is none. */
export function lastAutomaticBackupAt(dir: string): Date | null {
  return listBackups(dir).find((b) => b.kind === 'auto')?.createdAt ?? null;
}

export interface AutomaticBackupOptions {
  readonly dir: string;
  readonly keep: number;
  readonly intervalHours: number;
  readonly now: Date;
}

/** Makes an automatic backup if one is due; null if not. Errors are the caller's to report. */
export function backUpIfDue(db: Database, options: AutomaticBackupOptions): BackupResult | null {
  if (!dueForBackup(lastAutomaticBackupAt(options.dir), options.now, options.intervalHours)) return null;
  return createBackup(db, { dir: options.dir, keep: options.keep, now: options.now, kind: 'auto' });
}
