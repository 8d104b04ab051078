import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { messageRef, type MessageRef } from '../../shared/contract/messages';
import { MAX_SHEET_COLUMNS, MAX_SHEET_FILE_BYTES, MAX_SHEET_ROWS } from '../../shared/sheet-import/schema';
import { SheetFileError } from './errors';
import { guardXlsxZip } from './zip-guard';

// Reads a spreadsheet the officer chose into a grid of text cells, in the backend process. Every refusal
// happens here, before anything is written: the size before a byte is read, the zip's sizes before exceljs
// inflates it, the encoding, rows and columns. Sheet-level refusals (merged cells, formulas without a value)
// are kept per sheet and said when that sheet is used (a workbook's other sheets may hold a merged title page).

export interface SheetGrid {
  readonly name: string;
  /** Every row of the sheet from row 1, as text; `rows[i]` is spreadsheet row i + 1. */
  readonly rows: readonly (readonly string[])[];
  /** Merged ranges, with the first row each covers. */
  readonly merges: readonly { range: string; top: number; bottom: number }[];
  /** Cells holding a formula with a saved result (read as that result). */
  readonly formulas: number;
  /** Cells holding a formula without a saved result, by address and row. */
  readonly uncached: readonly { cell: string; row: number }[];
}

export interface ParsedSheetFile {
  readonly fileName: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly format: 'csv' | 'xlsx';
  readonly encoding: string | null;
  readonly delimiter: string | null;
  readonly sheets: readonly SheetGrid[];
  readonly notices: readonly MessageRef[];
}

export interface ReadOptions {
  readonly onProgress?: (done: number, total: number | null, phase: string) => void;
}

const MB = 1024 * 1024;

export async function readSheetFile(file: string, options: ReadOptions = {}): Promise<ParsedSheetFile> {
  const fileName = path.basename(file);
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (error) {
    throw new SheetFileError(messageRef('sheet_import.file.unreadable', { file: fileName, error: errorCode(error) }));
  }
  if (size > MAX_SHEET_FILE_BYTES) {
    throw new SheetFileError(
      messageRef('sheet_import.file.too_large', {
        file: fileName,
        size: Math.ceil(size / MB),
        limit: MAX_SHEET_FILE_BYTES / MB,
      }),
    );
  }
  if (size === 0) throw new SheetFileError(messageRef('sheet_import.file.empty', { file: fileName }));
  options.onProgress?.(0, size, 'read');
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(file);
  } catch (error) {
    throw new SheetFileError(messageRef('sheet_import.file.unreadable', { file: fileName, error: errorCode(error) }));
  }
  // The file may have grown between the stat and the read.
  if (bytes.length > MAX_SHEET_FILE_BYTES) {
    throw new SheetFileError(
      messageRef('sheet_import.file.too_large', {
        file: fileName,
        size: Math.ceil(bytes.length / MB),
        limit: MAX_SHEET_FILE_BYTES / MB,
      }),
    );
  }
  options.onProgress?.(size, size, 'read');
  return parseSheetBytes(bytes, fileName, options);
}

export async function parseSheetBytes(
  bytes: Buffer,
  fileName: string,
  options: ReadOptions = {},
): Promise<ParsedSheetFile> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (bytes.length === 0) throw new SheetFileError(messageRef('sheet_import.file.empty', { file: fileName }));
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    return { ...(await readXlsx(bytes, fileName, options)), fileName, bytes: bytes.length, sha256 };
  }
  if (bytes.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    throw new SheetFileError(messageRef('sheet_import.file.old_xls', { file: fileName }));
  }
  if (/\.xlsx?$/i.test(fileName)) {
    throw new SheetFileError(messageRef('sheet_import.file.not_a_sheet', { file: fileName }));
  }
  return { ...readCsv(bytes, fileName, options), fileName, bytes: bytes.length, sha256 };
}

/** The text of a CSV file: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252; never binary. */
export function decodeText(bytes: Buffer, fileName: string): { text: string; encoding: string } {
  const refuse = () => new SheetFileError(messageRef('sheet_import.file.encoding', { file: fileName }));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3)), encoding: 'UTF-8 (BOM)' };
    } catch {
      throw refuse();
    }
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const label = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    try {
      return { text: new TextDecoder(label, { fatal: true }).decode(bytes.subarray(2)), encoding: label.toUpperCase() };
    } catch {
      throw refuse();
    }
  }
  // NUL bytes: UTF-16 without a BOM, or not text at all.
  if (bytes.subarray(0, 65_536).includes(0)) throw refuse();
  let text: string;
  let encoding: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    encoding = 'UTF-8';
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
    encoding = 'Windows-1252';
  }
  // Control characters other than tab and line ends in more than a trace: a binary file.
  const sample = text.slice(0, 65_536);
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) controls += 1;
  }
  if (controls > Math.max(8, sample.length / 1000)) throw refuse();
  return { text, encoding };
}

