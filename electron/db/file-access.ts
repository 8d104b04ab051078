import fs from 'node:fs';
import Sqlite, { type Database } from 'better-sqlite3-multiple-ciphers';

// Low-level access to database files that are not the open application database: backups being checked,
// a restore's copy, a damaged file being salvaged. The application database itself is opened only by
// openDatabase (open.ts), which also sets the pragmas and runs the migrations.

export interface KeyedFileOptions {
  /** The raw 256-bit SQLite3MultipleCiphers key; absent for an unencrypted file. */
  readonly key?: Buffer | undefined;
  readonly readonly?: boolean;
  /** The native addon built for the running runtime (Electron's ABI), as openDatabase takes it. */
  readonly nativeBinding?: string | undefined;
}

/**
 * Opens an existing SQLite file with the key, and nothing else: no journal-mode change, no migration.
 * With the wrong key (or none for an encrypted file) the first read fails with SQLITE_NOTADB.
 */
export function openKeyedFile(file: string, options: KeyedFileOptions = {}): Database {
  const db = new Sqlite(file, {
    fileMustExist: true,
    readonly: options.readonly ?? false,
    // Never wait for a lock: a file that is busy belongs to someone else right now.
    timeout: 0,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    applyKey(db, options.key);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The same form of the key pragma openDatabase uses: a raw key, not a passphrase run through a KDF. */
export function applyKey(db: Database, key: Buffer | undefined): void {
  if (!key) return;
  if (key.length !== 32) throw new Error('The database key must be 32 bytes.');
  db.pragma(`key = "x'${key.toString('hex')}'"`);
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Whether a file starts with SQLite's plaintext magic header. An encrypted SQLite3MultipleCiphers file
 * (ChaCha20-Poly1305, the default cipher) starts with its random salt instead.
 */
export function hasPlaintextSqliteHeader(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(SQLITE_MAGIC.length);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    return read === head.length && head.equals(SQLITE_MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

/** Flushes a file's content to the disk, so a rename that follows never exposes a file the disk lacks. */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename durable. Not every platform can open a folder (Windows cannot): that is not an error. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    /* best effort */
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Removes a SQLite file and any side files it may have left (journal, WAL, shared memory). */
export function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}

/**
 * Readable and writable by its owner only (0600), whatever the umask: the database, its -wal and -shm, every
 * backup and key file hold what the data folder protects. No-op on Windows (ACLs, not modes, protect the
 * profile there), for a file that is not there (yet), and on a file system without modes (FAT, some shares).
 */
export function ownerOnlyFile(file: string): void {
  setMode(file, 0o600);
}

/** A folder only its owner may list or enter (0700): the data folder and the backups folder. */
export function ownerOnlyFolder(dir: string): void {
  setMode(dir, 0o700);
}

function setMode(target: string, mode: number): void {
  if (process.platform === 'win32') return;
  try {
    if ((fs.statSync(target).mode & 0o777) !== mode) fs.chmodSync(target, mode);
  } catch {
    /* not there, or a file system without modes: nothing to tighten */
  }
}
