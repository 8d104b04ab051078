import fs from 'node:fs';
import path from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3-multiple-ciphers';
import { DatabaseFromFutureError, NotALiaisonLogDatabaseError } from './errors';
import { ownerOnlyFile } from './file-access';
import { migrate, schemaVersion } from './migrate';
import { LATEST_SCHEMA_VERSION } from './migrations/index';

export const DATABASE_FILE = 'liaison-log.db';

export interface OpenDatabaseOptions {
  /**
   * Raw 256-bit key for SQLite3MultipleCiphers. The app and the command line always pass one (from the
   * vault, electron/vault/); tests, benchmarks and demo helpers may open plaintext files without it.
   */
  readonly key?: Buffer;
  /** Path to a better-sqlite3 native addon built for the running runtime (Electron's own ABI). */
  readonly nativeBinding?: string;
}

/** Written into every Liaison Log database header ("LLOG"), so another program's SQLite file is never adopted. */
export const APPLICATION_ID = 0x4c4c4f47;

/**
 * The one place a database is opened. The key slots in here; so do the pragmas every connection needs.
 * A first, read-only look decides whether the file is ours and not from a newer version, so a file that is
 * refused is left exactly as it was (a read-only connection cannot check a newer version's WAL into it).
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database {
  if (options.key && options.key.length !== 32) throw new Error('The database key must be 32 bytes.');
  const native = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  if (fs.existsSync(file)) inspectReadOnly(file, options, native);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Created owner-only before SQLite opens it (SQLite gives its -wal and -shm the database file's mode), and
  // tightened if an earlier version left it readable by others.
  if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', 0o600));
  ownerOnlyFile(file);
  const db = new Sqlite(file, native);
  try {
    unlock(db, options.key);
    const version = schemaVersion(db);
    if (version > LATEST_SCHEMA_VERSION) throw new DatabaseFromFutureError(version, LATEST_SCHEMA_VERSION);
    db.pragma('journal_mode = WAL');
    // FULL: every write the UI confirms survives a power cut, not only an application crash.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma(`cache_size = -${pageCacheKib(pageCount(db) * pageSize(db))}`);
    migrate(db);
    if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID)
      db.pragma(`application_id = ${APPLICATION_ID}`);
    for (const suffix of ['-wal', '-shm']) ownerOnlyFile(file + suffix);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The page cache for a database of `bytes` (KiB, as `cache_size = -N` takes it): 1% of the database, at least
 * 16 MiB and at most 64 MiB. Measured with scripts/bench-lists.ts on an encrypted HQ folder of 1,000,000
 * records (2.3 GB; every first page of every list filter the screens offer, 141 lists, summed; two runs each,
 * on a shared two-core machine; warm medians / first runs / counts to 1,000, in ms):
 *     2 MiB   546 / 943 / 406    595 / 956 / 409
 *     8 MiB   433 / 916 / 291    415 / 749 / 270
 *    16 MiB   410 / 764 / 297    347 / 737 / 271   (SQLite3MultipleCiphers' default)
 *    23 MiB   343 / 733 / 277    329 / 674 / 265   (1%)
 *    64 MiB   365 / 716 / 257    461 / 757 / 270   (peak RSS +45 MB)
 *   256 MiB   379 / 819 / 286    402 / 805 / 281   (peak RSS +130 MB)
 * Below 16 MiB every miss costs a read and a decryption; from 16 MiB the lists' working set at a million
 * records (the upper levels of the list indexes, the page's records, record_phenomenon for the phenomenon
 * filter) stays in memory and more changed nothing measurable. That working set grows with the database
 * (each index's upper levels are about 1% of it), hence 1%; the cap keeps a decade at HQ to 64 MiB a connection.
 */
export function pageCacheKib(bytes: number): number {
  return Math.min(64 * 1024, Math.max(16 * 1024, Math.round(bytes / 100 / 1024)));
}

function pageCount(db: Database): number {
  return db.pragma('page_count', { simple: true }) as number;
}

function pageSize(db: Database): number {
  return db.pragma('page_size', { simple: true }) as number;
}

function unlock(db: Database, key: Buffer | undefined): void {
  if (key) db.pragma(`key = "x'${key.toString('hex')}'"`);
}

function inspectReadOnly(file: string, options: OpenDatabaseOptions, native: object): void {
  // A read-only connection to a WAL database may create empty -wal and -shm files it cannot remove itself.
  const sidecars = ['-wal', '-shm'].map((suffix) => file + suffix).filter((f) => !fs.existsSync(f));
  let probe: Database | undefined;
  try {
    probe = new Sqlite(file, { ...native, readonly: true, fileMustExist: true });
    unlock(probe, options.key);
    let version: number;
    let appId: number;
    let tables: number;
    try {
      version = schemaVersion(probe);
      appId = probe.pragma('application_id', { simple: true }) as number;
      tables = (probe.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n;
    } catch (cause) {
      // A folder or disk that refuses us is not a foreign file: say what it is (storage-errors.ts words it).
      if (isStorageRefusal(cause)) throw cause;
      throw new NotALiaisonLogDatabaseError(file, cause);
    }
    // Ours: our application id, or (from before the id was written) a schema we made. A foreign SQLite file
    // has another id, or tables without any Liaison Log schema version.
    if ((appId !== APPLICATION_ID && appId !== 0) || (appId === 0 && version === 0 && tables > 0)) {
      throw new NotALiaisonLogDatabaseError(file);
    }
    if (version > LATEST_SCHEMA_VERSION) throw new DatabaseFromFutureError(version, LATEST_SCHEMA_VERSION);
  } finally {
    probe?.close();
    for (const f of sidecars) {
      if (fs.existsSync(f) && (f.endsWith('-shm') || fs.statSync(f).size === 0)) fs.rmSync(f, { force: true });
    }
  }
}

function isStorageRefusal(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_FULL'))
  );
}

const PLAINTEXT_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Whether `file` is an unencrypted SQLite database (its first 16 bytes are SQLite's magic header). An
 * encrypted file starts with random-looking bytes instead; a missing or short file is neither.
 */
export function isPlaintextDatabase(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(PLAINTEXT_HEADER.length);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    return read === head.length && head.equals(PLAINTEXT_HEADER);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

// The Electron build of the addon is located by native-addon.ts (no SQLite import, so the shell can use it).
export {
  BUILD_ELECTRON_ADDON_COMMAND,
  ELECTRON_ADDON_RELATIVE_PATH,
  electronNativeBinding,
  electronNativeBindingCandidates,
  NativeAddonMissingError,
  readAddonAbi,
  requireElectronNativeBinding,
} from './native-addon';

// Re-exported so callers need not know which package provides the better-sqlite3 API.
export type { Database };
