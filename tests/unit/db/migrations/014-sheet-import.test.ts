import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../electron/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../../electron/db/migrations/index';
import { migration014 } from '../../../../electron/db/migrations/014-sheet-import';
import { tempDir } from '../../logbook/helpers';

// Migration 014 adds the spreadsheet import's tables (batches, row fingerprints, saved mappings) and changes
// nothing else: a row's fingerprint is unique (the same row cannot be recorded as imported twice), a row
// belongs to an existing batch.

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('migration 014: spreadsheet import', () => {
  it('adds the three tables to a version-13 database, keeping what was there', () => {
    const dir = tempDir('liaison-log-014-');
    dirs.push(dir);
    const db = new Sqlite(path.join(dir, 'data.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 13));
    const tables = () =>
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
        (t) => t.name,
      );
    const before = tables();
    expect(before).not.toContain('sheet_import_batch');
    migrate(db, MIGRATIONS.slice(0, 14));
    expect(db.pragma('user_version', { simple: true })).toBe(14);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(migration014.version);
    expect(tables()).toEqual([...before, 'sheet_import_batch', 'sheet_import_mapping', 'sheet_import_row'].sort());

    // Later migrations keep them.
    migrate(db, MIGRATIONS);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    db.prepare(
      `INSERT INTO sheet_import_batch (id, source, file_name, file_sha256, target, mapping, imported_at, row_count, imported)
       VALUES ('b1', 'bogota', 'log.xlsx', 'abc', 'request', '{}', '2026-01-01T00:00:00.000Z', 2, 2)`,
    ).run();
    const row = db.prepare(
      'INSERT INTO sheet_import_row (fingerprint, batch_id, row_number, record_id, record_revision) VALUES (?, ?, ?, ?, 1)',
    );
    row.run('f1', 'b1', 2, 'r1');
    expect(() => row.run('f1', 'b1', 3, 'r2')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => row.run('f2', 'no-such-batch', 3, 'r2')).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
