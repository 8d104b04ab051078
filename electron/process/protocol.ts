import type { Progress } from '../../shared/contract/progress';
import type { Result } from '../../shared/contract/result';
import type { GrantedFiles } from '../backend/dispatch';

// The message protocol between the host (Electron's main process, or a plain Node parent in tests and the
// benchmark) and the backend process, which holds the unlock session, SQLite, scrypt and every file of the
// data folder. Types only: importing this file pulls no runtime code (and so no SQLite) into the host.
//
// Frames travel by structured clone (Electron's utilityProcess port, or Node's IPC channel with
// `serialization: 'advanced'`), so Uint8Array payloads cross as bytes. Calls are answered by id, in any order;
// progress frames for a call come before its result; a cancel for a finished call is ignored.

/** What the backend process needs to start: everything else it reads from the data folder itself. */
export interface BackendInit {
  readonly dataDir: string;
  readonly version: string;
  /** The Electron-ABI build of the SQLite addon (in the app); absent under plain Node. */
  readonly nativeBinding?: string;
  /** Whether the host can seal with an OS key store, and its name: the store itself stays in the host. */
  readonly osKeyStore: { readonly name: string; readonly available: boolean } | null;
  /** scrypt work factor for new key files (tests pass a small one; the app leaves it out). */
  readonly kdfWorkFactor?: number;
  /** Automatic backups at unlock and hourly (default true). */
  readonly automaticBackups?: boolean;
  /**
   * The start-up check and the automatic backups on a worker thread, after the unlock has answered (default true;
   * electron/maintenance/). False runs them before the unlock answers, as the command line does.
   */
  readonly background?: boolean;
  /**
   * Whether every answer is checked against its channel's output schema (default true: tests, the command line).
   * The installed app turns it off: the check costs time on every answer and proves nothing new there.
   */
  readonly checkOutputs?: boolean;
}

/** Operations of the host on the session itself, outside the contract (power events, idle time, quitting). */
export type ControlOp =
  | { readonly op: 'lock'; readonly reason: string }
  | { readonly op: 'lockIfIdle'; readonly idleSeconds: number }
  | { readonly op: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly code: string; readonly message: string }
  | { readonly op: 'ping' }
  /** The backend process's memory now and at its peak, in bytes (for the benchmark and the memory tests). */
  | { readonly op: 'memory' };

export interface BackendMemory {
  readonly rss: number;
  readonly peakRss: number;
}

export type ToBackend =
  | { readonly type: 'init'; readonly init: BackendInit }
  | {
      readonly type: 'call';
      readonly id: number;
      readonly channel: unknown;
      readonly input: unknown;
      readonly files?: GrantedFiles;
      /** Whether the host's OS key store can be used right now (it may come and go, e.g. a secret service). */
      readonly keyStoreAvailable?: boolean;
    }
  | { readonly type: 'cancel'; readonly id: number }
  | { readonly type: 'control'; readonly id: number; readonly control: ControlOp }
  | {
      readonly type: 'keyStoreAnswer';
      readonly id: number;
      readonly bytes?: Uint8Array;
      readonly error?: string;
    }
  | { readonly type: 'shutdown' };

export type FromBackend =
  /** Sent once the init frame was taken and the session exists (it touches no file until asked). */
  | { readonly type: 'ready'; readonly pid: number }
  | { readonly type: 'progress'; readonly id: number; readonly progress: Progress }
  | { readonly type: 'result'; readonly id: number; readonly result: Result<unknown> }
  | { readonly type: 'controlResult'; readonly id: number; readonly value: unknown }
  /** The session locked (idle, OS lock, the officer's button, an error): the host reloads its windows. */
  | { readonly type: 'locked' }
  /** The backend asks the host's OS key store to seal or open a key (safeStorage lives in Electron's main). */
  | { readonly type: 'keyStore'; readonly id: number; readonly op: 'encrypt' | 'decrypt'; readonly bytes: Uint8Array }
  /** Something the backend logged as an error (also written to the data folder's log): for the host's console. */
  | { readonly type: 'logged'; readonly message: string; readonly detail: string }
  /**
   * The installation's language (at start, and after a call that may change it), so that the shell can start
   * Chromium in it next time without reading the data folder itself.
   */
  | { readonly type: 'language'; readonly language: 'en' | 'nl' }
  /** The session is closed and the process is about to exit (after a shutdown frame). */
  | { readonly type: 'closed' };

/** The two ends of a message port, as both Electron's utilityProcess and Node's child_process offer them. */
export interface ParentPort {
  post(frame: FromBackend): void;
  onFrame(listener: (frame: ToBackend) => void): void;
}

/** The host's handle on a backend process, whatever started it. */
export interface BackendChild {
  readonly pid: number | undefined;
  send(frame: ToBackend): void;
  onFrame(listener: (frame: FromBackend) => void): void;
  /** Called once when the process has ended, however it ended. */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(): void;
}

export type SpawnBackend = () => BackendChild;
