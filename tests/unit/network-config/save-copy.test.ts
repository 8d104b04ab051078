import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';
import { callWithFiles } from '../../../electron/files/trusted';
import { ConfigCopyError, createNetworkConfig } from '../../../electron/network-config/service';
import { sha256Hex } from '../../../electron/exchange/fingerprint';
import { dumpDatabase } from '../helpers/db-dump';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir';
import { initHq, initPost, ok } from '../exchange/helpers';

// "Save a copy as…" of a published network configuration (issue 14 leftovers): HQ publishes twice into its data
// folder; a copy of each version, written where the officer chose, holds exactly the stored file's bytes. A
// version never published, a stored file gone or changed, a post, or no file granted by the host: refused by
// stable code, and nothing written.

let root: string;
let hq: Backend;
let published: { version: number; file: string; sha256: string }[];

beforeAll(async () => {
  root = makeTempDir('liaison-log-config-copy-');
  hq = createBackend({ dataDir: path.join(root, 'hq') });
  await initHq(hq);
  published = [];
  for (const priorities of [['cocaine'], ['cocaine', 'migrant_smuggling']]) {
    const draft = { priorities, calendar: [], minimumLevel: 'aggregate' as const, validDays: 365, objectives: [] };
    published.push(await ok(hq.call('networkConfig.publish', { draft })));
  }
}, 60_000);

afterAll(() => {
  if (hq.db.open) hq.close();
  removeTempDir(root);
});

/** A new, empty folder for the copies of one test. */
function folder(name: string): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir);
  return dir;
}

describe('networkConfig.saveCopy', () => {
  test('a copy of version 1 and of version 2 holds the bytes of the published files', async () => {
    expect(published.map((p) => p.version)).toEqual([1, 2]);
    const out = folder('usb');
    for (const p of published) {
      const target = path.join(out, `liaison-log-config-v${p.version}.llconfig`);
      const saved = await ok(
        callWithFiles(hq.invoke, 'networkConfig.saveCopy', { version: p.version }, { save: target }),
      );
      const stored = fs.readFileSync(p.file);
      const copy = fs.readFileSync(target);
      expect(copy.equals(stored)).toBe(true);
      expect(saved).toEqual({
        savedTo: target,
        fileName: `liaison-log-config-v${p.version}.llconfig`,
        version: p.version,
        bytes: stored.byteLength,
        sha256: p.sha256,
      });
      expect(sha256Hex(copy)).toBe(p.sha256);
      // Readable by its owner only, as every file the app writes.
      expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    }
    // The two versions are different files; no temporary file is left behind.
    expect(
      fs.readFileSync(path.join(out, 'liaison-log-config-v1.llconfig')).equals(fs.readFileSync(published[1]!.file)),
    ).toBe(false);
    expect(fs.readdirSync(out).sort()).toEqual(['liaison-log-config-v1.llconfig', 'liaison-log-config-v2.llconfig']);
  });

  test('without a version, the newest is saved', async () => {
    const target = path.join(folder('newest'), 'copy.llconfig');
    const saved = await ok(callWithFiles(hq.invoke, 'networkConfig.saveCopy', {}, { save: target }));
    expect(saved.version).toBe(2);
    expect(fs.readFileSync(target).equals(fs.readFileSync(published[1]!.file))).toBe(true);
  });

  test('an unknown version is refused as not found, by its stable code, and nothing is written', async () => {
    const out = folder('unknown');
    const before = dumpDatabase(hq.db);
    const r = await callWithFiles(
      hq.invoke,
      'networkConfig.saveCopy',
      { version: 3 },
      { save: path.join(out, 'v3.llconfig') },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('not_found');
    expect(r.error.reason).toEqual({ code: 'config.copy.unknown_version', params: { version: 3 } });
    expect(r.error.message).toBe('There is no published configuration version 3. Nothing was saved.');
    expect(fs.readdirSync(out)).toEqual([]);
    expect(dumpDatabase(hq.db)).toEqual(before);
    // The service says the same to a trusted caller (the command line).
    const config = createNetworkConfig(hq.db, { now: () => new Date(), dataDir: path.join(root, 'hq') });
    expect(() => config.saveCopy(7, path.join(out, 'v7.llconfig'))).toThrow(ConfigCopyError);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  test('a stored file changed after publishing is refused, and so is one gone; nothing is written', async () => {
    const out = folder('changed');
    const stored = published[0]!.file;
    const original = fs.readFileSync(stored);
    try {
      const altered = original.toString('utf8').replace('cocaine', 'heroin');
      expect(altered).not.toBe(original.toString('utf8'));
      fs.writeFileSync(stored, altered);
      const changed = await callWithFiles(
        hq.invoke,
        'networkConfig.saveCopy',
        { version: 1 },
        { save: path.join(out, 'a') },
      );
      expect(changed.ok ? 'ok' : [changed.error.code, changed.error.reason?.code]).toEqual([
        'conflict',
        'config.copy.file_changed',
      ]);
      fs.rmSync(stored);
      const gone = await callWithFiles(
        hq.invoke,
        'networkConfig.saveCopy',
        { version: 1 },
        { save: path.join(out, 'b') },
      );
      expect(gone.ok ? 'ok' : [gone.error.code, gone.error.reason?.code]).toEqual([
        'not_found',
        'config.copy.file_gone',
      ]);
      expect(fs.readdirSync(out)).toEqual([]);
    } finally {
      fs.writeFileSync(stored, original);
    }
  });

  test('without a file granted by the host the call is forbidden; a folder that cannot hold it is said', async () => {
    const none = await hq.call('networkConfig.saveCopy', { version: 1 });
    expect(none.ok ? 'ok' : none.error.code).toBe('forbidden');
    // A path under a file: the disk's refusal, by its stable code, nothing left behind.
    const out = folder('not-a-folder');
    fs.writeFileSync(path.join(out, 'file'), 'x');
    const r = await callWithFiles(
      hq.invoke,
      'networkConfig.saveCopy',
      { version: 1 },
      { save: path.join(out, 'file', 'copy.llconfig') },
    );
    expect(r.ok ? 'ok' : [r.error.code, r.error.reason?.code]).toEqual(['storage', 'file.write.not_a_folder']);
    expect(fs.readdirSync(out)).toEqual(['file']);
  });

  test('a post publishes nothing and saves no copy', async () => {
    const post = createBackend({ dataDir: path.join(root, 'post') });
    try {
      await initPost(post, 'BOG');
      const out = folder('post-copies');
      const r = await callWithFiles(post.invoke, 'networkConfig.saveCopy', {}, { save: path.join(out, 'c.llconfig') });
      expect(r.ok ? 'ok' : [r.error.code, r.error.reason?.code]).toEqual(['conflict', 'config.wrong_role.post']);
      expect(fs.readdirSync(out)).toEqual([]);
    } finally {
      post.close();
    }
  });
});
