import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createBackend, type Backend } from '../../electron/backend/create-backend';
import { createBackup } from '../../electron/backup/create';
import { restoreBackup } from '../../electron/backup/restore';
import { callWithFiles } from '../../electron/files/trusted';
import type { TestFileChooser } from './file-dialogs';
import { expect, openApp, test, unwrap, type TestBackend } from './fixtures';
import { gotoView } from './logbook/helpers';

// Issue 13, item 2, in the window: a post's laptop is restored from a backup after it had sent two more exports.
// Its next export continues from the backup's last one and declares the restore; HQ imports it (a dry run in
// Dutch first, then for real in English) and the report says which backup and which earlier exports it
// supersedes, in the officer's language. Nothing is rejected and nothing flagged as tampered.

interface Made {
  name: string;
  path: string;
}

/** A post on a laptop of its own: set up, paired with HQ, one engagement, exports before and after a restore. */
async function restoredPost(
  hq: Pick<TestBackend, 'call'>,
  root: string,
  chooser: TestFileChooser,
): Promise<{ before: Made[]; after: Made }> {
  const keyFile = path.join(root, 'liaison-log-hq-key.json');
  chooser.willSave(keyFile);
  await unwrap(hq.call('keys.saveHqKeyFile', {}));
  const dataDir = path.join(root, 'post');
  let post = createBackend({ dataDir, version: 'e2e' });
  const out: Made[] = [];
  const exportOne = async (b: Backend) => {
    const entry = await unwrap(b.call('exports.create', { from: '2026-01-01', to: '2026-12-31', level: 'full' }));
    const file = path.join(root, 'bundles', `${out.length + 1}-${entry.fileName}`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.copyFileSync(entry.path, file);
    out.push({ name: path.basename(file), path: file });
  };
  try {
    await unwrap(
      post.call('identity.init', {
        role: 'post',
        postId: 'BOG',
        postName: 'Bogotá',
        officer: 'J. de Vries',
        country: 'CO',
      }),
    );
    await unwrap(callWithFiles(post.invoke, 'keys.importHq', {}, { open: [keyFile] }));
    const enrolment = path.join(root, 'enrolment.json');
    await unwrap(callWithFiles(post.invoke, 'keys.saveEnrolmentFile', {}, { save: enrolment }));
    chooser.willOpen(enrolment);
    await unwrap(hq.call('posts.enrol', {}));
    const org = await unwrap(post.call('organisations.create', { name: 'DIJIN', country: 'CO', type: 'police' }));
    const engagement = {
      occurredAt: '2026-02-10T14:00:00.000Z',
      kind: 'meeting' as const,
      purpose: 'operational' as const,
      organisationIds: [org.id],
      phenomena: ['cocaine'],
    };
    await unwrap(post.call('engagements.create', { ...engagement, subject: 'Before the backup' }));
    await exportOne(post);
    const backup = createBackup(post.db, { dir: path.join(root, 'backups'), now: new Date() });
    await unwrap(post.call('engagements.create', { ...engagement, subject: 'After the backup' }));
    await exportOne(post);
    await exportOne(post);
    post.close();
    restoreBackup({ dataDir, backupFile: backup.file, now: new Date() });
    post = createBackend({ dataDir, version: 'e2e' });
    await exportOne(post);
  } finally {
    if (post.db.open) post.close();
  }
  return { before: out.slice(0, 3), after: out[3]! };
}

async function chooseAndRun(page: Page, button: string, files: Made[], chooser: TestFileChooser) {
  chooser.willOpen(...files.map((f) => f.path));
  await page.getByRole('button', { name: button }).click();
}

test('HQ imports a restored laptop’s bundle: the report names the backup and the superseded exports (NL, EN)', async ({
  page,
  backend,
  fileChooser,
}) => {
  test.slow(); // two installations with keys, a backup and a restore
  await unwrap(backend.call('identity.init', { role: 'hq', hqName: 'HQ' }));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-e2e-restore-'));
  try {
    const { before, after } = await restoredPost(backend, root, fileChooser);
    const day = new Date().toISOString().slice(0, 10);

    await test.step('the exports before the restore arrive', async () => {
      await gotoView(page, 'exchange');
      await chooseAndRun(page, 'Choose export files and import…', before, fileChooser);
      await expect(page.getByRole('heading', { name: 'Import report' })).toBeFocused();
      await expect(page.locator('.exchange-totals')).toContainText('3 imported, 0 already imported, 0 rejected');
    });

    await test.step('in Dutch, a dry run of the restored laptop’s export', async () => {
      await unwrap(backend.call('settings.update', { language: 'nl' }));
      await page.reload();
      await openApp(page, backend);
      await gotoView(page, 'exchange');
      await page.getByLabel('Alleen controleren (proefrun)').check();
      await chooseAndRun(page, 'Exportbestanden kiezen en controleren…', [after], fileChooser);
      const row = page
        .getByRole('table', { name: 'Uitkomst per bestand' })
        .getByRole('row')
        .filter({ hasText: after.name });
      await expect(row).toContainText('Zou worden geïmporteerd');
      await expect(row.locator('[data-code="import.restored.superseded"]')).toHaveText(
        `Teruggezet vanuit een back-up van ${day}; exports 2–3 van de eerdere reeks zijn vervangen (de records die ze brachten blijven op het hoofdkantoor).`,
      );
    });

    await test.step('in English, the import itself', async () => {
      await unwrap(backend.call('settings.update', { language: 'en' }));
      await page.reload();
      await openApp(page, backend);
      await gotoView(page, 'exchange');
      await chooseAndRun(page, 'Choose export files and import…', [after], fileChooser);
      const row = page
        .getByRole('table', { name: 'Outcome per file' })
        .getByRole('row')
        .filter({ hasText: after.name });
      await expect(row).toContainText('Imported');
      await expect(row.locator('[data-code="import.restored.superseded"]')).toHaveText(
        `Restored from a backup of ${day}; exports 2–3 of the earlier run are superseded (the records they brought stay at HQ).`,
      );
      await expect(page.locator('.exchange-totals')).toContainText('1 imported, 0 already imported, 0 rejected');
      await expect(page.getByRole('alert').filter({ hasText: 'Exports are missing' })).toHaveCount(0);
    });

    // Nothing the earlier run brought is lost: both engagements are at HQ.
    const page1 = await unwrap(backend.call('engagements.list', { filters: { post: 'BOG' }, limit: 10 }));
    expect(page1.total).toBe(2);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
