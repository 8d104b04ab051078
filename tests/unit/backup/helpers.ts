import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3-multiple-ciphers';
import { expect } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';
import { DATABASE_FILE } from '../../../electron/db/open';

// Shared by the backup, crash and fault tests: real backends on real (encrypted) files.

export const MARKER = 'BACKUP-PLAINTEXT-MARKER-4e1d';

/** Both ways a database can be: encrypted with a fresh random key, and (tests, legacy) without one. */
export const KEY_MODES: { name: string; key: () => Buffer | undefined }[] = [
  { name: 'encrypted', key: () => crypto.randomBytes(32) },
  { name: 'unencrypted', key: () => undefined },
];

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE);
}

export function openBackend(dataDir: string, key: Buffer | undefined): Backend {
  return createBackend({ dataDir, key, log: () => undefined });
}

export function requestInput(subject: string, notes = ''): Record<string, unknown> {
  return {
    direction: 'incoming',
    counterpartCountry: 'DE',
    counterpartAgency: 'Bundeskriminalamt',
    channel: 'siena',
    exchangedAt: '2026-03-02T09:30:00.000Z',
    subject,
    status: 'open',
    phenomena: ['cocaine'],
    notes,
  };
}

/**
 * Creates `count` requests through the backend (the validated channel the UI uses); returns their ids.
 * They are written in one transaction: each on its own would wait for its own flush to disk.
 */
export async function addRequests(backend: Backend, count: number, prefix = MARKER, notes = ''): Promise<string[]> {
  const ids: string[] = [];
  backend.db.exec('BEGIN IMMEDIATE');
  try {
    for (let i = 0; i < count; i++) {
      const r = await backend.invoke('requests.create', requestInput(`${prefix} ${i}`, notes));
      if (!r.ok) expect.fail(JSON.stringify(r.error));
      ids.push((r.value as { id: string }).id);
    }
    backend.db.exec('COMMIT');
  } catch (error) {
    backend.db.exec('ROLLBACK');
    throw error;
  }
  return ids;
}

/** A raw connection with the key and nothing else. */
export function rawOpen(file: string, key: Buffer | undefined, readonly = true): Database {
  const db = new Sqlite(file, { readonly, fileMustExist: true });
  if (key) db.pragma(`key = "x'${key.toString('hex')}'"`);
  return db;
}

export function recordIds(file: string, key: Buffer | undefined): string[] {
  const db = rawOpen(file, key, false);
  try {
    return db
      .prepare<[], { id: string }>('SELECT id FROM record ORDER BY id')
      .all()
      .map((r) => r.id);
  } finally {
    db.close();
  }
}

/** Expects a file to be unreadable without the key: SQLite sees no database at all. */
export function expectNeedsKey(file: string): void {
  const head = fs.readFileSync(file).subarray(0, 16);
  expect(head.toString('latin1')).not.toBe('SQLite format 3\0');
  expect(fs.readFileSync(file).includes(MARKER)).toBe(false);
  for (const key of [undefined, crypto.randomBytes(32)]) {
    let code: string | undefined;
    try {
      const db = rawOpen(file, key);
      try {
        db.prepare('SELECT count(*) FROM sqlite_schema').get();
      } finally {
        db.close();
      }
    } catch (error) {
      code = (error as { code?: string }).code;
    }
    expect(code, key ? 'with a wrong key' : 'without a key').toBe('SQLITE_NOTADB');
  }
}

/** Overwrites whole pages of a database file with random bytes: real damage, as a failing disk makes it. */
export function damagePages(file: string, pages: readonly number[], pageSize = 4096): void {
  const fd = fs.openSync(file, 'r+');
  try {
    for (const page of pages) fs.writeSync(fd, crypto.randomBytes(pageSize), 0, pageSize, page * pageSize);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The 0-based indexes (for damagePages) of a table's leaf pages, from SQLite's dbstat table: damage aimed
 * at rows, not at whatever page a later migration happens to put in the middle of the file.
 */
export function leafPages(file: string, key: Buffer | undefined, table: string): number[] {
  // Read-write, so that closing removes the -wal and -shm a read-only connection would leave behind.
  const db = rawOpen(file, key, false);
  try {
    return db
      .prepare<[string], { pageno: number }>(
        "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
      )
      .all(table)
      .map((r) => r.pageno - 1);
  } finally {
    db.close();
  }
}
