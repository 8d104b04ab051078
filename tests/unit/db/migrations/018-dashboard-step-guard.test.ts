import { describe, it, expect } from 'vitest';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { migrate } from '../../../../electron/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../../electron/db/migrations/index';
import { migration018, STEP_GUARD } from '../../../../electron/db/migrations/018-dashboard-step-guard';
import {
  dashboardsBehind,
  inDashboardBatch,
  restartSliceRefill,
  settleDashboards,
} from '../../../../electron/reports/dashboard-batch';
import { EngagementInput } from '../../../../shared/records/engagement';
import { OrganisationInput } from '../../../../shared/records/organisation';
import { InformationRequestInput } from '../../../../shared/requests/schema';
import { actualAggregates, expectAggregatesTrue } from '../../dashboard/aggregate-recount';
import { engagementInput, organisationInput, requestInput } from '../../logbook/helpers';
import { useVersionFolders, type VersionStore } from './version-folder';

// Migration 018 gives every dashboard trigger on dashboard_fact a condition: it waits while a catch-up step runs
// (dashboard_settling holds the step's records), so a step moves the aggregates itself without dropping and
// recreating the triggers; and the records a batch leaves waiting carry their day, the order the catch-up takes. A version-17 folder upgrades with its aggregates unchanged; single writes are still
// counted at once; batches settled in steps, with an organisation counted in the step of its engagements or
// before them, with 016's refill under way, and inside someone else's transaction, all equal a recount.

const NOW = '2026-05-20T12:00:00.000Z';
const DAY = 86_400_000;
const ZONE = 'Europe/Amsterdam';

const folder = useVersionFolders('liaison-log-018-', { now: NOW, timeZone: ZONE });

/** Organisations, then requests and engagements linked to them (engagements take their countries from them). */
function write(store: VersionStore, count: number, seed: number): void {
  const countries = ['FR', 'DE', 'CO', 'ES'];
  const orgs = countries.map(
    (country) => store.create('organisation', OrganisationInput.parse(organisationInput({ country }))).id,
  );
  for (let i = 0; i < count; i++) {
    const at = new Date(Date.parse(NOW) - ((i * 7 + seed) % 200) * DAY).toISOString();
    if (i % 2 === 0)
      store.create(
        'request',
        InformationRequestInput.parse(
          requestInput({
            subject: `Request ${seed}-${i}`,
            exchangedAt: at,
            counterpartCountry: countries[i % 4],
            channel: ['siena', 'interpol', 'bilateral', 'mla_eio'][i % 4],
            phenomena: i % 3 === 0 ? ['cocaine'] : ['thb', 'cannabis'],
          }),
        ),
      );
    else
      store.create(
        'engagement',
        EngagementInput.parse(
          engagementInput({
            occurredAt: at,
            organisationIds: i % 3 === 0 ? orgs.slice(0, 2) : [orgs[i % 4] as string],
            phenomena: i % 5 === 0 ? ['cyber_attacks'] : ['cocaine'],
          }),
        ),
      );
  }
}

const guardedTriggers = (db: Database) =>
  db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'dashboard_fact' AND name LIKE 'dashboard%' ORDER BY name",
    )
    .all() as { name: string; sql: string }[];

