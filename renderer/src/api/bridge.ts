import type { BridgeApi } from '../../../shared/contract/api';

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

export const call: BridgeApi['invoke'] = (channel, input) => bridge().invoke(channel, input);
