import type { ColumnDef, TableDef } from '../../shared/dataset/columns';
import { missingValues, SUPPRESSED } from '../../shared/dataset/columns';

// CSV as RFC 4180 says: comma-separated, CRLF after every line (the header too), a field quoted when it holds a
// comma, a double quote, CR or LF (a double quote inside doubled). UTF-8 without a byte order mark. Values are
// written by the column's Table Schema type: booleans `true`/`false`, numbers with `.` and no exponent,
// months `YYYY-MM`; a missing value as the table's marker (empty, or "c" for a suppressed count).

/** A cell before writing: null is missing; SUPPRESSED_CELL is a suppressed count (aggregate tables). */
export type Value = string | number | boolean | null;
export const SUPPRESSED_CELL = Symbol('suppressed');
export type Cell = Value | typeof SUPPRESSED_CELL;
export type Row = readonly Cell[];

export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A number in plain decimal notation with `.`, never an exponent (at most 6 decimals). */
export function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  const fixed = value.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '-0' ? '0' : fixed;
}

export function cellText(value: Cell, column: ColumnDef, table: TableDef): string {
  if (value === SUPPRESSED_CELL) {
    if (table.kind !== 'aggregate') throw new Error(`${table.name}.${column.name}: only aggregates suppress counts.`);
    return SUPPRESSED;
  }
  if (value === null) {
    const marker = missingValues(table)[0] ?? '';
    if (column.required || table.primaryKey.includes(column.name)) {
      throw new Error(`${table.name}.${column.name}: a required value is missing.`);
    }
    return marker;
  }
  switch (column.type) {
    case 'boolean':
      if (typeof value !== 'boolean') throw new Error(`${table.name}.${column.name}: not a boolean.`);
      return value ? 'true' : 'false';
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        throw new Error(`${table.name}.${column.name}: not an integer.`);
      }
      return String(value);
    case 'number':
      if (typeof value !== 'number') throw new Error(`${table.name}.${column.name}: not a number.`);
      return numberText(value);
    default:
      if (typeof value !== 'string') throw new Error(`${table.name}.${column.name}: not text.`);
      return csvField(value);
  }
}

export function headerLine(table: TableDef): string {
  return `${table.columns.map((c) => csvField(c.name)).join(',')}\r\n`;
}

export function rowLine(table: TableDef, row: Row): string {
  if (row.length !== table.columns.length) {
    throw new Error(`${table.name}: a row has ${row.length} cells for ${table.columns.length} columns.`);
  }
  return `${row.map((v, i) => cellText(v, table.columns[i] as ColumnDef, table)).join(',')}\r\n`;
}
