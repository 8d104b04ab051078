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

let backend: Backend | undefined;

app.whenReady().then(
  () => {
    denyAllPermissions();
    try {
      backend = createBackend({
        dataDir,
        version: app.getVersion(),
        nativeBinding: electronNativeBinding(app.getAppPath()),
      });
    } catch (error) {
      dialog.showErrorBox('Liaison Log cannot open its data', (error as Error).message);
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
