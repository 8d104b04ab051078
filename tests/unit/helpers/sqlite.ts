import path from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3-multiple-ciphers';
import { expect } from 'vitest';

/** A raw connection to a new SQLite file in `dir`, with no pragmas and no migrations. */
export function rawDatabase(dir: string, name = 'raw.db'): Database {
  return new Sqlite(path.join(dir, name));
}

export interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}

export function columns(db: Database, table: string): ColumnInfo[] {
  return db.pragma(`table_info(${table})`) as ColumnInfo[];
}

export function isStrict(db: Database, table: string): boolean {
  const rows = db.pragma(`table_list(${table})`) as { name: string; strict: number }[];
  return rows.some((r) => r.name === table && r.strict === 1);
}

/** Runs `write` and expects SQLite to refuse it with this extended result code (e.g. SQLITE_CONSTRAINT_CHECK). */
export function expectSqliteError(write: () => unknown, code: string): void {
  let caught: unknown;
  try {
    write();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected ${code}`).toBeInstanceOf(Error);
  expect((caught as { code?: string }).code).toBe(code);
}
