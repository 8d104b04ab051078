import { afterEach, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE, openDatabase, pageCacheKib, type Database } from '../../../electron/db/open';
import { tempDir } from '../logbook/helpers';

// The page cache is sized for the database (electron/db/open.ts, pageCacheKib: 1% of it, between 16 and
// 64 MiB, from the list measurements written there), set on every connection the app opens.

const dirs: string[] = [];
const opened: Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const MIB = 1024 * 1024;

describe('the page cache', () => {
  it('is 1% of the database, at least 16 MiB and at most 64 MiB', () => {
    expect(pageCacheKib(0)).toBe(16 * 1024);
    expect(pageCacheKib(200 * MIB)).toBe(16 * 1024); // a post, or HQ at 100,000 records
    expect(pageCacheKib(2300 * MIB)).toBe(Math.round((2300 * MIB) / 100 / 1024)); // HQ at 1,000,000: 23 MiB
    expect(pageCacheKib(20_000 * MIB)).toBe(64 * 1024); // a decade at HQ and more
  });

  it('is set when a database is opened, with its key, from the size of its file', () => {
    const dir = tempDir('liaison-log-cache-');
    dirs.push(dir);
    const file = path.join(dir, DATABASE_FILE);
    const key = crypto.randomBytes(32);
    const db = openDatabase(file, { key });
    opened.push(db);
    const bytes =
      (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
    expect(db.pragma('cache_size', { simple: true })).toBe(-pageCacheKib(bytes));
    // 16 MiB exactly, not SQLite3MultipleCiphers' default of 16,000 KiB: the setting is the app's.
    expect(db.pragma('cache_size', { simple: true })).toBe(-16 * 1024);
  });
});
