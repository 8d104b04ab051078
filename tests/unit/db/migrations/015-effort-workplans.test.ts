import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../electron/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../../electron/db/migrations/index';
import { migration015 } from '../../../../electron/db/migrations/015-effort-workplans';
import { effortAggregates } from '../../../../electron/effort/service';
import { settleDashboards } from '../../../../electron/reports/dashboard-batch';
import { meetingWriter, useVersionFolders } from './version-folder';

// Migration 015 adds effort facts and their aggregates, budgets and work plans. On a database with records
// (some of them already carrying time spent, as an import from a newer post could bring), the facts are filled
// in and the aggregates equal a recount; afterwards the triggers keep them.

const folderAt = useVersionFolders('liaison-log-015-');

describe('migration 015: effort and work plans', () => {
  it('adds its tables to a version-14 database and counts the records already there', () => {
    const { db, store } = folderAt(14);
    const meeting = meetingWriter(store, { travelCostCents: 5000 });
    meeting('operational', 90, '2026-02-01T10:00:00.000Z');
    meeting('strategic', 30, '2026-05-01T10:00:00.000Z');
    meeting('operational', undefined, '2025-11-01T10:00:00.000Z');
    settleDashboards(db);

    migrate(db, MIGRATIONS);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(15);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(migration015.version);
    for (const table of [
      'effort_fact',
      'effort_post',
      'effort_country',
      'effort_phenomenon',
      'effort_activity',
      'post_budget',
      'workplan_activity',
    ]) {
      expect(db.prepare('SELECT count(*) FROM sqlite_master WHERE name = ?').pluck().get(table)).toBe(1);
    }
    expect(db.prepare('SELECT count(*) FROM effort_fact').pluck().get()).toBe(3);
    expect(
      db
        .prepare(
          "SELECT year, op_minutes, nonop_minutes, timed, op_travel_cents, nonop_travel_cents, engagements FROM effort_post WHERE post = '' ORDER BY year",
        )
        .all(),
    ).toEqual([
      {
        year: '2025',
        op_minutes: 0,
        nonop_minutes: 0,
        timed: 0,
        op_travel_cents: 0,
        nonop_travel_cents: 0,
        engagements: 1,
      },
      {
        year: '2026',
        op_minutes: 90,
        nonop_minutes: 30,
        timed: 2,
        op_travel_cents: 5000,
        nonop_travel_cents: 5000,
        engagements: 2,
      },
    ]);
    let { actual, recount } = effortAggregates(db);
    expect(actual).toEqual(recount);

    // From now on the triggers keep them.
    meeting('capacity_building', 45, '2026-08-01T10:00:00.000Z');
    ({ actual, recount } = effortAggregates(db));
    expect(actual).toEqual(recount);
    expect(db.prepare("SELECT nonop_minutes FROM effort_post WHERE post = '' AND year = '2026'").pluck().get()).toBe(
      75,
    );
    db.close();
  });
});
