import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { createBackend, type Backend } from '../../electron/backend/create-backend';
import { fail, type Result } from '../../shared/contract/result';
import { startStaticServer, type StaticServer } from './static-server';

// The browser test harness. Each test gets a fresh temporary data folder, a real backend on it (the same
// createBackend the Electron shell uses) and a page of the real production renderer build in which
// `window.api.invoke(channel, input)` reaches `backend.invoke(channel, input)` in this process. That bridge
// is the only difference from production, where the preload forwards the call over Electron IPC.

const ROOT = path.resolve(import.meta.dirname, '../..');
export const RENDERER_DIR = path.join(ROOT, 'out', 'renderer');

/** The name of the Playwright binding behind the fake preload. Test-only; production has no such global. */
const BINDING = '__liaisonLogTestBridge';

export interface Fixtures {
  /** A fresh, empty data folder, deleted after the test. */
  dataDir: string;
  /** The real backend on `dataDir`, closed after the test. */
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

  backend: async ({ dataDir, backendErrors }, use) => {
    const backend = createBackend({
      dataDir,
      version: 'e2e',
      log: (message, error) => backendErrors.push({ message, error: String(error) }),
    });
    await use(backend);
    backend.close();
  },

  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern
  pageErrors: async ({}, use) => {
    const errors: string[] = [];
    await use(errors);
    expect(errors, 'the page reported errors').toEqual([]);
  },

  // Every page in these tests has the bridge: the stand-in for electron/shell/preload.ts.
  page: async ({ page, backend, pageErrors }, use) => {
    watchPageErrors(page, pageErrors);
    await bridgePage(page, backend);
    await use(page);
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

/**
 * The stand-in for electron/shell/preload.ts: `window.api.invoke` reaches `backend.invoke` in this process,
 * answering only the top frame, as the IPC handler does (electron/shell/ipc.ts).
 */
export async function bridgePage(page: Page, backend: Backend, binding = BINDING): Promise<void> {
  await page.exposeBinding(binding, (source, channel: unknown, input: unknown) => {
    if (source.frame !== source.page.mainFrame()) {
      return fail('forbidden', 'This call did not come from the Liaison Log window.');
    }
    return backend.invoke(channel, input);
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
