#!/usr/bin/env node
// The SQLite addon for Electron's runtime, built once into native/electron/ and shared by `npm start`
// (scripts/start.mjs) and `npm run dist` (package.json), so that an installer can never be made without it.
//
//   node scripts/build-native.mjs            build it unless native/electron/ already holds a valid build
//   node scripts/build-native.mjs --force    build it again
//   node scripts/build-native.mjs --check    only say whether a valid build is there (exit 1 if not)
//
// node_modules/better-sqlite3-multiple-ciphers keeps the build for plain Node (tests, the command line); Electron
// has another ABI (NODE_MODULE_VERSION), so the app gets a second build that replaces nothing (README, "Native
// modules"). "Valid" is checked, never assumed: the addon's own registration symbol
// (node_register_module_v<ABI>, written by NODE_MODULE_INIT) must name Electron's ABI. That catches the pitfall
// of these machines, where npm's user configuration sets `nodedir` to the system Node and node-gyp then quietly
// compiles against Node's headers whatever --target says (shared docs, stack.md, "Pitfalls").
//
// Electron's headers come from the internet the first time (node-gyp caches them in ~/.electron-gyp). An offline
// machine can point ELECTRON_HEADERS_DIR at an unpacked copy of node-v<version>-headers.tar.gz from Electron's
// header mirror.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const ADDON_PACKAGE = 'better-sqlite3-multiple-ciphers';
export const ADDON_FILE_NAME = 'better_sqlite3.node';
const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

/** Where the Electron build and its stamp live in a checkout. */
export function nativePaths(root) {
  const dir = path.join(root, 'native', 'electron');
  return { dir, addon: path.join(dir, ADDON_FILE_NAME), stamp: path.join(dir, 'stamp.json') };
}

/** The ABI an addon was compiled for, read from its registration symbol; undefined if the file has none. */
export function addonAbi(file) {
  const bytes = fs.readFileSync(file);
  const marker = Buffer.from('node_register_module_v', 'latin1');
  const at = bytes.indexOf(marker);
  if (at < 0) return undefined;
  let end = at + marker.length;
  while (end < bytes.length && bytes[end] >= 0x30 && bytes[end] <= 0x39) end += 1;
  const digits = bytes.subarray(at + marker.length, end).toString('latin1');
  return digits ? Number(digits) : undefined;
}

/**
 * The versions this checkout expects: Electron's, its NODE_MODULE_VERSION (the electron package's abi_version
 * file, cross-checked with node-abi where it is installed) and the addon package's.
 */
export function expectedBuild(root) {
  const require = createRequire(path.join(root, 'package.json'));
  const electronDir = path.dirname(require.resolve('electron/package.json'));
  const electron = JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;
  const abi = Number(fs.readFileSync(path.join(electronDir, 'abi_version'), 'utf8').trim());
  if (!Number.isInteger(abi) || abi <= 0) throw new Error(`${electronDir}/abi_version does not hold an ABI number.`);
  try {
    const fromNodeAbi = Number(require('node-abi').getAbi(electron, 'electron'));
    if (fromNodeAbi !== abi) {
      throw new Error(`node-abi says Electron ${electron} has ABI ${fromNodeAbi}, the electron package says ${abi}.`);
    }
  } catch (error) {
    if (error?.code !== 'MODULE_NOT_FOUND') throw error;
  }
  const addonDir = path.dirname(require.resolve(`${ADDON_PACKAGE}/package.json`));
  const addon = JSON.parse(fs.readFileSync(path.join(addonDir, 'package.json'), 'utf8')).version;
  return { electron, abi, addon, addonDir, platform: process.platform, arch: process.arch };
}

function sha256(file) {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * Whether native/electron/ holds a build this checkout can package: the file exists, its symbol names Electron's
 * ABI, and the stamp matches the versions, platform and file. `reason` says what is wrong.
 */
export function electronAddonStatus(root) {
  const paths = nativePaths(root);
  const want = expectedBuild(root);
  if (!fs.existsSync(paths.addon)) return { ok: false, reason: `${paths.addon} does not exist`, ...paths, want };
  const abi = addonAbi(paths.addon);
  if (abi !== want.abi) {
    const found = abi === undefined ? 'no Node ABI at all' : `ABI ${abi}`;
    return {
      ok: false,
      reason: `${paths.addon} is built for ${found}, Electron ${want.electron} needs ABI ${want.abi}`,
      ...paths,
      want,
    };
  }
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(paths.stamp, 'utf8'));
  } catch {
    return { ok: false, reason: `${paths.stamp} is missing or unreadable`, ...paths, want };
  }
  for (const key of ['electron', 'abi', 'addon', 'platform', 'arch']) {
    if (stamp[key] !== want[key]) {
      return {
        ok: false,
        reason: `the build is for ${key} ${stamp[key]}, this checkout needs ${want[key]}`,
        ...paths,
        want,
      };
    }
  }
  if (stamp.sha256 !== sha256(paths.addon)) {
    return { ok: false, reason: `${paths.addon} changed since it was built`, ...paths, want };
  }
  return { ok: true, reason: 'up to date', ...paths, want };
}

/** Raised when no valid Electron build could be made; the message says why and what to do. */
export class ElectronAddonBuildError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ElectronAddonBuildError';
  }
}

