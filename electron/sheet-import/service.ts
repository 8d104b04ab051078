import { createHash, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { messageRef } from '../../shared/contract/messages';
import type { Progress } from '../../shared/contract/progress';
import { convertRow, prepareMapping, type RowProblem } from '../../shared/sheet-import/convert';
import {
  IGNORE_ROLE,
  SheetMapping,
  roleSpec,
  sourceFromFileName,
  suggestMapping,
} from '../../shared/sheet-import/mapping';
import type {
  CellEdit,
  PreviewRow,
  RowStatus,
  SavedMapping,
  SheetBatch,
  SheetImportReport,
  SheetOpened,
  SheetPreview,
  UndoReport,
} from '../../shared/sheet-import/schema';
import { normaliseWord, PHENOMENON_VARIANTS } from '../../shared/sheet-import/values';
import { throwIfCancelled } from '../backend/dispatch';
import { inDashboardBatch } from '../reports/dashboard-batch';
import type { RecordStore } from '../records/store';
import { SheetFileError } from './errors';
import { readSheetFile, type ParsedSheetFile, type SheetGrid } from './read';

// Spreadsheet import: open a file (read and checked in full, nothing written), preview it through a mapping
// and the officer's cell fixes (every row's problems, a page at a time), then import the ready rows in one
// transaction as ordinary records, each row's fingerprint beside it; or undo a whole import.

export interface SheetImportDeps {
  readonly db: Database;
  readonly store: RecordStore;
  readonly timeZone: () => string;
  readonly now: () => Date;
}

interface Evaluated {
  readonly status: RowStatus;
  readonly problems: readonly RowProblem[];
  readonly warnings: readonly RowProblem[];
  readonly fields?: unknown;
  readonly duplicateOf: number | null;
}

interface Table {
  readonly headers: readonly string[];
  /** Data rows (below the header row, empty rows left out), with their numbers in the file. */
  readonly rows: readonly (readonly string[])[];
  readonly rowNumbers: readonly number[];
}

interface OpenSheet {
  readonly file: ParsedSheetFile;
  cache?: { key: string; signatures: string[]; results: Evaluated[] };
  fingerprints?: { key: string; list: string[] };
}

type ProgressFn = (progress: Progress) => void;

/** How many files stay open for preview at once (the newest). */
const OPEN_FILES = 3;
/** Rows with problems listed in an import's report. */
const REPORT_PROBLEM_ROWS = 200;

export function createSheetImport(deps: SheetImportDeps) {
  const { db, store } = deps;
  const open = new Map<string, OpenSheet>();

  const phenomena = db.prepare<[], { code: string; label_en: string; label_nl: string }>(
    "SELECT code, label_en, label_nl FROM taxonomy_term WHERE taxonomy = 'phenomenon'",
  );
  const organisations = db.prepare<[], { id: string; title: string }>(
    "SELECT id, title FROM record WHERE kind = 'organisation' AND deleted_at IS NULL",
  );
  const importedRow = db.prepare<[string], { batch_id: string }>(
    'SELECT batch_id FROM sheet_import_row WHERE fingerprint = ?',
  );
  const insertBatch = db.prepare(`INSERT INTO sheet_import_batch
    (id, source, file_name, file_sha256, target, mapping, imported_at, row_count, imported)
    VALUES (@id, @source, @fileName, @sha256, @target, @mapping, @at, @rows, @imported)`);
  const insertRow = db.prepare(
    'INSERT INTO sheet_import_row (fingerprint, batch_id, row_number, record_id, record_revision) VALUES (?, ?, ?, ?, 1)',
  );
  const setImported = db.prepare('UPDATE sheet_import_batch SET imported = ? WHERE id = ?');
  const saveMappingRow = db.prepare(`INSERT INTO sheet_import_mapping (source, mapping, headers, saved_at)
    VALUES (?, ?, ?, ?) ON CONFLICT (source) DO UPDATE SET mapping = excluded.mapping, headers = excluded.headers,
    saved_at = excluded.saved_at`);
  const mappingRows = db.prepare<[], { source: string; mapping: string; headers: string; saved_at: string }>(
    'SELECT source, mapping, headers, saved_at FROM sheet_import_mapping ORDER BY saved_at DESC',
  );

  function lookups() {
    const byWord = new Map<string, string>();
    const terms = phenomena.all();
    const codes = new Set(terms.map((t) => t.code));
    for (const [word, code] of Object.entries(PHENOMENON_VARIANTS)) if (codes.has(code)) byWord.set(word, code);
    for (const t of terms) {
      for (const word of [t.code.replace(/_/g, ' '), t.label_en, t.label_nl]) byWord.set(normaliseWord(word), t.code);
    }
    const orgs = new Map<string, string>();
    for (const o of organisations.all()) orgs.set(normaliseWord(o.title), o.id);
    return {
      phenomenon: (word: string) => byWord.get(normaliseWord(word)),
      organisation: (name: string) => orgs.get(normaliseWord(name)),
    };
  }

  function session(token: string): OpenSheet {
    const s = open.get(token);
    if (!s) throw new SheetFileError(messageRef('sheet_import.not_open'));
    return s;
  }

  async function openFile(file: string, onProgress: ProgressFn = () => undefined): Promise<SheetOpened> {
    const parsed = await readSheetFile(file, {
      onProgress: (done, total, phase) => onProgress({ done, total, phase }),
    });
    const token = randomUUID();
    open.set(token, { file: parsed });
    for (const old of [...open.keys()].slice(0, -OPEN_FILES)) open.delete(old);
    const { mapping, from } = initialMapping(parsed);
    return {
      token,
      fileName: parsed.fileName,
      format: parsed.format,
      bytes: parsed.bytes,
      encoding: parsed.encoding,
      delimiter: parsed.delimiter,
      sheets: parsed.sheets.map((s) => s.name),
      notices: [...parsed.notices],
      mapping,
      mappingFrom: from,
    };
  }

  /** The saved mapping whose source's headers are this file's, else one suggested from its headers. */
  function initialMapping(file: ParsedSheetFile): { mapping: SheetMapping; from: 'saved' | 'suggested' } {
    const saved = mappingRows.all();
    for (const row of saved) {
      const mapping = SheetMapping.parse(JSON.parse(row.mapping));
      const grid = file.sheets.find((s) => s.name === mapping.sheet) ?? file.sheets[0];
      const headers = grid ? headerNames(grid.rows[mapping.headerRow - 1] ?? []) : [];
      const savedHeaders = JSON.parse(row.headers) as string[];
      if (headers.length > 0 && sameSet(headers, savedHeaders)) return { mapping, from: 'saved' };
    }
    const source = sourceFromFileName(file.fileName);
    const bySource = saved.find((r) => r.source === source);
    if (bySource) return { mapping: SheetMapping.parse(JSON.parse(bySource.mapping)), from: 'saved' };
    const first = file.sheets[0];
    const headerRow = first ? guessHeaderRow(first) : 1;
    const headers = first ? headerNames(first.rows[headerRow - 1] ?? []) : [];
    const suggested = suggestMapping(source, headers);
    return { mapping: { ...suggested, headerRow, dateOrder: guessDateOrder(first, headerRow) }, from: 'suggested' };
  }

  /** The sheet's table under a mapping: refusals for merged cells and formulas without a value said here. */
  function tableOf(file: ParsedSheetFile, mapping: SheetMapping): Table {
    const grid = mapping.sheet === null ? file.sheets[0] : file.sheets.find((s) => s.name === mapping.sheet);
    if (!grid) throw new SheetFileError(messageRef('sheet_import.sheet.no_such_sheet', { sheet: mapping.sheet ?? '' }));
    const merged = grid.merges.filter((m) => m.bottom >= mapping.headerRow);
    if (merged.length > 0) {
      throw new SheetFileError(
        messageRef('sheet_import.sheet.merged_cells', {
          ranges: merged
            .slice(0, 5)
            .map((m) => m.range)
            .join(', '),
        }),
      );
    }
    const uncached = grid.uncached.find((u) => u.row >= mapping.headerRow);
    if (uncached)
      throw new SheetFileError(messageRef('sheet_import.sheet.formula_without_value', { cell: uncached.cell }));
    const headers = headerNames(grid.rows[mapping.headerRow - 1] ?? []);
    const rows: string[][] = [];
    const rowNumbers: number[] = [];
    for (let i = mapping.headerRow; i < grid.rows.length; i++) {
      const cells = grid.rows[i] ?? [];
      if (cells.every((c) => c === '')) continue;
      rows.push(headers.map((_, c) => cells[c] ?? ''));
      rowNumbers.push(i + 1);
    }
    if (rows.length === 0) throw new SheetFileError(messageRef('sheet_import.file.no_rows'));
    for (const [column, role] of Object.entries(mapping.columns)) {
      if (role === IGNORE_ROLE) continue;
      if (!headers.includes(column))
        throw new SheetFileError(messageRef('sheet_import.mapping.unknown_column', { column }));
      if (!roleSpec(mapping.target, role)) {
        throw new SheetFileError(
          messageRef('sheet_import.mapping.unknown_role', { column, role, target: mapping.target }),
        );
      }
    }
    return { headers, rows, rowNumbers };
  }

  function fingerprintsOf(s: OpenSheet, table: Table, mapping: SheetMapping): string[] {
    const key = `${mapping.source}\u0000${mapping.sheet ?? ''}\u0000${mapping.headerRow}`;
    if (s.fingerprints?.key === key) return s.fingerprints.list;
    const normalHeaders = table.headers.map((h) => normaliseWord(h));
    const list = table.rows.map((cells) => rowFingerprint(mapping.source, normalHeaders, cells));
    s.fingerprints = { key, list };
    return list;
  }

  /** Every row evaluated (cached per mapping; a row is evaluated again when its fixes change). */
  function evaluate(s: OpenSheet, mapping: SheetMapping, edits: readonly CellEdit[]) {
    const table = tableOf(s.file, mapping);
    const fingerprints = fingerprintsOf(s, table, mapping);
    const key = JSON.stringify(mapping);
    if (s.cache?.key !== key) s.cache = { key, signatures: [], results: [] };
    const cache = s.cache;
    const editsByRow = new Map<number, CellEdit[]>();
    for (const e of edits) editsByRow.set(e.row, [...(editsByRow.get(e.row) ?? []), e]);
    const prepared = prepareMapping(mapping, table.headers);
    let look: ReturnType<typeof lookups> | undefined;
    const ctx = () => ({
      mapping,
      headers: table.headers,
      timeZone: deps.timeZone(),
      lookups: (look ??= lookups()),
    });
    const firstOf = new Map<string, number>();
    const cells: (readonly string[])[] = [];
    for (let i = 0; i < table.rows.length; i++) {
      const rowNumber = table.rowNumbers[i] ?? 0;
      const rowEdits = editsByRow.get(rowNumber);
      const original = table.rows[i] ?? [];
      const row = rowEdits ? applyEdits(original, table.headers, rowEdits) : original;
      cells.push(row);
      const fingerprint = fingerprints[i] ?? '';
      const signature = rowEdits ? JSON.stringify(rowEdits) : '';
      const first = firstOf.get(fingerprint);
      if (first === undefined) firstOf.set(fingerprint, rowNumber);
      if (cache.signatures[i] === signature && cache.results[i] !== undefined) continue;
      cache.signatures[i] = signature;
      if (first !== undefined) {
        cache.results[i] = { status: 'duplicate', problems: [], warnings: [], duplicateOf: first };
      } else if (importedRow.get(fingerprint)) {
        cache.results[i] = { status: 'already_imported', problems: [], warnings: [], duplicateOf: null };
      } else {
        const outcome = convertRow(ctx(), prepared, row);
        cache.results[i] = outcome.ok
          ? { status: 'ready', problems: [], warnings: outcome.warnings, fields: outcome.fields, duplicateOf: null }
          : { status: 'problem', problems: outcome.problems, warnings: outcome.warnings, duplicateOf: null };
      }
    }
    return { table, cells, results: cache.results.slice(0, table.rows.length), fingerprints };
  }

  function preview(input: {
    token: string;
    mapping: SheetMapping;
    edits: readonly CellEdit[];
    filter: 'all' | 'problems' | 'ready' | 'already_imported';
    offset: number;
    limit: number;
  }): SheetPreview {
    const s = session(input.token);
    const { table, cells, results } = evaluate(s, input.mapping, input.edits);
    const counts = countsOf(results);
    const editedOf = new Map<number, Set<string>>();
    for (const e of input.edits) editedOf.set(e.row, (editedOf.get(e.row) ?? new Set()).add(e.column));
    const matching: number[] = [];
    results.forEach((r, i) => {
      const keep =
        input.filter === 'all' ||
        (input.filter === 'problems' && r.status === 'problem') ||
        (input.filter === 'ready' && r.status === 'ready') ||
        (input.filter === 'already_imported' && (r.status === 'already_imported' || r.status === 'duplicate'));
      if (keep) matching.push(i);
    });
    const rows: PreviewRow[] = matching.slice(input.offset, input.offset + input.limit).map((i) => {
      const r = results[i] as Evaluated;
      const rowNumber = table.rowNumbers[i] ?? 0;
      return {
        row: rowNumber,
        cells: [...(cells[i] ?? [])],
        edited: [...(editedOf.get(rowNumber) ?? [])],
        status: r.status,
        duplicateOf: r.duplicateOf,
        problems: r.problems.map(plainProblem),
        warnings: r.warnings.map(plainProblem),
      };
    });
    return {
      headers: [...table.headers],
      samples: table.rows.slice(0, 3).map((r) => [...r]),
      counts,
      total: matching.length,
      rows,
    };
  }

  function run(
    input: { token: string; mapping: SheetMapping; edits: readonly CellEdit[]; dryRun: boolean; saveMapping: boolean },
    signal?: AbortSignal,
    onProgress: ProgressFn = () => undefined,
  ): SheetImportReport {
    const s = session(input.token);
    const { mapping } = input;
    const { table, results, fingerprints } = evaluate(s, mapping, input.edits);
    const counts = countsOf(results);
    const problemRows = results
      .map((r, i) => ({ r, row: table.rowNumbers[i] ?? 0 }))
      .filter(({ r }) => r.status === 'problem')
      .slice(0, REPORT_PROBLEM_ROWS)
      .map(({ r, row }) => ({ row, problems: r.problems.map(plainProblem) }));
    const report = (batchId: string | null, imported: number): SheetImportReport => ({
      batchId,
      dryRun: input.dryRun,
      source: mapping.source,
      fileName: s.file.fileName,
      target: mapping.target,
      counts: {
        rows: counts.rows,
        imported,
        alreadyImported: counts.alreadyImported,
        duplicates: counts.duplicates,
        problems: counts.problems,
      },
      problemRows,
    });
    if (input.dryRun) return report(null, counts.ready);
    const at = deps.now().toISOString();
    const ready = results.flatMap((r, i) => (r.status === 'ready' ? [i] : []));
    const batchId = ready.length > 0 ? randomUUID() : null;
    let written = 0;
    inDashboardBatch(db, () => {
      if (batchId) {
        insertBatch.run({
          id: batchId,
          source: mapping.source,
          fileName: s.file.fileName,
          sha256: s.file.sha256,
          target: mapping.target,
          mapping: JSON.stringify(mapping),
          at,
          rows: counts.rows,
          imported: ready.length,
        });
      }
      for (const i of ready) {
        if (written % 500 === 0) {
          throwIfCancelled(signal ?? new AbortController().signal);
          onProgress({ done: written, total: ready.length, phase: 'write' });
          if (batchId) setImported.run(written, batchId);
        }
        const fingerprint = fingerprints[i] ?? '';
        // Checked again inside the transaction: another import may have written the row since the preview.
        if (importedRow.get(fingerprint)) continue;
        const id = randomUUID();
        store.insertInTransaction(mapping.target, (results[i] as Evaluated).fields, id);
        insertRow.run(fingerprint, batchId, table.rowNumbers[i] ?? 0, id);
        written += 1;
      }
      onProgress({ done: written, total: ready.length, phase: 'write' });
      if (batchId) setImported.run(written, batchId);
      if (input.saveMapping)
        saveMappingRow.run(mapping.source, JSON.stringify(mapping), JSON.stringify(table.headers), at);
    });
    // The statuses changed: rows just written are "already imported" now.
    s.cache = undefined;
    return report(batchId, written);
  }

  const batchRows = db.prepare<
    [],
    {
      id: string;
      source: string;
      file_name: string;
      target: SheetBatch['target'];
      imported_at: string;
      row_count: number;
      imported: number;
      undone_at: string | null;
      kept: number;
    }
  >('SELECT * FROM sheet_import_batch ORDER BY imported_at DESC, rowid DESC LIMIT 200');

  function batches(): SheetBatch[] {
    return batchRows.all().map((b) => ({
      id: b.id,
      source: b.source,
      fileName: b.file_name,
      target: b.target,
      importedAt: b.imported_at,
      rows: b.row_count,
      imported: b.imported,
      undoneAt: b.undone_at,
      kept: b.kept,
    }));
  }

  const batchOf = db.prepare<[string], { target: SheetBatch['target']; undone_at: string | null }>(
    'SELECT target, undone_at FROM sheet_import_batch WHERE id = ?',
  );
  const rowsOfBatch = db.prepare<
    [string],
    { fingerprint: string; row_number: number; record_id: string; record_revision: number }
  >(
    'SELECT fingerprint, row_number, record_id, record_revision FROM sheet_import_row WHERE batch_id = ? ORDER BY row_number',
  );
  const recordState = db.prepare<[string], { revision: number; deleted_at: string | null; title: string }>(
    'SELECT revision, deleted_at, title FROM record WHERE id = ?',
  );
  const forgetRow = db.prepare('DELETE FROM sheet_import_row WHERE fingerprint = ?');
  const markUndone = db.prepare('UPDATE sheet_import_batch SET undone_at = ?, kept = ? WHERE id = ?');

  /**
   * Undoes an import: each record still as the import wrote it goes to the trash (so an export tells HQ it is
   * gone, and the officer can still restore it), and its row may be imported again; a record changed since is
   * kept, and said.
   */
  function undo(batchId: string, signal?: AbortSignal): UndoReport {
    const batch = batchOf.get(batchId);
    if (!batch) throw new SheetFileError(messageRef('sheet_import.batch.not_found', { batchId }));
    if (batch.undone_at) {
      throw new SheetFileError(messageRef('sheet_import.batch.already_undone', { undoneAt: batch.undone_at }));
    }
    const kept: UndoReport['kept'] = [];
    let removed = 0;
    inDashboardBatch(db, () => {
      for (const row of rowsOfBatch.all(batchId)) {
        if (removed % 500 === 0) throwIfCancelled(signal ?? new AbortController().signal);
        const state = recordState.get(row.record_id);
        if (!state) {
          forgetRow.run(row.fingerprint);
        } else if (state.revision === row.record_revision && state.deleted_at === null) {
          store.setTrashed(batch.target, row.record_id, true);
          forgetRow.run(row.fingerprint);
          removed += 1;
        } else {
          kept.push({ recordId: row.record_id, row: row.row_number, title: state.title });
        }
      }
      markUndone.run(deps.now().toISOString(), kept.length, batchId);
    });
    for (const s of open.values()) s.cache = undefined;
    return { batchId, removed, kept };
  }

  function savedMappings(): SavedMapping[] {
    return mappingRows
      .all()
      .map((r) => ({ source: r.source, savedAt: r.saved_at, mapping: SheetMapping.parse(JSON.parse(r.mapping)) }));
  }

  return { openFile, preview, run, batches, undo, savedMappings };
}

export type SheetImport = ReturnType<typeof createSheetImport>;

/** The header row's names: empty ones named by their column, repeated ones numbered ("Notes (2)"). */
function headerNames(row: readonly string[]): string[] {
  const seen = new Map<string, number>();
  let last = row.length;
  while (last > 0 && (row[last - 1] ?? '') === '') last -= 1;
  return row.slice(0, last).map((raw, i) => {
    const base = raw.trim() || `(${columnName(i + 1)})`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

function columnName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/**
 * The first of the first ten rows outside merged cells with at least two different filled cells and no
 * number-only cell: the header row (a title line above the table is skipped).
 */
function guessHeaderRow(grid: SheetGrid): number {
  for (let i = 0; i < Math.min(10, grid.rows.length); i++) {
    if (grid.merges.some((m) => m.top <= i + 1 && m.bottom >= i + 1)) continue;
    const cells = (grid.rows[i] ?? []).filter((c) => c !== '');
    if (new Set(cells).size >= 2 && cells.every((c) => !/^[\d.,\s-]+$/.test(c))) return i + 1;
  }
  return 1;
}

/** Month-first when some numeric date's middle part is above 12 (12/31/2019), else day-first. */
function guessDateOrder(grid: SheetGrid | undefined, headerRow: number): 'dmy' | 'mdy' {
  if (!grid) return 'dmy';
  let monthFirst = 0;
  let dayFirst = 0;
  for (const row of grid.rows.slice(headerRow, headerRow + 500)) {
    for (const cell of row) {
      const m = /^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}/.exec(cell);
      if (!m) continue;
      if (Number(m[2]) > 12) monthFirst += 1;
      if (Number(m[1]) > 12) dayFirst += 1;
    }
  }
  return monthFirst > dayFirst ? 'mdy' : 'dmy';
}

function applyEdits(cells: readonly string[], headers: readonly string[], edits: readonly CellEdit[]): string[] {
  const out = [...cells];
  for (const e of edits) {
    const i = headers.indexOf(e.column);
    if (i >= 0) out[i] = e.value.trim();
  }
  return out;
}

/**
 * A row's fingerprint: the source and the row's normalised content (header and cell, lower case, accents and
 * punctuation as spaces, empty cells left out, in header order). The same row in the same source is recognised
 * whatever the column order, spacing or case; any change to a value makes it another row.
 */
export function rowFingerprint(source: string, normalHeaders: readonly string[], cells: readonly string[]): string {
  const pairs: [string, string][] = [];
  cells.forEach((cell, i) => {
    const value = cell.trim().replace(/\s+/g, ' ').toLowerCase();
    if (value !== '') pairs.push([normalHeaders[i] ?? String(i), value]);
  });
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1));
  return createHash('sha256')
    .update(`${normaliseWord(source)}\u0000${JSON.stringify(pairs)}`)
    .digest('hex');
}

function countsOf(results: readonly Evaluated[]) {
  const counts = { rows: results.length, ready: 0, problems: 0, alreadyImported: 0, duplicates: 0, warnings: 0 };
  for (const r of results) {
    if (r.status === 'ready') counts.ready += 1;
    else if (r.status === 'problem') counts.problems += 1;
    else if (r.status === 'already_imported') counts.alreadyImported += 1;
    else counts.duplicates += 1;
    if (r.warnings.length > 0) counts.warnings += 1;
  }
  return counts;
}

function plainProblem(p: RowProblem) {
  return { column: p.column, code: p.code, params: { ...p.params } };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x));
}
