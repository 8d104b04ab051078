import { expect, test, unwrap } from '../fixtures';
import { requestScreen } from '../request-form';
import { gotoView, recordPage, tabTo } from './helpers';

test.describe('keyboard-only quick entry', () => {
  test('Ctrl+N on Needs attention opens a new request with the cursor in it; typed and saved with Enter', async ({
    page,
    backend,
  }) => {
    await gotoView(page, 'attention');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Needs attention');
    await expect(page.getByRole('region', { name: /^Overdue requests/ })).toBeVisible();

    await page.keyboard.press('Control+n');
    await expect(page).toHaveURL(/#\/requests\/new$/);
    const s = requestScreen(page);
    await expect(s.formTitle).toHaveText('New information request');
    // The cursor is in the first field: the direction radios.
    await expect(s.direction('Incoming')).toBeFocused();

    await page.keyboard.press('ArrowDown'); // Outgoing
    await expect(s.direction('Outgoing')).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(s.country).toBeFocused();
    await page.keyboard.type('Spain');
    await expect(s.country).toHaveValue('ES');
    await page.keyboard.press('Tab');
    await expect(s.channel).toBeFocused();
    await page.keyboard.type('Interpol');
    await expect(s.channel).toHaveValue('interpol');
    // An EU partner outside SIENA adds the optional question before the agency.
    await tabTo(page, s.agency, 3);
    await page.keyboard.type('Policía Nacional');
    await page.keyboard.press('Tab');
    await expect(s.subject).toBeFocused();
    await page.keyboard.type('Hashish shipment, Tarifa beach landing');
    await page.keyboard.press('Enter');

    await expect(s.notice).toHaveText('Saved.');
    await expect(s.formTitle).toHaveText('Information request');
    await expect(s.row('Hashish shipment, Tarifa beach landing')).toContainText(
      'Spain · Policía Nacional · Interpol I-24/7',
    );
    const [saved] = (await unwrap(backend.call('requests.list', {}))).items;
    expect(saved).toMatchObject({
      direction: 'outgoing',
      counterpartCountry: 'ES',
      counterpartAgency: 'Policía Nacional',
      channel: 'interpol',
      subject: 'Hashish shipment, Tarifa beach landing',
      status: 'open',
    });
    await expect(page).toHaveURL(new RegExp(`#/requests/${saved!.id}$`));
  });

  test('Ctrl+N on another record page starts a record of that kind', async ({ page }) => {
    await gotoView(page, 'organisations');
    await page.keyboard.press('Control+n');
    await expect(page).toHaveURL(/#\/organisations\/new$/);
    const s = recordPage(page);
    await expect(s.formTitle).toHaveText('New organisation');
    await expect(s.form.getByLabel('Name', { exact: true })).toBeFocused();
    await page.keyboard.type('Guardia Civil');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Spain');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Police');
    await expect(s.form.getByLabel('Kind of organisation')).toHaveValue('police');
    await s.form.getByLabel('Name', { exact: true }).press('Enter');
    await expect(s.notice).toHaveText('Saved.');
    await expect(s.row('Guardia Civil')).toContainText('Spain · Police');
  });

  test('Ctrl+K, "new engagement", Enter opens a new engagement; Escape closes the palette and returns focus', async ({
    page,
  }) => {
    await gotoView(page, 'attention');
    // (The Refresh button is disabled while the lists load.)
    await expect(page.locator('.attention__grid')).toHaveAttribute('aria-busy', 'false');
    const refresh = page.getByRole('button', { name: 'Refresh' });
    await refresh.focus();
    await expect(refresh).toBeFocused();

    // Escape closes the palette; focus goes back where it was.
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Search and commands' });
    const input = palette.getByRole('combobox', { name: 'Search records or type a command' });
    await expect(input).toBeFocused();
    await page.keyboard.type('new');
    await page.keyboard.press('Escape');
    await expect(palette).toBeHidden();
    await expect(refresh).toBeFocused();

    // Ctrl+K again: the text box starts empty; "new engagement" leaves one command.
    await page.keyboard.press('Control+k');
    await expect(input).toHaveValue('');
    await page.keyboard.type('new engagement');
    await expect(palette.getByRole('option')).toHaveText(['New engagement']);
    await expect(palette.getByRole('option', { name: 'New engagement' })).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(palette).toBeHidden();
    await expect(page).toHaveURL(/#\/engagements\/new$/);
    const s = recordPage(page);
    await expect(s.formTitle).toHaveText('New engagement');
    // The new form takes the cursor: its first field.
    await expect(s.form.getByLabel('Date and time')).toBeFocused();

    // Escape from the palette returns to the form field it was opened from.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('go trash');
    await expect(palette.getByRole('option')).toHaveText(['Go to Trash']);
    await page.keyboard.press('Escape');
    await expect(palette).toBeHidden();
    await expect(s.form.getByLabel('Date and time')).toBeFocused();
    // Ctrl+K also closes an open palette. (Focus is not restored on that path: see the report.)
    await page.keyboard.press('Control+k');
    await expect(input).toBeFocused();
    await page.keyboard.press('Control+k');
    await expect(palette).toBeHidden();
    // "Go to" commands work like "new" ones.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('go trash');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trash');
    await expect(page.getByRole('main')).toBeFocused();
  });
});
