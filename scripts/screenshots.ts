// `npm run screenshots`: every screen of the production renderer build, with demo data, in English and
// Dutch, written to test-results/screenshots/ for people to look at, the unlock screen first. Uses the same
// bridge as the browser tests: window.api reaches a real unlock session (and its encrypted data folder) in
// this process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import type { Backend } from '../electron/backend/create-backend';
import { generateDemo } from '../electron/demo/generate';
import { createSession } from '../electron/session/session';
import { launchOptions, resolveChromium } from '../tests/e2e/chromium';
import { startStaticServer } from '../tests/e2e/static-server';

const PASSPHRASE = 'screenshots of every screen';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'test-results', 'screenshots');
fs.mkdirSync(out, { recursive: true });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-shots-'));
// A small scrypt work factor: this folder is thrown away at the end, and unlocks should not take seconds.
const session = createSession({ dataDir, now: () => new Date('2026-11-20T10:00:00Z'), kdfWorkFactor: 10 });
const setup = await session.setup(PASSPHRASE, false);
if (!setup.ok) throw new Error(`Could not set up the screenshot folder: ${setup.error.message}`);

function backend(): Backend {
  const open = session.backend();
  if (!open) throw new Error('The screenshot session is locked.');
  return open;
}

generateDemo(backend().db, backend().services.store, {
  records: Number(process.env['RECORDS'] ?? 3000),
  seed: 5,
  until: new Date('2026-11-20'),
});
backend().services.settings.update({ postName: 'Bogotá', hostCountry: 'CO', timeZone: 'America/Bogota' });

const server = await startStaticServer(path.join(root, 'out', 'renderer'));
const browser = await chromium.launch(launchOptions(await resolveChromium()));
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
page.on('pageerror', (e) => console.error('pageerror', e.message));
await page.exposeBinding('__bridge', (_source, channel: unknown, input: unknown) => session.invoke(channel, input));
await page.addInitScript(() => {
  const call = (window as unknown as { __bridge: (c: unknown, i: unknown) => Promise<unknown> }).__bridge;
  Object.defineProperty(window, 'api', { value: Object.freeze({ invoke: call }) });
});

const views = (
  process.env['VIEWS'] ??
  'attention,overview,dashboards,reports,engagements,requests,results,organisations,people,cases,trash,exchange,settings'
).split(',');
for (const language of ['en', 'nl'] as const) {
  // Through the session, which keeps the language beside the key for the unlock screen.
  await session.call('settings.update', { language });
  await session.lock();
  await page.goto(new URL('/#/attention', server.url).href);
  await page.reload(); // as the shell reloads the window after a lock
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(out, `unlock-${language}.png`) });
  await page.locator('input[type="password"]').fill(PASSPHRASE);
  await page.keyboard.press('Enter');
  await page.locator('nav').waitFor();
  for (const view of views) {
    await page.goto(new URL(`/#/${view}`, server.url).href);
    await page.reload(); // the language is read at start-up
    await page.waitForTimeout(400);
    const first = page.locator('button.record-row').first();
    if ((await first.count()) > 0) {
      await first.click();
      await page.waitForTimeout(300);
    }
    await page.screenshot({ path: path.join(out, `${view}-${language}.png`) });
  }
}
await browser.close();
await server.close();
await session.lock();
fs.rmSync(dataDir, { recursive: true, force: true });
console.log(`Screenshots in ${out}`);
