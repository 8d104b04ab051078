import path from 'node:path';
import { englishText, isMessageCode, type MessageRef } from '../../shared/contract/messages';
import type { Result } from '../../shared/contract/result';
import type { SheetMapping } from '../../shared/sheet-import/mapping';
import type { SheetImportReport, UndoReport } from '../../shared/sheet-import/schema';
import type { Backend } from '../backend/create-backend';
import { callWithFiles } from '../files/trusted';
import { SheetFileError } from '../sheet-import/errors';
import { readMappingFile } from '../sheet-import/handlers';
import type { CliIo } from './io';

// `import-sheet`: the officer's legacy spreadsheet through the same channels as the window (the file granted
// as the host grants the one chosen in its dialog), with the import configuration from --mapping.

export const SHEET_COMMANDS_HELP = `  import-sheet FILE [--mapping M.json] [--dry-run] [--json]
                      Import a legacy log (CSV or XLSX) as records, rows per the import configuration
                      M.json (docs/sheet-import.md; without it, the mapping saved for a file with the
                      same headers). Rows already imported are recognised and skipped; rows with problems
                      are listed and skipped. Exit status 1 if any row had a problem.
  import-sheet undo BATCH [--json]
                      Undo a spreadsheet import: its records unchanged since go to the trash.
  import-sheet batches [--json]
                      List the spreadsheet imports.
`;

export interface SheetCommandArgs {
  readonly positionals: readonly string[];
  readonly values: { mapping?: string; 'dry-run'?: boolean; json?: boolean };
}

function said(ref: MessageRef | undefined, fallback: string): string {
  return ref && isMessageCode(ref.code) ? englishText(ref) : fallback;
}

function refused<T>(r: Result<T>, io: CliIo): r is Extract<Result<T>, { ok: false }> {
  if (r.ok) return false;
  io.err(`liaison-log: ${said(r.error.reason, r.error.message)}\n`);
  return true;
}

export async function runSheetCommand(args: SheetCommandArgs, backend: Backend, io: CliIo): Promise<number> {
  const [, first, second] = args.positionals;
  const json = args.values.json === true;
  if (first === 'batches') {
    const r = await backend.call('sheetImport.batches', {});
    if (refused(r, io)) return 1;
    if (json) io.out(`${JSON.stringify(r.value, null, 2)}\n`);
    else {
      for (const b of r.value) {
        io.out(
          `${b.id}  ${b.importedAt}  ${b.source}  ${b.fileName}  ${b.imported}/${b.rows} ${b.target}s` +
            `${b.undoneAt ? `  undone ${b.undoneAt}${b.kept ? ` (${b.kept} kept)` : ''}` : ''}\n`,
        );
      }
      if (r.value.length === 0) io.out('No spreadsheet imports yet.\n');
    }
    return 0;
  }
  if (first === 'undo') {
    if (!second) {
      io.err('liaison-log: import-sheet undo BATCH\n');
      return 2;
    }
    const r = await backend.call('sheetImport.undo', { batchId: second });
    if (refused(r, io)) return r.error.code === 'invalid_input' ? 2 : 1;
    printUndo(r.value, json, io);
    return 0;
  }
  if (!first) {
    io.err('liaison-log: import-sheet FILE [--mapping M.json] [--dry-run] [--json]\n');
    return 2;
  }
  const file = path.resolve(first);
  let given: SheetMapping | undefined;
  if (args.values.mapping) {
    try {
      given = readMappingFile(path.resolve(args.values.mapping));
    } catch (error) {
      if (!(error instanceof SheetFileError)) throw error;
      io.err(`liaison-log: ${error.message}\n`);
      return 2;
    }
  }
  const opened = await callWithFiles(backend.invoke, 'sheetImport.open', {}, { open: [file] });
  if (refused(opened, io)) return 1;
  for (const notice of opened.value.notices) io.err(`${said(notice as MessageRef, notice.code)}\n`);
  let mapping = given;
  if (!mapping) {
    if (opened.value.mappingFrom !== 'saved') {
      io.err(
        'liaison-log: no import configuration is saved for a file with these headers: give one with --mapping M.json.\n' +
          'The configuration suggested from the headers (save it to a file, check it, then pass it with --mapping):\n',
      );
      io.out(`${JSON.stringify(opened.value.mapping, null, 2)}\n`);
      return 2;
    }
    mapping = opened.value.mapping;
    io.err(`Using the import configuration saved for source "${mapping.source}".\n`);
  }
  const r = await backend.call('sheetImport.run', {
    token: opened.value.token,
    mapping,
    dryRun: args.values['dry-run'] === true,
  });
  if (refused(r, io)) return r.error.code === 'invalid_input' ? 2 : 1;
  printReport(r.value, json, io);
  return r.value.counts.problems > 0 ? 1 : 0;
}

function printReport(report: SheetImportReport, json: boolean, io: CliIo): void {
  if (json) {
    io.out(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const c = report.counts;
  const verb = report.dryRun ? 'Would import' : 'Imported';
  io.out(
    `${verb} ${c.imported} of ${c.rows} rows from ${report.fileName} as ${report.target}s (source "${report.source}")` +
      `${report.batchId ? `, batch ${report.batchId}` : ''}${report.dryRun ? ' (dry run, nothing changed)' : ''}.\n`,
  );
  if (c.alreadyImported > 0) io.out(`${c.alreadyImported} rows were already imported: skipped.\n`);
  if (c.duplicates > 0) io.out(`${c.duplicates} rows repeat an earlier row of the file: skipped.\n`);
  if (c.problems > 0) {
    io.out(`${c.problems} rows have problems and were not imported:\n`);
    for (const row of report.problemRows) {
      for (const p of row.problems) {
        const ref = { code: p.code, params: p.params } as MessageRef;
        io.out(`  row ${row.row}: ${said(ref, p.code)}\n`);
      }
    }
    if (report.problemRows.length < c.problems) io.out(`  (the first ${report.problemRows.length} shown)\n`);
  }
}

function printUndo(report: UndoReport, json: boolean, io: CliIo): void {
  if (json) {
    io.out(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  io.out(`Undid import ${report.batchId}: ${report.removed} records moved to the trash.\n`);
  if (report.kept.length > 0) {
    io.out(`${report.kept.length} records were changed after the import and are kept:\n`);
    for (const k of report.kept) io.out(`  row ${k.row}: ${k.title} (${k.recordId})\n`);
  }
}
