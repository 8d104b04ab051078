import { describe, it, expect, afterEach } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3-multiple-ciphers';
import { createBackend, type Backend } from '../../../../electron/backend/create-backend';
import { DATABASE_FILE } from '../../../../electron/db/open';
import { migrate } from '../../../../electron/db/migrate';
import { MIGRATIONS } from '../../../../electron/db/migrations/index';
import { migration016, SLICE_CUBES } from '../../../../electron/db/migrations/016-dashboard-slices';
import { createRecordStore } from '../../../../electron/records/store';
import { dashboardsBehind, settleDashboards } from '../../../../electron/reports/dashboard-batch';
import { ensureDashboardClock } from '../../../../electron/reports/dashboard-upkeep';
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

// Migration 016 makes migration 009's breakdowns again with a slice (the country, post or channel filter a
// fact satisfies). The facts are already true, so it counts no record inside the unlock: it leaves a cursor,
// and the catch-up adds the facts to the new aggregates set-based, a chunk of days at a time, between calls.
// Writes made meanwhile (before or after the cursor) are counted once.

const dirs: string[] = [];
const opened: (Database | Backend)[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) if ('invoke' in o ? o.db.open : o.open) o.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const NOW = '2026-05-20T12:00:00.000Z';
const DAY = 86_400_000;
const ZONE = 'Europe/Amsterdam';
const CTX = { timeZone: ZONE, homeCountry: 'NL' };

/** A data folder at schema version 15 with records of every counted kind, two posts' among them. */
function version15(): { dir: string; db: Database; store: ReturnType<typeof createRecordStore> } {
  const dir = tempDir('liaison-log-016-');
  dirs.push(dir);
  const db = new Sqlite(path.join(dir, DATABASE_FILE));
  opened.push(db);
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 15));
  expect(db.pragma('user_version', { simple: true })).toBe(15);
  const store = createRecordStore(db, { now: () => new Date(NOW), context: () => CTX });
  const orgs = ['FR', 'DE', 'CO'].map(
    (country) => store.create('organisation', OrganisationInput.parse(organisationInput({ country }))).id,
  );
  const countries = ['DE', 'ES', 'FR', 'CO'];
  const requests: string[] = [];
  for (let i = 0; i < 40; i++) {
    const at = new Date(Date.parse(NOW) - (i + 1) * 3 * DAY).toISOString();
    const answered = i % 3 === 0;
    const r = store.create(
      'request',
      InformationRequestInput.parse(
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
      ),
    );
    requests.push(r.id);
    if (i % 7 === 6) store.setTrashed('request', r.id, true);
  }
  for (let i = 0; i < 12; i++) {
    store.create(
      'engagement',
      EngagementInput.parse(
        engagementInput({
          occurredAt: new Date(Date.parse(NOW) - (i + 1) * 9 * DAY).toISOString(),
          organisationIds: i % 3 === 0 ? orgs.slice(0, 2) : [orgs[i % 3] as string],
          phenomena: ['cocaine'],
        }),
      ),
    );
  }
  store.create(
    'result',
    OperationalResultInput.parse(resultInput({ achievedOn: '2026-04-01', requestIds: requests.slice(0, 2) })),
  );
  for (const [i, post] of ['P01', 'P02'].entries()) {
    store.importRecord(
      'request',
      {
        id: `00000000-0000-4000-8000-00000000000${i + 1}`,
        revision: 1,
        createdAt: NOW,
        updatedAt: NOW,
        fields: InformationRequestInput.parse(
          requestInput({ exchangedAt: `2026-0${i + 3}-15T10:00:00.000Z`, counterpartCountry: 'DE' }),
        ),
      },
      { post, level: 'full' },
      CTX,
    );
  }
  return { dir, db, store };
}

const aggregateRows = (db: Database) =>
  SLICE_CUBES.reduce((n, c) => n + (db.prepare(`SELECT count(*) FROM ${c.table}`).pluck().get() as number), 0);
const cursor = (db: Database) =>
  db.prepare('SELECT upto FROM dashboard_slices_refill ORDER BY cube LIMIT 1').pluck().get() as string | undefined;

const INPUTS = [
  { from: '2026-01-01', to: '2026-05-31' },
  { from: '2026-01-10', to: '2026-05-20', country: 'DE' },
  { from: '2026-01-10', to: '2026-05-20', country: 'FR', phenomenon: 'drugs' },
  { from: '2026-01-01', to: '2026-05-31', post: 'P01' },
  { from: '2026-01-01', to: '2026-05-31', post: 'own', phenomenon: 'cocaine' },
  { from: '2026-01-10', to: '2026-05-20', channel: 'siena' },
  { from: '2026-01-10', to: '2026-05-20', channel: 'bilateral', phenomenon: 'drugs' },
];

