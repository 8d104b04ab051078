import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { restoreBackup, verifyBackup } from '../../../electron/backup/index';
import {
  assertHealthy,
  classifyOpenError,
  DamagedDatabaseError,
  integrityCheck,
  quickCheck,
  salvageReadable,
  SalvageError,
} from '../../../electron/db/integrity';
import { LATEST_SCHEMA_VERSION } from '../../../electron/db/migrations/index';
import { openDatabase } from '../../../electron/db/open';
import { sha256File } from '../helpers/files';
import { listDir, useTempDirs } from '../helpers/temp-dir';
import {
  addRequests,
  damagePages,
  databaseFile,
  expectNeedsKey,
  KEY_MODES,
  MARKER,
  openBackend,
  leafPages,
  rawOpen,
} from './helpers';

/** A closed database with `count` requests whose notes fill several pages each few records. */
async function filledDatabase(dataDir: string, key: Buffer | undefined, count: number): Promise<string[]> {
  const backend = openBackend(dataDir, key);
  try {
    return await addRequests(backend, count, MARKER, 'n'.repeat(300));
  } finally {
    backend.close();
  }
}

describe.each(KEY_MODES)('integrity of an $name database', ({ key: makeKey }) => {
  const tempDir = useTempDirs();

  it('passes quick_check and integrity_check when healthy', async () => {
    const key = makeKey();
    const dataDir = tempDir();
    await filledDatabase(dataDir, key, 20);
    const db = openDatabase(databaseFile(dataDir), { key });
    try {
      expect(quickCheck(db)).toEqual({ ok: true });
      expect(integrityCheck(db)).toEqual({ ok: true });
      expect(() => assertHealthy(db, databaseFile(dataDir))).not.toThrow();
    } finally {
      db.close();
    }
  });

  it('finds real damage (pages overwritten with garbage) and names both ways out', async () => {
    const key = makeKey();
    const dataDir = tempDir();
    await filledDatabase(dataDir, key, 300);
    const file = databaseFile(dataDir);
    const leaves = leafPages(file, key, 'record');
    damagePages(file, [leaves[Math.floor(leaves.length / 3)] ?? 1, leaves[Math.floor((leaves.length * 2) / 3)] ?? 1]);
    const hash = sha256File(file);

    const db = openDatabase(file, { key });
    try {
      const report = quickCheck(db);
      expect(report.ok).toBe(false);
      let caught: unknown;
      try {
        assertHealthy(db, file);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DamagedDatabaseError);
      const damaged = caught as DamagedDatabaseError;
      expect(damaged.recovery).toEqual(['restore_backup', 'salvage']);
      expect(damaged.message).toMatch(/is damaged/);
      expect(damaged.message).toMatch(/Nothing was deleted or changed/);
      expect(damaged.message).toMatch(/restore a backup/);
      expect(damaged.message).toMatch(/salvage/);
    } finally {
      db.close();
    }
    // Checking never repairs, moves or deletes anything.
    expect(sha256File(file)).toBe(hash);
    expect(listDir(dataDir)).toEqual(['liaison-log.db']);
  });

  it('salvages every readable row into a fresh database, counts what was lost, and never touches the original', async () => {
    const key = makeKey();
    const dataDir = tempDir();
    const ids = await filledDatabase(dataDir, key, 400);
    const file = databaseFile(dataDir);
    // Three leaves of the record table: one alone, two next to each other.
    const leaves = leafPages(file, key, 'record');
    const at = (f: number) => leaves[Math.floor(leaves.length * f)] ?? 1;
    damagePages(file, [at(0.25), at(0.5), at(0.5) + 1]);
    const hash = sha256File(file);
    const outDir = tempDir();
    const outFile = path.join(outDir, 'salvaged.db');

    const report = salvageReadable({ file, key, outFile });
    expect(sha256File(file)).toBe(hash);
    expect(listDir(dataDir)).toEqual(['liaison-log.db']);
    expect(listDir(outDir)).toEqual(['salvaged.db']); // no work files left behind
    expect(report.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(report.complete).toBe(false);
    expect(report.rebuiltDerivedTables).toBe(true);

    const record = report.tables.find((t) => t.table === 'record');
    expect(record?.copied).toBeGreaterThan(300);
    expect(record?.lost).toBeGreaterThan(0);
    // What was copied and what was lost add up to what there was.
    expect((record?.copied ?? 0) + (record?.lost ?? 0)).toBe(ids.length);
    expect(report.tables.find((t) => t.table === 'taxonomy_term')?.complete).toBe(true);

    // The result is a whole Liaison Log database: same key, passes the checks, restorable like a backup.
    if (key) expectNeedsKey(outFile);
    expect(verifyBackup(outFile, key)).toEqual({ ok: true, schemaVersion: LATEST_SCHEMA_VERSION });
    const out = rawOpen(outFile, key);
    try {
      const salvaged = out.prepare<[], { id: string }>('SELECT id FROM record').all();
      expect(salvaged).toHaveLength(record?.copied ?? -1);
      expect(salvaged.every((r) => ids.includes(r.id))).toBe(true);
      // The search index is rebuilt from the records, so search finds every salvaged one.
      const found = out
        .prepare<[], { n: number }>("SELECT count(*) AS n FROM record_search WHERE record_search MATCH 'backup'")
        .get();
      expect(found?.n).toBe(record?.copied);
    } finally {
      out.close();
    }

    const target = tempDir();
    const restored = restoreBackup({ dataDir: target, backupFile: outFile, key, now: new Date() });
    expect(restored.kept).toBeNull();
    const backend = openBackend(target, key);
    try {
      const page = await backend.invoke('requests.list', {});
      expect(page.ok && (page.value as { total: number }).total).toBe(record?.copied);
    } finally {
      backend.close();
    }
  });

  it('salvages an undamaged database completely', async () => {
    const key = makeKey();
    const dataDir = tempDir();
    const ids = await filledDatabase(dataDir, key, 30);
    const outFile = path.join(tempDir(), 'copy.db');
    const report = salvageReadable({ file: databaseFile(dataDir), key, outFile });
    expect(report.complete).toBe(true);
    expect(report.lost).toBe(0);
    expect(report.tables.find((t) => t.table === 'record')?.copied).toBe(ids.length);
  });

  it('refuses to overwrite, and says so when nothing at all can be read', async () => {
    const key = makeKey();
    const dataDir = tempDir();
    await filledDatabase(dataDir, key, 5);
    const outDir = tempDir();
    const existing = path.join(outDir, 'exists.db');
    fs.writeFileSync(existing, 'keep me');
    expect(() => salvageReadable({ file: databaseFile(dataDir), key, outFile: existing })).toThrow(/already exists/);
    expect(fs.readFileSync(existing, 'utf8')).toBe('keep me');

    damagePages(databaseFile(dataDir), [0]);
    const outFile = path.join(outDir, 'nothing.db');
    expect(() => salvageReadable({ file: databaseFile(dataDir), key, outFile })).toThrow(SalvageError);
    expect(listDir(outDir)).toEqual(['exists.db']);
  });
});

describe('classifyOpenError', () => {
  const tempDir = useTempDirs();

  it('calls an unreadable file damaged when the key is known to be right', async () => {
    const key = crypto.randomBytes(32);
    const dataDir = tempDir();
    await filledDatabase(dataDir, key, 3);
    damagePages(databaseFile(dataDir), [0]);
    let caught: unknown;
    try {
      openDatabase(databaseFile(dataDir), { key }).close();
    } catch (error) {
      caught = error;
    }
    const known = classifyOpenError(caught, databaseFile(dataDir));
    expect(known?.kind).toBe('damaged');
    expect(known?.error.message).toMatch(/restore a backup/);
    expect(classifyOpenError(new Error('something else'), databaseFile(dataDir))).toBeUndefined();
  });
});
