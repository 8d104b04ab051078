// The maintenance worker started from the TypeScript sources (tests, `npm run bench`, the backend entry through
// tsx): a worker thread does not inherit tsx from its parent, so it registers tsx itself and then loads worker.ts.
// The installed app and the build run out/main/maintenance-worker.cjs instead (electron.vite.config.ts).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.boot);
