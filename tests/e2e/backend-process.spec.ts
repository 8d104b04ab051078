import fs from 'node:fs';
import path from 'node:path';
import { generateDemo } from '../../electron/demo/generate';
import { expect, openApp, requestCount, test, TEST_PASSPHRASE, unwrap, withSecondBackend } from './fixtures';
import { buildNetwork } from './hq-helpers';
import { gotoView } from './logbook/helpers';
import { seedRequest } from './request-form';
import { shootSession, unlockScreen } from './session-screens';

// The backend in its own process (electron/process/), as the window lives with it: every call of these pages
// crosses the process boundary. When the backend process dies, the window says so, offers a restart, and
// nothing that was saved is lost.

const SUBJECT = 'Container MSCU 4481920, port of Antwerp';

test('the backend process is killed: the window offers a restart, then unlocks with every saved record', async ({
  page,
  backend,
  session,
}) => {
  await unwrap(backend.call('requests.create', seedRequest({ subject: SUBJECT })));
  await openApp(page, backend);
  await expect(page.getByText(SUBJECT)).toBeVisible();
  const pid = session.host.pid;
  expect(pid).toBeDefined();
  expect(pid).not.toBe(process.pid);

  process.kill(pid ?? 0, 'SIGKILL');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Liaison Log needs to restart its data service' }),
  ).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('Everything you saved is safe');
  await expect(page.getByText(SUBJECT)).toHaveCount(0);
  await shootSession(page, 'backend-stopped-en');

  await page.getByRole('button', { name: 'Restart' }).click();
  const unlock = unlockScreen(page);
  await expect(unlock.passphrase).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'restarted after it stopped unexpectedly' })).toBeVisible();
  await shootSession(page, 'backend-restarted-en');
  expect(session.host.pid).not.toBe(pid);
  await unlock.passphrase.fill(TEST_PASSPHRASE);
  await unlock.submit.click();
  await page.goto('/#/requests');
  await expect(page.getByText(SUBJECT)).toBeVisible();
  expect(await requestCount(backend)).toBe(1);
});

test('an import of chosen files shows each file checked and can be cancelled: nothing is imported', async ({
  page,
  backend,
  fileChooser,
}, testInfo) => {
  test.slow(); // three posts with keys and bundles, and twenty thousand files to check
  const bundles = await buildNetwork(backend, fileChooser);
  const folder = testInfo.outputPath('chosen');
  fs.mkdirSync(folder, { recursive: true });
  const real = bundles.map((b) => {
    const file = path.join(folder, b.name);
    fs.writeFileSync(file, b.bytes);
    return file;
  });
  // Many files that are not bundles before the real ones: the checks take seconds, long enough to cancel in
  // before any file was merged (each file is merged as soon as it is checked; one merged before a cancel stays).
  const paths: string[] = [];
  for (let i = 0; i < 20_000; i++) {
    const file = path.join(folder, `scan-${String(i).padStart(5, '0')}.llbundle`);
    fs.writeFileSync(file, `not a bundle ${i}`);
    paths.push(file);
  }
  paths.push(...real);
  await gotoView(page, 'exchange');
  fileChooser.willOpen(...paths);
  await page.getByRole('button', { name: 'Choose export files and import…' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Checked \d+ of 20,?004 files/ })).toBeVisible();
  await expect(page.getByRole('progressbar')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(page.getByText('Cancelled. Nothing was imported.')).toBeVisible();
  const counts = await unwrap(backend.call('stats.counts', {}));
  expect(
    Object.values(counts).every((n) => n === 0),
    'nothing was imported',
  ).toBe(true);

  // The bundles again, to the end: all four are imported.
  fileChooser.willOpen(...real);
  await page.getByRole('button', { name: 'Choose export files and import…' }).click();
  await expect(page.getByRole('heading', { name: 'Import report' })).toBeFocused();
  await expect(page.locator('.exchange-totals')).toContainText('4 imported, 0 already imported, 0 rejected');
});

test('in Dutch: the restart screen and the notice after it', async ({ page, backend, session }) => {
  await unwrap(backend.call('settings.update', { language: 'nl' }));
  await openApp(page, backend);
  process.kill(session.host.pid ?? 0, 'SIGKILL');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Liaison Log moet zijn gegevensdienst opnieuw starten' }),
  ).toBeVisible();
  await shootSession(page, 'backend-stopped-nl');
  await page.getByRole('button', { name: 'Opnieuw starten' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'De gegevensdienst is opnieuw gestart' })).toBeVisible();
  await shootSession(page, 'backend-restarted-nl');
});

test('a backup under way can be cancelled from Settings: no backup is kept', async ({ page, backend }) => {
  test.slow(); // twenty thousand records, so that the copy takes long enough to cancel
  await withSecondBackend(backend.dataDir, (second) =>
    generateDemo(second.db, second.services.store, { records: 20_000, seed: 5, until: new Date('2026-11-20') }),
  );
  const before = (await unwrap(backend.call('backups.list', {}))).entries.length;
  await gotoView(page, 'settings');
  await page.getByRole('button', { name: 'Back up now' }).click();
  await page.getByRole('button', { name: 'Cancel the backup' }).click();
  await expect(page.getByText('The backup was cancelled. No backup was kept.')).toBeVisible();
  expect((await unwrap(backend.call('backups.list', {}))).entries).toHaveLength(before);
  await expect(page.getByRole('button', { name: 'Back up now' })).toBeEnabled();
});
