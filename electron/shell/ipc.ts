import { ipcMain } from 'electron';
import { IPC_INVOKE } from '../../shared/contract/channel-name';
import { fail } from '../../shared/contract/result';
import type { ForwardCall } from '../process/forward';
import { isTrustedIpcSender } from '../security/shell-policy';

/**
 * Wires the window's calls to the backend process, refusing calls from any frame but our own page. The main
 * process validates nothing else itself: the backend process checks every payload against the contract.
 */
export function registerIpc(forward: ForwardCall): void {
  ipcMain.handle(IPC_INVOKE, (event, channel: unknown, input: unknown) => {
    // A destroyed frame is null: no URL, not a main frame, refused.
    const frame = event.senderFrame;
    if (!isTrustedIpcSender(frame?.url, frame?.parent === null)) {
      return fail('forbidden', 'This call did not come from the Liaison Log window.');
    }
    return forward(channel, input);
  });
}
