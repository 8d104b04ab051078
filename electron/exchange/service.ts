import fs from 'node:fs';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { EnrolmentFile, HqKeyFile } from '../../shared/exchange/formats';
import type { Settings } from '../../shared/settings/schema';
import { fail, ok, type Result } from '../../shared/contract/result';
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
    what: string,
  ): T {
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch {
      throw new ExchangeError('invalid_file', `This is not ${what} (not JSON).`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ExchangeError('invalid_file', `This is not ${what}, or it is damaged.`);
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
      return identity.importHqKeyFile(parseFile(HqKeyFile, content, 'an HQ key file'));
    },
    /** An enrolment file's content, checked, for the officer to compare before enrolling it. */
    readEnrolmentFile(content: string): EnrolmentFile {
      return parseFile(EnrolmentFile, content, 'an enrolment file');
    },
    enrol(content: string) {
      identity.enrol(parseFile(EnrolmentFile, content, 'an enrolment file'));
      return postStatuses(deps.db);
    },
  };
}

export type Exchange = ReturnType<typeof createExchange>;

/** Exchange errors are the officer's to fix (wrong role, missing key, bad file): say so plainly. */
export async function guardExchange<T>(run: () => T | Promise<T>): Promise<Result<T>> {
  try {
    return ok(await run());
  } catch (error) {
    if (error instanceof ExchangeError) {
      return error.code === 'invalid_file'
        ? fail('invalid_input', error.message, { content: { code: 'invalid_file', message: error.message } })
        : fail('conflict', error.message);
    }
    throw error;
  }
}
