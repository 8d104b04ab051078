import fs from 'node:fs';
import path from 'node:path';
import { messageRef } from '../../shared/contract/messages';
import { failWith, ok, type Result } from '../../shared/contract/result';
import { SheetMapping } from '../../shared/sheet-import/mapping';
import type { Handlers } from '../backend/dispatch';
import { grantedOpen, grantedSave, noFileChosen, saveBytes, writeFailure } from '../files/granted';
import { SheetFileError } from './errors';
import type { SheetImport } from './service';

// The backend's spreadsheet-import channels. Files come only from the host's dialogs (granted paths), or from
// the command line granting its own argument the same way.

export type SheetImportChannel =
  | 'sheetImport.open'
  | 'sheetImport.preview'
  | 'sheetImport.run'
  | 'sheetImport.batches'
  | 'sheetImport.undo'
  | 'sheetImport.mappings'
  | 'sheetImport.saveMapping'
  | 'sheetImport.openMapping';

/** An import configuration file is small: anything larger is not one. */
const MAX_MAPPING_BYTES = 256 * 1024;

export function createSheetImportHandlers(sheets: SheetImport): Pick<Handlers, SheetImportChannel> {
  return {
    'sheetImport.open': (_input, context) => {
      const [file] = grantedOpen(context);
      if (!file) return noFileChosen('sheetImport.open');
      return guard(async () => ok(await sheets.openFile(file, (p) => context.progress(p))));
    },
    'sheetImport.preview': (input) => guard(() => ok(sheets.preview(input))),
    'sheetImport.run': (input, context) =>
      guard(() => ok(sheets.run(input, context.signal, (p) => context.progress(p)))),
    'sheetImport.batches': () => ok(sheets.batches()),
    'sheetImport.undo': ({ batchId }, context) => guard(() => ok(sheets.undo(batchId, context.signal))),
    'sheetImport.mappings': () => ok(sheets.savedMappings()),
    'sheetImport.saveMapping': ({ mapping }, context) => {
      const target = grantedSave(context);
      if (!target) return noFileChosen('sheetImport.saveMapping');
      try {
        return ok(saveBytes(target, Buffer.from(`${JSON.stringify(mapping, null, 2)}\n`)));
      } catch (error) {
        const refused = writeFailure(error);
        if (refused) return refused;
        throw error;
      }
    },
    'sheetImport.openMapping': (_input, context) => {
      const [file] = grantedOpen(context);
      if (!file) return noFileChosen('sheetImport.openMapping');
      return guard(() => ok(readMappingFile(file)));
    },
  };
}

/** Reads an import configuration (JSON) file: the same object the mapping screen saves and --mapping takes. */
export function readMappingFile(file: string): SheetMapping {
  const name = path.basename(file);
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_MAPPING_BYTES) throw new SheetFileError(messageRef('sheet_import.mapping.not_json', { file: name }));
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof SheetFileError) throw error;
    const code = (error as { code?: unknown }).code;
    throw new SheetFileError(messageRef('sheet_import.file.unreadable', { file: name, error: String(code ?? error) }));
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new SheetFileError(messageRef('sheet_import.mapping.not_json', { file: name }));
  }
  const parsed = SheetMapping.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SheetFileError(
      messageRef('sheet_import.mapping.invalid', {
        file: name,
        problem: issue?.message ?? 'invalid',
        at: issue?.path.join('.') || '(top)',
      }),
    );
  }
  return parsed.data;
}

async function guard<T>(run: () => Result<T> | Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SheetFileError) {
      const notFound =
        error.reason.code === 'sheet_import.batch.not_found' || error.reason.code === 'sheet_import.not_open';
      const conflict = error.reason.code === 'sheet_import.batch.already_undone';
      return failWith(notFound ? 'not_found' : conflict ? 'conflict' : 'invalid_input', error.reason);
    }
    throw error;
  }
}
