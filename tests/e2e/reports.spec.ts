import ExcelJS from 'exceljs';
import { expect, test, unwrap } from './fixtures';
import { audit, gotoView } from './logbook/helpers';

// The Article 18 page: the four tables for a year, in the officer's language, and saving them as files.

test('the Reports page shows the Article 18 tables for a year and saves them as XLSX', async ({
  page,
  backend,
  fileChooser,
}, testInfo) => {
  const request = (fields: Record<string, unknown>) =>
    unwrap(
      backend.call('requests.create', {
        direction: 'incoming',
        counterpartCountry: 'DE',
        counterpartAgency: 'BKA',
        channel: 'siena',
        exchangedAt: '2025-05-05T10:00:00Z',
        subject: 'Vehicle check',
        status: 'open',
        ...fields,
      } as never),
    );
  await request({ status: 'answered', answeredAt: '2025-05-06T10:00:00Z' });
  await request({ status: 'refused', refusalGround: 'f', answeredAt: '2025-05-06T10:00:00Z' });
  await request({ direction: 'outgoing', counterpartCountry: 'FR' });
  await request({ counterpartCountry: 'US', channel: 'interpol' }); // outside the Directive: not counted

  await gotoView(page, 'reports');
  await page.getByLabel('Calendar year').selectOption('2025');
  const submitted = page.getByRole('region', { name: '(a) Requests submitted to other member states' });
  await expect(submitted.getByRole('row', { name: /France/ })).toContainText('1');
  const refusals = page.getByRole('region', { name: /\(c\) Refusals/ });
  await expect(refusals.getByRole('row', { name: /Germany/ })).toContainText('(f) National security');
  await expect(page.getByText(/Left out: 1 with countries outside the EU/)).toBeVisible();
  await audit(page, testInfo, 'reports');

  // The officer picks where to save in the window's own dialog; the backend writes the file there.
  const file = testInfo.outputPath('art18.xlsx');
  fileChooser.willSave(file);
  await page.getByRole('button', { name: 'Excel (XLSX)' }).click();
  await expect(page.getByText(`Saved to ${file}`)).toBeVisible();
  expect(fileChooser.shown).toEqual([
    { suggestedName: 'art18-statistics-2025.xlsx', filters: [{ name: 'Excel', extensions: ['xlsx'] }] },
  ]);
  // A cancelled dialog says nothing and writes nothing.
  fileChooser.willCancel();
  await page.getByRole('button', { name: 'CSV' }).click();
  await expect.poll(() => fileChooser.shown.length).toBe(2);
  await expect(page.getByRole('alert')).toHaveCount(0);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  expect(book.worksheets.map((w) => w.name)).toEqual([
    '(a) Requests submitted',
    '(b) Requests received',
    '(c) Refusals',
    '(d) Deadline deviations',
    'Basis',
  ]);
  expect(book.getWorksheet('(c) Refusals')?.getRow(2).values).toEqual([undefined, 'DE', 'f', 1]);
});
