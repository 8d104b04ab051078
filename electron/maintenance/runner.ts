import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { BackupResult } from '../backup/create';
import { removeDatabaseFiles } from '../db/file-access';
import type { WorkerEntry } from './location';
import type { CheckKind, FromWorker, MaintenanceJob, MaintenancePhase, WorkerData } from './protocol';

// The session's side of the maintenance worker: one job at a time on a worker thread (worker.ts), started after
// the unlock has answered. It hands the worker a copy of the key (moved into the thread, never written
// anywhere), follows its progress (for a copy, by the temporary file's size), and stops it at the worker's next
// step when the data locks. Stopping never waits: the session locks at once; the worker ends on its own, and
// its temporary file is removed when it does (at once where the file system allows removing an open file).

export type MaintenanceTaskName = 'check' | 'full_check' | 'backup';

export interface MaintenanceProgress {
  readonly task: MaintenanceTaskName;
  readonly phase: MaintenancePhase;
  /** Tables checked, or bytes copied. */
  readonly done: number;
  /** Tables to check, or the copy's expected size in bytes; null until known. */
  readonly total: number | null;
}

/** What the session does with the worker's findings (each called at most once per job). */
export interface JobHandlers {
  checked(kind: CheckKind, ok: boolean, details: readonly string[]): void;
  checkNotRun(reason: string): void;
  backedUp(result: BackupResult): void;
  backupFailed(message: string): void;
  failed(message: string): void;
  /**
   * The worker ended without a word: it could not be started (its file is missing, this runtime refuses worker
   * threads). Nothing of the job was done; the session does it on its own thread instead.
   */
  notStarted(reason: string): void;
  /** The job is over and the worker has exited: `keyCleared` if it said its copy of the key was zeroed. */
  ended(outcome: { readonly stopped: boolean; readonly keyCleared: boolean }): void;
}

export interface MaintenanceRunner {
  /** Starts `job` (after the last worker has exited, if one is still ending). Throws if a job is active. */
  start(job: MaintenanceJob, key: Buffer, handlers: JobHandlers): void;
  /** Asks the active job to stop at its next step; does not wait. */
  stop(): void;
  /** The active job's progress, or null. */
  progress(): MaintenanceProgress | null;
  /** Resolves once no worker has the database open (a restore may replace it then). */
  released(): Promise<void>;
  /** Resolves once no job is active and every worker has exited. */
  settled(): Promise<void>;
}

export interface RunnerOptions {
  readonly entry: WorkerEntry;
  readonly log: (message: string, error?: unknown) => void;
  /** After every change of the progress (null: nothing runs any more). */
  readonly onChange: (progress: MaintenanceProgress | null) => void;
}

/** How often the size of a copy being written is looked at. */
const COPY_POLL_MS = 250;

interface Deferred {
  readonly promise: Promise<void>;
  resolve(): void;
}

