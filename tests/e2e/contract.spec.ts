import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { CHANNELS } from '../../shared/contract/ipc';
import { IPC_CANCEL, IPC_INVOKE, IPC_PROGRESS } from '../../shared/contract/channel-name';
import type { Page } from '@playwright/test';
import { fail } from '../../shared/contract/result';
import { expect, openApp, requestCount, test as base, unwrap, watchPageErrors } from './fixtures';

// What a compromised or buggy page can do with window.api: only what the contract allows, answered with
// errors as data, and nothing written.

const PRELOAD = path.resolve(import.meta.dirname, '../../out/preload/index.cjs');

interface IpcCall {
  readonly method: 'invoke' | 'send' | 'on' | 'removeListener';
  readonly args: unknown[];
}

/**
 * Runs the built preload (out/preload/index.cjs, as electron-vite built it and Electron loads it) in a fresh V8
 * context with a stand-in for Electron's `require('electron')`: contextBridge records what the preload exposes,
 * and ipcRenderer records every call that would cross to the main process. Any other module, or any other
 * member of ipcRenderer or contextBridge, fails the test.
 */
function runBuiltPreload() {
  if (!fs.existsSync(PRELOAD)) {
    throw new Error(`${PRELOAD} is missing: run \`npx electron-vite build\` before the browser tests.`);
  }
  const exposed = new Map<string, unknown>();
  const ipc: IpcCall[] = [];
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const answer = { ok: true, value: 'from the main process' };
  const strict = <T extends object>(what: string, members: T): T =>
    new Proxy(members, {
      get(target, key) {
        if (!Object.hasOwn(target, key)) throw new Error(`the preload used ${what}.${String(key)}`);
        return target[key as keyof T];
      },
    });
  const ipcRenderer = strict('ipcRenderer', {
    invoke: (...args: unknown[]) => {
      ipc.push({ method: 'invoke', args });
      return Promise.resolve(answer);
    },
    send: (...args: unknown[]) => void ipc.push({ method: 'send', args }),
    on: (name: string, listener: (...args: unknown[]) => void) => {
      ipc.push({ method: 'on', args: [name] });
      listeners.set(name, (listeners.get(name) ?? new Set()).add(listener));
    },
    removeListener: (name: string, listener: (...args: unknown[]) => void) => {
      ipc.push({ method: 'removeListener', args: [name] });
      listeners.get(name)?.delete(listener);
    },
  });
  const contextBridge = strict('contextBridge', {
    exposeInMainWorld: (key: string, value: unknown) => void exposed.set(key, value),
  });
  const required: string[] = [];
  const requireStandIn = (id: string) => {
    required.push(id);
    if (id === 'electron') return strict('electron', { contextBridge, ipcRenderer });
    throw new Error(`the preload required ${id}`);
  };
  const module = { exports: {} };
  const wrapped = vm.runInNewContext(
    `(function (require, module, exports) {\n${fs.readFileSync(PRELOAD, 'utf8')}\n})`,
    {},
    {
      filename: PRELOAD,
    },
  ) as (r: typeof requireStandIn, m: typeof module, e: object) => void;
  wrapped(requireStandIn, module, module.exports);
  /** Sends a progress event from the main process, as Electron would (the event object first). */
  const emitProgress = (...args: unknown[]) => {
    for (const listener of listeners.get(IPC_PROGRESS) ?? []) listener({ sender: 'the main process' }, ...args);
  };
  return { exposed, ipc, required, answer, emitProgress, listeners };
}

/**
 * The app in Chromium with the real built preload in place of the fixtures' bridge: the preload's own code makes
 * window.api, and its ipcRenderer calls reach the backend as Electron's main process passes them on
 * (electron/shell/ipc.ts: the top frame only, IPC_INVOKE only). Injected as an init script, as Electron runs
 * a preload before the page's own scripts, so the page's Content-Security-Policy does not apply to it.
 */
const test = base.extend<{ preloadPage: Page }>({
  preloadPage: async ({ context, session, backend, pageErrors }, use) => {
    const page = await context.newPage();
    watchPageErrors(page, pageErrors);
    await page.exposeBinding('__liaisonLogIpc', async (source, name: unknown, args: unknown) => {
      if (source.frame !== source.page.mainFrame()) {
        return fail('forbidden', 'This call did not come from the Liaison Log window.');
      }
      if (name !== IPC_INVOKE || !Array.isArray(args)) throw new Error(`the preload sent ${String(name)}`);
      const [channel, input] = args as unknown[];
      return session.invoke(channel, input);
    });
    await page.addInitScript({
      content: `(() => {
        const electron = {
          contextBridge: {
            // Like Electron's: a read-only property holding a copy of the object.
            exposeInMainWorld: (key, api) =>
              Object.defineProperty(window, key, { value: Object.freeze({ ...api }), enumerable: true }),
          },
          ipcRenderer: {
            invoke: (name, ...args) => window.__liaisonLogIpc(name, args),
            send: () => undefined,
            on: () => undefined,
            removeListener: () => undefined,
          },
        };
        const require = (id) => {
          if (id === 'electron') return electron;
          throw new Error('the preload required ' + id);
        };
        const module = { exports: {} };
        (function (require, module, exports) {
${fs.readFileSync(PRELOAD, 'utf8')}
        })(require, module, module.exports);
      })();`,
    });
    await openApp(page, backend);
    await use(page);
    await page.close();
  },
});

