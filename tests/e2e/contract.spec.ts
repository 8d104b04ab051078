import { expect, requestCount, test, unwrap } from './fixtures';

// What a compromised or buggy page can do with window.api: only what the contract allows, answered with
// errors as data, and nothing written.

test.describe('the bridge from the page', () => {
  test('a payload that breaks the contract is answered with invalid_input and writes nothing', async ({
    appPage: page,
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
    appPage: page,
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

  test('an unknown channel is answered with unknown_channel', async ({ appPage: page }) => {
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
    appPage: page,
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
      invoke: 'function',
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      Buffer: 'undefined',
      stillTheBridge: true,
    });
  });

  test("the page's Content-Security-Policy is in force: inline script and foreign connections are blocked", async ({
    appPage: page,
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
