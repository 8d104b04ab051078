import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateX25519Identity } from 'age-encryption';
import { createBackend } from '../../electron/backend/create-backend';
import { DATABASE_FILE } from '../../electron/db/open';
import { callWithFiles } from '../../electron/files/trusted';
import { recoveryCodeForHq } from '../../electron/vault/vault';
import type { TestFileChooser } from './file-dialogs';
import { expect, test, TEST_PASSPHRASE, unwrap, type TestBackend, type TestSession } from './fixtures';
import { seedRequest } from './request-form';
import {
  forgotScreen,
  lockAndWait,
  recoveryKeyScreen,
  setupScreen,
  setUpThroughScreen,
  shootSession,
  unlockScreen,
  unlockThroughScreen,
} from './session-screens';

// The unlock session in the browser: first-run setup and the recovery key, the unlock screen with its
// errors and the rising delay, locking from the top bar (nothing of the data left in the page), a new
// passphrase from the settings, and a forgotten passphrase recovered with the personal recovery key or with
// a recovery code HQ makes from the post's recovery file. The page talks to a real session on an encrypted
// folder (tests/e2e/fixtures.ts).

const SUBJECT = 'Vehicle registration check, plate 4471';
const NEW_PASSPHRASE = 'river lamp orange seventeen';

/** The session's calls, in its backend process (which answers `locked` unless it is unlocked). */
function unlocked(session: TestSession): TestBackend {
  return session;
}

/** Unlocks from the test side, adds one request, and locks again: the data an officer left behind. */
async function leaveARecord(session: TestSession): Promise<void> {
  await unwrap(session.unlock(TEST_PASSPHRASE));
  await unwrap(unlocked(session).call('requests.create', seedRequest({ subject: SUBJECT })));
  await session.lock();
}

