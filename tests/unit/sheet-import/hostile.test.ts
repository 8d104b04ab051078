import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/create-backend';
import { callWithFiles } from '../../../electron/files/trusted';
import type { SheetImportReport, SheetOpened, SheetPreview } from '../../../shared/sheet-import/schema';
import { MAX_SHEET_ROWS } from '../../../shared/sheet-import/schema';
import { HEADERS, csvBytes, legacyRows, writeFile, xlsxBytes } from '../../fixtures/sheets/legacy';
import { useLogbook, useTempDirs, value } from '../logbook/helpers';

// Hostile spreadsheet files: each is refused with its own stable message, before anything is written (the
// record table and the import tables hold the same rows before and after). A workbook with formulas is read by
// the results saved in it; one with a formula without a saved result is refused. 100,000 rows import.

const open = useLogbook();
const dir = useTempDirs();

function rowCounts(backend: Backend) {
  const count = (table: string) => (backend.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    record: count('record'),
    audit: count('audit_entry'),
    batch: count('sheet_import_batch'),
    row: count('sheet_import_row'),
    mapping: count('sheet_import_mapping'),
  };
}

/** Opens the file and, if it opens, previews and imports it: the first refusal's code, or 'accepted'. */
async function attempt(backend: Backend, file: string): Promise<string> {
  const opened = await callWithFiles(backend.invoke, 'sheetImport.open', {}, { open: [file] });
  if (!opened.ok) return opened.error.reason?.code ?? opened.error.code;
  const { token, mapping } = opened.value;
  const shown = await backend.call('sheetImport.preview', { token, mapping });
  if (!shown.ok) return shown.error.reason?.code ?? shown.error.code;
  const run = await backend.call('sheetImport.run', { token, mapping });
  return run.ok ? 'accepted' : (run.error.reason?.code ?? run.error.code);
}

/** Changes every size field of a zip's central directory entries to `size` (a zip that lies). */
function lieAboutSizes(zip: Uint8Array, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let i = 0; i + 4 <= out.length; i++) {
    if (out.readUInt32LE(i) === 0x02014b50) out.writeUInt32LE(size, i + 24); // uncompressed size
  }
  return out;
}

