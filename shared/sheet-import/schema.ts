import { z } from 'zod';
import { Id } from '../validation/primitives';
import { SheetMapping, SHEET_TARGETS } from './mapping';

// The IPC contract of spreadsheet import (issue 14, item 5). The file is opened in the host's dialog and read
// by the backend (never by the window); the window sends the mapping and the officer's cell fixes, and gets
// back each row's problems, a page at a time.

/** Files larger than this are refused before a byte of them is read. */
export const MAX_SHEET_FILE_BYTES = 50 * 1024 * 1024;
/** Rows of data (below the header row) one import takes. */
export const MAX_SHEET_ROWS = 200_000;
export const MAX_SHEET_COLUMNS = 200;
/** An XLSX file is a zip: what it may unpack to in all, and how many entries it may hold (zip bombs). */
export const MAX_XLSX_UNPACKED_BYTES = 400 * 1024 * 1024;
export const MAX_XLSX_ENTRIES = 2_000;
/** An entry unpacking to more than this many times its packed size (and more than 1 MB) is a zip bomb. */
export const MAX_XLSX_RATIO = 200;

const Params = z.record(z.string(), z.union([z.string(), z.number()]));
const Ref = z.strictObject({ code: z.string(), params: Params.optional() });

export const RowProblem = z.strictObject({
  column: z.string().nullable(),
  code: z.string(),
  params: Params,
});
export type RowProblemOut = z.output<typeof RowProblem>;

export const SheetToken = z.uuid();

export const OpenSheetInput = z.strictObject({}).optional();

export const SheetOpened = z.strictObject({
  token: SheetToken,
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  bytes: z.number().int().min(0),
  /** CSV: the encoding read ('utf-8', 'utf-8 (BOM)', 'windows-1252', 'utf-16le'); null for XLSX. */
  encoding: z.string().nullable(),
  /** CSV: the delimiter found (',', ';', '\t', '|'); null for XLSX. */
  delimiter: z.string().nullable(),
  /** XLSX: the worksheets by name, in order; CSV: one, ''. */
  sheets: z.array(z.string()),
  /** What the officer should know about the file (formulas read by their saved values...). */
  notices: z.array(Ref),
  /** The saved mapping of the source whose headers match, or one suggested from the headers. */
  mapping: SheetMapping,
  mappingFrom: z.enum(['saved', 'suggested']),
});
export type SheetOpened = z.output<typeof SheetOpened>;

export const CellEdit = z.strictObject({
  /** The row's number in the file (as the spreadsheet shows it). */
  row: z.number().int().min(1),
  /** The column's header as in the file. */
  column: z.string().max(200),
  value: z.string().max(10_000),
});
export type CellEdit = z.output<typeof CellEdit>;

export const PREVIEW_FILTERS = ['all', 'problems', 'ready', 'already_imported'] as const;

export const PreviewInput = z.strictObject({
  token: SheetToken,
  mapping: SheetMapping,
  edits: z.array(CellEdit).max(10_000).default([]),
  filter: z.enum(PREVIEW_FILTERS).default('all'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(0).max(1000).default(200),
});
export type PreviewInput = z.input<typeof PreviewInput>;

export const ROW_STATUSES = ['ready', 'problem', 'already_imported', 'duplicate'] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

export const PreviewRow = z.strictObject({
  row: z.number().int(),
  cells: z.array(z.string()),
  /** Headers of the cells the officer changed in the preview. */
  edited: z.array(z.string()),
  status: z.enum(ROW_STATUSES),
  /** For a duplicate: the row of the file it repeats. */
  duplicateOf: z.number().int().nullable(),
  problems: z.array(RowProblem),
  warnings: z.array(RowProblem),
});
export type PreviewRow = z.output<typeof PreviewRow>;

export const PreviewCounts = z.strictObject({
  rows: z.number().int(),
  ready: z.number().int(),
  problems: z.number().int(),
  alreadyImported: z.number().int(),
  duplicates: z.number().int(),
  warnings: z.number().int(),
});
export type PreviewCounts = z.output<typeof PreviewCounts>;

export const SheetPreview = z.strictObject({
  headers: z.array(z.string()),
  /** The first few data rows as in the file, for the mapping screen. */
  samples: z.array(z.array(z.string())),
  counts: PreviewCounts,
  /** Rows matching the filter. */
  total: z.number().int(),
  rows: z.array(PreviewRow),
});
export type SheetPreview = z.output<typeof SheetPreview>;

export const RunInput = z.strictObject({
  token: SheetToken,
  mapping: SheetMapping,
  edits: z.array(CellEdit).max(10_000).default([]),
  dryRun: z.boolean().default(false),
  /** Keep the mapping as the source's saved mapping (not on a dry run). */
  saveMapping: z.boolean().default(true),
});
export type RunInput = z.input<typeof RunInput>;

export const SheetImportReport = z.strictObject({
  /** The batch written; null on a dry run or when nothing was new. */
  batchId: Id.nullable(),
  dryRun: z.boolean(),
  source: z.string(),
  fileName: z.string(),
  target: z.enum(SHEET_TARGETS),
  counts: z.strictObject({
    rows: z.number().int(),
    /** Written (or, on a dry run, that would be). */
    imported: z.number().int(),
    alreadyImported: z.number().int(),
    duplicates: z.number().int(),
    /** Rows with problems: skipped, nothing of them written. */
    problems: z.number().int(),
  }),
  /** The first rows with problems, with their problems. */
  problemRows: z.array(z.strictObject({ row: z.number().int(), problems: z.array(RowProblem) })),
});
export type SheetImportReport = z.output<typeof SheetImportReport>;

export const SheetBatch = z.strictObject({
  id: Id,
  source: z.string(),
  fileName: z.string(),
  target: z.enum(SHEET_TARGETS),
  importedAt: z.string(),
  rows: z.number().int(),
  imported: z.number().int(),
  undoneAt: z.string().nullable(),
  /** After an undo: records kept because they were changed after the import. */
  kept: z.number().int(),
});
export type SheetBatch = z.output<typeof SheetBatch>;

export const UndoInput = z.strictObject({ batchId: Id });

export const UndoReport = z.strictObject({
  batchId: Id,
  /** Records moved to the trash (unchanged since the import). */
  removed: z.number().int(),
  /** Records kept because they were changed (or trashed) after the import. */
  kept: z.array(z.strictObject({ recordId: Id, row: z.number().int(), title: z.string() })),
});
export type UndoReport = z.output<typeof UndoReport>;

export const SaveMappingInput = z.strictObject({ mapping: SheetMapping });
export const SavedMapping = z.strictObject({ source: z.string(), savedAt: z.string(), mapping: SheetMapping });
export type SavedMapping = z.output<typeof SavedMapping>;
