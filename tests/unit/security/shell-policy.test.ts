import { EventEmitter } from 'node:events';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../../electron/security/app-origin';
import {
  CLIPBOARD_WRITE,
  isAllowedNavigation,
  isTrustedIpcEvent,
  isTrustedIpcSender,
  lockDownContents,
  restrictPermissions,
  type GuardedContents,
  type PermissionCheckDetails,
  type PermissionRequestDetails,
  type PermissionSession,
} from '../../../electron/security/shell-policy';

// The shell's decisions about navigation, new windows, permissions, webviews and IPC senders, without Electron:
// the shell hands its WebContents, its Session and each IPC event to shell-policy.ts (electron/shell/window.ts,
// ipc.ts, one line each), so these tests drive the same code with stand-ins for those Electron objects, emit
// the events Electron emits and look at what was cancelled, denied or answered. tests/electron/smoke.spec.ts
// tries the same decisions in the real app where the Electron binary exists.

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

/** A stand-in for Electron's WebContents: an EventEmitter that keeps the window-open handler it is given. */
class StandInContents extends EventEmitter implements GuardedContents {
  windowOpenHandler: ((details: { url: string }) => unknown) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  /** Emits `event` as Electron does and says whether a listener cancelled it. */
  cancelled(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    const e = { preventDefault: () => void (prevented = true), url: args[0] };
    expect(this.listenerCount(event), `no listener for ${event}`).toBeGreaterThan(0);
    this.emit(event, e, ...args);
    return prevented;
  }
}

function lockedDown(): StandInContents {
  const contents = new StandInContents();
  lockDownContents(contents);
  return contents;
}

describe('lockDownContents: navigation of the page and of every frame', () => {
  it('lets our own page reload or change route (will-navigate, will-frame-navigate, will-redirect)', () => {
    const contents = lockedDown();
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      for (const url of [APP_ENTRY_URL, 'app://liaison-log/', 'app://liaison-log/index.html#/requests']) {
        expect(contents.cancelled(event, url), `${event} ${url}`).toBe(false);
      }
    }
  });

  it('cancels every navigation and redirect anywhere else', () => {
    const contents = lockedDown();
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      for (const url of FOREIGN_URLS) expect(contents.cancelled(event, url), `${event} ${url}`).toBe(true);
    }
  });

  it('cancels every <webview>, whatever it would show', () => {
    const contents = lockedDown();
    for (const src of [APP_ENTRY_URL, 'https://evil.example/']) {
      expect(contents.cancelled('will-attach-webview', { src }, { src })).toBe(true);
    }
  });
});

describe('lockDownContents: new windows', () => {
  it('denies every new window, whatever it is for (our own page included)', () => {
    const handler = lockedDown().windowOpenHandler;
    expect(handler, 'no window-open handler was set').toBeDefined();
    for (const url of [APP_ENTRY_URL, ...FOREIGN_URLS]) expect(handler!({ url }), url).toEqual({ action: 'deny' });
  });

  it('never hands back options that could configure a window', () => {
    expect(Object.keys(lockedDown().windowOpenHandler!({ url: APP_ENTRY_URL }) as object)).toEqual(['action']);
  });
});

/** A stand-in for Electron's Session: keeps the three permission handlers it is given. */
function permissionHandlers() {
  const set: {
    request?: Parameters<PermissionSession['setPermissionRequestHandler']>[0];
    check?: Parameters<PermissionSession['setPermissionCheckHandler']>[0];
    device?: Parameters<PermissionSession['setDevicePermissionHandler']>[0];
  } = {};
  restrictPermissions({
    setPermissionRequestHandler: (handler) => void (set.request = handler),
    setPermissionCheckHandler: (handler) => void (set.check = handler),
    setDevicePermissionHandler: (handler) => void (set.device = handler),
  });
  expect(Object.keys(set).sort(), 'a permission handler was not set').toEqual(['check', 'device', 'request']);
  /** What the request handler answers (through its callback; undefined if it never answers), as Electron calls it. */
  const request = (permission: string, details?: PermissionRequestDetails): boolean | undefined => {
    let answer: boolean | undefined;
    set.request!({}, permission, (granted) => void (answer = granted), details);
    return answer;
  };
  const check = (permission: string, origin?: string, details?: PermissionCheckDetails): boolean =>
    set.check!({}, permission, origin, details);
  return { request, check, device: set.device! };
}

/** How Electron describes our own page's top frame asking (request) and checking (check). */
const OUR_TOP_FRAME = { requestingUrl: `${APP_ENTRY_URL}#/attention`, isMainFrame: true } as const;

