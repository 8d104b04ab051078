import { fork, type ChildProcess } from 'node:child_process';
import type { BackendChild, FromBackend, SpawnBackend, ToBackend } from './protocol';

// Starts the backend process under plain Node (tests, the benchmark, the browser-test bridge), with the same
// entry file and the same frames as Electron's utilityProcess in the app. Node's IPC channel with
// `serialization: 'advanced'` is structured clone, like Electron's port, so bytes cross as Uint8Array.

export interface NodeBackendOptions {
  /** The entry file: out/main/backend.js when built, or electron/process/backend-entry.ts through tsx. */
  readonly entry: string;
  /** Extra Node flags (e.g. ['--import', 'tsx'] for the TypeScript entry). */
  readonly execArgv?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** Where the child's stdout and stderr go (default: this process's). */
  readonly stdio?: 'inherit' | 'pipe' | 'ignore';
}

export function nodeBackendSpawner(options: NodeBackendOptions): SpawnBackend {
  return () =>
    wrapChild(
      fork(options.entry, [], {
        execArgv: [...(options.execArgv ?? [])],
        serialization: 'advanced',
        stdio: ['ignore', options.stdio ?? 'inherit', options.stdio ?? 'inherit', 'ipc'],
        env: options.env ?? process.env,
      }),
    );
}

export function wrapChild(child: ChildProcess): BackendChild {
  let exited = false;
  const exitListeners: ((code: number | null, signal: string | null) => void)[] = [];
  child.once('exit', (code, signal) => {
    exited = true;
    for (const listener of exitListeners) listener(code, signal);
  });
  // An IPC send to a process that just died raises an error event; the exit listener reports it.
  child.on('error', () => undefined);
  return {
    pid: child.pid,
    send: (frame: ToBackend) => {
      if (exited || !child.connected) return;
      child.send(frame);
    },
    onFrame: (listener) => child.on('message', (message) => listener(message as FromBackend)),
    onExit: (listener) => {
      if (exited) listener(child.exitCode, child.signalCode);
      else exitListeners.push(listener);
    },
    kill: () => {
      if (!exited) child.kill('SIGKILL');
    },
  };
}
