import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/create-backend';
import { callWithFiles } from '../../../electron/files/trusted';
import type { SheetMapping } from '../../../shared/sheet-import/mapping';
import type { SheetImportReport, SheetOpened, SheetPreview } from '../../../shared/sheet-import/schema';
import { dateInZone } from '../../../shared/time/clock';
import {
  HEADERS,
  badRows,
  csvBytes,
  legacyRows,
  writeFile,
  xlsxBytes,
  type Lang,
  type LegacyRow,
} from '../../fixtures/sheets/legacy';
import { failure, useLogbook, useTempDirs, value, type Rec } from '../logbook/helpers';

// Spreadsheet import of legacy logbooks (issue 14, item 5), end to end through the backend's channels on a real
// SQLite file: generated English and Dutch files (CSV and XLSX) become the records they describe; each bad row
// says what is wrong and where; a fixed row imports; the same rows imported again are recognised; an undo moves
// the batch's records to the trash and keeps the ones edited since.

const open = useLogbook();
const dir = useTempDirs();
const ZONE = 'Europe/Amsterdam';

async function openSheet(backend: Backend, file: string): Promise<SheetOpened> {
  return value<SheetOpened>(callWithFiles(backend.invoke, 'sheetImport.open', {}, { open: [file] }));
}

async function preview(backend: Backend, token: string, mapping: SheetMapping, extra: Record<string, unknown> = {}) {
  return value<SheetPreview>(backend.call('sheetImport.preview', { token, mapping, limit: 1000, ...extra }));
}

async function run(backend: Backend, token: string, mapping: SheetMapping, extra: Record<string, unknown> = {}) {
  return value<SheetImportReport>(backend.call('sheetImport.run', { token, mapping, ...extra }));
}

async function requests(backend: Backend): Promise<Rec[]> {
  const page = await value<{ items: Rec[] }>(backend.call('requests.list', { limit: 1000, sort: 'oldest' }));
  return page.items;
}

function expectRecords(records: Rec[], rows: readonly LegacyRow[]) {
  const bySubject = new Map(records.map((r) => [r['subject'], r]));
  for (const { expected } of rows) {
    const r = bySubject.get(expected.subject);
    expect(r, expected.subject).toBeDefined();
    if (!r) continue;
    expect({
      direction: r['direction'],
      counterpartCountry: r['counterpartCountry'],
      counterpartAgency: r['counterpartAgency'],
      channel: r['channel'],
      day: dateInZone(String(r['exchangedAt']), ZONE),
      status: r['status'],
      phenomena: r['phenomena'],
      origin: r.origin,
    }).toEqual({
      direction: expected.direction,
      counterpartCountry: expected.counterpartCountry,
      counterpartAgency: expected.counterpartAgency,
      channel: expected.channel,
      day: expected.day,
      status: expected.status,
      phenomena: expected.phenomena,
      origin: null,
    });
  }
}

const cases: { name: string; lang: Lang; format: 'csv' | 'xlsx'; make: (rows: LegacyRow[]) => Promise<Buffer> }[] = [
  {
    name: 'English CSV, comma, UTF-8, US dates',
    lang: 'en',
    format: 'csv',
    make: (rows) =>
      Promise.resolve(
        csvBytes(
          HEADERS.en,
          rows.map((r) => r.cells),
        ),
      ),
  },
  {
    name: 'Dutch CSV from Excel: semicolon, Windows-1252, Dutch dates',
    lang: 'nl',
    format: 'csv',
    make: (rows) =>
      Promise.resolve(
        csvBytes(
          HEADERS.nl,
          rows.map((r) => r.cells),
          { delimiter: ';', encoding: 'windows-1252' },
        ),
      ),
  },
  {
    name: 'Dutch CSV, tab, UTF-8 with BOM',
    lang: 'nl',
    format: 'csv',
    make: (rows) =>
      Promise.resolve(
        csvBytes(
          HEADERS.nl,
          rows.map((r) => r.cells),
          { delimiter: '\t', encoding: 'utf8-bom' },
        ),
      ),
  },
  {
    name: 'English XLSX with date cells',
    lang: 'en',
    format: 'xlsx',
    make: (rows) =>
      xlsxBytes(
        HEADERS.en,
        rows.map((r) => r.cells),
      ),
  },
  {
    name: 'Dutch XLSX with a merged title above the table',
    lang: 'nl',
    format: 'xlsx',
    make: (rows) =>
      xlsxBytes(
        HEADERS.nl,
        rows.map((r) => r.cells),
        { title: 'Logboek LO Bogotá', mergeTitle: true },
      ),
  },
];

