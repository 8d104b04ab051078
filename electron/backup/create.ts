import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import {
  fsyncDir,
  fsyncFile,
  hasPlaintextSqliteHeader,
  openKeyedFile,
  ownerOnlyFile,
  ownerOnlyFolder,
  removeDatabaseFiles,
} from '../db/file-access';
import { CHECK_WHOLE_FILE, CheckNotRunError, checkStep, checkTargets, integrityCheck } from '../db/integrity';
import { APPLICATION_ID } from '../db/open';
import { describeStorageError } from '../db/storage-errors';
import { BackupError } from './errors';
import { listBackups } from './list';
import { formatBackupName, slugLabel, TEMP_PREFIX, type BackupKind } from './names';

/** Automatic backups kept when the caller does not say. */
export const DEFAULT_KEEP = 10;

export interface CreateBackupOptions {
  /** The folder to write to (created if needed): the data folder's backups folder, or one the officer chose. */
  readonly dir: string;
  /** How many automatic backups to keep, newest first, including this one. Manual backups are never removed. */
  readonly keep?: number;
  readonly now: Date;
  /** The officer's note for a manual backup, e.g. "before the move"; it becomes part of the file name. */
  readonly label?: string;
  /** `auto` backups are rotated; `manual` ones (the default for a labelled backup) are kept until deleted by hand. */
  readonly kind?: BackupKind;
}

export interface BackupResult {
  readonly file: string;
  readonly fileName: string;
  readonly kind: BackupKind;
  readonly createdAt: Date;
  readonly schemaVersion: number;
  readonly bytes: number;
  /** Whether the backup is encrypted (it is whenever the database is). */
  readonly encrypted: boolean;
  /** Older automatic backups removed by rotation. */
  readonly removed: readonly string[];
  /** Rotation problems: the backup itself was made and checked; an old one could not be removed. */
  readonly rotationErrors: readonly string[];
}

/**
 * Writes a consistent copy of the open database to `dir`. The copy is made with `VACUUM INTO` into a
 * temporary file in the same folder. SQLite3MultipleCiphers encrypts a VACUUM INTO target with the main
 * database's cipher and key, and the copy is in rollback-journal mode, so it is one self-contained file.
 * The copy is then attached through the same connection (which again uses the database key), must pass
 * integrity_check and carry our application id and schema version, and, if the database is encrypted,
 * must start with no plaintext header and refuse to be read without the key. Only then is it flushed to
 * disk and renamed to its final name. Rotation runs last, so a failed backup never costs an old one.
 *
 * The database must not be inside a transaction. The call is synchronous: it holds the thread for as
 * long as the copy takes (a few hundred milliseconds for tens of megabytes, a minute or more for a million
 * records), which is why automatic backups are made by the maintenance worker (electron/maintenance/), on a
 * thread and a connection of its own, with `steps`.
 */
export function createBackup(db: Database, options: CreateBackupOptions, steps: BackupSteps = {}): BackupResult {
  const kind = options.kind ?? (options.label ? 'manual' : 'auto');
  const keep = options.keep ?? DEFAULT_KEEP;
  if (!Number.isInteger(keep) || keep < 1) throw new BackupError(`keep must be a whole number of 1 or more.`);
  const dir = path.resolve(options.dir);
  const encrypted = databaseIsEncrypted(db);
  const schemaVersion = db.pragma('user_version', { simple: true }) as number;

  let temp: string | undefined;
  let file: string;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    ownerOnlyFolder(dir);
    removeStaleTemporaries(dir, options.now);
    temp = steps.temp ?? path.join(dir, `${TEMP_PREFIX}backup-${randomUUID()}.tmp`);
    steps.onCopy?.(temp, bytesInUse(db));
    db.prepare('VACUUM INTO ?').run(temp);
    steps.afterCopy?.();
    throwIfStopped(steps);
    if (steps.checkCopy) steps.checkCopy(temp, { encrypted, schemaVersion });
    else checkCopy(db, temp, encrypted, schemaVersion);
    throwIfStopped(steps);
    ownerOnlyFile(temp);
    fsyncFile(temp);
    file = freeName(dir, kind, options.now, schemaVersion, slugLabel(options.label));
    fs.renameSync(temp, file);
    temp = undefined;
    fsyncDir(dir);
  } catch (error) {
    if (temp) removeDatabaseFiles(temp);
    if (error instanceof BackupError || error instanceof BackupStoppedError) throw error;
    throw (
      describeStorageError(error, 'the backup', dir) ??
      new BackupError(
        `The backup could not be written to ${dir}: ${(error as Error).message}. Nothing was changed: the ` +
          `database and the earlier backups are as they were.`,
        { cause: error },
      )
    );
  }

  const removed: string[] = [];
  const rotationErrors: string[] = [];
  if (kind === 'auto') {
    const autos = listBackups(dir).filter((b) => b.kind === 'auto');
    for (const old of autos.slice(keep)) {
      if (old.file === file) continue; // a clock set back must not cost the backup just made
      try {
        fs.rmSync(old.file);
        removed.push(old.file);
      } catch (error) {
        rotationErrors.push(`${old.file}: ${(error as Error).message}`);
      }
    }
  }
  return {
    file,
    fileName: path.basename(file),
    kind,
    createdAt: options.now,
    schemaVersion,
    bytes: fs.statSync(file).size,
    encrypted,
    removed,
    rotationErrors,
  };
}

