import fs from 'node:fs';
import path from 'node:path';

// Electron's Node has another ABI (NODE_MODULE_VERSION) than plain Node, so the app loads its own build of the
// addon from native/electron/ (scripts/build-native.mjs makes it, for `npm start` and `npm run dist`). Without
// it the app must not start: falling back to the Node build in node_modules would only fail later, at unlock,
// and packaging leaves that build out anyway.

/** Where the Electron build lives, relative to the app's root (the checkout, or app.asar when installed). */
export const ELECTRON_ADDON_RELATIVE_PATH = path.join('native', 'electron', 'better_sqlite3.node');
/** The command that builds it, named in the refusal. */
export const BUILD_ELECTRON_ADDON_COMMAND = 'node scripts/build-native.mjs';

/** The app cannot open its database: the addon for this runtime's ABI is missing or built for another ABI. */
export class NativeAddonMissingError extends Error {
  override readonly name = 'NativeAddonMissingError';
  constructor(
    /** The file that is missing (where a build belongs), or the one found that does not fit this runtime. */
    readonly expectedFile: string,
    /** The ABI this runtime needs (process.versions.modules). */
    readonly requiredAbi: string,
    /** What was found there: the file's ABI, or null when it is no Node addon at all; undefined when missing. */
    readonly foundAbi?: number | null,
  ) {
    const problem =
      foundAbi === undefined
        ? `the SQLite addon for this Electron runtime (ABI ${requiredAbi}) is missing: ${expectedFile} does not exist.`
        : foundAbi === null
          ? `${expectedFile} is not a Node addon (it has no node_register_module symbol).`
          : `the SQLite addon ${expectedFile} was built for ABI ${String(foundAbi)}, ` +
            `but this Electron runtime needs ABI ${requiredAbi}.`;
    super(
      `Liaison Log cannot open its database: ${problem} In a development checkout, build the addon with ` +
        `\`${BUILD_ELECTRON_ADDON_COMMAND}\` (\`npm start\` and \`npm run dist\` run it); an installed copy ` +
        'is damaged and must be reinstalled.',
    );
  }
}

/**
 * Where the addon may be, best first. A native addon cannot be loaded from inside app.asar, so electron-builder
 * (asarUnpack: '**\/*.node') puts it in app.asar.unpacked beside the archive: an app root inside an archive
 * is mapped there, and `resourcesPath` (process.resourcesPath) adds resources/app.asar.unpacked as well.
 */
export function electronNativeBindingCandidates(appRoot: string, resourcesPath?: string): string[] {
  const unpackedRoot = appRoot.replace(/\.asar(?=$|[\\/])/, '.asar.unpacked');
  const candidates = [path.join(unpackedRoot, ELECTRON_ADDON_RELATIVE_PATH)];
  if (resourcesPath) candidates.push(path.join(resourcesPath, 'app.asar.unpacked', ELECTRON_ADDON_RELATIVE_PATH));
  return [...new Set(candidates)];
}

const REGISTER_SYMBOL = Buffer.from('node_register_module_v', 'latin1');

/**
 * The ABI an addon was compiled for, from its registration symbol (node_register_module_v<ABI>, which
 * NODE_MODULE_INIT writes into ELF, PE and Mach-O files alike); undefined when the file has none. Read in
 * chunks: the symbol sits near the start of the file, and the whole addon is a few megabytes.
 */
export function readAddonAbi(file: string): number | undefined {
  const chunk = Buffer.alloc(1 << 20);
  const overlap = REGISTER_SYMBOL.length + 8;
  const fd = fs.openSync(file, 'r');
  try {
    let carry = Buffer.alloc(0);
    for (;;) {
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      const window = Buffer.concat([carry, chunk.subarray(0, read)]);
      const at = window.indexOf(REGISTER_SYMBOL);
      // Wait for the digits unless the file ends here: a symbol cut by a chunk boundary is carried over.
      if (at >= 0 && (read === 0 || at + overlap <= window.length)) {
        const digits = /^\d+/.exec(window.subarray(at + REGISTER_SYMBOL.length, at + overlap).toString('latin1'));
        return digits ? Number(digits[0]) : undefined;
      }
      if (read === 0) return undefined;
      carry = window.subarray(Math.max(0, window.length - overlap));
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The path of the addon built for this runtime's ABI, for better-sqlite3's `nativeBinding` option. Throws
 * NativeAddonMissingError (with an English message naming the file and the command that builds it) when it is
 * missing or built for another ABI: the shell shows that message and quits instead of starting without a
 * database.
 */
export function requireElectronNativeBinding(
  appRoot: string,
  resourcesPath?: string,
  runtimeAbi: string = process.versions.modules,
): string {
  const candidates = electronNativeBindingCandidates(appRoot, resourcesPath);
  const found = candidates.find((file) => fs.existsSync(file));
  const expected = candidates[0] ?? path.join(appRoot, ELECTRON_ADDON_RELATIVE_PATH);
  if (!found) throw new NativeAddonMissingError(expected, runtimeAbi);
  const abi = readAddonAbi(found);
  if (String(abi) !== runtimeAbi) throw new NativeAddonMissingError(found, runtimeAbi, abi ?? null);
  return found;
}

/**
 * The addon's path when running inside Electron (see requireElectronNativeBinding, which it calls with
 * process.resourcesPath, and which throws when the addon is missing); undefined under plain Node, where
 * better-sqlite3 loads its own build from node_modules.
 */
export function electronNativeBinding(appRoot: string): string | undefined {
  if (!process.versions['electron']) return undefined;
  return requireElectronNativeBinding(appRoot, process.resourcesPath);
}
