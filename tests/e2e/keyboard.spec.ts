import type { Locator, Page } from '@playwright/test';
import { expect, requestCount, test, unwrap } from './fixtures';
import { requestScreen } from './request-form';

/** Presses Tab until `target` has focus; fails if it takes more than `max` presses. */
async function tabTo(page: Page, target: Locator, max = 10): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`${String(target)} was not reached with ${max} presses of Tab`);
}

test.describe('keyboard only', () => {
  test('creates a request with Tab, typing, arrows and Enter; focus is always visible', async ({
    appPage: page,
    backend,
  }) => {
    const s = requestScreen(page);

    // The skip link comes first and leads into the main area.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();

    await page.keyboard.press('Tab');
    await expect(s.newButton).toBeFocused();
    // The focus ring is drawn (3px outline from :focus-visible).
    expect(await s.newButton.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    await page.keyboard.press('Enter');
    await expect(s.form).toBeVisible();

    // A new record puts the cursor in its first field, so typing starts at once (no Tabbing past the
    // filters). The direction radios are one Tab stop; arrows choose within the group.
    await expect(s.direction('Incoming')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(s.direction('Outgoing')).toBeChecked();
    await expect(s.exchangedAt).toHaveAccessibleName('Sent at');

    await page.keyboard.press('Tab');
    await expect(s.country).toBeFocused();
    await page.keyboard.type('Germany'); // type-ahead on the closed select
    await expect(s.country).toHaveValue('DE');

    await page.keyboard.press('Tab');
    await expect(s.channel).toBeFocused();
    await page.keyboard.type('Interpol');
    await expect(s.channel).toHaveValue('interpol');

    // (An EU partner on a channel other than SIENA adds an optional question here.)
    await tabTo(page, s.agency, 3);
    await page.keyboard.type('Bundeskriminalamt');

    await page.keyboard.press('Tab');
    await expect(s.subject).toBeFocused();
    await page.keyboard.type('Stolen excavator, chassis number check');

    await page.keyboard.press('Tab');
    await expect(s.exchangedAt).toBeFocused();
    // The app's own date-time input: Tab selects what it holds (now), so typing replaces it; day-month-year,
    // 24-hour clock, as the hint under it says.
    await page.keyboard.type('3/3/2026 9:30');
    await page.keyboard.press('Tab'); // leaving the field writes it out in full
    await expect(s.exchangedAt).toHaveValue('03/03/2026 09:30');
    await expect(s.status).toBeFocused();

    await page.keyboard.type('Withdrawn');
    await expect(s.status).toHaveValue('withdrawn');

    // Past the optional fields to the save button.
    await tabTo(page, s.saveButton, 30);
    await page.keyboard.press('Enter');

    await expect(s.notice).toHaveText('Saved.');
    await expect(s.row('Stolen excavator, chassis number check')).toContainText(
      '3 Mar 2026, 09:30 · Germany · Bundeskriminalamt · Interpol I-24/7',
    );
    const listed = await unwrap(backend.call('requests.list', {}));
    expect(listed.items).toMatchObject([
      {
        direction: 'outgoing',
        counterpartCountry: 'DE',
        counterpartAgency: 'Bundeskriminalamt',
        channel: 'interpol',
        exchangedAt: '2026-03-03T08:30:00.000Z',
        subject: 'Stolen excavator, chassis number check',
        status: 'withdrawn',
      },
    ]);
  });

  test('Enter in a text field submits the form', async ({ appPage: page, backend }) => {
    const s = requestScreen(page);
    await s.newButton.click();
    await s.country.selectOption('NL');
    await s.agency.fill('Politie');
    await s.subject.click();
    await page.keyboard.type('Drugs precursor shipment');
    await page.keyboard.press('Enter');
    await expect(s.notice).toHaveText('Saved.');
    expect(await requestCount(backend)).toBe(1);
  });
});
