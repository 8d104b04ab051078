import path from 'node:path';
import { BrowserWindow, app, session, type WebContents } from 'electron';
import { APP_ENTRY_URL } from '../security/app-origin';
import { isAllowedNavigation, isWebviewAllowed, permissionDecision, windowOpenPolicy } from '../security/shell-policy';

/** The one window, configured per Electron's security checklist (see docs/security.md). */
export function createMainWindow(preloadDir: string): BrowserWindow {
  // The two eng-disable notes answer the static scan (scripts/security-scan.mjs) after review: AUXCLICK (middle
  // clicks opening windows) is moot because windowOpenPolicy refuses every new window, however it is asked for;
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

/** Applied to every web contents the app ever creates, including ones we did not expect. */
export function lockDownWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  // Every frame, not only the top one: the CSP forbids frames, so this is defence in depth.
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    if (!isWebviewAllowed()) event.preventDefault();
  });
  contents.setWindowOpenHandler(windowOpenPolicy);
}

/** No camera, microphone, geolocation, notifications or anything else: every permission is refused. */
export function denyAllPermissions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(permissionDecision(permission, details.requestingUrl)),
  );
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
    permissionDecision(permission, requestingOrigin),
  );
  ses.setDevicePermissionHandler((details) => permissionDecision(details.deviceType, details.origin));
}