describe('hostile spreadsheet files write nothing', () => {
  it('refuses each with its reason, and the database is as it was', async () => {
    const { backend } = open();
    const folder = dir();
    const good = legacyRows({ lang: 'en', rows: 5, dates: 'us' });
    const goodCsv = csvBytes(
      HEADERS.en,
      good.map((r) => r.cells),
    );

    const big = path.join(folder, 'huge.csv');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 200 * 1024 * 1024); // 200 MB (sparse): refused on its size, before it is read

    const utf16 = Buffer.from(goodCsv.toString('utf8'), 'utf16le'); // UTF-16 without a byte order mark
    const binary = Buffer.alloc(4096, 0);
    for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919) % 256;

    const bomb = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(60 * 1024 * 1024) }, { level: 9 });
    const honestSmall = await xlsxBytes(
      HEADERS.en,
      good.map((r) => r.cells),
    );
    // The central directory says each part unpacks to 1 byte; the parts unpack to much more.
    const liar = lieAboutSizes(honestSmall, 1);
    // The central directory says the parts unpack to 500 MB each: refused before anything is inflated.
    const declaresTooMuch = lieAboutSizes(honestSmall, 500 * 1024 * 1024);
    const manyParts = zipSync(
      Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`xl/part${i}.xml`, new Uint8Array(1)])),
    );

    const files: [name: string, bytes: Buffer | null, expected: string][] = [
      ['huge.csv', null, 'sheet_import.file.too_large'],
      ['empty.csv', Buffer.alloc(0), 'sheet_import.file.empty'],
      ['utf16-no-bom.csv', utf16, 'sheet_import.file.encoding'],
      ['binary.csv', binary, 'sheet_import.file.encoding'],
      ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), 'sheet_import.file.old_xls'],
      ['renamed.xlsx', goodCsv, 'sheet_import.file.not_a_sheet'],
      ['bomb.xlsx', Buffer.from(bomb), 'sheet_import.file.zip_ratio'],
      ['liar.xlsx', liar, 'sheet_import.file.zip_lies'],
      ['declares-too-much.xlsx', declaresTooMuch, 'sheet_import.file.zip_bomb'],
      ['many-parts.xlsx', Buffer.from(manyParts), 'sheet_import.file.zip_bomb'],
      [
        'broken.xlsx',
        Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 1)]),
        'sheet_import.file.not_xlsx',
      ],
      [
        'merged.xlsx',
        await xlsxBytes(
          HEADERS.en,
          good.map((r) => r.cells),
          { merge: 'A3:A4' },
        ),
        'sheet_import.sheet.merged_cells',
      ],
      [
        'formula-no-value.xlsx',
        await xlsxBytes(
          HEADERS.en,
          good.map((r) => r.cells),
          { formula: { cell: 'J3' } },
        ),
        'sheet_import.sheet.formula_without_value',
      ],
      ['header-only.csv', csvBytes(HEADERS.en, []), 'sheet_import.file.no_rows'],
      [
        'too-many-columns.csv',
        csvBytes(
          Array.from({ length: 250 }, (_, i) => `c${i}`),
          [Array.from({ length: 250 }, () => 'x')],
        ),
        'sheet_import.file.too_many_columns',
      ],
    ];

    const before = rowCounts(backend);
    for (const [name, bytes, expected] of files) {
      const file = bytes === null ? path.join(folder, name) : writeFile(folder, name, bytes);
      expect(await attempt(backend, file), name).toBe(expected);
      expect(rowCounts(backend), name).toEqual(before);
    }
  });

  it('too many rows: refused with the limit named, nothing written', async () => {
    const { backend } = open();
    const rows = Array.from({ length: MAX_SHEET_ROWS + 1 }, (_, i) => [`r${i}`]);
    const file = writeFile(dir(), 'rows.csv', csvBytes(['Subject'], rows));
    const before = rowCounts(backend);
    const opened = await callWithFiles(backend.invoke, 'sheetImport.open', {}, { open: [file] });
    expect(opened.ok).toBe(false);
    if (!opened.ok) {
      expect(opened.error.reason).toEqual({
        code: 'sheet_import.file.too_many_rows',
        params: { file: 'rows.csv', count: MAX_SHEET_ROWS + 1, limit: MAX_SHEET_ROWS },
      });
    }
    expect(rowCounts(backend)).toEqual(before);
  });

  it('formulas with saved results are read as those results, and the officer is told', async () => {
    const { backend } = open();
    const good = legacyRows({ lang: 'en', rows: 3, dates: 'us' });
    const file = writeFile(
      dir(),
      'formula.xlsx',
      await xlsxBytes(
        HEADERS.en,
        good.map((r) => r.cells),
        { formula: { cell: 'J2', result: 'computed note' } },
      ),
    );
    const opened = await value<SheetOpened>(callWithFiles(backend.invoke, 'sheetImport.open', {}, { open: [file] }));
    expect(opened.notices).toContainEqual({ code: 'sheet_import.notice.formulas', params: { count: 1 } });
    const shown = await value<SheetPreview>(
      backend.call('sheetImport.preview', { token: opened.token, mapping: opened.mapping }),
    );
    expect(shown.rows[0]?.cells[9]).toBe('computed note');
  });

  it('100,000 rows (a limit test): read, checked and imported in one transaction', async () => {
    const { backend } = open();
    const rows = legacyRows({ lang: 'nl', rows: 100_000, dates: 'nl' });
    const file = writeFile(
      dir(),
      'years.csv',
      csvBytes(
        HEADERS.nl,
        rows.map((r) => r.cells),
        { delimiter: ';' },
      ),
    );
    const opened = await value<SheetOpened>(callWithFiles(backend.invoke, 'sheetImport.open', {}, { open: [file] }));
    const report = await value<SheetImportReport>(
      backend.call('sheetImport.run', { token: opened.token, mapping: opened.mapping }),
    );
    expect(report.counts).toMatchObject({ rows: 100_000, imported: 100_000, problems: 0 });
    expect(rowCounts(backend).row).toBe(100_000);
  }, 600_000);
});
