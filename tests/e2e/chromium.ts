import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

// The Chromium the browser tests and the screenshot script launch, chosen in this order:
//   1. CHROMIUM_PATH, if set (it must exist: a path given on purpose is never silently replaced);
//   2. Debian's /usr/bin/chromium, if present (skipped with LIAISON_LOG_IGNORE_SYSTEM_CHROMIUM=1, which is
//      how the fallback below is proven on a machine that has Debian's package);
//   3. the Chromium inside the @sparticuz/chromium devDependency, unpacked once to the temp folder.
// So `npm install && npm test` needs nothing but npm. Playwright's own browser download is never used.

/** Flags for every Chromium we launch: they keep a headless Chromium from reaching for the network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export interface ChromiumLaunch {
  /** Where this Chromium came from, for messages. */
  readonly source: 'CHROMIUM_PATH' | 'Debian package' | '@sparticuz/chromium';
  readonly executablePath: string;
  readonly args: string[];
  /** Environment for the browser process, when it needs more than ours (libraries or fonts shipped with it). */
  readonly env?: Record<string, string>;
}

/** Playwright's launch options for the resolved Chromium (always headless). */
export function launchOptions(chromium: ChromiumLaunch): {
  executablePath: string;
  args: string[];
  headless: true;
  env?: Record<string, string>;
} {
  return {
    executablePath: chromium.executablePath,
    args: chromium.args,
    headless: true,
    ...(chromium.env ? { env: chromium.env } : {}),
  };
}

/** Chooses the Chromium to launch (see the order above). Unpacks the npm one on first use (about 2 s). */
export async function resolveChromium(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumLaunch> {
  const given = env['CHROMIUM_PATH'];
  if (given) {
    if (!fs.existsSync(given)) throw new Error(`CHROMIUM_PATH points at ${given}, which does not exist.`);
    return { source: 'CHROMIUM_PATH', executablePath: given, args: CHROMIUM_ARGS };
  }
  if (env['LIAISON_LOG_IGNORE_SYSTEM_CHROMIUM'] !== '1' && fs.existsSync(SYSTEM_CHROMIUM)) {
    return { source: 'Debian package', executablePath: SYSTEM_CHROMIUM, args: CHROMIUM_ARGS };
  }
  return packagedChromium(env);
}

// --- @sparticuz/chromium ----------------------------------------------------------------------------------

/**
 * Flags of @sparticuz/chromium's list (made for AWS Lambda) that the tests do not take: they would weaken
 * the page's security model (the tests check the CSP and the sandboxed renderer as production has them),
 * run everything in one process, or drive a GPU stack that --disable-gpu turns off. Playwright sets headless.
 */
const PACKAGED_ARGS_NOT_TAKEN = [
  '--disable-web-security',
  '--allow-running-insecure-content',
  '--disable-site-isolation-trials',
  '--disable-features',
  '--enable-features',
  '--single-process',
  '--headless',
  '--in-process-gpu',
  '--ignore-gpu-blocklist',
  '--use-gl',
  '--use-angle',
  '--enable-unsafe-swiftshader',
  '--disable-webgl',
];

const flagName = (arg: string) => arg.split('=')[0] ?? arg;

/** Our flags, then those of the package's that we take and do not already set. */
export function mergeArgs(ours: readonly string[], packaged: readonly string[]): string[] {
  const set = new Set(ours.map(flagName));
  const taken = packaged.filter((arg) => {
    const name = flagName(arg);
    if (PACKAGED_ARGS_NOT_TAKEN.includes(name) || set.has(name)) return false;
    set.add(name);
    return true;
  });
  return [...ours, ...taken];
}

async function packagedChromium(env: NodeJS.ProcessEnv): Promise<ChromiumLaunch> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `No Chromium found: CHROMIUM_PATH is not set and ${SYSTEM_CHROMIUM} is not there. The Chromium in the ` +
        `@sparticuz/chromium devDependency runs on Linux x64 only (this is ${process.platform} ${process.arch}): ` +
        'set CHROMIUM_PATH to a Chromium or Chrome executable.',
    );
  }
  const require = createRequire(import.meta.url);
  let entry: string;
  try {
    entry = require.resolve('@sparticuz/chromium');
  } catch {
    throw new Error(
      `No Chromium found: CHROMIUM_PATH is not set, ${SYSTEM_CHROMIUM} is not there, and the ` +
        '@sparticuz/chromium devDependency is not installed (run `npm install`). Or install Debian’s ' +
        'package (sudo apt-get install chromium), or set CHROMIUM_PATH to a Chromium or Chrome executable.',
    );
  }
  const packageRoot = path.resolve(path.dirname(entry), '..');
  const { version } = JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  const { default: Chromium, inflate } = await import('@sparticuz/chromium');
  Chromium.setGraphicsMode = false; // --disable-gpu: no need to unpack SwiftShader
  const folder = path.join(os.tmpdir(), `liaison-log-chromium-${version}-${process.getuid?.() ?? 'user'}`);
  await unpackOnce(folder, async () => {
    // The package unpacks into os.tmpdir(), which follows TMPDIR on every call: point it at the staging
    // folder for the duration, so that concurrent runs never see a half-written binary.
    await Chromium.executablePath(path.join(packageRoot, 'bin'));
    // Its NSS libraries (built for Amazon Linux 2023), for machines without libnss3 (see below).
    await inflate(path.join(packageRoot, 'bin', 'al2023.tar.br'));
  });
  const executablePath = path.join(folder, 'chromium');
  const extra: Record<string, string> = {};
  // Chromium links NSS, NSPR and expat from the system. A machine without them (no desktop, no Debian
  // chromium) gets the copies shipped in the package.
  if (missingLibraries(executablePath)) {
    extra['LD_LIBRARY_PATH'] = [path.join(folder, 'al2023', 'lib'), env['LD_LIBRARY_PATH']].filter(Boolean).join(':');
  }
  // Without a system font configuration, text would have no font at all: use the package's Open Sans.
  if (!fs.existsSync('/etc/fonts/fonts.conf')) extra['FONTCONFIG_FILE'] = path.join(folder, 'liaison-log-fonts.conf');
  return {
    source: '@sparticuz/chromium',
    executablePath,
    args: mergeArgs(CHROMIUM_ARGS, Chromium.args),
    ...(Object.keys(extra).length > 0 ? { env: { ...stringEnv(env), ...extra } } : {}),
  };
}

