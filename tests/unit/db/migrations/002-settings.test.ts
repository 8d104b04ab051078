import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { migrate } from '../../../../electron/db/migrate';
import { MIGRATIONS } from '../../../../electron/db/migrations/index';
import { migration002 } from '../../../../electron/db/migrations/002-settings';
import { dumpDatabase, tableNames, userVersion } from '../../helpers/db-dump';
import { columns, expectSqliteError, isStrict, rawDatabase } from '../../helpers/sqlite';
import { useTempDirs } from '../../helpers/temp-dir';

const VERSION = 2;

describe('migration 002: settings', () => {
  const tempDir = useTempDirs();
  let db: Database;

  beforeEach(() => {
    db = rawDatabase(tempDir());
    migrate(db, MIGRATIONS.slice(0, VERSION));
  });
  afterEach(() => db.close());

  it('is version 2, second in the migration list', () => {
    expect(migration002.version).toBe(VERSION);
    expect(MIGRATIONS[VERSION - 1]).toBe(migration002);
    expect(userVersion(db)).toBe(VERSION);
  });

  it('adds the setting table, STRICT, next to the earlier tables', () => {
    expect(tableNames(db)).toEqual(['information_request', 'schema_migration', 'setting']);
    expect(isStrict(db, 'setting')).toBe(true);
    expect(
      columns(db, 'setting').map(({ name, type, notnull, dflt_value, pk }) => ({
        name,
        type,
        notnull,
        dflt_value,
        pk,
      })),
    ).toEqual([
      { name: 'key', type: 'TEXT', notnull: 1, dflt_value: null, pk: 1 },
      { name: 'value', type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
    ]);
  });

  it('accepts JSON values and refuses text that is not JSON', () => {
    const put = db.prepare('INSERT INTO setting (key, value) VALUES (?, ?)');
    put.run('language', '"nl"');
    put.run('numbers', '[1,2,3]');
    expectSqliteError(() => put.run('broken', 'nl'), 'SQLITE_CONSTRAINT_CHECK');
    expectSqliteError(() => put.run('broken', '{"a":'), 'SQLITE_CONSTRAINT_CHECK');
    expect(db.prepare('SELECT key, value FROM setting ORDER BY key').all()).toEqual([
      { key: 'language', value: '"nl"' },
      { key: 'numbers', value: '[1,2,3]' },
    ]);
  });

  it('refuses a duplicate key, a NULL and a non-text value', () => {
    const put = db.prepare('INSERT INTO setting (key, value) VALUES (?, ?)');
    put.run('language', '"en"');
    expectSqliteError(() => put.run('language', '"nl"'), 'SQLITE_CONSTRAINT_PRIMARYKEY');
    expectSqliteError(() => put.run('x', null), 'SQLITE_CONSTRAINT_NOTNULL');
    expectSqliteError(() => put.run(null, '"x"'), 'SQLITE_CONSTRAINT_NOTNULL');
    expectSqliteError(() => put.run('y', Buffer.from('"x"')), 'SQLITE_CONSTRAINT_DATATYPE');
  });

  it('records itself in schema_migration after migration 001', () => {
    expect(db.prepare('SELECT version, name FROM schema_migration ORDER BY version').all()).toEqual([
      { version: 1, name: 'information requests' },
      { version: 2, name: 'settings' },
    ]);
  });
});

describe('migration 002 on a version-1 database', () => {
  const tempDir = useTempDirs();

  it('keeps every row written at version 1 and applies only step 2', () => {
    const db = rawDatabase(tempDir());
    try {
      migrate(db, MIGRATIONS.slice(0, VERSION - 1));
      const insert = db.prepare(`INSERT INTO information_request
        (id, revision, direction, counterpart_country, counterpart_agency, channel, exchanged_at, subject, status,
         created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      insert.run(
        '0b0e0a52-1111-4b8e-9a51-7d2b1b0e6a01',
        1,
        'incoming',
        'DE',
        'BKA',
        'siena',
        '2026-03-01T09:30:00.000Z',
        'Vehicle',
        'open',
        '2026-03-01T10:00:00.000Z',
        '2026-03-01T10:00:00.000Z',
      );
      insert.run(
        '0b0e0a52-2222-4b8e-9a51-7d2b1b0e6a01',
        4,
        'outgoing',
        'NL',
        'Politie',
        'interpol',
        '2026-02-01T09:30:00.000Z',
        'Person check',
        'refused',
        '2026-02-01T10:00:00.000Z',
        '2026-02-03T10:00:00.000Z',
      );
      const atV1 = dumpDatabase(db);
      const appliedAtV1 = db.prepare('SELECT * FROM schema_migration').all();

      expect(migrate(db, MIGRATIONS.slice(0, VERSION))).toEqual({ from: VERSION - 1, to: VERSION });

      const atV2 = dumpDatabase(db);
      expect(atV2.tables['information_request']).toEqual(atV1.tables['information_request']);
      expect(atV2.tables['setting']).toEqual([]);
      expect(userVersion(db)).toBe(VERSION);
      // Step 1 is not applied again: its log row is the very same one.
      const log = db.prepare('SELECT * FROM schema_migration ORDER BY version').all();
      expect(log.slice(0, 1)).toEqual(appliedAtV1);
      expect(log).toHaveLength(2);
    } finally {
      db.close();
    }
  });
});
