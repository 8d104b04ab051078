#!/usr/bin/env node
// `npm start`: build the app, make sure the SQLite addon exists for Electron's runtime, then launch.
//
// Native modules: node_modules/better-sqlite3-multiple-ciphers is built for Node (tests, command line).
// The app runs inside Electron, whose Node has another ABI, so a second build lives in native/electron/
// and the app loads it through better-sqlite3's `nativeBinding` option. Neither build replaces the other.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const addonPackage = path.dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json'));
const addonVersion = require('better-sqlite3-multiple-ciphers/package.json').version;
const nativeDir = path.join(root, 'native', 'electron');
const stampFile = path.join(nativeDir, 'stamp.json');
const stamp = JSON.stringify({ electron: electronVersion, addon: addonVersion });

function sh(command, args, cwd = root) {
  const r = spawnSync(command, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
  return r.status === 0;
}

function buildElectronAddon() {
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) return;
  console.log(`Building the SQLite addon for Electron ${electronVersion} (once)...`);
  const work = path.join(root, 'native', 'build');
  fs.rmSync(work, { recursive: true, force: true });
  fs.cpSync(addonPackage, work, { recursive: true, filter: (src) => !src.includes(`${path.sep}build${path.sep}`) });
  const target = ['--runtime=electron', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'];
  const ok =
    sh('npx', ['--yes', 'prebuild-install', '--runtime=electron', `--target=${electronVersion}`], work) ||
    sh('npx', ['--yes', 'node-gyp', 'rebuild', '--release', ...target], work);
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  if (!ok || !fs.existsSync(built)) {
    console.error('Could not build the SQLite addon for Electron. An internet connection is needed the first time.');
    process.exit(1);
  }
  fs.mkdirSync(nativeDir, { recursive: true });
  fs.copyFileSync(built, path.join(nativeDir, 'better_sqlite3.node'));
  fs.writeFileSync(stampFile, stamp);
  fs.rmSync(work, { recursive: true, force: true });
}

if (!sh('npx', ['electron-vite', 'build'])) process.exit(1);
buildElectronAddon();
// Resolving the electron package downloads its binary on first use (needs internet once).
const electronBinary = require('electron');
const child = spawn(electronBinary, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
