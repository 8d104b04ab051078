import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// In a process with nothing else to do (the command line, a script), a dashboard call that waits for the
// catch-up must still be answered: the catch-up's steps are then what keeps the process alive. (An
// unreferenced step let Node end such a process with the call unsettled, exit code 13.)

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('the dashboards catch-up in a process of its own', () => {
  it('answers a dashboard call made right after a batch, and the process ends normally', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-alive-'));
    try {
      const script = `
        import { createBackend } from ${JSON.stringify(path.join(ROOT, 'electron/backend/create-backend.ts'))};
        import { generateDemo } from ${JSON.stringify(path.join(ROOT, 'electron/demo/generate.ts'))};
        const backend = createBackend({ dataDir: ${JSON.stringify(dir)}, log: () => undefined });
        generateDemo(backend.db, backend.services.store, { records: 9000, seed: 2, until: new Date('2026-06-30T12:00:00Z') });
        const answer = await backend.call('reports.dashboard', { from: '2025-01-01', to: '2026-06-30' });
        console.log(answer.ok ? 'answered' : 'failed');
        backend.close();
      `;
      const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout.trim()).toBe('answered');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
