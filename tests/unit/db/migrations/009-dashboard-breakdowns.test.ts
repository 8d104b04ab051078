import { describe, it, expect, afterEach } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3-multiple-ciphers';
import { createBackend, type Backend } from '../../../../electron/backend/create-backend';
import { DATABASE_FILE } from '../../../../electron/db/open';
import { migrate } from '../../../../electron/db/migrate';
import { MIGRATIONS } from '../../../../electron/db/migrations/index';
import { AGGREGATE_TABLES, migration009 } from '../../../../electron/db/migrations/009-dashboard-breakdowns';
import { createRecordStore } from '../../../../electron/records/store';
import { dashboardsBehind, settleDashboards } from '../../../../electron/reports/dashboard-batch';
import { DashboardInput } from '../../../../shared/reports/dashboard';
import { EngagementInput } from '../../../../shared/records/engagement';
import { OrganisationInput } from '../../../../shared/records/organisation';
import { OperationalResultInput } from '../../../../shared/records/result';
import { InformationRequestInput } from '../../../../shared/requests/schema';
import { expectAggregatesTrue } from '../../dashboard/aggregate-recount';
import { dashboardFromRecords, normalisedDashboard } from '../../dashboard/dashboard-oracle';
import {
  engagementInput,
  manualClock,
  organisationInput,
  requestInput,
  resultInput,
  tempDir,
  value,
} from '../../logbook/helpers';

// Migration 009 adds the dashboards' narrow aggregates (one per breakdown, per month and per day, under each
// phenomenon filter) and redefines a fact's open_due (open requests without an answer time). On an existing
// database it does not count a million records inside the unlock: it empties the facts and every aggregate and
// notes every counted record for the catch-up, which counts them in steps once the backend runs.

const dirs: string[] = [];
const opened: (Database | Backend)[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) if ('invoke' in o ? o.db.open : o.open) o.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const NOW = '2026-05-20T12:00:00.000Z';
const DAY = 86_400_000;
const ZONE = 'Europe/Amsterdam';
const COUNTED = "SELECT count(*) FROM record WHERE kind IN ('engagement', 'request', 'result') AND deleted_at IS NULL";

/** A data folder at schema version 8 with records of every counted kind, some in the trash, counted by 005. */
function version8(): { dir: string; db: Database } {
  const dir = tempDir('liaison-log-009-');
  dirs.push(dir);
  const db = new Sqlite(path.join(dir, DATABASE_FILE));
  opened.push(db);
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 8));
  expect(db.pragma('user_version', { simple: true })).toBe(8);
  const ctx = { timeZone: ZONE, homeCountry: 'NL' };
  const store = createRecordStore(db, { now: () => new Date(NOW), context: () => ctx });
  const org = store.create('organisation', OrganisationInput.parse(organisationInput({ country: 'FR' }))).id;
  const countries = ['DE', 'ES', 'FR', 'CO'];
  const requests: string[] = [];
  for (let i = 0; i < 30; i++) {
    const at = new Date(Date.parse(NOW) - (i + 1) * 2 * DAY).toISOString();
    // Some stay open with an answer time recorded: answered (met or missed), not overdue.
    const answered = i % 3 === 0;
    const fields = InformationRequestInput.parse(
      requestInput({
        subject: `Request ${i}`,
        exchangedAt: at,
        counterpartCountry: countries[i % 4],
        channel: ['siena', 'interpol', 'bilateral', 'mla_eio', 'sis_sirene'][i % 5],
        direction: i % 2 === 0 ? 'incoming' : 'outgoing',
        status: answered && i % 2 === 0 ? 'answered' : 'open',
        answeredAt: answered ? new Date(Date.parse(at) + (i + 1) * 3_600_000).toISOString() : null,
        phenomena: i % 2 === 0 ? ['cocaine'] : ['thb', 'cannabis'],
      }),
    );
    const r = store.create('request', fields);
    requests.push(r.id);
    if (i % 7 === 6) store.setTrashed('request', r.id, true);
  }
  for (let i = 0; i < 8; i++) {
    store.create(
      'engagement',
      EngagementInput.parse(
        engagementInput({
          occurredAt: new Date(Date.parse(NOW) - (i + 1) * 5 * DAY).toISOString(),
          organisationIds: [org],
          phenomena: ['cocaine'],
        }),
      ),
    );
  }
  store.create(
    'result',
    OperationalResultInput.parse(resultInput({ achievedOn: '2026-04-01', requestIds: requests.slice(0, 2) })),
  );
  // A post's request, as HQ's import writes it.
  store.importRecord(
    'request',
    {
      id: '00000000-0000-4000-8000-000000000001',
      revision: 1,
      createdAt: NOW,
      updatedAt: NOW,
      fields: InformationRequestInput.parse(requestInput({ exchangedAt: '2026-04-15T10:00:00.000Z' })),
    },
    { post: 'P01', level: 'full' },
    ctx,
  );
  expect(db.prepare('SELECT count(*) FROM dashboard_fact').pluck().get()).toBe(db.prepare(COUNTED).pluck().get());
  return { dir, db };
}

