import { seedRequest } from '../request-form';
import { expect, test, unwrap } from '../fixtures';
import { countOf, daysAgo, gotoView, recordPage } from './helpers';

test.describe('overdue requests', () => {
  test('Needs attention lists the overdue ones; "Overdue only" shows exactly them, each with a badge', async ({
    page,
    backend,
  }) => {
    // Two open incoming EU requests received 20 and 10 days ago: past their 7-day deadline.
    const late = await unwrap(
      backend.call(
        'requests.create',
        seedRequest({
          counterpartCountry: 'DE',
          counterpartAgency: 'Bundeskriminalamt',
          channel: 'siena',
          exchangedAt: daysAgo(20),
          subject: 'Stolen lorry, trailer registration',
        }),
      ),
    );
    const lateToo = await unwrap(
      backend.call(
        'requests.create',
        seedRequest({
          direction: 'outgoing',
          counterpartCountry: 'BE',
          counterpartAgency: 'Federale Gerechtelijke Politie',
          exchangedAt: daysAgo(10),
          subject: 'Cash courier travel history',
        }),
      ),
    );
    // Past its deadline but answered: not overdue.
    await unwrap(
      backend.call(
        'requests.create',
        seedRequest({
          counterpartCountry: 'DE',
          counterpartAgency: 'Zoll',
          exchangedAt: daysAgo(20),
          subject: 'Answered customs declaration',
          status: 'answered',
          answeredAt: daysAgo(18),
        }),
      ),
    );
    // Received today: due in a week.
    await unwrap(
      backend.call(
        'requests.create',
        seedRequest({
          counterpartCountry: 'DE',
          exchangedAt: daysAgo(0.1),
          subject: 'Fresh request on a vessel',
        }),
      ),
    );
    // No Directive deadline: a non-EU partner.
    await unwrap(
      backend.call(
        'requests.create',
        seedRequest({
          counterpartCountry: 'CO',
          counterpartAgency: 'DIJIN',
          channel: 'interpol',
          exchangedAt: daysAgo(40),
          subject: 'Colombian passport check',
        }),
      ),
    );
    expect(late.dueAt).not.toBeNull();

    // Home is Needs attention.
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Needs attention');
    await expect(page).toHaveTitle(/^Needs attention · Liaison Log/);
    const overdue = page.getByRole('region', { name: /^Overdue requests/ });
    await expect(overdue.getByRole('heading', { level: 2 })).toHaveText('Overdue requests2');
    const links = overdue.getByRole('listitem').getByRole('link');
    await expect(links).toHaveText(['Stolen lorry, trailer registration', 'Cash courier travel history']);
    await expect(overdue.getByRole('listitem').first()).toContainText('Germany · Was due 13 days ago');
    await expect(overdue).not.toContainText('Answered customs declaration');
    await expect(overdue).not.toContainText('Fresh request on a vessel');
    await expect(overdue).not.toContainText('Colombian passport check');

    // An item opens its request.
    await links.first().click();
    await expect(page).toHaveURL(new RegExp(`#/requests/${late.id}$`));
    await expect(page.getByRole('form').getByLabel('Subject', { exact: true })).toHaveValue(
      'Stolen lorry, trailer registration',
    );

    // The list's "Overdue only" filter.
    await gotoView(page, 'requests');
    const requests = recordPage(page);
    await expect(requests.count).toHaveText(countOf(5));
    await page.getByRole('checkbox', { name: 'Overdue only' }).check();
    await expect(requests.count).toHaveText(countOf(2));
    await expect(requests.rows).toHaveCount(2);
    for (const subject of ['Stolen lorry, trailer registration', 'Cash courier travel history']) {
      await expect(requests.row(subject).locator('.deadline')).toHaveText(/^Overdue by \d+ days?$/);
    }
    const listed = await unwrap(backend.call('requests.list', { filters: { overdue: true } }));
    expect(listed.items.map((r) => r.id).sort()).toEqual([late.id, lateToo.id].sort());

    await page.getByRole('checkbox', { name: 'Overdue only' }).uncheck();
    await expect(requests.count).toHaveText(countOf(5));
    // Without the filter, only those two carry the badge.
    await expect(requests.list.getByText(/^Overdue by /)).toHaveCount(2);
  });

  test('the link under the overdue panel opens the list filtered on overdue requests', async ({ page, backend }) => {
    await unwrap(
      backend.call(
        'requests.create',
        seedRequest({ counterpartCountry: 'FR', exchangedAt: daysAgo(9), subject: 'Late French request' }),
      ),
    );
    await unwrap(backend.call('requests.create', seedRequest({ exchangedAt: daysAgo(1), subject: 'On time' })));
    await gotoView(page, 'attention');
    await page.getByRole('link', { name: 'Open the overdue requests in the request list' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Information requests');
    await expect(page.getByRole('checkbox', { name: 'Overdue only' })).toBeChecked();
    const requests = recordPage(page);
    await expect(requests.count).toHaveText(countOf(1));
    await expect(requests.rows).toHaveText([/Late French request.*Overdue/]);
    await requests.clearFilters.click();
    await expect(requests.count).toHaveText(countOf(2));
  });
});
