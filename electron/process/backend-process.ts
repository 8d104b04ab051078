import { fail } from '../../shared/contract/result';
import { describeError } from '../logging/describe';
import { createLogger, type Logger } from '../logging/logger';
import { createSession, type Session } from '../session/session';
import type { OsKeyStore } from '../vault/os-key-store';
import type { BackendInit, ControlOp, FromBackend, ParentPort, ToBackend } from './protocol';

// The backend process's side of the protocol (protocol.ts): one unlock session on one data folder, answering
// the host's frames. Everything slow (scrypt, SQLite, backups, imports, reports) happens here, so the host's
// event loop (Electron's main process, which paints every window) never waits for it.

/** Calls after which the installation's language may have changed. */
const LANGUAGE_CHANNELS = new Set(['settings.update', 'session.setup', 'session.unlock', 'session.recover']);

/** How often a long call may report its progress to the host. */
export const PROGRESS_INTERVAL_MS = 100;

/** How long quitting waits for the maintenance worker to end its step (less than the host's ten seconds). */
const SETTLE_MS = 8_000;

export interface BackendProcessOptions {
  /** Also told what the session logs (besides the data folder's log file and the host), e.g. stderr. */
  readonly log?: (message: string, error?: unknown) => void;
  /** Called after the shutdown frame, once the session is locked and the database closed. */
  readonly exit?: (code: number) => void;
}

