import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { DATABASE_FILE } from '../../electron/db/open';
import { unwrapWithPassphrase } from '../../electron/vault/vault';
import { expect, test, TEST_PASSPHRASE, unwrap, type TestSession } from './fixtures';
import { seedRequest } from './request-form';
import { SCREENSHOTS, unlockScreen } from './session-screens';

// Backups in the browser, on a real encrypted session: Settings → Backups (back up now, restore after a
// confirmation that names the kept file), and the recovery screen a damaged database leads to at unlock.

const SUBJECT = 'Shipment inspection, container MSCU 4481920';

async function requestCount(session: TestSession): Promise<number> {
  return (await unwrap(session.call('stats.counts', {}))).informationRequests;
}

test.describe('Settings → Backups', () => {
  test('back up now, add a record, restore the backup: the record is gone and the kept file is named', async ({
    page,
    session,
    dataDir,
  }) => {
    await page.goto('/#/settings');
    const section = page.getByRole('region', { name: 'Backups' });
    await expect(section).toBeVisible();
    await section.getByLabel('Note for the backup (optional)').fill('Before the new record');
    await section.getByRole('button', { name: 'Back up now' }).click();
    await expect(section.getByText(/^Backup made: liaison-log-manual-.*-before-the-new-record\.db$/)).toBeVisible();

    await unwrap(session.call('requests.create', seedRequest({ subject: SUBJECT })));
    expect(await requestCount(session)).toBe(1);

    const row = section.getByRole('row', { name: /before-the-new-record/ });
    await expect(row).toContainText('Manual');
    await expect(row).toContainText(/\d+(\.\d)? KB/);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await section.screenshot({ path: path.join(SCREENSHOTS, 'backups-section-en.png'), animations: 'disabled' });

    await row.getByRole('button', { name: /^Restore/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('kept in the data folder as liaison-log.before-restore-');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'backups-confirm-en.png'), animations: 'disabled' });
    await dialog.getByRole('button', { name: 'Restore' }).click();

    const done = section.getByText(/^Restored from liaison-log-manual-.*\. The data it replaced is kept as /);
    await expect(done).toBeVisible();
    const kept = /kept as (liaison-log\.before-restore-\d{8}T\d{6}Z\.db)\.$/.exec(
      (await done.textContent()) ?? '',
    )?.[1];
    expect(kept).toBeDefined();
    expect(fs.existsSync(path.join(dataDir, kept ?? 'missing'))).toBe(true);
    expect(await requestCount(session)).toBe(0);

    // The app shows the restored data: the record is not in the list.
    await page.goto('/#/requests');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByText(SUBJECT)).toHaveCount(0);
  });

  test('saves a copy with its key files into a chosen folder, then restores from that copy', async ({
    page,
    session,
    dataDir,
    fileChooser,
  }, testInfo) => {
    await page.goto('/#/settings');
    const section = page.getByRole('region', { name: 'Backups' });
    await section.getByRole('button', { name: 'Back up now' }).click();
    const made = section.getByText(/^Backup made: (liaison-log-manual-.*\.db)$/);
    await expect(made).toBeVisible();
    const fileName = /(liaison-log-manual-.*\.db)$/.exec((await made.textContent()) ?? '')?.[1] ?? 'missing';

    // Save a copy: the officer picks a folder (a USB stick) in the window's dialog; the backend copies the
    // backup and its key files into a folder of their own there.
    const usb = testInfo.outputPath('usb-stick');
    fs.mkdirSync(usb, { recursive: true });
    fileChooser.willOpen(usb);
    const row = section.getByRole('row', { name: /Manual/ });
    await row.getByRole('button', { name: /^Save a copy/ }).click();
    const copyFolder = path.join(usb, fileName.replace(/\.db$/, ''));
    await expect(section.getByText(`Saved to ${copyFolder}, with the key files`)).toBeVisible();
    expect(fileChooser.shown.at(-1)).toMatchObject({ multiple: false, directory: true });
    expect(fs.readdirSync(copyFolder).sort()).toEqual([fileName, 'key.age', 'key.recovery.age', 'vault.json'].sort());

    // A cancelled dialog changes nothing and says nothing.
    fileChooser.willCancel();
    await row.getByRole('button', { name: /^Save a copy/ }).click();
    await expect.poll(() => fileChooser.shown.length).toBe(2);
    await expect(section.getByRole('alert')).toHaveCount(0);

    await unwrap(session.call('requests.create', seedRequest({ subject: SUBJECT })));
    expect(await requestCount(session)).toBe(1);

    // Restore from the saved copy: confirm first, then pick the file in the window's open dialog.
    fileChooser.willOpen(path.join(copyFolder, fileName));
    await section.getByRole('button', { name: 'Choose a backup file and restore…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
    await expect(dialog).toContainText('the day the file you choose next was made');
    await dialog.getByRole('button', { name: 'Restore' }).click();
    await expect(section.getByText(new RegExp(`^Restored from ${fileName.replaceAll('.', '\\.')}`))).toBeVisible();
    expect(fileChooser.shown.at(-1)).toMatchObject({ multiple: false, filters: [{ extensions: ['db'] }] });
    expect(await requestCount(session)).toBe(0);
    // No temporary copy is left beside the backups.
    expect(fs.readdirSync(path.join(dataDir, 'backups')).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

test.describe('a damaged database at unlock', () => {
  test.use({ sessionState: 'locked' });

  test('shows the recovery screen; restoring a backup from it opens the app', async ({ page, session, dataDir }) => {
    await unwrap(session.unlock(TEST_PASSPHRASE));
    await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        unwrap(session.call('requests.create', seedRequest({ subject: `${SUBJECT} ${i}` }))),
      ),
    );
    await unwrap(session.call('backups.create', { label: 'weekly' }));
    await session.lock();
    await damageRecordPages(dataDir);

    await page.goto('/');
    const unlock = unlockScreen(page);
    await unlock.passphrase.fill(TEST_PASSPHRASE);
    await unlock.submit.click();
    await expect(page.getByRole('heading', { level: 1, name: 'The data needs to be recovered' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('Nothing has been deleted');
    await expect(page.getByRole('button', { name: /delete/i })).toHaveCount(0);
    expect((await session.status()).state).toBe('damaged');
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'backups-damaged-en.png'), fullPage: true });

    await page.getByRole('button', { name: 'Save what is readable' }).click();
    await expect(page.getByText(/^Saved \d+ rows into liaison-log-manual-.*-salvaged\.db/)).toBeVisible();
    await expect(page.getByRole('row', { name: /salvaged/ })).toContainText('Saved from damage');

    await page
      .getByRole('row', { name: /weekly/ })
      .getByRole('button', { name: /^Restore/ })
      .click();
    await page.getByRole('dialog').getByRole('button', { name: 'Restore' }).click();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    expect((await session.status()).state).toBe('unlocked');
    expect(await requestCount(session)).toBe(300);
    expect(fs.readdirSync(dataDir).some((f) => f.startsWith('liaison-log.before-restore-'))).toBe(true);
  });
});

/** Overwrites a leaf page of the record table with random bytes, as a failing disk would. */
async function damageRecordPages(dataDir: string): Promise<void> {
  const file = path.join(dataDir, DATABASE_FILE);
  const { key } = await unwrapWithPassphrase({ dataDir, now: () => new Date(), workFactor: 10 }, TEST_PASSPHRASE);
  const db = new Sqlite(file, { fileMustExist: true });
  let pages: number[];
  try {
    db.pragma(`key = "x'${key.toString('hex')}'"`);
    pages = db
      .prepare<[], { pageno: number }>("SELECT pageno FROM dbstat WHERE name = 'record' AND pagetype = 'leaf'")
      .all()
      .map((r) => r.pageno - 1);
  } finally {
    db.close();
    key.fill(0);
  }
  const page = pages[Math.floor(pages.length / 2)] ?? 1;
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, page * 4096);
  } finally {
    fs.closeSync(fd);
  }
}
