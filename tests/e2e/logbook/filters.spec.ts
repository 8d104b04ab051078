import type { Page } from '@playwright/test';
import type { TestBackend as Backend } from '../fixtures';
import type { RecordFilters } from '../../../shared/records/queries';
import { expect, openApp, test, unwrap } from '../fixtures';
import { countOf, gotoView, recordPage, seedDemo } from './helpers';

type ListChannel = 'requests.list' | 'engagements.list' | 'results.list';

/** Waits until the list's count equals what the backend counts for the same filters, and returns it. */
async function expectSameCount(page: Page, backend: Backend, channel: ListChannel, filters: RecordFilters) {
  const { total } = await unwrap(backend.call(channel, { filters, limit: 1 }));
  await expect(recordPage(page).count, JSON.stringify(filters)).toHaveText(countOf(total));
  return total;
}

test.describe('list filters on demo data', () => {
  test.beforeEach(async ({ page, backend }) => {
    await seedDemo(backend, 300);
    await openApp(page, backend);
  });

  test('requests: phenomenon, country, channel and status narrow the list exactly as the backend counts', async ({
    page,
    backend,
  }) => {
    const requests = recordPage(page);
    const all = (await unwrap(backend.call('stats.counts', {}))).informationRequests;
    expect(all).toBeGreaterThan(100);
    await expect(requests.count).toHaveText(countOf(all));
    await expect(requests.clearFilters).toHaveCount(0);

    // A group of phenomena counts the records under it too.
    await requests.filter('Phenomenon').selectOption('drugs');
    const drugs = await expectSameCount(page, backend, 'requests.list', { phenomenon: 'drugs' });
    await requests.filter('Phenomenon').selectOption('cocaine');
    const cocaine = await expectSameCount(page, backend, 'requests.list', { phenomenon: 'cocaine' });
    expect(cocaine).toBeGreaterThan(0);
    expect(cocaine).toBeLessThan(drugs);

    await requests.filter('Country').selectOption({ label: 'Germany' });
    const german = await expectSameCount(page, backend, 'requests.list', { phenomenon: 'cocaine', country: 'DE' });
    expect(german).toBeGreaterThan(0);
    await expect(requests.rows).toHaveCount(german);
    for (const row of await requests.rows.all()) await expect(row).toContainText(' · Germany · ');

    await requests.filter('Country').selectOption({ label: 'Any' });
    await requests.filter('Channel').selectOption({ label: 'SIENA (Europol)' });
    const viaSiena = await expectSameCount(page, backend, 'requests.list', { phenomenon: 'cocaine', channel: 'siena' });
    expect(viaSiena).toBeGreaterThan(0);
    for (const row of await requests.rows.all()) await expect(row).toContainText('SIENA (Europol)');

    await requests.filter('Status').selectOption({ label: 'Answered' });
    const answered = await expectSameCount(page, backend, 'requests.list', {
      phenomenon: 'cocaine',
      channel: 'siena',
      status: 'answered',
    });
    expect(answered).toBeGreaterThan(0);
    expect(answered).toBeLessThanOrEqual(viaSiena);
    await expect(requests.rows).toHaveCount(answered);
    for (const row of await requests.rows.all()) await expect(row).toContainText('Answered');

    await requests.filter('Direction').selectOption({ label: 'Incoming' });
    await expectSameCount(page, backend, 'requests.list', {
      phenomenon: 'cocaine',
      channel: 'siena',
      status: 'answered',
      direction: 'incoming',
    });

    // A period, typed into the date fields.
    await requests.clearFilters.click();
    await expect(requests.count).toHaveText(countOf(all));
    await requests.filter('From').fill('2026-06-01');
    await requests.filter('To').fill('2026-08-31');
    const summer = await expectSameCount(page, backend, 'requests.list', { from: '2026-06-01', to: '2026-08-31' });
    expect(summer).toBeGreaterThan(0);
    expect(summer).toBeLessThan(all);

    // Clear filters resets every filter and restores the total.
    await requests.filter('Status').selectOption({ label: 'Open' });
    await expectSameCount(page, backend, 'requests.list', { from: '2026-06-01', to: '2026-08-31', status: 'open' });
    await requests.clearFilters.click();
    await expect(requests.count).toHaveText(countOf(all));
    await expect(requests.clearFilters).toHaveCount(0);
    for (const name of ['Phenomenon', 'Country', 'Channel', 'Status', 'Direction', 'From', 'To']) {
      await expect(requests.filter(name), name).toHaveValue('');
    }
  });

  test('engagements and results: purpose, kind and phenomenon filters match the backend', async ({ page, backend }) => {
    await gotoView(page, 'engagements');
    const engagements = recordPage(page);
    const allEngagements = (await unwrap(backend.call('stats.counts', {}))).engagements;
    await expect(engagements.count).toHaveText(countOf(allEngagements));
    await engagements.filter('Purpose').selectOption({ label: 'Operational' });
    const operational = await expectSameCount(page, backend, 'engagements.list', { status: 'operational' });
    expect(operational).toBeGreaterThan(0);
    await engagements.filter('Phenomenon').selectOption('money_laundering');
    await expectSameCount(page, backend, 'engagements.list', {
      status: 'operational',
      phenomenon: 'money_laundering',
    });
    await engagements.clearFilters.click();
    await expect(engagements.count).toHaveText(countOf(allEngagements));

    await page.getByRole('navigation').getByRole('link', { name: 'Results' }).click();
    const results = recordPage(page);
    await expect(results.heading).toHaveText('Results');
    const allResults = (await unwrap(backend.call('stats.counts', {}))).results;
    await expect(results.count).toHaveText(countOf(allResults));
    await results.filter('Kind').selectOption({ label: 'Seizure' });
    const seizures = await expectSameCount(page, backend, 'results.list', { status: 'seizure' });
    expect(seizures).toBeGreaterThan(0);
    for (const row of await results.rows.all()) await expect(row).toContainText('Seizure');
    await results.clearFilters.click();
    await expect(results.count).toHaveText(countOf(allResults));
  });
});
