import path from 'node:path';
import { app, BrowserWindow, powerMonitor } from 'electron';
import { electronNativeBinding } from '../db/open';
import { createSession } from '../session/session';
import { vaultLanguage } from '../vault/vault';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { registerIpc } from './ipc';
import { createSafeStorageKeyStore } from './os-key-store';
import { createMainWindow, denyAllPermissions, lockDownWebContents } from './window';

// The thin Electron shell: lifecycle, the window, the protocol and IPC wiring. Everything else is the
// plain-Node backend behind the unlock session, which the tests and the command line run without Electron.

const outDir = path.resolve(import.meta.dirname, '..'); // out/
const dataDir = process.env['LIAISON_LOG_DATA_DIR'] ?? path.join(app.getPath('userData'), 'data');
/** How often the computer's idle time is compared with the autoLockMinutes setting. */
const IDLE_CHECK_MS = 30_000;

if (!app.requestSingleInstanceLock()) app.quit();
registerAppScheme();
app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents));

// The data stays encrypted until the officer unlocks it in the window, so the settings cannot be read
// now. Chromium's locale (which date and time inputs follow) comes from the language kept in vault.json's
// plaintext metadata; a new folder starts in English. A language change applies to the inputs after a restart.
app.commandLine.appendSwitch('lang', vaultLanguage(dataDir) === 'nl' ? 'nl-NL' : 'en-GB');

// The session itself touches nothing on disk until the window asks for it; the OS key store is asked only
// once the app is ready (safeStorage needs that).
const osKeyStore = createSafeStorageKeyStore();
const session = createSession({
  dataDir,
  osKeyStore,
  version: app.getVersion(),
  nativeBinding: electronNativeBinding(app.getAppPath()),
});

// Whatever locked the data (idle time, the OS locking the screen, suspend, the window's own button): reload
// every window so that no record stays on screen or in the renderer's memory. The page starts again at the
// unlock screen.
session.onLock(() => {
  for (const win of BrowserWindow.getAllWindows()) win.webContents.reload();
});

function lockNow(reason: string): void {
  session.lock().catch((error: unknown) => console.error(`Locking on ${reason} failed`, error));
}

app.whenReady().then(
  async () => {
    denyAllPermissions();
    await osKeyStore.whenReady();
    serveRenderer(path.join(outDir, 'renderer'));
    registerIpc(session.invoke);
    powerMonitor.on('lock-screen', () => lockNow('lock-screen'));
    powerMonitor.on('suspend', () => lockNow('suspend'));
    setInterval(() => {
      session
        .lockIfIdle(powerMonitor.getSystemIdleTime())
        .catch((error: unknown) => console.error('The idle lock failed', error));
    }, IDLE_CHECK_MS).unref();
    createMainWindow(path.join(outDir, 'preload'));
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

// Close the database (and overwrite the key in memory) before the process ends.
let quitting = false;
app.on('will-quit', (event) => {
  if (quitting) return;
  quitting = true;
  event.preventDefault();
  session
    .lock()
    .catch((error: unknown) => console.error('Locking at quit failed', error))
    .finally(() => app.quit());
});
