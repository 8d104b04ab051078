import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createBackend, type Backend } from '../../electron/backend/create-backend';
import { callWithFiles } from '../../electron/files/trusted';
import type { RecordOrigin } from '../../shared/records/origin';
import { formatDateIn } from '../../shared/time/format';
import type { TestFileChooser } from './file-dialogs';
import { expect, openApp, test, unwrap, type TestBackend } from './fixtures';
import { HQ_NAME, SCREENSHOTS, shootWhole } from './hq-helpers';
import { seedRequest } from './request-form';
import { gotoView, recordPage } from './logbook/helpers';

// Records have an owner (issue 11, item 3). At HQ a request imported from the Bogotá post opens read-only: no
// "Save changes", no "Move to trash", no link editing, every value still readable and focusable; a calm line says
// "From post Bogotá (BOG) · export 2 · revision 3 · imported <day>", and "Open the bundle it came from" opens that
// import on the Exchange page. Its list row carries the post. HQ's own request stays editable, and so does an
// ordinary request at a post.

const SUBJECT = 'Crew list of the bulk carrier Santa Rosa';
const HQ_OWN = 'Briefing note for the liaison network';
const PERIOD = { from: '2026-03-01', to: '2026-03-31' };

interface Imported {
  requestId: string;
  files: string[];
}

/**
 * HQ (the test's backend) and one post, Bogotá, in a temporary folder: the post logs a request linked to a case,
 * exports March (export 1), corrects the request twice (revision 3) and exports March again (export 2). HQ
 * imports both files in order, as an officer picks them in the Exchange page's open dialog.
 */
async function bogotaImported(hq: TestBackend, chooser: TestFileChooser, out: string): Promise<Imported> {
  await unwrap(hq.call('identity.init', { role: 'hq', hqName: HQ_NAME }));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-e2e-owner-'));
  const keyFile = path.join(root, 'hq-key.json');
  chooser.willSave(keyFile);
  await unwrap(hq.call('keys.saveHqKeyFile', {}));
  const errors: unknown[] = [];
  const files: string[] = [];
  const post: Backend = createBackend({
    dataDir: path.join(root, 'BOG'),
    version: 'e2e',
    log: (message, error) => errors.push({ message, error: String(error) }),
  });
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

    const kase = await unwrap(post.call('cases.create', { reference: 'BOG-2026-007', name: 'Santa Rosa' }));
    const fields = seedRequest({
      counterpartCountry: 'DE',
      counterpartAgency: 'Bundeskriminalamt',
      exchangedAt: '2026-03-03T10:00:00.000Z',
      subject: SUBJECT,
      caseId: kase.id,
    });
    const made = await unwrap(post.call('requests.create', fields));
    const exportNow = async () => {
      const entry = await unwrap(post.call('exports.create', { ...PERIOD, level: 'full' }));
      const file = path.join(out, entry.fileName);
      fs.copyFileSync(entry.path, file);
      files.push(file);
    };
    await exportNow();
    const second = await unwrap(
      post.call('requests.update', { id: made.id, revision: 1, fields: { ...fields, notes: 'Crew of 21.' } }),
    );
    await unwrap(
      post.call('requests.update', {
        id: made.id,
        revision: second.revision,
        fields: {
          ...fields,
          notes: 'Crew of 21; list received.',
          status: 'answered',
          answeredAt: '2026-03-03T16:00:00.000Z',
        },
      }),
    );
    await exportNow();
    if (errors.length > 0) throw new Error(`The post logged internal errors: ${JSON.stringify(errors)}`);
  } finally {
    post.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
  for (const file of files) {
    chooser.willOpen(file);
    const report = await unwrap(hq.call('imports.run', { fromDialog: true }));
    expect(report.files.map((f) => f.outcome)).toEqual(['imported']);
  }
  const requests = await unwrap(hq.call('requests.list', {}));
  const request = requests.items.find((r) => r.subject === SUBJECT);
  if (!request) throw new Error('HQ does not hold the imported request.');
  return { requestId: request.id, files };
}

