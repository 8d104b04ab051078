import type { BridgeApi } from '../../../shared/contract/api';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract/ipc';
import type { Progress } from '../../../shared/contract/progress';
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
  notify(result);
  return result;
}

/** Tells the session gate when an answer says the data is locked or the backend process stopped. */
function notify(result: Result<unknown>): void {
  if (!result.ok && result.error.code === 'locked') {
    for (const listener of lockedListeners) listener();
  }
  if (!result.ok && result.error.code === 'backend_stopped') {
    for (const listener of stoppedListeners) listener();
  }
}

/** A long call the page can follow and stop. */
export interface TrackedCall<T> {
  readonly result: Promise<Result<T>>;
  /** Asks the backend to stop; the call then answers `cancelled` (and has changed nothing). */
  cancel(): void;
}

/**
 * A long operation (import, backup, restore, reports): `onProgress` hears how far it has come, and the caller
 * may cancel it. Answers like `call`.
 */
export function callTracked<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
  onProgress: (progress: Progress) => void,
): TrackedCall<ChannelOutput<C>> {
  const api = bridge();
  const callId = crypto.randomUUID();
  const stop = api.onProgress((id, progress) => {
    if (id === callId) onProgress(progress);
  });
  const result = api
    .invokeTracked(channel, input, callId)
    .then((answer) => {
      notify(answer);
      return answer;
    })
    .finally(stop);
  return { result, cancel: () => api.cancel(callId) };
}

/** Whether the page has a backend at all (it has none when opened outside Liaison Log). */
export function hasBackend(): boolean {
  return window.api !== undefined;
}
