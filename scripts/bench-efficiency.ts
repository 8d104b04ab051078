// The efficiency views (issue 14, items 2 and 3) at two sizes side by side: `npx tsx scripts/bench-efficiency.ts`.
//
// Each size is an HQ folder of demo records from BENCH_EFFICIENCY_POSTS posts (electron/demo/generate.ts, with
// time and travel on most engagements and requests: electron/effort/demo-effort.ts, and a work plan per post),
// imported in dashboard batches and settled by the catch-up, as an import of bundles is. Then each view is timed
// (median of BENCH_RUNS after one warm-up): efficiency by post, country and phenomenon, a post's work plan; and,
// as the baseline, the same figures recounted from the facts (what the views would cost without the maintained
// aggregates). The ratio large/small near 1 means the view does not grow with the data.
//
//   BENCH_EFFICIENCY_SMALL=10000 BENCH_EFFICIENCY_LARGE=1000000 nice npx tsx scripts/bench-efficiency.ts
//   BENCH_DIR=/tmp/b ...   keeps the filled folders in /tmp/b/efficiency-<records> and reuses them
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBackend, type Backend } from '../electron/backend/create-backend';
import { generateDemo, type DemoSink } from '../electron/demo/generate';
import { demoPostId, demoPostSeed, demoPostShare } from '../electron/demo/posts';
import { withDemoEffort } from '../electron/effort/demo-effort';
import { EFFORT_CUBES, recountCube } from '../electron/db/migrations/015-effort-workplans';
import { inDashboardBatch, settleDashboards } from '../electron/reports/dashboard-batch';

const int = (v: string | undefined, d: number) => (v ? Number(v.replaceAll('_', '')) : d);
const SMALL = int(process.env['BENCH_EFFICIENCY_SMALL'], 10_000);
const LARGE = int(process.env['BENCH_EFFICIENCY_LARGE'], 1_000_000);
const POSTS = int(process.env['BENCH_EFFICIENCY_POSTS'], 10);
const RUNS = int(process.env['BENCH_RUNS'], 5);
const UNTIL = new Date('2026-06-30T12:00:00Z');
const ZONE = 'Europe/Amsterdam';

async function folder(records: number): Promise<{ backend: Backend; built: number }> {
  const root = process.env['BENCH_DIR'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bench-efficiency-'));
  const dataDir = path.join(root, `efficiency-${records}-${POSTS}p`);
  const existed = fs.existsSync(path.join(dataDir, 'filled'));
  fs.mkdirSync(dataDir, { recursive: true });
  const backend = createBackend({ dataDir, now: () => new Date('2026-07-01T08:00:00Z'), checkOutputs: false });
  if (existed) return { backend, built: 0 };
  const started = performance.now();
  const init = await backend.call('identity.init', { role: 'hq', hqName: 'Bench HQ' });
  if (!init.ok) throw new Error(init.error.message);
  await backend.call('settings.update', { timeZone: ZONE });
  const ctx = { timeZone: ZONE, homeCountry: 'NL' };
  for (let i = 0; i < POSTS; i++) {
    const post = demoPostId(i);
    // The post's plan for 2025 and 2026: eight activities a year.
    const activities: string[] = [];
    for (const year of [2025, 2026]) {
      for (let a = 0; a < 8; a++) {
        const id = `00000000-0000-4000-8000-${String(i * 100 + year * 10 + a).padStart(12, '0')}`;
        activities.push(id);
        backend.db
          .prepare(
            `INSERT INTO workplan_activity (id, post, year, revision, data, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?)`,
          )
          .run(
            id,
            post,
            year,
            JSON.stringify({
              year,
              title: `Activity ${a}`,
              type: 'operational',
              phenomenon: null,
              partnerCountry: null,
              partnerOrganisationId: null,
              quarters: [1, 2, 3, 4],
              plannedCount: 8,
            }),
            UNTIL.toISOString(),
            UNTIL.toISOString(),
          );
      }
    }
    const sink: DemoSink = {
      create: (kind, fields, id) =>
        backend.services.store.importRecord(
          kind,
          {
            id,
            revision: 1,
            createdAt: UNTIL.toISOString(),
            updatedAt: UNTIL.toISOString(),
            fields: withDemoEffort(kind, fields, id, activities),
          },
          { post, level: 'full' },
          ctx,
        ),
    };
    // One batch per 50,000 records, as an import of bundles settles per bundle.
    const share = demoPostShare(records, i, POSTS);
    inDashboardBatch(backend.db, () =>
      generateDemo(backend.db, sink, { records: share, seed: demoPostSeed(1, i, POSTS), until: UNTIL }),
    );
    settleDashboards(backend.db);
    process.stdout.write(
      `  ${records}: post ${i + 1}/${POSTS} (${Math.round((performance.now() - started) / 1000)} s)\n`,
    );
  }
  fs.writeFileSync(path.join(dataDir, 'filled'), '');
  return { backend, built: performance.now() - started };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

async function time(work: () => unknown): Promise<number> {
  await work();
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await work();
    runs.push(performance.now() - t);
  }
  return median(runs);
}

async function measure(backend: Backend) {
  const view = (by: 'post' | 'country' | 'phenomenon') => async () => {
    const r = await backend.call('effort.efficiency', { year: 2026, by });
    if (!r.ok) throw new Error(r.error.message);
  };
  const out: Record<string, number> = {
    'efficiency by post': await time(view('post')),
    'efficiency by country': await time(view('country')),
    'efficiency by phenomenon': await time(view('phenomenon')),
    'work plan of a post': await time(async () => {
      const r = await backend.call('workplan.view', { year: 2026, post: demoPostId(0) });
      if (!r.ok) throw new Error(r.error.message);
    }),
  };
  // The baseline: the three efficiency tables recounted from the facts (no maintained aggregates).
  const recount = EFFORT_CUBES.filter((c) => c.table !== 'effort_activity').map((c) =>
    backend.db.prepare(`SELECT * FROM (${recountCube(c)}) WHERE year = '2026'`),
  );
  out['recount from the facts (baseline)'] = await time(() => recount.forEach((s) => s.all()));
  return out;
}

async function main() {
  console.log(
    `Efficiency views: ${SMALL.toLocaleString('en')} vs ${LARGE.toLocaleString('en')} records, ${POSTS} posts, median of ${RUNS}`,
  );
  const results: Record<number, Record<string, number>> = {};
  for (const size of [SMALL, LARGE]) {
    const { backend, built } = await folder(size);
    const count = backend.db.prepare('SELECT count(*) FROM record').pluck().get() as number;
    if (built) console.log(`  ${size}: filled in ${(built / 1000).toFixed(0)} s (${count} records)`);
    results[size] = await measure(backend);
    backend.close();
  }
  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(`\n${pad('view', 38)}${pad(`${SMALL}`, 14)}${pad(`${LARGE}`, 14)}large/small`);
  for (const name of Object.keys(results[SMALL] ?? {})) {
    const a = results[SMALL]?.[name] ?? NaN;
    const b = results[LARGE]?.[name] ?? NaN;
    console.log(
      `${pad(name, 38)}${pad(`${a.toFixed(2)} ms`, 14)}${pad(`${b.toFixed(2)} ms`, 14)}${(b / a).toFixed(1)}x`,
    );
  }
}

void main();
