import { seedRequest } from '../request-form';
import { expect, openApp, test, unwrap } from '../fixtures';
import { countOf, recordPage } from './helpers';

test.describe('trash', () => {
  test('move to trash, Undo from the toast, move again, restore from the Trash page', async ({ page, backend }) => {
    const request = await unwrap(
      backend.call('requests.create', seedRequest({ subject: 'Duplicate entry, Europol reply' })),
    );
    await unwrap(backend.call('requests.create', seedRequest({ subject: 'Keep me' })));
    await openApp(page, backend);
    const requests = recordPage(page);
    const toasts = page.locator('.toasts');
    const toast = toasts.locator('.toast');

    await requests.row('Duplicate entry, Europol reply').click();
    await expect(requests.formTitle).toHaveText('Information request');
    await requests.deleteButton.click();

    // Gone from the list, and the toast offers Undo.
    await expect(requests.count).toHaveText(countOf(1));
    await expect(requests.row('Duplicate entry, Europol reply')).toHaveCount(0);
    await expect(toast).toHaveCount(1);
    await expect(toast).toContainText('“Duplicate entry, Europol reply” moved to the trash.');
    await expect(page).toHaveURL(/#\/requests$/);
    expect((await unwrap(backend.call('trash.list', {}))).map((r) => r.id)).toEqual([request.id]);

    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect(toast).toHaveCount(0);
    await expect(requests.count).toHaveText(countOf(2));
    await expect(requests.row('Duplicate entry, Europol reply')).toHaveCount(1);
    // The restored record is open again.
    await expect(requests.form.getByLabel('Subject', { exact: true })).toHaveValue('Duplicate entry, Europol reply');
    expect(await unwrap(backend.call('trash.list', {}))).toEqual([]);
    expect(await unwrap(backend.call('requests.get', { id: request.id }))).toMatchObject({ deletedAt: null });

    // Move it to the trash again and let the toast go.
    await requests.row('Duplicate entry, Europol reply').click();
    await requests.deleteButton.click();
    await expect(requests.count).toHaveText(countOf(1));
    await toast.getByRole('button', { name: 'Dismiss' }).click();
    await expect(toast).toHaveCount(0);

    await page.getByRole('navigation').getByRole('link', { name: 'Trash' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trash');
    await expect(page.getByText('1 record in the trash')).toBeVisible();
    const table = page.getByRole('table', { name: 'Records in the trash' });
    const row = table.getByRole('row', { name: /Duplicate entry, Europol reply/ });
    await expect(row).toContainText('Information request');
    await row.getByRole('button', { name: 'Restore “Duplicate entry, Europol reply”' }).click();
    const open = row.getByRole('link', { name: 'Open “Duplicate entry, Europol reply”' });
    await expect(open).toBeFocused();
    await expect(row).toContainText('Restored');
    await expect(page.getByRole('status').filter({ hasText: 'restored' })).toHaveText(
      '“Duplicate entry, Europol reply” restored.',
    );
    expect(await unwrap(backend.call('trash.list', {}))).toEqual([]);

    await open.click();
    await expect(page).toHaveURL(new RegExp(`#/requests/${request.id}$`));
    await expect(requests.count).toHaveText(countOf(2));
    await expect(requests.form.getByLabel('Subject', { exact: true })).toHaveValue('Duplicate entry, Europol reply');

    // The History tab records both trips to the trash.
    await requests.historyTab.click();
    await expect(requests.tabPanel.getByRole('listitem').locator('strong')).toHaveText([
      'Restored',
      'Moved to trash',
      'Restored',
      'Moved to trash',
      'Created',
    ]);
  });

  test('the trash lists records of several kinds and filters by kind', async ({ page, backend }) => {
    const request = await unwrap(backend.call('requests.create', seedRequest({ subject: 'Trashed request' })));
    const org = await unwrap(
      backend.call('organisations.create', { name: 'Trashed organisation', country: 'FR', type: 'police' }),
    );
    await unwrap(backend.call('requests.delete', { id: request.id }));
    await unwrap(backend.call('organisations.delete', { id: org.id }));
    await page.goto('/#/trash');
    await expect(page.getByText('2 records in the trash')).toBeVisible();
    const table = page.getByRole('table', { name: 'Records in the trash' });
    await expect(table.getByRole('row')).toHaveCount(3); // header + 2
    await page.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'Organisations' });
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table).toContainText('Trashed organisation');
    await expect(table).not.toContainText('Trashed request');
  });
});
