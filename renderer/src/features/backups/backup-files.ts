import type { RestoreOutcome } from '../../../../shared/backup/schema';
import type { Result } from '../../../../shared/contract/result';
import { call } from '../../api/bridge';
import { saveOutcome, type SaveOutcome } from '../../ui/files';

/**
 * Saves a copy of a backup elsewhere (a USB stick, the embassy's server), with the key files beside it: the
 * backup opens only with the database key, which key.age (passphrase) and key.recovery.age (recovery keys)
 * hold sealed, and vault.json says how they were sealed. The window's host asks for a folder (its own
 * dialog); the backend copies the files into a new folder there, named after the backup.
 */
export async function saveBackupCopy(fileName: string): Promise<SaveOutcome> {
  return saveOutcome(await call('backups.saveCopy', { fileName }));
}

export async function restoreFromList(fileName: string): Promise<Result<RestoreOutcome>> {
  return call('backups.restore', { fileName });
}

/** Restores a backup file the officer chooses in the host's open dialog (copied by the backend, never read here). */
export async function restoreFromChosenFile(): Promise<Result<RestoreOutcome>> {
  return call('backups.restore', { pickFile: true });
}
