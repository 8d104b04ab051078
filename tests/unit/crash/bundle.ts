import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const REPO = path.resolve(import.meta.dirname, '../../..');

/**
 * Bundles a child-process script (our TypeScript, packages left external) into tests/artifacts/, so each of
 * many child starts costs a plain Node start rather than a TypeScript compile. The folder is readable by
 * every user, for children that run as another user. `dispose` removes it.
 */
export async function bundleChildScript(entry: string): Promise<{ file: string; dispose: () => void }> {
  const artifacts = path.join(REPO, 'tests', 'artifacts');
  fs.mkdirSync(artifacts, { recursive: true });
  const dir = fs.mkdtempSync(path.join(artifacts, 'child-'));
  fs.chmodSync(dir, 0o755);
  const file = path.join(dir, `${path.basename(entry, '.ts')}.mjs`);
  await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  fs.chmodSync(file, 0o644);
  return { file, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export const REPO_ROOT = REPO;
