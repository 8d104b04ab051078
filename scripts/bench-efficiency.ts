// The efficiency views and the objectives' progress (issue 14, items 1 to 3) at two sizes side by side:
// `npm run bench:efficiency`, or part `efficiency` of `npm run bench` (docs/bench.md).
//
// Each size is an HQ folder of demo records from BENCH_EFFICIENCY_POSTS posts (electron/demo/generate.ts, with
// time and travel on most engagements and requests: electron/effort/demo-effort.ts), written through the store's
// bulk path the import of a bundle uses (store.importRecord with the post as origin, one dashboard batch per post,
// settled by the catch-up), and each post's programme (budgets and a work plan of eight activities a year)
// merged as HQ merges it from a bundle (importProgramme). Then, median of BENCH_RUNS after one warm-up, wall
// clock and CPU time of this process (the backend is in-process, so its CPU is the call's):
//   - efficiency by post, country and phenomenon, and a post's work plan (effort.efficiency, workplan.view);
//   - the baseline: the same three efficiency tables recounted from the facts (what the views would cost
//     without migration 015's maintained aggregates);
//   - objectives.progress with objectives of one scope at a time (network, post, country, phenomenon; a few of
//     each, over 2026 so far: one dashboard per month each), and all of them together.
// The ratio large/small near 1 means the figure does not grow with the data.
//
//   BENCH_EFFICIENCY_SMALL=10000 BENCH_EFFICIENCY_LARGE=1000000 nice -n 10 npx tsx scripts/bench-efficiency.ts
//   BENCH_DIR=/tmp/b ...   keeps the filled folders in /tmp/b/efficiency-<records>-<posts>p and reuses them
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBackend, type Backend } from '../electron/backend/create-backend';
import { EFFORT_CUBES, recountCube } from '../electron/db/migrations/015-effort-workplans';
import { generateDemo } from '../electron/demo/generate';
import { demoPostId, demoPostSeed, demoPostShare, importAsPostSink } from '../electron/demo/posts';
import { withDemoEffort } from '../electron/effort/demo-effort';
import { importProgramme } from '../electron/effort/exchange';
import { scopeFilters } from '../electron/objectives/service';
import { breakdownsAnswer } from '../electron/reports/dashboard-rows';
import { inDashboardBatch, settleDashboards } from '../electron/reports/dashboard-batch';
import type { BundleProgramme } from '../shared/effort/bundle';
import type { Objective } from '../shared/objectives/schema';
import { DashboardInput } from '../shared/reports/dashboard';
import { figure, fmtInt, fmtMs, fmtRate, heading, median, printSummary } from './bench/report';

const int = (v: string | undefined, d: number) => (v ? Number(v.replaceAll('_', '')) : d);
const SMALL = int(process.env['BENCH_EFFICIENCY_SMALL'], 10_000);
const LARGE = int(process.env['BENCH_EFFICIENCY_LARGE'], 1_000_000);
const POSTS = int(process.env['BENCH_EFFICIENCY_POSTS'], 10);
const RUNS = int(process.env['BENCH_RUNS'], 5);
const UNTIL = new Date('2026-06-30T12:00:00Z');
const NOW = new Date('2026-07-01T08:00:00Z');
const ZONE = 'Europe/Amsterdam';
const STAMP = UNTIL.toISOString();

/** A post's programme as its bundle carries it: budget and FTE for 2025 and 2026, eight activities a year. */
function programme(post: number): { programme: BundleProgramme; activities: string[] } {
  const activities: string[] = [];
  const rows: NonNullable<BundleProgramme['activities']> = [];
  for (const year of [2025, 2026]) {
    for (let a = 0; a < 8; a++) {
      const id = `00000000-0000-4000-8000-${String(post * 100 + year * 10 + a).padStart(12, '0')}`;
      activities.push(id);
      rows.push({
        id,
        revision: 1,
        year,
        title: `Activity ${a + 1}`,
        type: a % 2 === 0 ? 'operational' : 'training',
        phenomenon: null,
        partnerCountry: null,
        partnerOrganisationId: null,
        quarters: a % 4 === 0 ? [1, 2, 3, 4] : [((a % 4) + 1) as 1 | 2 | 3 | 4],
        plannedCount: 4 + a,
        createdAt: STAMP,
        updatedAt: STAMP,
        deletedAt: null,
      });
    }
  }
  const budgets = [2025, 2026].map((year) => ({
    year,
    budgetCents: 25_000_000 + post * 1_000_000,
    fteHundredths: 150 + post * 10,
    revision: 1,
    updatedAt: STAMP,
  }));
  return { programme: { budgets, activities: rows }, activities };
}

