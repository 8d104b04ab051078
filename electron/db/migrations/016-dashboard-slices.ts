import type { Database } from 'better-sqlite3-multiple-ciphers';
import { FACT_COLUMNS } from './005-dashboard-aggregates';
import { HOURS_BUCKET } from './009-dashboard-breakdowns';
import type { Migration } from './types';

// The dashboards' filtered slices (issue 12, item 4): a dashboard with a country, a post or a channel filter,
// alone or with a phenomenon filter, reads rows bounded by the period and one breakdown, as the unfiltered
// ones do since migration 009, instead of folding 005's cubes (every combination of every dimension).
//
// Migration 009's eighteen narrow aggregates are made again with one more key column after the phenomenon
// filter (f_code): `slice`, the other filter a fact satisfies. A fact adds its rows once under each:
//
//   ''              no country, post or channel filter
//   'country:XX'    each of its countries (an engagement's organisations', a result's requests', a request's)
//   'post:P'        its post ('post:' for this installation's own records)
//   'channel:C'     requests only: their channel. Under a channel filter engagements and results count
//                   whatever the channel (only requests have one), so a reader takes them from slice ''.
//
// Two of those filters at once (a country and a post...) are still folded from 005's cubes.
//
// Filling them on an existing database: the facts (dashboard_fact) are already true, only the aggregates are
// new. So the migration does not count a single record: it leaves a cursor in dashboard_slices_refill, and the
// backend's catch-up (electron/reports/dashboard-batch.ts) adds the facts to the aggregates set-based, one
// aggregate at a time, a chunk of days at a time (INSERT ... SELECT ... GROUP BY from dashboard_fact), between
// calls. One aggregate after the other, because a chunk writes a row or two under every filter and slice: the
// pages one aggregate touches stay in the page cache from chunk to chunk, those of eighteen do not. Each
// aggregate holds exactly the facts of the days before its cursor: the triggers and the catch-up move only rows
// of facts whose day is before it, so a fact written meanwhile in a later day is added by the refill, once.
// When a cursor has passed the last fact, its row goes (no row: everything counted). A change of the time zone setting
// starts the same refill again (electron/reports/dashboard-upkeep.ts). The dashboards wait for it, as for the
// catch-up of a batch.

/** The phenomenon filters a fact satisfies ('' for none). */
const F_CODE = { column: 'f_code', from: 'json_each(f.matches) fm', value: 'fm.value' };
/** The other filters it satisfies: '', each country, its post, a request's channel. */
const PREFIXED_COUNTRIES = `replace(replace(f.countries, '["', '["country:'), ',"', ',"country:')`;
const SLICE = {
  column: 'slice',
  // Built as JSON text (cheaper than a subquery per fact and aggregate): country codes are two letters.
  from: `json_each('[""' || ',' || json_quote('post:' || f.post)
    || CASE WHEN f.kind = 'request' THEN ',' || json_quote('channel:' || f.channel) ELSE '' END
    || CASE WHEN f.countries = '[]' THEN '' ELSE ',' || substr(${PREFIXED_COUNTRIES}, 2, length(${PREFIXED_COUNTRIES}) - 2) END
    || ']') sl`,
  value: 'sl.value',
};

/** An aggregate holds the facts of the days before this (all of them when its refill is done: no row). */
export const refilledUpto = (table: string) =>
  `coalesce((SELECT upto FROM dashboard_slices_refill WHERE cube = '${table}'), '9')`;

type Level = 'month' | 'day';
const TIME = { month: 'substr(f.day, 1, 7)', day: 'f.day' } as const;

interface Spec {
  name: string;
  key: readonly (readonly [column: string, value: string, type?: 'INTEGER' | 'REAL'])[];
  from?: readonly string[];
  where?: string;
  sums: readonly (readonly [column: string, value: string])[];
}

const COUNTRY_OF_REQUEST = "coalesce(json_extract(f.countries, '$[0]'), '')";
const VIA = "CASE WHEN f.channel IN ('siena', 'sis_sirene', 'mla_eio') THEN f.channel ELSE 'other' END";
const N = [['n', '1']] as const;
const TIMELY = [
  ['n', '1'],
  ['answered', 'f.answered'],
  ['in_time', 'f.in_time'],
] as const;

