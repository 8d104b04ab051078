import type { Database } from 'better-sqlite3-multiple-ciphers';
import { Settings } from '../../../shared/settings/schema';
import { clockChanges } from '../../records/period';
import type { Migration } from './types';

// HQ's dashboards at a million records: counts come from aggregates kept true by triggers, not from the
// records. Three layers, all written by SQLite itself, so that no write path (store, import, trash, restore,
// deadlines counted again, taxonomy edits) has to remember them:
//
//   dashboard_fact   one row per live engagement, request and result: what it contributes (its local day,
//                    post, countries, channel, phenomena, timeliness). Triggers on `record`,
//                    `record_phenomenon`, `record_link` and `taxonomy_term` keep it true, including what a
//                    record takes from others: the countries of the organisations and requests it links to,
//                    the groups its phenomena belong to. Clustered by day: response times, open deadlines
//                    and (under a phenomenon filter) the odd days at the edges of a period are read from here.
//   dashboard_month  counts per local month and every dimension the dashboards filter or break down by.
//                    A record counts once under filter_code '' (no phenomenon filter) and once under each
//                    phenomenon filter it satisfies (each of its codes and the groups they are in), so a
//                    filtered view is a lookup that counts every record once, however many codes match.
//                    dashboard_phenomenon_month: the same per phenomenon code.
//   dashboard_day    the unfiltered counts per local day (and dashboard_phenomenon_day per code), for the
//                    days of a period that do not make a whole month.
//
// Triggers on dashboard_fact add to and subtract from the aggregates; a group that falls to zero is deleted.
// A new record waits in dashboard_pending for the audit entry that closes every change the store makes: its
// phenomena and links are written after it, and counting it once, complete, spares the aggregates a round of
// moves per phenomenon and link. Taking a record out of dashboard_pending computes its fact; the dashboards
// empty the table before they read, for records written by other means (electron/reports/dashboard-upkeep.ts).
// dashboard_clock holds the UTC offsets of the installation's time zone over time, so that SQL can give a
// moment its local date (periods are cut at local midnight); electron/reports/dashboard-upkeep.ts rewrites it
// when the time zone setting changes. Columns are NOT NULL with '' for "none" so that groups compare equal;
// lists (countries, phenomena, matches) are JSON arrays, sorted and without repeats.
//
// Migration 007 and the batched upkeep (electron/reports/dashboard-batch.ts) read the definitions exported here
// (the facts' columns and values, the cubes): they describe the schema this migration made, and must not change.

export const COUNTED =
  "r.kind IN ('engagement', 'request', 'result') AND r.deleted_at IS NULL AND r.occurred_at IS NOT NULL";
const ANSWERED_AT = "json_extract(r.data, '$.answeredAt')";
const ANSWERED_WITH_DEADLINE = `r.kind = 'request' AND r.direction = 'incoming' AND r.due_at IS NOT NULL
  AND ${ANSWERED_AT} IS NOT NULL`;

/** A record's local date: results carry a date; moments are shifted by the offset in force at the time. */
const LOCAL_DAY = `CASE WHEN r.kind = 'result' THEN substr(r.occurred_at, 1, 10) ELSE coalesce(date(r.occurred_at,
  (SELECT c.offset_seconds FROM dashboard_clock c WHERE c.starts_at <= r.occurred_at ORDER BY c.starts_at DESC LIMIT 1)
  || ' seconds'), substr(r.occurred_at, 1, 10)) END`;

/**
 * The countries of an engagement (its organisations') or a result (the requests it came from), as the
 * dashboards have always counted them: through the links, whether or not the target is in the trash.
 */
const LINKED_COUNTRIES = (kind: string, n: string) =>
  `(SELECT json_group_array(c) FROM (SELECT DISTINCT t.country AS c FROM record_link l JOIN record t ON t.id = l.to_id
     WHERE l.from_n = ${n} AND l.role = CASE ${kind} WHEN 'engagement' THEN 'organisation' ELSE 'request' END
       AND t.country IS NOT NULL ORDER BY c))`;
const PHENOMENA = (n: string) =>
  `(SELECT json_group_array(code ORDER BY code) FROM record_phenomenon WHERE record_n = ${n})`;
/** The phenomenon filters a record satisfies: none (''), each of its codes, and the groups they are in. */
const MATCHES = (n: string) =>
  `(SELECT json_group_array(m) FROM (SELECT '' AS m UNION SELECT code FROM record_phenomenon WHERE record_n = ${n}
     UNION SELECT t.parent_code FROM record_phenomenon p JOIN taxonomy_term t ON t.taxonomy = 'phenomenon'
       AND t.code = p.code WHERE p.record_n = ${n} AND t.parent_code IS NOT NULL ORDER BY 1))`;

