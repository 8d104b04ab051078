import { call } from '../../api/bridge';

/**
 * Saves key.recovery.age where the officer chooses (the window's host shows its own save dialog and the
 * backend writes the file), to send to HQ when the passphrase is forgotten. The file holds the database key
 * sealed to HQ's keys and the personal recovery key: without one of those, it opens nothing.
 * `fileName` is the full path written, to show the officer; a cancelled dialog answers `cancelled` (say nothing).
 */
export async function saveRecoveryFile(): Promise<
  { ok: true; fileName: string } | { ok: false; message: string; cancelled?: boolean }
> {
  const result = await call('session.saveRecoveryFile', {});
  if (!result.ok) return { ok: false, message: result.error.message, cancelled: result.error.code === 'cancelled' };
  return { ok: true, fileName: result.value.savedTo };
}