describe('restrictPermissions', () => {
  it('refuses every permission Electron knows but the clipboard write, asked or checked, our own page included', () => {
    const handlers = permissionHandlers();
    for (const permission of ELECTRON_PERMISSIONS.filter((p) => p !== CLIPBOARD_WRITE)) {
      expect(handlers.request(permission, OUR_TOP_FRAME), `request ${permission}`).toBe(false);
      expect(handlers.request(permission), `request ${permission} without details`).toBe(false);
      expect(handlers.check(permission, APP_ORIGIN, OUR_TOP_FRAME), `check ${permission}`).toBe(false);
      expect(handlers.check(permission), `check ${permission} without details`).toBe(false);
    }
  });

  it("lets the top frame of our own page write to the clipboard (the recovery key's Copy button)", () => {
    const handlers = permissionHandlers();
    expect(handlers.request(CLIPBOARD_WRITE, OUR_TOP_FRAME)).toBe(true);
    expect(handlers.check(CLIPBOARD_WRITE, APP_ORIGIN, OUR_TOP_FRAME)).toBe(true);
    // A check may come without the URL (Electron leaves it out when no document asks): the origin decides.
    expect(handlers.check(CLIPBOARD_WRITE, APP_ORIGIN, { isMainFrame: true })).toBe(true);
    // Reading stays refused, both ways of asking.
    expect(handlers.request('clipboard-read', OUR_TOP_FRAME)).toBe(false);
    expect(handlers.check('deprecated-sync-clipboard-read', APP_ORIGIN, OUR_TOP_FRAME)).toBe(false);
  });

  it('refuses the clipboard write to any frame but our own top one, and when Electron does not say who asks', () => {
    const handlers = permissionHandlers();
    expect(handlers.request(CLIPBOARD_WRITE)).toBe(false);
    expect(handlers.check(CLIPBOARD_WRITE)).toBe(false);
    expect(handlers.check(CLIPBOARD_WRITE, APP_ORIGIN)).toBe(false);
    // An iframe, even one showing our own page.
    expect(handlers.request(CLIPBOARD_WRITE, { ...OUR_TOP_FRAME, isMainFrame: false })).toBe(false);
    expect(handlers.check(CLIPBOARD_WRITE, APP_ORIGIN, { ...OUR_TOP_FRAME, isMainFrame: false })).toBe(false);
    expect(handlers.request(CLIPBOARD_WRITE, { requestingUrl: APP_ENTRY_URL })).toBe(false);
    // Our page inside another page (Electron names the embedding origin for a cross-origin frame).
    expect(
      handlers.check(CLIPBOARD_WRITE, APP_ORIGIN, { ...OUR_TOP_FRAME, embeddingOrigin: 'https://evil.example' }),
    ).toBe(false);
    for (const url of FOREIGN_URLS) {
      expect(handlers.request(CLIPBOARD_WRITE, { requestingUrl: url, isMainFrame: true }), url).toBe(false);
      expect(handlers.check(CLIPBOARD_WRITE, url, { isMainFrame: true }), url).toBe(false);
      // Our origin named, but the frame's own URL is foreign: refused.
      expect(handlers.check(CLIPBOARD_WRITE, APP_ORIGIN, { requestingUrl: url, isMainFrame: true }), url).toBe(false);
    }
  });

  it('refuses devices (hid, serial, usb) and permissions it has never heard of, from anywhere (fast-check)', () => {
    const handlers = permissionHandlers();
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom('hid', 'serial', 'usb'), fc.string()).filter((p) => p !== CLIPBOARD_WRITE),
        fc.oneof(fc.webUrl(), fc.constant(APP_ENTRY_URL)),
        fc.boolean(),
        (permission, url, isMainFrame) => {
          expect(handlers.device({ deviceType: permission, origin: url })).toBe(false);
          expect(handlers.request(permission, { requestingUrl: url, isMainFrame })).toBe(false);
          expect(handlers.check(permission, url, { requestingUrl: url, isMainFrame })).toBe(false);
          expect(handlers.check(permission, null as unknown as string)).toBe(false);
        },
      ),
      { seed: 0x9e7, numRuns: 500 },
    );
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

describe('isTrustedIpcEvent', () => {
  const top = (url: string) => ({ senderFrame: { url, parent: null } });
  const inFrame = (url: string) => ({ senderFrame: { url, parent: top(APP_ENTRY_URL).senderFrame } });

  it('answers the top frame of our own page', () => {
    expect(isTrustedIpcEvent(top(APP_ENTRY_URL))).toBe(true);
    expect(isTrustedIpcEvent(top('app://liaison-log/index.html#/settings'))).toBe(true);
  });

  it('refuses an iframe of our page, a foreign frame and a frame that is gone', () => {
    expect(isTrustedIpcEvent(inFrame(APP_ENTRY_URL))).toBe(false);
    for (const url of FOREIGN_URLS) {
      expect(isTrustedIpcEvent(top(url)), url).toBe(false);
      expect(isTrustedIpcEvent(inFrame(url)), url).toBe(false);
    }
    expect(isTrustedIpcEvent({ senderFrame: null })).toBe(false);
    // A parent that is there but unknown (undefined) is not "no parent".
    expect(isTrustedIpcEvent({ senderFrame: { url: APP_ENTRY_URL, parent: undefined } })).toBe(false);
  });
});
