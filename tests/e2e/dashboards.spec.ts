import ExcelJS from 'exceljs';
import { generateDemo } from '../../electron/demo/generate';
import { expect, test, unwrap, withSecondBackend } from './fixtures';
import { audit, countOf, gotoView, recordPage } from './logbook/helpers';

// The dashboards: filters that give the backend's figures, numbers that open the records behind them, a
// table saved as XLSX, charts drawn under the strict CSP (a violation is a console error, which fails the
// test), and no serious accessibility problems in English or Dutch.

const PERIOD = { from: '2026-01-01', to: '2026-10-31' } as const;

test('the dashboards follow their filters, drill down to the lists, export a table and pass axe in EN and NL', async ({
  page,
  backend,
  fileChooser,
}, testInfo) => {
  test.slow(); // 1500 records, two axe runs, a saved file
  await withSecondBackend(backend.dataDir, (second) =>
    generateDemo(second.db, second.services.store, { records: 1500, seed: 4, until: new Date('2026-11-20') }),
  );
  const expected = await unwrap(backend.call('reports.dashboard', { ...PERIOD, phenomenon: 'cocaine' }));
  const number = (n: number) => new Intl.NumberFormat('en-GB').format(n);

  await gotoView(page, 'dashboards');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dashboards');
  await expect(page).toHaveTitle('Dashboards · Liaison Log');
  const filters = page.getByRole('search', { name: 'Dashboard filters' });
  await filters.getByLabel('From').fill(PERIOD.from);
  await filters.getByLabel('To (inclusive)').fill(PERIOD.to);
  await expect(filters.getByRole('radio', { name: 'Custom' })).toBeChecked();
  await filters.getByRole('combobox', { name: 'Phenomenon' }).selectOption('cocaine');
  await expect(page.getByText('Figures for 1 Jan – 31 Oct 2026 · Filtered on Cocaine')).toBeVisible();
  await expect(page.locator('.figures-body')).not.toHaveClass(/is-stale/);

  // Figures on screen are the backend's for the same filters.
  const results = page.getByRole('region', { name: 'Results', exact: true });
  await expect(results.locator('.kpi__value')).toHaveText(number(expected.results.total));
  const seizures = expected.results.byKind.find((r) => r.key === 'seizure')!;
  expect(seizures.count).toBeGreaterThan(0);
  await expect(
    results.getByRole('table', { name: 'Results by kind' }).getByRole('row', { name: /^Seizure / }),
  ).toContainText(number(seizures.count));
  const channels = page.getByRole('region', { name: 'Channel use' });
  const siena = expected.channels.mix.find((r) => r.key === 'siena')!;
  expect(siena.count).toBeGreaterThan(0);
  // Response times read as hours below two days, as days from there.
  const duration = (h: number | null) =>
    h === null ? '–' : h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} days`;
  const timeliness = page.getByRole('region', { name: 'Timeliness' });
  await expect(timeliness.locator('.kpi', { hasText: 'Median response time' }).locator('.kpi__value')).toHaveText(
    duration(expected.timeliness.medianHours),
  );
  await expect(channels.locator('.kpi__detail')).toHaveText(
    `${number(expected.channels.euViaSiena)} of ${number(expected.channels.euExchanges)} exchanges with EU member states`,
  );

  // A table as XLSX, with the headers and labels as on screen.
  const exportGroup = channels.getByRole('group', { name: 'Export “Information requests by channel”' });
  const file = testInfo.outputPath('channels.xlsx');
  fileChooser.willSave(file);
  await exportGroup.getByRole('button', { name: 'XLSX' }).click();
  await expect(page.getByText(`Saved to ${file}`)).toBeVisible();
  expect(fileChooser.shown.at(-1)).toMatchObject({ suggestedName: 'information-requests-by-channel.xlsx' });
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.worksheets[0]!;
  expect(sheet.getRow(1).values).toEqual([undefined, 'Channel', 'Number', 'Share']);
  const sienaRow = sheet.getColumn(1).values.indexOf('SIENA (Europol)');
  expect(sienaRow).toBeGreaterThan(1);
  expect(sheet.getRow(sienaRow).getCell(2).value).toBe(siena.count);

  await audit(page, testInfo, 'dashboards-en');

  // From a count to the list behind it: requests through SIENA about cocaine in the period.
  await channels.getByRole('link', { name: `SIENA (Europol): ${number(siena.count)}. Show them in the list` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Information requests');
  const list = recordPage(page);
  await expect(list.filter('Channel')).toHaveValue('siena');
  await expect(list.filter('Phenomenon')).toHaveValue('cocaine');
  await expect(list.count).toHaveText(countOf(siena.count));

  // Back on the dashboards the filters are as they were; the overdue count opens the overdue requests.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dashboards');
  await expect(page.getByText('Figures for 1 Jan – 31 Oct 2026 · Filtered on Cocaine')).toBeVisible();
  const overdue = expected.timeliness.openOverdue;
  expect(overdue).toBeGreaterThan(0);
  await page
    .getByRole('region', { name: 'Timeliness' })
    .getByRole('link', { name: `Open past their deadline: ${number(overdue)}. Show them in the list` })
    .click();
  await expect(recordPage(page).count).toHaveText(countOf(overdue));
  await expect(
    page.getByRole('search', { name: 'Filters' }).getByRole('checkbox', { name: 'Overdue only' }),
  ).toBeChecked();
  await page.goBack();

  // In Dutch: labels, numbers and an axe run.
  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Nederlands' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dashboards');
  await expect(page.getByRole('region', { name: 'Gebruik van kanalen' })).toBeVisible();
  await expect(page.getByText('Cijfers over 1 jan – 31 okt 2026 · Gefilterd op Cocaïne')).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Resultaten', exact: true }).getByRole('table', { name: 'Resultaten per soort' }),
  ).toContainText('Inbeslagname');
  await expect(
    page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Dashboards' }),
  ).toHaveAttribute('aria-current', 'page');
  await audit(page, testInfo, 'dashboards-nl');
});

test('a post filter narrows every view, and its figures still open their lists', async ({ page, backend }) => {
  await withSecondBackend(backend.dataDir, (second) =>
    generateDemo(second.db, second.services.store, { records: 400, seed: 4, until: new Date('2026-11-20') }),
  );
  await gotoView(page, 'dashboards');
  const filters = page.getByRole('search', { name: 'Dashboard filters' });
  await filters.getByText('This year', { exact: true }).click();
  await expect(filters.getByRole('radio', { name: 'This year' })).toBeChecked();
  const activity = page.getByRole('region', { name: 'Activity' });
  // All records are this installation's own: "own" gives the same figures, and the same links, narrowed to "own".
  await expect(activity.getByRole('link', { name: /^Engagements: \d/ })).toBeVisible();
  await filters.getByRole('combobox', { name: 'Post' }).selectOption({ label: 'Own records (this installation)' });
  await expect(page.getByText(/Filtered on Own records \(this installation\)$/)).toBeVisible();
  await expect(page.locator('.figures-body')).not.toHaveClass(/is-stale/);
  await expect(activity.getByRole('link', { name: /^Engagements: \d/ })).toBeVisible();
  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await expect(filters.getByRole('combobox', { name: 'Post' })).toHaveValue('');
  await expect(activity.getByRole('link', { name: /^Engagements: \d/ })).toBeVisible();

  // Completeness at an installation without enrolled posts says so; a bad number of days is explained.
  const completeness = page.getByRole('region', { name: 'Completeness of post exports' });
  await expect(completeness).toContainText('No posts are enrolled at this installation.');
  await completeness.getByLabel('Flag a post as silent after (days)').fill('0');
  await expect(completeness.getByRole('alert')).toHaveText('Enter a whole number of days from 1 to 3650.');
});
