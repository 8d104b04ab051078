import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import { ok } from '../../shared/contract/result';
import { bridgePage, expect, test, unwrap, watchPageErrors, type TestSession } from './fixtures';

// A page that fails to render shows a calm message in its place, says what to do, and writes the failure to
// the log file; the menu, the top bar and the other pages keep working, and "Reload this page" brings the
// page back once its data is sound again. To make a page fail in the real production build, without any
// test-only code in it, the backend answers one channel with a shape the page does not expect: this test
// opens its own page whose bridge reaches a session that answers `attention.get` (the home page's data)
// with garbage while `broken` is set. Everything else goes to the real session.

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');

/** The session, except that `attention.get` answers garbage while `state.broken` is true. */
function withBrokenAttention(session: TestSession, state: { broken: boolean }): TestSession {
  const invoke: TestSession['invoke'] = (channel, payload, options) =>
    state.broken && channel === 'attention.get'
      ? Promise.resolve(ok({ surprise: 'a shape the page does not know' }))
      : session.invoke(channel, payload, options);
  return { ...session, invoke };
}

async function openOwnPage(context: BrowserContext, session: TestSession, errors: string[]): Promise<Page> {
  const page = await context.newPage();
  watchPageErrors(page, errors);
  await bridgePage(page, session);
  return page;
}

test.describe('a page that fails to render', () => {
  test('shows a calm message in its place, is logged, and the rest of the app keeps working', async ({
    context,
    session,
    backend,
  }) => {
    const state = { broken: true };
    const errors: string[] = [];
    const page = await openOwnPage(context, withBrokenAttention(session, state), errors);
    await page.goto('/#/attention');

    // In place of the page: what happened and what to do.
    const failed = page.getByRole('alert').filter({ has: page.getByRole('heading', { level: 1 }) });
    await expect(failed.getByRole('heading', { level: 1 })).toHaveText('This page could not be shown');
    await expect(failed).toContainText('Something went wrong while showing “Needs attention”.');
    await expect(failed).toContainText('What you have saved is safe: nothing was changed.');
    await expect(failed).toContainText('Go to another page in the menu, or reload this page.');
    await expect(failed.getByRole('button', { name: 'Reload this page' })).toBeVisible();
    // The menu and the top bar are still there.
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveCount(17);
    await expect(page.getByRole('button', { name: 'Lock now' })).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'error-boundary-en.png'), animations: 'disabled' });
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual(
      [],
    );

    // Written to the log file: the page and the error's name and message, from the renderer.
    await expect
      .poll(async () => (await unwrap(backend.call('logs.read', {}))).lines.filter((l) => l.source === 'renderer'))
      .toEqual([
        expect.objectContaining({
          level: 'error',
          source: 'renderer',
          code: 'renderer.page_failed',
          message: expect.stringMatching(/^attention: TypeError: /),
        }),
      ]);

    // Another page works.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Information requests' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Information requests');
    await expect(page.getByRole('alert')).toHaveCount(0);

    // Back home, still broken: the message again (and a second line in the log).
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Needs attention' }).click();
    await expect(failed.getByRole('heading', { level: 1 })).toHaveText('This page could not be shown');

    // The top bar still works too: the message follows the language.
    await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Nederlands' });
    await expect(failed.getByRole('heading', { level: 1 })).toHaveText('Deze pagina kan niet worden getoond');
    await expect(failed).toContainText('Er ging iets mis bij het tonen van “Aandacht nodig”.');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'error-boundary-nl.png'), animations: 'disabled' });
    await page.getByRole('combobox', { name: 'Taal' }).selectOption({ label: 'English' });

    // Once the data is sound again, "Reload this page" brings the page back.
    state.broken = false;
    await failed.getByRole('button', { name: 'Reload this page' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Needs attention');
    await expect(page.getByRole('heading', { name: 'This page could not be shown' })).toHaveCount(0);
    await expect
      .poll(async () =>
        (await unwrap(backend.call('logs.read', {}))).lines.filter((l) => l.code === 'renderer.page_failed'),
      )
      .toHaveLength(2);

    // The only errors the page reported are React's notes of the caught render errors (one per failure).
    expect(errors.length).toBeGreaterThanOrEqual(2);
    for (const error of errors) expect(error).toMatch(/^console\.error: TypeError: /);
    await page.close();
  });
});
