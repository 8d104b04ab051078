import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBackups } from '../../../electron/backup/index';
import { maintenanceWorkerEntry } from '../../../electron/maintenance/location';
import type { CheckKind, MaintenanceJob } from '../../../electron/maintenance/protocol';
import {
  createMaintenanceRunner,
  type JobHandlers,
  type MaintenanceProgress,
} from '../../../electron/maintenance/runner';
import type { BackupResult } from '../../../electron/backup/create';
import { addRequests, databaseFile, damagePages, leafPages, openBackend } from '../backup/helpers';
import { sha256File } from '../helpers/files';
import { useTempDirs } from '../helpers/temp-dir';

// The maintenance worker on its own (a real worker thread, a real encrypted database): what one job reports,
// that it never writes to the database, and that a stop at any point ends it with its copy of the key zeroed
// and no file left behind.

interface Outcome {
  checked?: { kind: CheckKind; ok: boolean; details: readonly string[] };
  backedUp?: BackupResult;
  failures: string[];
  ended?: { stopped: boolean; keyCleared: boolean };
}

function recorder(): { handlers: JobHandlers; outcome: Outcome; ended: Promise<void> } {
  const outcome: Outcome = { failures: [] };
  let end: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (end = resolve));
  return {
    outcome,
    ended,
    handlers: {
      checked: (kind, ok, details) => (outcome.checked = { kind, ok, details }),
      checkNotRun: (reason) => outcome.failures.push(`not run: ${reason}`),
      backedUp: (result) => (outcome.backedUp = result),
      backupFailed: (message) => outcome.failures.push(`backup: ${message}`),
      failed: (message) => outcome.failures.push(message),
      notStarted: (reason) => outcome.failures.push(`not started: ${reason}`),
      ended: (o) => {
        outcome.ended = o;
        end();
      },
    },
  };
}

describe('the maintenance worker', () => {
  const tempDir = useTempDirs();

  /** An encrypted data folder with `count` requests, closed; its key. */
  async function folder(count: number, notes = ''): Promise<{ dataDir: string; key: Buffer }> {
    const dataDir = tempDir('liaison-log-worker-');
    const key = crypto.randomBytes(32);
    const backend = openBackend(dataDir, key);
    try {
      await addRequests(backend, count, 'Worker', notes);
    } finally {
      backend.close();
    }
    return { dataDir, key };
  }

  function job(dataDir: string, check: CheckKind | null, backup: boolean): MaintenanceJob {
    const dir = path.join(dataDir, 'backups');
    return {
      file: databaseFile(dataDir),
      check,
      backup: backup
        ? { dir, keep: 3, now: '2026-05-01T08:00:00.000Z', temp: path.join(dir, `.liaison-log-backup-test.tmp`) }
        : null,
    };
  }

  function runner(progress: (MaintenanceProgress | null)[] = []) {
    const entry = maintenanceWorkerEntry();
    if (!entry) expect.fail('no maintenance worker entry');
    return createMaintenanceRunner({ entry, log: () => undefined, onChange: (p) => progress.push(p) });
  }

  it('checks table by table and backs up, reading the database without writing to it', async () => {
    const { dataDir, key } = await folder(200);
    const before = sha256File(databaseFile(dataDir));
    const progress: (MaintenanceProgress | null)[] = [];
    const run = runner(progress);
    const { handlers, outcome, ended } = recorder();
    run.start(job(dataDir, 'quick', true), key, handlers);
    await ended;
    expect(outcome.failures).toEqual([]);
    expect(outcome.checked).toEqual({ kind: 'quick', ok: true, details: [] });
    expect(outcome.backedUp?.kind).toBe('auto');
    expect(outcome.ended).toEqual({ stopped: false, keyCleared: true });
    expect(listBackups(path.join(dataDir, 'backups')).map((b) => b.fileName)).toEqual([outcome.backedUp?.fileName]);
    // The caller's key is its own (the session zeroes it when it locks); the worker had a copy, now zeroed.
    expect(key.some((b) => b !== 0)).toBe(true);
    expect(sha256File(databaseFile(dataDir))).toBe(before);
    const checks = progress.filter((p) => p?.phase === 'check');
    expect(checks.at(-1)).toMatchObject({ done: checks.at(-1)?.total });
    expect(progress.at(-1)).toBeNull();
  });

  it('reports damage with the table it is in, and does not back up damaged data', async () => {
    const { dataDir, key } = await folder(300);
    const file = databaseFile(dataDir);
    const leaves = leafPages(file, key, 'record');
    damagePages(file, [leaves[Math.floor(leaves.length / 2)] ?? 1]);
    const { handlers, outcome, ended } = recorder();
    runner().start(job(dataDir, 'quick', true), key, handlers);
    await ended;
    expect(outcome.checked?.ok).toBe(false);
    expect(outcome.checked?.details.some((d) => d.startsWith('record: '))).toBe(true);
    expect(outcome.backedUp).toBeUndefined();
    expect(fs.existsSync(path.join(dataDir, 'backups'))).toBe(false);
    expect(outcome.ended).toEqual({ stopped: false, keyCleared: true });
  });

  // A race by nature: the stop is set when the runner hears 'copy', and a busy main thread can hear it after the
  // worker has finished copying. A retry keeps that timing miss from failing the run; a stop that leaves a backup,
  // a temporary file or a changed database fails every attempt.
  it(
    'stopped while it copies: no backup, no temporary file, its key zeroed, the database untouched',
    { retry: 2 },
    async () => {
      const { dataDir, key } = await folder(1500, 'x'.repeat(10_000));
      const before = sha256File(databaseFile(dataDir));
      const { handlers, outcome, ended } = recorder();
      let stopped = false;
      // Stopped as soon as it says it is copying (the copy of about 15 MB is still being written then).
      const watched = createMaintenanceRunner({
        entry: maintenanceWorkerEntry()!,
        log: () => undefined,
        onChange: (p) => {
          if (p?.phase === 'copy' && !stopped) {
            stopped = true;
            watched.stop();
          }
        },
      });
      watched.start(job(dataDir, 'quick', true), key, handlers);
      // Stopping does not wait: the runner says at once that nothing runs.
      await ended;
      expect(stopped).toBe(true);
      expect(watched.progress()).toBeNull();
      expect(outcome.ended).toEqual({ stopped: true, keyCleared: true });
      expect(outcome.backedUp).toBeUndefined();
      expect(outcome.failures).toEqual([]);
      expect(fs.readdirSync(path.join(dataDir, 'backups'))).toEqual([]);
      expect(sha256File(databaseFile(dataDir))).toBe(before);
      await watched.settled();
    },
  );

  it('stopped before it starts: nothing is done, and a later job starts after it has ended', async () => {
    const { dataDir, key } = await folder(5);
    const run = runner();
    const first = recorder();
    run.start(job(dataDir, 'quick', true), key, first.handlers);
    run.stop();
    const second = recorder();
    run.start(job(dataDir, 'full', false), key, second.handlers);
    await second.ended;
    expect(first.outcome.ended).toEqual({ stopped: true, keyCleared: true });
    expect(first.outcome.backedUp).toBeUndefined();
    expect(second.outcome.checked).toEqual({ kind: 'full', ok: true, details: [] });
    expect(fs.existsSync(path.join(dataDir, 'backups'))).toBe(false);
  });
});