/** Migration 009's breakdowns, as they were (this migration adds the slice). */
const SPECS: readonly Spec[] = [
  {
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

/** One aggregate table of this migration (one time level of one breakdown). */
export interface SliceCube {
  table: string;
  key: readonly string[];
  /** `n` first (rows are deleted when it falls to zero). */
  sums: readonly string[];
  /**
   * The rows the facts of `source` (a FROM item aliased `f` with dashboard_fact's columns) add, grouped by
   * key, each count times `sign`; only facts for which `bound` holds (by default: their day is before the
   * refill's cursor, so that the aggregates hold exactly the facts before it).
   */
  rows(source: string, sign?: 1 | -1, bound?: string): string;
}

function cube(spec: Spec, level: Level): SliceCube & { create: string } {
  const key = [
    [F_CODE.column, F_CODE.value, undefined] as const,
    [SLICE.column, SLICE.value, undefined] as const,
    ...spec.key.map(([c, v, t]) => (c === 'time' ? ([level, TIME[level], undefined] as const) : ([c, v, t] as const))),
  ];
  const sums = spec.sums.map(([c]) => c);
  return {
    table: `${spec.name}_${level}`,
    key: key.map(([c]) => c),
    sums,
    rows(source, sign = 1, bound = `f.day < ${refilledUpto(`${spec.name}_${level}`)}`) {
      const from = [source, F_CODE.from, SLICE.from, ...(spec.from ?? [])].join(', ');
      return `SELECT ${[
        ...key.map(([c, v]) => `${v} AS ${c}`),
        ...spec.sums.map(([c, v]) => `${sign === 1 ? '' : '-'}sum(${v}) AS ${c}`),
      ].join(', ')}
        FROM ${from} WHERE (${spec.where ?? 'true'}) AND ${bound} GROUP BY ${key.map((_, i) => i + 1).join(', ')}`;
    },
    create: `CREATE TABLE ${spec.name}_${level} (
      ${[...key.map(([c, , t]) => `${c} ${t ?? 'TEXT'} NOT NULL`), ...sums.map((c) => `${c} INTEGER NOT NULL`)].join(',\n      ')},
      PRIMARY KEY (${key.map(([c]) => c).join(', ')})) STRICT, WITHOUT ROWID;`,
  };
}

export const SLICE_CUBES: readonly SliceCube[] = SPECS.flatMap((s) => [cube(s, 'month'), cube(s, 'day')]);
const CREATE = SPECS.flatMap((s) => [cube(s, 'month').create, cube(s, 'day').create]);

/** Adds rows (a SELECT with the table's columns) to a cube: counts added to the rows already there. */
export function addSliceRows(c: SliceCube, rows: string): string {
  return `INSERT INTO ${c.table} (${[...c.key, ...c.sums].join(', ')})
    SELECT * FROM (${rows}) WHERE true
    ON CONFLICT (${c.key.join(', ')}) DO UPDATE SET ${c.sums.map((s) => `${s} = ${c.table}.${s} + excluded.${s}`).join(', ')};`;
}

function subtractRows(c: SliceCube, source: string): string {
  const match = c.key.map((k) => `${c.table}.${k} = gone.${k}`).join(' AND ');
  return `UPDATE ${c.table} SET ${c.sums.map((s) => `${s} = ${c.table}.${s} - gone.${s}`).join(', ')}
      FROM (${c.rows(source)}) AS gone WHERE ${match};
    DELETE FROM ${c.table} WHERE n = 0 AND (${c.key.join(', ')}) IN (SELECT ${c.key.join(', ')} FROM (${c.rows(source)}));`;
}

const FACT_NAMES = FACT_COLUMNS.split(', ');
const factOf = (row: 'NEW' | 'OLD') => `(SELECT ${FACT_NAMES.map((c) => `${row}.${c} AS ${c}`).join(', ')}) AS f`;

/** Migration 009's trigger names, kept: the batches set every dashboard% trigger aside by name. */
const FACT_TRIGGERS = `
  CREATE TRIGGER dashboard_breakdowns_added AFTER INSERT ON dashboard_fact BEGIN
    ${SLICE_CUBES.map((c) => addSliceRows(c, c.rows(factOf('NEW')))).join('\n')}
  END;
  CREATE TRIGGER dashboard_breakdowns_removed AFTER DELETE ON dashboard_fact BEGIN
    ${SLICE_CUBES.map((c) => subtractRows(c, factOf('OLD'))).join('\n')}
  END;
  CREATE TRIGGER dashboard_breakdowns_moved AFTER UPDATE ON dashboard_fact
    WHEN (${FACT_NAMES.map((c) => `OLD.${c}`).join(', ')}) IS NOT (${FACT_NAMES.map((c) => `NEW.${c}`).join(', ')}) BEGIN
    ${SLICE_CUBES.map((c) => subtractRows(c, factOf('OLD'))).join('\n')}
    ${SLICE_CUBES.map((c) => addSliceRows(c, c.rows(factOf('NEW')))).join('\n')}
  END;`;

/** The refill's cursors: each aggregate (`cube`) holds the facts of the days before its `upto`. */
export const REFILL_TABLE = 'dashboard_slices_refill';

/** Every aggregate waits for the refill from the first day (if there are facts at all). */
export const REFILL_ALL = `INSERT INTO ${REFILL_TABLE} (cube, upto)
  SELECT column1, '' FROM (VALUES ${SLICE_CUBES.map((c) => `('${c.table}')`).join(', ')})
  WHERE EXISTS (SELECT 1 FROM dashboard_fact)
  ON CONFLICT (cube) DO UPDATE SET upto = excluded.upto`;

export const migration016: Migration = {
  version: 16,
  name: 'dashboard slices',
  up(db: Database) {
    for (const t of ['added', 'removed', 'moved']) db.exec(`DROP TRIGGER IF EXISTS dashboard_breakdowns_${t}`);
    // Derived counts, rebuilt from the facts: dropped whole (no record is touched).
    for (const c of SLICE_CUBES) db.exec(`DROP TABLE IF EXISTS ${c.table}`);
    db.exec(`CREATE TABLE ${REFILL_TABLE} (
      cube TEXT PRIMARY KEY NOT NULL,
      upto TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;`);
    db.exec(CREATE.join('\n'));
    // Every fact there is waits for the refill (none: nothing to do).
    db.exec(REFILL_ALL);
    db.exec(FACT_TRIGGERS);
  },
};
