import type { Channel, ChannelInput, ChannelOutput } from './ipc';
import type { Result } from './result';

/** What the preload exposes as `window.api` (and what the browser test bridge imitates). */
export interface BridgeApi {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
}