/** What a record contributes: the columns of dashboard_fact, from `record r`. */
const FACT: readonly (readonly [column: string, value: string])[] = [
  ['day', LOCAL_DAY],
  ['record_n', 'r.n'],
  ['kind', 'r.kind'],
  ['post', "coalesce(r.origin_post, '')"],
  [
    'countries',
    `CASE WHEN r.kind <> 'request' THEN ${LINKED_COUNTRIES('r.kind', 'r.n')}
      WHEN r.country IS NULL THEN '[]' ELSE json_array(r.country) END`,
  ],
  ['channel', "coalesce(r.channel, '')"],
  ['phenomena', PHENOMENA('r.n')],
  ['matches', MATCHES('r.n')],
  // An engagement's purpose, a result's kind.
  ['sub', "CASE WHEN r.kind = 'request' THEN '' ELSE coalesce(r.status, '') END"],
  [
    'urgency',
    `CASE WHEN ${ANSWERED_WITH_DEADLINE} THEN coalesce(json_extract(r.data, '$.urgency'), 'non_urgent') ELSE '' END`,
  ],
  // Why not SIENA: asked of every request that used neither SIENA nor SIS/SIRENE.
  [
    'reason',
    `CASE WHEN r.kind = 'request' AND r.channel NOT IN ('siena', 'sis_sirene')
      THEN coalesce(json_extract(r.data, '$.nonSienaReason'), 'none') ELSE '' END`,
  ],
  ['answered', `CASE WHEN ${ANSWERED_WITH_DEADLINE} THEN 1 ELSE 0 END`],
  ['in_time', `CASE WHEN ${ANSWERED_WITH_DEADLINE} AND ${ANSWERED_AT} <= r.due_at THEN 1 ELSE 0 END`],
  [
    'hours',
    `CASE WHEN r.kind = 'request' AND r.direction = 'incoming' AND ${ANSWERED_AT} IS NOT NULL
      THEN (julianday(${ANSWERED_AT}) - julianday(r.occurred_at)) * 24 END`,
  ],
  ['open_due', "CASE WHEN r.kind = 'request' AND r.status = 'open' THEN r.due_at END"],
];
export const FACT_COLUMNS = FACT.map(([c]) => c).join(', ');
export const FACT_VALUES = FACT.map(([, v]) => v).join(',\n');

/**
 * The facts of the records a query (`set`, one column `n`) names, computed again: gone if no longer
 * counted, else upserted, and then only if something changed (so the aggregates move only when they must).
 * The set drives the join (CROSS JOIN keeps SQLite from reading `record` first).
 */
function refreshFacts(set: string): string {
  const changed = FACT.map(([c]) => c).filter((c) => c !== 'record_n');
  return `
    DELETE FROM dashboard_fact WHERE record_n IN (${set})
      AND NOT EXISTS (SELECT 1 FROM record r WHERE r.n = dashboard_fact.record_n AND ${COUNTED});
    INSERT INTO dashboard_fact (${FACT_COLUMNS})
      SELECT ${FACT_VALUES} FROM (${set}) AS refreshed CROSS JOIN record r ON r.n = refreshed.n WHERE ${COUNTED}
      ON CONFLICT (record_n) DO UPDATE SET ${changed.map((c) => `${c} = excluded.${c}`).join(', ')}
      WHERE (${changed.map((c) => `dashboard_fact.${c}`).join(', ')}) IS NOT (${changed.map((c) => `excluded.${c}`).join(', ')});`;
}

/** Only what comes from other tables, for the facts of the records `set` names (cheaper than a refresh). */
const refreshPhenomena = (set: string) =>
  `UPDATE dashboard_fact SET phenomena = ${PHENOMENA('dashboard_fact.record_n')},
     matches = ${MATCHES('dashboard_fact.record_n')} WHERE record_n IN (${set});`;
const refreshCountries = (set: string) =>
  `UPDATE dashboard_fact SET countries = ${LINKED_COUNTRIES('dashboard_fact.kind', 'dashboard_fact.record_n')}
   WHERE record_n IN (${set}) AND kind <> 'request';`;

/** The engagements and results that take their countries from record `id`. */
export const LINKERS = (id: string) =>
  `SELECT from_n FROM record_link WHERE to_id = ${id} AND role IN ('organisation', 'request')`;