/** The read-only form of an imported record, as the officer meets it. */
async function expectReadOnly(page: Page): Promise<void> {
  const r = recordPage(page);
  const form = r.form;
  await expect(form.getByRole('button', { name: /^Save/ })).toHaveCount(0);
  await expect(form.getByRole('button', { name: 'Move to trash' })).toHaveCount(0);
  // No link editing: the case's chip has no remove button, and there is nothing to search for another.
  await expect(form.getByRole('button', { name: /^Remove / })).toHaveCount(0);
  // The values stay readable and focusable, to copy from; typing changes nothing.
  const subject = form.getByLabel('Subject', { exact: true });
  await expect(subject).toHaveValue(SUBJECT);
  await expect(subject).toHaveAttribute('readonly', '');
  await subject.focus();
  await expect(subject).toBeFocused();
  await page.keyboard.type('changed');
  await expect(subject).toHaveValue(SUBJECT);
  const status = form.getByLabel('Status', { exact: true });
  await expect(status).toHaveAttribute('aria-readonly', 'true');
  await status.focus();
  await page.keyboard.press('ArrowDown');
  await expect(status).toHaveValue('answered');
  const spoc = form.getByRole('checkbox', { name: /SPOC/ });
  await spoc.click();
  await expect(spoc).not.toBeChecked();
}

