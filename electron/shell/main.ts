import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, powerMonitor } from 'electron';
import { describeError } from '../logging/describe';
import { NativeAddonMissingError, requireElectronNativeBinding } from '../db/native-addon';
import { createBackendHost, type BackendHost } from '../process/backend-host';
import { createForwarder } from '../process/forward';
import { APP_ENTRY_URL } from '../security/app-origin';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { cliArguments, runCliAndExit } from './cli-launcher';
import { electronFileChooser } from './file-chooser';
import { registerIpc } from './ipc';
import { createSafeStorageKeyStore } from './os-key-store';
import { utilitySpawner } from './utility-child';
import { createMainWindow, lockDownWebContents, restrictSessionPermissions } from './window';

// The thin Electron shell: lifecycle, the window, the protocol, the OS key store, power events and message
// forwarding. Everything else (the unlock session, SQLite, scrypt, backups, imports, reports, every file of the
// data folder) runs in the backend process (electron/process/), which the shell starts as a utility process and
// speaks to by messages. So no slow operation ever holds up this process, which paints every window.

const outDir = path.resolve(import.meta.dirname, '..'); // out/
const dataDir = process.env['LIAISON_LOG_DATA_DIR'] ?? path.join(app.getPath('userData'), 'data');
/** How often the computer's idle time is compared with the autoLockMinutes setting. */
const IDLE_CHECK_MS = 30_000;

const osKeyStore = createSafeStorageKeyStore();
let host: BackendHost | undefined;
/** While the shell locks because the page crashed, it reopens the window itself, with a notice. */
let lockingForCrash = false;

/** Shell errors go to the data folder's log through the backend process (the shell writes no file there). */
function logShell(code: string, message: string, error?: unknown): void {
  const detail = error === undefined ? '' : describeError(error).summary;
  console.error(`[${code}] ${message}`, detail);
  void host?.control({ op: 'log', level: 'error', code, message: detail ? `${message}: ${detail}` : message });
}

/** Reloads every window at the entry page, optionally with a notice for the unlock screen. */
function reloadWindows(notice?: 'renderer_gone' | 'backend_stopped'): void {
  const url = notice ? `${APP_ENTRY_URL}?notice=${notice}` : APP_ENTRY_URL;
  for (const win of BrowserWindow.getAllWindows()) void win.loadURL(url);
}

function lockNow(reason: string): void {
  host?.control({ op: 'lock', reason }).catch((error: unknown) => logShell('shell.lock_failed', reason, error));
}

/** The Electron-ABI SQLite addon, or a clear refusal to start: never a silent fallback to the Node build. */
function nativeBindingOrExplain(): string | undefined {
  try {
    return requireElectronNativeBinding(app.getAppPath(), process.resourcesPath);
  } catch (error) {
    if (!(error instanceof NativeAddonMissingError)) throw error;
    dialog.showErrorBox('Liaison Log cannot start', error.message);
    app.exit(1);
    return undefined;
  }
}

// `liaison-log --cli COMMAND ...`: the command line, without a window (electron/shell/cli-launcher.ts).
const cliArgs = cliArguments(process.argv);
if (cliArgs) void runCliAndExit(cliArgs);
else startWindowApp();

/**
 * Chromium's locale (which the date and time inputs follow) must be chosen before the app is ready, when the
 * data is still locked. The backend process tells the shell the installation's language; the shell keeps it in
 * its own file (not in the data folder) for the next start.
 */
const LANGUAGE_FILE = path.join(app.getPath('userData'), 'window-language.json');

function savedLanguage(): 'en' | 'nl' {
  try {
    const saved = JSON.parse(fs.readFileSync(LANGUAGE_FILE, 'utf8')) as { language?: unknown };
    return saved.language === 'nl' ? 'nl' : 'en';
  } catch {
    return 'en';
  }
}

function rememberLanguage(language: 'en' | 'nl'): void {
  if (language === savedLanguage()) return;
  fs.promises
    .writeFile(LANGUAGE_FILE, JSON.stringify({ language }))
    .catch((error: unknown) => logShell('shell.language_not_saved', 'The window language was not saved', error));
}

function startWindowApp(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // A language change applies to the date and time inputs after a restart.
  app.commandLine.appendSwitch('lang', savedLanguage() === 'nl' ? 'nl-NL' : 'en-GB');
  registerAppScheme();
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents));

  app.whenReady().then(
    async () => {
      const nativeBinding = nativeBindingOrExplain();
      if (!nativeBinding) return;
      restrictSessionPermissions();
      await osKeyStore.whenReady();
      serveRenderer(path.join(outDir, 'renderer'));
      const backend = createBackendHost({
        spawn: utilitySpawner(path.join(outDir, 'main', 'backend.js')),
        // Answers are checked against the contract in tests and on the command line, not in the installed app.
        init: { dataDir, version: app.getVersion(), nativeBinding, checkOutputs: false },
        osKeyStore,
        log: (message, error) => logShell('shell.backend', message, error),
        onLanguage: rememberLanguage,
      });
      host = backend;
      // Whatever locked the data (idle time, the OS locking the screen, suspend, the window's own button): reload
      // every window so that no record stays on screen or in the renderer's memory.
      backend.onLocked(() => {
        if (!lockingForCrash) reloadWindows();
      });
      // The backend process died: the window says so and offers to restart it (the unlock screen's notice).
      backend.onStopped(() => reloadWindows('backend_stopped'));
      registerIpc(createForwarder({ host: backend, chooser: electronFileChooser() }));
      powerMonitor.on('lock-screen', () => lockNow('lock-screen'));
      powerMonitor.on('suspend', () => lockNow('suspend'));
      setInterval(() => {
        backend
          .control({ op: 'lockIfIdle', idleSeconds: powerMonitor.getSystemIdleTime() })
          .catch((error: unknown) => logShell('shell.idle_lock_failed', 'The idle lock failed', error));
      }, IDLE_CHECK_MS).unref();
      const win = createMainWindow(path.join(outDir, 'preload'));
      // A crashed page starts again at the unlock screen, with a notice; the data is locked first, since the
      // page's memory held records.
      win.webContents.on('render-process-gone', (_event, details) => {
        // A page that ended on purpose (the window closing) is no crash: nothing to lock or reopen.
        if (details.reason === 'clean-exit') return;
        logShell('shell.renderer_gone', `The window's page stopped (${details.reason})`);
        // Lock first, then reopen with the notice (the lock's own reload would drop the notice).
        lockingForCrash = true;
        backend
          .control({ op: 'lock', reason: 'renderer-gone' })
          .catch((error: unknown) => logShell('shell.lock_failed', 'renderer-gone', error))
          .finally(() => {
            lockingForCrash = false;
            reloadWindows('renderer_gone');
          });
      });
    },
    (error: unknown) => {
      console.error(error);
      app.exit(1);
    },
  );

  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.on('window-all-closed', () => app.quit());

  // Lock (closing the database and overwriting the key in memory) and end the backend before the app ends.
  let quitting = false;
  app.on('will-quit', (event) => {
    if (quitting || !host) return;
    quitting = true;
    event.preventDefault();
    host
      .stop()
      .catch((error: unknown) => console.error('Stopping the backend at quit failed', error))
      .finally(() => app.quit());
  });
}
