import type { BridgeApi } from '../../../shared/contract/api';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract/ipc';
import type { Result } from '../../../shared/contract/result';

// The renderer's only way to the backend: the object the preload exposes (or, in browser tests, the
// Playwright bridge to the same backend). Typed from the shared contract.

declare global {
  interface Window {
    api?: BridgeApi;
  }
}

function bridge(): BridgeApi {
  if (!window.api) throw new Error('The Liaison Log backend is not connected (window.api is missing).');
  return window.api;
}

const lockedListeners = new Set<() => void>();
const stoppedListeners = new Set<() => void>();

/**
 * Called whenever a call is answered `backend_stopped`: the backend process ended (it crashed, or the
 * operating system ended it), so the session gate offers to restart it.
 */
export function onBackendStopped(listener: () => void): () => void {
  stoppedListeners.add(listener);
  return () => stoppedListeners.delete(listener);
}

/**
 * Called whenever the backend answers `locked`: the data was locked behind the page's back (idle time, the
 * OS locking the screen, another window), so the session gate takes the app off the screen.
 */
export function onLockedAnswer(listener: () => void): () => void {
  lockedListeners.add(listener);
  return () => lockedListeners.delete(listener);
}

export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  const result = await bridge().invoke(channel, input);
  if (!result.ok && result.error.code === 'locked') {
    for (const listener of lockedListeners) listener();
  }
  if (!result.ok && result.error.code === 'backend_stopped') {
    for (const listener of stoppedListeners) listener();
  }
  return result;
}

/** Whether the page has a backend at all (it has none when opened outside Liaison Log). */
export function hasBackend(): boolean {
  return window.api !== undefined;
}
