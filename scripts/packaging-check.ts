// `npm run packaging-check`, and a step of `npm test` after the build: builds what the installer would contain and
// inspects it. electron-builder packages the app exactly as `npm run dist` would (electron-builder.yml, `--dir`:
// the unpacked app, no installer), around a stand-in Electron binary, because the real one cannot be downloaded
// on these machines: a small file with Electron's fuse wire (sentinel, version, length, one byte per fuse) as
// Electron 45 ships it, so electron-builder flips the fuses of electron-builder.yml in it and they can be read
// back with @electron/fuses. Then app.asar and app.asar.unpacked are checked (see `inspectPackage`).
//
// The project is staged in test-results/packaging/project (out/, package.json, the lockfile, electron-builder.yml,
// resources/, native/electron/, and a link to node_modules) so that a concurrent build cannot change out/ halfway
// and nothing is ever written into the working tree. Where scripts/build-native.mjs has not built the SQLite addon
// for Electron (it needs Electron's headers from the internet), a placeholder .node file is staged in its place:
// its packaging is checked, its ABI is not (that check is then reported as skipped, with the reason).
//
// Writes test-results/packaging.json ({ passed, failed, skipped, checks, notes }) for scripts/run-tests.mjs, which
// counts each check as a test. Exits 1 on any failure. Run `npm run build` first.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { readAddonAbi } from '../electron/db/open';

const ROOT = path.resolve(import.meta.dirname, '..');
const require = createRequire(path.join(ROOT, 'package.json'));

/** @electron/fuses' marker before the fuse wire. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_ENABLED = 0x31; // '1'
const FUSE_DISABLED = 0x30; // '0'
/** Electron 45's fuse wire as it ships (index = FuseV1Options): the packaged app must differ where configured. */
export const SHIPPED_FUSE_WIRE: readonly number[] = [
  FUSE_ENABLED, // RunAsNode
  FUSE_DISABLED, // EnableCookieEncryption
  FUSE_ENABLED, // EnableNodeOptionsEnvironmentVariable
  FUSE_ENABLED, // EnableNodeCliInspectArguments
  FUSE_DISABLED, // EnableEmbeddedAsarIntegrityValidation
  FUSE_DISABLED, // OnlyLoadAppFromAsar
  FUSE_DISABLED, // LoadBrowserProcessSpecificV8Snapshot
  FUSE_ENABLED, // GrantFileProtocolExtraPrivileges
];

/**
 * A stand-in for an unpacked Electron distribution (electron-builder's `electronDist`) for Linux: an executable
 * `electron` holding the fuse wire in @electron/fuses' format (sentinel, wire version 1, wire length, one state
 * byte per fuse) between filler bytes, as in the real binary, and the few files electron-builder copies or reads.
 */
