import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Where the maintenance worker's entry is. Built (out/main/backend.js, or a chunk beside it): the bundled
// worker, out/main/maintenance-worker.cjs, which electron.vite.config.ts writes next to the backend's entry and
// electron-builder packs with it. From the TypeScript sources (tsx, vitest): dev-worker.mjs, which registers
// tsx in the new thread and loads worker.ts.

export const BUILT_WORKER_FILE = 'maintenance-worker.cjs';

export interface WorkerEntry {
  /** The file the worker thread starts. */
  readonly file: string;
  /** For the sources: the URL of worker.ts, which dev-worker.mjs imports. */
  readonly boot?: string;
}

/** The worker entry for this build of the backend, or undefined if it cannot be found (then nothing runs in a worker). */
export function maintenanceWorkerEntry(here: string = import.meta.url): WorkerEntry | undefined {
  const file = fileURLToPath(here);
  if (/\.[cm]?ts$/.test(file)) {
    const dir = path.dirname(file);
    return { file: path.join(dir, 'dev-worker.mjs'), boot: pathToFileURL(path.join(dir, 'worker.ts')).href };
  }
  // The bundle: this code is in out/main/backend.js, or in a chunk in out/main/chunks/.
  for (const dir of [path.dirname(file), path.dirname(path.dirname(file))]) {
    const built = path.join(dir, BUILT_WORKER_FILE);
    if (fs.existsSync(built)) return { file: built };
  }
  return undefined;
}
