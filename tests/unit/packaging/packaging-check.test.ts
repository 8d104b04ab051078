import fs from 'node:fs';
import path from 'node:path';
import * as asar from '@electron/asar';
import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import {
  inspectPackage,
  productionClosure,
  SHIPPED_FUSE_WIRE,
  writeStandInElectron,
  type Check,
  type Expectations,
} from '../../../scripts/packaging-check';
import { useTempDirs } from '../helpers/temp-dir';

// The inspection behind `npm test`'s packaging step (scripts/packaging-check.ts), on small unpacked apps built
// here with @electron/asar around the stand-in Electron binary: a good one passes every check, and each kind of
// mistake an installer could carry fails its own check. (The step itself packages the real app with
// electron-builder; this proves that its checks can fail.)

const ROOT = path.resolve(import.meta.dirname, '../../..');
const FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};
const EXPECT: Expectations = {
  fuses: FUSES,
  productionPackages: new Set(['zod', 'better-sqlite3-multiple-ciphers', 'bindings']),
  devDependencies: ['vitest', 'electron', 'zod-dev-only'],
  electronAbi: 150,
  executableName: 'liaison-log',
};

const GOOD_FILES: Record<string, string | Buffer> = {
  'package.json': JSON.stringify({ name: 'liaison-log', main: 'out/main/index.js' }),
  'out/main/index.js': 'main',
  'out/main/backend.js': 'backend',
  'out/main/maintenance-worker.cjs': 'maintenance worker',
  'out/preload/index.cjs': 'preload',
  'out/renderer/index.html': '<!doctype html>',
  'out/cli/index.js': 'cli',
  'out/cli/run-cli.js': 'cli',
  'resources/icon.png': 'png',
  'node_modules/zod/package.json': '{}',
  'node_modules/better-sqlite3-multiple-ciphers/lib/index.js': 'lib',
  'node_modules/better-sqlite3-multiple-ciphers/node_modules/bindings/bindings.js': 'bindings',
  'native/electron/better_sqlite3.node': Buffer.concat([Buffer.alloc(32), Buffer.from('node_register_module_v150\0')]),
};

/** An unpacked app as electron-builder lays it out: <out>/liaison-log and <out>/resources/app.asar(.unpacked). */
async function makeApp(dir: string, files: Record<string, string | Buffer>, flip = true): Promise<string> {
  const source = path.join(dir, 'app');
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(source, name)), { recursive: true });
    fs.writeFileSync(path.join(source, name), content);
  }
  const appOutDir = path.join(dir, 'linux-unpacked');
  fs.mkdirSync(path.join(appOutDir, 'resources'), { recursive: true });
  await asar.createPackageWithOptions(source, path.join(appOutDir, 'resources', 'app.asar'), { unpack: '*.node' });
  const electron = writeStandInElectron(path.join(dir, 'electron-dist'), '45.5.0');
  const executable = path.join(appOutDir, 'liaison-log');
  fs.copyFileSync(electron, executable);
  if (flip) {
    await flipFuses(executable, {
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  }
  return appOutDir;
}

const failed = (checks: Check[]) => checks.filter((c) => c.result !== true).map((c) => c.name);

describe('the packaging check', () => {
  const tempDir = useTempDirs();

  it('the stand-in Electron binary carries a fuse wire @electron/fuses reads, as Electron ships it', async () => {
    const executable = writeStandInElectron(tempDir(), '45.5.0');
    const wire = (await getCurrentFuseWire(executable)) as Record<string, unknown>;
    expect(wire['version']).toBe('1');
    SHIPPED_FUSE_WIRE.forEach((state, i) => expect(wire[String(i)], `fuse ${String(i)}`).toBe(state));
  });

  it('passes a correct package', async () => {
    const checks = await inspectPackage(await makeApp(tempDir(), GOOD_FILES), EXPECT);
    expect(failed(checks)).toEqual([]);
    expect(checks.length).toBeGreaterThan(20);
  });

  it('fails each kind of mistake with its own check', async () => {
    const bad = { ...GOOD_FILES };
    delete bad['out/cli/index.js'];
    Object.assign(bad, {
      'node_modules/vitest/package.json': '{}',
      'node_modules/left-pad/package.json': '{}',
      'tests/unit/a.test.js': 'test',
      'electron/db/open.ts': 'source',
      'out/main/index.js.map': '{}',
      'native/electron/better_sqlite3.node': Buffer.from('node_register_module_v115\0'),
    });
    const checks = await inspectPackage(await makeApp(tempDir(), bad, false), EXPECT);
    expect(failed(checks)).toEqual(
      expect.arrayContaining([
        'app.asar contains out/cli/index.js',
        'node_modules in app.asar: production dependencies only',
        'no devDependency in app.asar',
        'no tests in app.asar',
        'no TypeScript or source folders in app.asar',
        'no source maps in app.asar',
        'the SQLite addon is built for Electron’s ABI',
        ...Object.entries(FUSES).map(([name, on]) => `fuse ${name} is ${on ? 'on' : 'off'} in the packaged binary`),
      ]),
    );
    expect(checks.find((c) => c.name === 'no devDependency in app.asar')?.detail).toContain('vitest');
    expect(checks.find((c) => c.name.startsWith('node_modules in app.asar'))?.detail).toContain('left-pad');
  });

  it('fails an addon packed inside the archive instead of beside it, and a missing archive', async () => {
    const dir = tempDir();
    const source = path.join(dir, 'app');
    for (const [name, content] of Object.entries(GOOD_FILES)) {
      fs.mkdirSync(path.dirname(path.join(source, name)), { recursive: true });
      fs.writeFileSync(path.join(source, name), content);
    }
    const appOutDir = path.join(dir, 'linux-unpacked');
    await asar.createPackage(source, path.join(appOutDir, 'resources', 'app.asar'));
    const checks = await inspectPackage(appOutDir, EXPECT);
    expect(failed(checks)).toContain(
      'the SQLite addon is unpacked (app.asar.unpacked/native/electron/better_sqlite3.node)',
    );
    expect(failed(await inspectPackage(path.join(dir, 'nowhere'), EXPECT))).toEqual(['resources/app.asar exists']);
  });

  it('a placeholder addon (no Electron build here) is reported as skipped, never as passed', async () => {
    const checks = await inspectPackage(await makeApp(tempDir(), GOOD_FILES), { ...EXPECT, electronAbi: undefined });
    expect(checks.find((c) => c.name === 'the SQLite addon is built for Electron’s ABI')?.result).toBe('skipped');
  });

  it('the production closure of this project holds its dependencies, not its devDependencies', () => {
    const closure = productionClosure(ROOT);
    for (const name of ['better-sqlite3-multiple-ciphers', 'zod', 'age-encryption', 'exceljs']) {
      expect(closure.has(name), name).toBe(true);
    }
    for (const name of ['vitest', 'electron', '@playwright/test', 'electron-builder', 'tsx', 'typescript']) {
      expect(closure.has(name), name).toBe(false);
    }
  });
});
