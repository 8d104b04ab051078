import { call } from '../../api/bridge';
import { base64ToBytes, downloadBlob } from '../../ui/files';

/**
 * Offers key.recovery.age to save, to send to HQ when the passphrase is forgotten. The file holds the
 * database key sealed to HQ's keys and the personal recovery key: without one of those, it opens nothing.
 */
export async function saveRecoveryFile(): Promise<{ ok: true; fileName: string } | { ok: false; message: string }> {
  const result = await call('session.recoveryFile', {});
  if (!result.ok) return { ok: false, message: result.error.message };
  downloadBlob(
    new Blob([base64ToBytes(result.value.base64)], { type: 'application/octet-stream' }),
    result.value.fileName,
  );
  return { ok: true, fileName: result.value.fileName };
}
