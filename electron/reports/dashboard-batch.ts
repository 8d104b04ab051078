import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import {
  COUNTED,
  CUBES,
  FACT_COLUMNS,
  FACT_VALUES as FACT_VALUES_005,
  keyValues,
  type Cube,
} from '../db/migrations/005-dashboard-aggregates';
import {
  addRows,
  BREAKDOWN_CUBES,
  FACT_VALUES as FACT_VALUES_009,
  type BreakdownCube,
} from '../db/migrations/009-dashboard-breakdowns';
import {
  addSliceRows,
  REFILL_ALL,
  REFILL_TABLE,
  SLICE_CUBES,
  type SliceCube,
} from '../db/migrations/016-dashboard-slices';
import { migration018 } from '../db/migrations/018-dashboard-step-guard';
// Effort facts settled with the catch-up (migration 017).
import { settleEffortFacts } from '../effort/settle';

// Bulk writes keep the dashboards' aggregates true per batch rather than per row (migration 007 says how).
// Migration 005's triggers do the upkeep one row at a time, and even a trigger that does nothing costs
// microseconds each time it fires: a record written through the store fires about a dozen, and each of its
// facts moves four aggregate tables (and, from migration 009 on, eighteen narrow ones). So a batch, inside its one transaction, drops the dashboard triggers and
// lets the work write records through the store, which notes each one (noteWritten) in dashboard_dirty; before
// the transaction ends, the triggers are created again from their own text, read from the schema at the
// start. If anything fails, the rollback restores them with everything else, and other connections never see
// the database without them (a schema change is part of its transaction).
//
// The noted records are then counted in steps (settleDashboards): the backend runs steps between calls
// (CATCH_UP_STEP records, then as many as fit in about STEP_TARGET_MS) until none are left
// (createDashboardCatchUp), and every read of the aggregates settles whatever is left first
// (keepDashboardCurrent), so no dashboard ever shows a half-counted import. A step takes its records in day order
// (migration 018), computes the facts of its records, and of the records taking their countries from them, in one
// statement, moves each aggregate table (005's cubes, and 009's breakdowns once they exist, with 009's facts) by
// the grouped difference between the new facts and the old, and replaces the facts, with the triggers on
// dashboard_fact waiting (migration 018; before it, set aside the same way). Between steps the triggers work: a
// record written one by one in the meantime is counted by them, and counting it again in a step moves nothing
// (new fact minus old is zero).
//
// What a batch may do: create and update records, trash and restore them (their phenomena, links, search
// entries, audit entries). Deleting records or changing the taxonomy or the clock inside a batch is not noted
// and must not happen. tests/unit/dashboard/dashboard-batch.test.ts checks the aggregates against a recount.

/**
 * How many noted records the first catch-up step counts; the next ones as many as fit in STEP_TARGET_MS (a step
 * of 2,000 took seconds at a million records on a busy machine, once migration 009's aggregates joined).
 */
export const CATCH_UP_STEP = 500;

/**
 * A step's size adapts to how long steps take (nextStepSize): a step's cost is mostly the aggregate pages it
 * touches, which grow far slower than its records (at 40,000 records on an encrypted folder: 0.71 ms a record in
 * steps of 500, 0.40 in steps of 2,000), so larger steps finish a catch-up sooner, while a call that arrives
 * meanwhile waits for at most one step. Steps aim at STEP_TARGET_MS; while a dashboard waits for the catch-up
 * (the officer is looking at a "counting" notice) at STEP_TARGET_WAITING_MS.
 */
export const STEP_TARGET_MS = 400;
export const STEP_TARGET_WAITING_MS = 1_500;
export const MIN_CATCH_UP_STEP = 100;
export const MAX_CATCH_UP_STEP = 20_000;

/** The next step's size after a step of `size` records took `ms`: towards the target, at most doubled or halved. */
export function nextStepSize(size: number, ms: number, readerWaiting: boolean): number {
  const target = readerWaiting ? STEP_TARGET_WAITING_MS : STEP_TARGET_MS;
  const scaled = ms > 0 ? (size * target) / ms : size * 2;
  const bounded = Math.min(size * 2, Math.max(size / 2, scaled));
  return Math.round(Math.min(MAX_CATCH_UP_STEP, Math.max(MIN_CATCH_UP_STEP, bounded)));
}

