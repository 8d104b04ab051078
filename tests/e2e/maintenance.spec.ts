import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { defaultBackupDir, listBackups } from '../../electron/backup/index';
import { DATABASE_FILE } from '../../electron/db/open';
import { unwrapWithPassphrase } from '../../electron/vault/vault';
import { expect, openSecondBackend, test, TEST_PASSPHRASE, TEST_WORK_FACTOR, unwrap } from './fixtures';
import { seedRequest } from './request-form';
import { SCREENSHOTS, unlockScreen } from './session-screens';

// The check and the automatic backup after the unlock, as the officer sees them: the app opens at once, a quiet
// note in the top bar says how far the check and the backup have come (English and Dutch, screenshots in
// test-results/screenshots/maintenance-*.png), the pages answer meanwhile, and Settings → Backups tells how the
// last check ended. Damage the check finds after the unlock leads to the recovery screen, which says so.

test.use({ sessionState: 'locked' });
// One at a time: each fills a folder and then times nothing, but the work it watches must not compete with another's.
test.describe.configure({ mode: 'serial' });

/** About 30 MB of requests (long notes), so that the check and the backup take a few seconds. */
async function fill(dataDir: string, count = 3000): Promise<void> {
  const backend = await openSecondBackend(dataDir);
  try {
    backend.db.exec('BEGIN IMMEDIATE');
    for (let i = 0; i < count; i++) {
      const r = await backend.invoke(
        'requests.create',
        seedRequest({ subject: `Background request ${i}`, notes: `Note ${i} `.repeat(900).slice(0, 10_000) }),
      );
      if (!r.ok) throw new Error(r.error.message);
    }
    backend.db.exec('COMMIT');
  } finally {
    backend.close();
  }
}

/** Makes the automatic backup due again: no automatic backup in the folder. */
function backupDue(dataDir: string): void {
  for (const b of listBackups(defaultBackupDir(dataDir))) if (b.kind === 'auto') fs.rmSync(b.file);
}

for (const language of ['en', 'nl'] as const) {
  test(`the app opens at once while the data is checked and backed up; the top bar says how far (${language})`, async ({
    page,
    session,
    dataDir,
  }) => {
    test.slow();
    await unwrap(session.unlock(TEST_PASSPHRASE));
    await unwrap(session.call('settings.update', { language }));
    await session.lock();
    await fill(dataDir);
    backupDue(dataDir);
    const words =
      language === 'en'
        ? {
            busy: /^(Checking the data|Backing up|Checking the backup) · (\d+ of \d+|\d+%)$/,
            full: /^Full check · \d+ of \d+$/,
            nav: 'Information requests',
            last: /no problems found/,
            check: 'Check all data now',
          }
        : {
            busy: /^(Gegevens controleren|Back-up maken|Back-up controleren) · (\d+ van \d+|\d+%)$/,
            full: /^Volledige controle · \d+ van \d+$/,
            nav: 'Informatieverzoeken',
            last: /geen problemen gevonden/,
            check: 'Alle gegevens nu controleren',
          };

    await page.goto('/');
    if (language === 'en') {
      const unlock = unlockScreen(page);
      await unlock.passphrase.fill(TEST_PASSPHRASE);
      await unlock.submit.click();
    } else {
      await page.getByLabel('Wachtzin', { exact: true }).fill(TEST_PASSPHRASE);
      await page.getByRole('button', { name: 'Ontgrendelen' }).click();
    }
    const note = page.locator('.topbar .maintenance');
    await expect(note).toBeVisible();
    await expect(note.locator('.maintenance__text')).toHaveText(words.busy);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.locator('.topbar').screenshot({ path: path.join(SCREENSHOTS, `maintenance-topbar-${language}.png`) });
    await page.screenshot({ path: path.join(SCREENSHOTS, `maintenance-${language}.png`) });
    // The window answers meanwhile: another page opens with its data while the note is still there.
    await page.getByRole('navigation').getByRole('link', { name: words.nav }).click();
    await expect(page.getByRole('button', { name: /^Background request 2999\b/ })).toBeVisible();
    await expect(note).toBeVisible();

    // When both are done the note goes, a backup is there, and Settings → Backups says how the check ended.
    await expect(note).toBeHidden({ timeout: 120_000 });
    expect(listBackups(defaultBackupDir(dataDir)).filter((b) => b.kind === 'auto')).toHaveLength(1);
    await page.goto('/#/settings');
    const check = page.locator('.backups__check');
    await expect(check.locator('dd')).toHaveText(words.last);
    await check.screenshot({ path: path.join(SCREENSHOTS, `maintenance-settings-${language}.png`) });
    await check.getByRole('button', { name: words.check }).click();
    await expect(note.locator('.maintenance__text')).toHaveText(words.full);
    await page.locator('.topbar').screenshot({ path: path.join(SCREENSHOTS, `maintenance-full-${language}.png`) });
    await expect(note).toBeHidden({ timeout: 120_000 });
  });
}

test('damage the check finds after the unlock: the recovery screen, saying it was found while working', async ({
  page,
  session,
  dataDir,
}) => {
  await unwrap(session.unlock(TEST_PASSPHRASE));
  await session.lock();
  await fill(dataDir, 300);
  await damageRecordPage(dataDir);

  await page.goto('/');
  const unlock = unlockScreen(page);
  await unlock.passphrase.fill(TEST_PASSPHRASE);
  await unlock.submit.click();
  await expect(page.getByRole('heading', { level: 1, name: 'The data needs to be recovered' })).toBeVisible();
  await expect(page.getByText(/found this while you were working/)).toBeVisible();
  expect(await session.status()).toMatchObject({ state: 'damaged', damaged: { foundLater: true } });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'maintenance-damaged-en.png'), fullPage: true });
});

/** Overwrites a leaf page in the middle of the record table with random bytes, as a failing disk would. */
async function damageRecordPage(dataDir: string): Promise<void> {
  const file = path.join(dataDir, DATABASE_FILE);
  const { key } = await unwrapWithPassphrase(
    { dataDir, now: () => new Date(), workFactor: TEST_WORK_FACTOR },
    TEST_PASSPHRASE,
  );
  const db = new Sqlite(file, { fileMustExist: true });
  let pages: number[];
  try {
    db.pragma(`key = "x'${key.toString('hex')}'"`);
    pages = db
      .prepare<[], number>("SELECT pageno FROM dbstat WHERE name = 'record' AND pagetype = 'leaf' ORDER BY pageno")
      .pluck()
      .all();
  } finally {
    db.close();
    key.fill(0);
  }
  const page = pages[Math.floor(pages.length / 2)] ?? 2;
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, (page - 1) * 4096);
  } finally {
    fs.closeSync(fd);
  }
}
