import type { Channel, ChannelInput, ChannelOutput } from './ipc';
import type { Progress } from './progress';
import type { Result } from './result';

/** What the preload exposes as `window.api` (and what the browser test bridge imitates). */
export interface BridgeApi {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  /**
   * The same call, for a long operation (import, backup, restore, reports): it reports its progress under
   * `callId` to `onProgress` listeners and stops, answering `cancelled`, when `cancel(callId)` is called.
   */
  invokeTracked<C extends Channel>(
    channel: C,
    input: ChannelInput<C>,
    callId: string,
  ): Promise<Result<ChannelOutput<C>>>;
  cancel(callId: string): void;
  /** Progress of tracked calls. Returns the unsubscribe. */
  onProgress(listener: (callId: string, progress: Progress) => void): () => void;
}
