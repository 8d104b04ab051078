import type { Database } from 'better-sqlite3-multiple-ciphers';
import {
  COUNTED,
  CUBES,
  FACT_COLUMNS,
  FACT_VALUES,
  keyValues,
  type Cube,
} from '../db/migrations/005-dashboard-aggregates';

// Bulk writes keep the dashboards' aggregates true per batch rather than per row. Migration 005's triggers do
// the upkeep one row at a time, and even a trigger that does nothing costs a few microseconds each time it
// fires: a record written through the store fires about a dozen. So a batch, inside its one transaction,
// drops the dashboard triggers, lets the work write records through the store (which notes each one, see
// noteWritten), and settles: the
// noted records and those taking their countries from them get their facts computed in one statement, each
// aggregate table moves by the grouped difference between the new facts and the old, and the facts are
// replaced. Before the transaction ends, the triggers are created again from their own text as read from the
// schema at the start; if anything fails, the rollback restores them with everything else. Other connections
// never see the database without them (a schema change is part of the transaction).
//
// What a batch may do: create and update records (their phenomena, links, search entries, audit entries).
// Deleting records or changing the taxonomy or the clock inside a batch is not noted and must not happen.
// tests/unit/dashboard/dashboard-batch.test.ts checks the aggregates against a recount after batches.

/** How many records a batch lets wait before it settles them (bounds the statements' temporary memory). */
export const SETTLE_EVERY = 5_000;

interface DashboardBatch {
  wrote(n: number | bigint): void;
}

/** The batch open on each connection, if any. */
const current = new WeakMap<Database, DashboardBatch>();

/**
 * A record was just written (created, updated, trashed or restored): inside a batch on this connection it is
 * counted when the batch settles; outside one, the triggers have already counted it. The record store calls
 * this on every write, so that any of its paths may run inside a batch.
 */
export function noteWritten(db: Database, n: number | bigint): void {
  current.get(db)?.wrote(n);
}

/** One cube moved by the difference between the staged (new) facts and the dirty records' current (old) ones. */
function moveCube(cube: Cube): string {
  const side = (from: string, sign: '' | '-') => {
    const { values, from: lists } = keyValues(cube, 'f');
    const keys = values.map((v, i) => `${v} AS k${i}`);
    const sums = cube.sums.map(([c, v]) => `${sign}(${v('f')}) AS ${c}`);
    return `SELECT ${[...keys, ...sums].join(', ')} FROM ${[from, ...lists].join(', ')}`;
  };
  const keys = cube.key.map((_, i) => `k${i}`);
  const columns = [...cube.key.map((k) => k.column), ...cube.sums.map(([c]) => c)];
  return `/* dashboard batch: move ${cube.table} */
    INSERT INTO ${cube.table} (${columns.join(', ')})
    SELECT * FROM (
      SELECT ${[...keys, ...cube.sums.map(([c]) => `sum(${c})`)].join(', ')} FROM (
        ${side('dashboard_staged_fact f', '')}
        UNION ALL
        ${side('dashboard_dirty d JOIN dashboard_fact f ON f.record_n = d.record_n', '-')}
      ) GROUP BY ${keys.join(', ')}
      HAVING ${cube.sums.map(([c]) => `sum(${c}) <> 0`).join(' OR ')}
    ) WHERE true
    ON CONFLICT (${cube.key.map((k) => k.column).join(', ')}) DO UPDATE SET
      ${cube.sums.map(([c]) => `${c} = ${cube.table}.${c} + excluded.${c}`).join(', ')};`;
}

/** The groups an old fact counted in that fell to zero are deleted, as the per-row triggers do. */
function dropEmptied(cube: Cube): string {
  const { values, from } = keyValues(cube, 'f');
  return `/* dashboard batch: drop emptied ${cube.table} */
    DELETE FROM ${cube.table} WHERE (${cube.key.map((k) => k.column).join(', ')}) IN (
      SELECT ${values.join(', ')} FROM ${['dashboard_dirty d JOIN dashboard_fact f ON f.record_n = d.record_n', ...from].join(', ')}
    ) AND n = 0;`;
}

const SETTLE = `
  INSERT OR IGNORE INTO dashboard_dirty (record_n) SELECT record_n FROM dashboard_pending;
  DELETE FROM dashboard_pending;
  /* dashboard batch: the records that take their countries from a written organisation or request */
  INSERT OR IGNORE INTO dashboard_dirty (record_n)
    SELECT l.from_n FROM dashboard_dirty d CROSS JOIN record t ON t.n = d.record_n
      JOIN record_link l ON l.to_id = t.id AND l.role IN ('organisation', 'request')
    WHERE t.kind IN ('organisation', 'request');
  INSERT INTO dashboard_staged_fact (${FACT_COLUMNS})
    SELECT ${FACT_VALUES} FROM dashboard_dirty d CROSS JOIN record r ON r.n = d.record_n WHERE ${COUNTED};
  ${CUBES.map(moveCube).join('\n')}
  ${CUBES.map(dropEmptied).join('\n')}
  DELETE FROM dashboard_fact WHERE record_n IN (SELECT record_n FROM dashboard_dirty);
  INSERT INTO dashboard_fact (${FACT_COLUMNS}) SELECT ${FACT_COLUMNS} FROM dashboard_staged_fact;
  DELETE FROM dashboard_staged_fact;
  DELETE FROM dashboard_dirty;
`;

function hasBatchTables(db: Database): boolean {
  return (
    db
      .prepare("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'dashboard_dirty')")
      .pluck()
      .get() === 1
  );
}

/**
 * Runs `work` in one transaction (a savepoint inside another) with the dashboards' upkeep settled in batches,
 * and all of it settled before the transaction ends. A batch inside a batch joins the outer one. On a database
 * from before migration 007 (only the migration tests open one) the triggers do the upkeep as they always did.
 */
export function inDashboardBatch<T>(db: Database, work: () => T, options: { settleEvery?: number } = {}): T {
  const every = options.settleEvery ?? SETTLE_EVERY;
  // A batch inside a batch joins it: the outer one settles.
  if (current.has(db)) return work();
  if (!hasBatchTables(db)) return db.transaction(work)();
  return db.transaction(() => {
    const triggers = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'dashboard%' ORDER BY name")
      .all() as { name: string; sql: string }[];
    for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
    const note = db.prepare('INSERT OR IGNORE INTO dashboard_dirty (record_n) VALUES (?)');
    let waiting = 0;
    const batch: DashboardBatch = {
      wrote(n) {
        note.run(n);
        waiting += 1;
        if (waiting >= every) {
          db.exec(SETTLE);
          waiting = 0;
        }
      },
    };
    current.set(db, batch);
    try {
      const out = work();
      db.exec(SETTLE);
      // Before the transaction commits. A failure above rolls back the drop with everything else.
      for (const t of triggers) db.exec(t.sql);
      return out;
    } finally {
      current.delete(db);
    }
  })();
}
