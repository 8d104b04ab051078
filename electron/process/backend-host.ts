import type { BridgeApi } from '../../shared/contract/api';
import type { Progress } from '../../shared/contract/progress';
import { fail, type Result } from '../../shared/contract/result';
import type { CallOptions } from '../backend/dispatch';
import type { OsKeyStore } from '../vault/os-key-store';
import type { BackendChild, BackendInit, ControlOp, FromBackend, SpawnBackend } from './protocol';

// The host's side of the backend process (protocol.ts): it starts the process through an injected spawn
// function (Electron's utilityProcess in the app, child_process.fork under Node), forwards calls, relays
// progress, cancels, answers the backend's OS key store requests, and notices when the process dies. It does
// no work of its own: no SQLite, no scrypt, no file of the data folder. It imports nothing from Electron.

export const BACKEND_STOPPED_MESSAGE =
  'The part of Liaison Log that keeps the data stopped unexpectedly. Everything that was saved is safe. ' +
  'Restart it to continue.';

export interface BackendHostOptions {
  readonly spawn: SpawnBackend;
  /** The start-up options, except the key store's status, which the host fills in from `osKeyStore`. */
  readonly init: Omit<BackendInit, 'osKeyStore'>;
  readonly osKeyStore?: OsKeyStore | undefined;
  readonly log?: (message: string, error?: unknown) => void;
  /** What the backend process logged as errors (the app prints them; the browser tests fail on them). */
  readonly onBackendLog?: (message: string, detail: string) => void;
  /** The installation's language, when the backend starts and after it may have changed. */
  readonly onLanguage?: (language: 'en' | 'nl') => void;
}

export interface HostCallOptions extends CallOptions {
  readonly onProgress?: (progress: Progress) => void;
}

export type BackendState = 'running' | 'stopped';

export interface BackendHost {
  /** Any channel, any payload (the IPC handler and the test bridge pass untrusted input straight on). */
  invoke(channel: unknown, input: unknown, options?: HostCallOptions): Promise<Result<unknown>>;
  /** The same, typed from the contract, for trusted callers (tests, the benchmark). */
  readonly call: BridgeApi['invoke'];
  control(op: ControlOp): Promise<unknown>;
  state(): BackendState;
  readonly pid: number | undefined;
  /** Starts a new backend process after the last one stopped (or kills and replaces a running one). */
  restart(): Promise<void>;
  /** Locks the session (closing the database) and ends the process. */
  stop(): Promise<void>;
  /** After every lock of the session, whatever caused it. */
  onLocked(listener: () => void): () => void;
  /** When the backend process ended without being asked to. */
  onStopped(listener: (why: string) => void): () => void;
  /** Resolves once the current process has taken its init frame. */
  ready(): Promise<void>;
}

interface Pending {
  resolve(result: Result<unknown>): void;
  onProgress?: ((progress: Progress) => void) | undefined;
}

