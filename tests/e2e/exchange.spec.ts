import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from '@playwright/test';
import { createBackend, type Backend } from '../../electron/backend/create-backend';
import { callWithFiles } from '../../electron/files/trusted';
import { bridgePage, expect, test, unwrap, watchPageErrors } from './fixtures';
import { seedRequest } from './request-form';

// The exchange end to end: a post exports through the UI (preview, create, save a copy), then HQ imports
// that file and others through its own UI and sees the report and the gap warning. The page fixture talks
// to the post's backend; HQ is a second backend in its own folder, reached from a second browser context
// bridged the way tests/e2e/fixtures.ts bridges the first.

const HQ_BINDING = '__liaisonLogHqBridge';

/** A page of the app whose window.api reaches `backend`: the fixture's bridge, for a second backend. */
async function openBridgedPage(browser: Browser, baseURL: string, backend: Backend, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'en-GB', timezoneId: 'Europe/Amsterdam' });
  const page = await context.newPage();
  watchPageErrors(page, errors);
  await bridgePage(page, backend, HQ_BINDING);
  return page;
}

/** Drops files onto `target` as the officer drags them from the desktop (a real DataTransfer of Files). */
async function dropFiles(page: Page, target: Locator, files: { name: string; bytes: Buffer }[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    (list) => {
      const transfer = new DataTransfer();
      for (const f of list) transfer.items.add(new File([new Uint8Array(f.bytes)], f.name));
      return transfer;
    },
    files.map((f) => ({ name: f.name, bytes: [...f.bytes] })),
  );
  await target.dispatchEvent('drop', { dataTransfer });
}

