import { contextBridge, ipcRenderer } from 'electron';
import { isListedChannel, type BridgeApi } from '../../shared/contract/api';
import { IPC_CANCEL, IPC_INVOKE, IPC_PROGRESS } from '../../shared/contract/channel-name';
import type { Progress } from '../../shared/contract/progress';
import { fail } from '../../shared/contract/result';

// The whole preload: one small typed object. No ipcRenderer, no Node, no event objects reach the page, and
// only the contract's channel names reach the main process (the backend still validates every payload).
// tests/e2e/contract.spec.ts runs the built file (out/preload/index.cjs) against a stand-in for Electron.

/** What the page gets for a name that is not a contract channel: the backend's answer, without asking it. */
function unknownChannel(channel: unknown) {
  const name = typeof channel === 'string' ? JSON.stringify(channel.slice(0, 100)) : `of type ${typeof channel}`;
  return Promise.resolve(fail('unknown_channel', `There is no backend channel named ${name}.`));
}

const api: BridgeApi = {
  invoke: (channel, input) =>
    isListedChannel(channel) ? ipcRenderer.invoke(IPC_INVOKE, channel, input) : unknownChannel(channel),
  invokeTracked: (channel, input, callId) =>
    isListedChannel(channel) ? ipcRenderer.invoke(IPC_INVOKE, channel, input, callId) : unknownChannel(channel),
  cancel: (callId) => ipcRenderer.send(IPC_CANCEL, callId),
  onProgress: (listener) => {
    // Only the id and the progress go to the page, never the event (it would expose the sender).
    const relay = (_event: unknown, callId: unknown, progress: unknown) => {
      if (typeof callId === 'string') listener(callId, progress as Progress);
    };
    ipcRenderer.on(IPC_PROGRESS, relay);
    return () => {
      ipcRenderer.removeListener(IPC_PROGRESS, relay);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
