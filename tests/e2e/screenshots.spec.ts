import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openApp, test, unwrap } from './fixtures';
import { fillRequestForm, requestScreen, seedRequest } from './request-form';

// Screenshots of each state of the main screen, for people to look at (not compared pixel by pixel):
// test-results/screenshots/*.png, which git ignores.

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');

async function shoot(page: Page, name: string): Promise<void> {
  // Focus stays where the test left it, except in a date field, whose highlighted segment only distracts.
  await page.evaluate(() => {
    const el = document.activeElement;
    if (el instanceof HTMLInputElement && el.type.startsWith('date')) el.blur();
  });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

test.describe('screenshots', () => {
  // Tall enough for the whole form: the app scrolls inside its own panels, which a full-page shot cannot unroll.
  test.use({ viewport: { width: 1280, height: 1900 } });

  test.beforeEach(async ({ page }) => {
    // A fixed "now", so the form's default date is the same in every run.
    await page.clock.setFixedTime(new Date('2026-03-02T10:00:00+01:00'));
  });

  test('each state of the request screen', async ({ page, backend }) => {
    await unwrap(
      backend.call(
        'requests.create',
        seedRequest({ subject: 'Vehicle registration check', exchangedAt: '2026-02-10T10:15:00.000Z' }),
      ),
    );
    await unwrap(
      backend.call(
        'requests.create',
        seedRequest({
          direction: 'outgoing',
          counterpartCountry: 'ES',
          counterpartAgency: 'Policía Nacional',
          channel: 'bilateral',
          subject: 'Subscriber of a prepaid phone used in a fraud case',
          exchangedAt: '2026-02-20T15:40:00.000Z',
          status: 'withdrawn',
        }),
      ),
    );

    await openApp(page, backend);
    const s = requestScreen(page);
    await expect(s.count).toHaveText('2 records');
    await shoot(page, '02-list-with-records');

    await s.newButton.click();
    await fillRequestForm(page, {
      direction: 'Outgoing',
      country: 'Germany',
      agency: 'Bundeskriminalamt',
      subject: 'Owner of a vehicle seen at a burglary',
      channel: 'Interpol I-24/7',
      exchangedAt: '2026-03-01T09:30',
      status: 'Open',
    });
    await shoot(page, '03-filled-form');

    await s.agency.fill('');
    await s.subject.fill('Owner of a vehicle seen at a burglary. '.repeat(9));
    await s.saveButton.click();
    await expect(s.form.getByRole('alert')).toHaveCount(3);
    await shoot(page, '04-invalid-form');

    await s.agency.fill('Bundeskriminalamt');
    await s.subject.fill('Owner of a vehicle seen at a burglary');
    await s.saveButton.click();
    await expect(s.notice).toHaveText('Saved.');
    await expect(s.count).toHaveText('3 records');
    await shoot(page, '05-list-after-save');

    await page.getByRole('combobox', { name: 'Language' }).selectOption('nl');
    await expect(s.heading).toHaveText('Informatieverzoeken');
    await page.getByRole('button', { name: 'Nieuw verzoek' }).click();
    await page.getByRole('button', { name: 'Verzoek opslaan' }).click();
    await expect(page.getByRole('form').getByRole('alert').first()).toBeVisible();
    await shoot(page, '06-dutch-with-errors');
  });

  test('the empty screen', async ({ page, backend }) => {
    await openApp(page, backend);
    await expect(requestScreen(page).emptyList).toBeVisible();
    await shoot(page, '01-empty-list');
  });
});
