/**
 * The single Electron IPC name under which every contract call travels; the contract channel is the first
 * argument. Kept apart from ipc.ts so the preload bundle does not pull in the schemas.
 */
export const IPC_INVOKE = 'liaison-log:invoke';
