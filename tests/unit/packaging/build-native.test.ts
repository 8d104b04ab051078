import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir';

// scripts/build-native.mjs, the one script that builds the SQLite addon for Electron (npm start, npm run dist):
// what it asks node-gyp for, what it refuses, and when it considers native/electron/ up to date. Building itself
// needs Electron's headers from the internet and is not run here.

const ROOT = path.resolve(import.meta.dirname, '../../..');

interface Want {
  electron: string;
  abi: number;
  addon: string;
  platform: string;
  arch: string;
}
interface BuildNative {
  addonAbi: (file: string) => number | undefined;
  expectedBuild: (root: string) => Want;
  electronAddonStatus: (root: string) => { ok: boolean; reason: string };
  buildEnvironment: (env: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
  nodeGypArguments: (want: Want, env: NodeJS.ProcessEnv) => string[];
}

let script: BuildNative;
beforeAll(async () => {
  // A computed specifier: the script is plain JavaScript without type declarations.
  const url = pathToFileURL(path.join(ROOT, 'scripts', 'build-native.mjs')).href;
  script = (await import(url)) as BuildNative;
});

const nodeBuild = path.join(
  path.dirname(createRequire(path.join(ROOT, 'package.json')).resolve('better-sqlite3-multiple-ciphers/package.json')),
  'build',
  'Release',
  'better_sqlite3.node',
);

describe('scripts/build-native.mjs', () => {
  const tempDir = useTempDirs();

  it('expects Electron 45’s ABI, from the electron package (and node-abi agrees)', () => {
    const want = script.expectedBuild(ROOT);
    expect(want.electron).toBe('45.5.0');
    expect(want.abi).toBe(150);
    expect(want.abi).not.toBe(Number(process.versions.modules));
  });

  it('drops npm’s nodedir (and every other header or runtime setting) from node-gyp’s environment', () => {
    const env = script.buildEnvironment({
      npm_config_nodedir: '/usr',
      NPM_CONFIG_NODEDIR: '/usr',
      npm_config_target: '20.20.2',
      npm_config_runtime: 'node',
      npm_config_disturl: 'https://nodejs.org/dist',
      npm_config_cache: '/root/.npm',
      PATH: '/usr/bin',
    });
    expect(env).toEqual({ npm_config_cache: '/root/.npm', PATH: '/usr/bin' });
  });

  it('asks node-gyp for Electron’s version and headers, never Node’s', () => {
    const want = script.expectedBuild(ROOT);
    const args = script.nodeGypArguments(want, {});
    expect(args).toContain('--target=45.5.0');
    expect(args).toContain('--dist-url=https://electronjs.org/headers');
    expect(args.some((a) => a.startsWith('--nodedir'))).toBe(false);
    const offline = script.nodeGypArguments(want, { ELECTRON_HEADERS_DIR: '/srv/electron-headers' });
    expect(offline).toContain(`--nodedir=${path.resolve('/srv/electron-headers')}`);
    expect(offline.some((a) => a.startsWith('--dist-url'))).toBe(false);
  });

  it('reads the ABI of the Node build as this Node’s', () => {
    expect(script.addonAbi(nodeBuild)).toBe(Number(process.versions.modules));
  });

  it('native/electron/ is up to date only with Electron’s ABI, a matching stamp and the same file', () => {
    const root = tempDir();
    fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(root, 'package.json'));
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'junction');
    const addon = path.join(root, 'native', 'electron', 'better_sqlite3.node');
    const stampFile = path.join(root, 'native', 'electron', 'stamp.json');

    expect(script.electronAddonStatus(root)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/does not exist/),
    });

    // The Node build in its place: the pitfall of a build against the system Node's headers.
    fs.mkdirSync(path.dirname(addon), { recursive: true });
    fs.copyFileSync(nodeBuild, addon);
    expect(script.electronAddonStatus(root).reason).toMatch(
      new RegExp(`built for ABI ${process.versions.modules}, Electron 45\\.5\\.0 needs ABI 150`),
    );

    fs.writeFileSync(addon, Buffer.concat([Buffer.alloc(64, 1), Buffer.from('node_register_module_v150\0')]));
    expect(script.electronAddonStatus(root).reason).toMatch(/stamp\.json is missing/);

    const want = script.expectedBuild(root);
    const sha256 = crypto.createHash('sha256').update(fs.readFileSync(addon)).digest('hex');
    fs.writeFileSync(stampFile, JSON.stringify({ ...want, addonDir: undefined, sha256 }));
    expect(script.electronAddonStatus(root)).toMatchObject({ ok: true });

    fs.writeFileSync(stampFile, JSON.stringify({ ...want, electron: '44.0.0', sha256 }));
    expect(script.electronAddonStatus(root).reason).toMatch(/electron 44\.0\.0, this checkout needs 45\.5\.0/);

    fs.writeFileSync(stampFile, JSON.stringify({ ...want, sha256 }));
    fs.appendFileSync(addon, 'changed');
    expect(script.electronAddonStatus(root).reason).toMatch(/changed since it was built/);
  });
});