export function writeStandInElectron(dir: string, version: string): string {
  fs.mkdirSync(path.join(dir, 'locales'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const executable = path.join(dir, 'electron');
  fs.writeFileSync(
    executable,
    Buffer.concat([
      Buffer.from(
        '#!/bin/sh\necho "A stand-in for Electron, for scripts/packaging-check.ts: it cannot run the app."\nexit 1\n',
      ),
      Buffer.alloc(64, 0),
      Buffer.from(FUSE_SENTINEL, 'latin1'),
      Buffer.from([1, SHIPPED_FUSE_WIRE.length, ...SHIPPED_FUSE_WIRE]),
      Buffer.alloc(64, 0),
    ]),
    { mode: 0o755 },
  );
  fs.writeFileSync(path.join(dir, 'version'), version);
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'Stand-in for the Electron license file.\n');
  fs.writeFileSync(path.join(dir, 'locales', 'en-US.pak'), 'stand-in');
  return executable;
}

export interface Check {
  readonly name: string;
  /** true passed, false failed, 'skipped' could not be checked (the detail says why). */
  readonly result: boolean | 'skipped';
  readonly detail: string;
}

export interface Expectations {
  /** The fuses of electron-builder.yml (`electronFuses`). */
  readonly fuses: Readonly<Record<string, boolean>>;
  /** Every package reachable from package.json `dependencies`. */
  readonly productionPackages: ReadonlySet<string>;
  /** package.json `devDependencies`. */
  readonly devDependencies: readonly string[];
  /** Electron's ABI, when the staged addon is a real build; undefined for a placeholder. */
  readonly electronAbi: number | undefined;
  /** linux.executableName: the packaged binary whose fuses are read. */
  readonly executableName: string;
}

/** The files that must be in app.asar, what they are. */
const REQUIRED_FILES: readonly (readonly [string, string])[] = [
  ['package.json', 'the app manifest'],
  ['out/main/index.js', 'the main process'],
  ['out/main/backend.js', 'the backend process'],
  // Loaded by path from beside backend.js (electron/maintenance/location.ts): a worker thread of the backend.
  ['out/main/maintenance-worker.cjs', 'the maintenance worker (check and automatic backups)'],
  ['out/preload/index.cjs', 'the preload'],
  ['out/renderer/index.html', 'the page'],
  ['out/cli/index.js', 'the command line (node out/cli/index.js)'],
  ['out/cli/run-cli.js', 'the command line for `--cli`'],
  ['resources/icon.png', 'the window icon'],
];
const ADDON_IN_APP = 'native/electron/better_sqlite3.node';

/** The package names (scope included) that a path inside node_modules belongs to, outermost first. */
function packagesOf(file: string): string[] {
  const parts = file.split('/');
  const names: string[] = [];
  parts.forEach((part, i) => {
    if (part !== 'node_modules') return;
    const first = parts[i + 1];
    if (!first) return;
    const second = parts[i + 2];
    if (first.startsWith('@')) {
      if (second) names.push(`${first}/${second}`);
    } else names.push(first);
  });
  return names;
}

function listOf(items: readonly string[], max = 8): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** Inspects an unpacked app (electron-builder's linux-unpacked folder); one Check per promise. */
export async function inspectPackage(appOutDir: string, expect: Expectations): Promise<Check[]> {
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, result: ok, detail });
  const archive = path.join(appOutDir, 'resources', 'app.asar');
  if (!fs.existsSync(archive)) {
    check('resources/app.asar exists', false, `${archive} is missing`);
    return checks;
  }
  // Paths relative to the archive's root, with forward slashes, on every platform.
  const files = asar
    .listPackage(archive, { isPack: false })
    .map((f) => f.replaceAll('\\', '/').replace(/^\//, ''))
    .filter((f) => f !== '');
  const fileSet = new Set(files);
  const isFile = (f: string) => {
    try {
      return 'size' in asar.statFile(archive, f);
    } catch {
      return false;
    }
  };

  for (const [file, what] of REQUIRED_FILES) {
    check(
      `app.asar contains ${file}`,
      fileSet.has(file) && isFile(file),
      `${what}${fileSet.has(file) ? '' : ': missing'}`,
    );
  }
  let manifest: { main?: string; devDependencies?: unknown } = {};
  try {
    manifest = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')) as typeof manifest;
  } catch {
    // reported below
  }
  check(
    'package.json in app.asar names the built main process',
    manifest.main === 'out/main/index.js' && fileSet.has(manifest.main),
    `main: ${String(manifest.main)}`,
  );

  const packaged = new Set(files.flatMap(packagesOf));
  const foreign = [...packaged].filter((name) => !expect.productionPackages.has(name)).sort();
  check(
    'node_modules in app.asar: production dependencies only',
    foreign.length === 0 && packaged.size > 0,
    foreign.length ? `not reachable from dependencies: ${listOf(foreign)}` : `${String(packaged.size)} packages`,
  );
  const devOnly = expect.devDependencies.filter((name) => !expect.productionPackages.has(name));
  const devFound = devOnly.filter((name) => packaged.has(name));
  check(
    'no devDependency in app.asar',
    devFound.length === 0,
    devFound.length ? `found: ${listOf(devFound)}` : `none of ${String(devOnly.length)} (${listOf(devOnly, 5)})`,
  );

  const tests = files.filter(
    (f) => /(^|\/)(tests?|__tests__)\//.test(f) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(f) || f.startsWith('tests'),
  );
  check('no tests in app.asar', tests.length === 0, tests.length ? listOf(tests, 5) : 'none');
  const typescript = files.filter((f) => /\.(ts|tsx|mts|cts)$/.test(f));
  const sourceFolders = files.filter((f) => /^(electron|renderer|shared|scripts|bin)\//.test(f));
  check(
    'no TypeScript or source folders in app.asar',
    typescript.length === 0 && sourceFolders.length === 0,
    typescript.length || sourceFolders.length ? listOf([...typescript, ...sourceFolders], 5) : 'none',
  );
  const maps = files.filter((f) => f.endsWith('.map'));
  check('no source maps in app.asar', maps.length === 0, maps.length ? listOf(maps, 5) : 'none');

  const unpackedAddon = path.join(appOutDir, 'resources', 'app.asar.unpacked', ...ADDON_IN_APP.split('/'));
  let markedUnpacked = false;
  try {
    markedUnpacked = (asar.statFile(archive, ADDON_IN_APP) as { unpacked?: boolean }).unpacked === true;
  } catch {
    // not in the archive's index at all
  }
  check(
    `the SQLite addon is unpacked (app.asar.unpacked/${ADDON_IN_APP})`,
    markedUnpacked && fs.existsSync(unpackedAddon) && fs.statSync(unpackedAddon).size > 0,
    `${fs.existsSync(unpackedAddon) ? 'present' : 'missing'} beside the archive; ${markedUnpacked ? '' : 'not '}marked unpacked in it`,
  );
  if (expect.electronAbi === undefined) {
    checks.push({
      name: 'the SQLite addon is built for Electron’s ABI',
      result: 'skipped',
      detail: 'a placeholder was staged: no Electron build in native/electron (node scripts/build-native.mjs)',
    });
  } else {
    const abi = fs.existsSync(unpackedAddon) ? readAddonAbi(unpackedAddon) : undefined;
    check(
      'the SQLite addon is built for Electron’s ABI',
      abi === expect.electronAbi,
      `ABI ${String(abi)}, Electron needs ${String(expect.electronAbi)}`,
    );
  }
  const nodeBuild = [...files, ...listUnpacked(path.join(appOutDir, 'resources', 'app.asar.unpacked'))].filter((f) =>
    f.startsWith('node_modules/better-sqlite3-multiple-ciphers/build/'),
  );
  check(
    'the Node build of the addon is left out',
    nodeBuild.length === 0,
    nodeBuild.length ? listOf(nodeBuild, 3) : 'absent',
  );

  const executable = path.join(appOutDir, expect.executableName);
  let wire: Record<string, unknown> | undefined;
  let wireError = '';
  try {
    wire = await getCurrentFuseWire(executable);
  } catch (error) {
    wireError = (error as Error).message;
  }
  const configured = Object.entries(expect.fuses);
  check('electron-builder.yml sets fuses', configured.length > 0, `${String(configured.length)} fuses`);
  for (const [name, wanted] of configured) {
    const option = FuseV1Options[(name.charAt(0).toUpperCase() + name.slice(1)) as keyof typeof FuseV1Options];
    const state = wire && option !== undefined ? wire[String(option)] : undefined;
    const want = wanted ? FUSE_ENABLED : FUSE_DISABLED;
    const shown = (s: unknown) => (s === FUSE_ENABLED ? 'on' : s === FUSE_DISABLED ? 'off' : String(s));
    check(
      `fuse ${name} is ${wanted ? 'on' : 'off'} in the packaged binary`,
      state === want,
      wire ? `read back: ${shown(state)} (Electron ships it ${shown(SHIPPED_FUSE_WIRE[option ?? -1])})` : wireError,
    );
  }
  return checks;
}

function listUnpacked(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => f.replaceAll('\\', '/'));
}

/** Every package name reachable from package.json `dependencies` (and their optional and peer dependencies). */
export function productionClosure(root: string): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const locate = (from: string, name: string): string | undefined => {
    for (let dir = from; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'node_modules', name, 'package.json');
      if (fs.existsSync(candidate)) return path.dirname(candidate);
      if (path.dirname(dir) === dir) return undefined;
    }
  };
  const visit = (dir: string, includePeers: boolean) => {
    const real = fs.realpathSync(dir);
    if (seen.has(real)) return;
    seen.add(real);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<
      string,
      Record<string, unknown> | undefined
    >;
    // Optional peers (TypeScript for i18next, say) are not installed for the app: npm and electron-builder leave
    // them out of the production tree.
    const peerMeta = pkg['peerDependenciesMeta'] as Record<string, { optional?: boolean }> | undefined;
    const peers = Object.keys(includePeers ? (pkg['peerDependencies'] ?? {}) : {}).filter(
      (name) => peerMeta?.[name]?.optional !== true,
    );
    const deps = [...Object.keys({ ...pkg['dependencies'], ...pkg['optionalDependencies'] }), ...peers];
    for (const name of deps) {
      const found = locate(dir, name);
      if (!found) continue; // an optional or peer dependency that is not installed
      names.add(name);
      visit(found, true);
    }
  };
  visit(root, false);
  return names;
}