test.describe('records have an owner', () => {
  test('at HQ a post’s record is read-only, names its post, export and revision, and opens its bundle; HQ’s own stays editable', async ({
    page,
    backend,
    fileChooser,
  }, testInfo) => {
    test.slow(); // a second installation, keys, two bundles
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const out = testInfo.outputPath('bundles');
    fs.mkdirSync(out, { recursive: true });
    const { requestId } = await bogotaImported(backend, fileChooser, out);
    const hqOwn = await unwrap(backend.call('requests.create', seedRequest({ subject: HQ_OWN })));
    const held = await unwrap(backend.call('requests.get', { id: requestId }));
    expect(held.revision).toBe(3);
    const origin = held.origin as RecordOrigin;
    expect(origin).toMatchObject({ post: 'BOG', postName: 'Bogotá', exportSeq: 2, level: 'full' });
    const settings = await unwrap(backend.call('settings.get', {}));
    const importedDay = (language: string) => formatDateIn(origin.importedAt ?? '', settings.timeZone, language);
    await openApp(page, backend);
    const r = recordPage(page);

    await test.step('the list row of the imported request carries its post; HQ’s own none', async () => {
      await expect(r.row(SUBJECT).locator('.badge--post')).toHaveText('From post BogotáBOG');
      await expect(r.row(SUBJECT)).toHaveAccessibleName(/From post Bogotá/);
      await expect(r.row(HQ_OWN).locator('.badge--post')).toHaveCount(0);
    });

    await test.step('the imported request opens read-only with its post, export, revision and import day', async () => {
      await r.row(SUBJECT).click();
      await expect(r.formTitle).toHaveText('Information request');
      const banner = r.form.getByRole('note').filter({ hasText: 'From post' });
      await expect(banner.locator('.origin-banner__line')).toHaveText(
        `From post Bogotá (BOG) · export 2 · revision 3 · imported ${importedDay('en')}`,
      );
      await expect(banner).toContainText('Read-only at HQ');
      await expectReadOnly(page);
      await shootWhole(page, 'owner-01-imported-read-only-en');
    });

    await test.step('“Open the bundle it came from” shows that import on the Exchange page', async () => {
      await r.form.getByRole('link', { name: 'Open the bundle it came from' }).click();
      await expect(page).toHaveURL(new RegExp(`#/exchange/${origin.importId ?? 'none'}$`));
      const opened = page.getByRole('region', { name: 'Bundle from Bogotá (BOG), export 2' });
      await expect(opened).toBeVisible();
      await expect(opened.getByRole('heading', { level: 2 })).toBeFocused();
      await expect(opened).toContainText('liaison-log_BOG_2026-03-01_2026-03-31_0002.llbundle');
      await expect(opened).toContainText('Full');
      await expect(opened).toContainText('Information requests: 1');
      await expect(opened).toContainText('Cases: 1');
      // The rest of HQ's exchange page is still there below it.
      await expect(page.getByRole('heading', { level: 1, name: 'Posts and imports' })).toBeVisible();
      await shootWhole(page, 'owner-02-opened-import-en');
      await opened.getByRole('button', { name: 'Close' }).click();
      await expect(page).toHaveURL(/#\/exchange$/);
      await expect(opened).toHaveCount(0);
    });

    await test.step('HQ’s own request stays editable, and the backend still refuses a change to the post’s', async () => {
      await gotoView(page, 'requests', hqOwn.id);
      await expect(r.form.getByRole('note').filter({ hasText: 'From post' })).toHaveCount(0);
      await r.form.getByLabel('Counterpart agency').fill('Police judiciaire');
      await r.form.getByRole('button', { name: 'Save changes' }).click();
      await expect(r.notice).toHaveText('Changes saved.');
      await expect(r.form.getByRole('button', { name: 'Move to trash' })).toBeVisible();
      const refused = await backend.call('requests.update', {
        id: requestId,
        revision: 3,
        fields: { ...seedRequest({ subject: 'Changed at HQ' }) },
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    });

    await test.step('a new request from the keyboard is HQ’s own, even from an imported one', async () => {
      await gotoView(page, 'requests', requestId);
      await expect(r.form.getByRole('note').filter({ hasText: 'From post' })).toBeVisible();
      await page.keyboard.press('Control+n');
      await expect(r.formTitle).toHaveText('New information request');
      await expect(r.form.getByRole('button', { name: 'Save request' })).toBeVisible();
      await expect(r.form.getByLabel('Subject', { exact: true })).not.toHaveAttribute('readonly', '');
    });

    await test.step('in Dutch', async () => {
      await unwrap(backend.call('settings.update', { language: 'nl' }));
      await page.reload(); // the window reads the language at start, as after a restart
      await openApp(page, backend);
      await gotoView(page, 'requests', requestId);
      const form = page.getByRole('form');
      await expect(form.locator('.origin-banner__line')).toHaveText(
        `Van post Bogotá (BOG) · export 2 · versie 3 · geïmporteerd ${importedDay('nl')}`,
      );
      await expect(form.getByRole('button', { name: 'Wijzigingen opslaan' })).toHaveCount(0);
      await expect(form.getByRole('button', { name: 'Naar prullenbak' })).toHaveCount(0);
      await expect(page.locator('.split__list').getByRole('button').filter({ hasText: SUBJECT })).toContainText('BOG');
      await shootWhole(page, 'owner-03-imported-read-only-nl');
      await form.getByRole('link', { name: 'Open de bundel waaruit het komt' }).click();
      await expect(page.getByRole('region', { name: 'Bundel van Bogotá (BOG), export 2' })).toContainText(
        'Informatieverzoeken: 1',
      );
      await shootWhole(page, 'owner-04-opened-import-nl');
    });
  });

  test('at a post an ordinary record is editable as before', async ({ page, backend }) => {
    await unwrap(
      backend.call('identity.init', {
        role: 'post',
        postId: 'BOG',
        postName: 'Bogotá',
        officer: 'J. de Vries',
        country: 'CO',
      }),
    );
    const made = await unwrap(backend.call('requests.create', seedRequest({ subject: SUBJECT })));
    expect(made.origin).toBeNull();
    await gotoView(page, 'requests', made.id);
    const r = recordPage(page);
    await expect(r.form.getByLabel('Subject', { exact: true })).toHaveValue(SUBJECT);
    await expect(r.form.getByRole('note').filter({ hasText: 'From post' })).toHaveCount(0);
    await expect(r.row(SUBJECT).locator('.badge--post')).toHaveCount(0);
    await r.form.getByLabel('Subject', { exact: true }).fill(`${SUBJECT}, corrected`);
    await r.form.getByRole('button', { name: 'Save changes' }).click();
    await expect(r.notice).toHaveText('Changes saved.');
    await expect(r.form.getByRole('button', { name: 'Move to trash' })).toBeVisible();
  });
});
