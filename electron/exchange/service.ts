import fs from 'node:fs';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { EnrolmentFile, HqKeyFile } from '../../shared/exchange/formats';
import type { Settings } from '../../shared/settings/schema';
import { messageRef } from '../../shared/contract/messages';
import { failWith, ok, type Result } from '../../shared/contract/result';
import type { createOverviewService } from '../overview/service';
import type { RecordStore } from '../records/store';
import { createExportService } from './export';
import { createIdentityService, ExchangeError } from './identity';
import { createImportService } from './import';
import { postStatuses } from './posts';

// The exchange between posts and HQ behind one facade, shared by the IPC handlers and the command line.

export interface ExchangeDeps {
  db: Database;
  dataDir: string;
  store: RecordStore;
  overview: ReturnType<typeof createOverviewService>;
  settings: () => Settings;
  now: () => Date;
  appVersion: string;
}

export function createExchange(deps: ExchangeDeps) {
  const identity = createIdentityService(deps.db, deps.now);
  const exports = createExportService({ ...deps, identity });
  const imports = createImportService({ ...deps, identity });

  function parseFile<T>(
    schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false } },
    content: string,
    what: KeyFileKind,
  ): T {
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch {
      throw new ExchangeError(
        'invalid_file',
        messageRef(
          what === 'hq_key' ? 'exchange.invalid_file.hq_key_not_json' : 'exchange.invalid_file.enrolment_not_json',
        ),
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ExchangeError(
        'invalid_file',
        messageRef(
          what === 'hq_key' ? 'exchange.invalid_file.hq_key_damaged' : 'exchange.invalid_file.enrolment_damaged',
        ),
      );
    }
    return parsed.data;
  }

  return {
    identity,
    exports,
    imports,
    posts: () => postStatuses(deps.db),
    /** Where an export's file is (in the exports folder), or undefined if it is no longer there. */
    exportFile(exportId: string): { fileName: string; path: string } | undefined {
      const entry = exports.history().find((e) => e.exportId === exportId);
      if (!entry || !fs.existsSync(entry.path)) return undefined;
      return { fileName: entry.fileName, path: entry.path };
    },
    hqKeyFileText(): string {
      return `${JSON.stringify(identity.hqKeyFile(), null, 2)}\n`;
    },
    enrolmentFileText(): string {
      return `${JSON.stringify(identity.enrolmentFile(), null, 2)}\n`;
    },
    importHqKeyFile(content: string) {
      return identity.importHqKeyFile(parseFile(HqKeyFile, content, 'hq_key'));
    },
    /** An enrolment file's content, checked, for the officer to compare before enrolling it. */
    readEnrolmentFile(content: string): EnrolmentFile {
      return parseFile(EnrolmentFile, content, 'enrolment');
    },
    enrol(content: string) {
      identity.enrol(parseFile(EnrolmentFile, content, 'enrolment'));
      return postStatuses(deps.db);
    },
  };
}

export type Exchange = ReturnType<typeof createExchange>;

/** The two kinds of small file the exchange reads: HQ's key file and a post's enrolment file. */
export type KeyFileKind = 'hq_key' | 'enrolment';

/**
 * Exchange errors are the officer's to fix (wrong role, missing key, bad file): said plainly, by stable code
 * (`reason`, which the window translates), under the family `invalid_input` (a bad file) or `conflict`.
 */
export async function guardExchange<T>(run: () => T | Promise<T>): Promise<Result<T>> {
  try {
    return ok(await run());
  } catch (error) {
    if (error instanceof ExchangeError) {
      const params = error.ref.params;
      return error.code === 'invalid_file'
        ? failWith('invalid_input', error.ref, {
            content: { code: 'invalid_file', message: error.message, ...(params ? { params } : {}) },
          })
        : failWith('conflict', error.ref);
    }
    throw error;
  }
}
