// The evaluation dataset's export (issue 14, item 4) on a filled folder: wall time, and the peak resident memory
// of this process (the backend is in-process), to show that the export streams (memory flat as the period grows).
//
//   BENCH_DATASET_DIR=/tmp/b/efficiency-100000-10p nice -n 10 npx tsx scripts/bench-dataset.ts
//
// The folder is any data folder (for instance one scripts/bench-efficiency.ts filled and kept with BENCH_DIR: it
// has time, travel, budgets and work plans). BENCH_DATASET_FROM / _TO set the period (default 2000 to 2099:
// everything). The dataset is written to a temporary folder and removed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackend } from '../electron/backend/create-backend';

async function main(): Promise<void> {
  const dataDir = process.env['BENCH_DATASET_DIR'];
  if (!dataDir || !fs.existsSync(dataDir)) throw new Error('Set BENCH_DATASET_DIR to a filled data folder.');
  const from = process.env['BENCH_DATASET_FROM'] ?? '2000-01-01';
  const to = process.env['BENCH_DATASET_TO'] ?? '2099-12-31';
  const backend = createBackend({ dataDir, checkOutputs: false, log: () => undefined });
  const records = backend.db.prepare('SELECT count(*) FROM record').pluck().get() as number;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-bench-dataset-'));
  // With --expose-gc (NODE_OPTIONS=--expose-gc), the heap is collected first, so that the baseline is the open
  // backend's, and sampled every 20 ms: the peak of the JavaScript heap (and of the resident set) during the export.
  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = process.resourceUsage().maxRSS;
  const heapBefore = process.memoryUsage().heapUsed;
  let sampled = 0;
  let heap = 0;
  let live = 0;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    sampled = Math.max(sampled, m.rss);
    heap = Math.max(heap, m.heapUsed + m.external);
  }, 20);
  const started = performance.now();
  try {
    const r = await backend.invoke(
      'reports.exportDataset',
      { from, to, placement: 'exactly' },
      {
        files: { open: [path.join(out, 'dataset')] },
        // At each progress report (between chunks of records, between tables): the live heap after a full GC.
        onProgress: () => {
          const gc = (globalThis as { gc?: () => void }).gc;
          if (!gc) return;
          gc();
          live = Math.max(live, process.memoryUsage().heapUsed);
        },
      },
    );
    const ms = performance.now() - started;
    if (!r.ok) throw new Error(r.error.message);
    const value = r.value as { tables: { name: string; rows: number }[]; bytes: number };
    const rows = value.tables.reduce((n, t) => n + t.rows, 0);
    console.log(
      JSON.stringify(
        {
          records,
          period: { from, to },
          seconds: Math.round(ms / 100) / 10,
          rows,
          megabytes: Math.round(value.bytes / 1e5) / 10,
          peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
          rssAfterOpenMB: Math.round(rssBefore / 1024),
          sampledRssMB: Math.round(sampled / 1e6),
          heapBeforeMB: Math.round(heapBefore / 1e6),
          peakHeapMB: Math.round(heap / 1e6),
          peakLiveHeapMB: Math.round(live / 1e6),
        },
        null,
        1,
      ),
    );
  } finally {
    clearInterval(timer);
    backend.close();
    fs.rmSync(out, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
