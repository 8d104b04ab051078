import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { migrate } from '../../../../electron/db/migrate';
import { MIGRATIONS } from '../../../../electron/db/migrations/index';
import { migration001 } from '../../../../electron/db/migrations/001-information-requests';
import { tableNames, userVersion } from '../../helpers/db-dump';
import { columns, expectSqliteError, isStrict, rawDatabase } from '../../helpers/sqlite';
import { useTempDirs } from '../../helpers/temp-dir';

const VERSION = 1;

function row(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '6f1c1a52-4a5e-4b8e-9a51-7d2b1b0e6a01',
    revision: 1,
    direction: 'incoming',
    counterpart_country: 'DE',
    counterpart_agency: 'Bundeskriminalamt',
    channel: 'siena',
    exchanged_at: '2026-03-01T09:30:00.000Z',
    subject: 'Vehicle registration check',
    status: 'open',
    created_at: '2026-03-01T10:00:00.000Z',
    updated_at: '2026-03-01T10:00:00.000Z',
    ...overrides,
  };
}

function insert(db: Database, values: Record<string, unknown>): void {
  const keys = Object.keys(values);
  db.prepare(
    `INSERT INTO information_request (${keys.join(', ')}) VALUES (${keys.map((k) => `@${k}`).join(', ')})`,
  ).run(values);
}

describe('migration 001: information requests', () => {
  const tempDir = useTempDirs();
  let db: Database;

  beforeEach(() => {
    db = rawDatabase(tempDir());
    migrate(db, MIGRATIONS.slice(0, VERSION));
  });
  afterEach(() => db.close());

  it('is version 1 and is the first entry of the migration list', () => {
    expect(migration001.version).toBe(VERSION);
    expect(MIGRATIONS[VERSION - 1]).toBe(migration001);
    expect(userVersion(db)).toBe(VERSION);
  });

  it('creates exactly the information_request table (plus the migration log)', () => {
    expect(tableNames(db)).toEqual(['information_request', 'schema_migration']);
    expect(isStrict(db, 'information_request')).toBe(true);
  });

  it('creates the columns with their types, NOT NULL flags, default and primary key', () => {
    const cols = columns(db, 'information_request').map(({ name, type, notnull, dflt_value, pk }) => ({
      name,
      type,
      notnull,
      dflt_value,
      pk,
    }));
    expect(cols).toEqual([
      { name: 'id', type: 'TEXT', notnull: 1, dflt_value: null, pk: 1 },
      { name: 'revision', type: 'INTEGER', notnull: 1, dflt_value: '1', pk: 0 },
      { name: 'direction', type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      { name: 'counterpart_country', type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      { name: 'counterpart_agency', type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      { name: 'channel', type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      { name: 'exchanged_at', type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      { name: 'subject', type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      { name: 'status', type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      { name: 'created_at', type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      { name: 'updated_at', type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
    ]);
  });

  it('creates the list and status indexes on the right columns', () => {
    const indexes = (db.pragma('index_list(information_request)') as { name: string; origin: string }[])
      .filter((i) => i.origin === 'c')
      .map((i) => i.name)
      .sort();
    expect(indexes).toEqual(['information_request_exchanged_at', 'information_request_status']);

    const keyColumns = (index: string) =>
      (db.pragma(`index_xinfo(${index})`) as { name: string | null; desc: number; key: number }[])
        .filter((c) => c.key === 1)
        .map((c) => ({ name: c.name, desc: c.desc }));
    expect(keyColumns('information_request_exchanged_at')).toEqual([
      { name: 'exchanged_at', desc: 1 },
      { name: 'id', desc: 0 },
    ]);
    expect(keyColumns('information_request_status')).toEqual([
      { name: 'status', desc: 0 },
      { name: 'exchanged_at', desc: 0 },
    ]);
  });

  it('accepts a well-formed row and defaults revision to 1', () => {
    const { revision: _omit, ...withoutRevision } = row();
    insert(db, withoutRevision);
    expect(db.prepare('SELECT * FROM information_request').all()).toEqual([row()]);
  });

  it('enforces the CHECK constraints on direction, country, status and revision', () => {
    expectSqliteError(() => insert(db, row({ direction: 'sideways' })), 'SQLITE_CONSTRAINT_CHECK');
    expectSqliteError(() => insert(db, row({ counterpart_country: 'DEU' })), 'SQLITE_CONSTRAINT_CHECK');
    expectSqliteError(() => insert(db, row({ counterpart_country: 'D' })), 'SQLITE_CONSTRAINT_CHECK');
    expectSqliteError(() => insert(db, row({ status: 'lost' })), 'SQLITE_CONSTRAINT_CHECK');
    expectSqliteError(() => insert(db, row({ revision: 0 })), 'SQLITE_CONSTRAINT_CHECK');
    expect(db.prepare('SELECT count(*) AS n FROM information_request').get()).toEqual({ n: 0 });
  });

  it('enforces NOT NULL on every column', () => {
    for (const column of Object.keys(row())) {
      expectSqliteError(() => insert(db, row({ [column]: null })), 'SQLITE_CONSTRAINT_NOTNULL');
    }
  });

  it('is STRICT: a value of the wrong type is refused rather than stored', () => {
    expectSqliteError(() => insert(db, row({ revision: 'two' })), 'SQLITE_CONSTRAINT_DATATYPE');
    expectSqliteError(() => insert(db, row({ subject: Buffer.from('blob') })), 'SQLITE_CONSTRAINT_DATATYPE');
  });

  it('refuses a second row with the same id', () => {
    insert(db, row());
    expectSqliteError(() => insert(db, row({ subject: 'Other' })), 'SQLITE_CONSTRAINT_PRIMARYKEY');
  });

  it('records itself in schema_migration', () => {
    const log = db.prepare('SELECT version, name, applied_at FROM schema_migration').all() as {
      version: number;
      name: string;
      applied_at: string;
    }[];
    expect(log.map(({ version, name }) => ({ version, name }))).toEqual([{ version: 1, name: 'information requests' }]);
    expect(Number.isNaN(Date.parse(log[0]!.applied_at))).toBe(false);
  });
});

describe('migration 001 on an existing file', () => {
  const tempDir = useTempDirs();

  it('applies to a version-0 file that already exists, leaving what the file held', () => {
    // Version 0 holds no Liaison Log data; what a v0 file can hold is SQLite state such as its pragmas.
    const dir = tempDir();
    const before = rawDatabase(dir);
    before.pragma('journal_mode = WAL');
    before.pragma('application_id = 1234');
    before.close();

    const db = rawDatabase(dir);
    try {
      expect(userVersion(db)).toBe(0);
      expect(migrate(db, MIGRATIONS.slice(0, VERSION))).toEqual({ from: 0, to: VERSION });
      expect(userVersion(db)).toBe(VERSION);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('application_id', { simple: true })).toBe(1234);
    } finally {
      db.close();
    }
  });
});
