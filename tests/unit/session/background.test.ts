import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultBackupDir, listBackups, verifyBackup } from '../../../electron/backup/index';
import { DATABASE_FILE } from '../../../electron/db/open';
import { unwrapWithPassphrase } from '../../../electron/vault/vault';
import type { Result } from '../../../shared/contract/result';
import type { MaintenanceStatus } from '../../../shared/session/schema';
import { addRequests, damagePages, expectNeedsKey, leafPages, rawOpen, requestInput } from '../backup/helpers';
import { setUpSession, TEST_PASSPHRASE, TEST_WORK_FACTOR, useSessions } from '../helpers/session';

// The start-up check and the automatic backup in the background (SessionOptions.background, as the app's backend
// process runs the session): the unlock answers and calls are served while the maintenance worker checks the
// database table by table and makes the backup; damage it finds moves the session to 'damaged' then; its backup
// is an ordinary encrypted backup; locking stops it. Ordering is proven, not timed: an in-process call is
// answered within the same turn of the event loop, before the worker's next message can be handled, and the
// worker's progress events say where it was.

function value<T>(r: Result<T>): T {
  if (!r.ok) expect.fail(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

function manualClock(start = '2026-05-01T08:00:00.000Z') {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (hours: number) => (t += hours * 3_600_000) };
}

async function keyOf(dataDir: string): Promise<Buffer> {
  const { key } = await unwrapWithPassphrase(
    { dataDir, now: () => new Date(), workFactor: TEST_WORK_FACTOR },
    TEST_PASSPHRASE,
  );
  return key;
}

const autos = (dataDir: string) => listBackups(defaultBackupDir(dataDir)).filter((b) => b.kind === 'auto');
/** Temporary files left in the backups folder (a backup's copy that was not finished). */
const temporaries = (dataDir: string) =>
  fs.existsSync(defaultBackupDir(dataDir))
    ? fs.readdirSync(defaultBackupDir(dataDir)).filter((f) => f.startsWith('.'))
    : [];

/** One line per maintenance event: "task:phase:done/total", or "idle". */
function describeStatus(m: MaintenanceStatus): string {
  return m.running ? `${m.running.task}:${m.running.phase}:${m.running.done}/${m.running.total}` : 'idle';
}

describe('the check and the automatic backup in the background', () => {
  const open = useSessions();

  it('the unlock answers, and calls are answered, while the check and the backup are still running', async () => {
    const { session, dataDir } = open({ background: true });
    await setUpSession(session);
    await session.settled();
    await addRequests(session.backend()!, 50);
    await session.lock();
    for (const b of autos(dataDir)) fs.rmSync(b.file); // an automatic backup is due again
    const timeline: string[] = [];
    session.onMaintenance((m) => timeline.push(describeStatus(m)));

    const status = value(await session.unlock(TEST_PASSPHRASE));
    timeline.push('unlock answered');
    expect(status.state).toBe('unlocked');
    expect(session.maintenance().running).toMatchObject({ task: 'check', phase: 'check' });
    const counts = value(await session.call('stats.counts', {}));
    timeline.push('call answered');
    expect(counts.informationRequests).toBe(50);
    expect(session.maintenance().running).toMatchObject({ task: 'check' });

    await session.settled();
    // The worker's progress: every table checked, then the copy, then the copy checked table by table, then idle;
    // the unlock and the call were answered before the check had finished.
    const answered = timeline.indexOf('call answered');
    const checked = timeline.findIndex((e) => /^check:check:(\d+)\/\1$/.test(e));
    const copying = timeline.findIndex((e) => e.startsWith('backup:copy:'));
    const verified = timeline.findIndex((e) => /^backup:verify:(\d+)\/\1$/.test(e));
    expect(timeline.indexOf('unlock answered')).toBeLessThan(answered);
    expect(answered).toBeGreaterThan(-1);
    expect(checked).toBeGreaterThan(answered);
    expect(copying).toBeGreaterThan(checked);
    expect(verified).toBeGreaterThan(copying);
    expect(timeline.at(-1)).toBe('idle');
    const steps = timeline.filter((e) => e.startsWith('check:check:')).map((e) => e.split(':')[2]);
    expect(steps.length).toBeGreaterThan(10); // table by table: "checked 12 of 40"
    expect(session.maintenance()).toMatchObject({
      state: 'unlocked',
      running: null,
      lastCheck: { kind: 'quick', outcome: 'sound' },
    });
    expect(autos(dataDir)).toHaveLength(1);
    expect(temporaries(dataDir)).toEqual([]);
  });

  it('damage the check finds later moves the session to damaged; a write made meanwhile is kept', async () => {
    const { session, dataDir } = open({ background: true });
    await setUpSession(session);
    await session.settled();
    await addRequests(session.backend()!, 300);
    await session.lock();
    await session.settled();
    const file = path.join(dataDir, DATABASE_FILE);
    const key = await keyOf(dataDir);
    const leaves = leafPages(file, key, 'record');
    damagePages(file, [leaves[Math.floor(leaves.length / 2)] ?? 1]);
    const backupsBefore = autos(dataDir).map((b) => b.fileName);
    const damaged = new Promise<MaintenanceStatus>((resolve) =>
      session.onMaintenance((m) => {
        if (m.state === 'damaged') resolve(m);
      }),
    );

    const status = value(await session.unlock(TEST_PASSPHRASE));
    expect(status.state).toBe('unlocked'); // answered before the check found anything
    const written = value(
      await session.call('requests.create', requestInput('Written while the check ran') as never),
    ) as { id: string };
    expect(session.maintenance().running).toMatchObject({ task: 'check' });

    expect((await damaged).lastCheck).toMatchObject({ kind: 'quick', outcome: 'damaged' });
    const after = session.status();
    expect(after).toMatchObject({ state: 'damaged', damaged: { foundLater: true } });
    expect(after.damaged?.message).toMatch(/is damaged.*Nothing was deleted or changed/s);
    expect(after.damaged?.details.join('\n')).toMatch(/record/);
    expect(await session.invoke('stats.counts', {})).toMatchObject({ ok: false, error: { code: 'damaged' } });
    await session.settled();
    // Damaged data is not backed up.
    expect(autos(dataDir).map((b) => b.fileName)).toEqual(backupsBefore);

    // What was written before the damage was found is in the file: saving what is readable finds it.
    const salvaged = value(await session.call('backups.salvage', {}));
    const copy = rawOpen(path.join(defaultBackupDir(dataDir), salvaged.outFile), key);
    try {
      expect(copy.prepare('SELECT title FROM record WHERE id = ?').pluck().get(written.id)).toBe(
        'Written while the check ran',
      );
    } finally {
      copy.close();
    }
    expect(session.status().state).toBe('damaged');
  });

  it('a call that meets a damaged page before the check gets there finds the damage too: answered damaged', async () => {
    const { session, dataDir, logged } = open({ background: true });
    await setUpSession(session);
    await session.settled();
    const ids = await addRequests(session.backend()!, 300);
    await session.lock();
    await session.settled();
    const file = path.join(dataDir, DATABASE_FILE);
    const leaves = leafPages(file, await keyOf(dataDir), 'record');
    damagePages(file, [leaves[Math.floor(leaves.length / 2)] ?? 1]);

    value(await session.unlock(TEST_PASSPHRASE));
    let answer: Result<unknown> | undefined;
    for (const id of ids) {
      answer = await session.invoke('requests.get', { id });
      if (!answer.ok) break;
    }
    // Not an internal error: the same answer as every call gets once the session is damaged.
    expect(answer).toMatchObject({ ok: false, error: { code: 'damaged', reason: { code: 'session.damaged' } } });
    expect(session.status()).toMatchObject({ state: 'damaged', damaged: { foundLater: true } });
    expect(await session.invoke('stats.counts', {})).toMatchObject({ ok: false, error: { code: 'damaged' } });
    await session.settled();
    expect(session.status().state).toBe('damaged');
    expect(logged.filter((e) => e instanceof Error)).toEqual([]);
  });

  it('the backup made in the background is an encrypted backup, rotated like any automatic one, that restores', async () => {
    const clock = manualClock();
    const { session, dataDir } = open({ background: true, now: clock.now });
    await setUpSession(session);
    await session.settled();
    value(await session.invoke('settings.update', { backupIntervalHours: 6, backupKeep: 2 }));
    await addRequests(session.backend()!, 20);
    for (let i = 0; i < 2; i++) {
      await session.lock();
      clock.advance(6);
      value(await session.unlock(TEST_PASSPHRASE));
      await session.settled();
    }
    const made = autos(dataDir);
    // The names, the kind and the keep count of the settings, as for backups made on the session's thread.
    expect(made.map((b) => b.createdAt.toISOString())).toEqual([
      '2026-05-01T20:00:00.000Z',
      '2026-05-01T14:00:00.000Z',
    ]);
    const newest = made[0]!;
    expect(newest.fileName).toMatch(/^liaison-log-auto-20260501T200000Z-s\d+\.db$/);
    expect(newest.encrypted).toBe(true);
    const key = await keyOf(dataDir);
    expect(verifyBackup(newest.file, key)).toMatchObject({ ok: true });
    expectNeedsKey(newest.file);
    // One self-contained file: no journal mode that needs a side file.
    const probe = rawOpen(newest.file, key);
    expect(probe.pragma('journal_mode', { simple: true })).toBe('delete');
    probe.close();

    await addRequests(session.backend()!, 5, 'Written after the backup');
    const r = value(await session.call('backups.restore', { fileName: newest.fileName }));
    expect(r.restoredFrom).toBe(newest.fileName);
    expect(value(await session.invoke('stats.counts', {}))).toMatchObject({ informationRequests: 20 });
    expect(temporaries(dataDir)).toEqual([]);
  });

  it('locking while the worker copies stops it: nothing kept, no file left, and the next unlock backs up', async () => {
    const { session, dataDir } = open({ background: true });
    await setUpSession(session);
    await session.settled();
    // Enough data that the copy takes a while (about 15 MB).
    await addRequests(session.backend()!, 1500, 'Bulk', 'x'.repeat(10_000));
    await session.lock();
    for (const b of autos(dataDir)) fs.rmSync(b.file);
    const copying = new Promise<void>((resolve) =>
      session.onMaintenance((m) => {
        if (m.running?.phase === 'copy') resolve();
      }),
    );

    value(await session.unlock(TEST_PASSPHRASE));
    await copying;
    const locked = await session.lock();
    expect(locked.state).toBe('locked');
    // Locking did not wait for the worker: it is stopped, and the session shows nothing running.
    expect(session.maintenance().running).toBeNull();
    await session.settled();
    expect(autos(dataDir)).toEqual([]);
    expect(temporaries(dataDir)).toEqual([]);
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('.tmp'))).toEqual([]);

    value(await session.unlock(TEST_PASSPHRASE));
    await session.settled();
    expect(autos(dataDir)).toHaveLength(1);
  });

  it("a worker that cannot start costs neither the check nor the backup: both run on the session's thread", async () => {
    const { session, dataDir, logged } = open({
      background: true,
      maintenanceWorker: { file: path.join(os.tmpdir(), 'liaison-log-no-such-worker.cjs') },
    });
    await setUpSession(session);
    await session.settled();
    expect(session.maintenance()).toMatchObject({ running: null, lastCheck: { kind: 'quick', outcome: 'sound' } });
    expect(autos(dataDir)).toHaveLength(1);
    expect(String(logged.find((e) => e instanceof Error) ?? '')).toMatch(/no-such-worker/);
  });

  it('an unfinished copy left by an earlier backend process (ended while it copied) is removed', async () => {
    const { session, dataDir } = open({ background: true });
    await setUpSession(session);
    await session.settled();
    await session.lock();
    for (const b of autos(dataDir)) fs.rmSync(b.file);
    const left = path.join(defaultBackupDir(dataDir), '.liaison-log-backup-worker-0a1b2c.tmp');
    fs.writeFileSync(left, Buffer.alloc(8192, 0x33));
    const other = path.join(defaultBackupDir(dataDir), '.liaison-log-backup-0a1b2c.tmp'); // a command line's, in use
    fs.writeFileSync(other, Buffer.alloc(8192, 0x44));
    value(await session.unlock(TEST_PASSPHRASE));
    await session.settled();
    expect(fs.existsSync(left)).toBe(false);
    expect(fs.existsSync(other)).toBe(true);
    expect(autos(dataDir)).toHaveLength(1);
    fs.rmSync(other);
  });

  it('a full check on demand: integrity_check table by table, then the whole file; one at a time', async () => {
    const { session } = open({ background: true });
    await setUpSession(session);
    await session.settled();
    await addRequests(session.backend()!, 10);
    const started = value(await session.call('session.checkData', {}));
    expect(started.running).toMatchObject({ task: 'full_check' });
    expect(await session.call('session.checkData', {})).toMatchObject({
      ok: false,
      error: { code: 'conflict', reason: { code: 'session.check_busy' } },
    });
    await session.settled();
    expect(value(await session.call('session.maintenance', {}))).toMatchObject({
      running: null,
      lastCheck: { kind: 'full', outcome: 'sound' },
    });
    await session.lock();
    expect(await session.call('session.checkData', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(value(await session.call('session.maintenance', {}))).toMatchObject({ state: 'locked', running: null });
  });
});
