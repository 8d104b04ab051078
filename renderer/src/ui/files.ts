import type { Result } from '../../../shared/contract/result';
import { problemText } from '../i18n/lookup';

// Files never travel through the page: a button calls its channel, the window's host shows its own save or
// open dialog, and the backend writes or reads the file there (shared/contract/file-dialogs.ts). The page
// learns only where the file went, to tell the officer. A cancelled dialog answers `cancelled`: say nothing.

export type SaveOutcome =
  | { readonly ok: true; readonly path: string }
  | { readonly ok: false; readonly cancelled: true }
  | { readonly ok: false; readonly cancelled: false; readonly message: string };

/** What a save channel's answer means for the page: where it saved, that the officer cancelled, or why not. */
export function saveOutcome(result: Result<{ savedTo: string }>): SaveOutcome {
  if (result.ok) return { ok: true, path: result.value.savedTo };
  if (result.error.code === 'cancelled') return { ok: false, cancelled: true };
  return { ok: false, cancelled: false, message: problemText(result.error) };
}
