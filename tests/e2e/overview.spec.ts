import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { generateDemo } from '../../electron/demo/generate';
import { expect, test, unwrap, withSecondBackend } from './fixtures';
import { countOf, gotoView, recordPage } from './logbook/helpers';

// The overview's tables are the dashboards' tables: each exports exactly its rows (also those folded away
// behind "Show all") as CSV and XLSX, and its numbers open the records behind them.

const PERIOD = { from: '2026-01-01', to: '2026-10-31' } as const;

test('an overview table exports every row as CSV and as XLSX, and its numbers open the list', async ({
  page,
  backend,
  fileChooser,
}, testInfo) => {
  await withSecondBackend(backend.dataDir, (second) =>
    generateDemo(second.db, second.services.store, { records: 600, seed: 11, until: new Date('2026-11-20') }),
  );
  const expected = await unwrap(backend.call('overview.get', PERIOD));
  const number = (n: number) => new Intl.NumberFormat('en-GB').format(n);

  await gotoView(page, 'overview');
  const period = page.getByRole('group', { name: 'Period' });
  await period.getByLabel('From').fill(PERIOD.from);
  await period.getByLabel('To (inclusive)').fill(PERIOD.to);
  await expect(period.getByRole('radio', { name: 'Custom' })).toBeChecked();
  await expect(page.locator('.figures-showing')).toHaveText('Figures for 1 Jan – 31 Oct 2026');
  await expect(page.locator('.figures-body')).toHaveAttribute('aria-busy', 'false');
  const requests = page.getByRole('region', { name: 'Information requests' });
  await expect(requests.locator('.kpi__value').first()).toHaveText(number(expected.requests.total));

  // CSV: requests by channel, with the labels, numbers and shares the screen shows.
  const byChannel = expected.requests.byChannel;
  expect(byChannel.length).toBeGreaterThan(2);
  const channelExport = requests.getByRole('group', { name: 'Export “Requests by channel”' });
  const csvFile = testInfo.outputPath('requests-by-channel.csv');
  fileChooser.willSave(csvFile);
  await channelExport.getByRole('button', { name: 'CSV' }).click();
  await expect(page.getByText(`Saved to ${csvFile}`)).toBeVisible();
  expect(fileChooser.shown.at(-1)).toMatchObject({ suggestedName: 'requests-by-channel.csv' });
  const csv = fs.readFileSync(csvFile, 'utf8');
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  expect(lines[0]).toBe('Channel,Number,Share');
  expect(lines).toHaveLength(byChannel.length + 1);
  const sienaLine = lines.find((l) => l.startsWith('SIENA (Europol),'));
  const siena = byChannel.find((r) => r.key === 'siena')!;
  const share = Math.round((siena.count / expected.requests.total) * 1000) / 10;
  expect(sienaLine).toBe(`SIENA (Europol),${siena.count},${share}`);
  expect(lines.slice(1).reduce((n, l) => n + Number(l.split(',')[1]), 0)).toBe(expected.requests.total);

  // XLSX: engagements by phenomenon has more rows than the table shows before "Show all"; all are exported.
  const engagements = page.getByRole('region', { name: 'Engagements' });
  const byPhenomenon = expected.engagements.byPhenomenon;
  expect(byPhenomenon.length, 'more rows than the 8 shown at first').toBeGreaterThan(8);
  const table = engagements.getByRole('table', { name: 'Engagements by phenomenon' });
  await expect(table.locator('tbody tr:visible')).toHaveCount(8);
  const file = testInfo.outputPath('engagements-by-phenomenon.xlsx');
  fileChooser.willSave(file);
  await engagements
    .getByRole('group', { name: 'Export “Engagements by phenomenon”' })
    .getByRole('button', { name: 'XLSX' })
    .click();
  await expect(page.getByText(`Saved to ${file}`)).toBeVisible();
  expect(fileChooser.shown.at(-1)).toMatchObject({ suggestedName: 'engagements-by-phenomenon.xlsx' });
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.worksheets[0]!;
  expect(sheet.getRow(1).values).toEqual([undefined, 'Phenomenon', 'Number', 'Share']);
  expect(sheet.rowCount).toBe(byPhenomenon.length + 1);
  const counts = byPhenomenon.map((_, i) => sheet.getRow(i + 2).getCell(2).value);
  expect(counts).toEqual(byPhenomenon.map((r) => r.count));
  await engagements.getByRole('button', { name: `Show all ${byPhenomenon.length}` }).click();
  await expect(table.locator('tbody tr:visible')).toHaveCount(byPhenomenon.length);

  // A number in a table opens the list behind it.
  await requests.getByRole('link', { name: `SIENA (Europol): ${number(siena.count)}. Show them in the list` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Information requests');
  await expect(recordPage(page).filter('Channel')).toHaveValue('siena');
  await expect(recordPage(page).count).toHaveText(countOf(siena.count));
});