interface BuilderConfig {
  electronFuses?: Record<string, boolean> | null;
  linux?: { executableName?: string; icon?: string } | null;
  win?: { icon?: string; extraFiles?: { from: string; to: string }[] } | null;
  mac?: { icon?: string } | null;
}

/** What every installer target's icon setting points at, checked by its format. */
function iconChecks(config: BuilderConfig): Check[] {
  const at = (relative: string | undefined) => (relative ? path.join(ROOT, relative) : '');
  const png = (file: string) => {
    const b = fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
    const isPng = b.subarray(1, 4).toString('latin1') === 'PNG';
    return isPng ? `${String(b.readUInt32BE(16))}x${String(b.readUInt32BE(20))}` : undefined;
  };
  const linuxDir = at(config.linux?.icon);
  const linuxSizes = fs.existsSync(linuxDir) ? fs.readdirSync(linuxDir).filter((f) => /^\d+x\d+\.png$/.test(f)) : [];
  const linuxBad = linuxSizes.filter((f) => png(path.join(linuxDir, f)) !== f.replace('.png', ''));
  const ico = fs.existsSync(at(config.win?.icon)) ? fs.readFileSync(at(config.win?.icon)) : Buffer.alloc(0);
  const icoEntries =
    ico.length >= 6 && ico.readUInt16LE(0) === 0 && ico.readUInt16LE(2) === 1 ? ico.readUInt16LE(4) : 0;
  const icoSizes = Array.from({ length: icoEntries }, (_, i) => ico[6 + 16 * i] || 256);
  const icns = fs.existsSync(at(config.mac?.icon)) ? fs.readFileSync(at(config.mac?.icon)) : Buffer.alloc(0);
  const icnsOk = icns.subarray(0, 4).toString('latin1') === 'icns' && icns.readUInt32BE(4) === icns.length;
  const cmd = config.win?.extraFiles?.find((f) => f.to === 'liaison-log.cmd');
  return [
    {
      name: 'Linux icons (linux.icon) are PNGs up to 512x512',
      result: linuxSizes.includes('512x512.png') && linuxBad.length === 0,
      detail: linuxSizes.length
        ? `${linuxSizes.length} sizes${linuxBad.length ? `; wrong: ${linuxBad.join(', ')}` : ''}`
        : `no icons in ${linuxDir}`,
    },
    {
      name: 'Windows icon (win.icon) is an ICO with 16 to 256',
      result: icoSizes.includes(16) && icoSizes.includes(256),
      detail: icoEntries
        ? `sizes ${icoSizes.join(', ')}`
        : `${config.win?.icon ?? 'win.icon unset'} is not an ICO file`,
    },
    {
      name: 'macOS icon (mac.icon) is an ICNS file',
      result: icnsOk,
      detail: icnsOk ? `${String(icns.length)} bytes` : `${config.mac?.icon ?? 'mac.icon unset'} is not an ICNS file`,
    },
    {
      name: 'the window icon resources/icon.png is 512x512',
      result: png(path.join(ROOT, 'resources', 'icon.png')) === '512x512',
      detail: png(path.join(ROOT, 'resources', 'icon.png')) ?? 'not a PNG',
    },
    {
      name: 'Windows installs liaison-log.cmd beside the app (win.extraFiles)',
      result: cmd !== undefined && fs.existsSync(path.join(ROOT, cmd.from)),
      detail: cmd ? cmd.from : 'no extraFiles entry for liaison-log.cmd',
    },
  ];
}

