import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HEADERS, badRows, csvBytes, legacyRows, xlsxBytes, type Lang } from '../fixtures/sheets/legacy';
import { expect, openApp, test, unwrap } from './fixtures';

// An officer imports the years before the app from a legacy spreadsheet (issue 14, item 5): chooses the file in
// the host's dialog, checks the mapping the screen suggested from the headers, sees the two rows with problems,
// fixes them in the preview, imports, and finds the records in the list. In English (a CSV with US dates) and
// in Dutch (an Excel workbook). Screenshots of the mapping and preview screens go to test-results/sheet-import/.

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/sheet-import');

const WORDS = {
  en: {
    choose: 'Choose a spreadsheet…',
    useAs: 'Use as',
    mappingHeading: '1. What each column holds',
    countryRole: 'Partner country (required)',
    counts: (ready: number, problems: number) =>
      `10 rows: ${ready} ready, ${problems} with problems, 0 already imported`,
    problems: 'Problems',
    fix: (row: number) => `Fix row ${row}`,
    check: 'Check again',
    countryProblem: 'Country: “Atlantis” is not a country Liaison Log knows. Map the word to a country.',
    dateProblem: 'Date received: “31-02-2019” is not a date that can be read in the chosen date order.',
    fixedCountry: 'Germany',
    import: 'Import 10 rows',
    done: 'Imported 10 rows as information requests.',
    show: 'Show the records',
    list: 'Information requests',
    undo: 'Undo',
  },
  nl: {
    choose: 'Kies een spreadsheet…',
    useAs: 'Gebruiken als',
    mappingHeading: '1. Wat elke kolom bevat',
    countryRole: 'Partnerland (verplicht)',
    counts: (ready: number, problems: number) =>
      `10 rijen: ${ready} klaar, ${problems} met problemen, 0 al geïmporteerd`,
    problems: 'Problemen',
    fix: (row: number) => `Rij ${row} herstellen`,
    check: 'Opnieuw controleren',
    countryProblem: 'Land: “Atlantis” is geen land dat Liaison Log kent. Koppel het woord aan een land.',
    dateProblem: 'Datum: “31-02-2019” is geen datum die in de gekozen datumvolgorde te lezen is.',
    fixedCountry: 'Duitsland',
    import: '10 rijen importeren',
    done: '10 rijen geïmporteerd als informatieverzoeken.',
    show: 'De records tonen',
    list: 'Informatieverzoeken',
    undo: 'Ongedaan maken',
  },
} as const;

for (const lang of ['en', 'nl'] as Lang[]) {
  test(`${lang}: an officer imports a legacy spreadsheet, fixes two rows, and sees the records`, async ({
    page,
    backend,
    fileChooser,
  }) => {
    const w = WORDS[lang];
    const dates = lang === 'en' ? 'us' : 'excel';
    const good = legacyRows({ lang, rows: 8, dates });
    const [badCountry, badDate] = badRows(lang, dates);
    if (!badCountry || !badDate) throw new Error('fixtures');
    const rows = [...good.map((r) => r.cells), badCountry.cells, badDate.cells];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-sheet-e2e-'));
    const file = lang === 'en' ? path.join(dir, 'LO log 2015-2019.csv') : path.join(dir, 'Logboek LO 2015-2019.xlsx');
    fs.writeFileSync(file, lang === 'en' ? csvBytes(HEADERS.en, rows) : await xlsxBytes(HEADERS.nl, rows));
    // The day the date row really was (the fixture's valid twin of the bad rows).
    const day = legacyRows({ lang, rows: 1, seed: 99, dates: 'nl' })[0]?.expected.day ?? '';

    await unwrap(backend.call('settings.update', { language: lang }));
    await openApp(page, backend);
    await page.goto('/#/sheet-import');
    fileChooser.willOpen(file);
    await page.getByRole('button', { name: w.choose }).click();

    // The mapping screen, suggested from the headers.
    await expect(page.getByRole('heading', { name: w.mappingHeading })).toBeVisible();
    const countryHeader = HEADERS[lang][2] as string;
    await expect(page.getByRole('combobox', { name: `${countryHeader}: ${w.useAs}`, exact: true })).toHaveValue(
      'counterpartCountry',
    );
    await expect(page.getByText(w.counts(8, 2))).toBeVisible();
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `mapping-${lang}.png`), fullPage: true });

    // The preview: the two rows with problems, each saying what and where.
    await page.getByRole('button', { name: w.problems, exact: true }).click();
    const list = page.getByRole('list', { name: lang === 'en' ? 'Rows of the file' : 'Rijen van het bestand' });
    await expect(list.locator('.sheet-import__item')).toHaveCount(2);
    await expect(list.getByText(w.countryProblem)).toBeVisible();
    await expect(list.getByText(w.dateProblem)).toBeVisible();
    await list.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, `preview-${lang}.png`), fullPage: true });

    // Fix the country of row 10, then the date of row 11.
    await list.getByRole('button', { name: w.fix(10) }).click();
    await list.getByLabel(countryHeader, { exact: true }).fill(w.fixedCountry);
    await list.getByRole('button', { name: w.check }).click();
    await expect(page.getByText(w.counts(9, 1))).toBeVisible();
    await list.getByRole('button', { name: w.fix(11) }).click();
    await list.getByLabel(HEADERS[lang][0] as string, { exact: true }).fill(day);
    await list.getByRole('button', { name: w.check }).click();
    await expect(page.getByText(w.counts(10, 0))).toBeVisible();

    await page.getByRole('button', { name: w.import }).click();
    await expect(page.getByText(w.done)).toBeVisible();
    // The import can be undone from the list of earlier imports.
    await expect(page.getByRole('button', { name: new RegExp(path.basename(file).replace(/[.]/g, '\\.')) })).toHaveText(
      w.undo,
    );

    await page.getByRole('link', { name: w.show }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.list);
    await expect(page.locator('.filters__count')).toHaveText(/^10\b/);
    const shown = page.getByRole('list', { name: w.list });
    await expect(shown.getByRole('button').filter({ hasText: 'Bad country' })).toBeVisible();
    const records = await unwrap(backend.call('requests.list', { limit: 50 }));
    expect(records.items.find((r) => r.subject === 'Bad country')?.counterpartCountry).toBe('DE');
    expect(records.items.find((r) => r.subject === 'Bad date')?.exchangedAt.slice(0, 10)).toBe(day);
    fs.rmSync(dir, { recursive: true, force: true });
  });
}
