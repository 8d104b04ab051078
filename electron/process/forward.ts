import { fail, ok, type Result } from '../../shared/contract/result';
import type { Progress } from '../../shared/contract/progress';
import { applyFileDialogs, CANCELLED_MESSAGE, type FileChooser } from '../files/dialogs';
import type { BackendHost } from './backend-host';

// What the host does with one call from the window, the same in Electron's main process and in the browser
// tests' bridge: the two channels the host answers itself (restarting the backend process), the file dialogs
// a channel needs, then the call forwarded to the backend process. No other logic lives in the host.

export interface ForwardOptions {
  readonly host: BackendHost;
  /** The host's dialogs (Electron's dialog module, or the tests' TestFileChooser). */
  readonly chooser: FileChooser;
}

export type ForwardCall = (
  channel: unknown,
  input: unknown,
  options?: { readonly signal?: AbortSignal; readonly onProgress?: (progress: Progress) => void },
) => Promise<Result<unknown>>;

export function createForwarder({ host, chooser }: ForwardOptions): ForwardCall {
  return async (channel, input, options = {}) => {
    if (channel === 'app.restartBackend') {
      // Only a stopped backend is restarted: a page cannot kill one that is working.
      if (host.state() === 'running') return ok({ restarted: true });
      await host.restart();
      return host.state() === 'running'
        ? ok({ restarted: true })
        : fail('backend_stopped', 'The backend process did not start again.');
    }
    if (host.state() !== 'running') return host.invoke(channel, input);
    const dialog = await applyFileDialogs(channel, input, chooser);
    if (dialog.cancelled) return fail('cancelled', CANCELLED_MESSAGE);
    return host.invoke(channel, input, { ...options, files: dialog.files });
  };
}
