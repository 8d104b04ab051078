import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Migration } from './types';

// Effort and cost, budgets and staffing, work plans (issue 14, items 2 and 3; docs/efficiency.md).
//
//   effort_fact        one row per engagement, request and result (trashed ones too): what it brings besides the
//                      dashboards' dimensions: operational or not, minutes, travel (half days, cents), answered,
//                      the planned activity it carries out. Kept by triggers on `record` (its own fields only).
//   effort_post, effort_country, effort_phenomenon, effort_activity
//                      sums per post / country / phenomenon and year, and per planned activity and quarter, over
//                      the pairs (effort_fact, dashboard_fact) of the same record. dashboard_fact (migration 005)
//                      already gives every live record its local day, post, countries and phenomena, and is kept
//                      true by the dashboards' triggers and, for bulk writes, their batch catch-up
//                      (electron/reports/dashboard-batch.ts). The triggers here fire on both sides of the pair:
//                      a change of a record's effort moves its sums under its current dimensions, and a change of
//                      its dimensions (a fact added, removed or moved) moves its effort from the old to the new.
//                      Their names do not start with "dashboard", so a dashboard batch does not set them aside:
//                      during a batch, effort_fact follows every write while dashboard_fact waits; when the
//                      catch-up settles a step (deleting and inserting facts), these triggers move the sums.
//                      No registration in dashboard-batch.ts is needed. A group that falls to zero keeps its row
//                      (n = 0); readers skip it.
//   post_budget        a post's budget (cents) and staffing (hundredths of an FTE) per year; post '' = this
//                      installation, at HQ the post's code (from its exports).
//   workplan_activity  planned activities; post as above.

/** A record's effort, from `record` alias `r` (inside a trigger: NEW). */
const EFFORT_VALUES = (r: string) => `${r}.n, ${r}.kind,
  CASE WHEN ${r}.kind = 'request' OR (${r}.kind = 'engagement' AND ${r}.status = 'operational') THEN 1 ELSE 0 END,
  CASE WHEN ${r}.kind = 'result' THEN NULL ELSE json_extract(${r}.data, '$.timeSpentMinutes') END,
  CASE WHEN ${r}.kind = 'result' THEN 0 ELSE coalesce(CAST(round(json_extract(${r}.data, '$.travelDays') * 2) AS INTEGER), 0) END,
  CASE WHEN ${r}.kind = 'result' THEN 0 ELSE coalesce(json_extract(${r}.data, '$.travelCostCents'), 0) END,
  CASE WHEN ${r}.kind = 'request' AND ${r}.status = 'answered' THEN 1 ELSE 0 END,
  CASE WHEN ${r}.kind = 'engagement' THEN coalesce(json_extract(${r}.data, '$.plannedActivityId'), '') ELSE '' END`;
export const EFFORT_COLUMNS =
  'record_n, kind, operational, minutes, travel_half_days, travel_cents, answered, activity';
const EFFORT_KINDS = "('engagement', 'request', 'result')";

/** The sums every aggregate holds, from effort fact `e`, times `sign`. */
const SUMS: readonly (readonly [column: string, value: (e: string) => string])[] = [
  ['n', () => '1'],
  ['engagements', (e) => `(${e}.kind = 'engagement')`],
  ['requests', (e) => `(${e}.kind = 'request')`],
  ['results', (e) => `(${e}.kind = 'result')`],
  ['answered', (e) => `${e}.answered`],
  ['timed', (e) => `(${e}.minutes IS NOT NULL)`],
  ['op_minutes', (e) => `CASE WHEN ${e}.operational = 1 THEN coalesce(${e}.minutes, 0) ELSE 0 END`],
  ['nonop_minutes', (e) => `CASE WHEN ${e}.operational = 0 THEN coalesce(${e}.minutes, 0) ELSE 0 END`],
  ['op_travel_cents', (e) => `CASE WHEN ${e}.operational = 1 THEN ${e}.travel_cents ELSE 0 END`],
  ['nonop_travel_cents', (e) => `CASE WHEN ${e}.operational = 0 THEN ${e}.travel_cents ELSE 0 END`],
  ['travel_half_days', (e) => `${e}.travel_half_days`],
];
export const SUM_COLUMNS = SUMS.map(([c]) => c);

/** A list of a fact (countries, phenomena), with '' standing for none. */
const listOf = (column: string) => `json_each(CASE WHEN ${column} = '[]' THEN '[""]' ELSE ${column} END)`;

export interface EffortCube {
  table: string;
  keys: readonly string[];
  /** The key values and the extra FROM items (json_each), for dashboard fact `d` and effort fact `e`. */
  values: (d: string, e: string) => string[];
  from: (d: string) => string[];
  /** Only the pairs that count here (the activity table: engagements carrying out an activity). */
  where?: (e: string) => string;
  /** Only some sums (the activity table). */
  sums?: readonly string[];
}

