import { contextBridge, ipcRenderer } from 'electron';
import type { BridgeApi } from '../../shared/contract/api';
import { IPC_CANCEL, IPC_INVOKE, IPC_PROGRESS } from '../../shared/contract/channel-name';
import type { Progress } from '../../shared/contract/progress';

// The whole preload: one small typed object. No ipcRenderer, no Node, no event objects reach the page.
const api: BridgeApi = {
  invoke: (channel, input) => ipcRenderer.invoke(IPC_INVOKE, channel, input),
  invokeTracked: (channel, input, callId) => ipcRenderer.invoke(IPC_INVOKE, channel, input, callId),
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