describe('migration 018: dashboard triggers wait while a catch-up step runs', () => {
  it('is version 18, eighteenth in the migration list', () => {
    expect(migration018.version).toBe(18);
    expect(MIGRATIONS[17]).toBe(migration018);
  });

  it('upgrades a version-17 folder with records waiting: aggregates unchanged, every trigger guarded, then settled true', () => {
    const { db, store } = folder(17);
    write(store, 40, 1);
    inDashboardBatch(db, () => write(store, 60, 2));
    expect(dashboardsBehind(db)).toBeGreaterThan(0);
    const before = actualAggregates(db);
    const names = guardedTriggers(db).map((t) => t.name);
    migrate(db, MIGRATIONS.slice(0, 18));
    expect(db.pragma('user_version', { simple: true })).toBe(18);
    expect(actualAggregates(db)).toEqual(before);
    // The waiting records got their day (the catch-up takes them in day order).
    const waiting = db
      .prepare('SELECT d.day AS day, r.occurred_at AS at FROM dashboard_dirty d JOIN record r ON r.n = d.record_n')
      .all() as { day: string | null; at: string | null }[];
    expect(waiting.length).toBeGreaterThan(50);
    expect(waiting.every((w) => w.day === w.at)).toBe(true);
    expect(waiting.filter((w) => w.day !== null).length).toBeGreaterThan(50);
    const after = guardedTriggers(db);
    expect(after.map((t) => t.name)).toEqual(names);
    expect(after.length).toBeGreaterThanOrEqual(9);
    for (const t of after) expect(t.sql).toContain(`WHEN ${STEP_GUARD}`);
    settleDashboards(db, 25);
    expectAggregatesTrue(db, ZONE);
    settleDashboards(db);
    expectAggregatesTrue(db, ZONE);
  });

  it('at the latest schema every dashboard trigger on dashboard_fact waits for the step (later migrations too)', () => {
    const { db } = folder(LATEST_SCHEMA_VERSION);
    const triggers = guardedTriggers(db);
    expect(triggers.length).toBeGreaterThanOrEqual(9);
    for (const t of triggers) expect(t.sql, t.name).toContain(STEP_GUARD);
  });

  it('counts single writes at once, and batches settled in steps of any size once', () => {
    const { db, store } = folder(LATEST_SCHEMA_VERSION);
    write(store, 30, 3);
    expect(dashboardsBehind(db)).toBe(0);
    expectAggregatesTrue(db, ZONE);
    for (const step of [1, 7, 50]) {
      inDashboardBatch(db, () => write(store, 60, step));
      // Noted with their day, and taken in that order.
      const days = db.prepare('SELECT day FROM dashboard_dirty ORDER BY day, record_n').pluck().all() as string[];
      expect(days.filter((d) => d !== null).length).toBeGreaterThan(55);
      // Single writes while the batch's records wait.
      write(store, 6, step + 100);
      while (settleDashboards(db, step) > 0);
      expectAggregatesTrue(db, ZONE);
    }
    // Aggregate rows fall to zero and go: records trashed and requests moved to another day in a batch.
    const rows = db
      .prepare("SELECT id, kind, revision FROM record WHERE kind IN ('request', 'engagement') ORDER BY n")
      .all() as { id: string; kind: 'request' | 'engagement'; revision: number }[];
    inDashboardBatch(db, () =>
      rows.forEach((r, i) => {
        if (i % 3 === 0) store.setTrashed(r.kind, r.id, true);
        else if (i % 3 === 1 && r.kind === 'request')
          store.update(
            'request',
            r.id,
            r.revision,
            InformationRequestInput.parse(
              requestInput({ exchangedAt: '2026-01-02T10:00:00.000Z', counterpartCountry: 'BE', channel: 'siena' }),
            ),
          );
      }),
    );
    while (settleDashboards(db, 40) > 0);
    expectAggregatesTrue(db, ZONE);
  }, 120_000);

  it('settles true while 016 refills its slices, and inside an open transaction', () => {
    const { db, store } = folder(LATEST_SCHEMA_VERSION);
    write(store, 40, 4);
    db.transaction(() => restartSliceRefill(db))();
    inDashboardBatch(db, () => write(store, 60, 5));
    // Records waiting and a refill under way: steps move the slices by their cursors.
    while (settleDashboards(db, 13, 9) > 0) write(store, 1, 6);
    expectAggregatesTrue(db, ZONE);
    inDashboardBatch(db, () => write(store, 30, 7));
    db.transaction(() => {
      settleDashboards(db, 11);
      write(store, 2, 8);
      settleDashboards(db);
    })();
    expect(dashboardsBehind(db)).toBe(0);
    expectAggregatesTrue(db, ZONE);
  }, 120_000);
});
