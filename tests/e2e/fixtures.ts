import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { BridgeApi } from '../../shared/contract/api';
import { createBackend, type Backend } from '../../electron/backend/create-backend';
import type { Invoke } from '../../electron/backend/dispatch';
import { createBackendHost, type BackendHost } from '../../electron/process/backend-host';
import { createForwarder, type ForwardCall } from '../../electron/process/forward';
import { nodeBackendSpawner } from '../../electron/process/node-child';
import type { OsKeyStore } from '../../electron/vault/os-key-store';
import { unwrapWithPassphrase } from '../../electron/vault/vault';
import { isChannel } from '../../shared/contract/ipc';
import { fail, ok, type Result } from '../../shared/contract/result';
import type { SessionStatus, SetupResult } from '../../shared/session/schema';
import { TestFileChooser } from './file-dialogs';
import { startStaticServer, type StaticServer } from './static-server';

// The browser test harness, laid out as the app is. Each test gets a fresh temporary data folder and a real
// backend process on it: the production build of the backend entry (out/main/backend.js), forked under Node
// and spoken to with the same frames Electron's utilityProcess carries in the app (electron/process/). The
// test process plays Electron's main process: it forwards the page's calls through the same forwarder the
// shell uses (host channels, file dialogs, then the backend process), holds the OS key store stand-in and
// reloads the page after every lock. The session is set up with TEST_PASSPHRASE and unlocked before the page
// loads unless the test asks for another `sessionState`. The only difference from production is the bridge:
// `window.api.invoke` is a Playwright binding instead of the preload's ipcRenderer.invoke.

/** The passphrase every test folder is set up with (unless the test sets one up through the screen). */
export const TEST_PASSPHRASE = 'correct horse battery staple';
/**
 * scrypt work factor (log2 N) of the test folders' key files: 2^10 instead of age's 2^18, so an unlock takes
 * milliseconds. Same format and code path; the unit tests check the default.
 */
export const TEST_WORK_FACTOR = 10;

export type SessionState = SessionStatus['state'];

const ROOT = path.resolve(import.meta.dirname, '../..');
export const RENDERER_DIR = path.join(ROOT, 'out', 'renderer');
/** The backend process's entry as the app ships it. */
export const BACKEND_ENTRY = path.join(ROOT, 'out', 'main', 'backend.js');

/** The name of the Playwright binding behind the fake preload. Test-only; production has no such global. */
const BINDING = '__liaisonLogTestBridge';

/**
 * The unlock session in its backend process, as the test sees it from the host's side. Every call crosses
 * the process boundary, like the window's.
 */
export interface TestSession {
  readonly dataDir: string;
  readonly host: BackendHost;
  /** The host's forwarder: host channels, file dialogs (answered by `fileChooser`), then the backend. */
  readonly invoke: ForwardCall;
  readonly call: BridgeApi['invoke'];
  status(): Promise<SessionStatus>;
  setup(passphrase: string, osBind: boolean): Promise<Result<SetupResult>>;
  unlock(passphrase: string): Promise<Result<SessionStatus>>;
  lock(): Promise<SessionStatus>;
  /** Called after every lock of the session, from any cause. Returns the unsubscribe. */
  onLock(listener: () => void): () => void;
}

/** The unlocked backend, for seeding and checking data through the contract (across the process boundary). */
export interface TestBackend {
  readonly dataDir: string;
  readonly invoke: Invoke;
  readonly call: BridgeApi['invoke'];
}