describe('spreadsheet import of legacy logs', () => {
  for (const c of cases) {
    it(`${c.name}: the mapping is suggested from the headers and every row becomes its record`, async () => {
      const { backend } = open();
      const dates = c.format === 'xlsx' ? 'excel' : c.lang === 'en' ? 'us' : 'nl';
      const rows = legacyRows({ lang: c.lang, rows: 40, dates });
      const file = writeFile(dir(), `legacy-${c.lang}.${c.format}`, await c.make(rows));
      const opened = await openSheet(backend, file);
      expect(opened.format).toBe(c.format);
      expect(opened.mappingFrom).toBe('suggested');
      expect(opened.mapping.target).toBe('request');
      expect(opened.mapping.dateOrder).toBe(dates === 'us' ? 'mdy' : 'dmy');
      const headers = HEADERS[c.lang];
      expect(opened.mapping.columns).toEqual({
        [headers[0] as string]: 'exchangedAt',
        [headers[1] as string]: 'direction',
        [headers[2] as string]: 'counterpartCountry',
        [headers[3] as string]: 'counterpartAgency',
        [headers[4] as string]: 'channel',
        [headers[5] as string]: 'subject',
        [headers[6] as string]: 'status',
        [headers[7] as string]: 'answeredAt',
        [headers[8] as string]: 'phenomena',
        [headers[9] as string]: 'notes',
      });
      const shown = await preview(backend, opened.token, opened.mapping);
      expect(shown.headers).toEqual(headers);
      expect(shown.counts).toMatchObject({ rows: 40, ready: 40, problems: 0 });

      const report = await run(backend, opened.token, opened.mapping);
      expect(report.counts).toMatchObject({ rows: 40, imported: 40, problems: 0, alreadyImported: 0 });
      expect(report.batchId).not.toBeNull();
      const records = await requests(backend);
      expect(records).toHaveLength(40);
      expectRecords(records, rows);
      // Ordinary records: in the counts, the search and the dashboards like any other.
      const counts = await value<{ informationRequests: number }>(backend.call('stats.counts', {}));
      expect(counts.informationRequests).toBe(40);
    });
  }

  it('says each bad row’s problem by column, imports only the ready rows, and imports a row once fixed', async () => {
    const { backend } = open();
    for (const lang of ['en', 'nl'] as const) {
      const rows = legacyRows({ lang, rows: 10, dates: 'nl', seed: lang === 'en' ? 3 : 4 });
      const bad = badRows(lang, 'nl');
      const file = writeFile(
        dir(),
        `bad-${lang}.csv`,
        csvBytes(HEADERS[lang], [...rows.map((r) => r.cells), ...bad.map((b) => b.cells)]),
      );
      const opened = await openSheet(backend, file);
      const mapping = { ...opened.mapping, source: `bad-${lang}`, dateOrder: 'dmy' as const };
      const shown = await preview(backend, opened.token, mapping, { filter: 'problems' });
      expect(shown.counts).toMatchObject({ rows: 14, ready: 10, problems: 4 });
      expect(shown.rows.map((r) => r.row)).toEqual([12, 13, 14, 15]);
      shown.rows.forEach((row, i) => {
        const expected = bad[i] as (typeof bad)[number];
        expect(row.status).toBe('problem');
        expect(row.problems.map((p) => [p.column, p.code])).toEqual([[HEADERS[lang][expected.column], expected.code]]);
      });

      const report = await run(backend, opened.token, mapping, { saveMapping: false });
      expect(report.counts).toMatchObject({ imported: 10, problems: 4 });
      expect(report.problemRows.map((p) => p.row)).toEqual([12, 13, 14, 15]);

      // The officer fixes two rows in the preview (a cell each) and imports again: those two, nothing else.
      const h = HEADERS[lang];
      const edits = [
        { row: 12, column: h[2] as string, value: lang === 'en' ? 'Germany' : 'Duitsland' },
        {
          row: 13,
          column: h[0] as string,
          value: String(legacyRows({ lang, rows: 1, seed: 99, dates: 'nl' })[0]?.cells[0]),
        },
      ];
      const fixed = await preview(backend, opened.token, mapping, { edits });
      expect(fixed.counts).toMatchObject({ ready: 2, problems: 2, alreadyImported: 10 });
      const again = await run(backend, opened.token, mapping, { edits });
      expect(again.counts).toMatchObject({ imported: 2, alreadyImported: 10, problems: 2 });
    }
    expect(await requests(backend)).toHaveLength(24);
  });

  it('maps the source’s own words through the mapping’s value table and defaults', async () => {
    const { backend } = open();
    const file = writeFile(
      dir(),
      'words.csv',
      csvBytes(
        ['Wanneer', 'Land', 'Via', 'Wat', 'Stand', 'Thema'],
        [
          ['2018-03-04 14:30', 'Duitsland', 'Eurojust', 'Kenteken', 'klaar', 'coke'],
          ['45000', 'BRD', 'SIENA', 'Adres', 'klaar', 'cybercrime; witwassen'],
        ],
      ),
    );
    const opened = await openSheet(backend, file);
    const mapping: SheetMapping = {
      ...opened.mapping,
      source: 'words',
      target: 'request',
      columns: {
        Wanneer: 'exchangedAt',
        Land: 'counterpartCountry',
        Via: 'channel',
        Wat: 'subject',
        Stand: 'status',
        Thema: 'phenomena',
      },
      values: { channel: { Eurojust: 'mla_eio' }, country: { BRD: 'DE' }, status: { klaar: 'withdrawn' } },
      defaults: { direction: 'outgoing', counterpartAgency: 'BKA' },
    };
    const shown = await preview(backend, opened.token, mapping);
    expect(shown.rows.map((r) => r.problems)).toEqual([[], []]);
    await run(backend, opened.token, mapping);
    const [first, second] = await requests(backend);
    expect(first).toMatchObject({
      channel: 'mla_eio',
      counterpartCountry: 'DE',
      direction: 'outgoing',
      counterpartAgency: 'BKA',
      status: 'withdrawn',
      phenomena: ['cocaine'],
      exchangedAt: '2018-03-04T13:30:00.000Z',
    });
    // Excel serial 45000 is 2023-03-15; date-only moments are placed at noon on the post's clock.
    expect(second).toMatchObject({
      channel: 'siena',
      phenomena: ['online_crime', 'money_laundering'],
      exchangedAt: '2023-03-15T11:00:00.000Z',
    });
  });

  it('recognises rows already imported: the same file again, reopened, or the same rows in another file', async () => {
    const { backend } = open();
    const rows = legacyRows({ lang: 'nl', rows: 30, dates: 'nl' });
    const folder = dir();
    const file = writeFile(
      folder,
      'log.csv',
      csvBytes(
        HEADERS.nl,
        rows.map((r) => r.cells),
        { delimiter: ';' },
      ),
    );
    const first = await openSheet(backend, file);
    const r1 = await run(backend, first.token, first.mapping);
    expect(r1.counts.imported).toBe(30);
    // The same token again, then the file reopened (its saved mapping is found by its headers).
    const r2 = await run(backend, first.token, first.mapping);
    expect(r2.counts).toMatchObject({ imported: 0, alreadyImported: 30 });
    expect(r2.batchId).toBeNull();
    const reopened = await openSheet(backend, file);
    expect(reopened.mappingFrom).toBe('saved');
    const r3 = await run(backend, reopened.token, reopened.mapping);
    expect(r3.counts).toMatchObject({ imported: 0, alreadyImported: 30 });
    // An extended file (10 new rows, columns reordered, other spacing) under the same source: only the new rows.
    const more = legacyRows({ lang: 'nl', rows: 40, dates: 'nl' });
    const order = [5, 0, 1, 2, 3, 4, 6, 7, 8, 9];
    const file2 = writeFile(
      folder,
      'log-2.csv',
      csvBytes(
        order.map((i) => HEADERS.nl[i] as string),
        more.map((r) => order.map((i) => (i === 5 ? `  ${String(r.cells[i])} ` : (r.cells[i] as string)))),
      ),
    );
    const second = await openSheet(backend, file2);
    expect(second.mappingFrom).toBe('saved');
    const r4 = await run(backend, second.token, second.mapping);
    expect(r4.counts).toMatchObject({ imported: 10, alreadyImported: 30 });
    // A row twice in one file is imported once.
    const twice = writeFile(folder, 'twice.csv', csvBytes(HEADERS.nl, [more[0]?.cells ?? [], more[0]?.cells ?? []]));
    const third = await openSheet(backend, twice);
    const shown = await preview(backend, third.token, { ...third.mapping, source: 'other-source' });
    expect(shown.rows.map((r) => [r.status, r.duplicateOf])).toEqual([
      ['ready', null],
      ['duplicate', 2],
    ]);
    expect(await requests(backend)).toHaveLength(40);
  });

  it('a dry run writes nothing and says what would be imported', async () => {
    const { backend } = open();
    const rows = legacyRows({ lang: 'en', rows: 12, dates: 'us' });
    const file = writeFile(
      dir(),
      'dry.csv',
      csvBytes(
        HEADERS.en,
        rows.map((r) => r.cells),
      ),
    );
    const opened = await openSheet(backend, file);
    const report = await run(backend, opened.token, opened.mapping, { dryRun: true });
    expect(report).toMatchObject({ dryRun: true, batchId: null, counts: { imported: 12 } });
    expect(await requests(backend)).toHaveLength(0);
    expect(await value<unknown[]>(backend.call('sheetImport.mappings', {}))).toEqual([]);
  });

  it('undo moves the batch’s unchanged records to the trash, keeps the ones edited since, and lets the rows come back', async () => {
    const { backend } = open();
    const rows = legacyRows({ lang: 'en', rows: 20, dates: 'us' });
    const file = writeFile(
      dir(),
      'undo.csv',
      csvBytes(
        HEADERS.en,
        rows.map((r) => r.cells),
      ),
    );
    const opened = await openSheet(backend, file);
    const report = await run(backend, opened.token, opened.mapping);
    const batchId = report.batchId as string;
    const [edited] = await requests(backend);
    if (!edited) throw new Error('no record');
    const { id, revision, createdAt, updatedAt, deletedAt, origin, dueAt, ...fields } = edited;
    void [createdAt, updatedAt, deletedAt, origin, dueAt];
    await value(
      backend.call('requests.update', { id, revision, fields: { ...fields, subject: 'Edited after import' } } as never),
    );

    const undone = await value<{ removed: number; kept: { recordId: string; title: string }[] }>(
      backend.call('sheetImport.undo', { batchId }),
    );
    expect(undone.removed).toBe(19);
    expect(undone.kept).toEqual([expect.objectContaining({ recordId: id, title: 'Edited after import' })]);
    expect((await requests(backend)).map((r) => r.id)).toEqual([id]);
    expect(await value<unknown[]>(backend.call('trash.list', {}))).toHaveLength(19);
    const [batch] = await value<{ undoneAt: string | null; kept: number }[]>(backend.call('sheetImport.batches', {}));
    expect(batch).toMatchObject({ kept: 1 });
    expect(batch?.undoneAt).not.toBeNull();
    await failure(backend.call('sheetImport.undo', { batchId }), 'conflict');

    // Imported again: the 19 undone rows come back; the kept one is still recognised.
    const again = await run(backend, opened.token, opened.mapping);
    expect(again.counts).toMatchObject({ imported: 19, alreadyImported: 1 });
    expect(await requests(backend)).toHaveLength(20);
  });

  it('engagements and results: organisations matched by name, quantities with units', async () => {
    const { backend } = open();
    const org = await value(
      backend.call('organisations.create', { name: 'Bundeskriminalamt', country: 'DE', type: 'police' }),
    );
    const folder = dir();
    const eng = writeFile(
      folder,
      'contacten.csv',
      csvBytes(
        ['Datum', 'Soort', 'Onderwerp', 'Doel', 'Organisatie', 'Fenomeen'],
        [
          ['03-04-2017', 'overleg', 'Kennismaking BKA', 'relatiebeheer', 'bundeskriminalamt', 'Cocaïne'],
          ['04-04-2017', 'telefoon', 'Afstemming', 'operationeel', 'Onbekende dienst', ''],
        ],
      ),
    );
    const opened = await openSheet(backend, eng);
    expect(opened.mapping.target).toBe('engagement');
    const shown = await preview(backend, opened.token, opened.mapping);
    expect(shown.counts).toMatchObject({ ready: 2, warnings: 1 });
    expect(shown.rows[1]?.warnings.map((w) => w.code)).toEqual(['sheet_import.row.unknown_organisation']);
    await run(backend, opened.token, opened.mapping);
    const list = await value<{ items: Rec[] }>(backend.call('engagements.list', { sort: 'oldest' }));
    expect(list.items.map((e) => [e['kind'], e['purpose'], e['organisationIds'], e['notes']])).toEqual([
      ['meeting', 'relationship', [org.id], ''],
      ['call', 'operational', [], 'Organisatie: Onbekende dienst'],
    ]);

    const res = writeFile(
      folder,
      'results.xlsx',
      await xlsxBytes(
        ['Date', 'Result', 'Description', 'Quantity', 'Substance', 'Phenomenon'],
        [[new Date('2019-05-06T00:00:00Z'), 'Seizure', 'Port of Rotterdam', '1.250 kg', 'cocaine', 'Cocaine']],
      ),
    );
    const r = await openSheet(backend, res);
    expect(r.mapping.target).toBe('result');
    await run(backend, r.token, r.mapping);
    const results = await value<{ items: Rec[] }>(backend.call('results.list', {}));
    expect(results.items[0]).toMatchObject({ kind: 'seizure', achievedOn: '2019-05-06', quantity: 1250, unit: 'kg' });
  });
});
