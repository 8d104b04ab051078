import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultBackupDir, listBackups } from '../../../electron/backup/index';
import { DATABASE_FILE } from '../../../electron/db/open';
import { addRequests, damagePages, leafPages } from '../backup/helpers';
import { TEST_PASSPHRASE, TEST_WORK_FACTOR, useSessions } from '../helpers/session';
import { useTempDirs } from '../helpers/temp-dir';
import { unwrapWithPassphrase } from '../../../electron/vault/vault';
import { cliHarness, emptyDataDir, stdoutJson } from './harness';

// The backup commands wired into liaison-log: the session unlocks the folder (passphrase from the
// environment), closes the database keeping the key, and runBackupCommand does the rest.

const { run } = cliHarness({ prefix: 'liaison-log-cli-backup-secrets-' });

describe('liaison-log backup, restore, check', () => {
  const tempDir = useTempDirs();
  const open = useSessions();

  async function folderWith(count: number): Promise<string> {
    const dataDir = emptyDataDir(tempDir('liaison-log-cli-backup-'));
    expect((await run(['--data-dir', dataDir, 'stats'])).code).toBe(0); // sets the (empty) folder up
    const { session } = open({ dataDir, automaticBackups: false });
    if (!(await session.unlock(TEST_PASSPHRASE)).ok) expect.fail('unlock');
    await addRequests(session.backend()!, count);
    await session.lock();
    return dataDir;
  }

  async function count(dataDir: string): Promise<number> {
    const r = await run(['--data-dir', dataDir, 'stats', '--json']);
    return stdoutJson<{ informationRequests: number }>(r).informationRequests;
  }

  it('backup now, backup list, restore --from and check, through the unlock session', async () => {
    const dataDir = await folderWith(3);
    const made = await run(['--data-dir', dataDir, 'backup', 'now', '--json']);
    expect(made.code, made.stderr).toBe(0);
    const backup = stdoutJson<{ file: string; encrypted: boolean; kind: string }>(made);
    expect(backup).toMatchObject({ encrypted: true, kind: 'manual' });
    expect(path.dirname(backup.file)).toBe(defaultBackupDir(dataDir));

    const listed = await run(['--data-dir', dataDir, 'backup', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(path.basename(backup.file));

    const help = await run(['--help']);
    expect(help.stdout).toContain('restore --from FILE');

    // More data, then restore: the later records are gone, the replaced database is kept.
    const { session } = open({ dataDir, automaticBackups: false });
    if (!(await session.unlock(TEST_PASSPHRASE)).ok) expect.fail('unlock');
    await addRequests(session.backend()!, 2);
    await session.lock();
    expect(await count(dataDir)).toBe(5);
    const restored = await run(['--data-dir', dataDir, 'restore', '--from', backup.file]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/kept as .*liaison-log\.before-restore-/);
    expect(await count(dataDir)).toBe(3);

    const checked = await run(['--data-dir', dataDir, 'check']);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout).toContain('integrity check passed');
  });

  it('check finds a damaged database (which still unlocks) and exits 1; the wrong passphrase changes nothing', async () => {
    const dataDir = await folderWith(300);
    const file = path.join(dataDir, DATABASE_FILE);
    const { key } = await unwrapWithPassphrase(
      { dataDir, now: () => new Date(), workFactor: TEST_WORK_FACTOR },
      TEST_PASSPHRASE,
    );
    const leaves = leafPages(file, key, 'record');
    damagePages(file, [leaves[Math.floor(leaves.length / 2)] ?? 1]);
    const checked = await run(['--data-dir', dataDir, 'check']);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(/is damaged/);
    expect(checked.stdout).toMatch(/restore --from FILE/);

    const before = listBackups(defaultBackupDir(dataDir)).length;
    const wrong = await run(['--data-dir', dataDir, 'backup', 'now'], { LIAISON_LOG_PASSPHRASE: 'not the passphrase' });
    expect(wrong.code).toBe(1);
    expect(listBackups(defaultBackupDir(dataDir))).toHaveLength(before);
    expect(fs.existsSync(file)).toBe(true);
  });

  it('a new folder is not set up by a backup command', async () => {
    const dataDir = tempDir('liaison-log-cli-backup-new-');
    const r = await run(['--data-dir', dataDir, 'backup', 'now']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no passphrase yet/);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});
