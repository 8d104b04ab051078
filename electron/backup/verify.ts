import fs from 'node:fs';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { integrityCheck } from '../db/integrity';
import { openKeyedFile } from '../db/file-access';
import { LATEST_SCHEMA_VERSION } from '../db/migrations/index';
import { APPLICATION_ID } from '../db/open';

export type BackupCheck =
  | { readonly ok: true; readonly schemaVersion: number }
  | {
      readonly ok: false;
      readonly problem: 'missing' | 'unreadable' | 'not_ours' | 'from_future' | 'damaged';
      readonly message: string;
      readonly details?: readonly string[];
    };

export interface VerifyOptions {
  readonly nativeBinding?: string | undefined;
  /**
   * Open read-write (default read-only). Restore checks its own temporary copy this way, so a copy that
   * is in WAL mode (a database file copied by hand) can be read without side files appearing elsewhere.
   */
  readonly writable?: boolean;
}

/**
 * Whether a file is a Liaison Log database this version can restore: it opens with `key` (an encrypted
 * file with the wrong key, or none, is unreadable), carries our application id, is not from a newer
 * version, and passes integrity_check. The file is not changed.
 */
export function verifyBackup(file: string, key: Buffer | undefined, options: VerifyOptions = {}): BackupCheck {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    return { ok: false, problem: 'missing', message: `There is no backup file at ${file}.` };
  }
  let db: Database | undefined;
  try {
    let version: number;
    let appId: number;
    try {
      db = openKeyedFile(file, { key, readonly: !options.writable, nativeBinding: options.nativeBinding });
      version = db.pragma('user_version', { simple: true }) as number;
      appId = db.pragma('application_id', { simple: true }) as number;
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
    } catch (error) {
      return {
        ok: false,
        problem: 'unreadable',
        message:
          `${file} cannot be read: it is not a Liaison Log backup, it was made with another key (another ` +
          `installation, or before the data was re-encrypted), or its start is damaged.`,
        details: [(error as Error).message],
      };
    }
    if (appId !== APPLICATION_ID) {
      return { ok: false, problem: 'not_ours', message: `${file} is an SQLite database, but not a Liaison Log one.` };
    }
    if (version > LATEST_SCHEMA_VERSION) {
      return {
        ok: false,
        problem: 'from_future',
        message:
          `${file} was made by a newer version of Liaison Log (database schema ${version}; this version ` +
          `understands up to ${LATEST_SCHEMA_VERSION}). Install the newer version to restore it.`,
      };
    }
    const check = integrityCheck(db);
    if (!check.ok) {
      return {
        ok: false,
        problem: 'damaged',
        message: `${file} is damaged and cannot be restored: ${check.details[0] ?? 'integrity check failed'}`,
        details: check.details,
      };
    }
    return { ok: true, schemaVersion: version };
  } finally {
    db?.close();
  }
}
