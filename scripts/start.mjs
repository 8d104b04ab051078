#!/usr/bin/env node
// `npm start`: build the app, make sure the SQLite addon exists for Electron's runtime, then launch.
//
// Native modules: node_modules/better-sqlite3-multiple-ciphers is built for Node (tests, command line).
// The app runs inside Electron, whose Node has another ABI, so a second build lives in native/electron/ and the
// app loads it through better-sqlite3's `nativeBinding` option. scripts/build-native.mjs makes it, here and in
// `npm run dist`; neither build replaces the other.
import { spawnSync, spawn } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';
import { buildElectronAddon, ElectronAddonBuildError } from './build-native.mjs';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

function sh(command, args) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return r.status === 0;
}

if (!sh('npm', ['run', '--silent', 'build'])) process.exit(1);
try {
  buildElectronAddon({ root });
} catch (error) {
  console.error(error instanceof ElectronAddonBuildError ? error.message : error);
  process.exit(1);
}
// Resolving the electron package downloads its binary on first use (needs internet once).
const electronBinary = require('electron');
const child = spawn(electronBinary, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
