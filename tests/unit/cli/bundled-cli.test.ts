import fs from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE, NativeAddonMissingError } from '../../../electron/db/open';
import { cliArguments, runBundledCli } from '../../../electron/shell/cli-launcher';
import { buildCliBundle } from '../../../electron.vite.config';
import { TEST_PASSPHRASE } from '../helpers/session';
import { makeTempDir, removeTempDir, useTempDirs } from '../helpers/temp-dir';
import { captureIo, cliHarness, emptyDataDir, spawnNode, stdoutJson } from './harness';

// The command line as it ships: plain JavaScript bundled at build time (electron.vite.config.ts, out/cli/), run by
// plain Node without tsx, and by the installed app's `--cli` start (electron/shell/cli-launcher.ts).
//
// A fresh bundle is built for this file (about a second) into a folder laid out like the app's root
// (test-results/bundled-cli-*/out/cli, with package.json beside out/), so the test never runs a stale out/cli
// left by an earlier build. Its bare imports resolve to the project's node_modules, as in the app.

const ROOT = path.resolve(import.meta.dirname, '../../..');
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

let appRoot = '';
let cliDir = '';

beforeAll(async () => {
  const results = path.join(ROOT, 'test-results');
  fs.mkdirSync(results, { recursive: true });
  appRoot = fs.mkdtempSync(path.join(results, 'bundled-cli-'));
  cliDir = path.join(appRoot, 'out', 'cli');
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(appRoot, 'package.json'));
  await buildCliBundle(cliDir);
}, 60_000);
afterAll(() => removeTempDir(appRoot));

const { secrets } = cliHarness({ prefix: 'liaison-log-bundled-cli-secrets-' });

/** `node out/cli/index.js ARGS`, without the test environment's data folder. */
function runNode(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnNode(path.join(cliDir, 'index.js'), args, { cwd: appRoot, env });
}

describe('cliArguments (the installed app’s --cli start)', () => {
  it('returns what follows --cli, in the packaged app and under `electron .`', () => {
    expect(cliArguments(['/opt/Liaison Log/liaison-log', '--cli', 'stats', '--json'])).toEqual(['stats', '--json']);
    expect(cliArguments(['electron', '.', '--cli', '--data-dir', 'D', 'import', 'DROP'])).toEqual([
      '--data-dir',
      'D',
      'import',
      'DROP',
    ]);
    expect(cliArguments(['C:\\Liaison Log\\Liaison Log.exe', '--no-sandbox', '--cli', '--help'])).toEqual(['--help']);
    expect(cliArguments(['liaison-log', '--cli'])).toEqual([]);
  });

  it('only the first --cli switches: later ones belong to the command', () => {
    expect(cliArguments(['liaison-log', '--cli', 'import', '--cli'])).toEqual(['import', '--cli']);
  });

  it('is undefined for a windowed start, and the executable’s own name never counts', () => {
    expect(cliArguments(['liaison-log'])).toBeUndefined();
    expect(cliArguments(['electron', '.'])).toBeUndefined();
    expect(cliArguments(['--cli'])).toBeUndefined();
    expect(cliArguments(['liaison-log', '--client', '--cli=stats'])).toBeUndefined();
  });
});

