import type { RestoreOutcome } from '../../../../shared/backup/schema';
import type { Result } from '../../../../shared/contract/result';
import { call } from '../../api/bridge';
import { base64ToBytes, downloadBlob, fileToBase64 } from '../../ui/files';

/**
 * Offers a backup to save elsewhere (a USB stick, the embassy's server), with the key files beside it:
 * the backup opens only with the database key, which key.age (passphrase) and key.recovery.age (recovery
 * keys) hold sealed, and vault.json says how they were sealed.
 */
export async function saveBackupCopy(
  fileName: string,
): Promise<{ ok: true; fileName: string } | { ok: false; message: string }> {
  const result = await call('backups.read', { fileName });
  if (!result.ok) return { ok: false, message: result.error.message };
  const save = (name: string, base64: string) =>
    downloadBlob(new Blob([base64ToBytes(base64)], { type: 'application/octet-stream' }), name);
  save(result.value.fileName, result.value.base64);
  for (const key of result.value.keyFiles) save(key.fileName, key.base64);
  return { ok: true, fileName: result.value.fileName };
}

export async function restoreFromList(fileName: string): Promise<Result<RestoreOutcome>> {
  return call('backups.restore', { fileName });
}

export async function restoreFromPickedFile(file: File): Promise<Result<RestoreOutcome>> {
  return call('backups.restore', { name: file.name, base64: await fileToBase64(file) });
}
