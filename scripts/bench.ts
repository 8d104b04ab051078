// `npm run bench`: how the queries scale, in two parts. Each fills two data folders (small and large),
// times every query on both in this one run, and prints the ratio large/small. A ratio near 1 means the
// query uses an index or an aggregate and does not scan; near the size ratio means its cost follows the data.
//
//   1. The post: its own records through the real demo path (BENCH_SMALL / BENCH_LARGE, default 10,000 and
//      100,000 records), timed through the channels the UI calls.
//   2. HQ's dashboards: HQ filled as if BENCH_POSTS posts (default 3) had exported BENCH_HQ_SMALL /
//      BENCH_HQ_LARGE records in all (default BENCH_SMALL and 1,000,000). Up to BENCH_IMPORT_MAX records
//      (default 200,000) through the real exchange (`demo --posts`: temporary posts, bundles, import); above
//      that by direct inserts through HQ's store (store.importRecord as records of those posts: the same
//      records, without keys, bundles or the import's checks), because the import path runs at about
//      2,000 records a second on a two-core machine and would take more than ten minutes for a million.
//      Either way the triggers of migration 005 keep the dashboards' aggregates as the records arrive, so
//      the fill times include that upkeep. Timed as the whole reports.dashboard and per SQL statement (each
//      names itself in a leading comment), with SQLite's query plan of each statement on the large folder.
//
//   3. Responsiveness (scripts/bench-responsiveness.ts): the main process's event-loop delay while the backend
//      unlocks, backs up, imports and computes a dashboard, with the session in-process (before) and in its own
//      backend process (after); and the command line's start-up, bundled and through tsx.
//
// BENCH_PART=post, BENCH_PART=hq or BENCH_PART=responsiveness runs one part only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { createBackend, type Backend } from '../electron/backend/create-backend';
import { generateDemo } from '../electron/demo/generate';
import { fillPostsDirectly, generatePostsDemo } from '../electron/demo/posts';
import { dashboard } from '../electron/reports/dashboard';
import { DashboardInput } from '../shared/reports/dashboard';
import { benchResponsiveness } from './bench-responsiveness';

const env = (name: string): number | undefined =>
  process.env[name] === undefined ? undefined : Number(process.env[name]);
const SMALL = env('BENCH_SMALL') ?? 10_000;
const LARGE = env('BENCH_LARGE') ?? 100_000;
const HQ_SMALL = env('BENCH_HQ_SMALL') ?? SMALL;
const HQ_LARGE = env('BENCH_HQ_LARGE') ?? env('BENCH_LARGE') ?? 1_000_000;
const POSTS = env('BENCH_POSTS') ?? 3;
const IMPORT_MAX = env('BENCH_IMPORT_MAX') ?? 200_000;
const PART = process.env['BENCH_PART'] ?? 'all';
const until = new Date('2026-11-20T12:00:00Z');

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const ms = (x: number) => `${x.toFixed(2).padStart(9)}ms`;
const ratio = (a: number, b: number) => `${(b / Math.max(a, 0.01)).toFixed(1).padStart(7)}x`;
const dbSize = (d: string) => {
  const file = path.join(d, 'liaison-log.db');
  return fs.statSync(file).size / 1e6;
};

// 1. The post -----------------------------------------------------------------------------------------

const postQueries: [string, string, unknown][] = [
  ['requests, newest first', 'requests.list', { limit: 100 }],
  ['requests, by phenomenon group', 'requests.list', { filters: { phenomenon: 'drugs' }, limit: 100 }],
  ['requests, country + channel', 'requests.list', { filters: { country: 'DE', channel: 'siena' }, limit: 100 }],
  ['requests, overdue by deadline', 'requests.list', { filters: { overdue: true }, sort: 'due', limit: 100 }],
  ['requests, words', 'requests.list', { filters: { text: 'container' }, limit: 100 }],
  ['engagements, one quarter', 'engagements.list', { filters: { from: '2026-07-01', to: '2026-09-30' }, limit: 100 }],
  ['search everything', 'search.query', { text: 'bundeskrim' }],
  ['overview, one quarter', 'overview.get', { from: '2026-07-01', to: '2026-09-30' }],
  ['needs attention', 'attention.get', {}],
];

