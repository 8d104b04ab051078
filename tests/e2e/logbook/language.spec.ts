import { seedRequest } from '../request-form';
import { expect, test, unwrap } from '../fixtures';
import { gotoView, recordPage } from './helpers';

test.describe('language', () => {
  test('Nederlands in the top bar translates navigation, titles, form labels and dates, and survives a reload', async ({
    page,
    backend,
  }) => {
    await unwrap(
      backend.call('engagements.create', {
        occurredAt: '2026-11-03T13:15:00.000Z',
        kind: 'visit',
        subject: 'Visit to the port authority',
        purpose: 'capacity_building',
        followUpOn: '2026-11-10',
      }),
    );
    await unwrap(
      backend.call(
        'requests.create',
        seedRequest({
          counterpartCountry: 'DE',
          counterpartAgency: 'BKA',
          exchangedAt: '2026-11-04T09:05:00.000Z',
          subject: 'Kenteken',
        }),
      ),
    );
    await gotoView(page, 'engagements');
    const nav = page.getByRole('navigation', { name: 'Main' });
    const e = recordPage(page);
    await expect(e.heading).toHaveText('Engagements');
    await expect(e.row('Visit to the port authority')).toContainText('3 Nov 2026, 14:15 · Working visit');
    await expect(e.row('Visit to the port authority')).toContainText('Capacity building');
    await e.row('Visit to the port authority').click();
    await expect(e.form.getByLabel('Kind of contact')).toBeVisible();

    await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Nederlands' });

    // Navigation and page titles.
    const dutchNav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await expect(dutchNav.getByRole('link')).toHaveText([
      'Aandacht nodig',
      'Overzicht',
      'Dashboards',
      'Doelmatigheid',
      'Rapportages',
      'Contacten',
      'Informatieverzoeken',
      'Resultaten',
      'Jaarplan',
      'Organisaties',
      'Personen',
      'Zaken',
      'Prullenbak',
      'Bewaartermijnen',
      'Uitwisseling',
      'Importeren uit een spreadsheet',
      'Instellingen',
    ]);
    await expect(nav).toHaveCount(0);
    await expect(e.heading).toHaveText('Contacten');
    await expect(page).toHaveTitle('Contacten · Liaison Log');
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    await expect(page.getByRole('button', { name: 'Nieuw contact' })).toBeVisible();

    // The open form's labels and options.
    const form = page.getByRole('form', { name: 'Contact' });
    await expect(form.getByLabel('Soort contact')).toHaveValue('visit');
    await expect(form.getByLabel('Soort contact').locator('option:checked')).toHaveText('Werkbezoek');
    await expect(form.getByLabel('Datum en tijd')).toHaveValue('03-11-2026 14:15');
    await expect(form.getByRole('group', { name: 'Doel' })).toBeVisible();
    await expect(form.getByRole('radio', { name: 'Niet-operationeel: capaciteitsopbouw' })).toBeChecked();
    await expect(form.getByRole('button', { name: 'Wijzigingen opslaan' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Gekoppelde records' })).toBeVisible();

    // Dates in the list: Dutch month names and order.
    const row = e.row('Visit to the port authority');
    await expect(row).toContainText('03-11-2026 14:15 · Werkbezoek');
    await expect(row).toContainText('Capaciteitsopbouw');
    await expect(e.count).toHaveText(/^1 record/);

    // The settings hold the choice; a reload keeps it.
    expect(await unwrap(backend.call('settings.get', {}))).toMatchObject({ language: 'nl' });
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contacten');
    await expect(page.getByRole('combobox', { name: 'Taal' })).toHaveValue('nl');
    await expect(page.getByRole('form', { name: 'Contact' }).getByLabel('Soort contact')).toBeVisible();

    // Other pages follow: requests list and form, Needs attention, the palette.
    await dutchNav.getByRole('link', { name: 'Informatieverzoeken' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Informatieverzoeken');
    await expect(page).toHaveTitle('Informatieverzoeken · Liaison Log');
    await expect(recordPage(page).row('Kenteken')).toContainText(
      '04-11-2026 10:05 · Duitsland · BKA · SIENA (Europol)',
    );
    await expect(
      page.getByRole('search', { name: 'Filters' }).getByRole('checkbox', { name: 'Alleen te laat' }),
    ).toBeVisible();

    await dutchNav.getByRole('link', { name: 'Aandacht nodig' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aandacht nodig');
    await expect(page.getByRole('heading', { name: /^Verzoeken over de termijn/ })).toBeVisible();
    await expect(page.getByText(/^Stand van \d{2}-\d{2}-\d{4} \d{2}:\d{2}/)).toBeVisible();

    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Zoeken en opdrachten' });
    await expect(palette.getByRole('combobox', { name: 'Records zoeken of een opdracht typen' })).toBeFocused();
    await page.keyboard.type('nieuw contact');
    await expect(palette.getByRole('option')).toHaveText(['Nieuw contact']);
    await page.keyboard.press('Escape');
    await expect(palette).toBeHidden();

    // And back to English.
    await page.getByRole('combobox', { name: 'Taal' }).selectOption({ label: 'English' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Needs attention');
    await expect(nav.getByRole('link', { name: 'Engagements' })).toBeVisible();
    expect(await unwrap(backend.call('settings.get', {}))).toMatchObject({ language: 'en' });
  });
});
