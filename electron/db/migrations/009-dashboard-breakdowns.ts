import type { Database } from 'better-sqlite3-multiple-ciphers';
import { COUNTED, FACT_COLUMNS, FACT_VALUES as FACT_VALUES_005 } from './005-dashboard-aggregates';
import type { Migration } from './types';

// HQ's dashboards at a million records, read in time that does not grow with the data (issue 12, item 4).
//
// Migration 005's cubes hold every combination of month x kind x post x countries x channel x purpose x
// urgency x reason, so a dashboard read every combination in its period and folded them: more rows as the data
// grew, until every combination existed. The percentiles and the open-overdue count read the facts themselves.
// This migration adds narrow aggregates, one per thing the dashboards show, each in a month and a day version
// (the whole months of a period and the days around them, as before), each keyed first by the phenomenon filter
// (f_code: '' for none, each code of the record and the groups they are in: the fact's `matches`). A dashboard
// without a country, post or channel filter reads, for each figure, rows bounded by the period and the one
// dimension that figure breaks down by, however many records there are:
//
//   dashboard_by_kind        kind; an engagement's purpose, a result's kind, a request's channel (sub);
//                            urgency: records, answered with a deadline, in time
//   dashboard_by_phenomenon  kind, code
//   dashboard_by_country     engagements and results: kind, each of their countries
//   dashboard_by_post        kind, post
//   dashboard_by_request     requests: country; SIENA, SIS/SIRENE, MLA or other (via); why not SIENA: records,
//                            answered, in time (the SIENA share on HQ's home country of the day, timeliness
//                            by country)
//   dashboard_hours          hours to the answer, by bucket of one significant digit (0-9, 10-90, 100-900...)
//   dashboard_hour_values    the same hours exactly, within their bucket: a percentile finds its bucket from
//                            the counts of the first, then its value among the few in that bucket
//   dashboard_overdue        open requests without an answer time, by the UTC date of their deadline
//   dashboard_overdue_at     the same by their exact deadline, within the date: "overdue now" counts whole
//                            dates before today from the first, and today's deadlines before now from this
//
// For that last count a fact's open_due now holds the deadline of an open request that has no answer time
// (before, of every open request, and the dashboard looked up each record's answer time). With a country, post
// or channel filter the dashboard still folds 005's cubes (electron/reports/dashboard.ts says why).
//
// Upkeep, as for 005's cubes: triggers on dashboard_fact add each fact's rows and take them away (single
// writes), and the batches' catch-up (electron/reports/dashboard-batch.ts) moves every aggregate by the
// grouped difference between new facts and old (BREAKDOWN_CUBES describes each aggregate for both).
//
// Building them on an existing database: rather than counting a million records inside the unlock's migration,
// the migration empties the facts and every aggregate (005's too) and notes every counted record in
// dashboard_dirty, as a batch does. The backend's catch-up then counts them all in steps between calls,
// starting at once after the unlock; the dashboards and the overview wait for it, other calls are served.
// tests/unit/dashboard/aggregate-recount.ts recounts these tables in JavaScript after every kind of write.

/** An open request's deadline, when it has no answer time yet (answered open requests are met or missed). */
const OPEN_DUE_005 = "CASE WHEN r.kind = 'request' AND r.status = 'open' THEN r.due_at END";
const OPEN_DUE = `CASE WHEN r.kind = 'request' AND r.status = 'open' AND json_extract(r.data, '$.answeredAt') IS NULL
  THEN r.due_at END`;
if (!FACT_VALUES_005.endsWith(OPEN_DUE_005)) throw new Error('Migration 009: the facts of migration 005 changed.');

/** What a record contributes from this migration on (005's facts, open_due without answered requests). */
export const FACT_VALUES = FACT_VALUES_005.slice(0, -OPEN_DUE_005.length) + OPEN_DUE;
const FACT_NAMES = FACT_COLUMNS.split(', ');

