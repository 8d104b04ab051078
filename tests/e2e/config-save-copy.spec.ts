import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, openApp, test, unwrap } from './fixtures';
import { audit, gotoView } from './logbook/helpers';

// HQ's network-configuration editor and the dataset export, in English and in Dutch (issue 14 leftovers):
// - the reporting calendar's new period is typed in the app's own date inputs, in the app's language (Dutch
//   dd-mm-jjjj, English dd/mm/yyyy) whatever the laptop's locale; a date that does not read, or a period in the
//   wrong order, is said next to its field and "Add a period" waits until the dates read;
// - "Save a copy as…" of the version published goes through the host's save dialog (the browser bridge's
//   TestFileChooser here), and the file written is the published file: the same bytes, the SHA-256 shown;
// - the evaluation dataset's period reads the same way.
// Screenshots of the editor in /tmp (config-editor-en.png, config-editor-nl.png).

const TEXT = {
  en: {
    settings: 'Settings',
    newPeriod: 'New reporting period',
    from: 'From',
    to: 'To',
    due: 'Export due',
    add: 'Add a period',
    hint: 'dd/mm/yyyy',
    dates: { from: '01/07/2026', to: '30/09/2026', dueEarly: '15/09/2026', due: '15/10/2026' },
    bad: '31/13/2026',
    dateFormat: 'Enter the date as day/month/year, for example 28/11/2026.',
    dueOrder: 'The export is due before the period ends.',
    period: '1 Jul 2026',
    publish: 'Publish version 1',
    published: 'Version 1 published',
    saveCopy: 'Save a copy as…',
    saved: 'Version 1 saved as liaison-log-config-v1.llconfig.',
  },
  nl: {
    settings: 'Instellingen',
    newPeriod: 'Nieuwe rapportageperiode',
    from: 'Van',
    to: 'Tot en met',
    due: 'Export uiterlijk',
    add: 'Periode toevoegen',
    hint: 'dd-mm-jjjj',
    dates: { from: '01-07-2026', to: '30-09-2026', dueEarly: '15-09-2026', due: '15-10-2026' },
    bad: '31-13-2026',
    dateFormat: 'Vul de datum in als dag-maand-jaar, bijvoorbeeld 28-11-2026.',
    dueOrder: 'De exportdatum valt vóór het einde van de periode.',
    period: '01-07-2026 – 30-09-2026, export uiterlijk 15-10-2026',
    publish: 'Versie 1 publiceren',
    published: 'Versie 1 gepubliceerd',
    saveCopy: 'Kopie opslaan als…',
    saved: 'Versie 1 opgeslagen als liaison-log-config-v1.llconfig.',
  },
} as const;