function stageProject(stage: string, notes: string[]): number | undefined {
  fs.mkdirSync(stage, { recursive: true });
  for (const item of ['out', 'package.json', 'package-lock.json', 'electron-builder.yml', 'resources']) {
    if (fs.existsSync(path.join(ROOT, item)))
      fs.cpSync(path.join(ROOT, item), path.join(stage, item), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(stage, 'node_modules'), 'junction');
  const electronDir = path.dirname(require.resolve('electron/package.json'));
  const electronAbi = Number(fs.readFileSync(path.join(electronDir, 'abi_version'), 'utf8').trim());
  const realAddon = path.join(ROOT, 'native', 'electron', 'better_sqlite3.node');
  const stagedAddon = path.join(stage, 'native', 'electron', 'better_sqlite3.node');
  fs.mkdirSync(path.dirname(stagedAddon), { recursive: true });
  if (fs.existsSync(realAddon) && readAddonAbi(realAddon) === electronAbi) {
    fs.copyFileSync(realAddon, stagedAddon);
    notes.push(`Packaged the real Electron build of the SQLite addon (ABI ${String(electronAbi)}).`);
    return electronAbi;
  }
  fs.writeFileSync(stagedAddon, 'placeholder for native/electron/better_sqlite3.node (scripts/packaging-check.ts)\n');
  notes.push(
    'native/electron/better_sqlite3.node for Electron is not built here (node scripts/build-native.mjs needs ' +
      "Electron's headers from the internet): a PLACEHOLDER .node file was packaged in its place, so where it lands " +
      'is checked but not its ABI.',
  );
  return undefined;
}

async function loadBuilderConfig(projectDir: string): Promise<BuilderConfig> {
  const { getConfig } = require('app-builder-lib/out/util/config/config') as {
    getConfig: (projectDir: string, configPath: string | null, fromOptions: null) => Promise<BuilderConfig>;
  };
  return getConfig(projectDir, null, null);
}

async function main(): Promise<number> {
  const results = path.join(ROOT, 'test-results');
  const work = path.join(results, 'packaging');
  const reportFile = path.join(results, 'packaging.json');
  const notes: string[] = [];
  const report = (checks: Check[]) => {
    const passed = checks.filter((c) => c.result === true).length;
    const failed = checks.filter((c) => c.result === false).length;
    const skipped = checks.filter((c) => c.result === 'skipped').length;
    for (const c of checks) {
      const mark = c.result === true ? 'PASS' : c.result === false ? 'FAIL' : 'SKIP';
      console.log(`  ${mark}  ${c.name}: ${c.detail}`);
    }
    for (const note of notes) console.log(`  NOTE  ${note}`);
    fs.mkdirSync(results, { recursive: true });
    fs.writeFileSync(reportFile, `${JSON.stringify({ passed, failed, skipped, checks, notes }, null, 2)}\n`);
    console.log(`${String(passed)} passed, ${String(failed)} failed, ${String(skipped)} skipped`);
    return failed > 0 ? 1 : 0;
  };

  const missing = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/cli/index.js'].filter(
    (f) => !fs.existsSync(path.join(ROOT, f)),
  );
  if (missing.length) {
    return report([
      { name: 'the build exists', result: false, detail: `missing ${missing.join(', ')}: run npm run build` },
    ]);
  }

  fs.rmSync(work, { recursive: true, force: true });
  const stage = path.join(work, 'project');
  const electronDist = path.join(work, 'electron-dist');
  const output = path.join(work, 'dist');
  const electronVersion = (
    JSON.parse(fs.readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }
  ).version;
  const electronAbi = stageProject(stage, notes);
  writeStandInElectron(electronDist, electronVersion);

  const started = Date.now();
  const builder = spawnSync(
    process.execPath,
    [
      require.resolve('electron-builder/cli.js'),
      '--linux',
      'dir',
      '--x64',
      '--publish',
      'never',
      '--projectDir',
      stage,
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${output}`,
    ],
    { cwd: stage, encoding: 'utf8', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' }, timeout: 240_000 },
  );
  const log = `${builder.stdout}\n${builder.stderr}`;
  fs.writeFileSync(path.join(work, 'electron-builder.log'), log);
  const appOutDir = path.join(output, 'linux-unpacked');
  const packagedOk = builder.status === 0 && fs.existsSync(path.join(appOutDir, 'resources', 'app.asar'));
  const checks: Check[] = [
    {
      name: 'electron-builder --dir packages the app',
      result: packagedOk,
      detail: packagedOk
        ? `${String(Math.round((Date.now() - started) / 1000))} s, ${path.relative(ROOT, appOutDir)}`
        : `exit ${String(builder.status)}: ${log
            .split('\n')
            .filter((l) => /⨯|error/i.test(l))
            .slice(0, 3)
            .join(' | ')} (${path.relative(ROOT, path.join(work, 'electron-builder.log'))})`,
    },
  ];
  const config = await loadBuilderConfig(stage);
  checks.push(...iconChecks(config));
  if (packagedOk) {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      devDependencies?: Record<string, string>;
    };
    checks.push(
      ...(await inspectPackage(appOutDir, {
        fuses: config.electronFuses ?? {},
        productionPackages: productionClosure(ROOT),
        devDependencies: Object.keys(pkg.devDependencies ?? {}),
        electronAbi,
        executableName: config.linux?.executableName ?? 'liaison-log',
      })),
    );
  }
  return report(checks);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
