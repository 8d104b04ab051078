import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { BackupStoppedError, createBackup, verifyCopyFile } from '../backup/create';
import { CHECK_WHOLE_FILE, CheckNotRunError, checkStep, checkTargets, findingOf } from '../db/integrity';
import { openKeyedFile, removeDatabaseFiles } from '../db/file-access';
import { WORKER_TEMP_PREFIX, type FromWorker, type MaintenanceJob } from './protocol';

// What the maintenance worker does with one job, on its own connection to the encrypted database: the check,
// table by table, then the automatic backup (copy, then the copy checked on a connection of its own, so that the
// database is held open only while it is copied). Between steps it looks at the stop flag; stopped, it removes
// nothing but its own temporary file and keeps nothing. Its copy of the key is zeroed when the job ends, however
// it ends. WAL mode lets this connection read a snapshot while the session's connection answers calls and
// writes; it never writes to the database itself.

/**
 * Unfinished copies of an earlier worker that was ended while it copied (the app quit in the middle of a long
 * copy, where an open file cannot be removed, as on Windows). Workers run one at a time (runner.ts starts one
 * after the last has exited), so none of them is still being written.
 */
function removeLeftCopies(dir: string, own: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return; // no backups folder yet
  }
  for (const name of names) {
    const file = path.join(dir, name);
    if (!name.startsWith(WORKER_TEMP_PREFIX) || file === own) continue;
    try {
      removeDatabaseFiles(file);
    } catch {
      /* the next backup tries again */
    }
  }
}

/** At most this many lines of findings travel back (SQLite can report one per damaged row). */
const MAX_DETAILS = 100;

export function runJob(
  job: MaintenanceJob,
  keyBytes: ArrayBuffer,
  stopFlag: SharedArrayBuffer,
  post: (message: FromWorker) => void,
): void {
  const flag = new Int32Array(stopFlag);
  const stopped = (): boolean => Atomics.load(flag, 0) !== 0;
  // A view of the transferred bytes, not a copy: zeroing it zeroes the only copy this thread has.
  const key = Buffer.from(keyBytes);
  let live: Database | undefined;
  const release = (): void => {
    if (!live) return;
    live.close();
    live = undefined;
    post({ type: 'released' });
  };
  let task: 'check' | 'backup' = 'check';
  try {
    live = openKeyedFile(job.file, { key, nativeBinding: job.nativeBinding });
    // Never a finding because the session's connection was checkpointing at that moment.
    live.pragma('busy_timeout = 5000');
    if (job.check) {
      const pragma = job.check === 'full' ? 'integrity_check' : 'quick_check';
      let targets: string[];
      try {
        targets = checkTargets(live);
      } catch (error) {
        // The list of tables itself cannot be read (the first page is damaged): that is the finding.
        const report = findingOf(error);
        post({ type: 'checked', kind: job.check, ok: false, details: report.ok ? [] : [...report.details] });
        return;
      }
      if (job.check === 'full') targets.push(CHECK_WHOLE_FILE);
      const details: string[] = [];
      post({ type: 'progress', task, phase: 'check', done: 0, total: targets.length });
      for (const [i, table] of targets.entries()) {
        if (stopped()) {
          post({ type: 'stopped' });
          return;
        }
        const report = checkStep(live, pragma, table);
        if (!report.ok) {
          const where = table === CHECK_WHOLE_FILE ? '' : `${table}: `;
          details.push(...report.details.slice(0, MAX_DETAILS - details.length).map((line) => `${where}${line}`));
        }
        post({ type: 'progress', task, phase: 'check', done: i + 1, total: targets.length });
      }
      post({ type: 'checked', kind: job.check, ok: details.length === 0, details });
      // Data that failed its check is not backed up: the copy would carry the damage into the rotation.
      if (details.length > 0) return;
    }
    const backup = job.backup;
    if (!backup) return;
    if (stopped()) {
      post({ type: 'stopped' });
      return;
    }
    task = 'backup';
    removeLeftCopies(backup.dir, backup.temp);
    const result = createBackup(
      live,
      { dir: backup.dir, keep: backup.keep, now: new Date(backup.now), kind: 'auto' },
      {
        temp: backup.temp,
        onCopy: (_temp, expectedBytes) =>
          post({ type: 'progress', task: 'backup', phase: 'copy', done: 0, total: expectedBytes }),
        // The copy is made: the database is not needed any more.
        afterCopy: release,
        checkCopy: (temp, expected) =>
          verifyCopyFile(temp, expected, {
            key,
            nativeBinding: job.nativeBinding,
            stopped,
            onStep: (done, total) => post({ type: 'progress', task: 'backup', phase: 'verify', done, total }),
          }),
        stopped,
      },
    );
    post({ type: 'backedUp', result });
  } catch (error) {
    if (error instanceof BackupStoppedError) post({ type: 'stopped' });
    else if (error instanceof CheckNotRunError) post({ type: 'checkNotRun', reason: error.reason });
    else if (task === 'backup') post({ type: 'backupFailed', message: (error as Error).message });
    else post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  } finally {
    try {
      release();
    } catch (error) {
      post({ type: 'failed', message: `The database could not be closed: ${(error as Error).message}` });
    }
    key.fill(0);
    post({ type: 'keyCleared' });
  }
}