export interface Fixtures {
  /** A fresh, empty data folder, deleted after the test. */
  dataDir: string;
  /**
   * Where the session stands when the test starts: 'new' (no passphrase yet: the setup screen), 'locked'
   * (set up with TEST_PASSPHRASE, then locked) or 'unlocked' (the default: the app opens straight away).
   */
  sessionState: SessionState;
  /** Whether the bridge reloads the page after a lock, as the shell does. Off only to test the renderer alone. */
  reloadOnLock: boolean;
  /** Whether the session has an OS key store (`keyStore`) to offer, as Electron's safeStorage does. */
  osKeyStore: boolean;
  /** The stand-in for the OS key store (held by the host, as safeStorage is); switch `enabled` off to play "another computer". */
  keyStore: TestKeyStore;
  /** The stand-in for the shell's save and open dialogs: say beforehand what the officer picks. */
  fileChooser: TestFileChooser;
  /** The real unlock session on `dataDir`, in its backend process; stopped (locked, closed) after the test. */
  session: TestSession;
  /** The session's backend while it is unlocked (sessionState 'unlocked'): for seeding and checking data. */
  backend: TestBackend;
  /** Errors the backend process logged; the test fails if any are left at the end. */
  backendErrors: unknown[];
  /** Uncaught page errors and console errors; the test fails if any are left at the end. */
  pageErrors: string[];
  /** The page with the bridge installed and the app loaded and ready. */
  appPage: Page;
}

export interface WorkerFixtures {
  rendererServer: StaticServer;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  rendererServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern
    async ({}, use) => {
      for (const [file, what] of [
        [path.join(RENDERER_DIR, 'index.html'), 'the renderer'],
        [BACKEND_ENTRY, 'the backend process'],
      ] as const) {
        if (!fs.existsSync(file)) {
          throw new Error(`${file} (${what}) is missing: run \`npx electron-vite build\` before the browser tests.`);
        }
      }
      const server = await startStaticServer(RENDERER_DIR);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  baseURL: async ({ rendererServer }, use) => {
    await use(rendererServer.url);
  },

  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern
  dataDir: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-e2e-'));
    await use(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  },

  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern
  backendErrors: async ({}, use) => {
    const errors: unknown[] = [];
    await use(errors);
    expect(errors, 'the backend logged internal errors').toEqual([]);
  },

  sessionState: ['unlocked', { option: true }],
  reloadOnLock: [true, { option: true }],
  osKeyStore: [false, { option: true }],

  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern
  keyStore: async ({}, use) => {
    await use(testKeyStore());
  },

  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern
  fileChooser: async ({}, use) => {
    await use(new TestFileChooser());
  },

  session: async ({ dataDir, backendErrors, sessionState, osKeyStore, keyStore, fileChooser }, use) => {
    const session = startTestSession({
      dataDir,
      fileChooser,
      onBackendLog: (message, detail) => backendErrors.push({ message, error: detail }),
      ...(osKeyStore ? { osKeyStore: keyStore } : {}),
    });
    if (sessionState !== 'new') {
      const setup = await session.setup(TEST_PASSPHRASE, false);
      if (!setup.ok) throw new Error(`Setting up the test session failed: ${setup.error.message}`);
      if (sessionState === 'locked') await session.lock();
    }
    await use(session);
    await session.host.stop();
  },

  backend: async ({ session }, use) => {
    const status = await session.status();
    if (status.state !== 'unlocked') {
      throw new Error(
        `The backend fixture needs an unlocked session (the session is ${status.state}): use ` +
          "sessionState 'unlocked', or session.call after unlocking.",
      );
    }
    await use({ dataDir: session.dataDir, invoke: session.invoke, call: session.call });
  },

  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern
  pageErrors: async ({}, use) => {
    const errors: string[] = [];
    await use(errors);
    expect(errors, 'the page reported errors').toEqual([]);
  },

  // Every page in these tests has the bridge: the stand-in for electron/shell/preload.ts.
  page: async ({ page, session, pageErrors, reloadOnLock }, use) => {
    watchPageErrors(page, pageErrors);
    await bridgePage(page, session);
    // As the shell does (electron/shell/main.ts): after any lock, the window starts again at the unlock screen.
    const stopReloading = reloadOnLock ? reloadAfterLock(page, session) : () => undefined;
    // As the shell does when the backend process dies: the window reopens with a notice.
    const stopWatching = session.host.onStopped(() => {
      if (!page.isClosed() && page.url() !== 'about:blank') {
        page.goto('/?notice=backend_stopped').catch(() => undefined);
      }
    });
    await use(page);
    stopWatching();
    stopReloading();
    // No call may reach the backend after it closes.
    await page.close();
  },

  appPage: async ({ page, backend }, use) => {
    await openApp(page, backend);
    await use(page);
  },
});