function deferred(): Deferred {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

interface ActiveJob {
  readonly job: MaintenanceJob;
  readonly flag: Int32Array;
  progress: MaintenanceProgress;
  stopRequested: boolean;
  sawStopped: boolean;
  /** Whether the worker has said anything: one that ends without a word never started. */
  heard: boolean;
  startError?: string;
  keyCleared: boolean;
  poll?: ReturnType<typeof setInterval> | undefined;
  readonly released: Deferred;
  readonly ended: Deferred;
}

function taskOf(job: MaintenanceJob): MaintenanceTaskName {
  if (job.check === 'full') return 'full_check';
  return job.check ? 'check' : 'backup';
}

export function createMaintenanceRunner(options: RunnerOptions): MaintenanceRunner {
  let active: ActiveJob | undefined;
  let lastExit: Promise<void> = Promise.resolve();
  let holding: Promise<void> = Promise.resolve();

  function changed(a: ActiveJob, progress: MaintenanceProgress): void {
    a.progress = progress;
    if (active === a) options.onChange(progress);
  }

  function removeTemp(a: ActiveJob): void {
    const temp = a.job.backup?.temp;
    if (!temp) return;
    try {
      removeDatabaseFiles(temp);
    } catch {
      // Windows refuses to remove a file still open; the worker's exit removes it (finish), or the next backup
      // does (temporaries older than an hour).
    }
  }

  function stopPolling(a: ActiveJob): void {
    if (a.poll) clearInterval(a.poll);
    a.poll = undefined;
  }

  function finish(a: ActiveJob, handlers: JobHandlers): void {
    stopPolling(a);
    if (!a.heard && !a.stopRequested) handlers.notStarted(a.startError ?? 'the worker ended at once');
    // A backup that was kept was renamed; anything still under the temporary name is an unfinished copy.
    removeTemp(a);
    a.released.resolve();
    if (active === a) {
      active = undefined;
      options.onChange(null);
    }
    a.ended.resolve();
    handlers.ended({ stopped: a.stopRequested || a.sawStopped, keyCleared: a.keyCleared });
  }

  function receive(a: ActiveJob, message: FromWorker, handlers: JobHandlers): void {
    a.heard = true;
    switch (message.type) {
      case 'progress': {
        stopPolling(a);
        const task = message.task === 'backup' ? 'backup' : a.progress.task;
        changed(a, { task, phase: message.phase, done: message.done, total: message.total });
        if (message.phase === 'copy' && a.job.backup) {
          const temp = a.job.backup.temp;
          const total = message.total;
          a.poll = setInterval(() => {
            let size: number;
            try {
              size = fs.statSync(temp).size;
            } catch {
              return; // not there yet
            }
            const done = total === null ? size : Math.min(size, total);
            if (done !== a.progress.done) changed(a, { ...a.progress, done });
          }, COPY_POLL_MS);
          a.poll.unref();
        }
        return;
      }
      case 'checked':
        if (!a.stopRequested) handlers.checked(message.kind, message.ok, message.details);
        return;
      case 'checkNotRun':
        if (!a.stopRequested) handlers.checkNotRun(message.reason);
        return;
      case 'backedUp':
        // Kept even when a stop came too late to prevent it: it is a complete, checked backup.
        handlers.backedUp(message.result);
        return;
      case 'backupFailed':
        if (!a.stopRequested) handlers.backupFailed(message.message);
        return;
      case 'failed':
        if (!a.stopRequested) handlers.failed(message.message);
        return;
      case 'released':
        a.released.resolve();
        return;
      case 'stopped':
        a.sawStopped = true;
        return;
      case 'keyCleared':
        a.keyCleared = true;
        return;
    }
  }

  function spawn(a: ActiveJob, key: ArrayBuffer, stop: SharedArrayBuffer, handlers: JobHandlers): void {
    const data: WorkerData = {
      job: a.job,
      key,
      stop,
      ...(options.entry.boot ? { boot: options.entry.boot } : {}),
    };
    let worker: Worker;
    try {
      // The key's bytes move into the thread: this side's ArrayBuffer is detached.
      worker = new Worker(options.entry.file, { workerData: data, transferList: [key] });
    } catch (error) {
      new Uint8Array(key).fill(0);
      a.keyCleared = true;
      options.log('The maintenance worker could not be started', error);
      a.startError = (error as Error).message;
      finish(a, handlers);
      return;
    }
    worker.on('message', (message: FromWorker) => receive(a, message, handlers));
    worker.on('error', (error) => {
      options.log('The maintenance worker failed', error);
      if (!a.heard) a.startError = error.message;
      else if (!a.stopRequested) handlers.failed(error.message);
    });
    worker.on('exit', () => finish(a, handlers));
  }

  return {
    start(job, key, handlers) {
      if (active) throw new Error('A maintenance job is already running.');
      const own = new ArrayBuffer(key.length);
      new Uint8Array(own).set(key);
      const stop = new SharedArrayBuffer(4);
      const check = job.check !== null;
      const a: ActiveJob = {
        job,
        flag: new Int32Array(stop),
        progress: { task: taskOf(job), phase: check ? 'check' : 'copy', done: 0, total: null },
        stopRequested: false,
        sawStopped: false,
        heard: false,
        keyCleared: false,
        released: deferred(),
        ended: deferred(),
      };
      active = a;
      options.onChange(a.progress);
      const previous = lastExit;
      lastExit = a.ended.promise;
      holding = a.released.promise;
      // A worker from before a lock may still be ending its last step: this one starts after it has exited.
      void previous.then(() => {
        if (a.stopRequested) {
          new Uint8Array(own).fill(0);
          a.keyCleared = true;
          finish(a, handlers);
          return;
        }
        spawn(a, own, stop, handlers);
      });
    },
    stop() {
      const a = active;
      if (!a) return;
      a.stopRequested = true;
      Atomics.store(a.flag, 0, 1);
      // The job is no longer the session's: what it reports from now on is not shown.
      active = undefined;
      options.onChange(null);
      // Where an open file can be removed (not on Windows), the unfinished copy goes at once.
      if (a.job.backup && fs.existsSync(a.job.backup.temp)) removeTemp(a);
    },
    progress: () => active?.progress ?? null,
    released: () => holding,
    settled: () => lastExit,
  };
}
