import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { isPlaintextDatabase, openDatabase } from '../db/open';

// A data folder from before encryption holds a plaintext liaison-log.db. It is encrypted once, when the
// passphrase is set up, without ever putting the only copy at risk:
//   1. open it as usual (which refuses a foreign file or one from a newer version, and migrates), fold the WAL
//      into the file and note every table's row count;
//   2. VACUUM INTO a new file beside it (a consistent, compact copy), and encrypt that copy with
//      SQLite3MultipleCiphers' PRAGMA rekey (which refuses WAL mode; a VACUUM INTO copy is in rollback mode);
//   3. open the copy with the key: integrity_check must say ok, schema version and every row count must match;
//   4. only then rename it over the original (atomic on one file system) and flush the folder.
// A failure at any step leaves the original exactly as it was; a crash leaves at most the copy, which the
// next attempt replaces. SQLite's rekey rewrites the copy in place; see docs/data-protection.md for what an
// unencrypted file leaves behind on disk.

export const UPGRADE_SUFFIX = '.encrypting';

export class UpgradeError extends Error {
  constructor(message: string, cause?: unknown) {
    super(`The unencrypted database could not be encrypted: ${message} The original file is unchanged.`, { cause });
    this.name = 'UpgradeError';
  }
}

interface Census {
  readonly userVersion: number;
  readonly rows: Record<string, number>;
}

function census(db: Sqlite.Database): Census {
  const tables = db
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
        AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name`,
    )
    .all()
    .map((r) => r.name);
  const rows: Record<string, number> = {};
  for (const t of tables) {
    rows[t] = db
      .prepare(`SELECT count(*) AS n FROM "${t.replaceAll('"', '""')}"`)
      .pluck()
      .get() as number;
  }
  return { userVersion: db.pragma('user_version', { simple: true }) as number, rows };
}

export function encryptPlaintextDatabase(file: string, key: Buffer, nativeBinding?: string): void {
  if (!isPlaintextDatabase(file)) throw new UpgradeError(`${file} is not an unencrypted SQLite database.`);
  const native = nativeBinding ? { nativeBinding } : {};
  const copy = file + UPGRADE_SUFFIX;
  try {
    removeWithSidecars(copy); // left by an interrupted attempt: never the only copy of anything
  } catch (error) {
    throw new UpgradeError(`${copy} is in the way (${(error as Error).message}).`, error);
  }

  // 1. The original, checked and migrated as on every start, with its WAL folded in.
  const original = openDatabase(file, native);
  let before: Census;
  try {
    original.pragma('wal_checkpoint(TRUNCATE)');
    before = census(original);
    // 2. A consistent copy, then encrypted in place.
    original.prepare('VACUUM INTO ?').run(copy);
  } finally {
    original.close();
  }
  // Closing the last connection removes the WAL and its index; if they are still there, another program
  // (the app, or the command line) has the file open and would go on writing into the replaced file.
  const inUse = () => ['-wal', '-shm'].some((suffix) => fs.existsSync(file + suffix));
  try {
    if (inUse()) {
      throw new UpgradeError(
        'the database is open in another program (Liaison Log or its command line). Close it and try again.',
      );
    }
    const raw = new Sqlite(copy, { ...native, fileMustExist: true });
    try {
      raw.pragma(`rekey = "x'${key.toString('hex')}'"`);
    } finally {
      raw.close();
    }
    if (isPlaintextDatabase(copy)) throw new UpgradeError('the copy is still unencrypted.');

    // 3. The copy opens with the key and holds everything.
    const check = openDatabase(copy, { ...native, key });
    try {
      const integrity = check.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok')
        throw new UpgradeError(`the encrypted copy failed its integrity check (${String(integrity)}).`);
      const after = census(check);
      if (JSON.stringify(after) !== JSON.stringify(before)) {
        throw new UpgradeError('the encrypted copy does not hold the same rows as the original.');
      }
    } finally {
      check.close();
    }
    // Closing the last connection folded the copy's WAL into it; anything left would be lost with the rename.
    if (fs.existsSync(`${copy}-wal`) && fs.statSync(`${copy}-wal`).size > 0) {
      throw new UpgradeError('the encrypted copy was not written completely.');
    }
    removeWithSidecars(copy, { keepMain: true });

    // 4. Swap. A WAL or journal of the original would be replayed into the new file: there must be none.
    if (inUse() || (fs.existsSync(`${file}-journal`) && fs.statSync(`${file}-journal`).size > 0)) {
      throw new UpgradeError('the database was opened by another program meanwhile. Close it and try again.');
    }
    fs.rmSync(`${file}-journal`, { force: true });
    const fd = fs.openSync(copy, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(copy, file);
    syncFolder(path.dirname(file));
  } catch (error) {
    removeWithSidecars(copy);
    if (error instanceof UpgradeError) throw error;
    throw new UpgradeError((error as Error).message, error);
  }
}

function removeWithSidecars(file: string, options: { keepMain?: boolean } = {}): void {
  for (const suffix of [...(options.keepMain ? [] : ['']), '-wal', '-shm', '-journal']) {
    fs.rmSync(file + suffix, { force: true });
  }
}

function syncFolder(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    /* not every platform can open a folder; the rename itself is still atomic */
  }
}
