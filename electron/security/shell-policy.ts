import { isAppUrl } from './app-origin';

// Every security decision the Electron shell takes about what a page may do, as plain code over the few
// methods of Electron's objects it uses (described structurally, so this file never imports Electron): the
// shell (electron/shell/window.ts, ipc.ts) hands its WebContents, its Session and each IPC event to these
// functions, tests/unit/security/shell-policy.test.ts drives them with stand-ins for those Electron objects,
// and tests/electron/smoke.spec.ts tries them in the real app where Electron runs.
// Liaison Log is one page served from app://liaison-log; anything else a page asks for is refused.

/** will-navigate, will-frame-navigate, will-redirect: only to our own app:// origin, never off it. */
export function isAllowedNavigation(url: string | null | undefined): boolean {
  return isAppUrl(url);
}

/**
 * IPC is answered only for the top frame of our own page: never an iframe (even one showing our page), never
 * a foreign page, never a frame that is gone (Electron then gives no URL).
 */
export function isTrustedIpcSender(frameUrl: string | null | undefined, isMainFrame: boolean): boolean {
  return isMainFrame && isAppUrl(frameUrl);
}

/** What an IPC event tells about its sender: the frame (null once it is gone) and that frame's parent. */
export interface IpcSenderEvent {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** Whether the IPC handler answers this event: only the top frame (no parent) of our own page. */
export function isTrustedIpcEvent(event: IpcSenderEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && isTrustedIpcSender(frame.url, frame.parent === null);
}

/** An Electron event the listener may cancel (will-frame-navigate's also carries the URL). */
export interface CancellableEvent {
  readonly url?: unknown;
  preventDefault(): void;
}

/** A listener of the lock-down: the event, then (will-navigate, will-redirect) the URL. */
export type GuardListener = (event: CancellableEvent, url?: unknown) => void;

/** The part of Electron's WebContents the lock-down uses (its EventEmitter `on` and the window-open handler). */
export interface GuardedContents {
  on(event: string, listener: GuardListener): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Locks down one web contents (the shell applies it to every one the app creates): navigation and redirects
 * of any frame stay on our own page; no <webview> is ever attached (the app has none); no new window opens,
 * whatever asks for it (window.open, target=_blank, a middle click), our own page included, and the handler
 * hands back no options that could configure one.
 */
export function lockDownContents(contents: GuardedContents): void {
  const stayOnOurPage = (event: CancellableEvent, url: unknown) => {
    if (!isAllowedNavigation(typeof url === 'string' ? url : undefined)) event.preventDefault();
  };
  contents.on('will-navigate', (event, url) => stayOnOurPage(event, url));
  // Every frame, not only the top one: the CSP forbids frames, so this is defence in depth.
  contents.on('will-frame-navigate', (event) => stayOnOurPage(event, event.url));
  contents.on('will-redirect', (event, url) => stayOnOurPage(event, url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * The one permission the app's page is given: writing sanitized text to the clipboard (Chromium's
 * `clipboard-sanitized-write`, behind `navigator.clipboard.writeText`), so the recovery key's Copy button works.
 * Reading the clipboard (`clipboard-read`, `deprecated-sync-clipboard-read`) stays refused.
 */
export const CLIPBOARD_WRITE = 'clipboard-sanitized-write';

/** What Electron tells the request handler about the asking frame (PermissionRequest and its variants). */
export interface PermissionRequestDetails {
  readonly requestingUrl?: string;
  readonly isMainFrame?: boolean;
}

/** What Electron tells the check handler about the asking frame (PermissionCheckHandlerHandlerDetails). */
export interface PermissionCheckDetails {
  readonly requestingUrl?: string;
  readonly isMainFrame?: boolean;
  /** Set only for a cross-origin frame: the origin of the page embedding it. */
  readonly embeddingOrigin?: string;
}

/** The part of Electron's Session that decides permissions. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details?: PermissionRequestDetails,
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (
      contents: unknown,
      permission: string,
      requestingOrigin?: string,
      details?: PermissionCheckDetails,
    ) => boolean,
  ): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
}

/** A clipboard write asked by the top frame of our own page; nothing else, from no one else. */
function isOurClipboardWrite(permission: string, url: string | undefined, isMainFrame: boolean | undefined): boolean {
  return permission === CLIPBOARD_WRITE && isMainFrame === true && isAppUrl(url);
}

/**
 * No camera, microphone, geolocation, notifications, clipboard reading, HID/serial/USB devices, openExternal or
 * anything else, whoever asks, our own page included: the app needs none. The one exception is writing text to
 * the clipboard (`CLIPBOARD_WRITE`), for the top frame of our own page only (its requesting URL and, for a
 * check, its origin on app://liaison-log; never a frame embedded in another page). Requests, checks and device
 * permissions alike.
 */
export function restrictPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isOurClipboardWrite(permission, details?.requestingUrl, details?.isMainFrame)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    if (!details || details.embeddingOrigin !== undefined) return false;
    if (details.requestingUrl !== undefined && !isAppUrl(details.requestingUrl)) return false;
    return isOurClipboardWrite(permission, requestingOrigin, details.isMainFrame);
  });
  session.setDevicePermissionHandler(() => false);
}
