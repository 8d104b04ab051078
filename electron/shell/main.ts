import path from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { createBackend, type Backend } from '../backend/create-backend';
import { electronNativeBinding } from '../db/open';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { registerIpc } from './ipc';
import { createMainWindow, denyAllPermissions, lockDownWebContents } from './window';

// The thin Electron shell: lifecycle, the window, the protocol and IPC wiring. Everything else is the
// plain-Node backend, which the tests and the command line run without Electron.

const outDir = path.resolve(import.meta.dirname, '..'); // out/
const dataDir = process.env['LIAISON_LOG_DATA_DIR'] ?? path.join(app.getPath('userData'), 'data');

if (!app.requestSingleInstanceLock()) app.quit();
registerAppScheme();
app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents));

// The data opens before the app is ready (it needs no Electron API), so the saved language can set
// Chromium's locale, which date and time inputs follow. A language change applies to them after a restart.
let backend: Backend | undefined;
let openError: Error | undefined;
try {
  backend = createBackend({
    dataDir,
    version: app.getVersion(),
    nativeBinding: electronNativeBinding(app.getAppPath()),
  });
  app.commandLine.appendSwitch('lang', backend.services.settings.read().language === 'nl' ? 'nl-NL' : 'en-GB');
} catch (error) {
  openError = error as Error;
}

app.whenReady().then(
  () => {
    denyAllPermissions();
    if (!backend) {
      dialog.showErrorBox('Liaison Log cannot open its data', openError?.message ?? 'Unknown error');
      app.exit(1);
      return;
    }
    serveRenderer(path.join(outDir, 'renderer'));
    registerIpc(backend.invoke);
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
app.on('will-quit', () => backend?.close());
