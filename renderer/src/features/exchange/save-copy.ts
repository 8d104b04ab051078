import { call } from '../../api/bridge';
import { base64ToBytes, downloadBlob } from '../../ui/files';

/** Offers a copy of an export file to save elsewhere (a USB stick, a mail attachment). */
export async function saveExportCopy(
  exportId: string,
): Promise<{ ok: true; fileName: string } | { ok: false; message: string }> {
  const result = await call('exports.read', { exportId });
  if (!result.ok) return { ok: false, message: result.error.message };
  const blob = new Blob([base64ToBytes(result.value.base64)], { type: 'application/octet-stream' });
  downloadBlob(blob, result.value.fileName);
  return { ok: true, fileName: result.value.fileName };
}
