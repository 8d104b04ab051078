// `npx tsx scripts/bench-tombstones.ts`: HQ imports a bundle carrying 10,000 tombstones (issue 13, item 1), at
// an HQ holding 10,000 and 100,000 records, side by side.
//
// For each size N, on real data folders (unencrypted: the cost measured is the import's, not the cipher's):
//   - post FILL makes N - 10,000 demo records and post BOG 10,000 (both real installations, demo data through
//     their stores), each exports them (full, in periods small enough for the bundle limit), HQ imports them all:
//     HQ holds N records;
//   - at BOG 5,000 records are moved to the trash and 5,000 purged (emptying the trash), and BOG exports a
//     bundle for a period holding none of its records: it carries 10,000 tombstones and nothing else;
//   - HQ imports that bundle through imports.run (timed: the file's check and its one transaction), then the
//     dashboards catch up (timed apart: the trashed and purged records leave every figure).
// BENCH_TOMBSTONE_SIZES=10000,100000 (default) chooses the sizes; BENCH_TOMBSTONES=10000 the tombstones;
// BENCH_PURGED=0.5 the share of them that are purges (0: all moved to the trash), to see each path's cost.
//
// Measured 2026-12-07 on the shared 2-core machine (load 8-10 from other work, so read the ratios):
//   HQ records | all trashed: import, catch-up | half purged: import, catch-up
//       9,994  |       4.7 s,  12.6 s          |     120.7 s,  1.8 s
//      99,966  |       6.6 s,   8.8 s (1.39x)  |     162.2 s,  8.1 s (1.34x)
// The purges dominate: purgeRecords (electron/records/purge.ts) costs milliseconds per record, about two thirds of
// it in the dashboards' triggers (measured at a post with 10,000 records: 7 ms per record, 2.3 ms with the
// triggers set aside).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackend, type Backend } from '../electron/backend/create-backend';
import { generateDemo } from '../electron/demo/generate';
import { callWithFiles } from '../electron/files/trusted';
import { purgeRecords } from '../electron/records/purge';
import { settleDashboards } from '../electron/reports/dashboard-batch';
import { figure, fmtInt, fmtMs, printSummary } from './bench/report';

const SIZES = (process.env['BENCH_TOMBSTONE_SIZES'] ?? '10000,100000').split(',').map(Number);
const TOMBSTONES = Number(process.env['BENCH_TOMBSTONES'] ?? 10_000);
const PURGED = Number(process.env['BENCH_PURGED'] ?? 0.5);
const UNTIL = new Date('2026-06-30T12:00:00Z');
const now = () => new Date('2026-07-01T12:00:00Z');

async function ok<T>(answer: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await answer;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** The demo's 548 days before UNTIL in periods of about a month (a bundle of each stays under the size limit). */
function periods(): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  let start = new Date('2024-12-01T00:00:00Z');
  while (start < UNTIL) {
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0));
    out.push({ from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) });
    start = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  }
  return out;
}

async function post(root: string, hq: Backend, postId: string, records: number, seed: number): Promise<Backend> {
  const b = createBackend({ dataDir: path.join(root, postId), now, checkOutputs: false });
  await ok(b.call('identity.init', { role: 'post', postId, postName: postId, officer: 'Bench', country: 'CO' }));
  const keyFile = path.join(root, 'hq-key.json');
  if (!fs.existsSync(keyFile)) await ok(callWithFiles(hq.invoke, 'keys.saveHqKeyFile', {}, { save: keyFile }));
  await ok(callWithFiles(b.invoke, 'keys.importHq', {}, { open: [keyFile] }));
  const enrolment = path.join(root, `enrolment-${postId}.json`);
  await ok(callWithFiles(b.invoke, 'keys.saveEnrolmentFile', {}, { save: enrolment }));
  await ok(callWithFiles(hq.invoke, 'posts.enrol', {}, { open: [enrolment] }));
  if (records > 0) generateDemo(b.db, b.services.store, { records, seed, until: UNTIL });
  return b;
}

async function sendAll(from: Backend, hq: Backend): Promise<void> {
  for (const p of periods()) {
    const entry = await ok(from.call('exports.create', { ...p, level: 'full' }));
    const report = await hq.services.exchange.imports.run([{ name: entry.fileName, path: entry.path }], {
      dryRun: false,
    });
    if (report.files[0]?.outcome !== 'imported') throw new Error(`${entry.fileName}: ${report.files[0]?.message}`);
  }
  settleDashboards(hq.db);
}

