import { isAppUrl } from './app-origin';

// Every security decision the Electron shell takes about what a page may do, as plain functions: the shell
// (electron/shell/window.ts, ipc.ts) calls each from one line, tests/unit/security/shell-policy.test.ts proves
// them without Electron, and tests/electron/smoke.spec.ts tries them in the real app where Electron runs.
// Liaison Log is one page served from app://liaison-log; anything else a page asks for is refused.

/** will-navigate, will-frame-navigate, will-redirect: only to our own app:// origin, never off it. */
export function isAllowedNavigation(url: string | null | undefined): boolean {
  return isAppUrl(url);
}

/** What `setWindowOpenHandler` answers to window.open, target=_blank and middle clicks: no new window, ever. */
export function windowOpenPolicy(_details?: { url: string }): { action: 'deny' } {
  // The app has one window and no link to follow outside it (docs/security.md, 14 and 15).
  return { action: 'deny' };
}

/**
 * Whether a page gets a permission (camera, microphone, geolocation, notifications, clipboard, HID/serial/USB
 * devices, openExternal, ...), whoever asks, our own page included: the app needs none, so the answer is no.
 * Used for permission requests, permission checks and device permissions alike.
 */
export function permissionDecision(_permission: string, _requestingOrigin?: string | null): boolean {
  return false;
}

/** `will-attach-webview`: the app has no <webview>, so none may be attached. */
export function isWebviewAllowed(): boolean {
  return false;
}

/**
 * IPC is answered only for the top frame of our own page: never an iframe (even one showing our page), never
 * a foreign page, never a frame that is gone (Electron then gives no URL).
 */
export function isTrustedIpcSender(frameUrl: string | null | undefined, isMainFrame: boolean): boolean {
  return isMainFrame && isAppUrl(frameUrl);
}
