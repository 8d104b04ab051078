import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { createBackend, type Backend } from '../../electron/backend/create-backend';
import type { Invoke } from '../../electron/backend/dispatch';
import { createSession, type Session } from '../../electron/session/session';
import type { OsKeyStore } from '../../electron/vault/os-key-store';
import { unwrapWithPassphrase } from '../../electron/vault/vault';
import { isChannel } from '../../shared/contract/ipc';
import { fail, ok, type Result } from '../../shared/contract/result';
import type { SessionStatus } from '../../shared/session/schema';
import { startStaticServer, type StaticServer } from './static-server';

// The browser test harness. Each test gets a fresh temporary data folder, a real unlock session on it (the
// same createSession the Electron shell uses, so the database is encrypted), set up with TEST_PASSPHRASE and
// unlocked before the page loads unless the test asks for another `sessionState`, and a page of the real
// production renderer build in which `window.api.invoke(channel, input)` reaches `session.invoke(channel,
// input)` in this process. Like the shell, the bridge reloads the page after every lock. That bridge is the
// only difference from production, where the preload forwards the call over Electron IPC.

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

/** The name of the Playwright binding behind the fake preload. Test-only; production has no such global. */
const BINDING = '__liaisonLogTestBridge';

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
  /** The stand-in for the OS key store; switch `enabled` off to play "another computer". */
  keyStore: TestKeyStore;
  /** The real unlock session on `dataDir`; locked (database closed, key wiped) after the test. */
  session: Session;
  /** The session's backend while it is unlocked (sessionState 'unlocked'): for seeding and checking data. */
  backend: Backend;
  /** Internal errors the backend logged; the test fails if any are left at the end. */
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
      if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
        throw new Error(
          `${RENDERER_DIR}/index.html is missing: run \`npx electron-vite build\` before the browser tests.`,
        );
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

  session: async ({ dataDir, backendErrors, sessionState, osKeyStore, keyStore }, use) => {
    const session = createSession({
      dataDir,
      version: 'e2e',
      kdfWorkFactor: TEST_WORK_FACTOR,
      log: (message, error) => backendErrors.push({ message, error: String(error) }),
      ...(osKeyStore ? { osKeyStore: keyStore } : {}),
    });
    if (sessionState !== 'new') {
      const setup = await session.setup(TEST_PASSPHRASE, false);
      if (!setup.ok) throw new Error(`Setting up the test session failed: ${setup.error.message}`);
      if (sessionState === 'locked') await session.lock();
    }
    await use(session);
    await session.lock();
  },

  backend: async ({ session }, use) => {
    const backend = session.backend();
    if (!backend) {
      throw new Error(
        `The backend fixture needs an unlocked session (the session is ${session.status().state}): use ` +
          "sessionState 'unlocked', or session.backend() after unlocking.",
      );
    }
    // Closed by the session when it locks.
    await use(backend);
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
    await use(page);
    stopReloading();
    // No call may reach the backend after it closes.
    await page.close();
  },

  appPage: async ({ page, backend }, use) => {
    await openApp(page, backend);
    await use(page);
  },
});

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
export function reloadAfterLock(page: Page, session: Session): () => void {
  return session.onLock(() => {
    if (page.isClosed() || page.url() === 'about:blank') return;
    // A navigation of the test's own may cut this one short; either way the page starts again.
    page.reload().catch(() => undefined);
  });
}

/**
 * The answers of a folder opened without an unlock session (a plain backend, as the second installation in
 * a two-party test): it is always open, so the session channels only say so.
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
 * The stand-in for electron/shell/preload.ts: `window.api.invoke` reaches the session's (or a plain
 * backend's) `invoke` in this process, answering only the top frame, as the IPC handler does
 * (electron/shell/ipc.ts).
 */
export async function bridgePage(page: Page, target: Session | Backend, binding = BINDING): Promise<void> {
  const invoke = 'status' in target ? target.invoke : sessionless(target);
  await page.exposeBinding(binding, (source, channel: unknown, input: unknown) => {
    if (source.frame !== source.page.mainFrame()) {
      return fail('forbidden', 'This call did not come from the Liaison Log window.');
    }
    return invoke(channel, input);
  });
  await page.addInitScript((name) => {
    type Call = (channel: unknown, input: unknown) => Promise<unknown>;
    const api = Object.freeze({
      invoke: (channel: unknown, input: unknown) => (window as unknown as Record<string, Call>)[name]!(channel, input),
    });
    // contextBridge.exposeInMainWorld gives a read-only property; so does this.
    Object.defineProperty(window, 'api', { value: api, writable: false, enumerable: true, configurable: false });
  }, binding);
}

/**
 * Loads (or reloads) the app and waits until it shows what the backend holds: the saved language and the
 * number of requests. Call it again after seeding data through `backend`.
 */
export async function openApp(page: Page, backend: Backend): Promise<void> {
  const settings = await unwrap(backend.call('settings.get', {}));
  const count = await requestCount(backend);
  await page.goto('/#/requests');
  await expect(page.locator('html')).toHaveAttribute('lang', settings.language);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.filters__count')).toHaveText(new RegExp(`^${count}\\b`));
}

/**
 * A second, independent connection to the encrypted database of `dataDir`, as a test reads it behind the
 * app's back: the key comes from the key file with the passphrase. The caller closes it.
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

/** How many information requests the backend holds (deleted ones aside). */
export async function requestCount(backend: Backend): Promise<number> {
  return (await unwrap(backend.call('stats.counts', {}))).informationRequests;
}

/** The value of a backend result, or a failed test naming the backend's error. */
export async function unwrap<T>(result: Promise<Result<T>>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(`Backend call failed: ${settled.error.code}: ${settled.error.message}`);
  return settled.value;
}

export { expect };
