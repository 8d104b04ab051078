// `npx tsx scripts/bench-config.ts` (or `npm run bench:config`): a post applies HQ's network configuration that
// retires phenomena used by 10,000 and by 100,000 of its records, side by side (issue 13, item 4).
//
// For each size N, on real data folders (unencrypted: the cost measured is the configuration's, not the cipher's):
//   - HQ and a post, the post trusting HQ's key file (its signing key pinned);
//   - the post holds N demo records (through its store), and every one of them also carries one of three HQ terms
//     (legacy_a, legacy_b, legacy_c; the dashboards caught up afterwards);
//   - HQ publishes version 1 with those terms, the post applies it; HQ retires the three terms and publishes
//     version 2;
//   - timed: the preview of version 2 (checks, and the count of records per changed term: the figures the officer
//     sees) and its apply (checks again, one transaction: terms, marks, keys, the stored configuration).
// A retirement hides a term from new entries and keeps the records' codes: the apply does not touch the records,
// so it should take as long at 100,000 records as at 10,000; the preview counts them (one grouped read of the
// phenomenon index). BENCH_CONFIG_SIZES=10000,100000 (default) chooses the sizes; BENCH_CONFIG_RUNS=5 the runs
// (each on a fresh copy of the folder, median reported).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackend } from '../electron/backend/create-backend';
import { generateDemo } from '../electron/demo/generate';
import { openedContent, savedContent } from '../electron/files/trusted';
import { createNetworkConfig } from '../electron/network-config/service';
import { settleDashboards } from '../electron/reports/dashboard-batch';
import { figure, fmtInt, printSummary } from './bench/report';

const SIZES = (process.env['BENCH_CONFIG_SIZES'] ?? '10000,100000').split(',').map(Number);
const RUNS = Number(process.env['BENCH_CONFIG_RUNS'] ?? 5);
const UNTIL = new Date('2026-06-30T12:00:00Z');
const LEGACY = ['legacy_a', 'legacy_b', 'legacy_c'];

async function ok<T>(answer: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await answer;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = (x: number) => `${x.toFixed(1)} ms`;

interface Prepared {
  postDir: string;
  v2: Buffer;
  using: number;
}

async function prepare(work: string, n: number): Promise<Prepared> {
  const hqDir = path.join(work, `hq-${n}`);
  const postDir = path.join(work, `post-${n}`);
  const hq = createBackend({ dataDir: hqDir });
  const post = createBackend({ dataDir: postDir });
  try {
    await ok(hq.call('identity.init', { role: 'hq', hqName: 'Bench HQ' }));
    await ok(post.call('identity.init', { role: 'post', postId: 'BOG', postName: 'Bogotá', officer: 'Bench' }));
    const keyFile = await ok(savedContent(hq.invoke, 'keys.saveHqKeyFile', {}));
    await ok(openedContent(post.invoke, 'keys.importHq', {}, keyFile));
    for (const code of LEGACY) {
      await ok(
        hq.call('taxonomy.save', {
          taxonomy: 'phenomenon',
          code,
          labelEn: `Legacy ${code}`,
          labelNl: `Oud ${code}`,
          parentCode: null,
          iccs: '',
        }),
      );
    }
    const config = createNetworkConfig(hq.db, { now: () => new Date(), dataDir: hqDir });
    const publish = (name: string) => {
      const out = path.join(work, `${name}-${n}.llconfig`);
      config.publish({ out });
      return fs.readFileSync(out);
    };
    const v1 = publish('v1');
    let t = performance.now();
    generateDemo(post.db, post.services.store, { records: n, seed: 13, until: UNTIL });
    post.db
      .prepare(
        `INSERT OR IGNORE INTO record_phenomenon (record_n, code)
         SELECT n, CASE n % 3 WHEN 0 THEN 'legacy_a' WHEN 1 THEN 'legacy_b' ELSE 'legacy_c' END FROM record`,
      )
      .run();
    settleDashboards(post.db);
    console.log(
      `  N = ${n.toLocaleString('en')}: ${n.toLocaleString('en')} records made in ${ms(performance.now() - t)}`,
    );
    t = performance.now();
    await ok(post.call('networkConfig.apply', { bytes: new Uint8Array(v1), dryRun: false }));
    for (const code of LEGACY) await ok(hq.call('taxonomy.retire', { taxonomy: 'phenomenon', code, retired: true }));
    const v2 = publish('v2');
    const using = (
      post.db
        .prepare(
          `SELECT count(DISTINCT record_n) AS n FROM record_phenomenon WHERE code IN ('legacy_a','legacy_b','legacy_c')`,
        )
        .get() as { n: number }
    ).n;
    return { postDir, v2, using };
  } finally {
    hq.close();
    post.close();
  }
}

async function measure(
  work: string,
  p: Prepared,
  run: number,
): Promise<{ preview: number; apply: number; retired: number }> {
  const copy = path.join(work, `run-${path.basename(p.postDir)}-${run}`);
  fs.cpSync(p.postDir, copy, { recursive: true });
  const post = createBackend({ dataDir: copy, checkOutputs: false });
  try {
    const bytes = new Uint8Array(p.v2);
    let t = performance.now();
    const preview = await ok(post.call('networkConfig.apply', { bytes, dryRun: true }));
    const previewMs = performance.now() - t;
    t = performance.now();
    await ok(post.call('networkConfig.apply', { bytes, dryRun: false }));
    const applyMs = performance.now() - t;
    const retired = preview.preview.terms.retired.reduce((sum, x) => sum + x.records, 0);
    return { preview: previewMs, apply: applyMs, retired };
  } finally {
    post.close();
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-bench-config-'));
const keepAlive = setInterval(() => undefined, 60_000);
try {
  console.log(`Network configuration: applying a configuration that retires 3 terms (${RUNS} runs each, median)`);
  const rows: { n: number; using: number; retired: number; preview: number; apply: number }[] = [];
  for (const n of SIZES) {
    const p = await prepare(work, n);
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measure(work, p, i));
    rows.push({
      n,
      using: p.using,
      retired: runs[0]?.retired ?? 0,
      preview: median(runs.map((r) => r.preview)),
      apply: median(runs.map((r) => r.apply)),
    });
    fs.rmSync(p.postDir, { recursive: true, force: true });
  }
  console.log('\n  records   records using the retired terms   preview (dry run)   apply');
  for (const r of rows) {
    console.log(
      `  ${r.n.toLocaleString('en').padStart(7)}   ${r.using.toLocaleString('en').padStart(31)}   ${ms(r.preview).padStart(17)}   ${ms(r.apply).padStart(9)}`,
    );
  }
  const [a, b] = rows;
  if (a && b) {
    console.log(
      `\n  ${b.n.toLocaleString('en')} vs ${a.n.toLocaleString('en')}: preview ${(b.preview / a.preview).toFixed(2)}x, apply ${(b.apply / a.apply).toFixed(2)}x` +
        ` (records ${(b.n / a.n).toFixed(0)}x)`,
    );
    for (const [what, of] of [
      ['preview (dry run)', (r: typeof a) => r.preview],
      ['apply', (r: typeof a) => r.apply],
    ] as const) {
      figure({
        what: `network configuration retiring 3 terms: ${what}`,
        app: `${ms(of(b))} at ${fmtInt(b.n)}`,
        versus: `${ms(of(a))} at ${fmtInt(a.n)}`,
        ratio: of(b) / of(a),
      });
    }
    if (!process.env['BENCH_FIGURES_FILE']) printSummary();
  }
} finally {
  clearInterval(keepAlive);
  fs.rmSync(work, { recursive: true, force: true });
}
