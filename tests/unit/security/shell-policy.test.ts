import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from '../../../electron/security/app-origin';
import {
  isAllowedNavigation,
  isTrustedIpcSender,
  isWebviewAllowed,
  permissionDecision,
  windowOpenPolicy,
} from '../../../electron/security/shell-policy';

// The shell's decisions about navigation, new windows, permissions, webviews and IPC senders, without Electron.
// The last block reads the shell's source to prove each Electron event is wired to these functions, so a later
// edit cannot quietly put a hand-written rule (or none) in their place. tests/electron/smoke.spec.ts tries the
// same decisions in the real app where the Electron binary exists.

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Places a page could try to go: other schemes, hosts that only look like ours, local files, browser pages. */
const FOREIGN_URLS = [
  'https://evil.example/',
  'http://liaison-log/index.html',
  'https://liaison-log/index.html',
  'http://localhost:5173/',
  'http://127.0.0.1:8080/',
  'file:///etc/passwd',
  'file:///home/officer/Downloads/phish.html',
  'file://liaison-log/index.html',
  'app://evil/index.html',
  'app://liaison-log.evil.example/index.html',
  'app://evil.example/liaison-log/index.html',
  'app://liaison-log:8080/index.html',
  'apps://liaison-log/index.html',
  'about:blank',
  'about:srcdoc',
  'data:text/html,<script>alert(1)</script>',
  'javascript:alert(document.domain)',
  'blob:app://liaison-log/0b1f',
  'devtools://devtools/bundled/inspector.html',
  'chrome://settings',
  'chrome-extension://abc/index.html',
  'mailto:hq@example.invalid',
  'ms-settings:privacy',
  'smb://server/share',
  'vbscript:msgbox(1)',
  '',
  'not a url',
];

/** Every permission name Electron 45 passes to the handlers (electron.d.ts), plus the three device types. */
const ELECTRON_PERMISSIONS = [
  'ar',
  'automatic-fullscreen',
  'background-fetch',
  'background-sync',
  'captured-surface-control',
  'clipboard-read',
  'clipboard-sanitized-write',
  'deprecated-sync-clipboard-read',
  'display-capture',
  'fileSystem',
  'fullscreen',
  'geolocation',
  'geolocation-approximate',
  'hand-tracking',
  'hid',
  'idle-detection',
  'keyboardLock',
  'local-fonts',
  'local-network',
  'local-network-access',
  'loopback-network',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'nfc',
  'notifications',
  'openExternal',
  'payment-handler',
  'periodic-background-sync',
  'persistent-storage',
  'pointerLock',
  'screen-wake-lock',
  'sensors',
  'serial',
  'smart-card',
  'speaker-selection',
  'storage-access',
  'system-wake-lock',
  'top-level-storage-access',
  'usb',
  'vr',
  'web-app-installation',
  'web-printing',
  'window-management',
  'unknown',
];

describe('isAllowedNavigation', () => {
  it('allows our own page (a reload, another route of it)', () => {
    for (const url of [APP_ENTRY_URL, 'app://liaison-log/', 'app://liaison-log/index.html#/requests']) {
      expect(isAllowedNavigation(url), url).toBe(true);
    }
  });

  it('refuses every other place, and missing values', () => {
    for (const url of FOREIGN_URLS) expect(isAllowedNavigation(url), url).toBe(false);
    expect(isAllowedNavigation(undefined)).toBe(false);
    expect(isAllowedNavigation(null)).toBe(false);
  });

  it('for any string at all, allows it only if it parses to our scheme and host (fast-check)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.string({ unit: 'binary' })), (url) => {
        if (!isAllowedNavigation(url)) return;
        const u = new URL(url);
        expect([u.protocol, u.host]).toEqual(['app:', 'liaison-log']);
      }),
      { seed: 0x5e11, numRuns: 2000 },
    );
  });
});

describe('windowOpenPolicy', () => {
  it('denies every new window, whatever it is for (our own page included)', () => {
    for (const url of [APP_ENTRY_URL, ...FOREIGN_URLS])
      expect(windowOpenPolicy({ url }), url).toEqual({ action: 'deny' });
    expect(windowOpenPolicy()).toEqual({ action: 'deny' });
  });

  it('never hands back options that could configure a window', () => {
    expect(Object.keys(windowOpenPolicy({ url: APP_ENTRY_URL }))).toEqual(['action']);
  });
});