/**
 * An aggregate over dashboard_fact. Each key column is an expression over a fact row, or (`list`) each
 * element of one of the fact's JSON lists: a fact adds one row per element (per combination for two).
 */
export interface Cube {
  table: string;
  key: readonly KeyColumn[];
  sums: readonly (readonly [column: string, value: (f: string) => string])[];
}
export type KeyColumn =
  { column: string; value: (f: string) => string; list?: never } | { column: string; list: string };

const column = (name: string): KeyColumn => ({ column: name, value: (f) => `${f}.${name}` });
const MONTH: KeyColumn = { column: 'month', value: (f) => `substr(${f}.day, 1, 7)` };
const FILTER: KeyColumn = { column: 'filter_code', list: 'matches' };
const CODE: KeyColumn = { column: 'code', list: 'phenomena' };
const DIMENSIONS = ['kind', 'post', 'countries', 'channel', 'sub', 'urgency', 'reason'].map(column);
const PHENOMENON_DIMENSIONS = [column('kind'), CODE, column('post'), column('countries'), column('channel')];
const COUNTS = [
  ['n', () => '1'] as const,
  ...['answered', 'in_time'].map((c) => [c, (f: string) => `${f}.${c}`] as const),
];
const N = [['n', () => '1'] as const];

export const CUBES: readonly Cube[] = [
  { table: 'dashboard_month', key: [FILTER, MONTH, ...DIMENSIONS], sums: COUNTS },
  { table: 'dashboard_phenomenon_month', key: [FILTER, MONTH, ...PHENOMENON_DIMENSIONS], sums: N },
  { table: 'dashboard_day', key: [column('day'), ...DIMENSIONS], sums: COUNTS },
  { table: 'dashboard_phenomenon_day', key: [column('day'), ...PHENOMENON_DIMENSIONS], sums: N },
];

/** For each key column of a cube: its value for fact `f`, and the FROM items its lists need. */
export function keyValues(cube: Cube, f: string): { values: string[]; from: string[] } {
  const from: string[] = [];
  const values = cube.key.map((k) => {
    if (k.list === undefined) return k.value(f);
    const alias = `e${from.length}`;
    from.push(`json_each(${f}.${k.list}) ${alias}`);
    return `${alias}.value`;
  });
  return { values, from };
}

function addTo(cube: Cube, f: 'NEW' | 'OLD'): string {
  const { values, from } = keyValues(cube, f);
  const columns = [...cube.key.map((k) => k.column), ...cube.sums.map(([c]) => c)];
  return `INSERT INTO ${cube.table} (${columns.join(', ')})
    SELECT ${[...values, ...cube.sums.map(([, v]) => v(f))].join(', ')}
    ${from.length > 0 ? `FROM ${from.join(', ')}` : ''} WHERE true
    ON CONFLICT (${cube.key.map((k) => k.column).join(', ')}) DO UPDATE SET
      ${cube.sums.map(([c]) => `${c} = ${cube.table}.${c} + excluded.${c}`).join(', ')};`;
}

function subtractFrom(cube: Cube, f: 'NEW' | 'OLD'): string {
  const match = cube.key
    .map((k) =>
      k.list === undefined
        ? `${k.column} = ${k.value(f)}`
        : `${k.column} IN (SELECT value FROM json_each(${f}.${k.list}))`,
    )
    .join(' AND ');
  return `UPDATE ${cube.table} SET ${cube.sums.map(([c, v]) => `${c} = ${c} - ${v(f)}`).join(', ')} WHERE ${match};
    DELETE FROM ${cube.table} WHERE ${match} AND n = 0;`;
}

/** True when the fact's rows in the cube differ between OLD and NEW (keys or sums). */
function movedIn(cube: Cube): string {
  const parts = [
    ...cube.key.map((k) => (k.list === undefined ? k.value : (f: string) => `${f}.${k.list}`)),
    ...cube.sums.filter(([c]) => c !== 'n').map(([, v]) => v),
  ];
  return parts.map((v) => `${v('OLD')} IS NOT ${v('NEW')}`).join(' OR ');
}

/** The cube built from scratch, from every fact. */
function fillCube(cube: Cube): string {
  const { values, from } = keyValues(cube, 'f');
  const columns = [...cube.key.map((k) => k.column), ...cube.sums.map(([c]) => c)];
  return `INSERT INTO ${cube.table} (${columns.join(', ')})
    SELECT ${[...values, ...cube.sums.map(([, v]) => `sum(${v('f')})`)].join(', ')}
    FROM ${['dashboard_fact f', ...from].join(', ')} GROUP BY ${values.join(', ')};`;
}