test.describe('exchange between a post and HQ', () => {
  test('the post previews, exports and saves a copy; HQ imports it and sees the report and the gap', async ({
    page,
    backend,
    browser,
    baseURL,
    fileChooser,
  }, testInfo) => {
    test.setTimeout(120_000);
    // --- HQ, in its own data folder ---
    const hqDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-e2e-hq-'));
    const hqErrors: unknown[] = [];
    const hq = createBackend({
      dataDir: hqDir,
      version: 'e2e',
      log: (message, error) => hqErrors.push({ message, error: String(error) }),
    });
    const hqPageErrors: string[] = [];
    try {
      await unwrap(hq.call('identity.init', { role: 'hq', hqName: 'International Police Cooperation Desk' }));
      const keyFile = testInfo.outputPath('liaison-log-hq-key.json');
      await unwrap(callWithFiles(hq.invoke, 'keys.saveHqKeyFile', {}, { save: keyFile }));

      // --- the post: set up, trusting HQ's key, enrolled at HQ, with records in three months ---
      await unwrap(
        backend.call('identity.init', {
          role: 'post',
          postId: 'BOG',
          postName: 'Bogotá',
          officer: 'Jan de Vries',
          country: 'CO',
        }),
      );
      // The post's officer picks the files in the window's dialogs (the test's chooser).
      fileChooser.willOpen(keyFile);
      await unwrap(backend.call('keys.importHq', {}));
      const enrolment = testInfo.outputPath('enrolment-BOG.json');
      fileChooser.willSave(enrolment);
      await unwrap(backend.call('keys.saveEnrolmentFile', {}));
      await unwrap(callWithFiles(hq.invoke, 'posts.enrol', {}, { open: [enrolment] }));
      for (const [month, subject] of [
        ['01', 'January plate check'],
        ['02', 'February phone subscriber'],
        ['03', 'March bank account'],
        ['04', 'April vessel movements'],
      ] as const) {
        await unwrap(
          backend.call('requests.create', seedRequest({ subject, exchangedAt: `2026-${month}-10T10:15:00.000Z` })),
        );
      }
      // Exports 1, 2 and 3 made earlier (2 will never reach HQ); the UI makes export 4.
      const earlier = [];
      for (const month of ['01', '02', '03']) {
        const to = new Date(Date.UTC(2026, Number(month), 0)).toISOString().slice(0, 10);
        earlier.push(
          await unwrap(backend.call('exports.create', { from: `2026-${month}-01`, to, level: 'pseudonymised' })),
        );
      }

      // --- the post exports April through the UI ---
      await page.goto('/#/exchange');
      await expect(page.getByRole('heading', { level: 1, name: 'Exchange with HQ' })).toBeVisible();
      await expect(page.getByText('Post BOG · Bogotá · Jan de Vries')).toBeVisible();
      const exportForm = page.getByRole('form', { name: 'Export' });
      await exportForm.getByLabel('From', { exact: true }).fill('2026-04-01');
      await exportForm.getByLabel('To', { exact: true }).fill('2026-04-30');
      await exportForm.getByRole('radio', { name: /^Full/ }).check();
      const create = exportForm.getByRole('button', { name: 'Create export' });
      await expect(create).toBeDisabled(); // nothing leaves before the officer has seen it
      await exportForm.getByRole('button', { name: 'Preview' }).click();

      const previewHeading = page.getByRole('heading', { name: 'What will leave this laptop' });
      await expect(previewHeading).toBeFocused();
      const preview = page.locator('.exchange-preview');
      await expect(preview).toContainText(/1\s?–\s?30 Apr 2026, Full/);
      await expect(preview.locator('.exchange-counts')).toContainText('Information request');
      await expect(preview).toContainText('1 record in total');
      await expect(preview).toContainText('Nothing stays behind');
      await expect(preview.getByRole('table')).toContainText('April vessel movements');
      await expect(preview.getByRole('table')).not.toContainText('March bank account');

      await expect(create).toBeEnabled();
      await create.click();
      const resultHeading = page.getByRole('heading', { name: 'Export 4 created' });
      await expect(resultHeading).toBeFocused();
      await expect(page.locator('.exchange-result')).toContainText(
        'liaison-log_BOG_2026-04-01_2026-04-30_0004.llbundle',
      );
      await expect(create).toBeDisabled(); // one preview, one export

      // Save a copy: the window's save dialog suggests the export's name; the backend copies the file there.
      const bundleName = 'liaison-log_BOG_2026-04-01_2026-04-30_0004.llbundle';
      const copy = testInfo.outputPath('usb-stick', bundleName);
      fs.mkdirSync(path.dirname(copy), { recursive: true });
      fileChooser.willSave(copy);
      await page.getByRole('button', { name: 'Save a copy…' }).click();
      await expect(page.getByRole('status').filter({ hasText: `Saved to ${copy}` })).toBeVisible();
      expect(fileChooser.shown.at(-1)).toEqual({
        suggestedName: bundleName,
        filters: [{ name: 'Liaison Log bundle', extensions: ['llbundle'] }],
      });
      const saved = fs.readFileSync(copy);
      const history = await unwrap(backend.call('exports.history', {}));
      const fourth = history.find((e) => e.sequence === 4);
      expect(fourth).toBeDefined();
      expect(saved.equals(fs.readFileSync(fourth!.path))).toBe(true);
      // The history lists every export, newest first.
      const historyTable = page.getByRole('table', { name: 'Exports made on this laptop, newest first' });
      await expect(historyTable.getByRole('row')).toHaveCount(5);

      // --- HQ imports: 4 (the saved copy), 1 and 3, a second copy of 1, a damaged copy of 3 ---
      // The page reaches HQ through a gate the test can close: an import call then waits at the bridge (the
      // backend is not touched) until the test opens it, so "Stop after this file" is pressed mid-file.
      let gate: Promise<void> = Promise.resolve();
      const gated: Backend = {
        ...hq,
        invoke: async (channel, input, options) => {
          if (channel === 'imports.run') await gate;
          return hq.invoke(channel, input, options);
        },
      };
      const hqPage = await openBridgedPage(browser, baseURL!, gated, hqPageErrors);
      await hqPage.goto('/#/exchange');
      await expect(hqPage.getByRole('heading', { level: 1, name: 'Posts and imports' })).toBeVisible();
      const [first, , third] = earlier;
      const damaged = Buffer.from(fs.readFileSync(third!.path));
      damaged[Math.floor(damaged.length / 2)]! ^= 0xff;
      // Dropped onto the import panel: a dropped file has no path in the page, so its bytes go to the
      // backend as a Uint8Array (structured clone through the bridge, never base64).
      await dropFiles(hqPage, hqPage.locator('.exchange-drop'), [
        { name: bundleName, bytes: saved },
        { name: path.basename(first!.path), bytes: fs.readFileSync(first!.path) },
        { name: path.basename(third!.path), bytes: fs.readFileSync(third!.path) },
        { name: 'copy-of-export-1.llbundle', bytes: fs.readFileSync(first!.path) },
        { name: 'damaged-export-3.llbundle', bytes: damaged },
      ]);
      await expect(hqPage.getByText('5 files ready')).toBeVisible();
      await hqPage.getByRole('button', { name: 'Import 5 files' }).click();

      const reportHeading = hqPage.getByRole('heading', { name: 'Import report' });
      await expect(reportHeading).toBeFocused();
      const report = hqPage.getByRole('table', { name: 'Outcome per file' });
      const row = (name: string) => report.getByRole('row').filter({ hasText: name });
      await expect(row(bundleName)).toContainText('Imported');
      await expect(row(path.basename(first!.path))).toContainText('Imported');
      await expect(row(path.basename(third!.path))).toContainText('Imported');
      await expect(row('copy-of-export-1.llbundle')).toContainText('Already imported');
      await expect(row('damaged-export-3.llbundle')).toContainText('Rejected');
      await expect(row('damaged-export-3.llbundle')).toContainText('Altered or damaged after signing');
      await expect(hqPage.locator('.exchange-totals')).toContainText('3 imported, 1 already imported, 1 rejected');

      const gap = hqPage.getByRole('alert').filter({ hasText: 'Exports are missing' });
      await expect(gap).toContainText('Post BOG: export 2 never arrived.');

      // Stopped after the first of three files: the two it never sent are "not reached", not rejected.
      let open = (): void => undefined;
      gate = new Promise<void>((resolve) => (open = resolve));
      await dropFiles(hqPage, hqPage.locator('.exchange-drop'), [
        { name: 'again-export-4.llbundle', bytes: saved },
        { name: 'damaged-again.llbundle', bytes: damaged },
        { name: 'later-copy.llbundle', bytes: fs.readFileSync(first!.path) },
      ]);
      await hqPage.getByRole('button', { name: 'Import 3 files' }).click();
      await hqPage.getByRole('button', { name: 'Stop after this file' }).click();
      await expect(hqPage.getByText('Stopping after this file…')).toBeVisible();
      open();
      await expect(hqPage.getByText('Stopped after 1 of 3 files.')).toBeVisible();
      await expect(row('again-export-4.llbundle')).toContainText('Already imported');
      for (const name of ['damaged-again.llbundle', 'later-copy.llbundle']) {
        await expect(row(name)).toContainText('Not reached');
        await expect(row(name)).toContainText('the import was cancelled before this file');
        await expect(row(name)).not.toContainText('Rejected');
      }
      await expect(hqPage.locator('.exchange-totals')).toContainText(
        '0 imported, 1 already imported, 0 rejected, 2 not reached',
      );
      await hqPage.screenshot({ path: testInfo.outputPath('import-not-reached.png'), fullPage: true });

      const posts = hqPage.getByRole('table', { name: 'Enrolled posts and what HQ received from them' });
      await expect(posts.getByRole('row').filter({ hasText: 'BOG' })).toContainText('Missing: export 2');
      await expect(posts.getByRole('row').filter({ hasText: 'BOG' })).toContainText(/1\s?–\s?30 Apr 2026/);

      // HQ really holds the records now, marked as the post's.
      expect((await unwrap(hq.call('stats.counts', {}))).informationRequests).toBe(3);
      await hqPage.context().close();
    } finally {
      hq.close();
      fs.rmSync(hqDir, { recursive: true, force: true });
    }
    expect(hqErrors, 'the HQ backend logged internal errors').toEqual([]);
    expect(hqPageErrors, 'the HQ page reported errors').toEqual([]);
  });
});
