import type { Page } from '@playwright/test';
import { expect, test, unwrap } from './fixtures';

// The top bar says whose logbook this is: the installation's role and its name. Setting the laptop up (as
// HQ or as a post) on the exchange page changes both at once, without a reload, in either language.

const HQ_NAME = 'International Police Cooperation Desk';

const TEXT = {
  en: {
    before: 'Post logbook',
    hqRole: /^Headquarters/,
    postRole: /^A post/,
    hqName: 'Name of headquarters',
    hqSubmit: 'Set up as HQ',
    postId: 'Post code',
    postName: 'Name of the post',
    officer: 'Liaison officer',
    postSubmit: 'Set up as a post',
    hqAfter: `HQ · ${HQ_NAME}`,
    postAfter: 'Post · Bogotá',
  },
  nl: {
    before: 'Logboek van de post',
    hqRole: /^Hoofdkantoor/,
    postRole: /^Een post/,
    hqName: 'Naam van het hoofdkantoor',
    hqSubmit: 'Inrichten als hoofdkantoor',
    postId: 'Code van de post',
    postName: 'Naam van de post',
    officer: 'Liaison officer',
    postSubmit: 'Inrichten als post',
    hqAfter: `Hoofdkantoor · ${HQ_NAME}`,
    postAfter: 'Post · Bogotá',
  },
} as const;

/** Marks the loaded page, so the test can tell that it was never reloaded. */
async function markPage(page: Page): Promise<() => Promise<boolean>> {
  await page.evaluate(() => {
    (window as unknown as { __notReloaded?: boolean }).__notReloaded = true;
  });
  return () => page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded === true);
}

for (const language of ['en', 'nl'] as const) {
  const text = TEXT[language];

  test.describe(`top bar after setup (${language})`, () => {
    test('set up as HQ on the exchange page: the top bar says HQ and its name at once', async ({ page, backend }) => {
      await unwrap(backend.call('settings.update', { language }));
      await page.goto('/#/exchange');
      const tagline = page.getByRole('banner').locator('.brand__tagline');
      await expect(tagline).toHaveText(text.before);
      const samePage = await markPage(page);

      await page.getByRole('radio', { name: text.hqRole }).check();
      await page.getByLabel(text.hqName, { exact: true }).fill(HQ_NAME);
      await page.getByRole('button', { name: text.hqSubmit, exact: true }).click();

      await expect(tagline).toHaveText(text.hqAfter);
      await expect(tagline).toHaveAttribute('data-role', 'hq');
      expect(await samePage(), 'the page was reloaded').toBe(true);
      expect((await unwrap(backend.call('identity.get', {}))).role).toBe('hq');

      // A long name fits the top bar at the smallest window size too.
      await page.setViewportSize({ width: 1024, height: 768 });
      const banner = page.getByRole('banner');
      expect(await banner.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
      await page.screenshot({
        path: test.info().outputPath(`top-bar-hq-${language}.png`),
        clip: { x: 0, y: 0, width: 1024, height: 80 },
      });
    });

    test('set up as a post: the top bar names the post at once', async ({ page, backend }) => {
      await unwrap(backend.call('settings.update', { language }));
      await page.goto('/#/exchange');
      const tagline = page.getByRole('banner').locator('.brand__tagline');
      await expect(tagline).toHaveText(text.before);
      const samePage = await markPage(page);

      await page.getByRole('radio', { name: text.postRole }).check();
      await page.getByLabel(text.postId, { exact: true }).fill('BOG');
      await page.getByLabel(text.postName, { exact: true }).fill('Bogotá');
      await page.getByLabel(text.officer, { exact: true }).fill('Anna de Vries');
      await page.getByRole('button', { name: text.postSubmit, exact: true }).click();

      await expect(tagline).toHaveText(text.postAfter);
      await expect(tagline).toHaveAttribute('data-role', 'post');
      expect(await samePage(), 'the page was reloaded').toBe(true);
    });
  });
}
