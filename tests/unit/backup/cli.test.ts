import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultBackupDir, listBackups } from '../../../electron/backup/index';
import { BACKUP_COMMANDS_HELP, runBackupCommand } from '../../../electron/cli/backup-commands';
import { listDir, useTempDirs } from '../helpers/temp-dir';
import { addRequests, damagePages, databaseFile, expectNeedsKey, openBackend, leafPages, recordIds } from './helpers';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

const NOW = () => new Date('2026-05-04T10:00:00.000Z');

describe('runBackupCommand', () => {
  const tempDir = useTempDirs();

  async function folder(key: Buffer, count = 3): Promise<{ dataDir: string; ids: string[] }> {
    const dataDir = tempDir();
    const backend = openBackend(dataDir, key);
    try {
      return { dataDir, ids: await addRequests(backend, count, 'CLI MARKER', 'x'.repeat(300)) };
    } finally {
      backend.close();
    }
  }

  it('backs up now (to the backups folder or a chosen one), lists, checks and restores', async () => {
    const key = crypto.randomBytes(32);
    const { dataDir, ids } = await folder(key);
    const target = { dataDir, key, now: NOW };

    let c = io();
    expect(runBackupCommand({ positionals: ['backup', 'now'], values: {} }, target, c.io)).toBe(0);
    expect(c.out()).toMatch(
      /^Backed up to .*liaison-log-manual-20260504T100000Z-s\d+\.db \(\d+ bytes, encrypted\)\.\n$/,
    );
    const [made] = listBackups(defaultBackupDir(dataDir));
    expectNeedsKey(made?.file ?? '');

    const chosen = path.join(tempDir(), 'usb stick');
    c = io();
    expect(
      runBackupCommand({ positionals: ['backup', 'now'], values: { out: chosen, json: true } }, target, c.io),
    ).toBe(0);
    const json = JSON.parse(c.out()) as { file: string; encrypted: boolean; kind: string };
    expect(json).toMatchObject({ encrypted: true, kind: 'manual' });
    expect(path.dirname(json.file)).toBe(chosen);

    c = io();
    expect(runBackupCommand({ positionals: ['backup', 'list'], values: {} }, target, c.io)).toBe(0);
    expect(c.out()).toContain(made?.fileName);
    c = io();
    expect(runBackupCommand({ positionals: ['backup', 'list', chosen], values: { json: true } }, target, c.io)).toBe(0);
    expect((JSON.parse(c.out()) as unknown[]).length).toBe(1);

    c = io();
    expect(runBackupCommand({ positionals: ['check'], values: {} }, target, c.io)).toBe(0);
    expect(c.out()).toMatch(/integrity check passed/);

    // Write more, then restore the earlier backup.
    const backend = openBackend(dataDir, key);
    await addRequests(backend, 2);
    backend.close();
    c = io();
    expect(runBackupCommand({ positionals: ['restore'], values: { from: json.file } }, target, c.io)).toBe(0);
    expect(c.out()).toMatch(
      /^Restored .* The database it replaced was kept as .*before-restore-20260504T100000Z\.db\.\n$/,
    );
    expect(recordIds(databaseFile(dataDir), key)).toEqual([...ids].sort());
  });

  it('reports damage with the ways out, and salvages into a new file', async () => {
    const key = crypto.randomBytes(32);
    const { dataDir } = await folder(key, 200);
    const file = databaseFile(dataDir);
    const leaves = leafPages(file, key, 'record');
    damagePages(file, [leaves[Math.floor(leaves.length / 2)] ?? 1]);
    const target = { dataDir, key, now: NOW };

    let c = io();
    expect(runBackupCommand({ positionals: ['check'], values: {} }, target, c.io)).toBe(1);
    expect(c.out()).toMatch(/is damaged/);
    expect(c.out()).toMatch(/restore --from FILE/);
    expect(c.out()).toMatch(/salvage --out FILE/);

    const outFile = path.join(tempDir(), 'readable.db');
    c = io();
    expect(runBackupCommand({ positionals: ['salvage'], values: { out: outFile } }, target, c.io)).toBe(0);
    expect(c.out()).toMatch(
      /^Copied \d+ rows into .*readable\.db\. Some rows could not be read:\n {2}record: \d+ copied, \d+ lost/,
    );
    expect(fs.existsSync(outFile)).toBe(true);
  });

  it('fails clearly: usage, no database, a backup from another key', async () => {
    const key = crypto.randomBytes(32);
    const empty = tempDir();
    let c = io();
    expect(runBackupCommand({ positionals: ['backup'], values: {} }, { dataDir: empty, key }, c.io)).toBe(2);
    expect(c.err()).toMatch(/usage/);
    c = io();
    expect(runBackupCommand({ positionals: ['restore'], values: {} }, { dataDir: empty, key }, c.io)).toBe(2);
    c = io();
    expect(runBackupCommand({ positionals: ['backup', 'now'], values: {} }, { dataDir: empty, key }, c.io)).toBe(1);
    expect(c.err()).toMatch(/there is no database/);
    expect(listDir(empty)).toEqual([]); // nothing was created

    const { dataDir } = await folder(key);
    const other = await folder(crypto.randomBytes(32));
    // The wrong key (or none): the database cannot be opened, so no backup is made and no folder appears.
    for (const wrong of [undefined, crypto.randomBytes(32)]) {
      const out = path.join(tempDir(), 'x');
      c = io();
      expect(
        runBackupCommand(
          { positionals: ['backup', 'now'], values: { out } },
          { dataDir: other.dataDir, key: wrong, now: NOW },
          c.io,
        ),
      ).toBe(1);
      expect(c.err()).toMatch(/damaged or the file was replaced by another installation's database/);
      expect(fs.existsSync(out)).toBe(false);
    }

    const ownBackup = tempDir();
    runBackupCommand(
      { positionals: ['backup', 'now'], values: { out: ownBackup } },
      { dataDir, key, now: NOW },
      io().io,
    );
    const [own] = listBackups(ownBackup);
    c = io();
    expect(
      runBackupCommand(
        { positionals: ['restore'], values: { from: own?.file } },
        { dataDir: other.dataDir, key: crypto.randomBytes(32), now: NOW },
        c.io,
      ),
    ).toBe(1);
    expect(c.err()).toMatch(/made with another key.*Nothing was changed/);
  });

  it('documents every command in its help text', () => {
    for (const command of ['backup now', 'backup list', 'restore --from FILE', 'check', 'salvage --out FILE']) {
      expect(BACKUP_COMMANDS_HELP).toContain(command);
    }
  });
});
