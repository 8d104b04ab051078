import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { requireElectronNativeBinding } from '../db/native-addon';

// The installed app answers the command line too: `liaison-log --cli <command> ...` runs the same commands as
// `node out/cli/index.js` (bin/liaison-log.mjs in a checkout), with the same exit codes and --json output, inside
// Electron's main process and without a window. The runAsNode fuse is off (electron-builder.yml), so
// ELECTRON_RUN_AS_NODE cannot make the app a Node runtime; the main process runs the bundled command line itself.
//
// Wiring, at the very top of electron/shell/main.ts, before the single-instance lock (a command must neither be
// refused because a window is open nor stop a window from opening) and before any window or session exists:
//
//   const cliArgs = cliArguments(process.argv);
//   if (cliArgs) void runCliAndExit(cliArgs);
//   else { ...the window... }
//
// On Windows the app is a GUI program: Electron attaches it to the console it was started from (unless
// ELECTRON_NO_ATTACH_CONSOLE is set), but cmd.exe does not wait for a GUI program nor pass on its exit code, so
// the installer puts liaison-log.cmd beside the app, which does (README, "The command line").

/** The switch that makes the app a command line instead of a window. */
export const CLI_SWITCH = '--cli';

/**
 * The command line's arguments when the app was started as `<app> [switches] --cli ARGS...` (argv[0] is the
 * executable; `electron .` in a checkout adds the app folder), or undefined for a normal, windowed start.
 */
export function cliArguments(argv: readonly string[]): string[] | undefined {
  const at = argv.indexOf(CLI_SWITCH, 1);
  return at === -1 ? undefined : argv.slice(at + 1);
}

/** The bundled command line in the built app (electron.vite.config.ts builds it into out/cli/). */
export function bundledCliModule(appRoot: string): string {
  return path.join(appRoot, 'out', 'cli', 'run-cli.js');
}

interface CliStreams {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** The signature of runCli in electron/cli/main.ts, as the bundle exports it. */
type BundledRunCli = (
  argv: readonly string[],
  io?: CliStreams,
  env?: NodeJS.ProcessEnv,
  options?: { readonly nativeBinding?: string },
) => Promise<number>;

export interface CliLaunch {
  /** The app's root: app.getAppPath() (app.asar when installed, the project folder in a checkout). */
  readonly appRoot: string;
  /** process.resourcesPath, where app.asar.unpacked is. */
  readonly resourcesPath?: string | undefined;
  /** The ABI the native addon must have; this runtime's by default. */
  readonly runtimeAbi?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly io?: CliStreams;
}

/**
 * Runs one command of the bundled command line in this process and returns its exit code. The SQLite addon
 * must be the build for this runtime's ABI (requireElectronNativeBinding throws NativeAddonMissingError
 * otherwise), and is handed to the command line as its `nativeBinding`.
 */
export async function runBundledCli(args: readonly string[], launch: CliLaunch): Promise<number> {
  const nativeBinding = requireElectronNativeBinding(launch.appRoot, launch.resourcesPath, launch.runtimeAbi);
  const loaded = (await import(pathToFileURL(bundledCliModule(launch.appRoot)).href)) as { runCli: BundledRunCli };
  return loaded.runCli(args, launch.io, launch.env ?? process.env, { nativeBinding });
}

/** Resolves once everything written to `stream` so far has been handed to the OS. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

/**
 * The app's `--cli` start: runs the command without any window and ends the process with its exit code (1 if it
 * could not run at all, with the reason on stderr). Electron is imported here, not at the top, so that the
 * argument handling above can be tested under plain Node.
 */
export async function runCliAndExit(args: readonly string[]): Promise<never> {
  const { app } = await import('electron');
  // macOS: a command shows no Dock icon.
  app.dock?.hide();
  let code: number;
  try {
    code = await runBundledCli(args, { appRoot: app.getAppPath(), resourcesPath: process.resourcesPath });
  } catch (error) {
    process.stderr.write(`liaison-log: ${error instanceof Error ? error.message : String(error)}\n`);
    code = 1;
  }
  // app.exit ends the process at once: output still queued for a pipe or file would be lost.
  await flushed(process.stdout);
  await flushed(process.stderr);
  app.exit(code);
  // app.exit does not return; this only satisfies the type.
  return new Promise<never>(() => undefined);
}
