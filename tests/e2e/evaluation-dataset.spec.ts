import fs from 'node:fs';
import path from 'node:path';
import { expect, test, unwrap, type TestBackend } from './fixtures';
import { audit, gotoView } from './logbook/helpers';
import { SCREENSHOTS } from './session-screens';

// HQ exports the evaluation dataset from the Reports page (issue 14, item 4): the dialog explains what leaves
// and what does not, the window's own folder dialog asks where, and the dialog says where the dataset went.
// In English and in Dutch, each with a screenshot of the dialog.

const MARKER = 'MKR-E2E-SUBJECT-Qx4';

async function seed(backend: TestBackend): Promise<void> {
  await unwrap(backend.call('identity.init', { role: 'hq', hqName: 'Headquarters' }));
  for (const [i, exchangedAt] of ['2025-03-05T10:00:00Z', '2025-04-06T10:00:00Z', '2025-04-07T10:00:00Z'].entries()) {
    await unwrap(
      backend.call('requests.create', {
        direction: 'incoming',
        counterpartCountry: 'DE',
        counterpartAgency: `${MARKER} agency`,
        channel: 'siena',
        exchangedAt,
        subject: `${MARKER} ${i}`,
        status: 'answered',
        answeredAt: exchangedAt.replace('10:00', '15:00'),
        phenomena: ['cocaine'],
        notes: MARKER,
      } as never),
    );
  }
}

test('HQ exports the evaluation dataset from the Reports page and sees where it went', async ({
  page,
  backend,
  fileChooser,
}, testInfo) => {
  test.slow(); // a real export of every table, axe audits, and four folder dialogs
  await seed(backend);
  await gotoView(page, 'reports');
  await page.getByLabel('Calendar year').selectOption('2025');
  await page.getByRole('button', { name: 'Evaluation dataset…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Evaluation dataset for external evaluators' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('From')).toHaveValue('01/01/2025');
  await expect(dialog.getByLabel('To', { exact: true })).toHaveValue('31/12/2025');
  await expect(dialog.getByText('Counts from 1 to 4 are suppressed.')).toBeVisible();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'evaluation-dataset-en.png'), animations: 'disabled' });
  await audit(page, testInfo, 'evaluation-dataset');

  // A threshold out of range is said at once, and nothing can be started.
  await dialog.getByLabel('Suppression threshold').fill('0');
  await expect(dialog.getByText('Enter a whole number from 1 to 100.')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Choose a folder and export' })).toBeDisabled();
  await dialog.getByLabel('Suppression threshold').fill('5');

  const chosen = testInfo.outputPath('usb');
  fs.mkdirSync(chosen, { recursive: true });
  fileChooser.willOpen(chosen);
  await dialog.getByRole('button', { name: 'Choose a folder and export' }).click();
  const folder = path.join(chosen, 'liaison-log-dataset-2025-01-01-to-2025-12-31');
  await expect(dialog.getByText('The dataset was saved to:')).toBeVisible();
  await expect(dialog.getByText(folder, { exact: true })).toBeVisible();
  // Every table of the dataset, the effort, budget and work-plan tables included (shared/dataset/tables.ts).
  await expect(dialog.getByText(/^26 tables, \d+ rows; \d+ counts suppressed\.$/)).toBeVisible();
  expect(fileChooser.shown).toEqual([{ multiple: false, directory: true, filters: [] }]);
  const requests = fs.readFileSync(path.join(folder, 'requests.csv'), 'utf8').split('\r\n');
  expect(requests).toHaveLength(1 + 3 + 1); // header, three requests, the final line end
  for (const f of fs.readdirSync(folder)) expect(fs.readFileSync(path.join(folder, f), 'utf8')).not.toContain(MARKER);

  // The same folder again: it already holds this dataset; replacing it is the officer's choice.
  fileChooser.willOpen(chosen);
  await dialog.getByRole('button', { name: 'Choose a folder and export' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    `${folder} already holds a dataset: nothing was written. Replace it, or choose another folder.`,
  );
  await dialog.getByLabel('Replace an earlier dataset of this period in the chosen folder').check();
  fileChooser.willOpen(chosen);
  await dialog.getByRole('button', { name: 'Choose a folder and export' }).click();
  await expect(dialog.getByText(folder, { exact: true })).toBeVisible();
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  expect(fs.readdirSync(chosen)).toEqual(['liaison-log-dataset-2025-01-01-to-2025-12-31']);

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('in Dutch', async ({ page, backend, fileChooser }, testInfo) => {
  test.slow();
  await seed(backend);
  await unwrap(backend.call('settings.update', { language: 'nl' }));
  await gotoView(page, 'reports');
  await page.getByLabel('Kalenderjaar').selectOption('2025');
  await page.getByRole('button', { name: 'Evaluatiedataset…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Evaluatiedataset voor externe evaluatoren' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Aantallen van 1 tot en met 4 worden onderdrukt.')).toBeVisible();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'evaluation-dataset-nl.png'), animations: 'disabled' });
  await audit(page, testInfo, 'evaluatiedataset');

  const chosen = testInfo.outputPath('usb');
  fs.mkdirSync(chosen, { recursive: true });
  fileChooser.willOpen(chosen);
  await dialog
    .getByLabel('Alleen aggregaten (zonder de recordtabellen: een pakket dat gepubliceerd mag worden)')
    .check();
  await dialog.getByRole('button', { name: 'Map kiezen en exporteren' }).click();
  const folder = path.join(chosen, 'liaison-log-dataset-2025-01-01-to-2025-12-31');
  await expect(dialog.getByText('De dataset is opgeslagen in:')).toBeVisible();
  await expect(dialog.getByText(folder, { exact: true })).toBeVisible();
  await expect(dialog.getByText(/^\d+ tabellen, \d+ rijen; \d+ aantallen onderdrukt\.$/)).toBeVisible();
  expect(fs.existsSync(path.join(folder, 'requests.csv'))).toBe(false);
  expect(fs.existsSync(path.join(folder, 'codebook.nl.md'))).toBe(true);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'evaluation-dataset-done-nl.png'), animations: 'disabled' });
});
