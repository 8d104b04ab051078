import type { Database } from 'better-sqlite3-multiple-ciphers';
import { DatabaseFromFutureError } from './errors';
import { MIGRATIONS } from './migrations/index';
import type { Migration } from './migrations/types';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to the newest schema, all pending steps in one transaction: either every step
 * lands or none does. A database from a newer version is refused before anything is written.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  assertConsecutive(migrations);
  const from = schemaVersion(db);
  const latest = migrations.length;
  if (from > latest) throw new DatabaseFromFutureError(from, latest);
  if (from === latest) return { from, to: latest };

  const apply = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
      version    INTEGER PRIMARY KEY NOT NULL,
      name       TEXT NOT NULL,
      applied_at TEXT NOT NULL
    ) STRICT`);
    const log = db.prepare('INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of migrations.slice(from)) {
      m.up(db);
      log.run(m.version, m.name, new Date().toISOString());
    }
    db.pragma(`user_version = ${latest}`);
  });
  apply.immediate();
  return { from, to: latest };
}

function assertConsecutive(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration list is broken: entry ${i} has version ${m.version}`);
  });
}
