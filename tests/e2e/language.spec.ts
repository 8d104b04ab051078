import { expect, openApp, test, unwrap } from './fixtures';
import { seedRequest } from './request-form';

test.describe('language', () => {
  test('switching to Dutch translates the screen, is saved in the settings and survives a reload', async ({
    page,
    backend,
  }) => {
    await unwrap(
      backend.call(
        'requests.create',
        seedRequest({ counterpartCountry: 'DE', counterpartAgency: 'BKA', subject: 'Kenteken' }),
      ),
    );
    await openApp(page, backend);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Information requests');

    await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Nederlands' });

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Informatieverzoeken');
    await expect(page.getByRole('button', { name: 'Nieuw verzoek' })).toBeVisible();
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Informatieverzoeken' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    await expect(page).toHaveTitle(/^Informatieverzoeken/);
    await expect(page.getByRole('combobox', { name: 'Taal' })).toHaveValue('nl');
    const row = page
      .getByRole('list', { name: 'Informatieverzoeken' })
      .getByRole('button')
      .filter({ hasText: 'Kenteken' });
    await expect(row).toContainText('Duitsland · BKA');
    await expect(row).toContainText('Inkomend');
    expect(await unwrap(backend.call('settings.get', {}))).toMatchObject({ language: 'nl' });

    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Informatieverzoeken');
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    await expect(page.getByRole('combobox', { name: 'Taal' })).toHaveValue('nl');

    // The form and its messages are Dutch too.
    await page.getByRole('button', { name: 'Nieuw verzoek' }).click();
    const form = page.getByRole('form', { name: 'Nieuw informatieverzoek' });
    await expect(form.getByRole('radio', { name: /^Inkomend/ })).toBeChecked();
    await form.getByRole('button', { name: 'Verzoek opslaan' }).click();
    await expect(form.getByRole('alert').first()).toHaveText('Verbeter de 3 gemarkeerde velden.');
    await expect(form.getByLabel('Land van de partner')).toHaveAccessibleDescription(/^Kies een land uit de lijst\./);
    await expect(form.getByLabel('Partnerdienst')).toHaveAccessibleDescription(/^Dit veld is verplicht\./);
    await expect(form.getByLabel('Onderwerp')).toHaveAccessibleDescription(/^Dit veld is verplicht\./);
    await expect(form.getByLabel('Land van de partner')).toBeFocused();

    // And back: the open form and its messages follow the language.
    await page.getByRole('combobox', { name: 'Taal' }).selectOption({ label: 'English' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Information requests');
    const english = page.getByRole('form', { name: 'New information request' });
    await expect(english.getByLabel('Subject', { exact: true })).toHaveAccessibleDescription(
      /^This field is required\./,
    );
    expect(await unwrap(backend.call('settings.get', {}))).toMatchObject({ language: 'en' });
  });
});
