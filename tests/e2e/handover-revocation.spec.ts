import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createBackend } from '../../electron/backend/create-backend';
import { callWithFiles } from '../../electron/files/trusted';
import { TEST_PASSPHRASE } from '../unit/helpers/session';
import { TestFileChooser } from './file-dialogs';
import { bridgePage, expect, startTestSession, test, unwrap, watchPageErrors } from './fixtures';
import { seedRequest } from './request-form';

// Issue 13, items 3 and 6, in the browser, in English and in Dutch: a handover from one post profile to a
// successor profile of the same post (each a real installation in its own encrypted folder, with its own file
// dialogs), and HQ revoking a post key and retiring one of its own keys. Screenshots of each screen go to
// test-results/screenshots/ (git ignores them) for people to look at.

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

const WORDS = {
  en: {
    exchangeTitle: 'Exchange with HQ',
    hqTitle: 'Posts and imports',
    saveSuccessor: 'Save the successor file…',
    openSuccessor: 'Open the successor’s file (.json)…',
    compareOut: 'Compare by phone before you make the package',
    make: 'Make the handover package…',
    made: /Handover package for Marieke Jansen saved to .*: \d+ records?\./,
    openPackage: 'Open the handover package (.llhandover)…',
    typed: 'Fingerprint the outgoing officer reads out',
    importIt: 'Import the handover',
    mismatch: /not by .* as the outgoing officer said\. Nothing was imported/,
    imported:
      /Imported 1 record from Jan de Vries \(0 already here\)\. This laptop takes over the post’s series from key/,
    log: /received from Jan de Vries/,
    revoke: 'Revoke…',
    revokeButton: 'Revoke the key',
    reason: 'Reason',
    by: 'Your name',
    required: 'Fill in the reason and your name.',
    revokedStatus: /Key .* of post BOG is revoked\./,
    revokedPill: 'revoked',
    revokedLine: /Revoked .* by A\. Hoofd: Laptop stolen in Bogotá/,
    rejected: /which HQ revoked on .* \(Laptop stolen in Bogotá\)/,
    addBackup: 'Add a backup key',
    confirmBackup: 'Yes, add a backup key',
    check: 'Check and retire…',
    sealed: /The latest export of 1 post is sealed to this key only/,
    retire: 'Retire the key',
    retired: /is retired\. Save the HQ key file/,
  },
  nl: {
    exchangeTitle: 'Uitwisseling met het hoofdkantoor',
    hqTitle: 'Posten en importen',
    saveSuccessor: 'Het opvolgersbestand bewaren…',
    openSuccessor: 'Open het bestand van de opvolger (.json)…',
    compareOut: 'Vergelijk telefonisch voordat u het pakket maakt',
    make: 'Het overdrachtspakket maken…',
    made: /Overdrachtspakket voor Marieke Jansen bewaard in .*: \d+ records?\./,
    openPackage: 'Het overdrachtspakket openen (.llhandover)…',
    typed: 'Vingerafdruk die de vertrekkende officier voorleest',
    importIt: 'De overdracht importeren',
    mismatch: /niet met .* zoals de vertrekkende officier zei\. Er is niets geïmporteerd/,
    imported:
      /1 record van Jan de Vries geïmporteerd \(0 waren er al\)\. Deze laptop neemt de reeks van de post over van sleutel/,
    log: /ontvangen van Jan de Vries/,
    revoke: 'Intrekken…',
    revokeButton: 'Sleutel intrekken',
    reason: 'Reden',
    by: 'Uw naam',
    required: 'Vul de reden en uw naam in.',
    revokedStatus: /Sleutel .* van post BOG is ingetrokken\./,
    revokedPill: 'ingetrokken',
    revokedLine: /Ingetrokken .* door A\. Hoofd: Laptop stolen in Bogotá/,
    rejected: /die het hoofdkantoor op .* heeft ingetrokken \(Laptop stolen in Bogotá\)/,
    addBackup: 'Reservesleutel toevoegen',
    confirmBackup: 'Ja, reservesleutel toevoegen',
    check: 'Controleren en buiten gebruik stellen…',
    sealed: /De laatste export van 1 post is alleen voor deze sleutel versleuteld/,
    retire: 'Sleutel buiten gebruik stellen',
    retired: /is buiten gebruik\. Bewaar het sleutelbestand/,
  },
} as const;

