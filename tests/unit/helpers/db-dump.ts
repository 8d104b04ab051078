import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface DatabaseDump {
  readonly userVersion: number;
  readonly schema: unknown[];
  readonly tables: Record<string, unknown[]>;
}

/** Every table's every row (in a stable order), the schema and user_version: equal dumps mean an unchanged database. */
export function dumpDatabase(db: Database): DatabaseDump {
  const schema = db
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all();
  // Virtual tables (full-text search) are skipped: their content lives in ordinary shadow tables, dumped here.
  const names = db
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_schema
        WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name`,
    )
    .all()
    .map((r) => r.name);
  const tables: Record<string, unknown[]> = {};
  for (const name of names) {
    // Sorted in JS: WITHOUT ROWID tables have no rowid to order by.
    const rows = db.prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`).all();
    tables[name] = rows
      .map((row) => ({ key: JSON.stringify(row), row }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((r) => r.row);
  }
  return { userVersion: db.pragma('user_version', { simple: true }) as number, schema, tables };
}

export function tableNames(db: Database): string[] {
  return db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all()
    .map((r) => r.name);
}

export function userVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