function createCube(cube: Cube): string {
  const key = cube.key.map((k) => `${k.column} TEXT NOT NULL`);
  const sums = cube.sums.map(([c]) => `${c} INTEGER NOT NULL`);
  return `CREATE TABLE ${cube.table} (${[...key, ...sums].join(', ')},
    PRIMARY KEY (${cube.key.map((k) => k.column).join(', ')})) STRICT, WITHOUT ROWID;`;
}

/**
 * One trigger per change of a table: rows are NEW for an insert, OLD for a delete, both for an update
 * (which fires only when `updated` holds, if given).
 */
function onEveryChange(
  table: string,
  name: string,
  when: (row: string) => string,
  body: (rows: string[]) => string,
  updated?: string,
): string {
  return (['INSERT', 'DELETE', 'UPDATE'] as const)
    .map((event) => {
      const rows = event === 'INSERT' ? ['NEW'] : event === 'DELETE' ? ['OLD'] : ['OLD', 'NEW'];
      const condition = rows.map((r) => `(${when(r)})`).join(' OR ');
      return `CREATE TRIGGER ${name}_${event.toLowerCase()} AFTER ${event} ON ${table}
        WHEN (${condition})${event === 'UPDATE' && updated ? ` AND (${updated})` : ''} BEGIN ${body(rows)} END;`;
    })
    .join('\n');
}