const INPUTS = [
  { from: '2026-01-01', to: '2026-05-31' },
  { from: '2026-03-10', to: '2026-05-20' },
  { from: '2026-03-10', to: '2026-05-20', phenomenon: 'drugs' },
  { from: '2026-03-10', to: '2026-05-20', country: 'DE' },
];

describe('migration 009: dashboard breakdowns', () => {
  it('is version 9, ninth in the migration list', () => {
    expect(migration009.version).toBe(9);
    expect(MIGRATIONS[8]).toBe(migration009);
  });

  it('leaves every counted record to the catch-up: facts and aggregates emptied, the records noted', () => {
    const { db } = version8();
    const records = db.prepare('SELECT * FROM record ORDER BY n').all();
    migrate(db, MIGRATIONS.slice(0, 9));
    expect(db.pragma('user_version', { simple: true })).toBe(9);
    expect(db.prepare('SELECT name FROM schema_migration WHERE version = 9').pluck().get()).toBe(
      'dashboard breakdowns',
    );
    expect(db.prepare('SELECT * FROM record ORDER BY n').all()).toEqual(records);
    for (const table of [...AGGREGATE_TABLES, 'dashboard_fact', 'dashboard_pending'])
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    expect(dashboardsBehind(db)).toBe(db.prepare(COUNTED).pluck().get());
    // The catch-up counts them all, old aggregates and new, as a recount does; open_due leaves out the open
    // requests with an answer time.
    settleDashboards(db);
    expect(dashboardsBehind(db)).toBe(0);
    expectAggregatesTrue(db, ZONE);
    expect(
      db
        .prepare(
          `SELECT count(*) FROM dashboard_fact f JOIN record r ON r.n = f.record_n
           WHERE f.open_due IS NOT NULL AND json_extract(r.data, '$.answeredAt') IS NOT NULL`,
        )
        .pluck()
        .get(),
    ).toBe(0);
    expect(db.prepare('SELECT count(*) FROM dashboard_by_kind_month').pluck().get()).toBeGreaterThan(0);
  });

  it('works on an empty version-8 database', () => {
    const dir = tempDir('liaison-log-009-');
    dirs.push(dir);
    const db = new Sqlite(path.join(dir, DATABASE_FILE));
    opened.push(db);
    migrate(db, MIGRATIONS.slice(0, 8));
    migrate(db);
    expect(dashboardsBehind(db)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM dashboard_by_kind_day').pluck().get()).toBe(0);
  });

  it('the backend catches up by itself after the upgrade; the dashboards then equal a count of the records', async () => {
    const { dir, db } = version8();
    db.close();
    const clock = manualClock(NOW);
    const backend = createBackend({ dataDir: dir, now: clock.now, log: () => undefined });
    opened.push(backend);
    expect(dashboardsBehind(backend.db)).toBeGreaterThan(0);
    // Other calls are answered meanwhile; a dashboard waits for the catch-up.
    const settings = backend.services.settings.read();
    for (const input of INPUTS) {
      const parsed = DashboardInput.parse(input);
      const d = await value(backend.invoke('reports.dashboard', parsed));
      expect(normalisedDashboard(d as never)).toEqual(
        normalisedDashboard(dashboardFromRecords(backend.db, parsed, settings, new Date(NOW))),
      );
    }
    expect(dashboardsBehind(backend.db)).toBe(0);
    expectAggregatesTrue(backend.db, settings.timeZone);
  });
});