test.describe('the built preload (out/preload/index.cjs) against a stand-in for Electron', () => {
  test('needs only electron and exposes window.api alone: invoke, invokeTracked, cancel and onProgress', () => {
    const { exposed, required, ipc } = runBuiltPreload();
    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['api']);
    const api = exposed.get('api') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['cancel', 'invoke', 'invokeTracked', 'onProgress']);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(ipc, 'the preload talked to the main process before the page asked').toEqual([]);
  });

  test("forwards every contract channel, and nothing else, under the one IPC name with the page's arguments", async () => {
    const { exposed, ipc, answer } = runBuiltPreload();
    const api = exposed.get('api') as {
      invoke: (channel: unknown, input: unknown) => Promise<unknown>;
      invokeTracked: (channel: unknown, input: unknown, callId: string) => Promise<unknown>;
    };
    for (const channel of CHANNELS) {
      const input = { for: channel };
      expect(await api.invoke(channel, input), channel).toBe(answer);
      expect(await api.invokeTracked(channel, input, 'call-1'), channel).toBe(answer);
    }
    expect(ipc).toEqual(
      CHANNELS.flatMap((channel) => [
        { method: 'invoke', args: [IPC_INVOKE, channel, { for: channel }] },
        { method: 'invoke', args: [IPC_INVOKE, channel, { for: channel }, 'call-1'] },
      ]),
    );
    ipc.length = 0;
    for (const name of [
      'fs.readFile',
      '__proto__',
      'constructor',
      'toString',
      'requests.create ',
      'REQUESTS.LIST',
      '',
      42,
      null,
      undefined,
      {},
    ]) {
      const refused = await api.invoke(name, {});
      expect(refused, typeof name === 'string' ? name : typeof name).toMatchObject({
        ok: false,
        error: { code: 'unknown_channel' },
      });
      expect(await api.invokeTracked(name, {}, 'call-2')).toMatchObject({
        ok: false,
        error: { code: 'unknown_channel' },
      });
    }
    expect(ipc, 'a name outside the contract reached the main process').toEqual([]);
  });

  test('cancel sends only the call id; progress reaches the page as id and progress, never the event', () => {
    const { exposed, ipc, emitProgress, listeners } = runBuiltPreload();
    const api = exposed.get('api') as {
      cancel: (callId: string) => void;
      onProgress: (listener: (...args: unknown[]) => void) => () => void;
    };
    api.cancel('call-3');
    expect(ipc).toEqual([{ method: 'send', args: [IPC_CANCEL, 'call-3'] }]);
    const heard: unknown[][] = [];
    const stop = api.onProgress((...args) => heard.push(args));
    emitProgress('call-3', { step: 'checking', done: 1, total: 2 });
    emitProgress(42, { step: 'forged' });
    expect(heard).toEqual([['call-3', { step: 'checking', done: 1, total: 2 }]]);
    stop();
    expect(listeners.get(IPC_PROGRESS)?.size).toBe(0);
    emitProgress('call-3', { step: 'after' });
    expect(heard).toHaveLength(1);
    expect(ipc.map((c) => [c.method, ...c.args])).toEqual([
      ['send', IPC_CANCEL, 'call-3'],
      ['on', IPC_PROGRESS],
      ['removeListener', IPC_PROGRESS],
    ]);
  });
});

