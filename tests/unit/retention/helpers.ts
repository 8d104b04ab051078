import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';

// Looking for a string in every byte of a data folder (issue 13, item 5: a purge leaves no trace).
//
// Method. A plaintext folder (createBackend without a key, the test mode the backend has) is searched as it lies
// on disk: every file, raw bytes: the database with its free pages and the free space inside pages, its -wal and
// -shm, the search index (FTS5 keeps its index in ordinary pages of the same file), the logs, the backups. This
// is the proof: SQLite3MultipleCiphers encrypts whole pages below the b-tree, so which bytes a delete leaves
// behind or zeroes is decided the same way with or without a key. The control test shows the method finding a
// plainly deleted record in free space.
// An encrypted folder is ciphertext on disk; its check decrypts a copy of each database with the key
// (`PRAGMA rekey = ''`). That copy holds every live page in the clear, but SQLite3MultipleCiphers leaves free
// pages out of it (measured: a file with 3 free pages of 5 decrypts to 2 pages), so for free space the encrypted
// check is weaker than the plaintext one, and says only that no live page, index or table holds the text.
//
// Each string is looked for as UTF-8 and UTF-16LE, as written and in lower case (the search index stores folded
// tokens), and by its last 10 characters (the index stores a term after the prefix it shares with the term
// before it, so the whole string need not be contiguous).

export function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? allFiles(full) : entry.isFile() ? [full] : [];
  });
}

export function needles(text: string): Buffer[] {
  const forms = new Set([text, text.toLowerCase(), text.slice(-10), text.slice(-10).toLowerCase()]);
  return [...forms].flatMap((t) => [Buffer.from(t, 'utf8'), Buffer.from(t, 'utf16le')]);
}

/** The files (relative paths) whose bytes hold any form of any marker. */
export function filesHolding(files: readonly { name: string; bytes: Buffer }[], markers: readonly string[]): string[] {
  const hits: string[] = [];
  for (const f of files) {
    for (const m of markers) {
      if (needles(m).some((n) => f.bytes.includes(n))) hits.push(`${f.name}: ${m}`);
    }
  }
  return hits;
}

/** A SQLite file's live pages in the clear: a copy of it (and its -wal) decrypted with the key (free pages left out). */
export function decryptedBytes(file: string, key: Buffer, scratch: string): Buffer {
  const copy = path.join(scratch, `decrypt-${path.basename(file)}-${Date.now()}-${Math.random()}.db`);
  fs.copyFileSync(file, copy);
  if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
  const db = new Sqlite(copy);
  try {
    db.pragma(`key = "x'${key.toString('hex')}'"`);
    db.pragma('journal_mode = DELETE');
    db.pragma("rekey = ''");
  } finally {
    db.close();
  }
  const bytes = fs.readFileSync(copy);
  fs.rmSync(copy, { force: true });
  return bytes;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\u0000', 'latin1');

/**
 * Every file of a data folder as bytes to search: plaintext as is; with a key, each file that is not plaintext
 * SQLite and opens with the key (the database, backups) decrypted page by page. -wal and -shm files are read raw
 * too (a WAL's frames are encrypted with the same key: after a truncating checkpoint it is empty).
 */
export function folderBytes(dir: string, key: Buffer | undefined, scratch: string): { name: string; bytes: Buffer }[] {
  return allFiles(dir).map((file) => {
    const name = path.relative(dir, file);
    const raw = fs.readFileSync(file);
    if (!key || raw.length < 4096 || raw.subarray(0, 16).equals(SQLITE_HEADER) || /-(wal|shm|journal)$/.test(file)) {
      return { name, bytes: raw };
    }
    try {
      return { name, bytes: Buffer.concat([raw, decryptedBytes(file, key, scratch)]) };
    } catch {
      return { name, bytes: raw };
    }
  });
}
