import path from 'node:path';
import type { BridgeApi } from '../../shared/contract/api';
import { ok, fail } from '../../shared/contract/result';
import { openDatabase, DATABASE_FILE, type Database } from '../db/open';
import { schemaVersion } from '../db/migrate';
import { createSettingsRepository } from '../settings/repository';
import { createRequestRepository, StaleRevisionError } from '../requests/repository';
import { createDispatcher, type Handlers, type Invoke } from './dispatch';

export interface BackendOptions {
  readonly dataDir: string;
  readonly key?: Buffer;
  readonly nativeBinding?: string;
  readonly version?: string;
  readonly now?: () => Date;
  readonly log?: (message: string, error?: unknown) => void;
}

export interface Backend {
  /** For untrusted callers (IPC, the test bridge): any channel name, any payload. */
  readonly invoke: Invoke;
  /** The same entry, typed from the contract, for trusted callers such as the command line. */
  readonly call: BridgeApi['invoke'];
  readonly handlers: Handlers;
  readonly db: Database;
  close(): void;
}

/** Opens (creating if needed) a data folder and returns the handlers behind the IPC contract. */
export function createBackend(options: BackendOptions): Backend {
  const db = openDatabase(path.join(options.dataDir, DATABASE_FILE), options);
  const requests = createRequestRepository(db, options.now);
  const settings = createSettingsRepository(db);
  const log = options.log ?? ((message, error) => console.error(message, error));

  const handlers: Handlers = {
    'app.info': () =>
      ok({ version: options.version ?? 'dev', schemaVersion: schemaVersion(db), dataDir: options.dataDir }),
    'stats.counts': () => ok({ informationRequests: requests.count() }),
    'settings.get': () => ok(settings.read()),
    'settings.update': (patch) => ok(settings.update(patch)),
    'requests.list': ({ limit, offset }) => ok(requests.list(limit, offset)),
    'requests.get': ({ id }) => {
      const found = requests.get(id);
      return found ? ok(found) : fail('not_found', 'This information request does not exist.');
    },
    'requests.create': (fields) => ok(requests.create(fields)),
    'requests.update': ({ id, revision, fields }) => {
      try {
        const updated = requests.update(id, revision, fields);
        return updated ? ok(updated) : fail('not_found', 'This information request does not exist.');
      } catch (error) {
        if (error instanceof StaleRevisionError) return fail('conflict', error.message);
        throw error;
      }
    },
  };

  const invoke = createDispatcher(handlers, (error) => log('Backend handler failed', error));
  return {
    invoke,
    call: invoke as BridgeApi['invoke'],
    handlers,
    db,
    close: () => db.close(),
  };
}
