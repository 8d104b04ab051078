import { seedRequest } from '../request-form';
import { expect, openApp, test, unwrap } from '../fixtures';
import { countOf, gotoView, recordPage } from './helpers';

test.describe('full-text search', () => {
  test.beforeEach(async ({ page, backend }) => {
    await unwrap(
      backend.call(
        'requests.create',
        seedRequest({
          counterpartCountry: 'ES',
          counterpartAgency: 'Policía Nacional',
          subject: 'Owner of a speedboat',
          notes: 'Seen twice in the harbour of Algeciras with the same crew.',
        }),
      ),
    );
    await unwrap(
      backend.call(
        'requests.create',
        seedRequest({ counterpartCountry: 'DE', counterpartAgency: 'Bundeskriminalamt', subject: 'Phone subscriber' }),
      ),
    );
    await unwrap(
      backend.call('engagements.create', {
        occurredAt: '2026-11-02T09:00:00.000Z',
        kind: 'meeting',
        subject: 'Port security working group',
        purpose: 'strategic',
        notes: 'The Guardia Civil presented the Algeciras container figures.',
      }),
    );
    await openApp(page, backend);
  });

  test('the palette finds a record by its agency with accents ignored, and Enter opens it', async ({ page }) => {
    const requests = recordPage(page);
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Search and commands' });
    const input = palette.getByRole('combobox', { name: 'Search records or type a command' });
    await expect(input).toBeFocused();
    await input.fill('policia');
    const hit = palette.getByRole('option', { name: /Owner of a speedboat/ });
    await expect(hit).toBeVisible();
    await expect(hit).toContainText('Information request');
    await expect(palette.getByRole('status')).toHaveText('1 record found.');
    // No command matches "policia", so the first (active) option is the record.
    await expect(hit).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(palette).toBeHidden();
    await expect(requests.form.getByLabel('Subject', { exact: true })).toHaveValue('Owner of a speedboat');
    await expect(requests.form.getByLabel('Counterpart agency')).toHaveValue('Policía Nacional');
  });

  test('the palette finds words in notes across kinds; arrows pick the one to open', async ({ page }) => {
    await page.getByRole('button', { name: /Search or run a command/ }).click();
    const palette = page.getByRole('dialog', { name: 'Search and commands' });
    await palette.getByRole('combobox').fill('ALGECIRAS');
    await expect(palette.getByRole('status')).toHaveText('2 records found.');
    const engagement = palette.getByRole('option', { name: /Port security working group/ });
    await expect(engagement).toContainText('Engagement');
    await expect(palette.getByRole('option', { name: /Owner of a speedboat/ })).toBeVisible();
    // Move to the engagement with the arrow keys, then open it.
    for (let i = 0; i < 2 && (await engagement.getAttribute('aria-selected')) !== 'true'; i += 1) {
      await page.keyboard.press('ArrowDown');
    }
    await expect(engagement).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/engagements\/[0-9a-f-]+$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Engagements');
    await expect(page.getByRole('form').getByLabel('Subject', { exact: true })).toHaveValue(
      'Port security working group',
    );
  });

  test('a word that matches nothing says so', async ({ page }) => {
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Search and commands' });
    await palette.getByRole('combobox').fill('zzyzx');
    await expect(palette.getByRole('status')).toHaveText('No records match “zzyzx”.');
    await expect(palette.getByRole('option')).toHaveCount(0);
  });

  test("the list's search box filters the list, accents ignored, and clearing it restores the list", async ({
    page,
  }) => {
    const requests = recordPage(page);
    await expect(requests.count).toHaveText('2 records');
    await requests.search.fill('policia');
    await expect(requests.count).toHaveText(countOf(1));
    await expect(requests.rows).toHaveCount(1);
    await expect(requests.row('Owner of a speedboat')).toBeVisible();
    // A word from the notes, as a prefix.
    await requests.search.fill('harb');
    await expect(requests.rows).toHaveText([/Owner of a speedboat/]);
    await requests.search.fill('bundeskrim');
    await expect(requests.rows).toHaveText([/Phone subscriber/]);
    await requests.search.fill('nothing like this');
    await expect(requests.count).toHaveText(countOf(0));
    await expect(page.getByText('No information requests match.')).toBeVisible();
    await requests.clearFilters.click();
    await expect(requests.search).toHaveValue('');
    await expect(requests.count).toHaveText('2 records');

    // The engagements list searches its notes too.
    await gotoView(page, 'engagements');
    await recordPage(page).search.fill('guardia');
    await expect(recordPage(page).rows).toHaveText([/Port security working group/]);
  });
});
