import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { migrate, schemaVersion } from '../../../electron/db/migrate';
import { DatabaseFromFutureError } from '../../../electron/db/errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/db/migrations/index';
import type { Migration } from '../../../electron/db/migrations/types';
import { dumpDatabase, tableNames, userVersion } from '../helpers/db-dump';
import { rawDatabase } from '../helpers/sqlite';
import { useTempDirs } from '../helpers/temp-dir';

function createTable(version: number, table: string): Migration {
  return { version, name: `create ${table}`, up: (db) => db.exec(`CREATE TABLE ${table} (x INTEGER) STRICT`) };
}

function failing(version: number): Migration {
  return {
    version,
    name: 'fails',
    up: (db) => {
      db.exec('CREATE TABLE half_done (x INTEGER) STRICT');
      throw new Error('step failed on purpose');
    },
  };
}

describe('migrate', () => {
  const tempDir = useTempDirs();
  let db: Database;

  beforeEach(() => {
    db = rawDatabase(tempDir());
  });
  afterEach(() => db.close());

  it('brings a fresh database to LATEST_SCHEMA_VERSION and logs every step', () => {
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(migrate(db)).toEqual({ from: 0, to: LATEST_SCHEMA_VERSION });
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    const log = db.prepare('SELECT version, name, applied_at FROM schema_migration ORDER BY version').all() as {
      version: number;
      name: string;
      applied_at: string;
    }[];
    expect(log.map((r) => ({ version: r.version, name: r.name }))).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version, name: m.name })),
    );
    for (const r of log) expect(new Date(r.applied_at).toISOString()).toBe(r.applied_at);
  });

  it('the migration list is numbered 1..n with distinct names', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_m, i) => i + 1));
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
  });

  it('a second run is a no-op: nothing re-applied, nothing written', () => {
    migrate(db);
    const before = dumpDatabase(db);
    const changesBefore = db.prepare('SELECT total_changes() AS n').get();
    expect(migrate(db)).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION });
    expect(dumpDatabase(db)).toEqual(before);
    expect(db.prepare('SELECT total_changes() AS n').get()).toEqual(changesBefore);
  });

  it('runs each step exactly once across repeated runs', () => {
    const runs: number[] = [];
    const counting: Migration[] = [1, 2, 3].map((version) => ({
      version,
      name: `step ${version}`,
      up: () => {
        runs.push(version);
      },
    }));
    migrate(db, counting.slice(0, 1));
    migrate(db, counting);
    migrate(db, counting);
    expect(runs).toEqual([1, 2, 3]);
    expect(userVersion(db)).toBe(3);
  });

  it('a failing step rolls back every pending step of the run (fresh database)', () => {
    const steps = [createTable(1, 'first'), createTable(2, 'second'), failing(3), createTable(4, 'never')];
    expect(() => migrate(db, steps)).toThrow('step failed on purpose');
    expect(userVersion(db)).toBe(0);
    expect(tableNames(db)).toEqual([]);
  });

  it('a failing step rolls back the pending steps but keeps the earlier run', () => {
    const steps = [createTable(1, 'first'), createTable(2, 'second'), failing(3)];
    migrate(db, steps.slice(0, 1));
    db.prepare('INSERT INTO first (x) VALUES (42)').run();
    const before = dumpDatabase(db);

    expect(() => migrate(db, steps)).toThrow('step failed on purpose');

    expect(userVersion(db)).toBe(1);
    expect(tableNames(db)).toEqual(['first', 'schema_migration']);
    expect(dumpDatabase(db)).toEqual(before);
    // The connection is usable afterwards: no transaction was left open.
    expect(db.inTransaction).toBe(false);
    migrate(db, steps.slice(0, 2));
    expect(userVersion(db)).toBe(2);
  });

  it('a failing real-world step after the real migrations leaves a fresh file at version 0', () => {
    expect(() => migrate(db, [...MIGRATIONS, failing(MIGRATIONS.length + 1)])).toThrow('step failed on purpose');
    expect(userVersion(db)).toBe(0);
    expect(tableNames(db)).toEqual([]);
  });

  it('rejects a list that is not numbered consecutively from 1, before touching the database', () => {
    const broken: Migration[][] = [
      [createTable(1, 'a'), createTable(3, 'c')],
      [createTable(2, 'b')],
      [createTable(1, 'a'), createTable(1, 'b')],
      [createTable(0, 'z'), createTable(1, 'a')],
      [createTable(2, 'b'), createTable(1, 'a')],
    ];
    for (const list of broken) {
      expect(() => migrate(db, list)).toThrow(/Migration list is broken/);
    }
    expect(userVersion(db)).toBe(0);
    expect(tableNames(db)).toEqual([]);
  });

  it('refuses a database newer than the list with DatabaseFromFutureError and writes nothing', () => {
    migrate(db, [createTable(1, 'a'), createTable(2, 'b'), createTable(3, 'c')]);
    const before = dumpDatabase(db);
    let caught: unknown;
    try {
      migrate(db, [createTable(1, 'a'), createTable(2, 'b')]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DatabaseFromFutureError);
    expect(caught).toMatchObject({ fileVersion: 3, supportedVersion: 2 });
    expect(dumpDatabase(db)).toEqual(before);
  });

  it('an empty list on a fresh database does nothing', () => {
    expect(migrate(db, [])).toEqual({ from: 0, to: 0 });
    expect(tableNames(db)).toEqual([]);
  });
});
