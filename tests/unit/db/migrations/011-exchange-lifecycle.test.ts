import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3-multiple-ciphers';
import { DATABASE_FILE } from '../../../../electron/db/open';
import { migrate } from '../../../../electron/db/migrate';
import { MIGRATIONS } from '../../../../electron/db/migrations/index';
import { tempDir } from '../../logbook/helpers';
import { expectSqliteError } from '../../helpers/sqlite';

// Migration 011 (issue 13, items 1-2): the post's series run, the figures sent per period, and at HQ the bundle
// log rebuilt so that a sequence number is unique among live bundles only, tombstones of records HQ does not hold,
// and the figures held per post and period (filled from the bundles imported before).

const dirs: string[] = [];
const opened: Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function version10(): Database {
  const dir = tempDir('liaison-log-011-');
  dirs.push(dir);
  const db = new Sqlite(path.join(dir, DATABASE_FILE));
  opened.push(db);
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 10));
  const bundle = db.prepare(`INSERT INTO imported_bundle (export_id, post_id, key_id, sequence, file_sha256,
      previous_hash, period_from, period_to, level, created_at, imported_at, counts, aggregates, file_name)
    VALUES (?, 'BOG', 'K', ?, ?, NULL, ?, ?, 'aggregate', ?, '2026-07-01T00:00:00.000Z', '{}', ?, 'f')`);
  bundle.run('e1', 1, 'a'.repeat(64), '2026-01-01', '2026-03-31', '2026-04-01T00:00:00.000Z', '{"n":1}');
  bundle.run('e2', 2, 'b'.repeat(64), '2026-01-01', '2026-03-31', '2026-05-01T00:00:00.000Z', '{"n":2}');
  bundle.run('e3', 3, 'c'.repeat(64), '2026-04-01', '2026-06-30', '2026-07-01T00:00:00.000Z', '{"n":3}');
  const exported = db.prepare(`INSERT INTO export_log (export_id, key_id, sequence, file_name, path, sha256,
      period_from, period_to, level, counts, created_at) VALUES (?, 'K', ?, 'f', 'p', 's', ?, ?, ?, '{}', ?)`);
  exported.run('x1', 1, '2026-01-01', '2026-03-31', 'aggregate', '2026-04-01T00:00:00.000Z');
  exported.run('x2', 2, '2026-04-01', '2026-06-30', 'full', '2026-07-01T00:00:00.000Z');
  return db;
}

describe('migration 011: exchange lifecycle', () => {
  it('keeps every imported bundle, holds the newest figures per period, and starts a run', () => {
    const db = version10();
    const before = db.prepare('SELECT * FROM imported_bundle ORDER BY export_id').all();
    migrate(db, MIGRATIONS.slice(0, 11));
    expect(db.pragma('user_version', { simple: true })).toBe(11);
    const after = db
      .prepare(
        `SELECT export_id, post_id, key_id, sequence, file_sha256, previous_hash, period_from, period_to, level,
          created_at, imported_at, counts, aggregates, file_name FROM imported_bundle ORDER BY export_id`,
      )
      .all();
    expect(after).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM imported_bundle WHERE superseded_by IS NOT NULL').pluck().get()).toBe(0);
    expect(
      db.prepare('SELECT period_from, aggregates, export_id FROM held_aggregate ORDER BY period_from').all(),
    ).toEqual([
      { period_from: '2026-01-01', aggregates: '{"n":2}', export_id: 'e2' },
      { period_from: '2026-04-01', aggregates: '{"n":3}', export_id: 'e3' },
    ]);
    // Periods sent at the aggregate level are restated once (their figures were not recorded).
    expect(db.prepare('SELECT period_from, level, sha256 FROM sent_aggregate').all()).toEqual([
      { period_from: '2026-01-01', level: 'aggregate', sha256: '' },
    ]);
    const series = db.prepare('SELECT run_id, restore, ledger_written FROM exchange_series').all() as {
      run_id: string;
    }[];
    expect(series).toHaveLength(1);
    expect(series[0]).toMatchObject({ restore: null, ledger_written: 0 });
    expect(series[0]!.run_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a sequence number is unique per key among live bundles only', () => {
    const db = version10();
    migrate(db, MIGRATIONS.slice(0, 11));
    const insert = db.prepare(`INSERT INTO imported_bundle (export_id, post_id, key_id, sequence, file_sha256,
        period_from, period_to, level, created_at, imported_at, counts, aggregates, superseded_by)
      VALUES (?, 'BOG', 'K', 2, 'd', '2026-01-01', '2026-01-02', 'full', 'x', 'y', '{}', '{}', ?)`);
    expectSqliteError(() => insert.run('e4', null), 'SQLITE_CONSTRAINT_UNIQUE');
    db.prepare("UPDATE imported_bundle SET superseded_by = 'e4' WHERE export_id = 'e2'").run();
    insert.run('e4', null);
    expect(db.prepare('SELECT count(*) FROM imported_bundle WHERE sequence = 2').pluck().get()).toBe(2);
  });
});