export const migration005: Migration = {
  version: 5,
  name: 'dashboard aggregates',
  up(db: Database) {
    db.exec(`
      CREATE TABLE dashboard_clock (
        starts_at      TEXT PRIMARY KEY NOT NULL,
        offset_seconds INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE dashboard_clock_zone (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        time_zone TEXT NOT NULL
      ) STRICT;

      CREATE TABLE dashboard_fact (
        day       TEXT NOT NULL,     -- local date (YYYY-MM-DD) on the installation's clock
        record_n  INTEGER NOT NULL,
        kind      TEXT NOT NULL,
        post      TEXT NOT NULL,     -- '' for this installation's own records
        countries TEXT NOT NULL,     -- JSON array
        channel   TEXT NOT NULL,
        phenomena TEXT NOT NULL,     -- JSON array of codes
        matches   TEXT NOT NULL,     -- JSON array: '', the codes and their groups (the filters it satisfies)
        sub       TEXT NOT NULL,     -- engagement purpose, result kind
        urgency   TEXT NOT NULL,     -- incoming requests with a deadline, answered or refused
        reason    TEXT NOT NULL,     -- requests not via SIENA or SIS/SIRENE: why ('none' if not given)
        answered  INTEGER NOT NULL,  -- 1: incoming, with a Directive deadline, answered or refused
        in_time   INTEGER NOT NULL,  -- 1: and by the deadline
        hours     REAL,              -- incoming requests answered or refused: hours to the answer
        open_due  TEXT,              -- open requests: their deadline
        PRIMARY KEY (day, record_n)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE dashboard_pending (record_n INTEGER PRIMARY KEY) STRICT;
      ${CUBES.map(createCube).join('\n')}
    `);
    writeClock(db, timeZoneSetting(db));

    // Backfill: every fact, then every aggregate from the facts, then the indexes and the triggers that keep
    // them all true from now on.
    db.exec(`
      INSERT INTO dashboard_fact (${FACT_COLUMNS}) SELECT ${FACT_VALUES} FROM record r WHERE ${COUNTED};
      ${CUBES.map(fillCube).join('\n')}
      CREATE UNIQUE INDEX dashboard_fact_by_record ON dashboard_fact (record_n);
      CREATE INDEX dashboard_fact_hours ON dashboard_fact (day, hours, post, countries, channel, matches)
        WHERE hours IS NOT NULL;
      CREATE INDEX dashboard_fact_open ON dashboard_fact (day, open_due, post, countries, channel, matches)
        WHERE open_due IS NOT NULL;
      -- The overview counts requests in and out of a period without reading them.
      CREATE INDEX record_by_direction ON record (kind, direction, occurred_at) WHERE deleted_at IS NULL;

      CREATE TRIGGER dashboard_fact_added AFTER INSERT ON dashboard_fact BEGIN
        ${CUBES.map((c) => addTo(c, 'NEW')).join('\n')}
      END;
      CREATE TRIGGER dashboard_fact_removed AFTER DELETE ON dashboard_fact BEGIN
        ${CUBES.map((c) => subtractFrom(c, 'OLD')).join('\n')}
      END;
      ${CUBES.map(
        (c) => `CREATE TRIGGER ${c.table}_moved AFTER UPDATE ON dashboard_fact WHEN ${movedIn(c)} BEGIN
          ${subtractFrom(c, 'OLD')}
          ${addTo(c, 'NEW')}
        END;`,
      ).join('\n')}

      CREATE TRIGGER dashboard_record_added AFTER INSERT ON record
        WHEN NEW.kind IN ('engagement', 'request', 'result') BEGIN
        INSERT OR IGNORE INTO dashboard_pending (record_n) VALUES (NEW.n);
      END;
      CREATE TRIGGER dashboard_record_settled AFTER INSERT ON audit_entry BEGIN
        DELETE FROM dashboard_pending WHERE record_n = (SELECT n FROM record WHERE id = NEW.record_id);
      END;
      CREATE TRIGGER dashboard_pending_settled AFTER DELETE ON dashboard_pending BEGIN
        ${refreshFacts('SELECT OLD.record_n AS n')}
      END;
      CREATE TRIGGER dashboard_record_changed AFTER UPDATE OF kind, occurred_at, origin_post, country, channel,
        status, direction, due_at, data, deleted_at ON record
        WHEN OLD.kind IN ('engagement', 'request', 'result') OR NEW.kind IN ('engagement', 'request', 'result') BEGIN
        ${refreshFacts('SELECT NEW.n AS n')}
      END;
      CREATE TRIGGER dashboard_record_deleted AFTER DELETE ON record BEGIN
        DELETE FROM dashboard_pending WHERE record_n = OLD.n;
        DELETE FROM dashboard_fact WHERE record_n = OLD.n;
        ${refreshCountries(LINKERS('OLD.id'))}
      END;
      -- Links may name an organisation or a request before it arrives, and their countries can change.
      CREATE TRIGGER dashboard_link_target_added AFTER INSERT ON record
        WHEN NEW.kind IN ('organisation', 'request') AND EXISTS (SELECT 1 FROM record_link WHERE to_id = NEW.id) BEGIN
        ${refreshCountries(LINKERS('NEW.id'))}
      END;
      CREATE TRIGGER dashboard_link_target_changed AFTER UPDATE OF id, country ON record
        WHEN OLD.country IS NOT NEW.country OR OLD.id IS NOT NEW.id BEGIN
        ${refreshCountries(`${LINKERS('OLD.id')} UNION ${LINKERS('NEW.id')}`)}
      END;
      ${onEveryChange(
        'record_phenomenon',
        'dashboard_phenomenon',
        () => 'true',
        (rows) => refreshPhenomena(rows.map((r) => `${r}.record_n`).join(', ')),
      )}
      ${onEveryChange(
        'record_link',
        'dashboard_link',
        (r) => `${r}.role IN ('organisation', 'request')`,
        (rows) => refreshCountries(rows.map((r) => `${r}.from_n`).join(', ')),
      )}
      -- A phenomenon moved to another group (or a term came or went): its records satisfy other filters.
      ${onEveryChange(
        'taxonomy_term',
        'dashboard_taxonomy',
        (r) => `${r}.taxonomy = 'phenomenon'`,
        (rows) =>
          refreshPhenomena(
            `SELECT record_n FROM record_phenomenon WHERE code IN (${rows.map((r) => `${r}.code`).join(', ')})`,
          ),
        'OLD.code IS NOT NEW.code OR OLD.parent_code IS NOT NEW.parent_code OR OLD.taxonomy IS NOT NEW.taxonomy',
      )}
    `);
  },
};

/** The time zone the dashboards cut periods in: the setting, or its default (as settings.read() does). */
function timeZoneSetting(db: Database): string {
  const row = db.prepare("SELECT value FROM setting WHERE key = 'timeZone'").get() as { value: string } | undefined;
  const parsed = Settings.shape.timeZone.safeParse(row ? JSON.parse(row.value) : undefined);
  return parsed.success ? parsed.data : Settings.shape.timeZone.parse(undefined);
}

function writeClock(db: Database, timeZone: string): void {
  const insert = db.prepare('INSERT INTO dashboard_clock (starts_at, offset_seconds) VALUES (?, ?)');
  for (const c of clockChanges(timeZone)) insert.run(c.startsAt, c.offsetSeconds);
  db.prepare('INSERT INTO dashboard_clock_zone (singleton, time_zone) VALUES (1, ?)').run(timeZone);
}