describe('permissionDecision', () => {
  it('refuses every permission Electron knows, from any origin, our own included', () => {
    for (const permission of ELECTRON_PERMISSIONS) {
      for (const origin of ['app://liaison-log', APP_ENTRY_URL, 'https://evil.example', '', null, undefined]) {
        expect(permissionDecision(permission, origin), `${permission} from ${String(origin)}`).toBe(false);
      }
    }
  });

  it('refuses device permissions (hid, serial, usb) and names it has never heard of', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom('hid', 'serial', 'usb'), fc.string()), fc.webUrl(), (permission, origin) => {
        expect(permissionDecision(permission, origin)).toBe(false);
      }),
      { seed: 0x9e7, numRuns: 500 },
    );
  });
});

describe('isWebviewAllowed', () => {
  it('is false: the app has no <webview>', () => {
    expect(isWebviewAllowed()).toBe(false);
  });
});

describe('isTrustedIpcSender', () => {
  it('trusts only the top frame of our own page', () => {
    expect(isTrustedIpcSender(APP_ENTRY_URL, true)).toBe(true);
    expect(isTrustedIpcSender('app://liaison-log/index.html#/settings', true)).toBe(true);
  });

  it('refuses an iframe, even one showing our own page', () => {
    expect(isTrustedIpcSender(APP_ENTRY_URL, false)).toBe(false);
    expect(isTrustedIpcSender('app://liaison-log/', false)).toBe(false);
  });

  it('refuses foreign frames, top or not, and a frame that is gone', () => {
    for (const url of FOREIGN_URLS) {
      expect(isTrustedIpcSender(url, true), url).toBe(false);
      expect(isTrustedIpcSender(url, false), url).toBe(false);
    }
    expect(isTrustedIpcSender(undefined, false)).toBe(false);
    expect(isTrustedIpcSender(null, false)).toBe(false);
    expect(isTrustedIpcSender(undefined, true)).toBe(false);
  });
});

describe('the shell uses these decisions, one line each', () => {
  const window = fs.readFileSync(path.join(ROOT, 'electron/shell/window.ts'), 'utf8');
  const ipc = fs.readFileSync(path.join(ROOT, 'electron/shell/ipc.ts'), 'utf8');
  const main = fs.readFileSync(path.join(ROOT, 'electron/shell/main.ts'), 'utf8');

  /** The source of the listener registered for `event` on a web contents, up to the end of its statement. */
  function listener(event: string): string {
    const at = window.indexOf(`contents.on('${event}'`);
    expect(at, `no listener for ${event} in window.ts`).toBeGreaterThanOrEqual(0);
    return window.slice(at, window.indexOf('});', at));
  }

  it('navigation (will-navigate, will-frame-navigate, will-redirect) is decided by isAllowedNavigation', () => {
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(listener(event), event).toMatch(/if \(!isAllowedNavigation\([^)]*\)\) event\.preventDefault\(\);/);
    }
    expect(listener('will-attach-webview')).toMatch(/if \(!isWebviewAllowed\(\)\) event\.preventDefault\(\);/);
  });

  it('new windows are decided by windowOpenPolicy, permissions by permissionDecision', () => {
    expect(window).toContain('contents.setWindowOpenHandler(windowOpenPolicy);');
    for (const handler of ['setPermissionRequestHandler', 'setPermissionCheckHandler', 'setDevicePermissionHandler']) {
      const at = window.indexOf(`ses.${handler}(`);
      expect(at, handler).toBeGreaterThanOrEqual(0);
      expect(window.slice(at, window.indexOf(');\n', at)), handler).toContain('permissionDecision(');
    }
  });

  it('IPC answers only what isTrustedIpcSender trusts, and the lock-down reaches every web contents', () => {
    expect(ipc).toMatch(
      /if \(!isTrustedIpcSender\(frame\?\.url, frame\?\.parent === null\)\) \{\s*return fail\('forbidden'/,
    );
    expect(main).toContain("app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents));");
    expect(main).toMatch(/denyAllPermissions\(\);/);
  });
});