test.describe('first run', () => {
  test.use({ sessionState: 'new' });

  test('setup checks the passphrase, shows the recovery key once, then opens the app', async ({
    page,
    session,
    dataDir,
  }) => {
    await page.goto('/#/attention');
    const setup = setupScreen(page);
    await expect(setup.heading).toBeVisible();
    await expect(page).toHaveTitle('Protect the data on this laptop · Liaison Log');
    await expect(page.getByText('At least 10 characters.', { exact: false })).toBeVisible();
    // No key store in this test process: the binding is not offered; a new folder has nothing to convert.
    await expect(page.getByRole('checkbox', { name: /bind the data/ })).toHaveCount(0);
    await expect(page.getByText('already holds Liaison Log data')).toHaveCount(0);
    await expect(setup.passphrase).toBeFocused();
    await shootSession(page, 'setup-en');

    await setup.submit.click();
    await expect(page.getByText('Enter your passphrase.')).toBeVisible();
    await setup.passphrase.fill('too short');
    await setup.submit.click();
    await expect(page.getByText('Use at least 10 characters.')).toBeVisible();
    await expect(setup.passphrase).toBeFocused();
    await setup.passphrase.fill(TEST_PASSPHRASE);
    await setup.repeat.fill(`${TEST_PASSPHRASE}!`);
    await setup.submit.click();
    await expect(page.getByText('The two passphrases are not the same. Type them again.')).toBeVisible();
    await expect(setup.repeat).toHaveValue('');
    expect((await session.status()).state).toBe('new');

    await setup.repeat.fill(TEST_PASSPHRASE);
    await setup.submit.click();
    const shown = recoveryKeyScreen(page);
    await expect(shown.heading).toBeVisible();
    const key = (await shown.key.innerText()).replace(/\s+/g, '');
    expect(key).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
    await expect(page.getByText('keep it in the embassy safe')).toBeVisible();
    expect(await session.status()).toMatchObject({ state: 'unlocked', recovery: { personalKey: true } });
    // The key itself is nowhere in the data folder.
    for (const file of fs.readdirSync(dataDir, { recursive: true, encoding: 'utf8' })) {
      if (!fs.statSync(path.join(dataDir, file)).isFile()) continue;
      expect(fs.readFileSync(path.join(dataDir, file)).includes(key), file).toBe(false);
    }
    await expect(shown.continue).toBeDisabled();
    await shootSession(page, 'recovery-key-en');

    await shown.stored.check();
    await shown.continue.click();
    await expect(page.getByRole('heading', { level: 1, name: 'Needs attention' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Lock now' })).toBeVisible();
    // Shown once: after a reload the app opens (the session is unlocked) and the key is gone for good.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Needs attention' })).toBeVisible();
    await expect(page.getByText(key.slice(16, 22))).toHaveCount(0);
  });

  test('Copy puts the recovery key on the clipboard; where the clipboard is refused, the key is selected for Ctrl+C', async ({
    page,
    context,
  }) => {
    // The app's shell allows its own page the clipboard write (electron/security/shell-policy.ts); here the
    // browser context grants it.
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/#/attention');
    const key = (await setUpThroughScreen(page)).replace(/\s+/g, '');
    expect(key).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
    const copy = page.getByRole('button', { name: 'Copy', exact: true });
    await copy.click();
    await expect(page.getByText('Copied. Paste it only where it will be printed or stored safely.')).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);

    // Refused (as the shell refused it before): the key is selected instead, whole and without the spaces.
    await page.evaluate(() => navigator.clipboard.writeText('something else'));
    const cdp = await context.newCDPSession(page);
    const { targetInfo } = await cdp.send('Target.getTargetInfo');
    await cdp.send('Browser.setPermission', {
      permission: { name: 'clipboard-write' },
      setting: 'denied',
      origin: new URL(page.url()).origin,
      ...(targetInfo.browserContextId ? { browserContextId: targetInfo.browserContextId } : {}),
    });
    await page.evaluate(() => window.getSelection()?.removeAllRanges());
    await copy.click();
    await expect(page.getByText('Could not copy. The key is selected: press Ctrl+C to copy it.')).toBeVisible();
    expect(await page.evaluate(() => window.getSelection()?.toString().replace(/\s+/g, ''))).toBe(key);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('something else');
  });

  test('a folder with data from before encryption: setup says so, encrypts it, and the records stay', async ({
    page,
    session,
    dataDir,
  }) => {
    const before = createBackend({ dataDir, version: 'e2e' });
    try {
      await unwrap(before.call('requests.create', seedRequest({ subject: SUBJECT })));
    } finally {
      before.close();
    }
    const database = path.join(dataDir, DATABASE_FILE);
    expect(fs.readFileSync(database).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');

    await page.goto('/#/requests');
    await expect(
      page.getByText('This laptop already holds Liaison Log data. It will be encrypted with the new passphrase.'),
    ).toBeVisible();
    await setUpThroughScreen(page);
    await recoveryKeyScreen(page).stored.check();
    await recoveryKeyScreen(page).continue.click();
    await expect(page.getByText(SUBJECT)).toBeVisible();
    expect((await session.status()).state).toBe('unlocked');
    expect(fs.readFileSync(database).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
  });

  test('a forgotten passphrase: the personal recovery key opens the data and sets a new passphrase', async ({
    page,
    session,
  }) => {
    await page.goto('/#/requests');
    const shownKey = await setUpThroughScreen(page);
    await recoveryKeyScreen(page).stored.check();
    await recoveryKeyScreen(page).continue.click();
    await unwrap(unlocked(session).call('requests.create', seedRequest({ subject: SUBJECT })));
    await lockAndWait(page, () => page.getByRole('button', { name: 'Lock now' }).click());

    await unlockScreen(page).forgot.click();
    const forgot = forgotScreen(page);
    await expect(forgot.heading).toBeVisible();
    // The two ways back in, and what happens without either.
    await expect(page.getByRole('heading', { name: 'With your personal recovery key' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'With a recovery code from HQ' })).toBeVisible();
    await expect(page.getByText('does not know an HQ key yet, so HQ cannot help')).toBeVisible();
    await expect(page.getByText('nobody can read the data on this laptop')).toBeVisible();
    await expect(page.getByText('already exported to HQ is safe at HQ')).toBeVisible();
    await expect(page.getByText(SUBJECT)).toHaveCount(0);
    await shootSession(page, 'forgot-en');

    // Another installation's key, and something that is not a recovery code at all.
    const otherKey = await generateX25519Identity();
    await forgot.secret.fill(otherKey);
    await forgot.passphrase.fill(NEW_PASSPHRASE);
    await forgot.repeat.fill(NEW_PASSPHRASE);
    await forgot.submit.click();
    await expect(page.getByText('This recovery key or code does not open the data on this laptop.')).toBeVisible();
    await expect(forgot.secret).toBeFocused();
    await forgot.secret.fill('ABCDE-12345');
    await forgot.submit.click();
    await expect(page.getByText('This recovery key or code does not open the data on this laptop.')).toBeVisible();
    expect((await session.status()).state).toBe('locked');

    // The key as written down from the screen, in its groups, in lower case.
    await forgot.secret.fill(shownKey.replace(/\n/g, ' ').toLowerCase());
    await forgot.submit.click();
    await expect(page.getByRole('heading', { level: 1, name: 'Information requests' })).toBeVisible();
    await expect(page.getByText(SUBJECT)).toBeVisible();

    // From now on the new passphrase opens the data, and the forgotten one no longer does.
    await lockAndWait(page, () => page.keyboard.press('Control+l'));
    const unlock = unlockScreen(page);
    await unlock.passphrase.fill(TEST_PASSPHRASE);
    await unlock.submit.click();
    await expect(page.getByText('That passphrase is not correct.')).toBeVisible();
    await unlockThroughScreen(page, NEW_PASSPHRASE);
    await expect(page.getByText(SUBJECT)).toBeVisible();
  });
});

test.describe('a folder that is set up and locked', () => {
  test.use({ sessionState: 'locked' });

  test('relaunched: a wrong passphrase is refused with the count, the right one shows the data', async ({
    page,
    session,
  }) => {
    await leaveARecord(session);
    await page.goto('/#/requests');
    const unlock = unlockScreen(page);
    await expect(unlock.heading).toBeVisible();
    await expect(page).toHaveTitle('Unlock Liaison Log · Liaison Log');
    await expect(unlock.passphrase).toBeFocused();
    await expect(page.getByText(SUBJECT)).toHaveCount(0);
    await shootSession(page, 'unlock-en');

    await unlock.submit.click();
    await expect(page.getByText('Enter your passphrase.')).toBeVisible();

    await unlock.passphrase.fill('correct horse battery stapler');
    await unlock.submit.click();
    await expect(page.getByRole('alert')).toHaveText('That passphrase is not correct.');
    await expect(unlock.passphrase).toHaveValue('');
    await expect(unlock.passphrase).toBeFocused();
    await unlock.passphrase.fill('Correct Horse Battery Staple');
    await unlock.submit.click();
    await expect(page.getByRole('alert')).toHaveText('That passphrase is not correct. 2 wrong attempts in a row.');
    expect(await session.status()).toMatchObject({ state: 'locked', failedAttempts: 2 });
    await shootSession(page, 'error-en');

    await unlockThroughScreen(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Information requests' })).toBeVisible();
    await expect(page.getByText(SUBJECT)).toBeVisible();
    expect(await session.status()).toMatchObject({ state: 'unlocked', failedAttempts: 0 });
  });

  test('after several wrong passphrases each next try waits longer, also after a restart', async ({
    page,
    session,
  }) => {
    test.setTimeout(45_000);
    await page.goto('/');
    const unlock = unlockScreen(page);
    const wrong = async (attempt: number) => {
      await unlock.passphrase.fill(`wrong passphrase ${attempt}`);
      await unlock.submit.click();
    };
    // Three mistakes are free.
    for (const attempt of [1, 2, 3]) {
      await wrong(attempt);
      await expect(page.getByText(attempt === 1 ? /not correct\.$/ : `${attempt} wrong attempts`)).toBeVisible();
    }
    await expect(unlock.submit).toBeEnabled();

    // The fourth: two seconds before the next passphrase is even checked.
    await wrong(4);
    await expect(page.getByText('4 wrong attempts in a row')).toBeVisible();
    await expect(page.getByText('Too many wrong passphrases in a row.')).toBeVisible();
    await expect(page.getByText(/^You can try again in [12] seconds?\.$/)).toBeVisible();
    await expect(unlock.submit).toBeDisabled();
    await shootSession(page, 'wait-en');
    await expect(unlock.submit).toBeEnabled({ timeout: 4_000 });
    await expect(page.getByText('Too many wrong passphrases in a row.')).toHaveCount(0);

    // The fifth: four seconds, and a restart (a reload here) does not skip the wait.
    await wrong(5);
    await expect(page.getByText('5 wrong attempts in a row')).toBeVisible();
    await expect(page.getByText(/^You can try again in [34] seconds\.$/)).toBeVisible();
    await page.reload();
    await expect(unlock.heading).toBeVisible();
    await expect(page.getByText(/^You can try again in [1-4] seconds?\.$/)).toBeVisible();
    await expect(unlock.submit).toBeDisabled();
    // Asked directly, the backend refuses to check anything while the wait runs.
    const early = await session.unlock(TEST_PASSPHRASE);
    expect(early.ok ? null : early.error.code).toBe('try_later');

    await expect(unlock.submit).toBeEnabled({ timeout: 6_000 });
    await unlockThroughScreen(page);
    expect((await session.status()).failedAttempts).toBe(0);
  });
});

test.describe('refusals that are not about the passphrase', () => {
  test.use({ sessionState: 'locked' });

  test('a missing key file: the unlock screen says what happened and what to do', async ({ page, dataDir }) => {
    fs.rmSync(path.join(dataDir, 'key.age'));
    await page.goto('/');
    const unlock = unlockScreen(page);
    await unlock.passphrase.fill(TEST_PASSPHRASE);
    await unlock.submit.click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('A file in the data folder is missing or damaged');
    await expect(alert).toContainText('Restore the data folder from a backup');
    await expect(alert).toContainText('The key file key.age is missing'); // the backend's own words
    await shootSession(page, 'damaged-en');
  });
});

test.describe('bound to this computer', () => {
  test.use({ sessionState: 'new', osKeyStore: true });

  test('setup offers the binding in one sentence; without the key store the unlock screen says what to do', async ({
    page,
    session,
    keyStore,
  }) => {
    await page.goto('/');
    const bind = page.getByRole('checkbox', { name: 'Also bind the data to this computer (Test key store)' });
    await expect(bind).not.toBeChecked();
    await expect(bind).toHaveAccessibleDescription(
      'A copy of the data folder then cannot be opened on any other computer or user account, even with the passphrase.',
    );
    await bind.check();
    await setUpThroughScreen(page);
    await recoveryKeyScreen(page).stored.check();
    await recoveryKeyScreen(page).continue.click();
    expect(await session.status()).toMatchObject({ osBound: true });
    await page.goto('/#/settings');
    await expect(page.getByRole('region', { name: 'Security' }).getByText('Yes (Test key store)')).toBeVisible();

    await lockAndWait(page, () => page.getByRole('button', { name: 'Lock now' }).click());
    await expect(page.getByText('This data opens only on this computer (Test key store).')).toBeVisible();

    // Another computer, or the secret service gone: the passphrase alone does not open the data.
    keyStore.enabled = false;
    await page.reload();
    const unlock = unlockScreen(page);
    await unlock.passphrase.fill(TEST_PASSPHRASE);
    await unlock.submit.click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('This computer’s key store is not available');
    await expect(alert).toContainText('use your personal recovery key or a recovery code from HQ');
    await shootSession(page, 'key-store-en');
    expect(await session.status()).toMatchObject({ state: 'locked', failedAttempts: 0 });

    keyStore.enabled = true;
    await unlockThroughScreen(page);
  });
});

test.describe('locking', () => {
  test('Lock now in the top bar takes every record off the page; Ctrl+L does the same', async ({
    page,
    backend,
    session,
  }) => {
    await unwrap(backend.call('requests.create', seedRequest({ subject: SUBJECT })));
    await page.goto('/#/requests');
    await page.getByRole('button', { name: new RegExp(SUBJECT) }).click();
    await expect(page.getByLabel('Subject')).toHaveValue(SUBJECT);

    await lockAndWait(page, () => page.getByRole('button', { name: 'Lock now' }).click());
    expect((await session.status()).state).toBe('locked');
    expect(await page.content()).not.toContain(SUBJECT);
    expect(await page.content()).not.toContain('Vehicle registration');
    // The page asks for data and gets nothing: every channel but session.* answers `locked`.
    const answer = await page.evaluate(() => window.api!.invoke('requests.list', {}));
    expect(answer).toMatchObject({ ok: false, error: { code: 'locked' } });

    await unlockThroughScreen(page);
    await expect(page.getByLabel('Subject')).toHaveValue(SUBJECT); // back where the officer was
    await lockAndWait(page, () => page.keyboard.press('Control+l'));
    expect((await session.status()).state).toBe('locked');
    expect(await page.content()).not.toContain(SUBJECT);
  });

  test.describe('without the reload', () => {
    test.use({ reloadOnLock: false });

    test('a call answered `locked` (the shell locked the data) brings back the unlock screen', async ({
      page,
      backend,
      session,
    }) => {
      await unwrap(backend.call('requests.create', seedRequest({ subject: SUBJECT })));
      await page.goto('/#/requests');
      await expect(page.getByText(SUBJECT)).toBeVisible();
      // Locked behind the page's back, as the idle timer or the OS lock does it; no reload follows here.
      await session.lock();
      await page.getByRole('navigation').getByRole('link', { name: 'Overview' }).click();
      await expect(unlockScreen(page).heading).toBeVisible();
      expect(await page.content()).not.toContain(SUBJECT);
      await unlockThroughScreen(page);
      await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    });
  });
});

test.describe('security settings', () => {
  test('a new passphrase from the settings; the old one no longer unlocks; the idle time is saved', async ({
    page,
    backend,
    session,
  }) => {
    await unwrap(backend.call('requests.create', seedRequest({ subject: SUBJECT })));
    await page.goto('/#/settings');
    const security = page.getByRole('region', { name: 'Security' });
    await expect(security).toBeVisible();
    await expect(security.getByText('Made at setup')).toBeVisible();
    await expect(security.getByText('None yet.')).toBeVisible();

    const current = security.getByLabel('Current passphrase');
    const next = security.getByLabel('New passphrase', { exact: true });
    const repeat = security.getByLabel('Type the new passphrase again');
    const change = security.getByRole('button', { name: 'Change passphrase' });

    await current.fill(TEST_PASSPHRASE);
    await next.fill(TEST_PASSPHRASE);
    await repeat.fill(TEST_PASSPHRASE);
    await change.click();
    await expect(security.getByText('The new passphrase is the same as the current one.')).toBeVisible();

    await current.fill('not my passphrase at all');
    await next.fill(NEW_PASSPHRASE);
    await repeat.fill(NEW_PASSPHRASE);
    await change.click();
    await expect(security.getByText('That passphrase is not correct.')).toBeVisible();
    await expect(current).toBeFocused();

    await current.fill(TEST_PASSPHRASE);
    await change.click();
    await expect(security.getByText('Passphrase changed. Use the new one from now on.')).toBeVisible();
    await expect(current).toHaveValue('');

    const minutes = security.getByLabel('Lock after this many minutes without use');
    await expect(minutes).toHaveValue('10');
    await minutes.fill('0');
    await security.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(security.getByText('Use at least 1 minute.')).toBeVisible();
    await minutes.fill('15');
    await security.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(security.getByText('Saved.')).toBeVisible();
    expect((await unwrap(backend.call('settings.get', {}))).autoLockMinutes).toBe(15);
    await shootSession(page, 'security-en', security);

    await lockAndWait(page, () => page.getByRole('button', { name: 'Lock now' }).click());
    const unlock = unlockScreen(page);
    await unlock.passphrase.fill(TEST_PASSPHRASE);
    await unlock.submit.click();
    await expect(page.getByText('That passphrase is not correct.')).toBeVisible();
    await unlockThroughScreen(page, NEW_PASSPHRASE);
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    expect((await unwrap(unlocked(session).call('settings.get', {}))).autoLockMinutes).toBe(15);
  });
});

/**
 * Clicks a button that saves a file: the officer picks `target` in the window's save dialog (the test's
 * chooser). Returns the name the dialog suggested and the bytes the backend wrote there.
 */
async function saveTo(
  chooser: TestFileChooser,
  target: string,
  click: () => Promise<void>,
): Promise<{ name: string; bytes: Buffer }> {
  chooser.willSave(target);
  const shown = chooser.shown.length;
  await click();
  await expect.poll(() => fs.existsSync(target)).toBe(true);
  const request = chooser.shown[shown] as { suggestedName: string };
  return { name: request.suggestedName, bytes: fs.readFileSync(target) };
}

test.describe('recovery through HQ', () => {
  test('the post saves its recovery file; HQ makes a recovery code from it; the code opens the data', async ({
    page,
    session,
    fileChooser,
  }, testInfo) => {
    const hqDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-e2e-hq-'));
    const hq = createBackend({ dataDir: hqDir, version: 'e2e' });
    try {
      // The post trusts HQ's key (through the session, which seals the recovery file to it).
      await unwrap(hq.call('identity.init', { role: 'hq', hqName: 'International Police Cooperation Desk' }));
      const hqKeyFile = testInfo.outputPath('liaison-log-hq-key.json');
      await unwrap(callWithFiles(hq.invoke, 'keys.saveHqKeyFile', {}, { save: hqKeyFile }));
      await unwrap(
        session.call('identity.init', {
          role: 'post',
          postId: 'BOG',
          postName: 'Bogotá',
          officer: 'Jan de Vries',
          country: 'CO',
        }),
      );
      // The officer picks HQ's key file in the window's open dialog.
      fileChooser.willOpen(hqKeyFile);
      await unwrap(session.call('keys.importHq', {}));
      await unwrap(session.call('requests.create', seedRequest({ subject: SUBJECT })));
      const [fingerprint] = (await session.status()).recovery?.hqKeyFingerprints ?? [];
      expect(fingerprint).toBeTruthy();

      // The security settings name HQ's key and offer the file.
      await page.goto('/#/settings');
      const security = page.getByRole('region', { name: 'Security' });
      await expect(security.getByText(fingerprint!)).toBeVisible();
      const settingsCopy = testInfo.outputPath('from-settings', 'key.recovery.age');
      const fromSettings = await saveTo(fileChooser, settingsCopy, () =>
        security.getByRole('button', { name: 'Save recovery file for HQ' }).click(),
      );
      expect(fromSettings.name).toBe('key.recovery.age');
      expect(fromSettings.bytes.toString('latin1')).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----\n/);
      await expect(security.getByText(`Saved to ${settingsCopy}.`)).toBeVisible();

      // The passphrase is forgotten: the officer saves the file from the unlock screen and sends it to HQ.
      await lockAndWait(page, () => page.getByRole('button', { name: 'Lock now' }).click());
      await unlockScreen(page).forgot.click();
      await expect(page.getByText('HQ opens it with its own key and gives you a recovery code')).toBeVisible();
      const sent = await saveTo(fileChooser, testInfo.outputPath('sent', 'key.recovery.age'), () =>
        page.getByRole('button', { name: 'Save recovery file for HQ' }).click(),
      );
      expect(sent.bytes.equals(fromSettings.bytes)).toBe(true);

      // HQ opens it with its own key (as `liaison-log recovery open` does) and reads out the code.
      const secrets = hq.services.exchange.identity.hqSecrets().map((k) => k.secret);
      const { code, postId } = await recoveryCodeForHq(sent.bytes, secrets);
      expect(postId).toBe('BOG');
      expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){10}$/);

      const forgot = forgotScreen(page);
      // A typing mistake in the code is caught by its checksum.
      const typo = code.startsWith('0') ? `1${code.slice(1)}` : `0${code.slice(1)}`;
      await forgot.secret.fill(typo);
      await forgot.passphrase.fill(NEW_PASSPHRASE);
      await forgot.repeat.fill(NEW_PASSPHRASE);
      await forgot.submit.click();
      await expect(page.getByText('Check it for typing mistakes.')).toBeVisible();
      expect((await session.status()).state).toBe('locked');

      await forgot.secret.fill(code.toLowerCase().replaceAll('-', ' '));
      await forgot.submit.click();
      await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
      await lockAndWait(page, () => page.keyboard.press('Control+l'));
      await unlockThroughScreen(page, NEW_PASSPHRASE);
      await page.goto('/#/requests');
      await expect(page.getByText(SUBJECT)).toBeVisible();
    } finally {
      hq.close();
      fs.rmSync(hqDir, { recursive: true, force: true });
    }
  });
});

test.describe('in Dutch', () => {
  test.use({ sessionState: 'new' });

  test('setup, the recovery key, unlock, a wrong passphrase, the forgotten passphrase and the security settings', async ({
    page,
    session,
  }) => {
    await page.goto('/');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('nl');
    await expect(page.getByRole('heading', { level: 1, name: 'Bescherm de gegevens op deze laptop' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    await shootSession(page, 'setup-nl');

    await page.getByLabel('Kies een wachtzin').fill(TEST_PASSPHRASE);
    await page.getByLabel('Typ de wachtzin nog een keer').fill(TEST_PASSPHRASE);
    await page.getByRole('button', { name: 'Versleutelen en doorgaan' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Uw persoonlijke herstelsleutel' })).toBeVisible();
    await shootSession(page, 'recovery-key-nl');
    await page.getByRole('checkbox', { name: /Ik heb de herstelsleutel opgeschreven/ }).check();
    await page.getByRole('button', { name: 'Verder naar Liaison Log' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Aandacht nodig' })).toBeVisible();
    // The language chosen at setup is the installation's, and the unlock screen speaks it too.
    expect((await unwrap(unlocked(session).call('settings.get', {}))).language).toBe('nl');

    await page.goto('/#/settings');
    const security = page.getByRole('region', { name: 'Beveiliging' });
    await expect(security.getByText('Gemaakt bij het instellen')).toBeVisible();
    await shootSession(page, 'security-nl', security);

    const heading = page.getByRole('heading', { level: 1, name: 'Liaison Log ontgrendelen' });
    await lockAndWait(page, () => page.getByRole('button', { name: 'Nu vergrendelen' }).click(), heading);
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    await shootSession(page, 'unlock-nl');
    await page.getByLabel('Wachtzin', { exact: true }).fill('verkeerde wachtzin');
    await page.getByRole('button', { name: 'Ontgrendelen', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText('Die wachtzin klopt niet.');
    await shootSession(page, 'error-nl');
    await page.getByRole('button', { name: 'Wachtzin vergeten?' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Wachtzin vergeten?' })).toBeVisible();
    await expect(page.getByText('kan niemand de gegevens op deze laptop lezen')).toBeVisible();
    await shootSession(page, 'forgot-nl');
  });
});