describe('the bundle', () => {
  it('imports only Node built-ins and production dependencies (no tsx, no other devDependency)', () => {
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    const production = Object.keys(PACKAGE.dependencies);
    const files = fs.readdirSync(cliDir).filter((f) => f.endsWith('.js'));
    expect(files).toEqual(expect.arrayContaining(['index.js', 'run-cli.js']));
    const bare = new Set<string>();
    for (const file of files) {
      const code = fs.readFileSync(path.join(cliDir, file), 'utf8');
      for (const match of code.matchAll(
        /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)/g,
      )) {
        const spec = match[1] ?? match[2] ?? '';
        if (!spec.startsWith('.')) bare.add(spec);
      }
    }
    expect(bare.size).toBeGreaterThan(0);
    const packageOf = (spec: string) =>
      spec
        .split('/')
        .slice(0, spec.startsWith('@') ? 2 : 1)
        .join('/');
    const foreign = [...bare].filter((spec) => !builtins.has(spec) && !production.includes(packageOf(spec)));
    expect(foreign).toEqual([]);
    for (const dev of Object.keys(PACKAGE.devDependencies)) {
      expect([...bare].map(packageOf), `${dev} is a devDependency`).not.toContain(dev);
    }
    // No TypeScript left in it (a .ts import would need tsx at run time).
    expect([...bare].filter((spec) => /\.tsx?$/.test(spec))).toEqual([]);
  });

  it('node out/cli/index.js --help and --version', async () => {
    const [help, version, none] = await Promise.all([runNode(['--help']), runNode(['--version']), runNode([])]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage:');
    expect(help.stdout).toContain('import FILE|DIR');
    expect(help.stderr).toBe('');
    expect(version.code).toBe(0);
    // package.json is found beside out/, as in the app's root (a bundle in the wrong folder would say "dev").
    expect(version.stdout).toBe(`${PACKAGE.version}\n`);
    expect(none.code).toBe(2);
  });

  it('node out/cli/index.js stats --json on a new data folder, passphrase from LIAISON_LOG_PASSPHRASE', async () => {
    const data = emptyDataDir(makeTempDir('liaison-log-bundled-cli-data-')); // only init creates a missing folder
    try {
      const r = await runNode(['--data-dir', data, 'stats', '--json'], secrets.env);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(stdoutJson(r)).toMatchObject({ informationRequests: 0 });
      expect(fs.existsSync(path.join(data, DATABASE_FILE))).toBe(true);
      // Exit codes unchanged: an unknown command is a usage error (2); a wrong passphrase a failure (1).
      const unknown = await runNode(['--data-dir', data, 'frobnicate'], secrets.env);
      expect(unknown.code).toBe(2);
      const wrong = await runNode(['--data-dir', data, 'stats'], { LIAISON_LOG_PASSPHRASE: `${TEST_PASSPHRASE}!` });
      expect(wrong.code).toBe(1);
    } finally {
      removeTempDir(path.dirname(data));
    }
  }, 60_000);
});

describe('runBundledCli (what the app runs for --cli, here under Node)', () => {
  const tempDir = useTempDirs();

  /** The Node build of the addon stands in for Electron's: under Node it is the one for this runtime's ABI. */
  function stageNativeAddon(): void {
    const require = createRequire(path.join(ROOT, 'package.json'));
    const nodeBuild = path.join(
      path.dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json')),
      'build',
      'Release',
      'better_sqlite3.node',
    );
    const target = path.join(appRoot, 'native', 'electron', 'better_sqlite3.node');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(nodeBuild, target);
  }

  it('refuses to run without the addon for this runtime’s ABI, naming the file and the build command', async () => {
    fs.rmSync(path.join(appRoot, 'native'), { recursive: true, force: true });
    const io = captureIo();
    const run = runBundledCli(['--version'], { appRoot, io, runtimeAbi: process.versions.modules });
    await expect(run).rejects.toThrow(NativeAddonMissingError);
    await expect(run).rejects.toThrow(/native[\\/]electron[\\/]better_sqlite3\.node.*node scripts\/build-native\.mjs/s);
  });

  it('runs a command that opens a data folder, with the same output and exit code as `node out/cli/index.js`', async () => {
    stageNativeAddon();
    const data = emptyDataDir(tempDir());
    const io = captureIo();
    const code = await runBundledCli(['--data-dir', data, 'stats', '--json'], {
      appRoot,
      io,
      env: { ...secrets.env },
      runtimeAbi: process.versions.modules,
    });
    expect(io.stderr()).toBe('');
    expect(code).toBe(0);
    expect(stdoutJson(io.result(code))).toMatchObject({ informationRequests: 0 });
    const usage = captureIo();
    expect(await runBundledCli([], { appRoot, io: usage, runtimeAbi: process.versions.modules })).toBe(2);
    expect(usage.stderr()).toContain('Usage:');
  }, 60_000);
});