/**
 * Unpacks into a private staging folder and renames it into place: the rename is atomic, so a concurrent
 * run (another worker, another engineer's test run) either sees the complete folder or none at all.
 */
async function unpackOnce(folder: string, unpack: () => Promise<void>): Promise<void> {
  const done = path.join(folder, '.complete');
  if (fs.existsSync(done)) return;
  const staging = fs.mkdtempSync(`${folder}-staging-`);
  const savedTmp = process.env['TMPDIR'];
  try {
    process.env['TMPDIR'] = staging;
    await unpack();
  } finally {
    if (savedTmp === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = savedTmp;
  }
  fs.writeFileSync(
    path.join(staging, 'liaison-log-fonts.conf'),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
      `  <dir>${path.join(folder, 'fonts', 'fonts')}</dir>\n  <cachedir>${path.join(folder, 'fonts-cache')}</cachedir>\n` +
      `</fontconfig>\n`,
  );
  fs.writeFileSync(path.join(staging, '.complete'), '');
  try {
    fs.renameSync(staging, folder);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    // Another run got there first (the folder exists and is not empty): use theirs.
    if (!fs.existsSync(done)) throw error;
  }
}

/** Whether the dynamic linker cannot find a library the binary needs (false where ldd cannot say). */
function missingLibraries(binary: string): boolean {
  if (process.platform !== 'linux') return false;
  const ldd = spawnSync('ldd', [binary], { encoding: 'utf8' });
  return ldd.status === 0 && /not found/.test(ldd.stdout);
}

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}
