import fs from 'node:fs';
import path from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../../electron/db/open';
import { migrate } from '../../../../electron/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../../electron/db/migrations/index';
import { migration013 } from '../../../../electron/db/migrations/013-handover-revocation';
import { postHistories } from '../../../../electron/exchange/posts';
import { tempDir } from '../../logbook/helpers';

// Migration 013 adds the key decisions (revoked, reinstated, HQ key retired: who, when, why), the handover
// tables and imported_bundle.recipients; nothing that was there changes. A key revoked before it stays revoked,
// its date known and its reason not (there was none).

const dirs: string[] = [];
const opened: Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function atVersion12(): Database {
  const dir = tempDir('liaison-log-013-');
  dirs.push(dir);
  const db = new Sqlite(path.join(dir, DATABASE_FILE));
  opened.push(db);
  migrate(db, MIGRATIONS.slice(0, 12));
  const enrol = db.prepare(`INSERT INTO enrolled_key (key_id, public_key, post_id, post_name, officer, country,
    installation_id, enrolled_at, revoked_at) VALUES (?, 'AAAA', 'BOG', 'Bogotá', ?, 'CO', ?, ?, ?)`);
  enrol.run(
    'KEY-OLD',
    'J. de Vries',
    '00000000-0000-4000-8000-000000000001',
    '2025-01-01T00:00:00.000Z',
    '2026-03-01T00:00:00.000Z',
  );
  enrol.run('KEY-NEW', 'M. Jansen', '00000000-0000-4000-8000-000000000002', '2026-03-02T00:00:00.000Z', null);
  db.prepare(
    `INSERT INTO imported_bundle (export_id, post_id, key_id, sequence, file_sha256, previous_hash, period_from,
      period_to, level, created_at, imported_at, counts, aggregates)
    VALUES ('00000000-0000-4000-8000-0000000000e1', 'BOG', 'KEY-OLD', 1, 'aa', NULL, '2026-01-01', '2026-01-31', 'full',
      '2026-02-01T00:00:00.000Z', '2026-02-02T00:00:00.000Z', '{}', '{}')`,
  ).run();
  return db;
}

const tables = (db: Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
    (t) => t.name,
  );

describe('migration 013', () => {
  it('adds its tables and the recipients column; existing keys and bundles are as they were', () => {
    const db = atVersion12();
    const keysBefore = db.prepare('SELECT * FROM enrolled_key ORDER BY key_id').all();
    migrate(db, MIGRATIONS);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(tables(db)).toEqual(
      expect.arrayContaining(['key_event', 'handover_identity', 'handover_log', 'series_continuation']),
    );
    expect(db.prepare('SELECT * FROM enrolled_key ORDER BY key_id').all()).toEqual(keysBefore);
    expect(db.prepare('SELECT recipients FROM imported_bundle').get()).toEqual({ recipients: null });
    const [bog] = postHistories(db);
    expect(bog?.keys.map((k) => [k.keyId, k.state, k.revocation])).toEqual([
      ['KEY-OLD', 'revoked', { at: '2026-03-01T00:00:00.000Z', by: '', reason: '' }],
      ['KEY-NEW', 'active', null],
    ]);
    expect(() =>
      db
        .prepare(
          "INSERT INTO key_event (key_id, post_id, action, at, by, reason) VALUES ('K', NULL, 'deleted', 'x', 'y', 'z')",
        )
        .run(),
    ).toThrow(/CHECK/);
  });

  it('runs where the exchange-lifecycle migration already added imported_bundle.recipients', () => {
    const db = atVersion12();
    db.exec('ALTER TABLE imported_bundle ADD COLUMN recipients TEXT');
    db.transaction(() => migration013.up(db))();
    const columns = (db.prepare("SELECT name FROM pragma_table_info('imported_bundle')").all() as { name: string }[])
      .map((c) => c.name)
      .filter((n) => n === 'recipients');
    expect(columns).toEqual(['recipients']);
  });
});
