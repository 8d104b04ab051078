import type { GrantedFiles } from '../backend/dispatch';

// Files the officer picks travel as paths chosen in the host's own dialogs, never as base64 through IPC.
// The host (Electron's main process, or the browser test bridge standing in for it) calls applyFileDialogs
// before it forwards a call to the backend process: for a channel that writes or reads a file the officer
// chooses, it shows the dialog and grants the chosen path(s) to that one call.
// STUB: the file-transfer work fills this in (see shared/contract/file-dialogs.ts).

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

/** Shows the dialog the channel needs (if any) and returns the files granted to the call, or cancelled. */
export async function applyFileDialogs(
  _channel: unknown,
  _input: unknown,
  _chooser: FileChooser,
): Promise<DialogOutcome> {
  return Promise.resolve({ cancelled: false, files: {} });
}
