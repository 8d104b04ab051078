import path from 'node:path';
import { callWithFiles } from '../../electron/files/trusted';
import { createBackendHost, type BackendHost } from '../../electron/process/backend-host';
import { nodeBackendSpawner } from '../../electron/process/node-child';
import { PASSPHRASE } from './config';
import { must, type BundleFile } from './fill';
import { peakOver, rss, type Rss } from './memory';
import { now } from './report';

// The app's import, as the installed app runs it: in its own backend process (electron/process/backend-entry.ts,
// the TypeScript source through tsx, so the bench always runs the working tree; BENCH_BACKEND=built runs
// out/main/backend.js instead, which must be built from the same tree), started with the BackendInit
// the shell passes (checkOutputs: false, automatic backups on), unlocked with the passphrase, and fed the
// bundle files through imports.run with the files granted as the host grants them after its open dialog.
// The import's clock starts once the background work the unlock starts (check, backup) is done.
// One imports.run per bundle, so each bundle's rate is seen as HQ grows. The backend process's peak RSS is read
// from outside (scripts/bench/memory.ts): over the unlock (scrypt's allocation) and over the import alone.
//
// The dashboards' catch-up each import leaves behind (the backend counts the records it noted, between calls)
// is the app's work too: after each bundle, one week's dashboard (which waits for the catch-up) is timed apart,
// before the raw pipeline runs, so the backend's catch-up does not overlap the raw pipeline's timing and its
// memory falls inside the import's peak. Printed after the import: the catch-up's total and the import with it.

const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** A dashboard that waits for the catch-up and then reads little: one week, no filter. */
const DASHBOARD_WEEK = { from: '2026-11-13', to: '2026-11-19' };

export interface BundleTiming extends BundleFile {
  ms: number;
  /** The dashboards' catch-up this bundle's import left behind: a dashboard call waiting for it, timed. */
  catchUpMs: number;
  added: number;
  updated: number;
  unchanged: number;
}

export interface AppImport {
  unlockMs: number;
  /** How long the background work after the unlock (check, automatic backup) took to finish after it. */
  settleMs: number;
  bundles: BundleTiming[];
  /** The bundles' import times, summed (without the catch-up). */
  totalMs: number;
  /** The catch-ups the bundles left behind, summed. */
  catchUpMs: number;
  /** RSS of the backend process when it was ready, after the unlock, and its peaks (Linux only). */
  readyRss?: Rss;
  unlockPeak?: Rss;
  beforeImport?: Rss;
  importPeak?: Rss;
}

/**
 * Waits until the backend's background work after the unlock (its check and the automatic backup, which the
 * app runs once unlocked: session.maintenance) is done, so that it does not run during the import's timing.
 * A backend without that channel (before issue 12, where the unlock did both itself) answers at once.
 */
async function backgroundDone(host: BackendHost): Promise<void> {
  for (;;) {
    const r = await host.invoke('session.maintenance', {});
    if (!r.ok || !(r.value as { running: unknown }).running) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Imports `bundles` into the HQ folder `dataDir` in a backend process. `afterEach(i)` runs after bundle i's
 * import, outside its timing (the bench runs the raw pipeline on the same bundle there, so that both meet the
 * same load on a shared machine).
 */
export async function importInBackendProcess(
  dataDir: string,
  bundles: readonly BundleFile[],
  afterEach?: (index: number) => Promise<void>,
): Promise<AppImport> {
  const host = createBackendHost({
    spawn:
      process.env['BENCH_BACKEND'] === 'built'
        ? nodeBackendSpawner({ entry: path.join(ROOT, 'out', 'main', 'backend.js') })
        : nodeBackendSpawner({
            entry: path.join(ROOT, 'electron/process/backend-entry.ts'),
            execArgv: ['--import', 'tsx'],
          }),
    init: { dataDir, version: 'bench', checkOutputs: false },
    log: () => undefined,
  });
  try {
    await host.ready();
    const pid = host.pid;
    const readyRss = pid === undefined ? undefined : rss(pid);
    let start = now();
    const unlock = await peakOver(pid, () => must(host.invoke('session.unlock', { passphrase: PASSPHRASE }), 'unlock'));
    const unlockMs = now() - start;
    start = now();
    await backgroundDone(host);
    const settleMs = now() - start;
    const beforeImport = pid === undefined ? undefined : rss(pid);
    const timings: BundleTiming[] = [];
    const imported = await peakOver(pid, async () => {
      for (const [index, bundle] of bundles.entries()) {
        const began = now();
        const report = await must(
          callWithFiles(
            (channel, input, options) => host.invoke(channel, input, options),
            'imports.run',
            { fromDialog: true },
            { open: [bundle.file] },
          ),
          `importing ${path.basename(bundle.file)}`,
        );
        const ms = now() - began;
        const file = report.files[0];
        if (file?.outcome !== 'imported') {
          throw new Error(`${path.basename(bundle.file)} was not imported: ${file?.outcome} ${file?.message ?? ''}`);
        }
        const caught = now();
        await must(host.invoke('reports.dashboard', DASHBOARD_WEEK), 'dashboard after the import');
        timings.push({
          ...bundle,
          ms,
          catchUpMs: now() - caught,
          added: file.added,
          updated: file.updated,
          unchanged: file.unchanged,
        });
        await afterEach?.(index);
      }
    });
    const totalMs = timings.reduce((ms, t) => ms + t.ms, 0);
    const catchUpMs = timings.reduce((ms, t) => ms + t.catchUpMs, 0);
    console.log(
      `  the dashboards' catch-up after the ${timings.length} bundle import(s): ${(catchUpMs / 1000).toFixed(1)} s ` +
        `(a week's dashboard after each, waiting for it); import ${(totalMs / 1000).toFixed(1)} s, with the ` +
        `catch-up ${((totalMs + catchUpMs) / 1000).toFixed(1)} s`,
    );
    return {
      unlockMs,
      settleMs,
      bundles: timings,
      totalMs,
      catchUpMs,
      ...(readyRss ? { readyRss } : {}),
      ...(unlock.peak ? { unlockPeak: unlock.peak } : {}),
      ...(beforeImport ? { beforeImport } : {}),
      ...(imported.peak ? { importPeak: imported.peak } : {}),
    };
  } finally {
    await host.stop();
  }
}