function readCsv(bytes: Buffer, fileName: string, options: ReadOptions) {
  const { text, encoding } = decodeText(bytes, fileName);
  options.onProgress?.(0, null, 'parse');
  const parsed = Papa.parse<string[]>(text, {
    delimitersToGuess: [',', ';', '\t', '|'],
    skipEmptyLines: false,
  });
  const rows = parsed.data.map((row) => row.map((cell) => cell.trim()));
  while (rows.length > 0 && (rows.at(-1) ?? []).every((c) => c === '')) rows.pop();
  checkShape(rows, fileName);
  const notices: MessageRef[] = [messageRef('sheet_import.notice.encoding', { encoding })];
  const sheet: SheetGrid = { name: '', rows, merges: [], formulas: 0, uncached: [] };
  options.onProgress?.(rows.length, rows.length, 'parse');
  return {
    format: 'csv' as const,
    encoding,
    delimiter: parsed.meta.delimiter,
    sheets: [sheet],
    notices,
  };
}

function checkShape(rows: readonly (readonly string[])[], fileName: string): void {
  if (rows.length - 1 > MAX_SHEET_ROWS) {
    throw new SheetFileError(
      messageRef('sheet_import.file.too_many_rows', { file: fileName, count: rows.length - 1, limit: MAX_SHEET_ROWS }),
    );
  }
  const columns = rows.reduce((n, r) => Math.max(n, r.length), 0);
  if (columns > MAX_SHEET_COLUMNS) {
    throw new SheetFileError(
      messageRef('sheet_import.file.too_many_columns', { file: fileName, count: columns, limit: MAX_SHEET_COLUMNS }),
    );
  }
}

async function readXlsx(bytes: Buffer, fileName: string, options: ReadOptions) {
  guardXlsxZip(bytes, fileName);
  options.onProgress?.(0, null, 'parse');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new SheetFileError(
      messageRef('sheet_import.file.not_xlsx', { file: fileName, error: (error as Error).message.slice(0, 200) }),
    );
  }
  const sheets: SheetGrid[] = [];
  let formulas = 0;
  for (const worksheet of workbook.worksheets) {
    if (worksheet.rowCount - 1 > MAX_SHEET_ROWS) {
      throw new SheetFileError(
        messageRef('sheet_import.file.too_many_rows', {
          file: fileName,
          count: worksheet.rowCount - 1,
          limit: MAX_SHEET_ROWS,
        }),
      );
    }
    const grid = readWorksheet(worksheet);
    checkShape(grid.rows, fileName);
    formulas += grid.formulas;
    sheets.push(grid);
    options.onProgress?.(sheets.length, workbook.worksheets.length, 'parse');
  }
  const notices: MessageRef[] = formulas > 0 ? [messageRef('sheet_import.notice.formulas', { count: formulas })] : [];
  return { format: 'xlsx' as const, encoding: null, delimiter: null, sheets, notices };
}

function readWorksheet(worksheet: ExcelJS.Worksheet): SheetGrid {
  const sparse: (string[] | undefined)[] = [];
  const uncached: { cell: string; row: number }[] = [];
  let formulas = 0;
  const values = worksheet.getSheetValues() as unknown as (unknown[] | undefined)[];
  for (let r = 1; r < values.length; r++) {
    const raw = values[r];
    const row: (string | undefined)[] = [];
    if (raw) {
      for (let c = 1; c < raw.length; c++) {
        const value = raw[c];
        if (isFormula(value)) {
          formulas += 1;
          if (value.result === undefined || value.result === null) {
            uncached.push({ cell: `${columnLetter(c)}${r}`, row: r });
            row[c - 1] = '';
            continue;
          }
          row[c - 1] = cellText(value.result);
        } else {
          row[c - 1] = cellText(value);
        }
      }
    }
    sparse[r - 1] = Array.from(row, (cell) => cell ?? '');
  }
  const rows = Array.from(sparse, (row) => row ?? []);
  while (rows.length > 0 && (rows.at(-1) ?? []).every((c) => c === '')) rows.pop();
  const merges = ((worksheet.model.merges as string[] | undefined) ?? []).map((range) => {
    const [from, to] = range.split(':');
    return { range, top: rowOf(from ?? ''), bottom: rowOf(to ?? from ?? '') };
  });
  return { name: worksheet.name, rows, merges, formulas, uncached };
}

function isFormula(value: unknown): value is { result?: unknown } {
  return typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell's value as the text an officer sees: dates as YYYY-MM-DD (HH:mm), rich text and links as their text. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const date = value.toISOString().slice(0, 10);
    const [h, m] = [value.getUTCHours(), value.getUTCMinutes()];
    // Excel's dates are wall clock, stored as if UTC; a time-only cell is a date of 1899-12-30.
    if (date === '1899-12-30') return `${pad(h)}:${pad(m)}`;
    return h === 0 && m === 0 ? date : `${date} ${pad(h)}:${pad(m)}`;
  }
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; error?: string; result?: unknown };
    if (Array.isArray(v.richText))
      return v.richText
        .map((p) => p.text)
        .join('')
        .trim();
    if (v.text !== undefined) return cellText(v.text);
    if (typeof v.error === 'string') return v.error;
    if ('result' in v) return cellText(v.result);
  }
  return '';
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function rowOf(address: string): number {
  return Number(/\d+/.exec(address)?.[0] ?? 0);
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : (error as Error).message;
}
