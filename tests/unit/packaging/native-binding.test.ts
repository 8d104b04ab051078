import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUILD_ELECTRON_ADDON_COMMAND,
  electronNativeBinding,
  electronNativeBindingCandidates,
  NativeAddonMissingError,
  readAddonAbi,
  requireElectronNativeBinding,
} from '../../../electron/db/open';
import { useTempDirs } from '../helpers/temp-dir';

// Where the app finds the Electron build of the SQLite addon, in a checkout and in an installed app (inside
// app.asar.unpacked), and its refusal to start without one that fits its ABI. Real files in temp folders; the
// "addons" are small files carrying the registration symbol the ABI is read from, plus the real Node build.

const ROOT = path.resolve(import.meta.dirname, '../../..');
const ADDON = path.join('native', 'electron', 'better_sqlite3.node');
const ELECTRON_ABI = '150';

/** A stand-in addon: random-looking bytes around NODE_MODULE_INIT's symbol, as in a real ELF/PE/Mach-O file. */
function writeAddon(file: string, abi: number | undefined, padding = 64): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const symbol = abi === undefined ? Buffer.alloc(0) : Buffer.from(`node_register_module_v${String(abi)}\0`, 'latin1');
  fs.writeFileSync(file, Buffer.concat([Buffer.alloc(padding, 0x7f), symbol, Buffer.alloc(32, 0x01)]));
}

/** An installed app's layout: <install>/resources/app.asar (a file) and app.asar.unpacked beside it. */
function installedApp(dir: string): { resources: string; appAsar: string; unpackedAddon: string } {
  const resources = path.join(dir, 'Liaison Log', 'resources');
  fs.mkdirSync(resources, { recursive: true });
  const appAsar = path.join(resources, 'app.asar');
  fs.writeFileSync(appAsar, 'not a real archive');
  return { resources, appAsar, unpackedAddon: path.join(resources, 'app.asar.unpacked', ADDON) };
}

describe('requireElectronNativeBinding', () => {
  const tempDir = useTempDirs();

  it('finds the build in a development checkout (the app root is the project folder)', () => {
    const root = tempDir();
    writeAddon(path.join(root, ADDON), 150);
    expect(requireElectronNativeBinding(root, undefined, ELECTRON_ABI)).toBe(path.join(root, ADDON));
  });

  it('in an installed app, maps the app root inside app.asar to app.asar.unpacked', () => {
    const app = installedApp(tempDir());
    writeAddon(app.unpackedAddon, 150);
    expect(requireElectronNativeBinding(app.appAsar, undefined, ELECTRON_ABI)).toBe(app.unpackedAddon);
    expect(requireElectronNativeBinding(app.appAsar, app.resources, ELECTRON_ABI)).toBe(app.unpackedAddon);
    // Never a path inside the archive: a native addon cannot be loaded from there.
    for (const candidate of electronNativeBindingCandidates(app.appAsar, app.resources)) {
      expect(candidate).toContain(`app.asar.unpacked${path.sep}`);
    }
  });

  it('finds resources/app.asar.unpacked through resourcesPath when the app root does not say asar', () => {
    const app = installedApp(tempDir());
    writeAddon(app.unpackedAddon, 150);
    const appFolder = path.join(app.resources, 'app');
    expect(requireElectronNativeBinding(appFolder, app.resources, ELECTRON_ABI)).toBe(app.unpackedAddon);
  });

  it('refuses when the addon is missing, naming the file and the command that builds it', () => {
    const app = installedApp(tempDir());
    const refusal = (() => {
      try {
        requireElectronNativeBinding(app.appAsar, app.resources, ELECTRON_ABI);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(NativeAddonMissingError);
    const error = refusal as NativeAddonMissingError;
    expect(error.name).toBe('NativeAddonMissingError');
    expect(error.expectedFile).toBe(app.unpackedAddon);
    expect(error.foundAbi).toBeUndefined();
    expect(error.message).toContain(app.unpackedAddon);
    expect(error.message).toContain(BUILD_ELECTRON_ADDON_COMMAND);
    expect(error.message).toContain('ABI 150');
    expect(error.message).toMatch(/is missing/);
  });

  it('refuses an addon built for another ABI (the Node build) instead of failing later at unlock', () => {
    const root = tempDir();
    writeAddon(path.join(root, ADDON), 115);
    expect(() => requireElectronNativeBinding(root, undefined, ELECTRON_ABI)).toThrow(NativeAddonMissingError);
    expect(() => requireElectronNativeBinding(root, undefined, ELECTRON_ABI)).toThrow(
      /built for ABI 115, but this Electron runtime needs ABI 150.*node scripts\/build-native\.mjs/s,
    );
  });

  it('refuses a file that is no Node addon at all (an empty or placeholder file)', () => {
    const root = tempDir();
    writeAddon(path.join(root, ADDON), undefined);
    expect(() => requireElectronNativeBinding(root, undefined, ELECTRON_ABI)).toThrow(/is not a Node addon/);
  });

  it('electronNativeBinding stays out of the way under plain Node (tests and the command line)', () => {
    expect(process.versions['electron']).toBeUndefined();
    expect(electronNativeBinding(tempDir())).toBeUndefined();
  });
});

describe('readAddonAbi', () => {
  const tempDir = useTempDirs();

  it('reads the ABI of the real Node build of better-sqlite3-multiple-ciphers as this Node’s', () => {
    const require = createRequire(path.join(ROOT, 'package.json'));
    const nodeBuild = path.join(
      path.dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json')),
      'build',
      'Release',
      'better_sqlite3.node',
    );
    expect(readAddonAbi(nodeBuild)).toBe(Number(process.versions.modules));
  });

  it('finds the symbol across the boundary between two read chunks, and far into the file', () => {
    const dir = tempDir();
    for (const padding of [(1 << 20) - 10, (1 << 20) * 3 + 5]) {
      const file = path.join(dir, `addon-${String(padding)}.node`);
      writeAddon(file, 150, padding);
      expect(readAddonAbi(file), `symbol at ${String(padding)}`).toBe(150);
    }
    // At the very end of the file, with fewer bytes after it than the reader looks ahead.
    const atEnd = path.join(dir, 'at-end.node');
    fs.writeFileSync(atEnd, Buffer.concat([Buffer.alloc(100, 0x7f), Buffer.from('node_register_module_v150')]));
    expect(readAddonAbi(atEnd)).toBe(150);
    const none = path.join(dir, 'none.node');
    writeAddon(none, undefined, 5000);
    expect(readAddonAbi(none)).toBeUndefined();
  });
});
