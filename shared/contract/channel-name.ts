/**
 * The single Electron IPC name under which every contract call travels; the contract channel is the first
 * argument. Kept apart from ipc.ts so the preload bundle does not pull in the schemas.
 */
export const IPC_INVOKE = 'liaison-log:invoke';
/** Main -> page: how far a long call (given a call id) has come. */
export const IPC_PROGRESS = 'liaison-log:progress';
/** Page -> main: stop the long call with this id. */
export const IPC_CANCEL = 'liaison-log:cancel';
