import ExcelJS from 'exceljs';

// Every table the app exports goes through here, as CSV (RFC 4180, UTF-8 with BOM so spreadsheet programs
// read accents) or XLSX (exceljs, one sheet per table).

export interface Table {
  name: string;
  columns: readonly { key: string; header: string }[];
  rows: readonly Record<string, string | number | null>[];
}

/**
 * A cell as CSV text. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with
 * an apostrophe: exported police data must never execute in the reader's spreadsheet.
 */
function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(tables: readonly Table[]): string {
  const parts = tables.map((t) => {
    const lines = [t.columns.map((c) => csvCell(c.header)).join(',')];
    for (const row of t.rows) lines.push(t.columns.map((c) => csvCell(row[c.key] ?? null)).join(','));
    return tables.length > 1 ? [csvCell(t.name), ...lines].join('\r\n') : lines.join('\r\n');
  });
  return `\uFEFF${parts.join('\r\n\r\n')}\r\n`;
}

export async function toXlsx(tables: readonly Table[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Liaison Log';
  for (const t of tables) {
    const sheet = book.addWorksheet(t.name.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
    sheet.columns = t.columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(12, c.header.length + 2) }));
    sheet.getRow(1).font = { bold: true };
    for (const row of t.rows) sheet.addRow(row);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
