import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/create-backend';
import { integrityCheck } from '../../../electron/db/integrity';
import { openDatabase } from '../../../electron/db/open';
import { describeStorageError } from '../../../electron/db/storage-errors';
import { dumpDatabase } from '../helpers/db-dump';
import { sha256File } from '../helpers/files';
import { listDir, useTempDirs } from '../helpers/temp-dir';
import { addRequests, databaseFile, openBackend, requestInput } from '../backup/helpers';
import { bundleChildScript } from '../crash/bundle';
import { onTmpfs, privateMountsAvailable, runFaultChild, withFileSizeLimit } from './run-child';

// A full disk while writing: the database, an atomic file write (exports, reports), an export, a backup.
// Every case must end with a specific message, no half-written file, and the database intact. The disk
// is really full: SQLite's own limit (max_page_count gives a real SQLITE_FULL), a tiny tmpfs in a private
// mount namespace (ENOSPC), or a file size limit (EFBIG) where mount namespaces are not available.

const mounts = privateMountsAvailable();

describe('a full disk', () => {
  const tempDir = useTempDirs();
  let child: string;
  let dispose: (() => void) | undefined;

  beforeAll(async () => {
    ({ file: child, dispose } = await bundleChildScript(path.join(import.meta.dirname, 'fault-child.ts')));
  }, 60_000);
  afterAll(() => dispose?.());

  it('during a database write (SQLITE_FULL): the write is refused whole and the database is unchanged', async () => {
    const key = crypto.randomBytes(32);
    const dataDir = tempDir();
    const logged: unknown[] = [];
    const live = createBackend({ dataDir, key, log: (_m, e) => logged.push(e) });
    try {
      await addRequests(live, 5);
      const before = dumpDatabase(live.db);
      // No page beyond those the database has now: the next page it needs is "disk full".
      live.db.pragma(`max_page_count = ${live.db.pragma('page_count', { simple: true }) as number}`);
      const r = await live.invoke('requests.create', requestInput('does not fit', 'n'.repeat(9_000)));
      expect(r.ok).toBe(false);
      expect((logged[0] as { code?: string }).code).toBe('SQLITE_FULL');
      expect(describeStorageError(logged[0], 'the new request', dataDir)?.message).toBe(
        `The disk is full: the new request could not be written to ${dataDir}. Nothing was changed; ` +
          `free some space and try again.`,
      );
      expect(dumpDatabase(live.db)).toEqual(before);
      expect(integrityCheck(live.db)).toEqual({ ok: true });
      // With room again, the same write goes through.
      live.db.pragma('max_page_count = 1073741823');
      expect((await live.invoke('requests.create', requestInput('fits now', 'n'.repeat(9_000)))).ok).toBe(true);
    } finally {
      live.close();
    }
  });

  it.skipIf(!mounts)('under a database on a full tmpfs: every acknowledged write survives, none is torn', async () => {
    const key = crypto.randomBytes(32);
    const mount = tempDir();
    const { result } = await runFaultChild(
      child,
      'db-full',
      { dataDir: path.join(mount, 'data'), keyHex: key.toString('hex'), fillerBytes: 300_000 },
      { wrap: onTmpfs(mount, '2m') },
    );
    expect(result['acked']).toBeGreaterThan(0);
    expect(result['failure']).toMatchObject({ ok: false });
    expect(result['explained']).toMatch(
      /^The disk is full: the new request could not be written to .*Nothing was changed/,
    );
    // The refused writes left nothing behind; after space was freed everything acknowledged is there.
    expect(result['countAfterFailure']).toBe(result['acked']);
    expect(result['countAfterRetry']).toBe(result['acked']);
    expect(result).toMatchObject({ allAckedPresent: true, integrity: { ok: true }, torn: 0 });
    expect(result['stored']).toBe(result['acked']);
  });

  it.skipIf(!mounts)(
    'during an atomic file write and a real export: no half-written file, nothing logged',
    async () => {
      const mount = tempDir();
      const atomic = await runFaultChild(
        child,
        'atomic',
        { outDir: mount, bytes: 1_000_000 },
        { wrap: onTmpfs(mount, '256k') },
      );
      expect(atomic.result).toMatchObject({ written: false, name: 'StorageError', code: 'ENOSPC', listing: [] });
      expect(atomic.result['message']).toMatch(/^The disk is full: liaison-log_export\.llbundle could not be written/);

      const key = crypto.randomBytes(32);
      const exported = await runFaultChild(
        child,
        'export',
        { root: tempDir(), outDir: mount, keyHex: key.toString('hex') },
        { wrap: onTmpfs(mount, '128k') },
      );
      expect(exported.result).toMatchObject({ exported: false, name: 'StorageError', listing: [], history: 0 });
      expect(exported.result['message']).toMatch(
        /^The disk is full: liaison-log_BOGOTA_.*\.llbundle could not be written/,
      );
    },
  );

  it.skipIf(!mounts)('during a backup: no backup and no temporary file, the database untouched', async () => {
    const key = crypto.randomBytes(32);
    const dataDir = tempDir();
    const backend = openBackend(dataDir, key);
    await addRequests(backend, 30, 'FULL', 'x'.repeat(5_000));
    backend.close();
    const hash = sha256File(databaseFile(dataDir));
    const mount = tempDir();
    const { result } = await runFaultChild(
      child,
      'backup',
      { dataDir, outDir: mount, keyHex: key.toString('hex') },
      { wrap: onTmpfs(mount, '64k') },
    );
    expect(result).toMatchObject({ made: false, name: 'StorageError', listing: [] });
    expect(result['message']).toBe(
      `The disk is full: the backup could not be written to ${mount}. Nothing was changed; free some space and try again.`,
    );
    expectIntact(dataDir, key, hash, 30);
  });

  it('past a file size limit (EFBIG, as on a FAT USB stick): same guarantees, with or without mount namespaces', async () => {
    const key = crypto.randomBytes(32);
    const dataDir = tempDir();
    const backend = openBackend(dataDir, key);
    await addRequests(backend, 30, 'FULL', 'x'.repeat(5_000));
    backend.close();
    const out = tempDir();
    const limit = withFileSizeLimit(100_000);

    const atomic = await runFaultChild(child, 'atomic', { outDir: out, bytes: 1_000_000 }, { wrap: limit });
    expect(atomic.result).toMatchObject({ written: false, name: 'StorageError', code: 'EFBIG' });
    expect(atomic.result['message']).toMatch(/^The file is too large for the disk at .*Nothing was changed/);
    expect(listDir(out)).toEqual([]);

    // The database itself is larger than the limit, so the backup cannot be written (the database can
    // still be read and written where it is: the limit only stops files from growing past it).
    const hash = sha256File(databaseFile(dataDir));
    expect(fs.statSync(databaseFile(dataDir)).size).toBeGreaterThan(100_000);
    const backup = await runFaultChild(
      child,
      'backup',
      { dataDir, outDir: out, keyHex: key.toString('hex') },
      { wrap: limit },
    );
    expect(backup.result).toMatchObject({ made: false, listing: [] });
    expect(backup.result['message']).toMatch(/could not be written to .*Nothing was changed/);
    expect(listDir(out)).toEqual([]);
    expectIntact(dataDir, key, hash, 30);
  });
});

function expectIntact(dataDir: string, key: Buffer, hash: string, records: number): void {
  expect(sha256File(databaseFile(dataDir))).toBe(hash);
  const db = openDatabase(databaseFile(dataDir), { key });
  try {
    expect(integrityCheck(db)).toEqual({ ok: true });
    expect((db.prepare('SELECT count(*) AS n FROM record').get() as { n: number }).n).toBe(records);
  } finally {
    db.close();
  }
}
