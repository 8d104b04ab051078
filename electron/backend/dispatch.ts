import type { z } from 'zod';
import { contract, isChannel, type Channel, type ChannelOutput, type Contract } from '../../shared/contract/ipc';
import { fail, type Result } from '../../shared/contract/result';
import { fieldProblems } from '../../shared/validation/field-problems';
import type { Progress } from '../../shared/contract/progress';
import { describeStorageError } from '../db/storage-errors';

/**
 * Files the officer chose in a dialog that the host (Electron's main process, or the test bridge standing in
 * for it) showed for this call. Paths never come from the renderer: the host fills these in after its own
 * dialog, so a page can only ever reach a file the officer picked.
 */
export interface GrantedFiles {
  /** Where to write: the path the officer chose in a save dialog. */
  readonly save?: string;
  /** What to read: the paths the officer chose in an open dialog. */
  readonly open?: readonly string[];
}

/** What a handler gets besides its input: cancellation, a way to report progress, and granted files. */
export interface CallContext {
  /** Aborted when the caller cancels; a long handler checks it between steps and leaves nothing changed. */
  readonly signal: AbortSignal;
  /** Reports how far the operation has come (sent to the window as a progress event). */
  progress(progress: Progress): void;
  readonly files: GrantedFiles;
}

/** What a trusted caller (the host, the command line, tests) may pass with a call. */
export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: Progress) => void;
  readonly files?: GrantedFiles;
}

export type Handlers = {
  [C in Channel]: (
    input: z.output<Contract[C]['input']>,
    context: CallContext,
  ) => Result<ChannelOutput<C>> | Promise<Result<ChannelOutput<C>>>;
};

export type Invoke = (channel: unknown, payload: unknown, options?: CallOptions) => Promise<Result<unknown>>;

/** Thrown (or rejected) by a long operation that stopped because its signal was aborted. */
export class CancelledError extends Error {
  constructor(message = 'The operation was cancelled. Nothing was changed.') {
    super(message);
    this.name = 'CancelledError';
  }
}

/** Throws CancelledError if the call was cancelled: long handlers call it between steps. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new CancelledError();
}

const NEVER_ABORTED = new AbortController().signal;

/** The context of a call with the given options (a trusted caller's call without options gets a quiet one). */
export function callContext(options: CallOptions = {}): CallContext {
  return {
    signal: options.signal ?? NEVER_ABORTED,
    progress: options.onProgress ?? (() => undefined),
    files: options.files ?? {},
  };
}

/** How a dispatcher treats what its handlers answer. */
export interface DispatchOptions {
  /**
   * Parse every successful answer with its channel's `output` schema; a mismatch becomes an `internal` error
   * naming the channel and the path (and is logged), so a handler that answers the wrong shape fails where it
   * is tested instead of confusing the renderer. On unless a caller says otherwise: tests, the command line
   * and `npm start` get it without asking; the shipped app's backend process turns it off for speed (an
   * explicit `false` from its start-up, never a guess from NODE_ENV). The value sent is the handler's own,
   * never the parsed copy, so checking changes nothing but the failure.
   */
  readonly checkOutputs?: boolean;
}

/** Thrown to the internal-error log when a handler's answer does not match its channel's output schema. */
export class OutputMismatchError extends Error {
  constructor(
    readonly channel: Channel,
    readonly problems: readonly { readonly path: string; readonly message: string }[],
  ) {
    super(
      `The answer of ${channel} does not match the contract: ` +
        problems.map((p) => `${p.path}: ${p.message}`).join('; '),
    );
    this.name = 'OutputMismatchError';
  }
}

/** The first few problems of a failed output parse, each with its dotted path (`value` for the whole answer). */
function outputProblems(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 5).map((issue) => ({
    path: ['value', ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/**
 * The validated entry to the backend, shared by Electron's IPC, the browser test bridge and the CLI:
 * unknown channels and payloads that break the contract are answered with `ok: false` before any handler
 * (and so any database write) runs. Unexpected exceptions become a generic `internal` error so that
 * stack traces and SQL never reach the renderer; a write the disk refused (full, read-only, no permission)
 * becomes `storage` with a message that says which, where (`dataDir`), and that nothing was changed (every
 * handler's write is one transaction or one atomic file write).
 */
export function createDispatcher(
  handlers: Handlers,
  onInternalError: (e: unknown) => void,
  dataDir?: string,
  options: DispatchOptions = {},
): Invoke {
  const checkOutputs = options.checkOutputs ?? true;
  return async (channel, payload, options) => {
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
    const context = callContext(options);
    if (context.signal.aborted) return fail('cancelled', new CancelledError().message);
    try {
      const handler = handlers[channel] as (input: unknown, context: CallContext) => Promise<Result<unknown>>;
      const result = await handler(parsed.data, context);
      if (!checkOutputs || !result.ok) return result;
      const checked = contract[channel].output.safeParse(result.value);
      if (checked.success) return result;
      const mismatch = new OutputMismatchError(channel, outputProblems(checked.error));
      onInternalError(mismatch);
      return fail('internal', `${mismatch.message}.`);
    } catch (error) {
      if (error instanceof CancelledError) return fail('cancelled', error.message);
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
