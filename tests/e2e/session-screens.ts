import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, TEST_PASSPHRASE } from './fixtures';

// The screens before the data is open, as the officer sees them (tests/e2e/session.spec.ts and the
// accessibility spec). English wording unless a test switches the language.

export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');

/** test-results/screenshots/session-<name>.png: the whole page, or only `part` of it. */
export async function shootSession(page: Page, name: string, part?: Locator): Promise<void> {
  const file = path.join(SCREENSHOTS, `session-${name}.png`);
  if (part) {
    // Tall enough for the part to fit: the app scrolls inside its own panels, which a shot cannot unroll.
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: viewport?.width ?? 1280, height: 1600 });
    await part.screenshot({ path: file, animations: 'disabled' });
    if (viewport) await page.setViewportSize(viewport);
  } else await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
}

export function setupScreen(page: Page) {
  return {
    heading: page.getByRole('heading', { level: 1, name: 'Protect the data on this laptop' }),
    passphrase: page.getByLabel('Choose a passphrase'),
    repeat: page.getByLabel('Type the passphrase again'),
    submit: page.getByRole('button', { name: 'Encrypt and continue' }),
  };
}

export function recoveryKeyScreen(page: Page) {
  return {
    heading: page.getByRole('heading', { level: 1, name: 'Your personal recovery key' }),
    key: page.getByTestId('recovery-key'),
    stored: page.getByRole('checkbox', { name: /I have written down or printed the recovery key/ }),
    continue: page.getByRole('button', { name: 'Continue to Liaison Log' }),
  };
}

export function unlockScreen(page: Page) {
  return {
    heading: page.getByRole('heading', { level: 1, name: 'Unlock Liaison Log' }),
    passphrase: page.getByLabel('Passphrase', { exact: true }),
    submit: page.getByRole('button', { name: 'Unlock', exact: true }),
    forgot: page.getByRole('button', { name: 'Forgot your passphrase?' }),
  };
}

export function forgotScreen(page: Page) {
  return {
    heading: page.getByRole('heading', { level: 1, name: 'Forgot your passphrase?' }),
    secret: page.getByLabel('Recovery key or recovery code'),
    passphrase: page.getByLabel('New passphrase', { exact: true }),
    repeat: page.getByLabel('Type the new passphrase again'),
    submit: page.getByRole('button', { name: 'Unlock and save the new passphrase' }),
    back: page.getByRole('button', { name: 'Back to the passphrase' }),
  };
}

/** Sets up a new folder through the first-run screen; returns the recovery key exactly as shown (grouped). */
export async function setUpThroughScreen(page: Page, passphrase = TEST_PASSPHRASE): Promise<string> {
  const setup = setupScreen(page);
  await setup.passphrase.fill(passphrase);
  await setup.repeat.fill(passphrase);
  await setup.submit.click();
  const shown = recoveryKeyScreen(page);
  await expect(shown.heading).toBeVisible();
  return (await shown.key.innerText()).trim();
}

/** Unlocks through the unlock screen and waits for the app. */
export async function unlockThroughScreen(page: Page, passphrase = TEST_PASSPHRASE): Promise<void> {
  const unlock = unlockScreen(page);
  await unlock.passphrase.fill(passphrase);
  await unlock.submit.click();
  await expect(page.getByRole('navigation', { name: /^(Main|Hoofdmenu)$/ })).toBeVisible();
}

/**
 * Runs `action`, which locks the data (the Lock button, Ctrl+L), and waits for the reload that follows
 * every lock (the shell's, here the bridge's) and the unlock screen after it.
 */
export async function lockAndWait(
  page: Page,
  action: () => Promise<void>,
  heading: Locator = unlockScreen(page).heading,
): Promise<void> {
  const reloaded = page.waitForEvent('load');
  await action();
  await reloaded;
  await expect(heading).toBeVisible();
}
