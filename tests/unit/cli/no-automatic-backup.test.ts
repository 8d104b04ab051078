import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/create-backend';
import { createBackup, defaultBackupDir, listBackups } from '../../../electron/backup/index';
import { useTempDirs } from '../helpers/temp-dir';
import { cliHarness, emptyDataDir } from './harness';

// The command line makes no automatic backup (electron/session/session.ts, SessionOptions.automaticBackups): its
// commands are short, and `check` and `restore` must see the folder as the officer left it. A folder where a
// backup is long due (none was ever made) goes through set-up, every kind of command that opens the data, and
// the backup commands that only look; the backups folder stays as it was.

const { runArgs: run } = cliHarness({ prefix: 'liaison-log-cli-nobackup-secrets-' });

describe('the command line and automatic backups', () => {
  const tempDir = useTempDirs();

  it('no command makes an automatic backup, though one is due all along', async () => {
    const dataDir = emptyDataDir(tempDir('liaison-log-cli-nobackup-'));
    const backups = defaultBackupDir(dataDir);
    const files = () => (fs.existsSync(backups) ? fs.readdirSync(backups) : []);
    const commands = [
      ['stats'], // sets the new folder up
      ['init', '--role', 'post', '--post-id', 'NL-BOG', '--post-name', 'Bogotá', '--officer', 'A. Officer'],
      ['demo', '--records', '40', '--seed', '3'],
      ['stats', '--breakdown', '--json'],
      ['backup', 'list'],
      ['check'],
    ];
    for (const argv of commands) {
      const r = await run('--data-dir', dataDir, ...argv);
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
      expect(files(), argv.join(' ')).toEqual([]);
    }
    expect(listBackups(backups)).toEqual([]);
  });

  it('encrypting a folder from before encryption replaces its unencrypted backups, but not by an automatic one', async () => {
    const dataDir = tempDir('liaison-log-cli-nobackup-plain-');
    const backups = defaultBackupDir(dataDir);
    const plain = createBackend({ dataDir, log: () => undefined });
    try {
      createBackup(plain.db, { dir: backups, now: new Date(Date.now() - 3_600_000), kind: 'auto' });
    } finally {
      plain.close();
    }
    expect(listBackups(backups).map((b) => b.encrypted)).toEqual([false]);

    const r = await run('--data-dir', dataDir, 'stats'); // sets the passphrase up: the database is encrypted
    expect(r.code, r.stderr).toBe(0);
    const after = listBackups(backups);
    // The unencrypted copy is gone, replaced by an encrypted backup that the rotation of automatic backups
    // never touches and that does not count as the last automatic backup.
    expect(after.filter((b) => !b.encrypted)).toEqual([]);
    expect(after.filter((b) => b.kind === 'auto')).toEqual([]);
    expect(after.map((b) => ({ kind: b.kind, label: b.label, encrypted: b.encrypted }))).toEqual([
      { kind: 'manual', label: 'replaces-unencrypted', encrypted: true },
    ]);
    expect(fs.readdirSync(backups).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});