/** 005's refreshFacts, with these facts. */
function refreshFacts(set: string): string {
  const changed = FACT_NAMES.filter((c) => c !== 'record_n');
  return `
    DELETE FROM dashboard_fact WHERE record_n IN (${set})
      AND NOT EXISTS (SELECT 1 FROM record r WHERE r.n = dashboard_fact.record_n AND ${COUNTED});
    INSERT INTO dashboard_fact (${FACT_COLUMNS})
      SELECT ${FACT_VALUES} FROM (${set}) AS refreshed CROSS JOIN record r ON r.n = refreshed.n WHERE ${COUNTED}
      ON CONFLICT (record_n) DO UPDATE SET ${changed.map((c) => `${c} = excluded.${c}`).join(', ')}
      WHERE (${changed.map((c) => `dashboard_fact.${c}`).join(', ')}) IS NOT (${changed.map((c) => `excluded.${c}`).join(', ')});`;
}

/** The phenomenon filters a fact satisfies ('' for none): it adds one row per filter (json_each over `f`). */
const F_CODE = { column: 'f_code', from: 'json_each(f.matches) fm', value: 'fm.value' };

/** The local month or day of a fact: each aggregate has a version per time level. */
type Level = 'month' | 'day';
const TIME = { month: 'substr(f.day, 1, 7)', day: 'f.day' } as const;

interface Spec {
  name: string;
  /** Key columns after the filter, with 'time' where the month or day goes, and their values from `f`. */
  key: readonly (readonly [column: string, value: string, type?: 'INTEGER' | 'REAL'])[];
  /** Further FROM items (lists a fact adds one row per element of). */
  from?: readonly string[];
  /** Which facts count. */
  where?: string;
  sums: readonly (readonly [column: string, value: string])[];
}

const COUNTRY_OF_REQUEST = "coalesce(json_extract(f.countries, '$[0]'), '')";
/** Hours to one significant digit, rounded down: 0-9, 10, 20 ... 90, 100, 200 ... (negative: -1). */
export const HOURS_BUCKET = `CASE WHEN f.hours < 0 THEN -1 WHEN f.hours < 10 THEN CAST(f.hours AS INTEGER)
  WHEN f.hours < 100 THEN CAST(f.hours / 10 AS INTEGER) * 10 WHEN f.hours < 1000 THEN CAST(f.hours / 100 AS INTEGER) * 100
  WHEN f.hours < 10000 THEN CAST(f.hours / 1000 AS INTEGER) * 1000
  WHEN f.hours < 100000 THEN CAST(f.hours / 10000 AS INTEGER) * 10000 ELSE CAST(f.hours / 100000 AS INTEGER) * 100000 END`;
/** How a request travelled, as the SIENA share needs it: SIENA, SIS/SIRENE, MLA, or another channel. */
const VIA = "CASE WHEN f.channel IN ('siena', 'sis_sirene', 'mla_eio') THEN f.channel ELSE 'other' END";

const N = [['n', '1']] as const;
const TIMELY = [
  ['n', '1'],
  ['answered', 'f.answered'],
  ['in_time', 'f.in_time'],
] as const;

