import type { Database } from 'better-sqlite3-multiple-ciphers';
import { clockChanges } from '../records/period';
import { AGGREGATE_TABLES } from '../db/migrations/009-dashboard-breakdowns';
import { REFILL_TABLE } from '../db/migrations/016-dashboard-slices';
import { hasBreakdowns, hasSlices, restartSliceRefill, settleDashboards } from './dashboard-batch';

// What the dashboards' aggregates (migrations 005 and 009) need besides their triggers, done before every read:
//
// - They count moments by their local date on the installation's clock. When the time zone setting changes,
//   the clock table is rewritten and every moment's date counted again; the triggers on dashboard_fact move
//   the ones whose day changes in 005's cubes. Migration 016's aggregates (nine breakdowns, a row per filter
//   and slice, so several times the rows) are not moved fact by fact: their triggers are set aside, the
//   tables emptied, and the catch-up refills them from the facts, set-based, in steps (dashboard-batch.ts).
// - A new record waits in dashboard_pending for the audit entry that closes the store's change; a record
//   written by other means is counted here (taking it out of the table computes its fact).
// - Records written in a batch (an import, the demo) wait in dashboard_dirty for the catch-up; any left are
//   counted here.

/** The local date of `record r` by the clock table, as migration 005 computes it. */
const LOCAL_DAY = `coalesce(date(r.occurred_at,
  (SELECT c.offset_seconds FROM dashboard_clock c WHERE c.starts_at <= r.occurred_at ORDER BY c.starts_at DESC LIMIT 1)
  || ' seconds'), substr(r.occurred_at, 1, 10))`;

/** Before the dashboards read: the clock on `timeZone`, nothing pending. */
export function keepDashboardCurrent(db: Database, timeZone: string): void {
  ensureDashboardClock(db, timeZone);
  // Records a batch wrote that the catch-up has not counted yet (dashboard-batch.ts): counted now.
  settleDashboards(db);
  // Usually nothing waits: a read, so that showing a dashboard does not start a write.
  const waiting = db.prepare('/* upkeep: any record still pending */ SELECT EXISTS (SELECT 1 FROM dashboard_pending)');
  if (waiting.pluck().get() === 1) db.prepare('DELETE FROM dashboard_pending').run();
}

/** Brings the dashboards onto `timeZone` if they are on another one; true if anything had to change. */
export function ensureDashboardClock(db: Database, timeZone: string): boolean {
  const current = db.prepare('/* upkeep: the clock in use */ SELECT time_zone FROM dashboard_clock_zone').get() as
    { time_zone: string } | undefined;
  if (current?.time_zone === timeZone) return false;
  db.transaction(() => {
    db.prepare('DELETE FROM dashboard_clock').run();
    const insert = db.prepare('INSERT INTO dashboard_clock (starts_at, offset_seconds) VALUES (?, ?)');
    for (const c of clockChanges(timeZone)) insert.run(c.startsAt, c.offsetSeconds);
    db.prepare(
      `INSERT INTO dashboard_clock_zone (singleton, time_zone) VALUES (1, ?)
       ON CONFLICT (singleton) DO UPDATE SET time_zone = excluded.time_zone`,
    ).run(timeZone);
    const slices = hasSlices(db);
    const aside = slices
      ? (db
          .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'dashboard_breakdowns%'")
          .all() as { name: string; sql: string }[])
      : [];
    for (const t of aside) db.exec(`DROP TRIGGER ${t.name}`);
    db.prepare(
      `UPDATE dashboard_fact SET day = moved.day
       FROM (SELECT r.n, ${LOCAL_DAY} AS day FROM record r
             WHERE r.kind IN ('engagement', 'request') AND r.deleted_at IS NULL AND r.occurred_at IS NOT NULL) AS moved
       WHERE moved.n = dashboard_fact.record_n AND moved.day <> dashboard_fact.day`,
    ).run();
    for (const t of aside) db.exec(t.sql);
    if (slices) restartSliceRefill(db);
  })();
  return true;
}

/**
 * Counts every record again from scratch, for a database whose aggregates cannot be trusted (one salvaged
 * table by table, whose aggregates were copied apart from the records they count). The records go through
 * dashboard_dirty and are counted set-based, as after a batch.
 */
export function rebuildDashboardAggregates(db: Database, timeZone: string): void {
  db.transaction(() => {
    const aggregates = hasBreakdowns(db)
      ? AGGREGATE_TABLES
      : ['dashboard_month', 'dashboard_phenomenon_month', 'dashboard_day', 'dashboard_phenomenon_day'];
    // Counted again from the records below: no refill of migration 016's aggregates from the facts.
    if (hasSlices(db)) db.prepare(`DELETE FROM ${REFILL_TABLE}`).run();
    for (const table of [
      ...aggregates,
      'dashboard_fact',
      'dashboard_pending',
      'dashboard_clock',
      'dashboard_clock_zone',
    ]) {
      db.prepare(`DELETE FROM ${table}`).run();
    }
    ensureDashboardClock(db, timeZone);
    // Counted set-based, as after a batch (dashboard-batch.ts), not one trigger round per record. Before
    // migration 007 (a salvage of an older database migrates first, so only in tests) through the triggers.
    if (hasDirtyTable(db)) {
      db.prepare(
        `INSERT OR IGNORE INTO dashboard_dirty (record_n) SELECT n FROM record
         WHERE kind IN ('engagement', 'request', 'result') AND deleted_at IS NULL`,
      ).run();
      settleDashboards(db);
    } else {
      db.prepare(
        `INSERT INTO dashboard_pending (record_n) SELECT n FROM record
         WHERE kind IN ('engagement', 'request', 'result') AND deleted_at IS NULL`,
      ).run();
      db.prepare('DELETE FROM dashboard_pending').run();
    }
  })();
}

function hasDirtyTable(db: Database): boolean {
  return (
    db
      .prepare("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'dashboard_dirty')")
      .pluck()
      .get() === 1
  );
}
