import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv, toXlsx, type Table } from '../../../electron/reports/tables';
import { saveThroughDialog } from '../helpers/files';
import { value } from '../logbook/helpers';
import { buildDataset, EXPECTED_2026, HQ_NOW, type Dataset } from './dataset';
import { asText, csvSections, expectedSheets2026, readXlsx, SHEET_NAMES } from './sheets';

// reports.saveArt18 as CSV and XLSX on the hand-built logbook in ./dataset.ts: the same figures as the
// JSON report, laid out as the tables written out in ./sheets.ts.

let data: Dataset;

beforeAll(async () => {
  data = await buildDataset();
});

afterAll(() => data.dispose());

/** Saved as the window saves it: the host's dialog suggests the name, the backend writes the file there. */
async function file(format: 'csv' | 'xlsx', year = 2026) {
  const saved = await saveThroughDialog(data.hq.invoke, 'reports.saveArt18', { year, format });
  await value(Promise.resolve(saved.result));
  if (!saved.bytes) throw new Error('nothing was written');
  return { fileName: saved.suggestedName, bytes: saved.bytes };
}

describe('reports.saveArt18 as CSV', () => {
  it('is UTF-8 with a byte order mark, CRLF line ends, four titled sections and the Basis table', async () => {
    const { fileName, bytes } = await file('csv');
    expect(fileName).toBe('art18-statistics-2026.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.startsWith('\uFEFF(a) Requests submitted\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const sections = csvSections(text.slice(1));
    expect(sections.map((s) => s.name)).toEqual([...SHEET_NAMES]);
    // The first section byte for byte; a header with a comma is quoted.
    expect(text.slice(1, text.indexOf('\r\n\r\n'))).toBe(
      [
        '(a) Requests submitted',
        'Member state requested,Requests submitted',
        'BE,1',
        'DE,2',
        'FR,1',
        'SE,1',
        'Total,5',
      ].join('\r\n'),
    );
    expect(text).toContain('\r\n"Counted (other EU member state, not the judicial channel)",21\r\n');
  });

  it('holds the figures worked out by hand, which are those of the JSON report', async () => {
    const json = await value<typeof EXPECTED_2026>(data.hq.invoke('reports.art18', { year: 2026 }));
    expect(json).toEqual({ ...EXPECTED_2026, generatedAt: HQ_NOW });
    const sections = csvSections((await file('csv')).bytes.toString('utf8').slice(1));
    expect(sections).toEqual(asText(expectedSheets2026(HQ_NOW)));
    // Cross-checks against the JSON: each member state row, and each total.
    const [a, b, c, d] = sections.map((s) => s.rows.slice(1));
    expect(a?.slice(0, -1)).toEqual(json.submitted.byMemberState.map((s) => [s.memberState, String(s.count)]));
    expect(b?.slice(0, -1)).toEqual(
      json.received.byMemberState.map((s) =>
        [s.memberState, s.receivedUrgent, s.receivedNonUrgent, s.answeredUrgent, s.answeredNonUrgent].map(String),
      ),
    );
    const bTotal = (b?.at(-1) ?? []).slice(1).map(Number);
    expect([bTotal[0]! + bTotal[1]!, bTotal[2]! + bTotal[3]!]).toEqual([json.received.total, json.received.answered]);
    expect(c?.slice(0, -1)).toEqual(
      json.refusals.byMemberStateAndGround.map((s) => [s.memberState, s.ground, String(s.count)]),
    );
    expect(c?.at(-1)).toEqual(['Total', '', String(json.refusals.total)]);
    expect(d).toEqual([
      ...json.deviations.byMemberState.map((s) => [s.memberState, String(s.count)]),
      ['Total', String(json.deviations.total)],
    ]);
  });

  it('an empty year still has every section, with only the totals, at zero', async () => {
    const sections = csvSections((await file('csv', 2024)).bytes.toString('utf8').slice(1));
    expect(sections.map((s) => s.name)).toEqual([...SHEET_NAMES]);
    expect(sections.slice(0, 4).map((s) => s.rows.slice(1))).toEqual([
      [['Total', '0']],
      [['Total', '0', '0', '0', '0']],
      [['Total', '', '0']],
      [['Total', '0']],
    ]);
  });
});

describe('toCsv', () => {
  const table = (values: (string | number | null)[]): Table[] => [
    { name: 'T', columns: [{ key: 'v', header: 'Value' }], rows: values.map((v) => ({ v })) },
  ];

  it('puts an apostrophe before text a spreadsheet would run as a formula', () => {
    expect(toCsv(table(['=HYPERLINK("http://evil.example","click")', '+31 20 555', '-1+1', '@SUM(A1)', '\tX']))).toBe(
      '\uFEFFValue\r\n' +
        `"'=HYPERLINK(""http://evil.example"",""click"")"\r\n` +
        "'+31 20 555\r\n" +
        "'-1+1\r\n" +
        "'@SUM(A1)\r\n" +
        "'\tX\r\n",
    );
  });

  it('leaves numbers, plain text and an empty cell alone; quotes commas, semicolons, quotes and line breaks', () => {
    expect(toCsv(table([-3, 0, 'DE', null, 'a,b', 'a;b', 'say "hi"', 'two\nlines', 'é']))).toBe(
      '\uFEFFValue\r\n-3\r\n0\r\nDE\r\n\r\n"a,b"\r\n"a;b"\r\n"say ""hi"""\r\n"two\nlines"\r\né\r\n',
    );
  });

  it('a cell that starts with = arrives as that text, never as a formula', () => {
    const cells = csvSections(toCsv([...table(['=1+1']), ...table(['=cmd|"/c calc"!A1'])]).slice(1));
    expect(cells.map((s) => s.rows[1]?.[0])).toEqual(["'=1+1", `'=cmd|"/c calc"!A1`]);
  });
});

describe('reports.saveArt18 as XLSX', () => {
  it('has five sheets named after the tables, with the figures worked out by hand', async () => {
    const { fileName, bytes } = await file('xlsx');
    expect(fileName).toBe('art18-statistics-2026.xlsx');
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const sheets = await readXlsx(bytes);
    expect(sheets.map((s) => s.name)).toEqual([...SHEET_NAMES]);
    expect(sheets).toEqual(expectedSheets2026(HQ_NOW));
  });

  it('the same figures as the CSV file', async () => {
    const fromXlsx = await readXlsx((await file('xlsx')).bytes);
    const fromCsv = csvSections((await file('csv')).bytes.toString('utf8').slice(1));
    expect(asText(fromXlsx)).toEqual(fromCsv);
  });

  it('stores text that looks like a formula as text', async () => {
    const bytes = await toXlsx([{ name: 'T', columns: [{ key: 'v', header: 'Value' }], rows: [{ v: '=1+1' }] }]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const cell = book.worksheets[0]?.getCell('A2');
    expect(cell?.type).toBe(ExcelJS.ValueType.String);
    expect(cell?.value).toBe('=1+1');
  });
});