const SPECS: readonly Spec[] = [
  {
    // Requests by channel (the mix), engagements by purpose, results by kind; urgency of the answered.
    name: 'dashboard_by_kind',
    key: [
      ['time', ''],
      ['kind', 'f.kind'],
      ['sub', "CASE WHEN f.kind = 'request' THEN f.channel ELSE f.sub END"],
      ['urgency', 'f.urgency'],
    ],
    sums: TIMELY,
  },
  {
    name: 'dashboard_by_phenomenon',
    key: [
      ['time', ''],
      ['kind', 'f.kind'],
      ['code', 'ph.value'],
    ],
    from: ['json_each(f.phenomena) ph'],
    sums: N,
  },
  {
    name: 'dashboard_by_country',
    key: [
      ['time', ''],
      ['kind', 'f.kind'],
      ['country', 'co.value'],
    ],
    from: ['json_each(f.countries) co'],
    where: "f.kind <> 'request'",
    sums: N,
  },
  {
    name: 'dashboard_by_post',
    key: [
      ['time', ''],
      ['kind', 'f.kind'],
      ['post', 'f.post'],
    ],
    sums: N,
  },
  {
    // Requests by country: how they travelled and, when not via SIENA, SIS/SIRENE or MLA, why not SIENA.
    name: 'dashboard_by_request',
    key: [
      ['time', ''],
      ['country', COUNTRY_OF_REQUEST],
      ['via', VIA],
      ['reason', "CASE WHEN f.channel = 'mla_eio' THEN '' ELSE f.reason END"],
    ],
    where: "f.kind = 'request'",
    sums: TIMELY,
  },
  {
    name: 'dashboard_hours',
    key: [
      ['time', ''],
      ['bucket', HOURS_BUCKET, 'INTEGER'],
    ],
    where: 'f.hours IS NOT NULL',
    sums: N,
  },
  {
    name: 'dashboard_hour_values',
    key: [
      ['bucket', HOURS_BUCKET, 'INTEGER'],
      ['time', ''],
      ['hours', 'f.hours', 'REAL'],
    ],
    where: 'f.hours IS NOT NULL',
    sums: N,
  },
  {
    name: 'dashboard_overdue',
    key: [
      ['time', ''],
      ['due_day', 'substr(f.open_due, 1, 10)'],
    ],
    where: 'f.open_due IS NOT NULL',
    sums: N,
  },
  {
    name: 'dashboard_overdue_at',
    key: [
      ['due_day', 'substr(f.open_due, 1, 10)'],
      ['time', ''],
      ['due_at', 'f.open_due'],
    ],
    where: 'f.open_due IS NOT NULL',
    sums: N,
  },
];

/** One aggregate table of this migration (one time level of one spec). */
export interface BreakdownCube {
  table: string;
  /** Its primary key, in order. */
  key: readonly string[];
  /** Its counts; `n` (rows are deleted when it falls to zero) first. */
  sums: readonly string[];
  /**
   * The rows the facts of `source` (a FROM item whose alias is `f`, with dashboard_fact's columns) add,
   * grouped by key, each count multiplied by `sign`: columns named as the table's.
   */
  rows(source: string, sign?: 1 | -1): string;
}

function cube(spec: Spec, level: Level): BreakdownCube & { create: string } {
  const key = [
    [F_CODE.column, F_CODE.value, undefined] as const,
    ...spec.key.map(([c, v, t]) => (c === 'time' ? ([level, TIME[level], undefined] as const) : ([c, v, t] as const))),
  ];
  const sums = spec.sums.map(([c]) => c);
  return {
    table: `${spec.name}_${level}`,
    key: key.map(([c]) => c),
    sums,
    rows(source, sign = 1) {
      const from = [source, F_CODE.from, ...(spec.from ?? [])].join(', ');
      return `SELECT ${[
        ...key.map(([c, v]) => `${v} AS ${c}`),
        ...spec.sums.map(([c, v]) => `${sign === 1 ? '' : '-'}sum(${v}) AS ${c}`),
      ].join(', ')}
        FROM ${from} WHERE ${spec.where ?? 'true'} GROUP BY ${key.map((_, i) => i + 1).join(', ')}`;
    },
    create: `CREATE TABLE ${spec.name}_${level} (
      ${[...key.map(([c, , t]) => `${c} ${t ?? 'TEXT'} NOT NULL`), ...sums.map((c) => `${c} INTEGER NOT NULL`)].join(',\n      ')},
      PRIMARY KEY (${key.map(([c]) => c).join(', ')})) STRICT, WITHOUT ROWID;`,
  };
}

export const BREAKDOWN_CUBES: readonly BreakdownCube[] = SPECS.flatMap((s) => [cube(s, 'month'), cube(s, 'day')]);
const CREATE = SPECS.flatMap((s) => [cube(s, 'month').create, cube(s, 'day').create]);

/** The fact row of a trigger (NEW or OLD) as a FROM item aliased `f`. */
const factOf = (row: 'NEW' | 'OLD') => `(SELECT ${FACT_NAMES.map((c) => `${row}.${c} AS ${c}`).join(', ')}) AS f`;

/** Adds the rows of `source` to a cube (counts are added to the rows already there). */
export function addRows(c: BreakdownCube, source: string): string {
  return `INSERT INTO ${c.table} (${[...c.key, ...c.sums].join(', ')})
    SELECT * FROM (${c.rows(source)}) WHERE true
    ON CONFLICT (${c.key.join(', ')}) DO UPDATE SET ${c.sums.map((s) => `${s} = ${c.table}.${s} + excluded.${s}`).join(', ')};`;
}

