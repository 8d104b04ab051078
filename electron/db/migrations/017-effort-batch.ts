import type { Database } from 'better-sqlite3-multiple-ciphers';
import { EFFORT_COLUMNS } from './015-effort-workplans';
import type { Migration } from './types';

// Effort facts in bulk writes settled set-based with the dashboards' batch catch-up, not one trigger round per
// record (issue 12 item 1, issue 14 item 2; docs/bench.md, the effort trigger's section).
//
// Migration 015 keeps effort_fact by per-row triggers on `record` (effort_record_added, effort_record_changed),
// which a dashboard batch did not set aside: they took about 40% of the CPU of every bulk write. Here they are
// recreated, unchanged but for their names, as dashboard_effort_record_added and dashboard_effort_record_changed.
// A dashboard batch sets aside every trigger whose name starts with "dashboard" (withoutTriggers in
// electron/reports/dashboard-batch.ts), so inside a batch effort_fact now waits with dashboard_fact; the records
// the batch writes are noted in dashboard_dirty, and each catch-up step first writes the effort facts of the
// records it settles in one statement (settleEffortFacts, electron/effort/settle.ts, with SETTLE_EFFORT_FACTS
// below), then the dashboard facts. Outside a batch the renamed triggers keep every single write as before.
//
// What stays per row: effort_record_deleted (a purge; deleting records inside a batch is not allowed) and the
// pair triggers on effort_fact and dashboard_fact (they move the effort sums, and fire in the catch-up too).
// A trashed record keeps its effort fact (015 counts trashed ones too; the trash changes only deleted_at, which
// neither trigger watches): the catch-up writes facts for every noted record of the effort kinds, trashed or
// not. A record purged before its catch-up has no row left to join, so none is written, as the per-row
// delete trigger left it.

/**
 * A record's effort, from `record` alias `r` (inside a trigger: NEW): migration 015's expression, the same text
 * (tests/unit/db/migrations/017-effort-batch.test.ts compares the triggers' text before and after).
 */
export const EFFORT_VALUES = (r: string) => `${r}.n, ${r}.kind,
  CASE WHEN ${r}.kind = 'request' OR (${r}.kind = 'engagement' AND ${r}.status = 'operational') THEN 1 ELSE 0 END,
  CASE WHEN ${r}.kind = 'result' THEN NULL ELSE json_extract(${r}.data, '$.timeSpentMinutes') END,
  CASE WHEN ${r}.kind = 'result' THEN 0 ELSE coalesce(CAST(round(json_extract(${r}.data, '$.travelDays') * 2) AS INTEGER), 0) END,
  CASE WHEN ${r}.kind = 'result' THEN 0 ELSE coalesce(json_extract(${r}.data, '$.travelCostCents'), 0) END,
  CASE WHEN ${r}.kind = 'request' AND ${r}.status = 'answered' THEN 1 ELSE 0 END,
  CASE WHEN ${r}.kind = 'engagement' THEN coalesce(json_extract(${r}.data, '$.plannedActivityId'), '') ELSE '' END`;
export const EFFORT_KINDS = "('engagement', 'request', 'result')";

const FACT_FIELDS = EFFORT_COLUMNS.split(', ').slice(1);

/** An upsert's tail: a fact is rewritten only when one of its values changed (else no trigger fires on it). */
const UPSERT = `ON CONFLICT (record_n) DO UPDATE SET
        ${FACT_FIELDS.map((c) => `${c} = excluded.${c}`).join(', ')}
      WHERE (${FACT_FIELDS.map((c) => `effort_fact.${c}`).join(', ')}) IS NOT (${FACT_FIELDS.map((c) => `excluded.${c}`).join(', ')})`;

/** Migration 015's name of the insert trigger, gone from 017 on. */
export const RENAMED_TRIGGER = 'effort_record_added';

/** The names of the two triggers, recognised by a dashboard batch by their prefix. */
export const EFFORT_BATCH_TRIGGERS = ['dashboard_effort_record_added', 'dashboard_effort_record_changed'] as const;

const TRIGGERS = `
  CREATE TRIGGER ${EFFORT_BATCH_TRIGGERS[0]} AFTER INSERT ON record WHEN NEW.kind IN ${EFFORT_KINDS} BEGIN
    INSERT OR REPLACE INTO effort_fact (${EFFORT_COLUMNS}) SELECT ${EFFORT_VALUES('NEW')};
  END;
  CREATE TRIGGER ${EFFORT_BATCH_TRIGGERS[1]} AFTER UPDATE OF kind, status, data ON record
    WHEN NEW.kind IN ${EFFORT_KINDS} BEGIN
    INSERT INTO effort_fact (${EFFORT_COLUMNS}) SELECT ${EFFORT_VALUES('NEW')}
      ${UPSERT};
  END;
`;

/**
 * The effort facts of the records a catch-up step settles (dashboard_settling), in one statement: what the two
 * triggers would have written for each, inserted or, where it changed, updated (effort_fact's own triggers then
 * move the sums under the record's dimensions of the moment, which the step moves next).
 */
export const SETTLE_EFFORT_FACTS = `/* effort catch-up: facts of the settling records */
  INSERT INTO effort_fact (${EFFORT_COLUMNS})
    SELECT ${EFFORT_VALUES('r')} FROM dashboard_settling d CROSS JOIN record r ON r.n = d.record_n
    WHERE r.kind IN ${EFFORT_KINDS}
  ${UPSERT};`;

export const migration017: Migration = {
  version: 17,
  name: 'effort facts settled with the dashboards batch catch-up',
  up(db: Database) {
    db.exec(`DROP TRIGGER effort_record_added; DROP TRIGGER effort_record_changed; ${TRIGGERS}`);
  },
};
