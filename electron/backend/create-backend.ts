import path from 'node:path';
import type { BridgeApi } from '../../shared/contract/api';
import { fail, ok } from '../../shared/contract/result';
// HQ's network configuration (issue 13, item 4): the refusal to retire HQ's terms, by its message code.
import { failWith } from '../../shared/contract/result';
import { messageRef } from '../../shared/contract/messages';
import { KIND_PREFIX, RECORD_KINDS } from '../../shared/records/kinds';
import { openDatabase, DATABASE_FILE, type Database } from '../db/open';
import { schemaVersion } from '../db/migrate';
import { createOverviewService } from '../overview/service';
import { art18Statistics } from '../reports/art18';
import { dashboard } from '../reports/dashboard';
import { createDashboardCatchUp } from '../reports/dashboard-batch';
import { createExchange, guardExchange, type Exchange } from '../exchange/service';
import { createRecordStore, type RecordStore } from '../records/store';
import { createSettingsRepository } from '../settings/repository';
import { createTaxonomyRepository, TaxonomyError } from '../taxonomy/repository';
import { LOG_LINES_DEFAULT } from '../../shared/logs/schema';
import { createLogger, type Logger } from '../logging/logger';
import { createDispatcher, type Handlers, type Invoke } from './dispatch';
import { prefixed, recordHandlers } from './record-handlers';
import { createFileHandlers } from '../files/backend-handlers';
// Spreadsheet import (issue 14, item 5).
import { createSheetImport } from '../sheet-import/service';
import { createSheetImportHandlers } from '../sheet-import/handlers';
// Effort and cost, work plans (issue 14, items 2 and 3).
import { createEffortHandlers } from '../effort/handlers';
// Objectives with progress (issue 14, item 1).
import { createObjectivesHandlers } from '../objectives/handlers';
// Retention and data-subject duties (issue 13, item 5).
import { createRetentionHandlers } from '../retention/handlers';
import type { RetentionService } from '../retention/service';
// Revocation, HQ key retirement and handover (issue 13, items 3 and 6).
import { createHandoverHandlers } from '../handover/handlers';
// HQ's network configuration (issue 13, item 4).
import { createNetworkConfigHandlers } from '../network-config/handlers';
// The evaluation dataset (issue 14, item 4).
import { createDatasetHandlers } from '../dataset/handler';

export interface BackendOptions {
  readonly dataDir: string;
  readonly key?: Buffer;
  readonly nativeBinding?: string;
  readonly version?: string;
  readonly now?: () => Date;
  readonly log?: (message: string, error?: unknown) => void;
  /** The data folder's log file (Settings → Logs); one on `dataDir` is made if none is given. */
  readonly logger?: Logger;
  /**
   * Check every answer against its channel's output schema (electron/backend/dispatch.ts, DispatchOptions).
   * On unless `false`: tests, the command line and `npm start` check; the shipped app turns it off for speed.
   */
  readonly checkOutputs?: boolean;
}

export interface Backend {
  /** For untrusted callers (IPC, the test bridge): any channel name, any payload. */
  readonly invoke: Invoke;
  /** The same entry, typed from the contract, for trusted callers such as the command line. */
  readonly call: BridgeApi['invoke'];
  readonly db: Database;
  /** The services behind the handlers, for trusted Node callers (command line, demo data, benchmarks). */
  readonly services: {
    readonly store: RecordStore;
    readonly settings: ReturnType<typeof createSettingsRepository>;
    readonly exchange: Exchange;
    /** Retention and data-subject duties (issue 13, item 5). */
    readonly retention: RetentionService;
  };
  close(): void;
}