interface Row {
  size: number;
  held: number;
  bundleBytes: number;
  importMs: number;
  settleMs: number;
  removed: number;
}

async function one(size: number): Promise<Row> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-bench-tombstones-'));
  const opened: Backend[] = [];
  try {
    const hq = createBackend({ dataDir: path.join(root, 'hq'), now, checkOutputs: false });
    opened.push(hq);
    await ok(hq.call('identity.init', { role: 'hq', hqName: 'Bench HQ' }));
    const fill = await post(root, hq, 'FILL', size - TOMBSTONES, 11);
    const bog = await post(root, hq, 'BOG', TOMBSTONES, 12);
    opened.push(fill, bog);
    await sendAll(fill, hq);
    await sendAll(bog, hq);
    const held = hq.db.prepare('SELECT count(*) FROM record').pluck().get() as number;

    // Half to the trash, half purged, spread over the kinds.
    const ids = bog.db.prepare('SELECT kind, id FROM record ORDER BY (n * 7919) % 10007, n').all() as {
      kind: 'engagement';
      id: string;
    }[];
    const half = TOMBSTONES - Math.round(TOMBSTONES * PURGED);
    bog.db.transaction(() => {
      for (const r of ids.slice(0, TOMBSTONES)) bog.services.store.setTrashed(r.kind, r.id, true);
    })();
    if (half < TOMBSTONES) {
      purgeRecords(
        bog.db,
        ids.slice(half, TOMBSTONES).map((r) => r.id),
        'trash_emptied',
        { now: now() },
      );
    }
    const entry = await ok(bog.call('exports.create', { from: '2030-01-01', to: '2030-01-31', level: 'full' }));
    const bytes = fs.readFileSync(entry.path);

    const started = performance.now();
    const report = await hq.services.exchange.imports.run([{ name: entry.fileName, bytes }], { dryRun: false });
    const importMs = performance.now() - started;
    const file = report.files[0];
    if (file?.outcome !== 'imported') throw new Error(`the tombstone bundle: ${file?.message}`);
    const settling = performance.now();
    settleDashboards(hq.db);
    const settleMs = performance.now() - settling;
    return { size, held, bundleBytes: bytes.length, importMs, settleMs, removed: file.removed ?? 0 };
  } finally {
    for (const b of opened) if (b.db.open) b.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const keepAlive = setInterval(() => undefined, 60_000);
try {
  console.log(
    `Importing a bundle of ${TOMBSTONES.toLocaleString('en')} tombstones (${Math.round(PURGED * 100)}% purged, ` +
      `the rest moved to the trash) at HQ`,
  );
  const rows: Row[] = [];
  for (const size of SIZES) {
    const row = await one(size);
    rows.push(row);
    console.log(
      `HQ with ${row.held.toLocaleString('en')} records: bundle ${(row.bundleBytes / 1024).toFixed(0)} KiB, ` +
        `import ${row.importMs.toFixed(0)} ms, dashboards catch-up ${row.settleMs.toFixed(0)} ms, ` +
        `${row.removed.toLocaleString('en')} records removed`,
    );
  }
  const base = rows[0];
  if (base && rows.length > 1) {
    console.log('\n| HQ records | import (ms) | catch-up (ms) | import vs smallest |');
    console.log('| ---------- | ----------- | ------------- | ------------------ |');
    for (const r of rows) {
      console.log(
        `| ${r.held.toLocaleString('en')} | ${r.importMs.toFixed(0)} | ${r.settleMs.toFixed(0)} | ` +
          `${(r.importMs / base.importMs).toFixed(2)}x |`,
      );
    }
  }
  const last = rows[rows.length - 1];
  if (base && last && last !== base) {
    for (const [what, of] of [
      ['import', (r: Row) => r.importMs],
      ['dashboards catch-up', (r: Row) => r.settleMs],
    ] as const) {
      figure({
        what: `${fmtInt(TOMBSTONES)} tombstones at HQ: ${what}`,
        app: `${fmtMs(of(last))} at ${fmtInt(last.held)}`,
        versus: `${fmtMs(of(base))} at ${fmtInt(base.held)}`,
        ratio: of(last) / of(base),
      });
    }
    if (!process.env['BENCH_FIGURES_FILE']) printSummary();
  }
} finally {
  clearInterval(keepAlive);
}
