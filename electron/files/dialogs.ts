import type { z } from 'zod';
import { FILE_DIALOGS } from '../../shared/contract/file-dialogs';
import { contract, isChannel } from '../../shared/contract/ipc';
import type { GrantedFiles } from '../backend/dispatch';

// Files the officer picks travel as paths chosen in the host's own dialogs, never as base64 through IPC.
// The host (Electron's main process, or the browser test bridge standing in for it) calls applyFileDialogs
// before it forwards a call to the backend process: for a channel that writes or reads a file the officer
// chooses, it shows the dialog and grants the chosen path(s) to that one call.
// Which channels need which dialog is declared once, in shared/contract/file-dialogs.ts.

export interface SaveDialogRequest {
  readonly suggestedName: string;
  readonly filters: readonly { readonly name: string; readonly extensions: readonly string[] }[];
}

export interface OpenDialogRequest {
  readonly multiple: boolean;
  readonly directory?: boolean;
  readonly filters: readonly { readonly name: string; readonly extensions: readonly string[] }[];
}

/** The host's dialogs: null when the officer cancelled. */
export interface FileChooser {
  chooseSave(request: SaveDialogRequest): Promise<string | null>;
  chooseOpen(request: OpenDialogRequest): Promise<readonly string[] | null>;
}

export type DialogOutcome = { readonly cancelled: true } | { readonly cancelled: false; readonly files: GrantedFiles };

/**
 * Shows the dialog the channel needs (if any) and returns the files granted to the call, or cancelled.
 * The input is checked against the contract first: a malformed call gets no dialog (and nothing granted),
 * and the backend then refuses it as invalid input. The dialog's suggested name and filters come from
 * FILE_DIALOGS; nothing the page sends can name a path.
 */
export async function applyFileDialogs(channel: unknown, input: unknown, chooser: FileChooser): Promise<DialogOutcome> {
  const none: DialogOutcome = { cancelled: false, files: {} };
  if (!isChannel(channel)) return none;
  const spec = FILE_DIALOGS[channel];
  if (!spec) return none;
  const parsed = (contract[channel].input as z.ZodType).safeParse(input);
  if (!parsed.success) return none;
  const value = parsed.data as never;
  if (spec.kind === 'save') {
    const filters = typeof spec.filters === 'function' ? spec.filters(value) : spec.filters;
    const chosen = await chooser.chooseSave({ suggestedName: spec.suggestedName(value), filters });
    return chosen === null ? { cancelled: true } : { cancelled: false, files: { save: chosen } };
  }
  if (spec.when && !spec.when(value)) return none;
  const chosen = await chooser.chooseOpen({
    multiple: spec.multiple,
    ...(spec.directory ? { directory: true } : {}),
    filters: spec.filters,
  });
  if (chosen === null || chosen.length === 0) return { cancelled: true };
  return { cancelled: false, files: { open: spec.multiple ? [...chosen] : chosen.slice(0, 1) } };
}

/** The answer a host gives (without calling the backend) when the officer cancelled the dialog. */
export const CANCELLED_MESSAGE = 'The officer cancelled the dialog. Nothing was saved or opened.';
