import path from 'node:path';
import { BrowserWindow, app, session, type WebContents } from 'electron';
import { APP_ENTRY_URL } from '../security/app-origin';
import { lockDownContents, restrictPermissions } from '../security/shell-policy';

/** The one window, configured per Electron's security checklist (see docs/security.md). */
export function createMainWindow(preloadDir: string): BrowserWindow {
  // The two eng-disable notes answer the static scan (scripts/security-scan.mjs) after review: AUXCLICK (middle
  // clicks opening windows) is moot because lockDownContents refuses every new window, however it is asked for;
  // the preload is the reviewed one-function bridge of preload.ts (docs/security.md, 20).
  /* eng-disable AUXCLICK_JS_CHECK */ const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Liaison Log',
    // The same source image as the installers' icons (resources/, made by scripts/make-icons.mjs).
    icon: path.join(app.getAppPath(), 'resources', 'icon.png'),
    backgroundColor: '#f3f5f8',
    webPreferences: {
      preload: path.join(preloadDir, 'index.cjs'), // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false, // spell-check would send typed police data to a dictionary service on some systems
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

/** Applied to every web contents the app ever creates, including ones we did not expect (shell-policy.ts). */
export function lockDownWebContents(contents: WebContents): void {
  lockDownContents(contents);
}

/** No camera, microphone, geolocation, notifications or anything else: only the clipboard write of our page. */
export function restrictSessionPermissions(): void {
  restrictPermissions(session.defaultSession);
}