/**
 * What the maintenance worker (electron/maintenance/) adds to a backup it makes in the background: a temporary
 * file it knows (to remove it if the worker is stopped), the copy's expected size (its progress is the file
 * growing), a stop between steps, and the check of the copy on a connection of its own, so that the database is
 * no longer held open while the copy is checked. The file that results is the same.
 */
export interface BackupSteps {
  /** The temporary file to copy into, in the backups folder (by default a new name is made). */
  readonly temp?: string;
  /** Called just before the copy starts, with about the size it will have (pages in use times page size). */
  readonly onCopy?: (temp: string, expectedBytes: number) => void;
  /** Called once the copy is written: the database is not read after this if `checkCopy` is given. */
  readonly afterCopy?: () => void;
  /** Checks the copy (see verifyCopyFile) instead of attaching it to the database's connection. */
  readonly checkCopy?: (temp: string, expected: CopyExpectations) => void;
  /** Asked between steps: true stops the backup, keeping nothing (BackupStoppedError). */
  readonly stopped?: () => boolean;
}

/** What a new backup must be, besides sound: encrypted whenever the database is, and of its schema version. */
export interface CopyExpectations {
  readonly encrypted: boolean;
  readonly schemaVersion: number;
}

/** A backup stopped by its caller (the data was locked): the temporary copy was removed, nothing was kept. */
export class BackupStoppedError extends Error {
  constructor() {
    super('The backup was stopped. No backup was kept.');
    this.name = 'BackupStoppedError';
  }
}

function throwIfStopped(steps: BackupSteps): void {
  if (steps.stopped?.()) throw new BackupStoppedError();
}

/** About the size of a VACUUM INTO copy: the pages in use (free pages are left out) times the page size. */
function bytesInUse(db: Database): number {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  return Math.max(0, pages - free) * (db.pragma('page_size', { simple: true }) as number);
}

export interface VerifyCopyOptions {
  readonly key: Buffer | undefined;
  readonly nativeBinding?: string | undefined;
  /** After each step: `done` of `total` (the copy's tables one by one, then the whole file). */
  readonly onStep?: (done: number, total: number) => void;
  readonly stopped?: () => boolean;
}

/**
 * The checks createBackup makes of a new copy, on a connection of the copy's own: table by table
 * (integrity_check of each table with its indexes, so that progress can be told and a stop can come between
 * tables), then quick_check of the whole file for the page accounting the table-by-table check leaves out;
 * together what one integrity_check of the file covers. Then the application id, the schema version, a single
 * self-contained file (not WAL), and, when the database is encrypted, no plaintext header and no way to read it
 * without the key. Throws BackupError on the first thing wrong.
 */