/** Starts a backend process on `dataDir` and wraps it as the test's session (see TestSession). */
export function startTestSession(options: {
  dataDir: string;
  fileChooser?: TestFileChooser;
  osKeyStore?: OsKeyStore;
  onBackendLog?: (message: string, detail: string) => void;
}): TestSession {
  const host = createBackendHost({
    spawn: nodeBackendSpawner({ entry: BACKEND_ENTRY }),
    init: { dataDir: options.dataDir, version: 'e2e', kdfWorkFactor: TEST_WORK_FACTOR, checkOutputs: true },
    osKeyStore: options.osKeyStore,
    log: () => undefined,
    ...(options.onBackendLog ? { onBackendLog: options.onBackendLog } : {}),
  });
  const invoke = createForwarder({ host, chooser: options.fileChooser ?? new TestFileChooser() });
  const call = invoke as BridgeApi['invoke'];
  return {
    dataDir: options.dataDir,
    host,
    invoke,
    call,
    status: () => unwrap(call('session.status', {})),
    setup: (passphrase, osBind) => call('session.setup', { passphrase, osBind }),
    unlock: (passphrase) => call('session.unlock', { passphrase }),
    lock: () => unwrap(call('session.lock', {})),
    onLock: (listener) => host.onLocked(listener),
  };
}

