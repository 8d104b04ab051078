import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrityCheck } from '../../../electron/db/integrity';
import { openDatabase } from '../../../electron/db/open';
import { sha256File } from '../helpers/files';
import { listDir, useTempDirs } from '../helpers/temp-dir';
import { addRequests, databaseFile, openBackend } from '../backup/helpers';
import { bundleChildScript } from '../crash/bundle';
import { canSwitchUser, onReadOnlyMount, privateMountsAvailable, runFaultChild } from './run-child';

// A data folder Liaison Log cannot write to: opening gives a message that says so, and nothing in the
// folder changes. Tests run as root, whom a folder's permissions do not stop, so the child runs as user
// 65534 (nobody); a really read-only disk (EROFS) is a read-only bind mount in a private mount namespace.

const mounts = privateMountsAvailable();

describe('a data folder that cannot be written', () => {
  const tempDir = useTempDirs();
  let child: string;
  let dispose: (() => void) | undefined;

  beforeAll(async () => {
    ({ file: child, dispose } = await bundleChildScript(path.join(import.meta.dirname, 'fault-child.ts')));
  }, 60_000);
  afterAll(() => dispose?.());

  /** A data folder with records, readable by everyone, writable only by its owner (root). */
  async function dataFolder(key: Buffer): Promise<{ dataDir: string; fingerprint: () => unknown }> {
    const root = tempDir('liaison-log-readonly-');
    const dataDir = path.join(root, 'data');
    const backend = openBackend(dataDir, key);
    await addRequests(backend, 10);
    backend.close();
    fs.chmodSync(root, 0o755);
    fs.chmodSync(dataDir, 0o755);
    for (const f of listDir(dataDir)) fs.chmodSync(path.join(dataDir, f), 0o644);
    const fingerprint = () => ({
      files: listDir(dataDir),
      hashes: listDir(dataDir).map((f) => sha256File(path.join(dataDir, f))),
    });
    return { dataDir, fingerprint };
  }

  function expectIntact(dataDir: string, key: Buffer): void {
    const db = openDatabase(databaseFile(dataDir), { key });
    try {
      expect(integrityCheck(db)).toEqual({ ok: true });
      expect((db.prepare('SELECT count(*) AS n FROM record').get() as { n: number }).n).toBe(10);
    } finally {
      db.close();
    }
  }

  it.skipIf(!canSwitchUser)('as a user without write permission: a clear message, and nothing changes', async () => {
    const key = crypto.randomBytes(32);
    const { dataDir, fingerprint } = await dataFolder(key);
    const before = fingerprint();
    const { result } = await runFaultChild(child, 'open', { dataDir, keyHex: key.toString('hex') }, { uid: 65534 });
    expect(result).toMatchObject({ opened: false, kind: 'storage' });
    expect(result['explained']).toBe(
      `Liaison Log may not write to ${dataDir}, so the database could not be written. Nothing was changed. ` +
        `Check the folder's permissions.`,
    );
    expect(fingerprint()).toEqual(before);
    expectIntact(dataDir, key);
  });

  it.skipIf(!mounts)('on a read-only disk (EROFS): a clear message, and nothing changes', async () => {
    const key = crypto.randomBytes(32);
    const { dataDir, fingerprint } = await dataFolder(key);
    const before = fingerprint();
    const { result } = await runFaultChild(
      child,
      'open',
      { dataDir, keyHex: key.toString('hex') },
      { wrap: onReadOnlyMount(dataDir) },
    );
    expect(result).toMatchObject({ opened: false, kind: 'storage' });
    expect(result['explained']).toMatch(new RegExp(`^${dataDir} is read-only: .*Nothing was changed`));
    expect(fingerprint()).toEqual(before);
    expectIntact(dataDir, key);
  });

  it.skipIf(!mounts)('a backup or export into a read-only folder fails clearly and leaves nothing there', async () => {
    const key = crypto.randomBytes(32);
    const { dataDir } = await dataFolder(key);
    const target = tempDir('liaison-log-readonly-target-');
    fs.chmodSync(target, 0o755);
    const backup = await runFaultChild(
      child,
      'backup',
      { dataDir, outDir: target, keyHex: key.toString('hex') },
      { wrap: onReadOnlyMount(target) },
    );
    expect(backup.result).toMatchObject({ made: false, name: 'StorageError', listing: [] });
    expect(backup.result['message']).toMatch(
      /is read-only: the backup could not be written there\. Nothing was changed/,
    );

    const atomic = await runFaultChild(
      child,
      'atomic',
      { outDir: target, bytes: 1000 },
      { wrap: onReadOnlyMount(target) },
    );
    expect(atomic.result).toMatchObject({ written: false, name: 'StorageError', code: 'EROFS', listing: [] });
    expect(listDir(target)).toEqual([]);
    expectIntact(dataDir, key);
  });
});
