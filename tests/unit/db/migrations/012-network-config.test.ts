import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../electron/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../../electron/db/migrations/index';
import { migration012 } from '../../../../electron/db/migrations/012-network-config';
import { dumpDatabase } from '../../helpers/db-dump';

// Migration 012 adds the network configuration's tables (HQ's signing keys, draft and published files; a post's
// pinned HQ signing key, applied configurations and the marks on phenomena). It only adds tables: every row of an
// existing database stays as it was.

const dirs: string[] = [];
const opened: Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function database(): Database {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-m012-'));
  dirs.push(dir);
  const db = new Sqlite(path.join(dir, 'test.db'));
  opened.push(db);
  return db;
}

const TABLES = [
  'config_applied',
  'config_draft',
  'config_published',
  'config_signing_key',
  'config_term',
  'config_trusted_signer',
];

describe('migration 012: network configuration', () => {
  it('is number 12, named, and adds the six tables, leaving every existing row as it was', () => {
    expect(migration012.version).toBe(12);
    expect(migration012.name).toBe('network-config');
    const db = database();
    migrate(db, MIGRATIONS.slice(0, 11));
    db.prepare("UPDATE installation SET role = 'post', post_id = 'BOG' WHERE singleton = 1").run();
    const before = dumpDatabase(db).tables;
    migrate(db, MIGRATIONS.slice(0, 12));
    const after = dumpDatabase(db);
    expect(after.userVersion).toBe(12);
    for (const [name, rows] of Object.entries(before)) {
      if (name === 'schema_migration') continue;
      expect(after.tables[name], name).toEqual(rows);
    }
    for (const t of TABLES) expect(after.tables[t], t).toEqual([]);
  });

  it('runs with the later migrations, and its constraints hold', () => {
    const db = database();
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(12);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(12);
    expect(() =>
      db.prepare("INSERT INTO config_trusted_signer VALUES ('F', 'k', 'c', 'p', 'handshake', NULL)").run(),
    ).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO config_draft VALUES (1, 'not json')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO config_term (code, hq) VALUES ('x', 2)").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO config_term (code, priority_rank) VALUES ('cocaine', 1)").run();
    expect(db.prepare('SELECT hq, maps_to FROM config_term').get()).toEqual({ hq: 0, maps_to: null });
  });
});