/**
 * npm passes its configuration to child processes as npm_config_* variables, and node-gyp and prebuild-install
 * obey them over their own arguments: a `nodedir` there (the user configuration on these machines) would build
 * against the system Node's headers. Every setting that picks headers or a runtime is dropped.
 */
export function buildEnvironment(env = process.env) {
  const dropped = new Set([
    'nodedir',
    'target',
    'runtime',
    'disturl',
    'dist_url',
    'devdir',
    'arch',
    'build_from_source',
  ]);
  return Object.fromEntries(
    Object.entries(env).filter(([key]) => {
      const lower = key.toLowerCase();
      return !(lower.startsWith('npm_config_') && dropped.has(lower.slice('npm_config_'.length).replaceAll('-', '_')));
    }),
  );
}

/** The node-gyp arguments for Electron: its version and headers, never Node's. */
export function nodeGypArguments(want, env = process.env) {
  const headers = env.ELECTRON_HEADERS_DIR;
  return [
    'rebuild',
    '--release',
    `--target=${want.electron}`,
    `--arch=${want.arch}`,
    headers ? `--nodedir=${path.resolve(headers)}` : `--dist-url=${ELECTRON_HEADERS_URL}`,
    `--devdir=${path.join(os.homedir(), '.electron-gyp')}`,
  ];
}

function run(command, args, cwd, log) {
  log(`  $ ${path.basename(command)} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: buildEnvironment() });
  return result.status === 0;
}

/**
 * Makes sure native/electron/ holds the addon for Electron's ABI, building it if needed (or always with
 * `force`). Returns where it is and whether it was built now; throws ElectronAddonBuildError otherwise.
 */
export function buildElectronAddon({
  root = path.resolve(import.meta.dirname, '..'),
  force = false,
  log = console.log,
} = {}) {
  const status = electronAddonStatus(root);
  if (status.ok && !force) return { file: status.addon, abi: status.want.abi, built: false };
  const { want } = status;
  if (!force) log(`The SQLite addon for Electron needs building: ${status.reason}.`);
  log(
    `Building ${ADDON_PACKAGE} ${want.addon} for Electron ${want.electron} (ABI ${want.abi}, ${want.platform}-${want.arch})...`,
  );

  const require = createRequire(path.join(root, 'package.json'));
  const work = path.join(root, 'native', 'build');
  fs.rmSync(work, { recursive: true, force: true });
  // A copy without the Node build: the Electron build must not be confused with it, nor overwrite it.
  fs.cpSync(want.addonDir, work, {
    recursive: true,
    filter: (src) => path.relative(want.addonDir, src).split(path.sep)[0] !== 'build',
  });
  try {
    const built = path.join(work, 'build', 'Release', ADDON_FILE_NAME);
    // A prebuilt binary for Electron's ABI first (quick, from the package's release page), else compile.
    const prebuilt = run(
      process.execPath,
      [
        require.resolve('prebuild-install/bin.js'),
        '--runtime=electron',
        `--target=${want.electron}`,
        `--arch=${want.arch}`,
      ],
      work,
      log,
    );
    if (!prebuilt || !fs.existsSync(built) || addonAbi(built) !== want.abi) {
      log('No usable prebuilt binary; compiling with node-gyp against Electron’s headers.');
      const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
      if (!run(process.execPath, [nodeGyp, ...nodeGypArguments(want)], work, log) || !fs.existsSync(built)) {
        throw new ElectronAddonBuildError(
          `Could not build the SQLite addon for Electron ${want.electron}. The first build downloads Electron's ` +
            `headers (an internet connection is needed once), or set ELECTRON_HEADERS_DIR to an unpacked copy of ` +
            `them. Then run: node scripts/build-native.mjs`,
        );
      }
    }
    const abi = addonAbi(built);
    if (abi !== want.abi) {
      throw new ElectronAddonBuildError(
        `The SQLite addon was built for ABI ${abi ?? 'unknown'}, but Electron ${want.electron} needs ABI ${want.abi}: ` +
          'node-gyp used the wrong headers (check `npm config get nodedir` and ELECTRON_HEADERS_DIR). Nothing was installed.',
      );
    }
    const paths = nativePaths(root);
    fs.mkdirSync(paths.dir, { recursive: true });
    // Copy, then rename: an interrupted build never leaves a half-written addon that looks valid.
    fs.copyFileSync(built, `${paths.addon}.tmp`);
    fs.renameSync(`${paths.addon}.tmp`, paths.addon);
    const stamp = {
      electron: want.electron,
      abi: want.abi,
      addon: want.addon,
      platform: want.platform,
      arch: want.arch,
      sha256: sha256(paths.addon),
      builtAt: new Date().toISOString(),
    };
    fs.writeFileSync(paths.stamp, `${JSON.stringify(stamp, null, 2)}\n`);
    log(`Built ${paths.addon} (ABI ${abi}).`);
    return { file: paths.addon, abi, built: true };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function main(argv) {
  const root = path.resolve(import.meta.dirname, '..');
  if (argv.includes('--check')) {
    const status = electronAddonStatus(root);
    console.log(
      status.ok ? `${status.addon}: ${status.reason} (ABI ${status.want.abi}).` : `Not usable: ${status.reason}.`,
    );
    return status.ok ? 0 : 1;
  }
  try {
    buildElectronAddon({ root, force: argv.includes('--force') });
    return 0;
  } catch (error) {
    console.error(error instanceof ElectronAddonBuildError ? error.message : error);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