export function createBackendHost(options: BackendHostOptions): BackendHost {
  const log = options.log ?? ((message, error) => console.error(message, error));
  const keyStore = options.osKeyStore;
  const lockedListeners = new Set<() => void>();
  const stoppedListeners = new Set<(why: string) => void>();
  let child: BackendChild | undefined;
  let state: BackendState = 'stopped';
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const controls = new Map<number, (value: unknown) => void>();
  let readyPromise: Promise<void> = Promise.resolve();
  let stopping = false;
  // One restart at a time: a second caller shares the first one's (two would race for the old process's exit).
  let restarting: Promise<void> | undefined;
  // Shell log lines that arrived while no backend ran (e.g. "the backend stopped"): sent after the next start.
  const heldLogs: ControlOp[] = [];

  function init(): BackendInit {
    return {
      ...options.init,
      osKeyStore: keyStore ? { name: keyStore.name, available: keyStore.available() } : null,
    };
  }

  /** Starts a backend process; resolves when it has taken its init frame (or has ended). */
  function launch(): Promise<void> {
    const current = options.spawn();
    child = current;
    state = 'running';
    stopping = false;
    let markReady: () => void = () => undefined;
    readyPromise = new Promise((resolve) => (markReady = resolve));
    current.onFrame((frame) => {
      if (child !== current) return;
      if (frame.type === 'ready') markReady();
      else receive(current, frame);
    });
    current.onExit((code, signal) => {
      if (child !== current) return;
      child = undefined;
      state = 'stopped';
      markReady();
      // Nothing acknowledged is lost (every answered write was committed with synchronous=FULL); calls still
      // waiting get a clear answer instead of hanging.
      for (const [id, call] of pending) {
        pending.delete(id);
        call.resolve(fail('backend_stopped', BACKEND_STOPPED_MESSAGE));
      }
      for (const [id, resolve] of controls) {
        controls.delete(id);
        resolve(false);
      }
      if (stopping) return;
      const why = signal ? `signal ${signal}` : `exit code ${String(code)}`;
      log(`The backend process stopped (${why})`);
      for (const listener of stoppedListeners) listener(why);
    });
    current.send({ type: 'init', init: init() });
    for (const op of heldLogs.splice(0)) current.send({ type: 'control', id: nextId++, control: op });
    return readyPromise;
  }

  function receive(current: BackendChild, frame: FromBackend): void {
    switch (frame.type) {
      case 'progress':
        pending.get(frame.id)?.onProgress?.(frame.progress);
        return;
      case 'result': {
        const call = pending.get(frame.id);
        pending.delete(frame.id);
        call?.resolve(frame.result);
        return;
      }
      case 'controlResult': {
        const resolve = controls.get(frame.id);
        controls.delete(frame.id);
        resolve?.(frame.value);
        return;
      }
      case 'locked':
        for (const listener of lockedListeners) listener();
        return;
      case 'keyStore':
        answerKeyStore(current, frame.id, frame.op, frame.bytes);
        return;
      case 'logged':
        options.onBackendLog?.(frame.message, frame.detail);
        return;
      case 'language':
        options.onLanguage?.(frame.language);
        return;
      case 'ready':
      case 'closed':
        return;
    }
  }

  function answerKeyStore(current: BackendChild, id: number, op: 'encrypt' | 'decrypt', bytes: Uint8Array): void {
    const run = async (): Promise<Buffer> => {
      if (!keyStore) throw new Error('This computer offers no OS key store to Liaison Log.');
      const input = Buffer.from(bytes);
      return op === 'encrypt' ? keyStore.encrypt(input) : keyStore.decrypt(input);
    };
    run().then(
      (out) => current.send({ type: 'keyStoreAnswer', id, bytes: new Uint8Array(out) }),
      (error: unknown) =>
        current.send({ type: 'keyStoreAnswer', id, error: error instanceof Error ? error.message : String(error) }),
    );
  }

  const invoke: BackendHost['invoke'] = (channel, input, callOptions = {}) => {
    const current = child;
    if (!current || state !== 'running') return Promise.resolve(fail('backend_stopped', BACKEND_STOPPED_MESSAGE));
    const id = nextId++;
    const { signal } = callOptions;
    if (signal?.aborted) return Promise.resolve(fail('cancelled', 'The operation was cancelled. Nothing was changed.'));
    return new Promise((resolve) => {
      pending.set(id, { resolve, onProgress: callOptions.onProgress });
      signal?.addEventListener('abort', () => {
        if (pending.has(id)) current.send({ type: 'cancel', id });
      });
      try {
        current.send({
          type: 'call',
          id,
          channel,
          input,
          ...(callOptions.files ? { files: callOptions.files } : {}),
          ...(keyStore ? { keyStoreAvailable: keyStore.available() } : {}),
        });
      } catch (error) {
        // A payload structured clone cannot carry (a function, a symbol): refused like any contract break.
        pending.delete(id);
        resolve(fail('invalid_input', `The request to ${describe(channel)} cannot be sent: ${String(error)}`));
      }
    });
  };

  const control: BackendHost['control'] = (op) => {
    const current = child;
    if (!current || state !== 'running') {
      if (op.op === 'log' && heldLogs.length < 100) heldLogs.push(op);
      return Promise.resolve(false);
    }
    const id = nextId++;
    return new Promise((resolve) => {
      controls.set(id, resolve);
      current.send({ type: 'control', id, control: op });
    });
  };

  async function stop(): Promise<void> {
    const current = child;
    if (!current) return;
    stopping = true;
    const exited = new Promise<void>((resolve) => current.onExit(() => resolve()));
    current.send({ type: 'shutdown' });
    // A backend that does not close within the time limit is ended: the database is crash-safe (WAL, FULL).
    const timer = setTimeout(() => current.kill(), 10_000);
    await exited;
    clearTimeout(timer);
  }

  void launch();

  async function restartOnce(): Promise<void> {
    if (child) {
      stopping = true;
      const current = child;
      const exited = new Promise<void>((resolve) => current.onExit(() => resolve()));
      current.kill();
      await exited;
    }
    await launch();
  }

  return {
    invoke,
    call: invoke as BridgeApi['invoke'],
    control,
    state: () => state,
    get pid() {
      return child?.pid;
    },
    restart: () => {
      restarting ??= restartOnce().finally(() => {
        restarting = undefined;
      });
      return restarting;
    },
    stop,
    onLocked: (listener) => {
      lockedListeners.add(listener);
      return () => lockedListeners.delete(listener);
    },
    onStopped: (listener) => {
      stoppedListeners.add(listener);
      return () => stoppedListeners.delete(listener);
    },
    ready: () => readyPromise,
  };
}

function describe(channel: unknown): string {
  return typeof channel === 'string' ? channel.slice(0, 100) : 'the backend';
}
