import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { englishText, messageRef } from '../../shared/contract/messages';
import { failWith, ok, type Result } from '../../shared/contract/result';
import { MAX_IMPORT_RUN_BYTES } from '../../shared/exchange/formats';
import { MAX_KEY_FILE_BYTES } from '../../shared/exchange/schema';
import type { Settings } from '../../shared/settings/schema';
import type { CallContext, Handlers } from '../backend/dispatch';
import { ExchangeError } from '../exchange/identity';
import { guardExchange, type Exchange, type KeyFileKind } from '../exchange/service';
import { art18Statistics } from '../reports/art18';
import { art18Tables } from '../reports/art18-tables';
import { toCsv, toXlsx } from '../reports/tables';
import {
  copyFileAtomic,
  FileTooLargeError,
  grantedOpen,
  grantedSave,
  noFileChosen,
  readGrantedFile,
  saveBytes,
  writeFailure,
} from './granted';

// The backend's channels that write a file the officer chose, or read one, in the host's dialog
// (shared/contract/file-dialogs.ts). Paths come only from the call's granted files, never from the input.

export type FileChannel =
  | 'keys.saveHqKeyFile'
  | 'keys.saveEnrolmentFile'
  | 'keys.importHq'
  | 'posts.readEnrolment'
  | 'posts.enrol'
  | 'exports.saveCopy'
  | 'imports.run'
  | 'reports.saveTable'
  | 'reports.saveArt18';

export interface FileHandlerDeps {
  readonly db: Database;
  readonly exchange: Exchange;
  readonly settings: () => Settings;
  readonly now: () => Date;
}

export function createFileHandlers(deps: FileHandlerDeps): Pick<Handlers, FileChannel> {
  const { db, exchange } = deps;
  // Enrolment files read and shown to the officer, waiting for the confirmation (the newest few only).
  const candidates = new Map<string, string>();
  return {
    'keys.saveHqKeyFile': (_input, context) => {
      const target = grantedSave(context);
      if (!target) return noFileChosen('keys.saveHqKeyFile');
      return guardFile(() => guardExchange(() => saveBytes(target, exchange.hqKeyFileText())));
    },
    'keys.saveEnrolmentFile': (_input, context) => {
      const target = grantedSave(context);
      if (!target) return noFileChosen('keys.saveEnrolmentFile');
      return guardFile(() => guardExchange(() => saveBytes(target, exchange.enrolmentFileText())));
    },
    'keys.importHq': (_input, context) => {
      const [file] = grantedOpen(context);
      if (!file) return noFileChosen('keys.importHq');
      return guardExchange(async () => exchange.importHqKeyFile(await readKeyFile(file, 'hq_key')));
    },
    'posts.readEnrolment': (_input, context) => {
      const [file] = grantedOpen(context);
      if (!file) return noFileChosen('posts.readEnrolment');
      return guardExchange(async () => {
        const content = await readKeyFile(file, 'enrolment');
        const parsed = exchange.readEnrolmentFile(content);
        const token = randomUUID();
        candidates.set(token, content);
        for (const old of [...candidates.keys()].slice(0, -5)) candidates.delete(old);
        return { token, file: parsed };
      });
    },
    'posts.enrol': (input, context) => {
      if ('token' in input) {
        const content = candidates.get(input.token);
        if (content === undefined) {
          return failWith('not_found', messageRef('files.enrolment_not_open'));
        }
        candidates.delete(input.token);
        return guardExchange(() => exchange.enrol(content));
      }
      const [file] = grantedOpen(context);
      if (!file) return noFileChosen('posts.enrol');
      return guardExchange(async () => exchange.enrol(await readKeyFile(file, 'enrolment')));
    },
    'exports.saveCopy': ({ exportId }, context) => {
      const target = grantedSave(context);
      if (!target) return noFileChosen('exports.saveCopy');
      const file = exchange.exportFile(exportId);
      if (!file) return failWith('not_found', messageRef('files.export_file_gone'));
      return guardFile(async () => ok(await copyFileAtomic(file.path, target)));
    },
    'imports.run': (input, context) => {
      if ('files' in input) {
        return guardExchange(() =>
          exchange.imports.run(
            input.files.map((f) => ({ name: f.name, bytes: f.bytes })),
            importOptions(input.dryRun, context),
          ),
        );
      }
      const files = grantedOpen(context);
      if (files.length === 0) return noFileChosen('imports.run');
      // Every checked file waits in memory for the one merge (so that a cancel changes nothing): bounded.
      const total = files.reduce((n, f) => n + sizeOrZero(f), 0);
      if (total > MAX_IMPORT_RUN_BYTES) {
        const reason = messageRef('files.import_run_too_large', {
          total: megabytes(total),
          limit: megabytes(MAX_IMPORT_RUN_BYTES),
        });
        const message = englishText(reason);
        return failWith('invalid_input', reason, {
          files: { code: 'too_large', message, params: reason.params ?? {} },
        });
      }
      // Each file is read when its turn comes, after its own size was checked.
      return guardExchange(() =>
        exchange.imports.run(
          files.map((f) => ({ name: path.basename(f), path: f })),
          importOptions(input.dryRun, context),
        ),
      );
    },
    'reports.saveTable': async ({ name, columns, rows, format }, context) => {
      const target = grantedSave(context);
      if (!target) return noFileChosen('reports.saveTable');
      const table = { name, columns, rows };
      const bytes = format === 'csv' ? Buffer.from(toCsv([table])) : await toXlsx([table]);
      return guardFile(() => ok(saveBytes(target, bytes)));
    },
    'reports.saveArt18': async ({ year, format }, context) => {
      const target = grantedSave(context);
      if (!target) return noFileChosen('reports.saveArt18');
      const report = art18Statistics(db, year, deps.settings(), deps.now());
      const bytes =
        format === 'json'
          ? Buffer.from(`${JSON.stringify(report, null, 2)}\n`)
          : format === 'csv'
            ? Buffer.from(toCsv(art18Tables(report)))
            : await toXlsx(art18Tables(report));
      return guardFile(() => ok(saveBytes(target, bytes)));
    },
  };
}

