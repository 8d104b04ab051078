import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { fsyncDir, fsyncFile, openKeyedFile, ownerOnlyFile, removeDatabaseFiles } from '../db/file-access';
import { DATABASE_FILE } from '../db/open';
import { describeStorageError } from '../db/storage-errors';
import { RestoreError } from './errors';
import { TEMP_PREFIX, utcStamp } from './names';
import { verifyBackup } from './verify';

export interface RestoreOptions {
  readonly dataDir: string;
  readonly backupFile: string;
  /** The database key; the backup must have been made with the same key. */
  readonly key?: Buffer | undefined;
  readonly now: Date;
  readonly nativeBinding?: string | undefined;
}

export interface RestoreResult {
  readonly restoredFrom: string;
  readonly database: string;
  /** The schema version of the backup; opening the database migrates it forward if it is older. */
  readonly schemaVersion: number;
  /** Where the database that was replaced now is (never overwritten, never deleted), or null if there was none. */
  readonly kept: { readonly database: string; readonly wal?: string; readonly journal?: string } | null;
}

/**
 * Puts a backup in place of the current database. The database must be closed first (the session locks
 * and closes the backend); a database still open anywhere is refused. In order:
 *
 * 1. a probe connection takes an exclusive lock on the current database, which fails while any other
 *    connection (this process or another) has it open. Closing the probe checks a WAL it can read into
 *    the database, as every last close does, so the kept file is then complete by itself;
 * 2. the backup is copied into a temporary file in the data folder, flushed, and that copy is verified
 *    (opens with the key, ours, not from the future, integrity_check ok): a bad backup changes nothing;
 * 3. the current database, and any -wal or -journal still beside it (one the probe could not read, say
 *    another key's), are kept under `liaison-log.before-restore-<stamp>.db` (hard links where the file
 *    system has them, else flushed copies), never overwriting an earlier one;
 * 4. the current -wal, -shm and -journal are removed (their content is in the kept files), because SQLite
 *    would otherwise apply the old log to the restored file;
 * 5. the copy is renamed over `liaison-log.db` (atomic), and the folder flushed.
 *
 * A crash before step 5 leaves the current database in place (at worst without the part of its log that
 * the kept copy holds); after step 5 the restored database is in place. The result says what was kept where.
 */
export function restoreBackup(options: RestoreOptions): RestoreResult {
  const dataDir = path.resolve(options.dataDir);
  const backupFile = path.resolve(options.backupFile);
  const database = path.join(dataDir, DATABASE_FILE);
  if (!fs.existsSync(backupFile) || !fs.statSync(backupFile).isFile()) {
    throw new RestoreError('missing', `There is no backup file at ${backupFile}. Nothing was changed.`);
  }
  if (fs.existsSync(database)) assertClosed(database, options);

  fs.mkdirSync(dataDir, { recursive: true });
  const temp = path.join(dataDir, `${TEMP_PREFIX}restore-${randomUUID()}.tmp`);
  let keptFiles: string[] = [];
  try {
    fs.copyFileSync(backupFile, temp);
    ownerOnlyFile(temp);
    fsyncFile(temp);
    const check = verifyBackup(temp, options.key, { nativeBinding: options.nativeBinding, writable: true });
    if (!check.ok) {
      throw new RestoreError(check.problem, `${check.message.replaceAll(temp, backupFile)} Nothing was changed.`);
    }
    // The check may have checkpointed a WAL-mode copy into itself; only the single file goes in place.
    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(temp + suffix, { force: true });

    let kept: RestoreResult['kept'] = null;
    if (fs.existsSync(database)) {
      const keptDatabase = freeKeptName(dataDir, options.now);
      keepFile(database, keptDatabase);
      keptFiles = [keptDatabase];
      const extra: { wal?: string; journal?: string } = {};
      for (const [suffix, slot] of [
        ['-wal', 'wal'],
        ['-journal', 'journal'],
      ] as const) {
        if (!fs.existsSync(database + suffix)) continue;
        keepFile(database + suffix, keptDatabase + suffix);
        keptFiles.push(keptDatabase + suffix);
        extra[slot] = keptDatabase + suffix;
      }
      fsyncDir(dataDir);
      kept = { database: keptDatabase, ...extra };
    }
    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(database + suffix, { force: true });
    fs.renameSync(temp, database);
    fsyncDir(dataDir);
    return { restoredFrom: backupFile, database, schemaVersion: check.schemaVersion, kept };
  } catch (error) {
    removeDatabaseFiles(temp);
    // Kept copies stay: once the live log is removed they may be the only copy of its content.
    const where = keptFiles.length > 0 ? ` The current database was kept as ${keptFiles.join(' and ')}.` : '';
    if (error instanceof RestoreError) throw error;
    const storage = describeStorageError(error, 'the restored database', dataDir);
    if (storage) throw new RestoreError('storage', storage.message + where, { cause: error });
    throw new RestoreError('failed', `The restore failed: ${(error as Error).message}.${where}`, { cause: error });
  }
}

/**
 * Refuses while any connection (in this process or another) has the database open: an exclusive lock
 * cannot be had then. A file that cannot even be read (damaged, or another key) holds no lock we can test;
 * it is kept like any other.
 */
function assertClosed(database: string, options: RestoreOptions): void {
  let db: Database | undefined;
  try {
    db = openKeyedFile(database, { key: options.key, nativeBinding: options.nativeBinding });
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT;');
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new RestoreError(
        'database_open',
        'The database is still open (in this app or another program). Close it before restoring. ' +
          'Nothing was changed.',
        { cause: error },
      );
    }
  } finally {
    db?.close();
  }
}

function freeKeptName(dataDir: string, now: Date): string {
  const base = DATABASE_FILE.replace(/\.db$/, '');
  for (let n = 1; ; n++) {
    const file = path.join(dataDir, `${base}.before-restore-${utcStamp(now)}${n > 1 ? `-${n}` : ''}.db`);
    if (![file, `${file}-wal`, `${file}-journal`].some((f) => fs.existsSync(f))) return file;
  }
}

/** A second name for the same file (no copying, no extra space), or a flushed copy where links are not possible. */
function keepFile(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw error;
  }
  try {
    fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
    fsyncFile(to);
  } catch (error) {
    // Never leave half a copy that looks like a kept database (but never remove one that was there).
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') fs.rmSync(to, { force: true });
    throw error;
  }
}
