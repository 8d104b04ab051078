import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3-multiple-ciphers';
import { DATABASE_FILE } from '../../../../electron/db/open';
import { migrate } from '../../../../electron/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../../electron/db/migrations/index';
import { createRecordStore } from '../../../../electron/records/store';
import { OrganisationInput } from '../../../../shared/records/organisation';
import { EngagementInput } from '../../../../shared/records/engagement';
import { engagementInput, organisationInput, tempDir } from '../../logbook/helpers';
import { expectSqliteError } from '../../helpers/sqlite';

// Migration 010 (issue 13, item 5): the purge tables, and audit_entry rebuilt to allow 'purge'. Every audit entry
// survives unchanged, the dashboards' trigger on audit_entry is there again, and the search index deletes for good.

const dirs: string[] = [];
const opened: Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function version9(): Database {
  const dir = tempDir('liaison-log-010-');
  dirs.push(dir);
  const db = new Sqlite(path.join(dir, DATABASE_FILE));
  opened.push(db);
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 9));
  const ctx = { timeZone: 'Europe/Amsterdam', homeCountry: 'NL' };
  const store = createRecordStore(db, { now: () => new Date('2026-05-20T12:00:00.000Z'), context: () => ctx });
  const org = store.create('organisation', OrganisationInput.parse(organisationInput())).id;
  const e = store.create('engagement', EngagementInput.parse(engagementInput({ organisationIds: [org] })));
  store.setTrashed('engagement', e.id, true);
  return db;
}

const triggerNames = (db: Database) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").pluck().all();

describe('migration 010: record purge', () => {
  it('keeps every audit entry and every trigger, and allows the action purge', () => {
    const db = version9();
    const before = db.prepare('SELECT * FROM audit_entry ORDER BY seq').all();
    const triggers = triggerNames(db);
    expect(before.length).toBe(3);
    expectSqliteError(
      () =>
        db
          .prepare(
            "INSERT INTO audit_entry (record_id, at, action, revision, changes) VALUES ('x', 'now', 'purge', 1, '{}')",
          )
          .run(),
      'SQLITE_CONSTRAINT_CHECK',
    );

    migrate(db, MIGRATIONS.slice(0, 10));
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(10);
    expect(db.prepare('SELECT * FROM audit_entry ORDER BY seq').all()).toEqual(before);
    expect(triggerNames(db)).toEqual(triggers);
    db.prepare(
      "INSERT INTO audit_entry (record_id, at, action, revision, changes) VALUES ('x', 'now', 'purge', 1, '{}')",
    ).run();
    expectSqliteError(
      () =>
        db
          .prepare(
            "INSERT INTO audit_entry (record_id, at, action, revision, changes) VALUES ('x', 'now', 'wipe', 1, '{}')",
          )
          .run(),
      'SQLITE_CONSTRAINT_CHECK',
    );
    expect(db.prepare("SELECT v FROM record_search_config WHERE k = 'secure-delete'").pluck().get()).toBe(1);
    for (const table of ['purged_record', 'legal_hold', 'retention_rules']) {
      expect(db.prepare('SELECT count(*) FROM sqlite_master WHERE name = ?').pluck().get(table)).toBe(1);
    }
    expectSqliteError(
      () => db.prepare("INSERT INTO purged_record VALUES ('x', 'person', NULL, 'now', 'because')").run(),
      'SQLITE_CONSTRAINT_CHECK',
    );
  });
});