/** Reads a key or enrolment file the officer chose: at most MAX_KEY_FILE_BYTES, as UTF-8 text. */
async function readKeyFile(file: string, what: KeyFileKind): Promise<string> {
  try {
    return (await readGrantedFile(file, MAX_KEY_FILE_BYTES)).toString('utf8');
  } catch (error) {
    if (error instanceof FileTooLargeError) {
      const figures = { file: path.basename(file), size: error.size, limit: error.limit };
      throw new ExchangeError(
        'invalid_file',
        what === 'hq_key'
          ? messageRef('exchange.invalid_file.hq_key_too_large', figures)
          : messageRef('exchange.invalid_file.enrolment_too_large', figures),
      );
    }
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') {
      throw new ExchangeError(
        'invalid_file',
        messageRef('exchange.invalid_file.unreadable', { file: path.basename(file), error: code }),
      );
    }
    throw error;
  }
}

/** A write the disk refused at the chosen place: said as it is (where, and that nothing was changed). */
async function guardFile<T>(run: () => Result<T> | Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch (error) {
    const refused = writeFailure(error);
    if (refused) return refused;
    throw error;
  }
}

/** An import reports each file checked, and stops (having written nothing) when the caller cancels. */
function importOptions(dryRun: boolean, context: CallContext) {
  return {
    dryRun,
    signal: context.signal,
    onProgress: (done: number, total: number) => context.progress({ done, total, phase: 'check' }),
  };
}

/** A chosen file's size, or 0 when it cannot be read (the import then reports it as unreadable). */
function sizeOrZero(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function megabytes(bytes: number): number {
  return Math.ceil(bytes / (1024 * 1024));
}