export function verifyCopyFile(temp: string, expected: CopyExpectations, options: VerifyCopyOptions): void {
  const copy = openKeyedFile(temp, { key: options.key, nativeBinding: options.nativeBinding, readonly: true });
  try {
    const targets = [...checkTargets(copy), CHECK_WHOLE_FILE];
    for (const [i, table] of targets.entries()) {
      if (options.stopped?.()) throw new BackupStoppedError();
      const pragma = table === CHECK_WHOLE_FILE ? 'quick_check' : 'integrity_check';
      const report = checkStep(copy, pragma, table);
      if (!report.ok) throw new BackupError(`The new backup failed its integrity check: ${report.details.join('; ')}`);
      options.onStep?.(i + 1, targets.length);
    }
    if (copy.pragma('application_id', { simple: true }) !== APPLICATION_ID) {
      throw new BackupError('The new backup does not carry the Liaison Log application id.');
    }
    if (copy.pragma('user_version', { simple: true }) !== expected.schemaVersion) {
      throw new BackupError('The new backup does not have the schema version of the database.');
    }
    if (copy.pragma('journal_mode', { simple: true }) === 'wal') {
      throw new BackupError('The new backup is in WAL mode; it would not be a single self-contained file.');
    }
  } catch (error) {
    if (error instanceof CheckNotRunError) throw new BackupError(error.message, { cause: error });
    throw error;
  } finally {
    copy.close();
  }
  if (!expected.encrypted) return;
  if (hasPlaintextSqliteHeader(temp)) {
    throw new BackupError('The new backup is not encrypted although the database is; it was not kept.');
  }
  let readable = false;
  const probe = openKeyedFile(temp, { nativeBinding: options.nativeBinding, readonly: true });
  try {
    probe.prepare('SELECT count(*) FROM sqlite_schema').get();
    readable = true;
  } catch (error) {
    if ((error as { code?: string }).code !== 'SQLITE_NOTADB') throw error;
  } finally {
    probe.close();
  }
  if (readable) throw new BackupError('The new backup can be read without the key; it was not kept.');
}

/** An encrypted database file starts with its salt, not with SQLite's plaintext header. */
function databaseIsEncrypted(db: Database): boolean {
  if (db.memory || !db.name || !fs.existsSync(db.name)) {
    throw new BackupError('Only a database in a file can be backed up.');
  }
  if (fs.statSync(db.name).size < 16) throw new BackupError(`${db.name} is too short to be a database.`);
  return !hasPlaintextSqliteHeader(db.name);
}

const CHECK = 'liaison_log_backup_check';
const PROBE = 'liaison_log_backup_probe';

function checkCopy(db: Database, temp: string, encrypted: boolean, schemaVersion: number): void {
  // No KEY clause: SQLite3MultipleCiphers opens an attached file with the main database's key.
  db.prepare(`ATTACH DATABASE ? AS ${CHECK}`).run(temp);
  try {
    const report = integrityCheck(db, CHECK);
    if (!report.ok) throw new BackupError(`The new backup failed its integrity check: ${report.details.join('; ')}`);
    if (db.pragma(`${CHECK}.application_id`, { simple: true }) !== APPLICATION_ID) {
      throw new BackupError('The new backup does not carry the Liaison Log application id.');
    }
    if (db.pragma(`${CHECK}.user_version`, { simple: true }) !== schemaVersion) {
      throw new BackupError('The new backup does not have the schema version of the database.');
    }
    if (db.pragma(`${CHECK}.journal_mode`, { simple: true }) === 'wal') {
      throw new BackupError('The new backup is in WAL mode; it would not be a single self-contained file.');
    }
  } finally {
    db.exec(`DETACH DATABASE ${CHECK}`);
  }
  if (!encrypted) return;
  if (hasPlaintextSqliteHeader(temp)) {
    throw new BackupError('The new backup is not encrypted although the database is; it was not kept.');
  }
  // An empty KEY means "no encryption": an encrypted file must refuse to be read that way.
  let readable = false;
  try {
    db.prepare(`ATTACH DATABASE ? AS ${PROBE} KEY ''`).run(temp);
    try {
      db.prepare(`SELECT count(*) FROM ${PROBE}.sqlite_schema`).get();
      readable = true;
    } finally {
      db.exec(`DETACH DATABASE ${PROBE}`);
    }
  } catch (error) {
    if ((error as { code?: string }).code !== 'SQLITE_NOTADB') throw error;
  }
  if (readable) throw new BackupError('The new backup can be read without the key; it was not kept.');
}

function freeName(dir: string, kind: BackupKind, now: Date, schemaVersion: number, label?: string): string {
  for (let sequence = 1; ; sequence++) {
    const file = path.join(
      dir,
      formatBackupName({ kind, createdAt: now, sequence, schemaVersion, ...(label ? { label } : {}) }),
    );
    if (!fs.existsSync(file)) return file;
  }
}

/** Temporary files older than an hour are left from a backup that was interrupted (the app was killed). */
function removeStaleTemporaries(dir: string, now: Date): void {
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(`${TEMP_PREFIX}backup-`)) continue;
    const file = path.join(dir, name);
    try {
      if (now.getTime() - fs.statSync(file).mtimeMs > 3_600_000) fs.rmSync(file, { force: true });
    } catch {
      /* gone already */
    }
  }
}