test.describe('the bridge from the page (the real preload)', () => {
  test('a payload that breaks the contract is answered with invalid_input and writes nothing', async ({
    preloadPage: page,
    backend,
  }) => {
    const result = await page.evaluate(() => window.api!.invoke('requests.create', { bogus: 1 } as never));
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'The request to requests.create is not valid.' },
    });
    // Every missing field and the stray key are named, so a caller can see what it got wrong.
    expect(Object.keys(result.ok ? {} : (result.error.fields ?? {})).sort()).toEqual(
      expect.arrayContaining(['channel', 'counterpartAgency', 'counterpartCountry', 'direction', 'subject']),
    );
    expect(await requestCount(backend)).toBe(0);
  });

  test('wrong types, extra keys and an oversized subject are refused field by field', async ({
    preloadPage: page,
    backend,
  }) => {
    const answers = await page.evaluate(async () => {
      const valid = {
        direction: 'incoming',
        counterpartCountry: 'FR',
        counterpartAgency: 'Police nationale',
        channel: 'siena',
        exchangedAt: '2026-02-10T10:15:00.000Z',
        subject: 'A subject',
        status: 'open',
      } as const;
      const api = window.api!;
      return {
        extraKey: await api.invoke('requests.create', { ...valid, sql: 'DROP TABLE x' } as never),
        wrongType: await api.invoke('requests.create', { ...valid, subject: 42 } as never),
        longSubject: await api.invoke('requests.create', { ...valid, subject: 'x'.repeat(301) }),
        badCountry: await api.invoke('requests.create', { ...valid, counterpartCountry: 'ZZ' }),
        badDate: await api.invoke('requests.create', { ...valid, exchangedAt: 'yesterday' }),
        notAnObject: await api.invoke('requests.create', 'hello' as never),
        badId: await api.invoke('requests.get', { id: "1' OR '1'='1" }),
        missingId: await api.invoke('requests.get', { id: '3f1c8a52-0d7e-4a57-9a43-6f0a1b2c3d4e' }),
        badSettings: await api.invoke('settings.update', { language: 'fr' } as never),
      };
    });
    expect(answers.extraKey).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(answers.wrongType).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { subject: { code: 'invalid_type' } } },
    });
    expect(answers.longSubject).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { subject: { code: 'too_long', params: { max: 300 } } } },
    });
    expect(answers.badCountry).toMatchObject({
      ok: false,
      error: { fields: { counterpartCountry: { code: 'invalid_country' } } },
    });
    expect(answers.badDate).toMatchObject({ ok: false, error: { fields: { exchangedAt: { code: 'invalid_date' } } } });
    expect(answers.notAnObject).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(answers.badId).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(answers.missingId).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(answers.badSettings).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    expect(await requestCount(backend)).toBe(0);
    expect(await unwrap(backend.call('settings.get', {}))).toMatchObject({ language: 'en' });
  });

  test('an unknown channel is answered with unknown_channel', async ({ preloadPage: page }) => {
    const answers = await page.evaluate(async () => {
      const invoke = window.api!.invoke as (channel: unknown, input: unknown) => Promise<unknown>;
      return [
        await invoke('fs.readFile', { path: '/etc/passwd' }),
        await invoke('__proto__', {}),
        await invoke('constructor', {}),
        await invoke(42, {}),
      ];
    });
    for (const answer of answers) {
      expect(answer).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
  });

  test('the page has window.api and nothing of Node or Electron; window.api cannot be replaced', async ({
    preloadPage: page,
  }) => {
    const globals = await page.evaluate(async () => {
      const w = window as unknown as Record<string, unknown>;
      try {
        w['api'] = { invoke: () => Promise.resolve({ ok: false }) };
      } catch {
        // strict mode: assigning a read-only property throws
      }
      const info = await window.api!.invoke('app.info', {});
      return {
        api: typeof w['api'],
        members: Object.keys(w['api'] as object).sort(),
        invoke: typeof (w['api'] as { invoke?: unknown } | undefined)?.invoke,
        require: typeof w['require'],
        process: typeof w['process'],
        module: typeof w['module'],
        Buffer: typeof w['Buffer'],
        stillTheBridge: info.ok,
      };
    });
    expect(globals).toEqual({
      api: 'object',
      members: ['cancel', 'invoke', 'invokeTracked', 'onProgress'],
      invoke: 'function',
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      Buffer: 'undefined',
      stillTheBridge: true,
    });
  });

  test("the page's Content-Security-Policy is in force: inline script and foreign connections are blocked", async ({
    preloadPage: page,
    pageErrors,
  }) => {
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
      'content',
      /default-src 'none'; script-src 'self'/,
    );
    const outcome = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
      const w = window as unknown as Record<string, unknown>;
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      // eval from a task of the page's own (code run directly by page.evaluate is exempt from CSP).
      const evalRan = await new Promise<boolean>((resolve) =>
        setTimeout(() => {
          try {
            resolve((0, eval)('true') as boolean);
          } catch {
            resolve(false);
          }
        }, 0),
      );
      let fetched = false;
      try {
        await fetch('https://example.invalid/');
        fetched = true;
      } catch {
        fetched = false;
      }
      // Violation events are queued as tasks; wait for them without a fixed sleep.
      const deadline = Date.now() + 2000;
      while (violations.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      return { inlineRan: w['__inlineRan'] === true, evalRan, fetched, violations: [...new Set(violations)].sort() };
    });
    // Chromium reports each refusal on the console; those are expected here.
    const expected = pageErrors.filter((e) => /Content Security Policy|example\.invalid/.test(e));
    pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((e) => !expected.includes(e)));
    expect(outcome).toEqual({
      inlineRan: false,
      evalRan: false,
      fetched: false,
      violations: ['connect-src', 'script-src-elem', 'script-src'].sort(),
    });
    expect(expected.length).toBeGreaterThan(0);
  });
});
