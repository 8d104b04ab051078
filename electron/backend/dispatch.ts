import type { z } from 'zod';
import { contract, isChannel, type Channel, type ChannelOutput, type Contract } from '../../shared/contract/ipc';
import { fail, type Result } from '../../shared/contract/result';
import { fieldProblems } from '../../shared/validation/field-problems';
import { describeStorageError } from '../db/storage-errors';

export type Handlers = {
  [C in Channel]: (
    input: z.output<Contract[C]['input']>,
  ) => Result<ChannelOutput<C>> | Promise<Result<ChannelOutput<C>>>;
};

export type Invoke = (channel: unknown, payload: unknown) => Promise<Result<unknown>>;

/**
 * The validated entry to the backend, shared by Electron's IPC, the browser test bridge and the CLI:
 * unknown channels and payloads that break the contract are answered with `ok: false` before any handler
 * (and so any database write) runs. Unexpected exceptions become a generic `internal` error so that
 * stack traces and SQL never reach the renderer; a write the disk refused (full, read-only, no permission)
 * becomes `storage` with a message that says which, where (`dataDir`), and that nothing was changed (every
 * handler's write is one transaction or one atomic file write).
 */
export function createDispatcher(handlers: Handlers, onInternalError: (e: unknown) => void, dataDir?: string): Invoke {
  return async (channel, payload) => {
    if (!isChannel(channel)) {
      // Never JSON.stringify the raw value: a BigInt or a cyclic object (both cross IPC) would throw here.
      const name = typeof channel === 'string' ? JSON.stringify(channel.slice(0, 100)) : `of type ${typeof channel}`;
      return fail('unknown_channel', `There is no backend channel named ${name}.`);
    }
    if (!isPlainPayload(payload)) {
      const message = `The request to ${channel} must be a plain object.`;
      return fail('invalid_input', message, { _: { code: 'invalid_type', message } });
    }
    const parsed = contract[channel].input.safeParse(payload, { reportInput: true });
    if (!parsed.success) {
      return fail('invalid_input', `The request to ${channel} is not valid.`, fieldProblems(parsed.error));
    }
    try {
      const handler = handlers[channel] as (input: unknown) => Result<unknown> | Promise<Result<unknown>>;
      return await handler(parsed.data);
    } catch (error) {
      onInternalError(error);
      const storage = dataDir === undefined ? undefined : describeStorageError(error, 'the change', dataDir);
      if (storage) return fail('storage', storage.message);
      return fail('internal', 'Something went wrong inside Liaison Log. Nothing was saved.');
    }
  };
}

/** Only what structured cloning of plain data gives: no class instances, and no inherited properties. */
function isPlainPayload(payload: unknown): boolean {
  if (payload === undefined) return true;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return false;
  const proto: unknown = Object.getPrototypeOf(payload);
  return proto === Object.prototype || proto === null;
}
