import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/create-backend';
import { defaultBackupDir, listBackups } from '../../../electron/backup/index';
import { DATABASE_FILE } from '../../../electron/db/open';
import { callWithFiles } from '../../../electron/files/trusted';
import { unwrapWithPassphrase } from '../../../electron/vault/vault';
import type { Result } from '../../../shared/contract/result';
import { addRequests, damagePages, leafPages, requestInput } from '../backup/helpers';
import { sha256File } from '../helpers/files';
import { setUpSession, TEST_PASSPHRASE, TEST_WORK_FACTOR, useSessions } from '../helpers/session';
import { useTempDirs } from '../helpers/temp-dir';

// Backups wired through the unlock session, as the app and the command line use them: automatic backups at
// unlock when due, back up now, restore (from the list and from a picked file) keeping the replaced
// database, and a damaged database at unlock: the 'damaged' state, salvage, restore, unlocked again.

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

describe('automatic backups through the session', () => {
  const open = useSessions();

  it('are made at unlock when due, on the interval and keep count in the settings, and not otherwise', async () => {
    const clock = manualClock();
    const { session, dataDir } = open({ now: clock.now });
    await setUpSession(session);
    expect(autos(dataDir)).toHaveLength(1); // none existed: due at once
    expect(autos(dataDir)[0]?.encrypted).toBe(true);
    value(await session.invoke('settings.update', { backupIntervalHours: 6, backupKeep: 2 }));

    await session.lock();
    clock.advance(5);
    value(await session.unlock(TEST_PASSPHRASE));
    expect(autos(dataDir)).toHaveLength(1); // 5 hours < 6
    expect(session.backUpIfDue()).toBeNull();

    clock.advance(1);
    expect(session.backUpIfDue()?.kind).toBe('auto'); // the hourly timer's call, while unlocked
    await session.lock();
    clock.advance(6);
    value(await session.unlock(TEST_PASSPHRASE));
    // Rotation to the keep count: the two newest remain.
    expect(autos(dataDir).map((b) => b.createdAt.toISOString())).toEqual([
      '2026-05-01T20:00:00.000Z',
      '2026-05-01T14:00:00.000Z',
    ]);
    const list = value(await session.call('backups.list', {}));
    expect(list).toMatchObject({
      folder: defaultBackupDir(dataDir),
      automatic: { intervalHours: 6, keep: 2, lastAt: '2026-05-01T20:00:00.000Z' },
      warning: null,
    });
    expect(list.entries).toHaveLength(2);
  });

  it('a failed automatic backup is a warning, not a block', async () => {
    const { session, dataDir } = open({ automaticBackups: true });
    // A file where the backups folder should be: the backup cannot be written.
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(defaultBackupDir(dataDir), 'not a folder');
    const { status } = await setUpSession(session);
    expect(status.state).toBe('unlocked');
    expect(status.backupWarning).toMatch(/automatic backup failed/);
    expect(value(await session.invoke('stats.counts', {}))).toMatchObject({ informationRequests: 0 });
  });

  it('backup channels answer locked while the data is locked', async () => {
    const { session } = open();
    await setUpSession(session);
    await session.lock();
    for (const channel of ['backups.list', 'backups.create', 'backups.salvage']) {
      expect(await session.invoke(channel, {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    }
  });
});

describe('restore through the session', () => {
  const open = useSessions();

  it('restores a backup from the list: the later record is gone, the replaced database is kept and named', async () => {
    const clock = manualClock();
    const { session, dataDir } = open({ now: clock.now });
    await setUpSession(session);
    await addRequests(session.backend()!, 2, 'Kept before the backup');
    const made = value(await session.call('backups.create', { label: 'Before the move' }));
    expect(made).toMatchObject({ kind: 'manual', label: 'before-the-move', encrypted: true });
    await addRequests(session.backend()!, 1, 'Written after the backup');
    clock.advance(1);

    const r = value(await session.call('backups.restore', { fileName: made.fileName }));
    expect(r.restoredFrom).toBe(made.fileName);
    expect(r.kept).toMatch(/^liaison-log\.before-restore-\d{8}T\d{6}Z\.db$/);
    expect(session.status().state).toBe('unlocked');
    expect(value(await session.invoke('stats.counts', {}))).toMatchObject({ informationRequests: 2 });
    // The replaced database is complete by itself and holds the later record.
    const kept = new Sqlite(path.join(dataDir, r.kept ?? 'missing'), { readonly: true });
    kept.pragma(`key = "x'${(await keyOf(dataDir)).toString('hex')}'"`);
    expect(kept.prepare('SELECT count(*) FROM record').pluck().get()).toBe(3);
    kept.close();
  });

  it('saves a copy with its key files into a folder the officer chose, and restores it from there', async () => {
    const { session, dataDir } = open();
    const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-usb-'));
    try {
      await setUpSession(session);
      await addRequests(session.backend()!, 1);
      const made = value(await session.call('backups.create', {}));
      const saved = value(
        await callWithFiles(session.invoke, 'backups.saveCopy', { fileName: made.fileName }, { open: [usb] }),
      );
      // A folder of its own, named after the backup, holding the backup and the key files it needs.
      expect(saved.savedTo).toBe(path.join(usb, made.fileName.replace(/\.db$/, '')));
      expect(saved.files.sort()).toEqual([made.fileName, 'key.age', 'key.recovery.age', 'vault.json'].sort());
      expect(fs.readdirSync(saved.savedTo).sort()).toEqual([...saved.files].sort());
      expect(sha256File(path.join(saved.savedTo, made.fileName))).toBe(
        sha256File(path.join(defaultBackupDir(dataDir), made.fileName)),
      );
      expect(saved.bytes).toBe(saved.files.reduce((n, f) => n + fs.statSync(path.join(saved.savedTo, f)).size, 0));
      // Saving the same backup there again would mix two copies: refused, nothing touched.
      const again = await callWithFiles(
        session.invoke,
        'backups.saveCopy',
        { fileName: made.fileName },
        { open: [usb] },
      );
      expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });

      await addRequests(session.backend()!, 4);
      const copy = path.join(saved.savedTo, made.fileName);
      const r = value(await callWithFiles(session.invoke, 'backups.restore', { pickFile: true }, { open: [copy] }));
      expect(r.restoredFrom).toBe(made.fileName);
      expect(value(await session.invoke('stats.counts', {}))).toMatchObject({ informationRequests: 1 });
      // The picked file's temporary copy is gone; the picked file itself is untouched.
      expect(fs.readdirSync(defaultBackupDir(dataDir)).filter((f) => f.startsWith('.'))).toEqual([]);
      expect(fs.existsSync(copy)).toBe(true);
    } finally {
      fs.rmSync(usb, { recursive: true, force: true });
    }
  });

  it('a call without a file granted by the host, or with a path in its payload, is refused', async () => {
    const { session } = open();
    await setUpSession(session);
    const made = value(await session.call('backups.create', {}));
    // No dialog was shown (no granted path): refused, nothing written anywhere.
    expect(await session.invoke('backups.saveCopy', { fileName: made.fileName })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await session.invoke('backups.restore', { pickFile: true })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // The page cannot name a file: paths and bytes in the payload break the contract.
    for (const payload of [
      { path: '/etc/passwd' },
      { pickFile: true, path: '/tmp/x.db' },
      { name: 'copy.db', base64: 'AAAA' },
      { pickFile: 'yes' },
    ]) {
      expect(await session.invoke('backups.restore', payload)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
  });

  it('a picked file that is not a backup changes nothing and says why', async () => {
    const { session, dataDir } = open();
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-picked-'));
    try {
      await setUpSession(session);
      await addRequests(session.backend()!, 1);
      const before = fs.readdirSync(dataDir).sort();
      const notes = path.join(elsewhere, 'notes.txt');
      fs.writeFileSync(notes, 'hello');
      const r = await callWithFiles(session.invoke, 'backups.restore', { pickFile: true }, { open: [notes] });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.message).toMatch(/Nothing was changed/);
        // Named as the officer knows it, never by the temporary copy's name.
        expect(r.error.message).not.toMatch(/picked-/);
      }
      expect(session.status().state).toBe('unlocked');
      expect(value(await session.invoke('stats.counts', {}))).toMatchObject({ informationRequests: 1 });
      expect(fs.readdirSync(dataDir).sort()).toEqual(before);
      expect(fs.readdirSync(defaultBackupDir(dataDir)).filter((f) => f.startsWith('.'))).toEqual([]);
      // A name from outside the backups folder is refused by the contract.
      const escape = await callWithFiles(
        session.invoke,
        'backups.saveCopy',
        { fileName: '../key.age' },
        { open: [elsewhere] },
      );
      expect(escape).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(fs.readdirSync(elsewhere)).toEqual(['notes.txt']);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('a damaged database at unlock', () => {
  const open = useSessions();

  it('leads to the damaged state, never a delete; salvage and restore work; restored, it unlocks', async () => {
    const clock = manualClock();
    const { session, dataDir } = open({ now: clock.now });
    await setUpSession(session);
    await addRequests(session.backend()!, 300);
    const backup = value(await session.call('backups.create', { label: 'good' }));
    await session.lock();

    const file = path.join(dataDir, DATABASE_FILE);
    const key = await keyOf(dataDir);
    const leaves = leafPages(file, key, 'record');
    damagePages(file, [leaves[Math.floor(leaves.length / 2)] ?? 1]);
    const damagedHash = sha256File(file);

    const status = value(await session.unlock(TEST_PASSPHRASE));
    expect(status.state).toBe('damaged');
    expect(status.damaged?.message).toMatch(/is damaged.*Nothing was deleted or changed/s);
    expect(status.damaged?.details.length).toBeGreaterThan(0);
    // Nothing else answers, and nothing was touched.
    expect(await session.invoke('stats.counts', {})).toMatchObject({ ok: false, error: { code: 'damaged' } });
    expect(await session.invoke('backups.create', {})).toMatchObject({ ok: false, error: { code: 'damaged' } });
    expect(sha256File(file)).toBe(damagedHash);
    expect(value(await session.call('backups.list', {})).entries.map((e) => e.fileName)).toContain(backup.fileName);

    clock.advance(1);
    const salvaged = value(await session.call('backups.salvage', {}));
    expect(salvaged.outFile).toMatch(/^liaison-log-manual-.*-salvaged\.db$/);
    expect(salvaged.recovered).toBeGreaterThan(0);
    expect(salvaged.lost).toBeGreaterThan(0);
    expect(session.status().state).toBe('damaged');
    expect(sha256File(file)).toBe(damagedHash);

    clock.advance(1);
    const r = value(await session.call('backups.restore', { fileName: backup.fileName }));
    expect(session.status()).toMatchObject({ state: 'unlocked', damaged: null });
    expect(value(await session.invoke('stats.counts', {}))).toMatchObject({ informationRequests: 300 });
    // The damaged file is kept, byte for byte, under the name the answer gives.
    expect(sha256File(path.join(dataDir, r.kept ?? 'missing'))).toBe(damagedHash);
  });

  it('a database another key wrote (or a destroyed first page) is damaged too; locking forgets the key', async () => {
    const { session, dataDir } = open();
    await setUpSession(session);
    await session.lock();
    fs.writeFileSync(path.join(dataDir, DATABASE_FILE), Buffer.alloc(8192, 0x5a));
    const status = value(await session.unlock(TEST_PASSPHRASE));
    expect(status.state).toBe('damaged');
    await session.lock();
    expect(session.status()).toMatchObject({ state: 'locked', damaged: null });
  });
});

describe('storage errors in the dispatcher', () => {
  const tempDir = useTempDirs();

  it('a full disk is answered `storage` with a plain message, and nothing was written', async () => {
    const dataDir = tempDir('liaison-log-full-');
    const backend = createBackend({ dataDir, log: () => undefined });
    try {
      await addRequests(backend, 1);
      // SQLite's own limit on the file's size: the next page it needs is refused with SQLITE_FULL.
      const pages = backend.db.pragma('page_count', { simple: true }) as number;
      backend.db.pragma(`max_page_count = ${pages}`);
      let r: Result<unknown> | undefined;
      for (let i = 0; i < 50; i++) {
        r = await backend.invoke('requests.create', requestInput(`Filling the disk ${i}`, 'y'.repeat(2000)));
        if (!r.ok) break;
      }
      expect(r).toMatchObject({ ok: false, error: { code: 'storage' } });
      if (r && !r.ok) expect(r.error.message).toMatch(/The disk is full.*Nothing was changed/);
      const counted = backend.services.store.count('request');
      backend.db.pragma('max_page_count = 1073741823');
      expect(backend.services.store.count('request')).toBe(counted);
    } finally {
      backend.close();
    }
  });
});
