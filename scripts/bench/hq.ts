import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { importInBackendProcess, type AppImport } from './app-import';
import { config } from './config';
import { appSession, describePrepared, freshCopy, prepareHq, rawKeys, unlocked, type PreparedHq } from './fill';
import { createRawPipeline, openRawDatabase, recordDigest, type RawKeys } from './raw-pipeline';
import { figure, fmtInt, fmtMb, fmtMs, fmtRate, heading, now } from './report';

// HQ filled through the real import path, and part (a): the app's import against the raw pipeline on the
// same bundle files, in all and bundle by bundle, with the backend process's peak memory.

export interface FilledHq {
  label: string;
  records: number;
  prepared: PreparedHq;
  /** The HQ data folder, locked, holding everything the bundles brought. */
  dir: string;
  /** The app's import that filled it (absent when an earlier run's folder was reused). */
  app?: AppImport;
  /** The raw pipeline on the same bundles, each right after the app's import of it (when measured). */
  raw?: RawRun;
}

const FILLED = 'filled.json';
/** The work tree this bench runs from. */
const TREE = path.resolve(import.meta.dirname, '..', '..');

/**
 * The posts' bundles and an HQ folder that imported them, for `records` records. The import is run (and
 * timed) when `measure` is set or no earlier run left the folder in BENCH_DIR.
 */
export async function filledHq(
  work: string,
  label: string,
  sizes: { records: number; posts: number },
  measure: boolean,
): Promise<FilledHq> {
  const { records, posts } = sizes;
  const root = path.join(work, `hq-${records}-${posts}p-s${config.seed}`);
  const start = now();
  const prepared = await prepareHq(root, records, posts, config.seed);
  console.log(`${label}: ${describePrepared(prepared)} (${((now() - start) / 1000).toFixed(1)} s)`);
  const dir = path.join(root, 'hq');
  const marker = path.join(root, FILLED);
  // Reused only if this same work tree filled it (a folder another version of the app imported is not ours).
  const filledBy = fs.existsSync(marker) ? (JSON.parse(fs.readFileSync(marker, 'utf8')) as { tree?: string }).tree : '';
  if (!measure && filledBy === TREE && fs.existsSync(dir)) {
    console.log(`${label}: HQ folder reused from an earlier run of this tree (${dir})`);
    return { label, records, prepared, dir };
  }
  fs.rmSync(marker, { force: true });
  const runs: { app: AppImport; raw?: RawRun }[] = [];
  for (let run = 0; run < (measure ? Math.max(1, config.importRuns) : 1); run++) {
    freshCopy(prepared.emptyDir, dir);
    runs.push(
      measure ? await importSideBySide(prepared, dir) : { app: await importInBackendProcess(dir, prepared.bundles) },
    );
  }
  const median = [...runs].sort((a, b) => a.app.totalMs - b.app.totalMs)[Math.floor(runs.length / 2)];
  if (!median) throw new Error('No import ran.');
  fs.writeFileSync(marker, JSON.stringify({ tree: TREE, totalMs: median.app.totalMs }));
  console.log(`${label}: imported by HQ in ${(median.app.totalMs / 1000).toFixed(1)} s (median of ${runs.length})`);
  return { label, records, prepared, dir, ...median };
}

export interface RawRun {
  totalMs: number;
  bundles: { ms: number; records: number; inserted: number }[];
  rows: number;
  /** recordDigest of the raw database: equal to the app's when both hold the same records. */
  digest: string;
}

/**
 * The app's import of the bundles into `dir` (in its backend process), and the raw pipeline on each same
 * bundle right after the app's import of it, into a fresh encrypted database shaped and configured like HQ's.
 * The raw pipeline's keys, schema and pragmas come from another copy of the empty HQ, unlocked here (this
 * tree's migrations applied to it).
 */
async function importSideBySide(prepared: PreparedHq, dir: string): Promise<{ app: AppImport; raw: RawRun }> {
  const reference = freshCopy(prepared.emptyDir, `${dir}-reference`);
  const file = `${dir}-raw.db`;
  const remove = () => {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  };
  remove();
  const session = appSession(reference, { automaticBackups: false });
  let db: Database;
  let keys: RawKeys;
  try {
    const backend = await unlocked(session);
    keys = rawKeys(backend);
    db = openRawDatabase(file, randomBytes(32), backend.db);
  } finally {
    await session.lock();
    fs.rmSync(reference, { recursive: true, force: true });
  }
  try {
    const pipeline = createRawPipeline(db, keys);
    const bundles: RawRun['bundles'] = [];
    const app = await importInBackendProcess(dir, prepared.bundles, async (i) => {
      const bundle = prepared.bundles[i];
      if (!bundle) return;
      const began = now();
      const r = await pipeline.importBundle(bundle.file);
      bundles.push({ ms: now() - began, ...r });
    });
    const rows = (db.prepare('SELECT count(*) AS n FROM record').get() as { n: number }).n;
    const totalMs = bundles.reduce((ms, b) => ms + b.ms, 0);
    return { app, raw: { totalMs, bundles, rows, digest: recordDigest(db) } };
  } finally {
    db.close();
    remove();
  }
}

const carried = (hq: FilledHq) => hq.prepared.bundles.reduce((n, b) => n + b.records, 0);