describe('migration 016: dashboard slices', () => {
  it('is version 16, sixteenth in the migration list', () => {
    expect(migration016.version).toBe(16);
    expect(MIGRATIONS[15]).toBe(migration016);
  });

  it('counts no record in the unlock: the facts stay, the new aggregates wait for the refill', () => {
    const { db } = version15();
    const records = db.prepare('SELECT * FROM record ORDER BY n').all();
    const facts = db.prepare('SELECT * FROM dashboard_fact ORDER BY record_n').all();
    migrate(db, MIGRATIONS.slice(0, 16));
    expect(db.pragma('user_version', { simple: true })).toBe(16);
    expect(db.prepare('SELECT name FROM schema_migration WHERE version = 16').pluck().get()).toBe('dashboard slices');
    expect(db.prepare('SELECT * FROM record ORDER BY n').all()).toEqual(records);
    expect(db.prepare('SELECT * FROM dashboard_fact ORDER BY record_n').all()).toEqual(facts);
    expect(db.prepare('SELECT count(*) FROM dashboard_dirty').pluck().get()).toBe(0);
    expect(aggregateRows(db)).toBe(0);
    expect(cursor(db)).toBe('');
    expect(dashboardsBehind(db)).toBe(1);
    settleDashboards(db);
    expect(cursor(db)).toBeUndefined();
    expect(dashboardsBehind(db)).toBe(0);
    expectAggregatesTrue(db, ZONE);
  });

  it('refills in chunks of days; records written between the chunks, before and after the cursor, count once', () => {
    const { db, store } = version15();
    migrate(db, MIGRATIONS.slice(0, 16));
    const ids = db
      .prepare(
        `SELECT id, kind FROM record WHERE kind IN ('request', 'engagement') AND deleted_at IS NULL
           AND origin_post IS NULL ORDER BY n`,
      )
      .all() as { id: string; kind: 'request' | 'engagement' }[];
    const revision = (id: string) => db.prepare('SELECT revision FROM record WHERE id = ?').pluck().get(id) as number;
    let steps = 0;
    let wrote = 0;
    while (settleDashboards(db, 500, 12) > 0) {
      steps += 1;
      if (steps % 4 !== 0) continue;
      // The cursor of the aggregate being refilled ('' when it starts: then a day before any).
      const upto = cursor(db) || '2026-05-20';
      // One record before the cursor (counted by the triggers), one after (left to the refill), one trashed
      // and one moved across the cursor.
      const before = new Date(Date.parse(`${upto.slice(0, 10)}T00:00:00.000Z`) - 40 * DAY).toISOString();
      for (const exchangedAt of [before, '2026-05-19T08:00:00.000Z']) {
        store.create('request', InformationRequestInput.parse(requestInput({ exchangedAt, counterpartCountry: 'ES' })));
      }
      // The first half trashed from the start, the other half moved from the end: never the same record.
      if (2 * (wrote + 1) >= ids.length) continue;
      const victim = ids[wrote++];
      if (victim) store.setTrashed(victim.kind, victim.id, true);
      const moved = ids[ids.length - wrote];
      if (moved?.kind === 'request') {
        store.update(
          'request',
          moved.id,
          revision(moved.id),
          InformationRequestInput.parse(
            requestInput({ exchangedAt: before, counterpartCountry: 'BE', channel: 'siena' }),
          ),
        );
      }
    }
    expect(steps).toBeGreaterThan(18);
    expect(cursor(db)).toBeUndefined();
    expectAggregatesTrue(db, ZONE);
  }, 120_000);

  it('works on an empty version-15 database: nothing to refill', () => {
    const dir = tempDir('liaison-log-016-');
    dirs.push(dir);
    const db = new Sqlite(path.join(dir, DATABASE_FILE));
    opened.push(db);
    migrate(db, MIGRATIONS.slice(0, 15));
    migrate(db);
    expect(cursor(db)).toBeUndefined();
    expect(dashboardsBehind(db)).toBe(0);
  });

  it('a change of the time zone empties the slices and leaves them to the refill, not to the triggers', () => {
    const { db } = version15();
    migrate(db);
    settleDashboards(db);
    expect(aggregateRows(db)).toBeGreaterThan(0);
    expect(ensureDashboardClock(db, 'America/Bogota')).toBe(true);
    expect(aggregateRows(db)).toBe(0);
    expect(cursor(db)).toBe('');
    settleDashboards(db, 500, 5);
    expect(cursor(db)).not.toBe('');
    expectAggregatesTrue(db, 'America/Bogota');
  });

  it('the backend refills by itself after the upgrade; filtered dashboards then equal a count of the records', async () => {
    const { dir, db } = version15();
    db.close();
    const clock = manualClock(NOW);
    const backend = createBackend({ dataDir: dir, now: clock.now, log: () => undefined });
    opened.push(backend);
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
