import type { FromBackend, ParentPort, ToBackend } from './protocol';
import { describeError } from '../logging/describe';
import { serveBackend } from './backend-process';

// The backend process's entry file, the same for both ways it is started:
// - in the app, Electron's utilityProcess.fork: frames arrive on process.parentPort;
// - under plain Node (tests, the benchmark), child_process.fork with serialization 'advanced': frames
//   arrive on process.on('message').
// It imports nothing from Electron.

interface UtilityParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function parentPort(): ParentPort {
  const utility = (process as unknown as { parentPort?: UtilityParentPort }).parentPort;
  if (utility) {
    return {
      post: (frame) => utility.postMessage(frame),
      onFrame: (listener) => utility.on('message', (event) => listener(event.data as ToBackend)),
    };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('The Liaison Log backend must be started by the app (no parent process to talk to).');
  // When the parent goes away, so does the backend: no orphan holding the database open.
  process.on('disconnect', () => process.exit(0));
  return {
    post: (frame: FromBackend) => {
      send(frame);
    },
    onFrame: (listener) => process.on('message', (message) => listener(message as ToBackend)),
  };
}

// Its stderr may end up in the system journal: only what the data folder's log would hold (no error text
// beyond the reduced summary, which cuts quoted content and paths).
serveBackend(parentPort(), {
  log: (message, error) => console.error(message, error === undefined ? '' : describeError(error).summary),
});