export function serveBackend(port: ParentPort, options: BackendProcessOptions = {}): void {
  const echo = options.log ?? ((message, error) => console.error(message, error));
  // The data folder's log file, once the host has said which folder (the init frame).
  let logger: Logger | undefined;
  const log = (message: string, error?: unknown): void => {
    echo(message, error);
    logger?.write('error', 'backend', 'backend.error', message, error);
    port.post({ type: 'logged', message, detail: error === undefined ? '' : describeError(error).summary });
  };
  const exit = options.exit ?? ((code) => process.exit(code));
  let session: Session | undefined;
  const running = new Map<number, AbortController>();
  const keyStoreWaiters = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();
  let nextKeyStoreId = 1;
  // Frames that arrived before init (the host may send calls right after spawning): answered in order after it.
  const early: ToBackend[] = [];

  const post = (frame: FromBackend): void => port.post(frame);

  /** The OS key store stays in the host (safeStorage is Electron's main-process API): ask it by message. */
  let keyStoreAvailable = false;

  function keyStoreProxy(status: NonNullable<BackendInit['osKeyStore']>): OsKeyStore {
    keyStoreAvailable = status.available;
    const ask = (op: 'encrypt' | 'decrypt', bytes: Buffer): Promise<Buffer> =>
      new Promise((resolve, reject) => {
        const id = nextKeyStoreId++;
        keyStoreWaiters.set(id, { resolve, reject });
        post({ type: 'keyStore', id, op, bytes: new Uint8Array(bytes) });
      });
    return {
      name: status.name,
      available: () => keyStoreAvailable,
      encrypt: (plain) => ask('encrypt', plain),
      decrypt: (sealed) => ask('decrypt', sealed),
    };
  }

  function start(init: BackendInit): void {
    logger = createLogger({ dataDir: init.dataDir });
    session = createSession({
      dataDir: init.dataDir,
      version: init.version,
      log,
      logger,
      ...(init.nativeBinding ? { nativeBinding: init.nativeBinding } : {}),
      ...(init.osKeyStore ? { osKeyStore: keyStoreProxy(init.osKeyStore) } : {}),
      ...(init.kdfWorkFactor !== undefined ? { kdfWorkFactor: init.kdfWorkFactor } : {}),
      ...(init.automaticBackups !== undefined ? { automaticBackups: init.automaticBackups } : {}),
      // The app: the check and backups run after the unlock has answered, on the maintenance worker.
      background: init.background ?? true,
      ...(init.checkOutputs !== undefined ? { checkOutputs: init.checkOutputs } : {}),
    });
    session.onLock(() => post({ type: 'locked' }));
    post({ type: 'ready', pid: process.pid });
    tellLanguage(session);
    for (const frame of early.splice(0)) handle(frame);
  }

  function tellLanguage(current: Session): void {
    try {
      post({ type: 'language', language: current.status().language });
    } catch (error) {
      log('The language could not be read', error);
    }
  }

  async function control(current: Session, op: ControlOp): Promise<unknown> {
    switch (op.op) {
      case 'lock':
        // Suspend, the screen lock, a crashed page: long calls stop (each leaves nothing half done) rather
        // than keep the key in memory until they finish.
        for (const abort of running.values()) abort.abort();
        await current.lock();
        return true;
      case 'lockIfIdle':
        return current.lockIfIdle(op.idleSeconds);
      case 'log':
        // The shell's own events (a crashed page, a failed lock): into the same file, as source 'shell'.
        return logger?.write(op.level, 'shell', op.code, op.message) ?? false;
      case 'ping':
        return true;
      case 'memory':
        // maxRSS is in kilobytes (Node's resourceUsage).
        return { rss: process.memoryUsage().rss, peakRss: process.resourceUsage().maxRSS * 1024 };
    }
  }

  function handle(frame: ToBackend): void {
    if (frame.type === 'init') {
      if (!session) start(frame.init);
      return;
    }
    if (frame.type === 'keyStoreAnswer') {
      const waiter = keyStoreWaiters.get(frame.id);
      keyStoreWaiters.delete(frame.id);
      if (frame.bytes) waiter?.resolve(Buffer.from(frame.bytes));
      else waiter?.reject(new Error(frame.error ?? 'The OS key store did not answer.'));
      return;
    }
    if (!session) {
      early.push(frame);
      return;
    }
    const current = session;
    switch (frame.type) {
      case 'call': {
        if (frame.keyStoreAvailable !== undefined) keyStoreAvailable = frame.keyStoreAvailable;
        const abort = new AbortController();
        running.set(frame.id, abort);
        // At most one progress frame per PROGRESS_INTERVAL_MS (and always the last step): a window that
        // repainted for each of two thousand files checked would fall behind the work it shows.
        let lastProgress = -Infinity;
        current
          .invoke(frame.channel, frame.input, {
            signal: abort.signal,
            onProgress: (progress) => {
              const now = performance.now();
              const last = progress.total !== null && progress.done >= progress.total;
              if (!last && now - lastProgress < PROGRESS_INTERVAL_MS) return;
              lastProgress = now;
              post({ type: 'progress', id: frame.id, progress });
            },
            ...(frame.files ? { files: frame.files } : {}),
          })
          .catch((error: unknown) => {
            // The dispatcher already turns handler errors into results; this is a bug in the session itself.
            log('A call failed outside its handler', error);
            return fail('internal', 'Something went wrong inside Liaison Log. Nothing was saved.');
          })
          .then((result) => {
            running.delete(frame.id);
            post({ type: 'result', id: frame.id, result });
            if (result.ok && LANGUAGE_CHANNELS.has(String(frame.channel))) tellLanguage(current);
          }, log);
        return;
      }
      case 'cancel':
        running.get(frame.id)?.abort();
        return;
      case 'control':
        control(current, frame.control).then(
          (value) => post({ type: 'controlResult', id: frame.id, value }),
          (error: unknown) => {
            log(`The host's ${frame.control.op} failed`, error);
            post({ type: 'controlResult', id: frame.id, value: false });
          },
        );
        return;
      case 'shutdown':
        for (const abort of running.values()) abort.abort();
        void current
          .lock()
          .catch((error: unknown) => log('Locking at shutdown failed', error))
          // Locking stopped the maintenance worker at its step; give it the time to end that step and remove its
          // temporary file (the host ends the process after ten seconds in any case).
          .then(() =>
            Promise.race([current.settled(), new Promise((resolve) => setTimeout(resolve, SETTLE_MS).unref())]),
          )
          .finally(() => {
            post({ type: 'closed' });
            exit(0);
          });
        return;
    }
  }

  port.onFrame((frame) => {
    try {
      handle(frame);
    } catch (error) {
      log('A frame from the host could not be handled', error);
    }
  });
}
