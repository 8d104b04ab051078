import fs from 'node:fs';
import path from 'node:path';
import { englishText, messageRef } from '../../shared/contract/messages';
import { createSession } from '../session/session';
import { runBackupCommand, type BackupCommandArgs } from './backup-commands';
import type { CliIo } from './io';
import { PASSPHRASE_ENV, type SessionCliContext } from './session-commands';

// `backup`, `restore`, `check` and `salvage` on the command line: the session unlocks the data folder (the
// passphrase from --passphrase-file or LIAISON_LOG_PASSPHRASE, as for every command) and then closes the
// database, keeping only the key, for runBackupCommand, which opens what it needs itself (a restore refuses
// an open database). A damaged database still unlocks (the session's 'damaged' state), so `check`,
// `restore` and `salvage` work on it. No automatic backup is made by these commands.

export const BACKUP_COMMAND_NAMES = new Set(['backup', 'restore', 'check', 'salvage']);

export async function runBackupCommandUnlocked(args: BackupCommandArgs, c: SessionCliContext): Promise<number> {
  const { nativeBinding } = c;
  const passphrase = readPassphrase(c);
  if (passphrase === undefined) return 2;
  const dataDir = path.resolve(c.dataDir);
  const session = createSession({
    dataDir,
    version: c.version,
    log: () => undefined,
    automaticBackups: false,
    ...(nativeBinding ? { nativeBinding } : {}),
    ...(c.kdfWorkFactor ? { kdfWorkFactor: c.kdfWorkFactor } : {}),
    ...(c.osKeyStore ? { osKeyStore: c.osKeyStore } : {}),
  });
  try {
    if (session.status().state === 'new') {
      return fail(c.io, englishText(messageRef('cli.no_passphrase_yet', { dataDir })));
    }
    const r = await session.unlock(passphrase);
    if (!r.ok) return fail(c.io, r.error.message);
    if (r.value.state === 'damaged')
      c.io.err(`liaison-log: ${r.value.damaged?.message ?? 'the database is damaged.'}\n`);
    return await session.withDatabaseClosed((key) =>
      runBackupCommand(args, { dataDir, key, ...(nativeBinding ? { nativeBinding } : {}) }, c.io),
    );
  } catch (error) {
    return fail(c.io, (error as Error).message);
  } finally {
    await session.lock();
  }
}

function fail(io: CliIo, message: string): number {
  io.err(`liaison-log: ${message}\n`);
  return 1;
}

function readPassphrase(c: SessionCliContext): string | undefined {
  const file = c.values['passphrase-file'];
  let value: string | undefined;
  if (file) {
    try {
      value = fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      c.io.err(`liaison-log: cannot read ${file}: ${(error as Error).message}\n`);
      return undefined;
    }
  } else value = c.env[PASSPHRASE_ENV];
  if (!value) {
    c.io.err(`liaison-log: the passphrase is needed: give --passphrase-file FILE or set ${PASSPHRASE_ENV}.\n`);
    return undefined;
  }
  return value;
}