for (const language of ['en', 'nl'] as const) {
  const w = WORDS[language];

  test.describe(`handover and revocation (${language})`, () => {
    test.use({ viewport: { width: 1280, height: 1600 } });

    test('the outgoing officer hands the post over to a successor profile', async ({
      page,
      backend,
      browser,
      baseURL,
      fileChooser,
    }, testInfo) => {
      test.setTimeout(90_000);
      // --- the outgoing officer's installation (the page fixture's session) ---
      await unwrap(
        backend.call('identity.init', {
          role: 'post',
          postId: 'BOG',
          postName: 'Bogotá',
          officer: 'Jan de Vries',
          country: 'CO',
        }),
      );
      await unwrap(backend.call('settings.update', { language }));
      await unwrap(backend.call('requests.create', seedRequest({ subject: 'Open vessel check' })));
      await unwrap(
        backend.call(
          'requests.create',
          seedRequest({
            subject: 'Answered plate check',
            status: 'answered',
            answeredAt: '2026-02-12T10:00:00.000Z',
          }),
        ),
      );
      const outgoingKey = (await unwrap(backend.call('identity.get', {}))).signingKeyId ?? '';

      // --- the successor's installation: a second profile of the same post, with its own dialogs ---
      const successorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-e2e-successor-'));
      const successorChooser = new TestFileChooser();
      const successor = startTestSession({ dataDir: successorDir, fileChooser: successorChooser });
      const successorErrors: string[] = [];
      try {
        await unwrap(successor.setup(TEST_PASSPHRASE, false));
        await unwrap(
          successor.call('identity.init', {
            role: 'post',
            postId: 'BOG',
            postName: 'Bogotá',
            officer: 'Marieke Jansen',
            country: 'CO',
          }),
        );
        await unwrap(successor.call('settings.update', { language }));
        const context = await browser.newContext({
          baseURL: baseURL!,
          locale: 'en-GB',
          timezoneId: 'Europe/Amsterdam',
        });
        const next = await context.newPage();
        await next.setViewportSize({ width: 1280, height: 1600 });
        watchPageErrors(next, successorErrors);
        await bridgePage(next, successor);

        // 1. The successor saves its file and reads its two fingerprints out.
        const successorFile = testInfo.outputPath('successor.json');
        successorChooser.willSave(successorFile);
        await next.goto('/#/exchange');
        await expect(next.getByRole('heading', { level: 1, name: w.exchangeTitle })).toBeVisible();
        await next.getByRole('button', { name: w.saveSuccessor }).click();
        await expect(next.locator('.handover-saved')).toBeVisible();
        const saved = JSON.parse(fs.readFileSync(successorFile, 'utf8')) as {
          keyId: string;
          recipientFingerprint: string;
        };
        await expect(next.locator('.handover-saved')).toContainText(saved.recipientFingerprint.replaceAll('-', ''));

        // 2. The outgoing officer opens it, compares, and makes the package.
        await page.goto('/#/exchange');
        await expect(page.getByRole('heading', { level: 1, name: w.exchangeTitle })).toBeVisible();
        fileChooser.willOpen(successorFile);
        await page.getByRole('button', { name: w.openSuccessor }).click();
        const check = page.getByRole('group', { name: w.compareOut });
        await expect(check).toContainText('Marieke Jansen');
        await expect(check).toContainText(saved.keyId.replaceAll('-', ''));
        await expect(check).toContainText(saved.recipientFingerprint.replaceAll('-', ''));
        await shoot(page, `handover-outgoing-check-${language}`);
        const packageFile = testInfo.outputPath('handover.llhandover');
        fileChooser.willSave(packageFile);
        await check.getByRole('button', { name: w.make }).click();
        await expect(page.getByText(w.made)).toBeVisible();
        await shoot(page, `handover-outgoing-done-${language}`);

        // 3. The successor opens the package, types the fingerprint it hears, and imports.
        successorChooser.willOpen(packageFile);
        await next.getByRole('button', { name: w.openPackage }).click();
        const field = next.getByLabel(w.typed);
        await expect(field).toBeFocused();
        // Misheard: another key. Nothing is imported.
        await field.fill(saved.keyId.toLowerCase().replaceAll('-', ' '));
        await next.getByRole('button', { name: w.importIt }).click();
        await expect(next.getByRole('alert')).toContainText(w.mismatch);
        expect((await unwrap(successor.call('stats.counts', {}))).informationRequests).toBe(0);
        await shoot(next, `handover-successor-mismatch-${language}`);
        await field.fill(outgoingKey.toLowerCase().replaceAll('-', ' '));
        await next.getByRole('button', { name: w.importIt }).click();
        await expect(next.getByText(w.imported)).toBeVisible();
        await expect(next.getByText(w.log)).toBeVisible();
        await shoot(next, `handover-successor-done-${language}`);
        // The open request came over; the answered one stayed with the outgoing officer (closed history).
        const requests = await unwrap(successor.call('requests.list', {}));
        expect(requests.items.map((r) => r.subject)).toEqual(['Open vessel check']);
        await context.close();
      } finally {
        await successor.host.stop();
        fs.rmSync(successorDir, { recursive: true, force: true });
      }
      expect(successorErrors, 'the successor page reported errors').toEqual([]);
    });

    test('HQ revokes a post key and retires one of its own keys', async ({ page, backend, fileChooser }, testInfo) => {
      test.setTimeout(90_000);
      // --- HQ (the page fixture's session) ---
      await unwrap(backend.call('identity.init', { role: 'hq', hqName: 'International Police Cooperation Desk' }));
      await unwrap(backend.call('settings.update', { language }));
      const keyFile = testInfo.outputPath('hq-key.json');
      fileChooser.willSave(keyFile);
      await unwrap(backend.call('keys.saveHqKeyFile', {}));
      // --- the post BOG, an installation in this process, enrolled at HQ, with two exports ---
      const postDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-e2e-bog-'));
      const post = createBackend({ dataDir: postDir, version: 'e2e' });
      try {
        await unwrap(
          post.call('identity.init', { role: 'post', postId: 'BOG', postName: 'Bogotá', officer: 'Jan de Vries' }),
        );
        await unwrap(callWithFiles(post.invoke, 'keys.importHq', {}, { open: [keyFile] }));
        const enrolment = testInfo.outputPath('enrolment.json');
        await unwrap(callWithFiles(post.invoke, 'keys.saveEnrolmentFile', {}, { save: enrolment }));
        fileChooser.willOpen(enrolment);
        await unwrap(backend.call('posts.enrol', {}));
        await unwrap(post.call('requests.create', seedRequest({ subject: 'Plate check' })));
        const first = await unwrap(
          post.call('exports.create', { from: '2026-01-01', to: '2026-12-31', level: 'full' }),
        );
        // Made before the revocation, carried to HQ after it.
        const second = await unwrap(
          post.call('exports.create', { from: '2026-01-01', to: '2026-12-31', level: 'full' }),
        );
        fileChooser.willOpen(first.path);
        await unwrap(backend.call('imports.run', { fromDialog: true }));

        await page.goto('/#/exchange');
        await expect(page.getByRole('heading', { level: 1, name: w.hqTitle })).toBeVisible();
        const posts = page.locator('.exchange-posts');
        await expect(posts).toContainText('Jan de Vries');
        // Its name says which key of which post (the visible word alone would not, with several keys).
        await posts.getByRole('button', { name: new RegExp(`^${w.revoke.replace('…', '')}`) }).click();
        const form = page.locator('.exchange-decision-row form');
        await expect(form.getByLabel(w.reason)).toBeFocused();
        await form.getByRole('button', { name: w.revokeButton }).click();
        await expect(form.getByText(w.required).first()).toBeVisible();
        await form.getByLabel(w.reason).fill('Laptop stolen in Bogotá, police report 2026-118');
        await form.getByLabel(w.by).fill('A. Hoofd');
        await shoot(page, `revocation-form-${language}`);
        await form.getByRole('button', { name: w.revokeButton }).click();
        await expect(page.getByText(w.revokedStatus)).toBeVisible();
        await expect(posts.locator('.exchange-pill', { hasText: w.revokedPill })).toBeVisible();
        await expect(posts).toContainText(w.revokedLine);
        await shoot(page, `revocation-done-${language}`);

        // The export made before the revocation is refused as revoked, with the date and the reason.
        fileChooser.willOpen(second.path);
        const report = await unwrap(backend.call('imports.run', { fromDialog: true }));
        expect(report.files[0]).toMatchObject({ outcome: 'rejected', reason: 'revoked' });
        expect(report.files[0]?.message).toMatch(/Laptop stolen in Bogotá/);

        // HQ adds a backup key, then retires the first: the warning names BOG, whose export is sealed to it only.
        await page.getByRole('button', { name: w.addBackup }).click();
        await page.getByRole('button', { name: w.confirmBackup }).click();
        const first_ = (await unwrap(backend.call('identity.get', {}))).hqKeys.at(-1)?.fingerprint ?? '';
        await page.locator('#exchange-retire-key').selectOption(first_);
        await page.getByRole('button', { name: w.check }).click();
        await expect(page.locator('.exchange-retire')).toContainText(w.sealed);
        await expect(page.locator('.exchange-retire')).toContainText('BOG');
        await shoot(page, `retire-hq-warning-${language}`);
        await page.getByRole('button', { name: w.retire }).click();
        await expect(page.locator('.exchange-retire')).toContainText(w.retired);
      } finally {
        post.close();
        fs.rmSync(postDir, { recursive: true, force: true });
      }
    });
  });
}
