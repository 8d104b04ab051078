import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// An independent reader of a Tabular Data Package: it knows nothing of electron/dataset/ and reads only what the
// folder holds. Every CSV is parsed strictly as RFC 4180 (CRLF line ends, quotes only around whole fields,
// valid UTF-8, no byte order mark) and every cell is checked against its Table Schema field: the type's lexical
// form, missing values, required, enum, pattern, minimum and maximum; then the primary keys (unique) and the
// foreign keys (every value found in the table it refers to), and each resource's bytes and hash. It returns the
// problems found (none means the package holds what its descriptor says).

interface Field {
  name: string;
  type: string;
  trueValues?: string[];
  falseValues?: string[];
  constraints?: {
    required?: boolean;
    enum?: unknown[];
    pattern?: string;
    minimum?: number;
    maximum?: number;
    unique?: boolean;
  };
}

interface Resource {
  name: string;
  path: string;
  bytes?: number;
  hash?: string;
  encoding?: string;
  dialect?: { delimiter?: string; lineTerminator?: string; header?: boolean };
  schema: {
    fields: Field[];
    primaryKey?: string | string[];
    missingValues?: string[];
    foreignKeys?: { fields: string | string[]; reference: { resource: string; fields: string | string[] } }[];
  };
}

export interface Descriptor {
  profile: string;
  name: string;
  resources: Resource[];
}

export type Table = { header: string[]; rows: string[][] };

/** RFC 4180 parsing; throws on anything the RFC does not allow (a quote inside an unquoted field, a bare LF...). */
export function parseCsv(bytes: Buffer): Table {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) throw new Error('starts with a byte order mark');
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  if (!text.endsWith('\r\n')) throw new Error('the last line does not end with CRLF');
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  let started = false; // the current field had a quote at its start
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        const next = text[i];
        if (next !== ',' && next !== '\r') throw new Error(`text after a closing quote at offset ${i}`);
        continue;
      }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"') {
      if (field !== '' || started) throw new Error(`a quote inside an unquoted field at offset ${i}`);
      quoted = true;
      started = true;
      i += 1;
      continue;
    }
    if (ch === ',') {
      record.push(field);
      field = '';
      started = false;
      i += 1;
      continue;
    }
    if (ch === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`a CR without LF at offset ${i}`);
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      started = false;
      i += 2;
      continue;
    }
    if (ch === '\n') throw new Error(`a line ends with LF alone at offset ${i}`);
    field += ch;
    i += 1;
  }
  if (quoted) throw new Error('the file ends inside a quoted field');
  const [header, ...rows] = records;
  if (!header) throw new Error('no header row');
  return { header, rows };
}

const LEXICAL: Record<string, RegExp> = {
  integer: /^-?\d+$/,
  number: /^-?\d+(\.\d+)?$/,
  yearmonth: /^\d{4}-(0[1-9]|1[0-2])$/,
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
};

/** The typed value of a cell, or a problem. */
function cast(field: Field, text: string): { value: unknown } | { problem: string } {
  switch (field.type) {
    case 'string':
      return { value: text };
    case 'boolean': {
      const t = field.trueValues ?? ['true', 'True', 'TRUE', '1'];
      const f = field.falseValues ?? ['false', 'False', 'FALSE', '0'];
      if (t.includes(text)) return { value: true };
      if (f.includes(text)) return { value: false };
      return { problem: `"${text}" is not a boolean` };
    }
    case 'integer':
    case 'number':
    case 'yearmonth':
    case 'date': {
      const re = LEXICAL[field.type] as RegExp;
      if (!re.test(text)) return { problem: `"${text}" is not a ${field.type}` };
      return { value: field.type === 'integer' || field.type === 'number' ? Number(text) : text };
    }
    default:
      return { problem: `unknown type ${field.type}` };
  }
}

