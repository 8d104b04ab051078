import fs from 'node:fs';
import path from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3-multiple-ciphers';
import { DatabaseFromFutureError, NotALiaisonLogDatabaseError } from './errors';
import { migrate, schemaVersion } from './migrate';
import { LATEST_SCHEMA_VERSION } from './migrations/index';

export const DATABASE_FILE = 'liaison-log.db';

export interface OpenDatabaseOptions {
  /** Raw 256-bit key for SQLite3MultipleCiphers. Absent until the protection-at-rest work lands. */
  readonly key?: Buffer;
  /** Path to a better-sqlite3 native addon built for the running runtime (Electron's own ABI). */
  readonly nativeBinding?: string;
}

/**
 * The one place a database is opened. The key slots in here; so do the pragmas every connection needs.
 * Order matters: the schema version is read before anything that writes (WAL switch, migrations), so a
 * database from a newer version is refused untouched.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Sqlite(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    if (options.key) {
      if (options.key.length !== 32) throw new Error('The database key must be 32 bytes.');
      db.pragma(`key = "x'${options.key.toString('hex')}'"`);
    }
    let version: number;
    try {
      version = schemaVersion(db);
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
    } catch (cause) {
      throw new NotALiaisonLogDatabaseError(file, cause);
    }
    if (version > LATEST_SCHEMA_VERSION) throw new DatabaseFromFutureError(version, LATEST_SCHEMA_VERSION);
    db.pragma('journal_mode = WAL');
    // FULL: every write the UI confirms survives a power cut, not only an application crash.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Where the Electron-ABI build of the native addon lives, if `npm start` has built one. */
export function electronNativeBinding(appRoot: string): string | undefined {
  if (!process.versions['electron']) return undefined;
  const candidate = path.join(appRoot, 'native', 'electron', 'better_sqlite3.node');
  return fs.existsSync(candidate) ? candidate : undefined;
}

// Re-exported so callers need not know which package provides the better-sqlite3 API.
export type { Database };