interface Folder {
  backend: Backend;
  /** Milliseconds the fill took now (0: found from an earlier run). */
  built: number;
  records: number;
}

/**
 * What the schema of a filled folder was made by: a digest of the migrations' source. A folder filled by other
 * migrations (another engineer's migration changed since) is filled again, unless BENCH_EFFICIENCY_REUSE=1.
 */
function schemaDigest(): string {
  const dir = path.join(import.meta.dirname, '..', 'electron', 'db', 'migrations');
  const hash = createHash('sha256');
  for (const file of fs.readdirSync(dir).sort()) hash.update(file).update(fs.readFileSync(path.join(dir, file)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The folders are encrypted as the app's are (SQLite3MultipleCiphers with a 256-bit key, the app's pragmas and
 * page cache through openDatabase); the key is fixed so that BENCH_DIR's folders open again.
 * BENCH_EFFICIENCY_PLAIN=1 makes them unencrypted (the figures before 8 Dec were taken so).
 */
const PLAIN = process.env['BENCH_EFFICIENCY_PLAIN'] === '1';
const KEY = createHash('sha256').update('liaison-log bench-efficiency folder key').digest();

async function folder(root: string, records: number): Promise<Folder> {
  const dataDir = path.join(root, `efficiency-${records}-${POSTS}p${PLAIN ? '-plain' : ''}`);
  const marker = path.join(dataDir, 'filled');
  const digest = schemaDigest();
  const found = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').trim() : undefined;
  const reuse = process.env['BENCH_EFFICIENCY_REUSE'] === '1';
  const existed = found !== undefined && (found === digest || reuse);
  if (found !== undefined && found !== digest) {
    console.log(
      `  ${dataDir} was filled by other migrations (${found || 'unknown'}, now ${digest}): ` +
        (reuse ? 'reused anyway (BENCH_EFFICIENCY_REUSE=1)' : 'filled again'),
    );
  }
  if (!existed) fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const backend = createBackend({
    dataDir,
    now: () => NOW,
    checkOutputs: false,
    log: () => undefined,
    ...(PLAIN ? {} : { key: KEY }),
  });
  const count = () => backend.db.prepare('SELECT count(*) FROM record').pluck().get() as number;
  if (existed) return { backend, built: 0, records: count() };
  const started = performance.now();
  const init = await backend.call('identity.init', { role: 'hq', hqName: 'Bench HQ' });
  if (!init.ok) throw new Error(init.error.message);
  await backend.call('settings.update', { timeZone: ZONE });
  const ctx = { timeZone: ZONE, homeCountry: 'NL' };
  const cpu = { write: 0, settle: 0 };
  for (let i = 0; i < POSTS; i++) {
    const post = demoPostId(i);
    const plan = programme(i);
    const postStart = performance.now();
    const postCpu = process.cpuUsage();
    const sink = importAsPostSink(backend, post, ctx, {
      at: STAMP,
      fields: (kind, fields, id) => withDemoEffort(kind, fields, id, plan.activities),
    });
    // One batch per post, as an import of bundles writes each bundle in one (the programme merged inside it),
    // then the catch-up counts the noted records in its steps.
    const share = demoPostShare(records, i, POSTS);
    inDashboardBatch(backend.db, () => {
      importProgramme(backend.db, post, plan.programme, () => NOW);
      generateDemo(backend.db, sink, { records: share, seed: demoPostSeed(1, i, POSTS), until: UNTIL });
    });
    const written = performance.now();
    const writeCpu = cpuSince(postCpu);
    settleDashboards(backend.db);
    const settled = performance.now();
    const settleCpu = cpuSince(postCpu) - writeCpu;
    cpu.write += writeCpu;
    cpu.settle += settleCpu;
    // CPU time beside the wall clock: on a shared machine the wall clock follows the others' load.
    console.log(
      `  ${fmtInt(records)}: post ${i + 1}/${POSTS}, ${fmtInt(share)} records: written in ` +
        `${((written - postStart) / 1000).toFixed(1)} s (CPU ${(writeCpu / 1000).toFixed(1)} s), ` +
        `catch-up ${((settled - written) / 1000).toFixed(1)} s (CPU ${(settleCpu / 1000).toFixed(1)} s); ` +
        `${((settled - started) / 1000).toFixed(0)} s in all`,
    );
  }
  fs.writeFileSync(marker, digest);
  console.log(
    `  ${fmtInt(records)}: CPU ${(cpu.write / 1000).toFixed(0)} s writing (${fmtRate(records / (cpu.write / 1000))} ` +
      `of CPU), ${(cpu.settle / 1000).toFixed(0)} s in the catch-up; ` +
      `${fmtRate(records / ((cpu.write + cpu.settle) / 1000))} of CPU in all`,
  );
  return { backend, built: performance.now() - started, records: count() };
}

function cpuSince(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

interface Timing {
  wall: number;
  cpu: number;
}

/** Wall clock and this process's CPU time of `work`, each the median of RUNS after one warm-up run. */
async function timed(work: () => unknown): Promise<Timing> {
  await work();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await work();
    wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

/** A few objectives of each scope over 2026 (the folders' clock says 1 July: seven months counted). */
const PERIOD = { from: '2026-01-01', to: '2026-12-31' };
const SCOPES: Record<string, Objective[]> = {
  network: [
    objective('net_siena', 'siena_share', 80, { type: 'network' }),
    objective('net_requests', 'requests_count', 5000, { type: 'network' }),
  ],
  phenomenon: [
    objective('drugs_results', 'results_count', 500, { type: 'phenomenon', code: 'drugs' }),
    objective('drugs_engagements', 'operational_engagements', 500, { type: 'phenomenon', code: 'drugs' }),
  ],
  country: [
    objective('de_requests', 'requests_count', 500, { type: 'country', country: 'DE' }),
    objective('de_in_time', 'answered_in_time_share', 90, { type: 'country', country: 'DE' }),
  ],
  post: [
    objective('p1_engagements', 'engagements_count', 500, { type: 'post', postId: demoPostId(0) }),
    objective('p1_siena', 'siena_share', 80, { type: 'post', postId: demoPostId(0) }),
  ],
};

function objective(id: string, metric: Objective['metric'], target: number, scope: Objective['scope']): Objective {
  return { id, labelEn: id, labelNl: id, metric, target, scope, period: PERIOD };
}

/** Which aggregates the dashboard reads for a scope's monthly figures (electron/reports/dashboard.ts). */
function pathOf(objectives: Objective[]): string {
  const via = new Set(
    objectives.map((o) => {
      const filters = scopeFilters(o, 'hq');
      if (!breakdownsAnswer(DashboardInput.parse({ ...PERIOD, ...filters, silentDays: 45 }))) return "005's cubes";
      // A country or post filter reads a slice of the breakdowns (migration 016), none the whole of 009's.
      return filters.country !== undefined || filters.post !== undefined
        ? "the breakdowns' slices (016)"
        : "009's breakdowns";
    }),
  );
  return [...via].join(' + ');
}

type Results = Map<string, Timing>;

async function measure(backend: Backend): Promise<Results> {
  const out: Results = new Map();
  const must = async (answer: Promise<{ ok: boolean; error?: { message: string } }>) => {
    const r = await answer;
    if (!r.ok) throw new Error(r.error?.message);
  };
  for (const by of ['post', 'country', 'phenomenon'] as const) {
    out.set(`efficiency by ${by}`, await timed(() => must(backend.call('effort.efficiency', { year: 2026, by }))));
  }
  out.set(
    'work plan of a post',
    await timed(() => must(backend.call('workplan.view', { year: 2026, post: demoPostId(0) }))),
  );
  // The baseline: the three efficiency tables recounted from the facts (no maintained aggregates).
  const recount = EFFORT_CUBES.filter((c) => c.table !== 'effort_activity').map((c) =>
    backend.db.prepare(`SELECT * FROM (${recountCube(c)}) WHERE year = '2026'`),
  );
  out.set('efficiency recount from the facts', await timed(() => recount.forEach((s) => s.all())));
  // The objectives: each scope's published alone, then all of them (each publish is a new configuration).
  const publish = (objectives: Objective[]) => must(backend.call('networkConfig.publish', { draft: { objectives } }));
  for (const [scope, objectives] of [...Object.entries(SCOPES), ['all scopes', Object.values(SCOPES).flat()]] as [
    string,
    Objective[],
  ][]) {
    await publish(objectives);
    out.set(
      `objectives, ${scope} (${objectives.length})`,
      await timed(() => must(backend.call('objectives.progress', {}))),
    );
  }
  return out;
}

export async function benchEfficiency(): Promise<void> {
  const root = process.env['BENCH_DIR'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bench-efficiency-'));
  fs.mkdirSync(root, { recursive: true });
  heading(
    `Efficiency views and objectives: ${fmtInt(LARGE)} vs ${fmtInt(SMALL)} records from ${POSTS} posts ` +
      `(median of ${RUNS}; wall clock and CPU time)`,
  );
  const results = new Map<number, Results>();
  const held = new Map<number, number>();
  for (const size of [SMALL, LARGE]) {
    const { backend, built, records } = await folder(root, size);
    held.set(size, records);
    if (built) {
      console.log(
        `  ${fmtInt(size)}: filled in ${(built / 1000).toFixed(0)} s (${fmtInt(records)} records, ` +
          `${fmtRate(records / (built / 1000))} with the catch-up)`,
      );
    } else console.log(`  ${fmtInt(size)}: ${fmtInt(records)} records (folder reused from ${root})`);
    try {
      results.set(size, await measure(backend));
    } finally {
      backend.close();
    }
  }
  const a = results.get(SMALL) ?? new Map<string, Timing>();
  const b = results.get(LARGE) ?? new Map<string, Timing>();
  const large = fmtInt(held.get(LARGE) ?? LARGE);
  const small = fmtInt(held.get(SMALL) ?? SMALL);
  for (const [name, l] of b) {
    const s = a.get(name);
    if (!s) continue;
    const baseline = name.includes('recount');
    figure({
      what: `${name}${baseline ? ' (baseline)' : ''}, wall`,
      app: `${fmtMs(l.wall)} at ${large}`,
      versus: `${fmtMs(s.wall)} at ${small}`,
      ratio: l.wall / s.wall,
      ...(baseline ? {} : { goal: '<= 3x' }),
    });
    figure({
      what: `${name}${baseline ? ' (baseline)' : ''}, CPU`,
      app: `${fmtMs(l.cpu)} at ${large}`,
      versus: `${fmtMs(s.cpu)} at ${small}`,
      ratio: l.cpu / s.cpu,
    });
  }
  // The views against the recount at the large size: what the maintained aggregates save.
  const recount = b.get('efficiency recount from the facts');
  if (recount) {
    for (const by of ['post', 'country', 'phenomenon']) {
      const view = b.get(`efficiency by ${by}`);
      if (!view) continue;
      figure({
        what: `efficiency by ${by} at ${large}, CPU`,
        app: fmtMs(view.cpu),
        versus: `recount ${fmtMs(recount.cpu)}`,
        ratio: view.cpu / recount.cpu,
      });
    }
  }
  console.log("\n  Objectives: which aggregates each scope's monthly dashboards read (electron/reports/dashboard.ts):");
  for (const [scope, objectives] of Object.entries(SCOPES))
    console.log(`    ${scope.padEnd(12)} ${pathOf(objectives)}`);
  if (!process.env['BENCH_DIR']) fs.rmSync(root, { recursive: true, force: true });
}

// Run on its own (npm run bench:efficiency): the bench's summary at the end. As part of `npm run bench` the
// figures go to the bench's summary instead (BENCH_FIGURES_FILE, scripts/bench/scripts.ts).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const keepAlive = setInterval(() => undefined, 60_000);
  try {
    await benchEfficiency();
    if (!process.env['BENCH_FIGURES_FILE']) printSummary();
  } finally {
    clearInterval(keepAlive);
  }
}
