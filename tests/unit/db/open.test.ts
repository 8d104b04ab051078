import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { DATABASE_FILE, openDatabase } from '../../../electron/db/open';
import { DatabaseFromFutureError, NotALiaisonLogDatabaseError } from '../../../electron/db/errors';
import { migrate } from '../../../electron/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/db/migrations/index';
import { userVersion } from '../helpers/db-dump';
import { sha256File } from '../helpers/files';
import { listDir, useTempDirs } from '../helpers/temp-dir';

const MARKER = 'PLAINTEXT-MARKER-7f3a9c';

function expectThrown<T extends Error>(run: () => unknown, type: new (...args: never[]) => T): T {
  let caught: unknown;
  try {
    const db = run() as { close?: () => void } | undefined;
    db?.close?.();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(type);
  return caught as T;
}

/** A SQLite file that a newer Liaison Log wrote: user_version above ours, with a table and a row. */
function writeFutureDatabase(file: string, journalMode: 'delete' | 'wal'): void {
  const db = new Sqlite(file);
  db.pragma(`journal_mode = ${journalMode}`);
  db.exec("CREATE TABLE from_the_future (x TEXT) STRICT; INSERT INTO from_the_future VALUES ('keep me');");
  db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
  db.close();
}

describe('openDatabase', () => {
  const tempDir = useTempDirs();

  it.runIf(process.platform !== 'win32')(
    'makes the database, its -wal and -shm owner-only (0600) whatever the umask, and tightens an old one',
    () => {
      const mode = (f: string) => (fs.statSync(f).mode & 0o777).toString(8);
      const previous = process.umask(0o022); // the common default: SQLite alone makes 0644 files under it
      try {
        const file = path.join(tempDir(), 'data', DATABASE_FILE);
        const db = openDatabase(file);
        db.exec('CREATE TABLE t (x INTEGER) STRICT; INSERT INTO t VALUES (1);');
        expect([mode(file), mode(`${file}-wal`), mode(`${file}-shm`)]).toEqual(['600', '600', '600']);
        db.close();
        // A database an earlier version left readable by others, with its log files still there.
        const old = new Sqlite(file);
        old.pragma('journal_mode = WAL');
        old.exec('INSERT INTO t VALUES (2);');
        for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.chmodSync(f, 0o644);
        const again = openDatabase(file);
        try {
          expect([mode(file), mode(`${file}-wal`), mode(`${file}-shm`)]).toEqual(['600', '600', '600']);
        } finally {
          again.close();
          old.close();
        }
      } finally {
        process.umask(previous);
      }
    },
  );

  it('creates the folder and file, migrates to the latest schema and sets the pragmas', () => {
    const file = path.join(tempDir(), 'nested', 'deeper', DATABASE_FILE);
    const db = openDatabase(file);
    try {
      expect(fs.existsSync(file)).toBe(true);
      expect(userVersion(db)).toBe(LATEST_SCHEMA_VERSION);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    } finally {
      db.close();
    }
  });

  it('keeps WAL mode in the file, so the next connection is in WAL too', () => {
    const file = path.join(tempDir(), DATABASE_FILE);
    openDatabase(file).close();
    const raw = new Sqlite(file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
  });

  it('reopening an up-to-date database applies no migration again', () => {
    const file = path.join(tempDir(), DATABASE_FILE);
    const first = openDatabase(file);
    const log = first.prepare('SELECT * FROM schema_migration ORDER BY version').all();
    first.close();
    const second = openDatabase(file);
    try {
      expect(second.prepare('SELECT * FROM schema_migration ORDER BY version').all()).toEqual(log);
      expect(log).toHaveLength(LATEST_SCHEMA_VERSION);
    } finally {
      second.close();
    }
  });

  it('upgrades a database left at version 1 by an older release', () => {
    const file = path.join(tempDir(), DATABASE_FILE);
    const old = new Sqlite(file);
    migrate(old, MIGRATIONS.slice(0, 1));
    old.close();
    const db = openDatabase(file);
    try {
      expect(userVersion(db)).toBe(LATEST_SCHEMA_VERSION);
      expect(db.prepare('SELECT version FROM schema_migration ORDER BY version').pluck().all()).toEqual(
        MIGRATIONS.map((m) => m.version),
      );
    } finally {
      db.close();
    }
  });

  describe.each(['delete', 'wal'] as const)('a database from a newer version (journal_mode %s)', (journalMode) => {
    it('is refused with DatabaseFromFutureError and left byte-for-byte unchanged', () => {
      const dir = tempDir();
      const file = path.join(dir, DATABASE_FILE);
      writeFutureDatabase(file, journalMode);
      const before = sha256File(file);
      const filesBefore = listDir(dir);
      expect(filesBefore).toEqual([DATABASE_FILE]);

      const error = expectThrown(() => openDatabase(file), DatabaseFromFutureError);
      expect(error.fileVersion).toBe(LATEST_SCHEMA_VERSION + 1);
      expect(error.supportedVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(error.message).toMatch(/newer version/);

      expect(sha256File(file)).toBe(before);
      // No -wal, -shm or -journal file is left behind.
      expect(listDir(dir)).toEqual(filesBefore);
      // And the newer version's data is still there.
      const raw = new Sqlite(file, { readonly: true });
      try {
        expect(raw.prepare('SELECT x FROM from_the_future').pluck().all()).toEqual(['keep me']);
        expect(userVersion(raw)).toBe(LATEST_SCHEMA_VERSION + 1);
      } finally {
        raw.close();
      }
    });
  });

  it('a file that is not SQLite is refused with NotALiaisonLogDatabaseError and left unchanged', () => {
    const dir = tempDir();
    const file = path.join(dir, DATABASE_FILE);
    fs.writeFileSync(file, crypto.randomBytes(64 * 1024));
    const before = sha256File(file);

    const error = expectThrown(() => openDatabase(file), NotALiaisonLogDatabaseError);
    expect(error.message).toMatch(/not a Liaison Log database/);
    expect((error.cause as { code?: string } | undefined)?.code).toBe('SQLITE_NOTADB');

    expect(sha256File(file)).toBe(before);
    expect(listDir(dir)).toEqual([DATABASE_FILE]);
  });

  it('a short text file is refused with NotALiaisonLogDatabaseError and left unchanged', () => {
    const dir = tempDir();
    const file = path.join(dir, DATABASE_FILE);
    fs.writeFileSync(file, 'These are my notes, not a database.\n');
    expectThrown(() => openDatabase(file), NotALiaisonLogDatabaseError);
    expect(fs.readFileSync(file, 'utf8')).toBe('These are my notes, not a database.\n');
    expect(listDir(dir)).toEqual([DATABASE_FILE]);
  });

  describe('with a 32-byte key', () => {
    function writeMarker(file: string, key?: Buffer): void {
      const db = openDatabase(file, key ? { key } : {});
      db.prepare('INSERT INTO setting (key, value) VALUES (?, ?)').run('marker', JSON.stringify(MARKER));
      db.close();
    }

    function filesContain(dir: string, text: string): boolean {
      return listDir(dir).some((name) => fs.readFileSync(path.join(dir, name)).includes(text));
    }

    it('control: without a key, the marker is readable in the file (so the next test can fail)', () => {
      const dir = tempDir();
      writeMarker(path.join(dir, DATABASE_FILE));
      expect(filesContain(dir, MARKER)).toBe(true);
    });

    it('writes no plaintext to disk, neither in the database nor in its WAL while open', () => {
      const dir = tempDir();
      const file = path.join(dir, DATABASE_FILE);
      const key = crypto.randomBytes(32);
      const db = openDatabase(file, { key });
      try {
        db.prepare('INSERT INTO setting (key, value) VALUES (?, ?)').run('marker', JSON.stringify(MARKER));
        expect(listDir(dir)).toContain(`${DATABASE_FILE}-wal`);
        expect(filesContain(dir, MARKER)).toBe(false);
        expect(filesContain(dir, 'SQLite format 3')).toBe(false);
      } finally {
        db.close();
      }
      expect(filesContain(dir, MARKER)).toBe(false);

      const reopened = openDatabase(file, { key });
      try {
        expect(reopened.prepare("SELECT value FROM setting WHERE key = 'marker'").pluck().get()).toBe(
          JSON.stringify(MARKER),
        );
      } finally {
        reopened.close();
      }
    });

    it('cannot be opened without the key, or with another key, and is left unchanged', () => {
      const dir = tempDir();
      const file = path.join(dir, DATABASE_FILE);
      writeMarker(file, crypto.randomBytes(32));
      const before = sha256File(file);
      const filesBefore = listDir(dir);

      expectThrown(() => openDatabase(file), NotALiaisonLogDatabaseError);
      expectThrown(() => openDatabase(file, { key: crypto.randomBytes(32) }), NotALiaisonLogDatabaseError);

      expect(sha256File(file)).toBe(before);
      expect(listDir(dir)).toEqual(filesBefore);
    });

    it('a plaintext database opened with a key is refused, not rewritten', () => {
      const dir = tempDir();
      const file = path.join(dir, DATABASE_FILE);
      writeMarker(file);
      const before = sha256File(file);
      expectThrown(() => openDatabase(file, { key: crypto.randomBytes(32) }), NotALiaisonLogDatabaseError);
      expect(sha256File(file)).toBe(before);
    });

    it('refuses a key that is not 32 bytes and leaves an existing database unchanged', () => {
      const dir = tempDir();
      const file = path.join(dir, DATABASE_FILE);
      const key = crypto.randomBytes(32);
      writeMarker(file, key);
      const before = sha256File(file);
      for (const bad of [Buffer.alloc(16), Buffer.alloc(31), Buffer.alloc(33), Buffer.alloc(64)]) {
        expect(() => openDatabase(file, { key: bad }).close()).toThrow('The database key must be 32 bytes.');
      }
      expect(sha256File(file)).toBe(before);
    });
  });
});
