import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import {
  fsyncDir,
  fsyncFile,
  hasPlaintextSqliteHeader,
  ownerOnlyFile,
  ownerOnlyFolder,
  removeDatabaseFiles,
} from '../db/file-access';
import { integrityCheck } from '../db/integrity';
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
 * long as the copy takes (a few hundred milliseconds for tens of megabytes).
 */
export function createBackup(db: Database, options: CreateBackupOptions): BackupResult {
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
    temp = path.join(dir, `${TEMP_PREFIX}backup-${randomUUID()}.tmp`);
    db.prepare('VACUUM INTO ?').run(temp);
    checkCopy(db, temp, encrypted, schemaVersion);
    ownerOnlyFile(temp);
    fsyncFile(temp);
    file = freeName(dir, kind, options.now, schemaVersion, slugLabel(options.label));
    fs.renameSync(temp, file);
    temp = undefined;
    fsyncDir(dir);
  } catch (error) {
    if (temp) removeDatabaseFiles(temp);
    if (error instanceof BackupError) throw error;
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
