import { call } from '../../api/bridge';
import { saveOutcome, type SaveOutcome } from '../../ui/files';

/**
 * Saves a copy of an export file where the officer chooses (a USB stick, a mail attachment folder): the
 * window's host shows its save dialog, suggesting the export's own file name, and the backend copies the file.
 */
export async function saveExportCopy(entry: { exportId: string; fileName: string }): Promise<SaveOutcome> {
  return saveOutcome(await call('exports.saveCopy', { exportId: entry.exportId, fileName: entry.fileName }));
}
