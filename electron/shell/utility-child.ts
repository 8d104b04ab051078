import { utilityProcess } from 'electron';
import type { BackendChild, FromBackend, SpawnBackend, ToBackend } from '../process/protocol';

// Starts the backend process as an Electron utility process (a Chromium-managed child with Node, using
// Electron's own runtime and so the Electron-ABI SQLite addon). The same entry file and frames as the Node
// child the tests fork (electron/process/node-child.ts).

export function utilitySpawner(entry: string): SpawnBackend {
  return () => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'Liaison Log backend', stdio: 'inherit' });
    let exited = false;
    const exitListeners: ((code: number | null, signal: string | null) => void)[] = [];
    child.once('exit', (code) => {
      exited = true;
      for (const listener of exitListeners) listener(code, null);
    });
    return {
      get pid() {
        return child.pid;
      },
      send: (frame: ToBackend) => {
        if (!exited) child.postMessage(frame);
      },
      onFrame: (listener) => child.on('message', (message: unknown) => listener(message as FromBackend)),
      onExit: (listener) => {
        if (exited) listener(null, null);
        else exitListeners.push(listener);
      },
      kill: () => {
        if (!exited) child.kill();
      },
    } satisfies BackendChild;
  };
}