/** The batch open on each connection (its list of written rows), and who to tell when one has committed. */
const open = new WeakMap<Database, { wrote: (n: number | bigint) => void }>();
const listeners = new WeakMap<Database, () => void>();
/** How many long writers (an import run of several files) ask the catch-up to wait, per connection. */
const holds = new WeakMap<Database, number>();

/**
 * Asks the catch-up to wait until the returned release is called: an import of several files runs at full
 * speed, its later files not slowed by catch-up steps between them, and the catch-up follows. Readers still
 * settle what they need at once.
 */
export function holdCatchUp(db: Database): () => void {
  holds.set(db, (holds.get(db) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holds.set(db, (holds.get(db) ?? 1) - 1);
    if (!holds.get(db)) listeners.get(db)?.();
  };
}

/**
 * A record was just written (created, updated, trashed or restored): inside a batch on this connection it is
 * noted, to be counted by the catch-up; outside one, the triggers have already counted it. The record store
 * calls this on every write, so that any of its paths may run inside a batch.
 */
export function noteWritten(db: Database, n: number | bigint): void {
  open.get(db)?.wrote(n);
}

/** Runs `body` with the dashboard triggers (migrations 005 and 009) set aside; call inside a transaction only. */
function withoutTriggers<T>(db: Database, body: () => T): T {
  const triggers = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'dashboard%' ORDER BY name")
    .all() as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  const out = body();
  // Before the transaction commits. A failure above rolls back the drop with everything else.
  for (const t of triggers) db.exec(t.sql);
  return out;
}

function hasBatchTables(db: Database): boolean {
  return (
    db
      .prepare("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'dashboard_dirty')")
      .pluck()
      .get() === 1
  );
}

/**
 * Runs `work` in one transaction (a savepoint inside another) with the dashboards' upkeep left to the
 * catch-up. A batch inside a batch joins the outer one. On a database from before migration 007 (only the
 * migration tests open one) the triggers do the upkeep as they always did.
 */
export function inDashboardBatch<T>(db: Database, work: () => T): T {
  if (open.has(db)) return work();
  if (!hasBatchTables(db)) return db.transaction(work)();
  // After migration 018 with its day, so that the catch-up takes the records in day order.
  const note = db.prepare(
    hasDirtyDays(db)
      ? 'INSERT OR IGNORE INTO dashboard_dirty (record_n, day) SELECT n, occurred_at FROM record WHERE n = ?'
      : 'INSERT OR IGNORE INTO dashboard_dirty (record_n) VALUES (?)',
  );
  const written = { any: false };
  const out = db.transaction(() =>
    withoutTriggers(db, () => {
      open.set(db, {
        wrote(n) {
          note.run(n);
          written.any = true;
        },
      });
      try {
        return work();
      } finally {
        open.delete(db);
      }
    }),
  )();
  // Committed (or joined an outer transaction, which may still roll back: the catch-up then finds nothing).
  if (written.any) listeners.get(db)?.();
  return out;
}

/** One cube moved by the difference between the staged (new) facts and the settling records' old ones. */
function moveCube(cube: Cube): string {
  const side = (from: string, sign: '' | '-') => {
    const { values, from: lists } = keyValues(cube, 'f');
    const keys = values.map((v, i) => `${v} AS k${i}`);
    const sums = cube.sums.map(([c, v]) => `${sign}(${v('f')}) AS ${c}`);
    return `SELECT ${[...keys, ...sums].join(', ')} FROM ${[from, ...lists].join(', ')}`;
  };
  const keys = cube.key.map((_, i) => `k${i}`);
  const columns = [...cube.key.map((k) => k.column), ...cube.sums.map(([c]) => c)];
  return `/* dashboard catch-up: move ${cube.table} */
    INSERT INTO ${cube.table} (${columns.join(', ')})
    SELECT * FROM (
      SELECT ${[...keys, ...cube.sums.map(([c]) => `sum(${c})`)].join(', ')} FROM (
        ${side('dashboard_staged_fact f', '')}
        UNION ALL
        ${side(OLD_FACTS, '-')}
      ) GROUP BY ${keys.join(', ')}
      HAVING ${cube.sums.map(([c]) => `sum(${c}) <> 0`).join(' OR ')}
    ) WHERE true
    ON CONFLICT (${cube.key.map((k) => k.column).join(', ')}) DO UPDATE SET
      ${cube.sums.map(([c]) => `${c} = ${cube.table}.${c} + excluded.${c}`).join(', ')};`;
}

const OLD_FACTS = 'dashboard_settling d CROSS JOIN dashboard_fact f ON f.record_n = d.record_n';

/** The groups an old fact counted in that fell to zero are deleted, as the per-row triggers do. */
function dropEmptied(cube: Cube): string {
  const { values, from } = keyValues(cube, 'f');
  return `/* dashboard catch-up: drop emptied ${cube.table} */
    DELETE FROM ${cube.table} WHERE (${cube.key.map((k) => k.column).join(', ')}) IN (
      SELECT ${values.join(', ')} FROM ${[OLD_FACTS, ...from].join(', ')}
    ) AND n = 0;`;
}

/** One of migration 009's aggregates moved the same way: new facts' rows added, old facts' rows taken away. */
function moveBreakdown(cube: BreakdownCube): string[] {
  const sums = cube.sums.map((c) => `sum(${c}) AS ${c}`);
  return [
    `/* dashboard catch-up: move ${cube.table} */
    ${addRows(
      {
        ...cube,
        rows: () => `SELECT ${[...cube.key, ...sums].join(', ')} FROM (
          ${cube.rows('dashboard_staged_fact f')}
          UNION ALL
          ${cube.rows(OLD_FACTS, -1)}
        ) GROUP BY ${cube.key.join(', ')} HAVING ${cube.sums.map((c) => `sum(${c}) <> 0`).join(' OR ')}`,
      },
      '',
    )}`,
    `/* dashboard catch-up: drop emptied ${cube.table} */
    DELETE FROM ${cube.table} WHERE n = 0 AND (${cube.key.join(', ')}) IN (
      SELECT ${cube.key.join(', ')} FROM (${cube.rows(OLD_FACTS)}))`,
  ];
}

/** The rows a slice aggregate moves by: the staged (new) facts' rows less the settling records' old ones. */
function sliceDelta(cube: SliceCube): string {
  const sums = cube.sums.map((c) => `sum(${c}) AS ${c}`);
  return `SELECT ${[...cube.key, ...sums].join(', ')} FROM (
          ${cube.rows('dashboard_staged_fact f')}
          UNION ALL
          ${cube.rows(OLD_FACTS, -1)}
        ) GROUP BY ${cube.key.join(', ')} HAVING ${cube.sums.map((c) => `sum(${c}) <> 0`).join(' OR ')}`;
}

/**
 * One of migration 016's aggregates moved the same way; both sides count only facts of the days the
 * aggregates already hold (before the refill's cursor): the refill adds the others.
 */
function moveSlice(cube: SliceCube): string[] {
  return [
    `/* dashboard catch-up: move ${cube.table} */ ${addSliceRows(cube, sliceDelta(cube))}`,
    `/* dashboard catch-up: drop emptied ${cube.table} */
    DELETE FROM ${cube.table} WHERE n = 0 AND (${cube.key.join(', ')}) IN (
      SELECT ${cube.key.join(', ')} FROM (${cube.rows(OLD_FACTS)}))`,
  ];
}

/**
 * A breakdown of migration 016 at both its levels, while no refill is under way (every aggregate holds every
 * fact): the day level's delta is computed once, from the facts, into a temporary table; the day aggregate moves
 * by it, and the month aggregate by the same rows summed per month, instead of expanding every fact per filter
 * and slice a second time. A row can only have fallen to zero if its count went down, so the emptied rows are
 * looked up from the delta's negative rows (a month's: from the negative rows of its days). The month aggregate's key is the day aggregate's with `month` for `day`.
 */
interface SlicePair {
  day: SliceCube;
  month: SliceCube;
  delta: string;
}
const SLICE_PAIRS: readonly SlicePair[] = SLICE_CUBES.filter((c) => c.key.includes('day')).map((day) => {
  const month = SLICE_CUBES.find((c) => c.table === day.table.replace(/_day$/, '_month'));
  const monthKey = day.key.map((k) => (k === 'day' ? 'month' : k));
  if (!month || month.key.join() !== monthKey.join()) throw new Error(`No month level for ${day.table}`);
  return { day, month, delta: `temp.${day.table}_delta` };
});

/** The temporary tables of the pairs' deltas (made once per connection, outside a transaction). */
const CREATE_DELTAS = SLICE_PAIRS.map(
  (p) => `CREATE TEMP TABLE IF NOT EXISTS ${p.day.table}_delta (${[...p.day.key, ...p.day.sums].join(', ')});`,
).join('\n');

function moveSlicePair({ day, month, delta }: SlicePair): string[] {
  const monthOf = day.key.map((k) => (k === 'day' ? 'substr(day, 1, 7)' : k));
  const monthRows = `SELECT ${[...monthOf.map((v, i) => `${v} AS ${month.key[i]}`), ...month.sums.map((c) => `sum(${c}) AS ${c}`)].join(', ')}
      FROM ${delta} GROUP BY ${monthOf.map((_, i) => i + 1).join(', ')}
      HAVING ${month.sums.map((c) => `sum(${c}) <> 0`).join(' OR ')}`;
  return [
    `/* dashboard catch-up: clear ${delta} */ DELETE FROM ${delta}`,
    `/* dashboard catch-up: delta of ${day.table} */
    INSERT INTO ${delta} (${[...day.key, ...day.sums].join(', ')}) ${sliceDelta(day)}`,
    `/* dashboard catch-up: move ${day.table} */
    ${addSliceRows(day, `SELECT ${[...day.key, ...day.sums].join(', ')} FROM ${delta}`)}`,
    `/* dashboard catch-up: move ${month.table} */ ${addSliceRows(month, monthRows)}`,
    `/* dashboard catch-up: drop emptied ${day.table} */
    DELETE FROM ${day.table} WHERE n = 0 AND (${day.key.join(', ')}) IN (
      SELECT ${day.key.join(', ')} FROM ${delta} WHERE n < 0)`,
    `/* dashboard catch-up: drop emptied ${month.table} */
    DELETE FROM ${month.table} WHERE n = 0 AND (${month.key.join(', ')}) IN (
      SELECT ${monthOf.join(', ')} FROM ${delta} WHERE n < 0)`,
  ];
}

/**
 * The schema a step runs on: before migration 009, after it, after 016 (its slices), or after 018 (the
 * triggers on dashboard_fact wait while a step runs, so it need not set them aside).
 */
type Schema = 'before009' | 'after009' | 'after016' | 'after018';

/**
 * The statements of a catch-up step, in order. `slices`: while 016's refill is under way every slice aggregate
 * moves by its own bound; once it is done, day and month levels move together (SLICE_PAIRS).
 */
function step(schema: Schema, slices: 'refilling' | 'complete' = 'refilling'): string[] {
  const breakdowns = schema !== 'before009';
  const sliced = schema === 'after016' || schema === 'after018';
  return [
    `/* dashboard catch-up: the records that take their countries from an organisation or request counted now */
    INSERT OR IGNORE INTO dashboard_settling (record_n)
      SELECT l.from_n FROM dashboard_settling d CROSS JOIN record t ON t.n = d.record_n
        JOIN record_link l ON l.to_id = t.id AND l.role IN ('organisation', 'request')
      WHERE t.kind IN ('organisation', 'request')`,
    // After the line above: a record taken along with its organisation is counted now, and not again in its
    // own step (counting it twice moved nothing, but cost a subtraction and an addition per aggregate).
    `/* dashboard catch-up: counted now, so no longer waiting */
    DELETE FROM dashboard_dirty WHERE record_n IN (SELECT record_n FROM dashboard_settling)`,
    `/* dashboard catch-up: stage the facts */ INSERT INTO dashboard_staged_fact (${FACT_COLUMNS})
      SELECT ${breakdowns ? FACT_VALUES_009 : FACT_VALUES_005} FROM dashboard_settling d CROSS JOIN record r ON r.n = d.record_n
      WHERE ${COUNTED}`,
    ...CUBES.map(moveCube),
    ...CUBES.map(dropEmptied),
    ...(schema === 'after009' ? BREAKDOWN_CUBES.flatMap(moveBreakdown) : []),
    ...(sliced ? (slices === 'complete' ? SLICE_PAIRS.flatMap(moveSlicePair) : SLICE_CUBES.flatMap(moveSlice)) : []),
    'DELETE FROM dashboard_fact WHERE record_n IN (SELECT record_n FROM dashboard_settling)',
    `INSERT INTO dashboard_fact (${FACT_COLUMNS}) SELECT ${FACT_COLUMNS} FROM dashboard_staged_fact`,
    'DELETE FROM dashboard_staged_fact',
    'DELETE FROM dashboard_settling',
  ].map((sql) => sql.trim().replace(/;$/, ''));
}

/** A step's statements after migration 018 (scripts/scratch profiles them one by one). */
export const catchUpStatements = (complete: boolean): string[] => step('after018', complete ? 'complete' : 'refilling');

/**
 * A step's first statements take the records counted with their organisation or request; the effort facts of
 * every record the step settles are written after them (settleEffortFacts), then the rest.
 */
const TAKE_ALONG = 2;

/** The step's statements as two scripts, around the effort facts (the schemas before 018, triggers set aside). */
const SCRIPTS: Record<Exclude<Schema, 'after018'>, [string, string]> = {
  before009: scripts(step('before009')),
  after009: scripts(step('after009')),
  after016: scripts(step('after016')),
};
function scripts(statements: string[]): [string, string] {
  return [statements.slice(0, TAKE_ALONG).join(';\n'), statements.slice(TAKE_ALONG).join(';\n')];
}

/**
 * After migration 018, each connection prepares the step's statements once (no schema change between steps
 * sends them back to the compiler): `refilling` while 016's refill is under way, `complete` once it is done.
 * The delta tables of `complete` are temporary: made outside any transaction, so that no rollback takes them
 * away from under the prepared statements; a step inside someone's transaction uses `refilling`.
 */
const prepared = new WeakMap<Database, { refilling: Statement[]; complete?: Statement[] }>();

function stepStatements(db: Database, complete: boolean): Statement[] {
  let cached = prepared.get(db);
  if (!cached) {
    cached = { refilling: step('after018', 'refilling').map((sql) => db.prepare(sql)) };
    prepared.set(db, cached);
  }
  if (complete && !cached.complete && !db.inTransaction) {
    db.exec(CREATE_DELTAS);
    cached.complete = step('after018', 'complete').map((sql) => db.prepare(sql));
  }
  return complete && cached.complete ? cached.complete : cached.refilling;
}

/** True once migration 009's aggregates exist. */
export function hasBreakdowns(db: Database): boolean {
  return (
    db
      .prepare(
        "/* upkeep: breakdowns exist */ SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'dashboard_by_kind_month')",
      )
      .pluck()
      .get() === 1
  );
}

/** True once migration 016's slices exist. */
export function hasSlices(db: Database): boolean {
  return (
    db
      .prepare(
        `/* upkeep: slices exist */ SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '${REFILL_TABLE}')`,
      )
      .pluck()
      .get() === 1
  );
}

/** True once migration 018 has given dashboard_dirty its day. */
function hasDirtyDays(db: Database): boolean {
  return (db.pragma('user_version', { simple: true }) as number) >= migration018.version;
}

function schemaOf(db: Database): Schema {
  if (hasDirtyDays(db)) return 'after018';
  return hasSlices(db) ? 'after016' : hasBreakdowns(db) ? 'after009' : 'before009';
}

/**
 * The next aggregate of migration 016 waiting for the refill, and its cursor (it holds the facts of the days
 * before it); none when every one is complete.
 */
function refillCursor(db: Database): { cube: string; upto: string } | undefined {
  if (!hasSlices(db)) return undefined;
  return db
    .prepare(`/* upkeep: refill cursor */ SELECT cube, upto FROM ${REFILL_TABLE} ORDER BY cube LIMIT 1`)
    .get() as { cube: string; upto: string } | undefined;
}

/**
 * How many records wait to be counted (0 on a database from before migration 007), plus one while migration
 * 016's aggregates are being refilled from the facts.
 */
export function dashboardsBehind(db: Database): number {
  if (!hasBatchTables(db)) return 0;
  const dirty = db
    .prepare('/* upkeep: records waiting */ SELECT count(*) FROM dashboard_dirty')
    .pluck()
    .get() as number;
  return dirty + (refillCursor(db) === undefined ? 0 : 1);
}

/**
 * How many facts one refill step adds to one of migration 016's aggregates (a chunk of whole days). At a
 * million records on a loaded machine, 5,000 facts into all eighteen at once held the backend 6-20 s a step.
 */
export const REFILL_STEP = 20_000;

/**
 * Adds the facts of the next days after the cursor to migration 016's aggregates, set-based, and moves the
 * cursor past them (its row goes once every fact is in); false when nothing was left to add.
 */
function refillStep(db: Database, chunk: number): boolean {
  return db.transaction(() => {
    const cursor = refillCursor(db);
    if (cursor === undefined) return false;
    const { upto } = cursor;
    const cube = SLICE_CUBES.find((c) => c.table === cursor.cube);
    const day = (sql: string, p: Record<string, string | number>) =>
      db.prepare(sql).pluck().get(p) as string | null | undefined;
    const first = day('/* refill: first day */ SELECT min(day) FROM dashboard_fact WHERE day >= @upto', { upto });
    let next = '9';
    if (first && cube) {
      const at = day(
        '/* refill: chunk end */ SELECT day FROM dashboard_fact WHERE day >= @upto ORDER BY day LIMIT 1 OFFSET @chunk',
        { upto, chunk },
      );
      if (at && at > first) next = at;
      else if (at)
        next = day('/* refill: next day */ SELECT min(day) FROM dashboard_fact WHERE day > @at', { at }) ?? '9';
      db.prepare(
        `/* refill: ${cube.table} */ ${addSliceRows(cube, cube.rows('dashboard_fact f', 1, 'f.day >= @from AND f.day < @to'))}`,
      ).run({ from: upto, to: next });
    }
    if (next === '9') db.prepare(`DELETE FROM ${REFILL_TABLE} WHERE cube = ?`).run(cursor.cube);
    else db.prepare(`UPDATE ${REFILL_TABLE} SET upto = ? WHERE cube = ?`).run(next, cursor.cube);
    return true;
  })();
}

/**
 * Starts migration 016's refill again from the first day (after the facts' days moved): the slices are
 * emptied and the catch-up adds every fact back, set-based. Call inside a transaction.
 */
export function restartSliceRefill(db: Database): void {
  if (!hasSlices(db)) return;
  for (const c of SLICE_CUBES) db.prepare(`DELETE FROM ${c.table}`).run();
  db.prepare(REFILL_ALL).run();
  listeners.get(db)?.();
}

/**
 * Counts up to `limit` of the noted records (all by default) into the aggregates, in one transaction; returns
 * how many still wait. With no record noted, it refills migration 016's aggregates instead, if they wait: one
 * chunk of `refillChunk` facts (whole days), or all of them without a limit. Never inside a batch.
 */
export function settleDashboards(db: Database, limit = Number.MAX_SAFE_INTEGER, refillChunk = REFILL_STEP): number {
  if (!hasBatchTables(db)) return 0;
  const waiting = db.prepare('/* upkeep: any record waiting */ SELECT EXISTS (SELECT 1 FROM dashboard_dirty)');
  if (waiting.pluck().get() !== 1) {
    // Migration 016's refill (the facts are true, only its aggregates wait): a chunk per step, or all of it.
    if (refillCursor(db) === undefined) return 0;
    if (open.has(db)) throw new Error('The dashboards cannot catch up inside a batch.');
    if (limit === Number.MAX_SAFE_INTEGER) while (refillStep(db, refillChunk));
    else refillStep(db, refillChunk);
    return dashboardsBehind(db);
  }
  if (open.has(db)) throw new Error('The dashboards cannot catch up inside a batch.');
  const schema = schemaOf(db);
  const take = db.prepare(
    schema === 'after018'
      ? 'INSERT INTO dashboard_settling (record_n) SELECT record_n FROM dashboard_dirty ORDER BY day, record_n LIMIT ?'
      : 'INSERT INTO dashboard_settling (record_n) SELECT record_n FROM dashboard_dirty ORDER BY record_n LIMIT ?',
  );
  if (schema === 'after018') {
    // The statements first: a step in the complete form may make its temporary tables, outside the transaction.
    const statements = stepStatements(db, refillCursor(db) === undefined);
    db.transaction(() => {
      take.run(limit);
      for (const s of statements.slice(0, TAKE_ALONG)) s.run();
      settleEffortFacts(db);
      for (const s of statements.slice(TAKE_ALONG)) s.run();
    })();
  } else
    db.transaction(() =>
      withoutTriggers(db, () => {
        take.run(limit);
        db.exec(SCRIPTS[schema][0]);
        // Migration 017: the settling records' effort facts, set-based, before their dashboard facts move.
        settleEffortFacts(db);
        db.exec(SCRIPTS[schema][1]);
      }),
    )();
  // Unlimited: whatever is left of a refill too.
  if (limit === Number.MAX_SAFE_INTEGER && refillCursor(db) !== undefined)
    return settleDashboards(db, limit, refillChunk);
  return dashboardsBehind(db);
}

/**
 * The backend's catch-up: after a batch commits (and once at start, for records a previous run or the command
 * line left waiting), steps (CATCH_UP_STEP records, then sized by nextStepSize) run between calls until none are left. `stop` ends it
 * (the database is closing).
 */
export function createDashboardCatchUp(
  db: Database,
  options: {
    onError: (error: unknown) => void;
    /** Each step as it ends: its size, how long it took, how many records still wait (the bench reads it). */
    onStep?: (step: { size: number; ms: number; left: number }) => void;
  },
) {
  let size = CATCH_UP_STEP;
  let scheduled: NodeJS.Immediate | undefined;
  let stopped = false;
  let waiters: (() => void)[] = [];
  const wake = () => {
    const all = waiters;
    waiters = [];
    for (const w of all) w();
  };
  const step = () => {
    scheduled = undefined;
    if (stopped || !db.open) {
      wake();
      return;
    }
    // Held by a running import: its release schedules the catch-up again.
    if (holds.get(db)) return;
    try {
      const started = performance.now();
      const left = settleDashboards(db, size);
      const ms = performance.now() - started;
      options.onStep?.({ size, ms, left });
      size = nextStepSize(size, ms, waiters.length > 0);
      if (left > 0) schedule();
      else wake();
    } catch (error) {
      // A reader settles what is left, so nothing is lost if a step fails; say so once and stop trying.
      stopped = true;
      options.onError(error);
      wake();
    }
  };
  const schedule = () => {
    if (stopped) return;
    // setImmediate: calls waiting in the queue are served between steps. Unreferenced while nobody waits, so
    // that the catch-up alone never keeps a process (the command line) alive; referenced while a reader
    // waits for it, else a process with nothing else to do would end with the reader's promise unsettled.
    scheduled ??= setImmediate(step);
    if (waiters.length > 0) scheduled.ref();
    else scheduled.unref();
  };

  listeners.set(db, schedule);
  if (dashboardsBehind(db) > 0) schedule();
  return {
    /**
     * Resolves when no record waits (at once if none does), the steps running meanwhile between other calls.
     * The reader then settles anything written since, itself (keepDashboardCurrent).
     */
    caughtUp(): Promise<void> {
      if (stopped || !db.open || dashboardsBehind(db) === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        schedule();
      });
    },
    stop() {
      stopped = true;
      listeners.delete(db);
      wake();
    },
  };
}
