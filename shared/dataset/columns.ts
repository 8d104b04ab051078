// The evaluation dataset's building blocks: a column and a table, described once. The CSV writer, the Table
// Schema in datapackage.json and both codebooks (English and Dutch) are all generated from these definitions,
// so a column cannot be documented one way and written another.

/** Table Schema v1 field types the dataset uses. */
export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'yearmonth';

/** English and Dutch text of a description (the codebooks show the one of their language). */
export interface Bilingual {
  readonly en: string;
  readonly nl: string;
}

export interface ColumnDef {
  readonly name: string;
  readonly type: ColumnType;
  readonly description: Bilingual;
  /** Empty cells are not allowed. Primary-key columns are always required. */
  readonly required?: boolean;
  /** The allowed codes (string columns only). */
  readonly enum?: readonly string[];
  /** A regular expression every value matches (string columns only). */
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  /** How the value was coarsened or derived to protect identities, shown in the codebooks. */
  readonly privacy?: Bilingual;
}

export interface ForeignKeyDef {
  readonly fields: readonly string[];
  /** The table referenced; its columns of the same order. */
  readonly table: string;
  readonly columns: readonly string[];
}

/**
 * The kinds of table: `record` one row per logbook record (pseudonymous id), `link` pairs of records or a record
 * and a code, `code` reference lists, `aggregate` counts per combination (small counts suppressed).
 */
export type TableKind = 'record' | 'link' | 'code' | 'aggregate';

export interface TableDef {
  /** The resource name and the file name without `.csv`: lowercase letters, digits and underscores. */
  readonly name: string;
  readonly kind: TableKind;
  readonly title: Bilingual;
  readonly description: Bilingual;
  readonly columns: readonly ColumnDef[];
  readonly primaryKey: readonly string[];
  readonly foreignKeys?: readonly ForeignKeyDef[];
}

/** The marker of a suppressed count in the aggregate tables (Eurostat's "c", confidential). */
export const SUPPRESSED = 'c';

/** How long a pseudonymous id is: hexadecimal digits of the HMAC (80 bits). */
export const PSEUDONYM_LENGTH = 20;
export const PSEUDONYM_PATTERN = `^[0-9a-f]{${PSEUDONYM_LENGTH}}$`;

/** The missing-value markers of a table: aggregates mark suppressed counts; other tables leave cells empty. */
export function missingValues(table: TableDef): string[] {
  return table.kind === 'aggregate' ? [SUPPRESSED] : [''];
}

// Helpers that keep the table definitions short.

export function id(name: string, en: string, nl: string, required = true): ColumnDef {
  return {
    name,
    type: 'string',
    pattern: PSEUDONYM_PATTERN,
    required,
    description: { en, nl },
    privacy: {
      en: 'Pseudonymous id: HMAC-SHA-256 of the record id under this installation’s dataset key (see Pseudonyms).',
      nl: 'Pseudoniem: HMAC-SHA-256 van het record-id met de datasetsleutel van deze installatie (zie Pseudoniemen).',
    },
  };
}

export function code(name: string, values: readonly string[], en: string, nl: string, required = true): ColumnDef {
  return { name, type: 'string', enum: values, required, description: { en, nl } };
}

export function text(name: string, en: string, nl: string, required = true, pattern?: string): ColumnDef {
  return { name, type: 'string', required, description: { en, nl }, ...(pattern ? { pattern } : {}) };
}

export function flag(name: string, en: string, nl: string, required = true): ColumnDef {
  return { name, type: 'boolean', required, description: { en, nl } };
}

export function count(name: string, en: string, nl: string, required = true): ColumnDef {
  return { name, type: 'integer', minimum: 0, required, description: { en, nl } };
}

export function month(name: string, en: string, nl: string): ColumnDef {
  return {
    name,
    type: 'yearmonth',
    required: true,
    description: { en, nl },
    privacy: {
      en: 'Coarsened to the month (YYYY-MM) on the installation’s clock: the day and time are left out.',
      nl: 'Afgerond op de maand (JJJJ-MM) volgens de klok van de installatie: dag en tijd zijn weggelaten.',
    },
  };
}

export const COUNTRY_PATTERN = '^[A-Z]{2}$';