/** Collects uncaught errors, console errors, failed loads and HTTP errors of a page into `errors`. */
export function watchPageErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // A failed load is reported below with its address, which the console message lacks.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(`console.error: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    // Chromium asks for /favicon.ico on its own; the app has none (Electron does not ask).
    if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') {
      errors.push(`HTTP ${response.status()}: ${response.url()}`);
    }
  });
  page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()}`));
}

export type TestKeyStore = OsKeyStore & { enabled: boolean };

/**
 * Stands in for the operating system's key store (DPAPI, Keychain, libsecret), not for our code: AES-256-GCM
 * under a fixed key, as the OS seals under the user's login secret.
 */
function testKeyStore(): TestKeyStore {
  const key = Buffer.alloc(32, 7);
  return {
    name: 'Test key store',
    enabled: true,
    available() {
      return this.enabled;
    },
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      if (!this.enabled) throw new Error('The key store is not available.');
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
    },
  };
}

/** Reloads `page` after every lock of `session`, as the shell reloads its window. Returns the unsubscribe. */
export function reloadAfterLock(page: Page, session: TestSession): () => void {
  return session.onLock(() => {
    if (page.isClosed() || page.url() === 'about:blank') return;
    // A navigation of the test's own may cut this one short; either way the page starts again.
    page.reload().catch(() => undefined);
  });
}

/**
 * The answers of a folder opened without an unlock session (a plain backend in this process, as the second
 * installation in a two-party test): it is always open, so the session channels only say so.
 */
function sessionless(backend: Backend): Invoke {
  return async (channel, payload) => {
    if (!isChannel(channel) || !channel.startsWith('session.')) return backend.invoke(channel, payload);
    if (channel !== 'session.status') {
      return fail('forbidden', 'This test installation has no unlock session (it was opened without one).');
    }
    const status: SessionStatus = {
      state: 'unlocked',
      osKeyStore: { available: false, name: null },
      osBound: false,
      failedAttempts: 0,
      retryAfterSeconds: null,
      recovery: null,
      plaintextDatabase: false,
      language: backend.services.settings.read().language,
      damaged: null,
      backupWarning: null,
    };
    return ok(status);
  };
}

/**
 * The stand-in for electron/shell/preload.ts: `window.api.invoke` reaches the session's forwarder (or a plain
 * in-process backend's `invoke`), answering only the top frame, as the IPC handler does (electron/shell/ipc.ts).
 */
export async function bridgePage(page: Page, target: TestSession | Backend, binding = BINDING): Promise<void> {
  const invoke = 'host' in target ? target.invoke : sessionless(target);
  // Long calls the page tracks by id (invokeTracked): their progress goes back to the page, and cancel stops
  // them, as electron/shell/ipc.ts does.
  const running = new Map<string, AbortController>();
  await page.exposeBinding(binding, async (source, channel: unknown, input: unknown, callId: unknown) => {
    if (source.frame !== source.page.mainFrame()) {
      return fail('forbidden', 'This call did not come from the Liaison Log window.');
    }
    if (typeof callId !== 'string') return invoke(channel, input);
    const abort = new AbortController();
    running.set(callId, abort);
    try {
      return await invoke(channel, input, {
        signal: abort.signal,
        onProgress: (progress) => {
          source.page
            .evaluate(([id, p]) => (window as unknown as Record<string, Progressed>)['__liaisonLogProgress']?.(id, p), [
              callId,
              progress,
            ] as const)
            .catch(() => undefined);
        },
      });
    } finally {
      running.delete(callId);
    }
  });
  await page.exposeBinding(`${binding}Cancel`, (_source, callId: unknown) => {
    if (typeof callId === 'string') running.get(callId)?.abort();
  });
  await page.addInitScript((name) => {
    type Call = (channel: unknown, input: unknown, callId?: string) => Promise<unknown>;
    const w = window as unknown as Record<string, unknown>;
    const listeners = new Set<Progressed>();
    w['__liaisonLogProgress'] = (callId: string, progress: unknown) => {
      for (const listener of listeners) listener(callId, progress);
    };
    const api = Object.freeze({
      invoke: (channel: unknown, input: unknown) => (w[name] as Call)(channel, input),
      invokeTracked: (channel: unknown, input: unknown, callId: string) => (w[name] as Call)(channel, input, callId),
      cancel: (callId: string) => void (w[`${name}Cancel`] as (id: string) => Promise<void>)(callId),
      onProgress: (listener: Progressed) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    });
    // contextBridge.exposeInMainWorld gives a read-only property; so does this.
    Object.defineProperty(window, 'api', { value: api, writable: false, enumerable: true, configurable: false });
  }, binding);
}

type Progressed = (callId: string, progress: unknown) => void;

/** What openApp and requestCount need: the contract's typed call, in a backend process or in this one. */
type Caller = Pick<TestBackend, 'call'>;

/**
 * Loads (or reloads) the app and waits until it shows what the backend holds: the saved language and the
 * number of requests. Call it again after seeding data through `backend`.
 */
export async function openApp(page: Page, backend: Caller): Promise<void> {
  const settings = await unwrap(backend.call('settings.get', {}));
  const count = await requestCount(backend);
  await page.goto('/#/requests');
  await expect(page.locator('html')).toHaveAttribute('lang', settings.language);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.filters__count')).toHaveText(new RegExp(`^${count}\\b`));
}

/**
 * A second, independent connection to the encrypted database of `dataDir`, in this process, as a test reads
 * or seeds it behind the app's back: the key comes from the key file with the passphrase. The caller closes it.
 */
export async function openSecondBackend(dataDir: string, passphrase = TEST_PASSPHRASE): Promise<Backend> {
  const { key } = await unwrapWithPassphrase(
    { dataDir, now: () => new Date(), workFactor: TEST_WORK_FACTOR },
    passphrase,
  );
  try {
    return createBackend({ dataDir, key, version: 'e2e' });
  } finally {
    key.fill(0);
  }
}

/** Runs `seed` on a second connection to the data folder (e.g. bulk demo data), then closes it. */
export async function withSecondBackend<T>(dataDir: string, seed: (backend: Backend) => T): Promise<T> {
  const second = await openSecondBackend(dataDir);
  try {
    return seed(second);
  } finally {
    second.close();
  }
}

/** How many information requests the backend holds (deleted ones aside). */
export async function requestCount(backend: Caller): Promise<number> {
  return (await unwrap(backend.call('stats.counts', {}))).informationRequests;
}

/** The value of a backend result, or a failed test naming the backend's error. */
export async function unwrap<T>(result: Promise<Result<T>>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(`Backend call failed: ${settled.error.code}: ${settled.error.message}`);
  return settled.value;
}

export { expect };
