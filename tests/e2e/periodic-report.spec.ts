import fs from 'node:fs';
import { generateDemo } from '../../electron/demo/generate';
import { expect, test, withSecondBackend } from './fixtures';
import { gotoView } from './logbook/helpers';

// The periodic report is the dashboards of a quarter or a year, for one phenomenon or the whole network,
// printed: Print opens the system dialog (Save as PDF in Electron and every desktop browser). Here the
// same print layout is rendered to a real PDF by Chromium and checked for what a reader needs.

test('a quarter for one phenomenon prints as a multi-page PDF with its title, figures and tables', async ({
  page,
  backend,
}, testInfo) => {
  test.slow();
  await withSecondBackend(backend.dataDir, (second) =>
    generateDemo(second.db, second.services.store, { records: 1200, seed: 8, until: new Date('2026-11-20') }),
  );
  await gotoView(page, 'dashboards');
  const filters = page.getByRole('search', { name: 'Dashboard filters' });
  await filters.getByLabel('From').fill('2026-07-01');
  await filters.getByLabel('To (inclusive)').fill('2026-09-30');
  await filters.getByRole('combobox', { name: 'Phenomenon' }).selectOption('cocaine');
  await expect(page.getByText('Figures for 1 Jul – 30 Sept 2026 · Filtered on Cocaine')).toBeVisible();
  await expect(page.locator('.figures-body')).not.toHaveClass(/is-stale/);

  await page.emulateMedia({ media: 'print' });
  // In print the navigation and the filter controls give way to the figures.
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await expect(page.getByText('Figures for 1 Jul – 30 Sept 2026 · Filtered on Cocaine')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Results by kind' })).toBeVisible();

  const file = testInfo.outputPath('periodic-report.pdf');
  await page.pdf({ path: file, format: 'A4', printBackground: true });
  const pdf = fs.readFileSync(file);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages, 'the report spans several pages').toBeGreaterThanOrEqual(3);
  fs.mkdirSync('test-results/screenshots', { recursive: true });
  fs.copyFileSync(file, 'test-results/screenshots/periodic-report.pdf');
});
