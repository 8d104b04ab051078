import type { BackupResult } from '../backup/create';
import { TEMP_PREFIX } from '../backup/names';

// The messages between the unlock session (runner.ts, on the backend's main thread) and the maintenance worker
// (worker.ts, a worker thread of the backend process): what one job is, and what the worker reports.

/** quick: quick_check of each table (at unlock). full: integrity_check of each table, then the whole file. */
export type CheckKind = 'quick' | 'full';

/**
 * The worker's temporary copies (within the backups' own `.liaison-log-backup-`, which the listing skips and the
 * next backup removes after an hour). Only the maintenance worker makes files of this name.
 */
export const WORKER_TEMP_PREFIX = `${TEMP_PREFIX}backup-worker-`;

export interface BackupJob {
  /** The backups folder. */
  readonly dir: string;
  /** Automatic backups to keep (the settings' backupKeep). */
  readonly keep: number;
  /** The backup's time (its name), as an ISO string. */
  readonly now: string;
  /** The temporary file to copy into, chosen by the session so that it can remove it whatever happens. */
  readonly temp: string;
}

/** One job: a check, an automatic backup, or both (the check first; no backup of data that failed it). */
export interface MaintenanceJob {
  /** The database file. */
  readonly file: string;
  readonly nativeBinding?: string | undefined;
  readonly check: CheckKind | null;
  readonly backup: BackupJob | null;
}

/** What the worker starts with (workerData). The key's bytes are moved, not copied, into the worker. */
export interface WorkerData {
  readonly job: MaintenanceJob;
  /** The 32-byte database key, transferred: the sender's view of it is detached. The worker zeroes it. */
  readonly key: ArrayBuffer;
  /** One Int32: set to 1 to ask the worker to stop at its next step. */
  readonly stop: SharedArrayBuffer;
  /** From the sources (tests, tsx): the TypeScript entry that dev-worker.mjs loads after registering tsx. */
  readonly boot?: string;
}

export type MaintenanceTask = 'check' | 'backup';
export type MaintenancePhase = 'check' | 'copy' | 'verify';

export type FromWorker =
  /** How far the current step has come: tables checked, or for the copy the bytes expected (done is 0). */
  | {
      readonly type: 'progress';
      readonly task: MaintenanceTask;
      readonly phase: MaintenancePhase;
      readonly done: number;
      readonly total: number | null;
    }
  /** The check ended: sound, or its findings (SQLite's own lines, at most a hundred). */
  | { readonly type: 'checked'; readonly kind: CheckKind; readonly ok: boolean; readonly details: readonly string[] }
  /** The check could not run (the database was busy, memory ran short): nothing is known about the data. */
  | { readonly type: 'checkNotRun'; readonly reason: string }
  | { readonly type: 'backedUp'; readonly result: BackupResult }
  | { readonly type: 'backupFailed'; readonly message: string }
  /** The worker no longer has the database open (a restore may now replace it). */
  | { readonly type: 'released' }
  /** The worker stopped at a step because it was asked to. */
  | { readonly type: 'stopped' }
  /** The worker's copy of the key is zeroed (the last message of every job). */
  | { readonly type: 'keyCleared' }
  /** Something unexpected: logged; the data is as it was. */
  | { readonly type: 'failed'; readonly message: string };
