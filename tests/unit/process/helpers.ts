import path from 'node:path';
import { afterEach } from 'vitest';
import { createBackendHost, type BackendHost, type BackendHostOptions } from '../../../electron/process/backend-host';
import { nodeBackendSpawner } from '../../../electron/process/node-child';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir';
import { TEST_WORK_FACTOR } from '../helpers/session';

// Backend processes for tests: the real entry file (TypeScript, through tsx) forked under Node with the same
// frames Electron's utilityProcess carries in the app. Every host started here is stopped after each test.

export const BACKEND_ENTRY = path.resolve(import.meta.dirname, '../../../electron/process/backend-entry.ts');

export function useBackendHosts(): (options?: Partial<Omit<BackendHostOptions, 'init'>> & { dataDir?: string }) => {
  host: BackendHost;
  dataDir: string;
} {
  const made: { host: BackendHost; dataDir: string; ownDir: boolean }[] = [];
  afterEach(async () => {
    const done = made.splice(0);
    for (const m of done) await m.host.stop();
    for (const m of done) if (m.ownDir) removeTempDir(m.dataDir);
  });
  return (options = {}) => {
    const ownDir = options.dataDir === undefined;
    const dataDir = options.dataDir ?? makeTempDir('liaison-log-process-');
    const host = createBackendHost({
      spawn: nodeBackendSpawner({ entry: BACKEND_ENTRY, execArgv: ['--import', 'tsx'] }),
      init: { dataDir, version: 'test', kdfWorkFactor: TEST_WORK_FACTOR },
      ...options,
    });
    made.push({ host, dataDir, ownDir });
    return { host, dataDir };
  };
}