const list = (x: string | string[] | undefined): string[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

export function readPackage(folder: string): { descriptor: Descriptor; tables: Map<string, Table> } {
  const descriptor = JSON.parse(fs.readFileSync(path.join(folder, 'datapackage.json'), 'utf8')) as Descriptor;
  const tables = new Map<string, Table>();
  for (const r of descriptor.resources) tables.set(r.name, parseCsv(fs.readFileSync(path.join(folder, r.path))));
  return { descriptor, tables };
}

/** Every problem with the package in `folder`, as "resource row N column: what". */
export function checkPackage(folder: string): string[] {
  const problems: string[] = [];
  const descriptor = JSON.parse(fs.readFileSync(path.join(folder, 'datapackage.json'), 'utf8')) as Descriptor;
  const typed = new Map<string, Record<string, unknown>[]>();
  for (const r of descriptor.resources) {
    const file = path.join(folder, r.path);
    const bytes = fs.readFileSync(file);
    if (r.bytes !== undefined && r.bytes !== bytes.length)
      problems.push(`${r.name}: ${bytes.length} bytes, not ${r.bytes}`);
    if (r.hash !== undefined && r.hash !== `sha256:${createHash('sha256').update(bytes).digest('hex')}`) {
      problems.push(`${r.name}: the hash does not match`);
    }
    if (r.encoding !== 'utf-8') problems.push(`${r.name}: encoding ${r.encoding}`);
    if (r.dialect?.delimiter !== ',' || r.dialect.lineTerminator !== '\r\n') problems.push(`${r.name}: dialect`);
    let table: Table;
    try {
      table = parseCsv(bytes);
    } catch (error) {
      problems.push(`${r.name}: not RFC 4180 CSV: ${(error as Error).message}`);
      continue;
    }
    const fields = r.schema.fields;
    const names = fields.map((f) => f.name);
    if (JSON.stringify(table.header) !== JSON.stringify(names)) {
      problems.push(`${r.name}: header ${table.header.join(',')} is not ${names.join(',')}`);
      continue;
    }
    const missing = r.schema.missingValues ?? [''];
    const rows: Record<string, unknown>[] = [];
    table.rows.forEach((cells, i) => {
      const at = `${r.name} row ${i + 2}`;
      if (cells.length !== fields.length) {
        problems.push(`${at}: ${cells.length} cells for ${fields.length} fields`);
        return;
      }
      const row: Record<string, unknown> = {};
      fields.forEach((f, j) => {
        const text = cells[j] as string;
        const c = f.constraints ?? {};
        if (missing.includes(text)) {
          row[f.name] = null;
          if (c.required) problems.push(`${at} ${f.name}: required, but missing`);
          return;
        }
        const v = cast(f, text);
        if ('problem' in v) {
          problems.push(`${at} ${f.name}: ${v.problem}`);
          return;
        }
        row[f.name] = v.value;
        if (c.enum && !c.enum.includes(v.value)) problems.push(`${at} ${f.name}: "${text}" is not in the enum`);
        if (c.pattern && !new RegExp(`^(?:${c.pattern})$`, 'u').test(text)) {
          problems.push(`${at} ${f.name}: "${text}" does not match ${c.pattern}`);
        }
        if (c.minimum !== undefined && typeof v.value === 'number' && v.value < c.minimum) {
          problems.push(`${at} ${f.name}: ${text} < ${c.minimum}`);
        }
        if (c.maximum !== undefined && typeof v.value === 'number' && v.value > c.maximum) {
          problems.push(`${at} ${f.name}: ${text} > ${c.maximum}`);
        }
      });
      rows.push(row);
    });
    const key = list(r.schema.primaryKey);
    if (key.length === 0) problems.push(`${r.name}: no primary key`);
    const seen = new Set<string>();
    for (const [i, row] of rows.entries()) {
      const k = JSON.stringify(key.map((f) => row[f]));
      if (seen.has(k)) problems.push(`${r.name} row ${i + 2}: primary key ${k} twice`);
      seen.add(k);
    }
    typed.set(r.name, rows);
  }
  for (const r of descriptor.resources) {
    const rows = typed.get(r.name) ?? [];
    for (const fk of r.schema.foreignKeys ?? []) {
      const target = fk.reference.resource === '' ? r.name : fk.reference.resource;
      const targetRows = typed.get(target);
      if (!targetRows) {
        problems.push(`${r.name}: foreign key to ${target}, which is not in the package`);
        continue;
      }
      const from = list(fk.fields);
      const to = list(fk.reference.fields);
      const present = new Set(targetRows.map((t) => JSON.stringify(to.map((f) => t[f]))));
      for (const [i, row] of rows.entries()) {
        const values = from.map((f) => row[f]);
        if (values.some((v) => v === null || v === undefined)) continue;
        if (!present.has(JSON.stringify(values))) {
          problems.push(`${r.name} row ${i + 2}: ${from.join(',')} ${JSON.stringify(values)} not found in ${target}`);
        }
      }
    }
  }
  return problems;
}
