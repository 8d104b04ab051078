import type { Database } from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../electron/db/migrate';
import { EFFORT_AGGREGATE_TABLES } from '../../../../electron/db/migrations/015-effort-workplans';
import { migration017 } from '../../../../electron/db/migrations/017-effort-batch';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../../electron/db/migrations/index';
import { effortAggregates } from '../../../../electron/effort/service';
import { dashboardsBehind, inDashboardBatch, settleDashboards } from '../../../../electron/reports/dashboard-batch';
import { meetingWriter, useVersionFolders } from './version-folder';

// Migration 017 renames migration 015's two effort triggers on `record` to dashboard_… names, so that a dashboard
// batch sets them aside and its catch-up writes the effort facts set-based. A version-16 folder with effort facts
// (some records still waiting for the catch-up) upgrades with its facts and sums unchanged; the triggers keep
// their text but for the name; afterwards a batch's effort facts wait for the catch-up, and single writes are
// counted at once as before.

const folderAt = useVersionFolders('liaison-log-017-');

const snapshot = (db: Database) => ({
  facts: db.prepare('SELECT * FROM effort_fact ORDER BY record_n').all(),
  sums: Object.fromEntries(
    EFFORT_AGGREGATE_TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).all()]),
  ),
});
const triggerSql = (db: Database, name: string) =>
  db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").pluck().get(name) as
    string | undefined;

describe('migration 017: effort facts settled with the batch catch-up', () => {
  it('upgrades a version-16 folder with effort facts, facts and sums unchanged, and moves the triggers into batches', () => {
    const { db, store } = folderAt(16);
    const meeting = meetingWriter(store, { travelCostCents: 5000, travelDays: 1.5 });
    meeting('operational', 90, '2026-02-01T10:00:00.000Z');
    const trashed = meeting('strategic', 30, '2026-05-01T10:00:00.000Z');
    store.setTrashed('engagement', trashed.id, true);
    settleDashboards(db);
    // At 16 a batch's effort facts were written by the per-row triggers; these records still wait.
    inDashboardBatch(db, () => {
      meeting('operational', undefined, '2025-11-01T10:00:00.000Z');
      meeting('capacity_building', 60, '2026-03-01T10:00:00.000Z');
    });
    expect(dashboardsBehind(db)).toBe(2);
    const before = snapshot(db);
    expect(before.facts).toHaveLength(4);
    const old = {
      added: triggerSql(db, 'effort_record_added'),
      changed: triggerSql(db, 'effort_record_changed'),
    };
    expect(old.added).toBeDefined();
    expect(old.changed).toBeDefined();

    migrate(db, MIGRATIONS);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(migration017.version);
    expect(snapshot(db)).toEqual(before);
    expect(triggerSql(db, 'effort_record_added')).toBeUndefined();
    expect(triggerSql(db, 'effort_record_changed')).toBeUndefined();
    // The same triggers (migration 015's expression, word for word) under names a batch sets aside.
    expect(triggerSql(db, 'dashboard_effort_record_added')).toBe(
      old.added?.replace('effort_record_added', 'dashboard_effort_record_added'),
    );
    expect(triggerSql(db, 'dashboard_effort_record_changed')).toBe(
      old.changed?.replace('effort_record_changed', 'dashboard_effort_record_changed'),
    );
    expect(triggerSql(db, 'effort_record_deleted')).toBeDefined();

    // The records waiting from before settle with their facts unchanged, the sums true.
    settleDashboards(db);
    expect(snapshot(db).facts).toEqual(before.facts);
    let { actual, recount } = effortAggregates(db);
    expect(actual).toEqual(recount);

    // A single write is counted at once, as before.
    meeting('capacity_building', 45, '2026-08-01T10:00:00.000Z');
    ({ actual, recount } = effortAggregates(db));
    expect(actual).toEqual(recount);
    expect(db.prepare('SELECT count(*) FROM effort_fact').pluck().get()).toBe(5);

    // A batch's effort facts now wait for the catch-up, which writes them.
    inDashboardBatch(db, () => meeting('operational', 15, '2026-04-01T10:00:00.000Z'));
    expect(db.prepare('SELECT count(*) FROM effort_fact').pluck().get()).toBe(5);
    expect(triggerSql(db, 'dashboard_effort_record_added')).toBeDefined();
    settleDashboards(db);
    expect(db.prepare('SELECT count(*) FROM effort_fact').pluck().get()).toBe(6);
    expect(
      db.prepare('SELECT minutes, travel_half_days FROM effort_fact ORDER BY record_n DESC LIMIT 1').get(),
    ).toEqual({ minutes: 15, travel_half_days: 3 });
    ({ actual, recount } = effortAggregates(db));
    expect(actual).toEqual(recount);
    db.close();
  });
});
