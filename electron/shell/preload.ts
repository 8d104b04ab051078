import { contextBridge, ipcRenderer } from 'electron';
import type { BridgeApi } from '../../shared/contract/api';
import { IPC_INVOKE } from '../../shared/contract/channel-name';

// The whole preload: one small typed object. No ipcRenderer, no Node, no event objects reach the page.
const api: BridgeApi = {
  invoke: (channel, input) => ipcRenderer.invoke(IPC_INVOKE, channel, input),
};

contextBridge.exposeInMainWorld('api', api);
