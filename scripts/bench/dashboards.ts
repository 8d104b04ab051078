import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { dashboard, dashboardVia } from '../../electron/reports/dashboard';
import { breakdownsAnswer } from '../../electron/reports/dashboard-rows';
import { DashboardInput } from '../../shared/reports/dashboard';
import { config, UNTIL } from './config';
import { appSession, unlocked } from './fill';
import type { FilledHq } from './hq';
import { figure, fmtInt, fmtMs, heading, median, timeMedian } from './report';

// Part (d): HQ's dashboards (reports.dashboard, through the session as the backend serves it, output checks
// off) on the large folder against the same on its small twin. With BENCH_DETAIL=1 also each SQL statement of
// the dashboard (each names itself in a leading comment) on both folders, and its query plan on the large one.

const QUARTER = { from: '2026-07-01', to: '2026-09-30' };
const YEAR = { from: '2025-11-21', to: '2026-11-20' };
/** The inputs whose statements BENCH_DETAIL times one by one: whole months, days, the phenomenon filter. */
const DETAILED: [string, Record<string, string>][] = [
  ['one quarter', { from: '2026-07-01', to: '2026-09-30' }],
  ['last 12 months', { from: '2025-11-21', to: '2026-11-20' }],
  ['last 12 months, phenomenon drugs', { from: '2025-11-21', to: '2026-11-20', phenomenon: 'drugs' }],
];
export const DASHBOARDS: [string, Record<string, string>][] = [
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

/** What one folder gives: each input's median, and (BENCH_DETAIL) each statement's times and plans. */
interface FolderTimes {
  whole: Map<string, number>;
  /** CPU ms of dashboard() in this process (median), per input and the aggregates it read: load-proof. */
  cpu: Map<string, number>;
  statements: Map<string, Map<string, Timed>>;
  plans: Map<string, Map<string, string>>;
}

/** Times every input on one folder, opened alone (one unlocked data folder per process, as in the app). */
async function timeFolder(hq: FilledHq): Promise<FolderTimes> {
  const session = appSession(hq.dir, { automaticBackups: false });
  const backend = await unlocked(session);
  const out: FolderTimes = { whole: new Map(), cpu: new Map(), statements: new Map(), plans: new Map() };
  try {
    for (const [label, input] of DASHBOARDS) {
      const { median: ms } = await timeMedian(config.runs, async () => {
        const r = await session.call('reports.dashboard', DashboardInput.parse(input));
        if (!r.ok) throw new Error(`reports.dashboard: ${r.error.message}`);
      });
      out.whole.set(label, ms);
    }
    // The same inputs called directly, timed in CPU (the wall clock of a shared machine varies with its load),
    // read from the breakdowns where they answer (009's, with 016's slices for one country, post or channel
    // filter) and from 005's cubes (what every input read before 009, and two such filters at once still do).
    const settings = backend.services.settings.read();
    for (const [label, raw] of DASHBOARDS) {
      const input = DashboardInput.parse(raw);
      for (const via of ['breakdowns', 'cubes'] as const) {
        if (via === 'breakdowns' && !breakdownsAnswer(input)) continue;
        const ms: number[] = [];
        for (let i = 0; i <= config.runs; i++) {
          const start = process.cpuUsage();
          dashboardVia(backend.db, input, settings, UNTIL, via);
          const used = process.cpuUsage(start);
          if (i > 0) ms.push((used.user + used.system) / 1000);
        }
        out.cpu.set(`${label}|${via}`, median(ms));
      }
    }
    if (config.detail) {
      for (const [label, input] of DETAILED) {
        const statements = statementTimes(backend.db, input, settings);
        out.statements.set(label, statements);
        out.plans.set(label, new Map([...statements].map(([name, t]) => [name, plan(backend.db, t)])));
      }
    }
  } finally {
    await session.lock();
  }
  return out;
}

export async function benchDashboards(large: FilledHq, small: FilledHq): Promise<void> {
  heading(`(d) Dashboards (reports.dashboard): ${fmtInt(large.records)} records vs ${fmtInt(small.records)}`);
  const a = await timeFolder(small);
  const b = await timeFolder(large);
  for (const [label] of DASHBOARDS) {
    const s = a.whole.get(label) ?? NaN;
    const l = b.whole.get(label) ?? NaN;
    figure({
      what: `dashboard, ${label}`,
      app: `${fmtMs(l)} at ${fmtInt(large.records)}`,
      versus: `${fmtMs(s)} at ${fmtInt(small.records)}`,
      ratio: l / s,
      goal: '<= 3x',
    });
  }
  console.log(`  (median of ${config.runs} after one warm-up; ratio large/small)`);
  console.log(`\n  CPU ms of dashboard() called in this process, median of ${config.runs} after one warm-up:`);
  console.log(
    `    ${'input'.padEnd(42)} ${'read from'.padEnd(22)} ${'small'.padStart(9)} ${'large'.padStart(9)}  ratio`,
  );
  for (const [label] of DASHBOARDS) {
    for (const via of ['breakdowns', 'cubes'] as const) {
      const s = a.cpu.get(`${label}|${via}`);
      const l = b.cpu.get(`${label}|${via}`);
      if (s === undefined || l === undefined) continue;
      const from = via === 'breakdowns' ? 'breakdowns (009/016)' : "005's cubes";
      console.log(
        `    ${label.padEnd(42)} ${from.padEnd(22)} ${s.toFixed(2).padStart(9)} ${l.toFixed(2).padStart(9)}  ${(l / s).toFixed(2)}x`,
      );
    }
  }
  // Which aggregates each input reads (electron/reports/dashboard.ts): the breakdowns (migration 009, with 016's
  // slices) with at most one country, post or channel filter, else migration 005's cubes.
  const cubes = DASHBOARDS.filter(([, input]) => !breakdownsAnswer(DashboardInput.parse(input))).map(([l]) => l);
  console.log(
    `  (read from migration 005's cubes: ${cubes.length > 0 ? cubes.join('; ') : 'none'}; every other from the breakdowns)`,
  );
  if (config.detail) printStatements(a, b);
}

/** A statement's name: the comment it starts with (every statement of the dashboards has one). */
function statementName(sql: string): string {
  const named = /^\s*\/\*\s*(.+?)\s*\*\//.exec(sql)?.[1];
  if (named) return named;
  if (/FROM enrolled_key/.test(sql)) return 'completeness: enrolled keys';
  if (/FROM imported_bundle/.test(sql)) return 'completeness: bundles';
  return sql.replace(/\s+/g, ' ').trim().slice(0, 40);
}

interface Timed {
  ms: number[];
  sql: string;
  args: unknown[];
}

type RunTimes = Map<string, { ms: number; sql: string; args: unknown[] }>;

/** A view of the database that times every statement the dashboard prepares and runs, into `current()`. */
function timingDb(db: Database, current: () => RunTimes): Database {
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

type Settings = Parameters<typeof dashboard>[2];

function statementTimes(db: Database, input: Record<string, string>, settings: Settings): Map<string, Timed> {
  const statements = new Map<string, Timed>();
  let run: RunTimes = new Map();
  const timed = timingDb(db, () => run);
  const parsed = DashboardInput.parse(input);
  for (let i = 0; i < config.runs; i++) {
    run = new Map();
    dashboard(timed, parsed, settings, UNTIL);
    for (const [name, t] of run) {
      const entry = statements.get(name) ?? { ms: [], sql: t.sql, args: t.args };
      entry.ms.push(t.ms);
      statements.set(name, entry);
    }
  }
  return statements;
}

function plan(db: Database, t: Timed): string {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${t.sql}`).all(...t.args) as { detail: string }[];
  return rows
    .map((r) => r.detail.trim())
    .filter((d) => !d.startsWith('LIST SUBQUERY') && !d.startsWith('CORRELATED'))
    .join('; ');
}

function printStatements(small: FolderTimes, large: FolderTimes): void {
  for (const [label] of DETAILED) {
    const a = small.statements.get(label) ?? new Map<string, Timed>();
    const b = large.statements.get(label) ?? new Map<string, Timed>();
    console.log(`\n  Per statement, ${label} (median of ${config.runs}; dashboard() called directly)`);
    for (const [name, t] of b) {
      const s = median(a.get(name)?.ms ?? [0]);
      const l = median(t.ms);
      console.log(
        `    ${name.padEnd(50)} ${fmtMs(s).padStart(10)} ${fmtMs(l).padStart(10)} ${(l / Math.max(s, 0.001)).toFixed(1).padStart(6)}x`,
      );
    }
    console.log('    plans on the large folder:');
    for (const [name, p] of large.plans.get(label) ?? []) console.log(`      ${name.padEnd(48)} ${p}`);
  }
}
