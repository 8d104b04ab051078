import type { Page } from '@playwright/test';
import { expect, test, unwrap, type TestBackend } from './fixtures';
import { requestScreen } from './request-form';
import { gotoView } from './logbook/helpers';

// One clock: every time the officer types or reads is on the post's configured zone, whatever the laptop's.
// The same keystrokes on laptops in Amsterdam, Bogotá and Tokyo, with the post configured to Bogotá, store the
// same instant (read back from the backend), read the same when reopened, give the same deadline and fall in
// the same Article 18 year. Then the clocks' jumps, both languages' way of writing, and keyboard only.

const LAPTOPS = ['Europe/Amsterdam', 'America/Bogota', 'Asia/Tokyo'] as const;

/** Sets the post's zone (and language) in the backend, then opens the request page with the settings read. */
async function openRequests(page: Page, backend: TestBackend, timeZone: string, language: 'en' | 'nl' = 'en') {
  await unwrap(backend.call('settings.update', { timeZone, language, homeCountry: 'NL' }));
  await gotoView(page, 'requests');
  await page.reload(); // the window reads the settings afresh
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/** A new incoming request from Germany over SIENA, its time typed with the keyboard only; saved with Enter. */
async function typeRequest(page: Page, subject: string, typed: string): Promise<void> {
  const s = requestScreen(page);
  await s.newButton.click();
  await s.country.selectOption({ label: 'Germany' });
  await s.agency.fill('Bundeskriminalamt');
  await s.subject.fill(subject);
  // The date and time with the keyboard: into the field, select what it holds (now), type, Tab out.
  await s.exchangedAt.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(typed);
  await page.keyboard.press('Tab');
  await s.subject.focus();
  await page.keyboard.press('Enter');
  await expect(s.notice).toHaveText('Saved.');
}

async function stored(backend: TestBackend, subject: string) {
  const listed = await unwrap(backend.call('requests.list', { filters: { text: subject } }));
  const found = listed.items.find((r) => r.subject === subject);
  if (!found) throw new Error(`No request "${subject}"`);
  return found;
}

for (const laptop of LAPTOPS) {
  test.describe(`a laptop on ${laptop}, the post in Bogotá`, () => {
    test.use({ timezoneId: laptop });

    test('the typed time is the post’s: same instant, same text reopened, same deadline, same Article 18 year', async ({
      appPage: page,
      backend,
    }) => {
      await openRequests(page, backend, 'America/Bogota');
      const s = requestScreen(page);

      // 9:05 in Bogotá (UTC-5) on 7 March 2026 is 14:05 UTC, on any laptop.
      await typeRequest(page, 'Vehicle check', '07/03/2026 09:05');
      const saved = await stored(backend, 'Vehicle check');
      expect(saved.exchangedAt).toBe('2026-03-07T14:05:00.000Z');
      // The deadline is counted on the post's clock: 7 days for a non-urgent request with direct access.
      expect(saved.dueAt).toBe('2026-03-14T14:05:00.000Z');

      // Reopened: the same text in the field, the same deadline line, the same row.
      await page.reload();
      await expect(s.exchangedAt).toHaveValue('07/03/2026 09:05');
      const due = page.locator('.due');
      if (laptop === 'America/Bogota') {
        // The laptop shows the post's clock: nothing to label.
        await expect(due).toHaveText('Answer due by 14 Mar 2026, 09:05');
        await expect(page.getByText('Bogotá time', { exact: true })).toHaveCount(0);
      } else {
        await expect(due).toHaveText('Answer due by 14 Mar 2026, 09:05 (Bogotá time)');
        // The field says whose clock it is, and so does the list, once.
        await expect(page.getByRole('form').getByText('Bogotá time', { exact: true })).toBeVisible();
        await expect(s.exchangedAt).toHaveAccessibleDescription(/Bogotá time/);
        await expect(page.getByText('All times are Bogotá time.')).toHaveCount(1);
      }
      await expect(s.row('Vehicle check')).toContainText('7 Mar 2026, 09:05');

      // Received 31 December 23:30 on the post's clock is in 2026 (04:30 UTC on 1 January 2027); received
      // 00:30 on 1 January is in 2027, though on a laptop in Amsterdam or Tokyo the same text is another moment.
      await typeRequest(page, 'Late on New Year’s Eve', '31/12/2026 23:30');
      await typeRequest(page, 'Just after midnight', '01/01/2027 00:30');
      expect((await stored(backend, 'Late on New Year’s Eve')).exchangedAt).toBe('2027-01-01T04:30:00.000Z');
      expect((await stored(backend, 'Just after midnight')).exchangedAt).toBe('2027-01-01T05:30:00.000Z');
      const y2026 = await unwrap(backend.call('reports.art18', { year: 2026 }));
      const y2027 = await unwrap(backend.call('reports.art18', { year: 2027 }));
      expect(y2026.timeZone).toBe('America/Bogota');
      expect(y2026.received.total).toBe(2); // 7 March and 31 December
      expect(y2027.received.total).toBe(1); // 1 January
    });
  });
}

test.describe('the clocks’ jumps on the post’s clock (post in Amsterdam, laptop in Tokyo)', () => {
  test.use({ timezoneId: 'Asia/Tokyo' });

  test('29 March 2026 02:30 did not exist; 25 October 02:30 is the earlier of its two instants', async ({
    appPage: page,
    backend,
  }) => {
    await openRequests(page, backend, 'Europe/Amsterdam');
    const s = requestScreen(page);
    await s.newButton.click();
    await s.country.selectOption({ label: 'Germany' });
    await s.agency.fill('Bundeskriminalamt');
    await s.subject.fill('Spring forward');
    await s.exchangedAt.fill('29/03/2026 02:30');
    await page.keyboard.press('Tab');
    const problem = page.getByRole('form').locator('.field__error');
    await expect(problem).toHaveText(
      'This time did not exist: the clocks went forward from 29/03/2026 02:00 to 29/03/2026 03:00. Enter a time outside the jump.',
    );
    await expect(s.exchangedAt).toHaveAttribute('aria-invalid', 'true');
    // Saving anyway: the form says so again and nothing reaches the backend, neither the text nor a shifted time.
    await s.saveButton.click();
    await expect(problem).toContainText('This time did not exist');
    expect((await unwrap(backend.call('requests.list', {}))).total).toBe(0);

    // Autumn: 02:30 on 25 October happened twice; the earlier (still summer time, UTC+2) is stored.
    await s.exchangedAt.fill('25/10/2026 02:30');
    await page.keyboard.press('Tab');
    await expect(problem).toHaveCount(0);
    await s.saveButton.click();
    await expect(s.notice).toHaveText('Saved.');
    expect((await stored(backend, 'Spring forward')).exchangedAt).toBe('2026-10-25T00:30:00.000Z');
  });
});

test.describe('both languages’ way of writing (post in Bogotá, laptop in Amsterdam)', () => {
  test('Dutch 7-3-2026 9:05 and English 07/03/2026 09:05 are both 7 March 2026 09:05 on the post’s clock', async ({
    appPage: page,
    backend,
  }) => {
    await openRequests(page, backend, 'America/Bogota', 'nl');
    const form = page.getByRole('form');
    await page.getByRole('button', { name: 'Nieuw verzoek' }).click();
    await form.getByLabel('Land van de partner').selectOption({ label: 'Duitsland' });
    await form.getByLabel('Partnerdienst').fill('Bundeskriminalamt');
    await form.getByLabel('Onderwerp', { exact: true }).fill('In het Nederlands');
    const received = form.getByLabel('Ontvangen op');
    await received.fill('7-3-2026 9:05');
    await page.keyboard.press('Tab');
    // Leaving the field writes it out day-month-year, 24-hour; the format and the post's zone are read with it.
    await expect(received).toHaveValue('07-03-2026 09:05');
    await expect(received).toHaveAccessibleDescription(/dd-mm-jjjj uu:mm/);
    await expect(received).toHaveAccessibleDescription(/tijd Bogotá/);
    await expect(form.locator('.due')).toHaveText('Antwoord uiterlijk 14-03-2026 09:05 (tijd Bogotá)');
    await form.getByRole('button', { name: 'Verzoek opslaan' }).click();
    await expect(form.getByRole('status')).toHaveText('Opgeslagen.');
    expect((await stored(backend, 'In het Nederlands')).exchangedAt).toBe('2026-03-07T14:05:00.000Z');

    await unwrap(backend.call('settings.update', { language: 'en' }));
    await page.reload();
    await typeRequest(page, 'In English', '07/03/2026 09:05');
    expect((await stored(backend, 'In English')).exchangedAt).toBe('2026-03-07T14:05:00.000Z');
  });
});

test.describe('screenshots: the request form with the post in Bogotá, the laptop in Amsterdam', () => {
  for (const language of ['en', 'nl'] as const) {
    test(`request form (${language})`, async ({ appPage: page, backend }) => {
      await openRequests(page, backend, 'America/Bogota', language);
      await page.getByRole('button', { name: language === 'nl' ? 'Nieuw verzoek' : 'New request' }).click();
      const form = page.getByRole('form');
      await form.getByLabel(language === 'nl' ? 'Land van de partner' : 'Counterpart country').selectOption('DE');
      const received = form.getByLabel(language === 'nl' ? 'Ontvangen op' : 'Received at');
      await received.fill(language === 'nl' ? '7-3-2026 9:05' : '07/03/2026 09:05');
      await page.keyboard.press('Tab');
      await expect(received).toHaveValue(language === 'nl' ? '07-03-2026 09:05' : '07/03/2026 09:05');
      await expect(form.getByText(language === 'nl' ? 'tijd Bogotá' : 'Bogotá time', { exact: true })).toBeVisible();
      await page.screenshot({
        path: `test-results/screenshots/one-clock-request-form-${language}.png`,
        fullPage: true,
      });
    });
  }
});
