// `npm run bench`: the app at headquarters' scale, on encrypted data folders at the production settings, each
// figure printed next to what it is compared with (the raw pipeline on the same data, or the same figure at
// the small size) as a ratio, with peak memory. docs/bench.md says what every figure means and how to run it.
//
// HQ is filled as the installed app fills it: posts (real installations, encrypted) make their records through
// their stores and export signed, encrypted bundles; HQ, set up with a passphrase through the unlock session
// (scrypt 2^18) and running in its own backend process with output checks off, imports them through
// imports.run. BENCH_HQ_RECORDS (default 1,000,000) records, and a small twin of BENCH_HQ_SMALL (10,000).
//
// Parts (BENCH_PART=import,batch,... or all):
//   import          (a) HQ's import vs the raw pipeline (scripts/bench/raw-pipeline.ts) on the same bundles;
//                       the first bundle's rate vs the last's; the backend process's peak RSS over the import
//   batch           (b) one batch of BENCH_BATCH (10,000) records in one transaction, HQ and post, vs raw
//   lists, unlock   (c) scripts/bench-lists.ts and scripts/bench-unlock.ts, when they exist
//   dashboards      (d) reports.dashboard at BENCH_HQ_RECORDS vs BENCH_HQ_SMALL
//   search          (e) search.query p50/p95 vs a ranked FTS5 MATCH with the same join
//   post            the post's own screens at BENCH_SMALL vs BENCH_LARGE records
//   responsiveness  the main process's event loop while the backend works (scripts/bench-responsiveness.ts)
//   efficiency      the efficiency views, a post's work plan and the objectives' progress at BENCH_HQ_RECORDS vs
//                   BENCH_HQ_SMALL, and the recount from the facts (scripts/bench-efficiency.ts)
//   sheet-import    a spreadsheet of 100,000 rows imported vs exceljs's bare read (scripts/bench-sheet-import.ts)
//   tombstones      a bundle of 10,000 tombstones imported at HQ of 100,000 vs 10,000 (scripts/bench-tombstones.ts)
//   config          a network configuration applied at a post of 100,000 vs 10,000 (scripts/bench-config.ts)
// BENCH_QUICK=1: small sizes for trying it out. BENCH_DIR=folder keeps bundles and folders for the next run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchBatch } from './bench/batch';
import { config, QUICK, type Part } from './bench/config';
import { benchDashboards } from './bench/dashboards';
import { benchImport, filledHq, type FilledHq } from './bench/hq';
import { rss } from './bench/memory';
import { benchOther } from './bench/others';
import { benchPost } from './bench/post';
import { fmtInt, fmtMb, heading, printSummary } from './bench/report';
import { benchSearch } from './bench/search';
import { benchScript, SCRIPT_PARTS } from './bench/scripts';
import { benchResponsiveness } from './bench-responsiveness';

const has = (part: Part) => config.parts.has(part);
const work = config.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-bench-'));
fs.mkdirSync(work, { recursive: true });
const started = performance.now();

console.log(
  `Liaison Log bench${QUICK ? ' (BENCH_QUICK: small sizes)' : ''}: HQ ${fmtInt(config.hqRecords)} vs ` +
    `${fmtInt(config.hqSmall)} records from ${config.posts} posts; parts: ${[...config.parts].join(', ')}; ` +
    `${os.cpus().length} cores; node ${process.version}; work folder ${work}`,
);

// Keeps this process alive while it awaits a backend: an in-process session may wait on a worker whose handle
// does not hold the event loop open (Node would end with exit code 13, "unsettled top-level await", mid-call).
const keepAlive = setInterval(() => undefined, 60_000);
try {
  let large: FilledHq | undefined;
  let small: FilledHq | undefined;
  if (has('import') || has('dashboards') || has('search')) {
    heading('Filling HQ through the real import (posts: store, export; HQ: imports.run in its backend process)');
    small = await filledHq(work, 'small', { records: config.hqSmall, posts: config.posts }, has('import'));
    large = await filledHq(work, 'large', { records: config.hqRecords, posts: config.posts }, has('import'));
  }
  if (has('import') && large && small) await benchImport(large, small);
  if (has('batch')) await benchBatch(work);
  if (has('lists')) await benchOther('lists', large, small);
  if (has('unlock')) await benchOther('unlock', large, small);
  if (has('dashboards') && large && small) await benchDashboards(large, small);
  if (has('search') && large && small) await benchSearch(large, small);
  if (has('post')) await benchPost(work);
  for (const part of SCRIPT_PARTS) if (has(part)) await benchScript(part, work);
  printSummary();
  if (has('responsiveness')) await benchResponsiveness();
} finally {
  clearInterval(keepAlive);
  if (!config.dir) fs.rmSync(work, { recursive: true, force: true });
}

const self = rss();
console.log(
  `\nThis process (posts, raw pipeline, dashboards, search): peak RSS ${fmtMb(self?.peak ?? 0)}. ` +
    `Whole run ${((performance.now() - started) / 60000).toFixed(1)} min.`,
);
