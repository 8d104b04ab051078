import { ipcMain } from 'electron';
import { IPC_CANCEL, IPC_INVOKE, IPC_PROGRESS } from '../../shared/contract/channel-name';
import { fail } from '../../shared/contract/result';
import type { ForwardCall } from '../process/forward';
import { isTrustedIpcEvent } from '../security/shell-policy';

/** A page's call id: a short token the page made (crypto.randomUUID), never trusted for anything else. */
function isCallId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(value);
}

/**
 * Wires the window's calls to the backend process, refusing calls from any frame but our own page. The main
 * process validates nothing else itself: the backend process checks every payload against the contract.
 * A call with a call id is a long one: its progress goes back to the page that asked, and the page may
 * cancel it.
 */
export function registerIpc(forward: ForwardCall): void {
  const running = new Map<string, AbortController>();
  ipcMain.handle(IPC_INVOKE, async (event, channel: unknown, input: unknown, callId: unknown) => {
    // A destroyed frame is null: no URL, not a main frame, refused.
    if (!isTrustedIpcEvent(event)) {
      return fail('forbidden', 'This call did not come from the Liaison Log window.');
    }
    if (!isCallId(callId)) return forward(channel, input);
    const key = `${String(event.sender.id)}:${callId}`;
    // An id already under way would lose its cancel: refused (the page makes a new random id per call).
    if (running.has(key)) return fail('conflict', 'A call with this id is already under way.');
    const abort = new AbortController();
    running.set(key, abort);
    try {
      return await forward(channel, input, {
        signal: abort.signal,
        onProgress: (progress) => {
          if (!event.sender.isDestroyed()) event.sender.send(IPC_PROGRESS, callId, progress);
        },
      });
    } finally {
      running.delete(key);
    }
  });
  ipcMain.on(IPC_CANCEL, (event, callId: unknown) => {
    if (!isTrustedIpcEvent(event) || !isCallId(callId)) return;
    running.get(`${String(event.sender.id)}:${callId}`)?.abort();
  });
}
