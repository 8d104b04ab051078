import { parentPort, workerData } from 'node:worker_threads';
import { runJob } from './job';
import type { FromWorker, WorkerData } from './protocol';

// The maintenance worker's entry: a worker thread of the backend process (node:worker_threads), started by the
// unlock session for one job (runner.ts) and ended when the job is done. Built as out/main/maintenance-worker.cjs
// beside the backend's entry (electron.vite.config.ts) and packed into app.asar with it.

if (!parentPort) throw new Error('The maintenance worker runs as a worker thread of the backend process.');
const port = parentPort;
const data = workerData as WorkerData;
runJob(data.job, data.key, data.stop, (message: FromWorker) => port.postMessage(message));