/** Part (a) for one folder: prints the per-bundle table and the figures; answers the raw run. */
async function compareImport(hq: FilledHq, small?: FilledHq): Promise<void> {
  const { app, raw } = hq;
  if (!app || !raw) return;
  const session = appSession(hq.dir, { automaticBackups: false });
  const backend = await unlocked(session);
  let appRows: number;
  let appDigest: string;
  try {
    appRows = (backend.db.prepare('SELECT count(*) AS n FROM record').get() as { n: number }).n;
    appDigest = recordDigest(backend.db);
  } finally {
    await session.lock();
  }
  const records = carried(hq);
  console.log(
    `\n${hq.label}: ${fmtInt(records)} records in ${hq.prepared.bundles.length} bundles; HQ holds ${fmtInt(appRows)} ` +
      `records, the raw database ${fmtInt(raw.rows)}: ` +
      (appDigest === raw.digest
        ? 'the same records, columns and search hits'
        : `DIFFERENT records, columns or search hits (digests ${appDigest} and ${raw.digest}): check!`),
  );
  if (hq.prepared.bundles.length <= 40 || config.detail) {
    console.log(`  ${'bundle'.padEnd(16)} ${'records'.padStart(9)} ${'app'.padStart(12)} ${'raw'.padStart(12)}  ratio`);
    app.bundles.forEach((b, i) => {
      const r = raw.bundles[i];
      if (!r) return;
      const appRate = b.records / (b.ms / 1000);
      const rawRate = r.records / (r.ms / 1000);
      console.log(
        `  ${path.basename(b.file).padEnd(16)} ${fmtInt(b.records).padStart(9)} ${fmtRate(appRate).padStart(12)} ` +
          `${fmtRate(rawRate).padStart(12)} ${(rawRate / appRate).toFixed(2).padStart(6)}x`,
      );
    });
  }
  console.log('');
  const appRate = records / (app.totalMs / 1000);
  const rawRate = records / (raw.totalMs / 1000);
  figure({
    what: `HQ import, ${fmtInt(records)} records (${hq.label})`,
    app: `${fmtMs(app.totalMs)}, ${fmtRate(appRate)}`,
    versus: `raw pipeline ${fmtMs(raw.totalMs)}, ${fmtRate(rawRate)}`,
    ratio: rawRate / appRate,
    goal: '<= 1.5x',
  });
  const first = app.bundles[0];
  const last = app.bundles.at(-1);
  const rawFirst = raw.bundles[0];
  const rawLast = raw.bundles.at(-1);
  if (first && last && rawFirst && rawLast && app.bundles.length > 1) {
    const rate = (b: { records: number; ms: number }) => b.records / (b.ms / 1000);
    figure({
      what: `  last bundle vs first (${hq.label})`,
      app: `${fmtRate(rate(last))} / ${fmtRate(rate(first))}`,
      versus: `raw ${(rate(rawFirst) / rate(rawLast)).toFixed(2)}x (its own last/first)`,
      ratio: rate(first) / rate(last),
      goal: '~1x (flat)',
    });
  }
  if (small?.app) {
    const smallRate = carried(small) / (small.app.totalMs / 1000);
    figure({
      what: `  import rate ${hq.label} vs ${small.label}`,
      app: fmtRate(appRate),
      versus: `at ${fmtInt(carried(small))}: ${fmtRate(smallRate)}`,
      ratio: smallRate / appRate,
    });
  }
  const mem = app.importPeak;
  if (mem && app.unlockPeak && app.beforeImport) {
    const above = mem.peak - app.unlockPeak.peak;
    figure({
      what: `  backend peak RSS, import (${hq.label})`,
      app: `${fmtMb(mem.peak)} (${above >= 0 ? '+' : ''}${fmtMb(above)})`,
      versus: `unlock's peak (scrypt) ${fmtMb(app.unlockPeak.peak)}`,
      ratio: mem.peak / app.unlockPeak.peak,
      goal: '< +300 MB',
    });
    console.log(
      `    (backend process: ${fmtMb(app.readyRss?.current ?? 0)} when started, peak ${fmtMb(app.unlockPeak.peak)} ` +
        `over the unlock, ${fmtMb(app.beforeImport.current)} before the import, peak ${fmtMb(mem.peak)} over the ` +
        `import: ${above >= 0 ? '+' : ''}${fmtMb(above)} above the unlock's peak, +${fmtMb(mem.peak - app.beforeImport.current)} above ` +
        `the RSS it started the import with)`,
    );
  } else {
    console.log('    (peak RSS of one step needs Linux /proc/<pid>/clear_refs: not measured here)');
  }
  console.log(
    `    unlock of the empty HQ in the backend process: ${fmtMs(app.unlockMs)}; its background check and backup ` +
      `done ${fmtMs(app.settleMs)} later (the import started after them)`,
  );
}

export async function benchImport(large: FilledHq, small: FilledHq): Promise<void> {
  heading(
    `(a) HQ import: the app (backend process, encrypted, production settings) vs the raw pipeline on the same files`,
  );
  await compareImport(small);
  await compareImport(large, small);
  console.log(
    `\n  Median of ${Math.max(1, config.importRuns)} import(s) each (BENCH_IMPORT_RUNS); per-bundle rates are those ` +
      'of that run. Rates count every record the bundles carry (the app reports the repeated ones unchanged). ' +
      "The raw pipeline ran on each bundle right after the app's import of it, so both met the same load.",
  );
}
