import fs from 'node:fs';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { build, type Plugin } from 'vite';

// One build for the three targets, plus the command line (see cliBundle below). The native SQLite addon stays
// external: it is loaded at run time, from the Electron-ABI build that scripts/build-native.mjs prepares
// (see README, "Native modules").

const ROOT = import.meta.dirname;

/** The virtual entries of the command line bundle: what each emitted file does, in plain JavaScript. */
const CLI_ENTRIES: Record<string, string> = {
  // For the app's `--cli` start (electron/shell/cli-launcher.ts) and bin/liaison-log.mjs: the function alone.
  'run-cli': `export { runCli } from ${JSON.stringify(resolve(ROOT, 'electron/cli/main.ts'))};`,
  // `node out/cli/index.js ARGS...`: runs and sets the exit code.
  index: `import { runCli } from '\0liaison-log-cli:run-cli';\nprocess.exitCode = await runCli(process.argv.slice(2));`,
};

const CLI_ENTRY_PREFIX = '\0liaison-log-cli:';

/**
 * The command line as plain JavaScript in `outDir` (out/cli/), so that it runs under Node without tsx or any
 * other devDependency: Node built-ins and the production dependencies (package.json `dependencies`, the native
 * addon among them) stay external, everything else (our code, shared/) is bundled. The files stay directly in
 * `outDir`: electron/cli/main.ts finds package.json (for --version) at ../../package.json from its own file.
 * Exported for tests/unit/cli/bundled-cli.test.ts, which builds a fresh copy.
 */
export async function buildCliBundle(outDir = resolve(ROOT, 'out/cli')): Promise<void> {
  const packageJson = JSON.parse(fs.readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const productionDependencies = Object.keys(packageJson.dependencies ?? {});
  const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
  const isExternal = (id: string): boolean =>
    builtins.has(id) || productionDependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    plugins: [
      {
        name: 'liaison-log:cli-entries',
        resolveId: (id) => (id.startsWith(CLI_ENTRY_PREFIX) ? id : undefined),
        load: (id) => (id.startsWith(CLI_ENTRY_PREFIX) ? CLI_ENTRIES[id.slice(CLI_ENTRY_PREFIX.length)] : undefined),
      },
    ],
    ssr: { noExternal: true },
    build: {
      ssr: true,
      // Plain Node 20.19+ runs it (bin/liaison-log.mjs), and so does Electron 45's Node 22 (`--cli`).
      target: 'node20',
      outDir,
      emptyOutDir: true,
      minify: false,
      sourcemap: false,
      reportCompressedSize: false,
      copyPublicDir: false,
      rolldownOptions: {
        input: Object.fromEntries(Object.keys(CLI_ENTRIES).map((name) => [name, `${CLI_ENTRY_PREFIX}${name}`])),
        external: isExternal,
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'cli-[hash].js' },
      },
    },
  });
}

/** Builds the command line right after the main process, so every `electron-vite build` produces out/cli/. */
function cliBundle(): Plugin {
  return { name: 'liaison-log:cli-bundle', apply: 'build', closeBundle: () => buildCliBundle() };
}

/** The maintenance worker's file, beside the backend's entry (electron/maintenance/location.ts looks there). */
export const MAINTENANCE_WORKER_FILE = 'maintenance-worker.cjs';

/**
 * The maintenance worker (electron/maintenance/worker.ts: the backend's check and automatic backups, on a worker
 * thread of the backend process) as one self-contained CommonJS file in out/main/, beside backend.js, so that
 * electron-builder packs it into app.asar with it (`out/**`). One file, no shared chunks: a worker thread loads
 * it by path, from inside app.asar in the installed app. Built like the command line: Node built-ins and the
 * production dependencies (the native SQLite addon among them) stay external, our code is bundled.
 */
export async function buildMaintenanceWorker(outDir = resolve(ROOT, 'out/main')): Promise<void> {
  const packageJson = JSON.parse(fs.readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const productionDependencies = Object.keys(packageJson.dependencies ?? {});
  const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
  const isExternal = (id: string): boolean =>
    builtins.has(id) || productionDependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    ssr: { noExternal: true },
    build: {
      ssr: true,
      target: 'node20',
      outDir,
      // out/main holds the main process and the backend, written just before.
      emptyOutDir: false,
      minify: false,
      sourcemap: false,
      reportCompressedSize: false,
      copyPublicDir: false,
      rolldownOptions: {
        input: { 'maintenance-worker': resolve(ROOT, 'electron/maintenance/worker.ts') },
        external: isExternal,
        output: { format: 'cjs', entryFileNames: MAINTENANCE_WORKER_FILE, inlineDynamicImports: true },
      },
    },
  });
}

/** Builds the maintenance worker right after the main process, so every `electron-vite build` produces it. */
function maintenanceWorkerBundle(): Plugin {
  return { name: 'liaison-log:maintenance-worker', apply: 'build', closeBundle: () => buildMaintenanceWorker() };
}

export default defineConfig({
  main: {
    plugins: [cliBundle(), maintenanceWorkerBundle()],
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve(ROOT, 'electron/shell/main.ts'),
          // The backend process (Electron's utilityProcess in the app, a Node child under tests and the CLI).
          backend: resolve(ROOT, 'electron/process/backend-entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only a few built-ins, so it must be one self-contained CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(ROOT, 'electron/shell/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(ROOT, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(ROOT, 'out/renderer'),
      target: 'chrome140',
      rolldownOptions: { input: { index: resolve(ROOT, 'renderer/index.html') } },
    },
  },
});
