import { ipcMain } from 'electron';
import { IPC_INVOKE } from '../../shared/contract/channel-name';
import { fail } from '../../shared/contract/result';
import type { Invoke } from '../backend/dispatch';
import { isTrustedIpcSender } from '../security/shell-policy';

/** Wires the contract's dispatcher to Electron IPC, refusing calls from any frame but our own page. */
export function registerIpc(invoke: Invoke): void {
  ipcMain.handle(IPC_INVOKE, (event, channel: unknown, input: unknown) => {
    // A destroyed frame is null: no URL, not a main frame, refused.
    const frame = event.senderFrame;
    if (!isTrustedIpcSender(frame?.url, frame?.parent === null)) {
      return fail('forbidden', 'This call did not come from the Liaison Log window.');
    }
    return invoke(channel, input);
  });
}