async function time(backend: Backend, channel: string, input: unknown): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const start = process.hrtime.bigint();
    const result = await backend.invoke(channel, input);
    runs.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  }
  return median(runs);
}

function fillPost(records: number): { backend: Backend; dir: string; seconds: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `liaison-log-bench-${records}-`));
  const backend = createBackend({ dataDir: dir, now: () => until, log: () => undefined });
  const start = process.hrtime.bigint();
  generateDemo(backend.db, backend.services.store, { records, seed: 1, until });
  return { backend, dir, seconds: seconds(start) };
}

function close(...folders: { backend: Backend; dir: string }[]): void {
  for (const { backend, dir } of folders) {
    backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPost(): Promise<void> {
  console.log(`== The post: its own records, ${SMALL} and ${LARGE}\n`);
  const small = fillPost(SMALL);
  const large = fillPost(LARGE);
  console.log(
    `Insert through the store: ${SMALL} records ${small.seconds.toFixed(1)} s, ${LARGE} records ${large.seconds.toFixed(1)} s`,
  );
  console.log(`(per record: ratio large/small ${(large.seconds / LARGE / (small.seconds / SMALL)).toFixed(2)})\n`);
  console.log(`${'query'.padEnd(34)} ${String(SMALL).padStart(11)} ${String(LARGE).padStart(11)}    ratio`);
  for (const [label, channel, input] of postQueries) {
    const a = await time(small.backend, channel, input);
    const b = await time(large.backend, channel, input);
    console.log(`${label.padEnd(34)} ${ms(a)} ${ms(b)} ${ratio(a, b)}`);
  }
  small.backend.db.pragma('wal_checkpoint(TRUNCATE)');
  large.backend.db.pragma('wal_checkpoint(TRUNCATE)');
  console.log(
    `\nDatabase size: ${dbSize(small.dir).toFixed(1)} MB and ${dbSize(large.dir).toFixed(1)} MB (ratio ${(dbSize(large.dir) / dbSize(small.dir)).toFixed(1)}x for ${(LARGE / SMALL).toFixed(0)}x records)`,
  );
  console.log('Counts and aggregates grow with the rows that match (more data per quarter, per country); lists,');
  console.log('deadlines and word search use indexes and stay near 1x. A full scan would grow like the data itself.\n');
  close(small, large);
}

// 2. HQ's dashboards ----------------------------------------------------------------------------------

interface HqFolder {
  backend: Backend;
  dir: string;
  records: number;
  how: string;
  seconds: number;
}

async function fillHq(records: number): Promise<HqFolder> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `liaison-log-bench-hq-${records}-`));
  const backend = createBackend({ dataDir: dir, now: () => until, log: () => undefined });
  const init = await backend.call('identity.init', { role: 'hq', hqName: 'Bench HQ' });
  if (!init.ok) throw new Error(init.error.message);
  const start = process.hrtime.bigint();
  if (records <= IMPORT_MAX) {
    await generatePostsDemo(backend, { records, posts: POSTS, seed: 1, until });
    return { backend, dir, records, how: 'the import path', seconds: seconds(start) };
  }
  fillPostsDirectly(backend, { records, posts: POSTS, seed: 1, until });
  return { backend, dir, records, how: 'direct inserts', seconds: seconds(start) };
}

/** A statement's name: the comment it starts with (every statement of the dashboards has one). */
function statementName(sql: string): string {
  const named = /^\s*\/\*\s*(.+?)\s*\*\//.exec(sql)?.[1];
  if (named) return named;
  // The completeness figures come from the exchange's post status (electron/exchange/posts.ts).
  if (/FROM enrolled_key/.test(sql)) return 'completeness: enrolled keys';
  if (/FROM imported_bundle/.test(sql)) return 'completeness: bundles';
  return sql.replace(/\s+/g, ' ').trim().slice(0, 40);
}

interface Timed {
  /** Milliseconds per dashboard run (a statement run twice in one dashboard counts once, summed). */
  ms: number[];
  sql: string;
  args: unknown[];
}

