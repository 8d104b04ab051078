import ExcelJS from 'exceljs';
import { EXPECTED_2026 } from './dataset';

// The 2026 statistics as the five tables of the CSV and XLSX files, written out by hand from the answer in
// ./dataset.ts, plus readers that turn either file back into rows of cells.

export type Cell = string | number;
export type Sheet = { name: string; rows: Cell[][] };

export const SHEET_NAMES = [
  '(a) Requests submitted',
  '(b) Requests received',
  '(c) Refusals',
  '(d) Deadline deviations',
  'Basis',
] as const;

/** The 2026 tables, header row first. `generatedAt` is the only cell that depends on the clock. */
export function expectedSheets2026(generatedAt: string): Sheet[] {
  const e = EXPECTED_2026;
  return [
    {
      name: '(a) Requests submitted',
      rows: [
        ['Member state requested', 'Requests submitted'],
        ['BE', 1],
        ['DE', 2],
        ['FR', 1],
        ['SE', 1],
        ['Total', e.submitted.total],
      ],
    },
    {
      name: '(b) Requests received',
      rows: [
        [
          'Requesting member state',
          'Received, urgent',
          'Received, non-urgent',
          'Answered, urgent',
          'Answered, non-urgent',
        ],
        ['AT', 0, 1, 0, 0],
        ['BE', 1, 1, 1, 1],
        ['DE', 2, 3, 1, 1],
        ['ES', 1, 1, 0, 0],
        ['FR', 1, 3, 0, 1],
        ['IT', 0, 1, 0, 0],
        ['PL', 0, 1, 0, 1],
        // 5 + 11 = 16 received, 2 + 4 = 6 answered.
        ['Total', 5, 11, 2, 4],
      ],
    },
    {
      name: '(c) Refusals',
      rows: [
        ['Requesting member state', 'Refusal ground (Art. 6(1))', 'Refusals'],
        ['DE', 'f', 1],
        ['FR', 'a', 2],
        ['FR', 'c', 1],
        ['IT', 'g', 1],
        ['Total', '', e.refusals.total],
      ],
    },
    {
      name: '(d) Deadline deviations',
      rows: [
        ['Requesting member state', 'Deviations for judicial authorisation (Art. 5(2))'],
        ['BE', 1],
        ['DE', 2],
        ['FR', 1],
        ['PL', 1],
        ['Total', e.deviations.total],
      ],
    },
    {
      name: 'Basis',
      rows: [
        ['Item', 'Value'],
        ['Calendar year', 2026],
        ['Clock (time zone)', 'Europe/Amsterdam'],
        ['Generated at (UTC)', generatedAt],
        ['Requests dated in the year', 29],
        ['Counted (other EU member state, not the judicial channel)', 21],
        ['Left out: counterpart not an EU member state', 4],
        ['Left out: own country', 2],
        ['Left out: judicial channel (MLA / EIO)', 2],
        ['Year of a request', 'the year it was received (incoming) or sent (outgoing)'],
        ['Answered', 'status answered; refusals are counted under (c)'],
      ],
    },
  ];
}

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** The sections of a multi-table CSV: a title line, the header, the rows; sections end at a blank line. */
export function csvSections(text: string): Sheet[] {
  const sections: Sheet[] = [];
  let current: Sheet | undefined;
  for (const record of parseCsvRecords(text)) {
    if (record.length === 1 && record[0] === '') current = undefined;
    else if (!current) {
      current = { name: record[0] ?? '', rows: [] };
      sections.push(current);
    } else current.rows.push(record);
  }
  return sections;
}

/** Every cell as the text a CSV file holds. */
export function asText(sheets: Sheet[]): Sheet[] {
  return sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => r.map(String)) }));
}

/** An XLSX workbook as sheets of cell values (an empty cell reads as ''). */
export async function readXlsx(bytes: Buffer): Promise<Sheet[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book.worksheets.map((ws) => {
    const rows: Cell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      const cells: Cell[] = [];
      for (let c = 1; c <= ws.columnCount; c++) {
        // Counts are numbers, labels and codes text; anything else (a formula, a date) fails the comparison.
        const v = row.getCell(c).value;
        cells.push(v === null || v === undefined ? '' : typeof v === 'number' || typeof v === 'string' ? v : '(other)');
      }
      rows.push(cells);
    });
    return { name: ws.name, rows };
  });
}