for (const lang of ['en', 'nl'] as const) {
  test(`HQ types the calendar in the app's language, publishes, and saves a copy of the published file (${lang})`, async ({
    page,
    backend,
    fileChooser,
  }, testInfo) => {
    const tx = TEXT[lang];
    await unwrap(backend.call('identity.init', { role: 'hq', hqName: 'International Police Cooperation Desk' }));
    if (lang === 'nl') await unwrap(backend.call('settings.update', { language: 'nl' }));
    await openApp(page, backend);
    await page.goto('/#/settings');
    const section = page.locator('section.network-config');
    await expect(section).toBeVisible();

    // --- the new period: the app's own date inputs, in the app's language ---
    const form = section.getByRole('group', { name: tx.newPeriod });
    const field = {
      from: form.getByLabel(tx.from, { exact: true }),
      to: form.getByLabel(tx.to, { exact: true }),
      due: form.getByLabel(tx.due, { exact: true }),
    };
    const add = form.getByRole('button', { name: tx.add });
    for (const f of Object.values(field)) await expect(f).toHaveAttribute('type', 'text');
    // Each field says the form it reads, in the app's language.
    await expect(form.getByText(tx.hint, { exact: true })).toHaveCount(3);
    await expect(add).toBeDisabled();

    // A date that does not read is said next to its field once the officer leaves it.
    await field.from.fill(tx.bad);
    await field.from.blur();
    await expect(form.getByText(tx.dateFormat)).toBeVisible();
    await expect(field.from).toHaveAttribute('aria-invalid', 'true');
    // Typed loosely (an ISO date), written out in the language's form when the field is left.
    await field.from.fill('2026-07-01');
    await field.from.blur();
    await expect(field.from).toHaveValue(tx.dates.from);
    await field.to.fill(tx.dates.to);
    // The export due before the period ends: said at the due date, and nothing can be added.
    await field.due.fill(tx.dates.dueEarly);
    await expect(form.getByText(tx.dueOrder)).toBeVisible();
    await expect(field.due).toHaveAttribute('aria-invalid', 'true');
    await expect(add).toBeDisabled();
    await section.scrollIntoViewIfNeeded();
    await form.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/config-editor-problem-${lang}.png`, animations: 'disabled' });
    await audit(page, testInfo, `config-editor-problem-${lang}`);
    await field.due.fill(tx.dates.due);
    await expect(form.getByRole('alert')).toHaveCount(0);
    await expect(field.from).not.toHaveAttribute('aria-invalid', 'true');
    await expect(add).toBeEnabled();
    await add.click();
    // Listed in the window's language; the form is empty again, for the next period.
    await expect(section.locator('.network-config__periods li')).toContainText(tx.period);
    await expect(field.from).toHaveValue('');
    await expect(add).toBeDisabled();
    await page.screenshot({ path: `/tmp/config-editor-${lang}.png`, animations: 'disabled' });

    await section.getByRole('button', { name: tx.publish }).click();
    await expect(section.getByRole('status').filter({ hasText: tx.published })).toBeVisible();
    const status = await unwrap(backend.call('networkConfig.status', {}));
    expect(status.current?.calendar).toEqual([{ from: '2026-07-01', to: '2026-09-30', due: '2026-10-15' }]);

    // --- "Save a copy as…": the host's save dialog, the published file's bytes, the SHA-256 shown ---
    const target = testInfo.outputPath(`usb-${lang}`, 'liaison-log-config-v1.llconfig');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fileChooser.willSave(target);
    await section.getByRole('button', { name: tx.saveCopy }).click();
    const done = section.locator('.network-config__copy [role="status"]');
    await expect(done).toContainText(tx.saved);
    await expect(done).toContainText(target);
    expect(fileChooser.shown).toEqual([
      {
        suggestedName: 'liaison-log-config-v1.llconfig',
        filters: [{ name: 'Liaison Log network configuration', extensions: ['llconfig'] }],
      },
    ]);
    const copy = fs.readFileSync(target);
    expect(copy.equals(fs.readFileSync(status.current?.file ?? ''))).toBe(true);
    const shown = await section.getByTestId('config-copy-sha256').textContent();
    expect(shown).toBe(createHash('sha256').update(copy).digest('hex'));
    await page.screenshot({ path: `/tmp/config-editor-saved-${lang}.png`, animations: 'disabled' });
    await audit(page, testInfo, `config-editor-saved-${lang}`);

    // The officer closes the dialog: nothing is said, nothing is written.
    fileChooser.willCancel();
    await section.getByRole('button', { name: tx.saveCopy }).click();
    await expect(section.getByRole('button', { name: tx.saveCopy })).toBeEnabled();
    await expect(done).toHaveText('');
    await expect(section.getByRole('alert')).toHaveCount(0);
    expect(fs.readdirSync(path.dirname(target))).toEqual(['liaison-log-config-v1.llconfig']);
  });
}

const DATASET = {
  en: {
    year: 'Calendar year',
    open: 'Evaluation dataset…',
    dialog: 'Evaluation dataset for external evaluators',
    from: 'From',
    to: 'To',
    shown: { from: '01/01/2025', to: '31/12/2025' },
    early: '31/12/2024',
    typed: '30/06/2025',
    bad: '2025-13-45',
    order: 'The period must end on or after the day it starts.',
    format: 'Enter the date as day/month/year, for example 28/11/2026.',
    submit: 'Choose a folder and export',
    done: 'The dataset was saved to:',
  },
  nl: {
    year: 'Kalenderjaar',
    open: 'Evaluatiedataset…',
    dialog: 'Evaluatiedataset voor externe evaluatoren',
    from: 'Van',
    to: 'Tot en met',
    shown: { from: '01-01-2025', to: '31-12-2025' },
    early: '31-12-2024',
    typed: '30-06-2025',
    bad: '2025-13-45',
    order: 'De periode moet eindigen op of na de dag waarop hij begint.',
    format: 'Vul de datum in als dag-maand-jaar, bijvoorbeeld 28-11-2026.',
    submit: 'Map kiezen en exporteren',
    done: 'De dataset is opgeslagen in:',
  },
} as const;

for (const lang of ['en', 'nl'] as const) {
  test(`the evaluation dataset's period is typed in the app's language (${lang})`, async ({
    page,
    backend,
    fileChooser,
  }, testInfo) => {
    test.slow(); // a real export of every table
    const tx = DATASET[lang];
    await unwrap(backend.call('identity.init', { role: 'hq', hqName: 'Headquarters' }));
    if (lang === 'nl') await unwrap(backend.call('settings.update', { language: 'nl' }));
    await gotoView(page, 'reports');
    await page.getByLabel(tx.year).selectOption('2025');
    await page.getByRole('button', { name: tx.open }).click();
    const dialog = page.getByRole('dialog', { name: tx.dialog });
    const from = dialog.getByLabel(tx.from, { exact: true });
    const to = dialog.getByLabel(tx.to, { exact: true });
    const submit = dialog.getByRole('button', { name: tx.submit });
    await expect(from).toHaveValue(tx.shown.from);
    await expect(to).toHaveValue(tx.shown.to);

    // The end before the start: said next to "To", and nothing can be started.
    await to.fill(tx.early);
    await expect(dialog.getByText(tx.order)).toBeVisible();
    await expect(to).toHaveAttribute('aria-invalid', 'true');
    await expect(submit).toBeDisabled();
    // A date that does not read, once the field is left.
    await to.fill(tx.bad);
    await to.blur();
    await expect(dialog.getByText(tx.format)).toBeVisible();
    await expect(submit).toBeDisabled();
    await page.screenshot({ path: `/tmp/dataset-period-problem-${lang}.png`, animations: 'disabled' });
    await to.fill(tx.typed);
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    await expect(submit).toBeEnabled();

    // The typed period is the one exported: the dataset's folder is named by it.
    const chosen = testInfo.outputPath('usb');
    fs.mkdirSync(chosen, { recursive: true });
    fileChooser.willOpen(chosen);
    await submit.click();
    await expect(dialog.getByText(tx.done)).toBeVisible();
    expect(fs.readdirSync(chosen)).toEqual(['liaison-log-dataset-2025-01-01-to-2025-06-30']);
  });
}