const YEAR = (d: string) => `substr(${d}.day, 1, 4)`;

export const EFFORT_CUBES: readonly EffortCube[] = [
  { table: 'effort_post', keys: ['post', 'year'], values: (d) => [`${d}.post`, YEAR(d)], from: () => [] },
  {
    table: 'effort_country',
    keys: ['post', 'country', 'year'],
    values: (d) => [`${d}.post`, 'ec.value', YEAR(d)],
    from: (d) => [`${listOf(`${d}.countries`)} ec`],
  },
  {
    table: 'effort_phenomenon',
    keys: ['post', 'phenomenon', 'year'],
    values: (d) => [`${d}.post`, 'ep.value', YEAR(d)],
    from: (d) => [`${listOf(`${d}.phenomena`)} ep`],
  },
  {
    table: 'effort_activity',
    keys: ['activity', 'year', 'quarter'],
    values: (d, e) => [`${e}.activity`, YEAR(d), `(CAST(substr(${d}.day, 6, 2) AS INTEGER) + 2) / 3`],
    from: () => [],
    where: (e) => `${e}.activity <> ''`,
    sums: ['n', 'op_minutes', 'nonop_minutes'],
  },
];

function sumsOf(cube: EffortCube) {
  return SUMS.filter(([c]) => !cube.sums || cube.sums.includes(c));
}

/**
 * The statement moving `cube` by the pair's contribution: `source` names the other side of the pair joined to
 * the trigger's row (or, for a backfill or recount, both sides), `d` and `e` their aliases.
 */
export function moveCube(cube: EffortCube, d: string, e: string, source: string, sign: 1 | -1): string {
  const sums = sumsOf(cube);
  const s = sign === 1 ? '' : '-';
  const cols = [...cube.keys, ...sums.map(([c]) => c)];
  const where = [cube.where?.(e)].filter(Boolean).join(' AND ') || 'true';
  return `INSERT INTO ${cube.table} (${cols.join(', ')})
    SELECT ${[...cube.values(d, e), ...sums.map(([, v]) => `${s}(${v(e)})`)].join(', ')}
    FROM ${[source, ...cube.from(d)].join(', ')} WHERE ${where}
    ON CONFLICT (${cube.keys.join(', ')}) DO UPDATE SET
      ${sums.map(([c]) => `${c} = ${cube.table}.${c} + excluded.${c}`).join(', ')};`;
}

/** The query that counts `cube` from scratch (the recount the tests compare with). */
export function recountCube(cube: EffortCube): string {
  const sums = sumsOf(cube);
  const keys = cube.values('d', 'e');
  return `SELECT ${[...keys.map((k, i) => `${k} AS ${cube.keys[i]}`), ...sums.map(([c, v]) => `sum(${v('e')}) AS ${c}`)].join(', ')}
    FROM ${['dashboard_fact d JOIN effort_fact e ON e.record_n = d.record_n', ...cube.from('d')].join(', ')}
    WHERE ${cube.where?.('e') ?? 'true'}
    GROUP BY ${cube.keys.map((_, i) => i + 1).join(', ')}`;
}

function createCube(cube: EffortCube): string {
  const sums = sumsOf(cube);
  return `CREATE TABLE ${cube.table} (
    ${cube.keys.map((k) => `${k} ${k === 'quarter' ? 'INTEGER' : 'TEXT'} NOT NULL`).join(', ')},
    ${sums.map(([c]) => `${c} INTEGER NOT NULL DEFAULT 0`).join(', ')},
    PRIMARY KEY (${cube.keys.join(', ')})
  ) STRICT, WITHOUT ROWID;`;
}

const DIMENSIONS = ['day', 'kind', 'post', 'countries', 'phenomena'];

const TRIGGERS = `
  CREATE TRIGGER effort_record_added AFTER INSERT ON record WHEN NEW.kind IN ${EFFORT_KINDS} BEGIN
    INSERT OR REPLACE INTO effort_fact (${EFFORT_COLUMNS}) SELECT ${EFFORT_VALUES('NEW')};
  END;
  CREATE TRIGGER effort_record_changed AFTER UPDATE OF kind, status, data ON record
    WHEN NEW.kind IN ${EFFORT_KINDS} BEGIN
    INSERT INTO effort_fact (${EFFORT_COLUMNS}) SELECT ${EFFORT_VALUES('NEW')}
      ON CONFLICT (record_n) DO UPDATE SET
        ${EFFORT_COLUMNS.split(', ')
          .slice(1)
          .map((c) => `${c} = excluded.${c}`)
          .join(', ')}
      WHERE (${EFFORT_COLUMNS.split(', ')
        .slice(1)
        .map((c) => `effort_fact.${c}`)
        .join(', ')}) IS NOT (${EFFORT_COLUMNS.split(', ')
        .slice(1)
        .map((c) => `excluded.${c}`)
        .join(', ')});
  END;
  CREATE TRIGGER effort_record_deleted AFTER DELETE ON record WHEN OLD.kind IN ${EFFORT_KINDS} BEGIN
    DELETE FROM effort_fact WHERE record_n = OLD.n;
  END;

`;

