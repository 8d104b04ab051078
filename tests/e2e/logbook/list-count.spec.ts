import { expect, test, unwrap } from '../fixtures';
import { recordPage, seedDemo, shoot } from './helpers';

// A list counts no further than it must (issue 12): its first page counts only itself, then the list counts up
// to 1,000 and says "1,000+ records" where more match, with "Count all" for the exact figure. Scrolling to the
// end of what is counted fetches on, and the list grows until its end is known. In Dutch: "meer dan 1.000
// records", "Alles tellen". Screenshots: test-results/screenshots/logbook-list-count-{en,nl}.png.

test.describe('a list longer than it counts', () => {
  test.beforeEach(async ({ backend }) => {
    // 3,000 demo records: about 1,200 requests.
    await seedDemo(backend, 3000);
  });

  test('"1,000+ records" until counted; Count all gives the exact figure; scrolling reaches the end', async ({
    page,
    backend,
  }) => {
    const all = (await unwrap(backend.call('stats.counts', {}))).informationRequests;
    expect(all).toBeGreaterThan(1100);
    const exact = new Intl.NumberFormat('en-GB').format(all);
    const requests = recordPage(page);
    const countAll = page.getByRole('button', { name: 'Count all' });

    await page.goto('/#/requests');
    await expect(requests.heading).toHaveText('Information requests');
    await expect(requests.count).toContainText('1,000+ records');
    await expect(countAll).toBeVisible();
    await expect(requests.rows.first()).toBeVisible();
    await shoot(page, 'list-count', 'en');

    await countAll.click();
    await expect(requests.count).toHaveText(new RegExp(`^${exact} records`));
    await expect(countAll).toHaveCount(0);

    // A filter that keeps fewer than 1,000 is counted exactly at once; clearing it counts to 1,000 again.
    const german = (await unwrap(backend.call('requests.list', { filters: { country: 'DE' }, limit: 0 }))).total;
    expect(german).toBeLessThan(1000);
    await requests.filter('Country').selectOption({ label: 'Germany' });
    await expect(requests.count).toHaveText(new RegExp(`^${german} records`));
    await expect(countAll).toHaveCount(0);
    await requests.clearFilters.click();
    await expect(requests.count).toContainText('1,000+ records');

    // Scrolling: each time the bottom is reached the next page comes, until the end is known.
    const list = page.locator('.record-list');
    for (let i = 0; i < 40; i++) {
      const text = (await requests.count.textContent()) ?? '';
      if (!text.includes('+')) break;
      await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await expect(requests.count).not.toHaveText(text);
    }
    await expect(requests.count).toHaveText(new RegExp(`^${exact} records`));
    const last = (
      await unwrap(backend.call('requests.list', { sort: 'newest', limit: 1, offset: all - 1, count: 'page' }))
    ).items[0];
    await expect(requests.rows.filter({ hasText: String(last?.['subject'] ?? '') }).last()).toBeVisible();
  });

  test('in Dutch: "meer dan 1.000 records" and "Alles tellen"', async ({ page, backend }) => {
    const all = (await unwrap(backend.call('stats.counts', {}))).informationRequests;
    await page.goto('/#/requests');
    await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Nederlands' });
    const count = page.locator('.filters__count');
    await expect(count).toContainText('meer dan 1.000 records');
    const countAll = page.getByRole('button', { name: 'Alles tellen' });
    await expect(countAll).toBeVisible();
    await expect(page.locator('.split__list').getByRole('button').first()).toBeVisible();
    await shoot(page, 'list-count', 'nl');
    await countAll.click();
    await expect(count).toHaveText(new RegExp(`^${new Intl.NumberFormat('nl-NL').format(all)} records`));
  });
});