/** A view of the database that times every statement the dashboard prepares and runs, into `current`. */
function timingDb(db: Database, current: () => Map<string, { ms: number; sql: string; args: unknown[] }>): Database {
  const wrap = (stmt: Statement, sql: string): Statement => {
    const name = statementName(sql);
    const proxy: Statement = new Proxy(stmt, {
      get(target, prop) {
        if (prop === 'all' || prop === 'get' || prop === 'run') {
          const f: (...a: unknown[]) => unknown = Reflect.get(target, prop);
          return (...args: unknown[]) => {
            const start = process.hrtime.bigint();
            const out = f.apply(target, args);
            const entry = current().get(name) ?? { ms: 0, sql, args };
            entry.ms += Number(process.hrtime.bigint() - start) / 1e6;
            current().set(name, entry);
            return out;
          };
        }
        // pluck() and raw() return the statement itself: keep returning the timed view of it.
        if (prop === 'pluck' || prop === 'raw' || prop === 'expand') {
          return (toggle = true) => {
            target[prop](toggle);
            return proxy;
          };
        }
        const v: unknown = Reflect.get(target, prop);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    return proxy;
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return (sql: string) => wrap(target.prepare(sql), sql);
      const v: unknown = Reflect.get(target, prop);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

const QUARTER = { from: '2026-07-01', to: '2026-09-30' };
const YEAR = { from: '2025-11-21', to: '2026-11-20' };
const dashboards: [string, Record<string, string>][] = [
  ['one quarter', QUARTER],
  ['one week', { from: '2026-09-01', to: '2026-09-07' }],
  ['last 12 months', YEAR],
  ['calendar year 2026', { from: '2026-01-01', to: '2026-12-31' }],
  ['quarter, phenomenon drugs', { ...QUARTER, phenomenon: 'drugs' }],
  ['quarter, country DE', { ...QUARTER, country: 'DE' }],
  ['quarter, post P01', { ...QUARTER, post: 'P01' }],
  ['quarter, own records', { ...QUARTER, post: 'own' }],
  ['quarter, channel siena', { ...QUARTER, channel: 'siena' }],
  ['12 months, phenomenon drugs', { ...YEAR, phenomenon: 'drugs' }],
  ['12 months, country DE + drugs', { ...YEAR, country: 'DE', phenomenon: 'drugs' }],
];

/** Median time of the whole dashboard, and of each statement in it (summed within a run). */
function timeDashboard(hq: HqFolder, input: Record<string, string>, runs = 5) {
  const statements = new Map<string, Timed>();
  let run = new Map<string, { ms: number; sql: string; args: unknown[] }>();
  const db = timingDb(hq.backend.db, () => run);
  const settings = hq.backend.services.settings.read();
  const parsed = DashboardInput.parse(input);
  const whole: number[] = [];
  for (let i = 0; i < runs; i++) {
    run = new Map();
    const start = process.hrtime.bigint();
    dashboard(db, parsed, settings, until);
    whole.push(Number(process.hrtime.bigint() - start) / 1e6);
    for (const [name, t] of run) {
      const entry = statements.get(name) ?? { ms: [], sql: t.sql, args: t.args };
      entry.ms.push(t.ms);
      statements.set(name, entry);
    }
  }
  return { whole: median(whole), statements };
}

/** SQLite's plan for a statement, in one line: how each table is read. */
function plan(db: Database, t: Timed): string {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${t.sql}`).all(...t.args) as { detail: string }[];
  return rows
    .map((r) => r.detail.trim())
    .filter((d) => !d.startsWith('LIST SUBQUERY') && !d.startsWith('CORRELATED'))
    .join('; ');
}

const count = (f: HqFolder, sql: string) => (f.backend.db.prepare(sql).get() as { n: number }).n;

async function benchHq(): Promise<void> {
  console.log(`== HQ's dashboards: ${POSTS} posts, ${HQ_SMALL} and ${HQ_LARGE} records in all\n`);
  const small = await fillHq(HQ_SMALL);
  console.log(`${HQ_SMALL} records through ${small.how}: ${small.seconds.toFixed(1)} s`);
  const large = await fillHq(HQ_LARGE);
  console.log(`${HQ_LARGE} records through ${large.how}: ${large.seconds.toFixed(1)} s`);
  try {
    if (large.how !== small.how) {
      console.log(
        `(The large folder holds the records the import path would bring, by direct inserts through HQ's store:`,
      );
      console.log(
        ` above ${IMPORT_MAX} records the bundles would take too long; tests/unit/dashboard/demo-posts.test.ts`,
      );
      console.log(' shows that both ways write the same records.)');
    }
    for (const f of [small, large]) f.backend.db.pragma('optimize');

    console.log(`\nWhole dashboard (reports.dashboard), median of 5`);
    console.log(`${'input'.padEnd(34)} ${String(HQ_SMALL).padStart(11)} ${String(HQ_LARGE).padStart(11)}    ratio`);
    for (const [label, input] of dashboards) {
      const a = timeDashboard(small, input).whole;
      const b = timeDashboard(large, input).whole;
      console.log(`${label.padEnd(34)} ${ms(a)} ${ms(b)} ${ratio(a, b)}`);
    }

    // Each statement of the dashboard, on both folders, for the inputs that read different tables: whole
    // months (quarter), whole months and single days (12 months), the phenomenon filter, the country filter.
    const detailed: [string, Record<string, string>][] = [
      [`one quarter (${QUARTER.from} to ${QUARTER.to})`, QUARTER],
      [`last 12 months (${YEAR.from} to ${YEAR.to})`, YEAR],
      ['one quarter, phenomenon drugs', { ...QUARTER, phenomenon: 'drugs' }],
      ['last 12 months, phenomenon drugs', { ...YEAR, phenomenon: 'drugs' }],
      ['one quarter, country DE', { ...QUARTER, country: 'DE' }],
    ];
    const planned: [string, Map<string, Timed>][] = [];
    for (const [label, input] of detailed) {
      const a = timeDashboard(small, input).statements;
      const b = timeDashboard(large, input).statements;
      console.log(`\nPer statement, ${label}, median of 5`);
      console.log(
        `${'statement'.padEnd(52)} ${String(HQ_SMALL).padStart(11)} ${String(HQ_LARGE).padStart(11)}    ratio`,
      );
      for (const [name, t] of b) {
        const s = median(a.get(name)?.ms ?? [0]);
        const l = median(t.ms);
        console.log(`${name.padEnd(52)} ${ms(s)} ${ms(l)} ${ratio(s, l)}`);
      }
      planned.push([label, b]);
    }
    console.log(`\nQuery plans on the large folder (how SQLite reads each table):`);
    for (const [label, statements] of planned) {
      console.log(`  ${label}:`);
      for (const [name, t] of statements) console.log(`    ${name.padEnd(52)} ${plan(large.backend.db, t)}`);
    }

    const inQuarter = `SELECT count(*) AS n FROM record WHERE deleted_at IS NULL AND occurred_at >= '2026-07-01'
      AND occurred_at < '2026-10-01'`;
    console.log(
      `\nRecords in the quarter: ${count(small, inQuarter)} and ${count(large, inQuarter)}; data ratio ${(HQ_LARGE / HQ_SMALL).toFixed(0)}x.`,
    );
    for (const table of [
      'dashboard_fact',
      'dashboard_month',
      'dashboard_phenomenon_month',
      'dashboard_day',
      'dashboard_phenomenon_day',
    ]) {
      const sql = `SELECT count(*) AS n FROM ${table}`;
      console.log(
        `Rows in ${table.padEnd(27)} ${String(count(small, sql)).padStart(9)} and ${String(count(large, sql)).padStart(9)}`,
      );
    }
    for (const f of [small, large]) f.backend.db.pragma('wal_checkpoint(TRUNCATE)');
    console.log(`Database size: ${dbSize(small.dir).toFixed(1)} MB and ${dbSize(large.dir).toFixed(1)} MB.`);
  } finally {
    close(small, large);
  }
}

if (PART === 'all' || PART === 'post') await benchPost();
if (PART === 'all' || PART === 'hq') await benchHq();
if (PART === 'all' || PART === 'responsiveness') await benchResponsiveness();