/** Opens (creating if needed) a data folder and returns the handlers behind the IPC contract. */
export function createBackend(options: BackendOptions): Backend {
  const db = openDatabase(path.join(options.dataDir, DATABASE_FILE), options);
  const now = options.now ?? (() => new Date());
  const settings = createSettingsRepository(db);
  const store = createRecordStore(db, {
    now,
    context: () => {
      const s = settings.read();
      return { timeZone: s.timeZone, homeCountry: s.homeCountry };
    },
  });
  const taxonomy = createTaxonomyRepository(db, now);
  const overview = createOverviewService(db, now);
  const log = options.log ?? ((message, error) => console.error(message, error));
  // Records an import or the demo wrote in a batch are counted into the dashboards between calls; a call that
  // reads the aggregates waits for that (other calls are served meanwhile) rather than counting them all at once.
  const catchUp = createDashboardCatchUp(db, { onError: (error) => log('The dashboards could not catch up', error) });
  const logger = options.logger ?? createLogger({ dataDir: options.dataDir, now });
  const exchange = createExchange({
    db,
    dataDir: options.dataDir,
    store,
    overview,
    settings: () => settings.read(),
    now,
    appVersion: options.version ?? 'dev',
  });
  // Revocation, HQ key retirement and handover (issue 13, items 3 and 6).
  const handover = createHandoverHandlers({ db, exchange, store, now, appVersion: options.version ?? 'dev' });

  // Retention and data-subject duties (issue 13, item 5): deleted data is overwritten, not only unlinked.
  db.pragma('secure_delete = ON');
  const retention = createRetentionHandlers({
    db,
    dataDir: options.dataDir,
    now,
    context: () => {
      const s = settings.read();
      return { timeZone: s.timeZone, homeCountry: s.homeCountry };
    },
  });

  const records = Object.assign(
    {},
    ...RECORD_KINDS.map((kind) => prefixed(KIND_PREFIX[kind], recordHandlers(store, kind))),
  ) as Record<string, unknown>;

  let exporting: Promise<unknown> = Promise.resolve();

  const fixed = {
    // The host (Electron's main process) answers this itself; a call that reaches the backend came from
    // somewhere without a backend process to restart (the command line, an in-process test).
    'app.restartBackend': () => fail('conflict', 'Only the app window restarts its backend process.'),
    'app.info': () =>
      ok({ version: options.version ?? 'dev', schemaVersion: schemaVersion(db), dataDir: options.dataDir }),
    'stats.counts': () =>
      ok({
        informationRequests: store.count('request'),
        engagements: store.count('engagement'),
        results: store.count('result'),
        organisations: store.count('organisation'),
        people: store.count('person'),
        cases: store.count('case'),
      }),
    'settings.get': () => ok(settings.read()),
    'settings.update': (patch) =>
      db.transaction(() => {
        const before = settings.read();
        const after = settings.update(patch);
        // Deadlines are counted on the post's clock and depend on the home country: keep them true.
        if (before.timeZone !== after.timeZone || before.homeCountry !== after.homeCountry) {
          store.recomputeDeadlines();
        }
        return ok(after);
      })(),
    'logs.read': (input) => {
      const { folder, lines } = logger.read();
      return ok({ folder, lines: lines.slice(-(input?.maxLines ?? LOG_LINES_DEFAULT)) });
    },
    // The renderer's error boundary: the page and the error's name and message, never what the page showed.
    'logs.write': ({ code, message, page }) =>
      ok({ written: logger.write('error', 'renderer', code, page ? `${page}: ${message}` : message) }),
    'search.query': ({ text, limit }) => ok(store.search(text, limit)),
    'trash.list': () => ok(store.trash()),
    'taxonomy.list': ({ taxonomy: name }) => ok(taxonomy.list(name)),
    'taxonomy.save': (term) => {
      try {
        return ok(taxonomy.save(term));
      } catch (error) {
        if (!(error instanceof TaxonomyError)) throw error;
        return fail('invalid_input', error.message, { [error.field]: { code: error.code, message: error.message } });
      }
    },
    'taxonomy.retire': ({ taxonomy: name, code, retired }) => {
      try {
        const term = taxonomy.setRetired(name, code, retired);
        return term ? ok(term) : fail('not_found', `There is no term "${code}".`);
      } catch (error) {
        // HQ's network configuration manages its terms: a post cannot retire or reinstate them (issue 13, item 4).
        if (!(error instanceof TaxonomyError)) throw error;
        return failWith('invalid_input', messageRef('config.hq_term', { code }));
      }
    },
    'overview.get': async ({ from, to }) => {
      await catchUp.caughtUp();
      const s = settings.read();
      return ok(overview.overview(from, to, s.homeCountry, s.timeZone));
    },
    'attention.get': ({ dueWithinHours, quietDays }) => {
      const s = settings.read();
      return ok(overview.attention(dueWithinHours, quietDays ?? s.quietDays, s.timeZone));
    },
    'identity.get': () => ok(exchange.identity.identity()),
    'identity.init': (input) =>
      guardExchange(async () => {
        const who = await exchange.identity.init(input);
        // The top bar and new records follow the installation's identity from the start.
        const name = input.role === 'post' ? input.postName : input.hqName;
        settings.update({ postName: name ?? '', ...(input.country ? { hostCountry: input.country } : {}) });
        return who;
      }),
    'keys.addHqKey': ({ label, retireOthers }) => guardExchange(() => exchange.identity.addHqKey(label, retireOthers)),
    'posts.list': () => ok(exchange.posts()),
    'exports.preview': (req) => guardExchange(() => exchange.exports.preview(req)),
    'exports.create': (req, context) => {
      // One export at a time: two at once would take the same sequence number and write the same file name.
      const run = () =>
        guardExchange(() =>
          exchange.exports.create(req, undefined, {
            signal: context.signal,
            onProgress: (progress) => context.progress(progress),
          }),
        );
      const next = exporting.then(run, run);
      exporting = next.catch(() => undefined);
      return next;
    },
    'exports.history': () => ok(exchange.exports.history()),
    'imports.get': ({ importId }) => {
      const entry = store.importEntry(importId);
      return entry ? ok(entry) : fail('not_found', `There is no import with export id ${importId}.`);
    },
    'reports.art18': ({ year }) => ok(art18Statistics(db, year, settings.read(), now())),
    'reports.dashboard': async (input) => {
      await catchUp.caughtUp();
      return ok(dashboard(db, input, settings.read(), now()));
    },
    // Files the officer saves or opens (paths from the host's dialogs): electron/files/backend-handlers.ts.
    ...createFileHandlers({ db, exchange, settings: () => settings.read(), now }),
    // Revocation, HQ key retirement and handover (issue 13, items 3 and 6): electron/handover/handlers.ts.
    ...handover.handlers,
    // HQ's network configuration (issue 13, item 4): electron/network-config/handlers.ts.
    ...createNetworkConfigHandlers({ db, now, dataDir: options.dataDir }),
    // Retention and data-subject duties (issue 13, item 5): electron/retention/handlers.ts.
    ...retention.handlers,
    // Spreadsheet import (issue 14, item 5): electron/sheet-import/.
    ...createSheetImportHandlers(createSheetImport({ db, store, timeZone: () => settings.read().timeZone, now })),
    // The evaluation dataset (issue 14, item 4): electron/dataset/.
    ...createDatasetHandlers({ db, settings: () => settings.read(), now, appVersion: options.version ?? 'dev' }),
    // Effort and cost, budgets, work plans (issue 14, items 2 and 3): electron/effort/, electron/workplan/.
    ...createEffortHandlers({ db, now, timeZone: () => settings.read().timeZone, caughtUp: () => catchUp.caughtUp() }),
    // Objectives with progress (issue 14, item 1): electron/objectives/.
    ...createObjectivesHandlers({ db, now, settings: () => settings.read(), caughtUp: () => catchUp.caughtUp() }),
  } satisfies Partial<Handlers>;
  // Record channels are generated per kind; their shapes follow the contract by construction.
  const handlers = { ...fixed, ...records } as unknown as Handlers;

  const invoke = createDispatcher(handlers, (error) => log('Backend handler failed', error), options.dataDir, {
    checkOutputs: options.checkOutputs ?? true,
  });
  return {
    invoke,
    call: invoke as BridgeApi['invoke'],
    db,
    services: { store, settings, exchange, retention: retention.service },
    close: () => {
      catchUp.stop();
      db.close();
    },
  };
}