/** Takes the rows of `source` away from a cube; rows that fall to zero are deleted. */
function subtractRows(c: BreakdownCube, source: string): string {
  const match = c.key.map((k) => `${c.table}.${k} = gone.${k}`).join(' AND ');
  return `UPDATE ${c.table} SET ${c.sums.map((s) => `${s} = ${c.table}.${s} - gone.${s}`).join(', ')}
      FROM (${c.rows(source)}) AS gone WHERE ${match};
    DELETE FROM ${c.table} WHERE n = 0 AND (${c.key.join(', ')}) IN (SELECT ${c.key.join(', ')} FROM (${c.rows(source)}));`;
}

/** The triggers that keep this migration's aggregates true as dashboard_fact changes row by row. */
const FACT_TRIGGERS = `
  CREATE TRIGGER dashboard_breakdowns_added AFTER INSERT ON dashboard_fact BEGIN
    ${BREAKDOWN_CUBES.map((c) => addRows(c, factOf('NEW'))).join('\n')}
  END;
  CREATE TRIGGER dashboard_breakdowns_removed AFTER DELETE ON dashboard_fact BEGIN
    ${BREAKDOWN_CUBES.map((c) => subtractRows(c, factOf('OLD'))).join('\n')}
  END;
  CREATE TRIGGER dashboard_breakdowns_moved AFTER UPDATE ON dashboard_fact
    WHEN (${FACT_NAMES.map((c) => `OLD.${c}`).join(', ')}) IS NOT (${FACT_NAMES.map((c) => `NEW.${c}`).join(', ')}) BEGIN
    ${BREAKDOWN_CUBES.map((c) => subtractRows(c, factOf('OLD'))).join('\n')}
    ${BREAKDOWN_CUBES.map((c) => addRows(c, factOf('NEW'))).join('\n')}
  END;`;

/** 005's two triggers that compute facts, with this migration's facts. */
const FACT_REFRESH_TRIGGERS = `
  CREATE TRIGGER dashboard_pending_settled AFTER DELETE ON dashboard_pending BEGIN
    ${refreshFacts('SELECT OLD.record_n AS n')}
  END;
  CREATE TRIGGER dashboard_record_changed AFTER UPDATE OF kind, occurred_at, origin_post, country, channel,
    status, direction, due_at, data, deleted_at ON record
    WHEN OLD.kind IN ('engagement', 'request', 'result') OR NEW.kind IN ('engagement', 'request', 'result') BEGIN
    ${refreshFacts('SELECT NEW.n AS n')}
  END;`;

/** Every table the dashboards' counts live in: 005's and this migration's (emptied to be counted again). */
export const AGGREGATE_TABLES = [
  'dashboard_month',
  'dashboard_phenomenon_month',
  'dashboard_day',
  'dashboard_phenomenon_day',
  ...BREAKDOWN_CUBES.map((c) => c.table),
];

export const migration009: Migration = {
  version: 9,
  name: 'dashboard breakdowns',
  up(db: Database) {
    db.exec(CREATE.join('\n'));
    // Every dashboard trigger set aside while the counts are emptied (so that emptying is one step, not a
    // round of trigger work per fact), then back, two of them computing the new facts, and the new ones.
    const triggers = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'dashboard%' ORDER BY name")
      .all() as { name: string; sql: string }[];
    for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
    for (const table of [...AGGREGATE_TABLES, 'dashboard_fact', 'dashboard_pending']) db.exec(`DELETE FROM ${table}`);
    // Counted again by the catch-up, in steps, from the first unlock on (readers wait for it).
    db.exec(`INSERT OR IGNORE INTO dashboard_dirty (record_n) SELECT n FROM record r WHERE ${COUNTED}`);
    const redefined = new Set(['dashboard_pending_settled', 'dashboard_record_changed']);
    for (const t of triggers) if (!redefined.has(t.name)) db.exec(t.sql);
    db.exec(FACT_REFRESH_TRIGGERS);
    db.exec(FACT_TRIGGERS);
  },
};
