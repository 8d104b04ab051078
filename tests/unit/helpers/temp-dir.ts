import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach } from 'vitest';

/** A new, empty folder under the system temp dir. The caller removes it (see the `use*` helpers). */
export function makeTempDir(prefix = 'liaison-log-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Returns a function that makes a fresh temp folder; every folder made is removed after each test
 * (or after the whole file with `scope: 'file'`, for folders shared by a describe block).
 */
export function useTempDirs(scope: 'test' | 'file' = 'test'): (prefix?: string) => string {
  const made: string[] = [];
  const cleanup = () => {
    for (const dir of made.splice(0)) removeTempDir(dir);
  };
  if (scope === 'test') afterEach(cleanup);
  else afterAll(cleanup);
  return (prefix) => {
    const dir = makeTempDir(prefix);
    made.push(dir);
    return dir;
  };
}

/** The names in a folder, sorted: shows stray -wal, -shm or -journal files. */
export function listDir(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}