/** Triggers on both sides of the pair; `other` is the side joined to the trigger's row. */
function pairTriggers(): string {
  const onEffort = (row: 'NEW' | 'OLD', sign: 1 | -1) =>
    EFFORT_CUBES.map((c) =>
      moveCube(
        { ...c, where: (e) => [`d.record_n = ${row}.record_n`, c.where?.(e)].filter(Boolean).join(' AND ') },
        'd',
        row,
        'dashboard_fact d',
        sign,
      ),
    ).join('\n');
  const onDashboard = (row: 'NEW' | 'OLD', sign: 1 | -1) =>
    EFFORT_CUBES.map((c) =>
      moveCube(
        { ...c, where: (e) => [`e.record_n = ${row}.record_n`, c.where?.(e)].filter(Boolean).join(' AND ') },
        row,
        'e',
        'effort_fact e',
        sign,
      ),
    ).join('\n');
  return `
  CREATE TRIGGER effort_fact_added AFTER INSERT ON effort_fact BEGIN
    ${onEffort('NEW', 1)}
  END;
  CREATE TRIGGER effort_fact_removed AFTER DELETE ON effort_fact BEGIN
    ${onEffort('OLD', -1)}
  END;
  CREATE TRIGGER effort_fact_changed AFTER UPDATE ON effort_fact BEGIN
    ${onEffort('OLD', -1)}
    ${onEffort('NEW', 1)}
  END;
  CREATE TRIGGER effort_dimensions_added AFTER INSERT ON dashboard_fact BEGIN
    ${onDashboard('NEW', 1)}
  END;
  CREATE TRIGGER effort_dimensions_removed AFTER DELETE ON dashboard_fact BEGIN
    ${onDashboard('OLD', -1)}
  END;
  CREATE TRIGGER effort_dimensions_moved AFTER UPDATE ON dashboard_fact
    WHEN (${DIMENSIONS.map((c) => `OLD.${c}`).join(', ')}) IS NOT (${DIMENSIONS.map((c) => `NEW.${c}`).join(', ')}) BEGIN
    ${onDashboard('OLD', -1)}
    ${onDashboard('NEW', 1)}
  END;`;
}

export const EFFORT_AGGREGATE_TABLES = EFFORT_CUBES.map((c) => c.table);

export const migration015: Migration = {
  version: 15,
  name: 'effort, budgets and work plans',
  up(db: Database) {
    db.exec(`
      CREATE TABLE effort_fact (
        record_n          INTEGER PRIMARY KEY,
        kind              TEXT NOT NULL,
        operational       INTEGER NOT NULL,  -- 1: a request, or an engagement whose purpose is operational
        minutes           INTEGER,           -- time spent; NULL: not recorded
        travel_half_days  INTEGER NOT NULL,
        travel_cents      INTEGER NOT NULL,
        answered          INTEGER NOT NULL,  -- 1: a request whose status is answered
        activity          TEXT NOT NULL      -- the planned activity an engagement carries out; '' none
      ) STRICT;
      ${EFFORT_CUBES.map(createCube).join('\n')}
      CREATE TABLE post_budget (
        post            TEXT NOT NULL,     -- '' this installation; at HQ the post's code
        year            INTEGER NOT NULL,
        budget_cents    INTEGER NOT NULL,
        fte_hundredths  INTEGER NOT NULL,
        revision        INTEGER NOT NULL,
        updated_at      TEXT NOT NULL,
        PRIMARY KEY (post, year)
      ) STRICT;
      CREATE TABLE workplan_activity (
        id          TEXT PRIMARY KEY,
        post        TEXT NOT NULL,         -- '' this installation; at HQ the post's code
        year        INTEGER NOT NULL,
        revision    INTEGER NOT NULL,
        data        TEXT NOT NULL,         -- PlannedActivityInput (shared/workplan/schema.ts) as JSON
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        deleted_at  TEXT
      ) STRICT;
      CREATE INDEX workplan_activity_by_post_year ON workplan_activity (post, year) WHERE deleted_at IS NULL;

      INSERT INTO effort_fact (${EFFORT_COLUMNS}) SELECT ${EFFORT_VALUES('r')} FROM record r WHERE r.kind IN ${EFFORT_KINDS};
    `);
    // The sums of the facts the dashboards hold now (after migration 009 they may be waiting for the catch-up,
    // which then moves these sums as it counts).
    for (const cube of EFFORT_CUBES) {
      const sums = sumsOf(cube);
      db.exec(
        `INSERT INTO ${cube.table} (${[...cube.keys, ...sums.map(([c]) => c)].join(', ')}) ${recountCube(cube)};`,
      );
    }
    db.exec(TRIGGERS + pairTriggers());
  },
};
