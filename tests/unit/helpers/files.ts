import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Invoke } from '../../../electron/backend/dispatch';
import { applyFileDialogs, type FileChooser } from '../../../electron/files/dialogs';
import type { Result } from '../../../shared/contract/result';

export function sha256File(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * Saves through a save channel as the window does: the host's dialog (here a chooser that takes the
 * suggested name in a temporary folder) grants the path, then the backend writes there. Answers what the
 * dialog suggested, the backend's answer and the file's bytes.
 */
export async function saveThroughDialog(
  invoke: Invoke,
  channel: string,
  input: unknown,
): Promise<{ suggestedName: string; result: Result<unknown>; bytes: Buffer | null }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-saved-'));
  try {
    let suggestedName = '';
    const chooser: FileChooser = {
      chooseSave: (request) => {
        suggestedName = request.suggestedName;
        return Promise.resolve(path.join(dir, request.suggestedName));
      },
      chooseOpen: () => Promise.reject(new Error('expected a save dialog')),
    };
    const outcome = await applyFileDialogs(channel, input, chooser);
    if (outcome.cancelled) throw new Error('the test chooser never cancels');
    const result = await invoke(channel, input, { files: outcome.files });
    const target = outcome.files.save;
    const bytes = result.ok && target && fs.existsSync(target) ? fs.readFileSync(target) : null;
    return { suggestedName, result, bytes };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
