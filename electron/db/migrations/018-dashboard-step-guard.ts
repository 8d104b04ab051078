import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Migration } from './types';

// The dashboards' catch-up: no schema change per step, and steps in day order (issue 12, item 1).
//
// A catch-up step (electron/reports/dashboard-batch.ts) replaces the facts of the records it counts in
// dashboard_fact and moves every aggregate itself, set-based. The per-row triggers on dashboard_fact (005's
// cubes, 016's slices) must not move them a second time, so until now each step dropped every dashboard trigger
// and created it again before committing: two schema changes per step, which also sent every prepared statement
// of the connection back to the compiler, the step's own fifty among them.
//
// Here each dashboard trigger on dashboard_fact gets a condition instead: it fires only while no step is under
// way, that is while dashboard_settling is empty. A step fills dashboard_settling first and empties it last,
// inside its one transaction, so other connections never see it filled, and outside a step it is always empty
// (a step that fails rolls back with it). A single write pays one lookup in an empty table per fact row.
//
// The records a batch leaves waiting (dashboard_dirty) also get their day (the record's occurred_at when noted),
// and the catch-up takes them in day order: a step's facts then fall on a few days, and the rows they move in
// the day aggregates lie together (for each filter and slice, the days are adjacent in the key), so a step
// touches a few pages of each aggregate instead of one per fact, which on an encrypted folder larger than its page
// cache is a read and a decryption each. Records noted without a day (older code, recounts) come first.
//
// Any later migration that creates a trigger on dashboard_fact named dashboard... must carry STEP_GUARD too:
// tests/unit/db/migrations/018-dashboard-step-guard.test.ts checks every such trigger at the latest schema.
// (Batches still set the triggers aside: a batch writes records, whose triggers this does not guard.)

/** True while no catch-up step is under way. */
export const STEP_GUARD = 'NOT EXISTS (SELECT 1 FROM dashboard_settling)';

/** A trigger's text with STEP_GUARD added to its WHEN clause (or as one). */
export function guardedTrigger(sql: string): string {
  const m = /^([\s\S]*?\bON\s+dashboard_fact)(?:\s+WHEN\s+([\s\S]*?))?\s+BEGIN\b([\s\S]*)$/i.exec(sql);
  if (!m) throw new Error(`Migration 018: cannot read the trigger ${sql.slice(0, 80)}`);
  const [, head, when, body] = m;
  return `${head} WHEN ${STEP_GUARD}${when ? ` AND (${when})` : ''} BEGIN${body}`;
}

export const migration018: Migration = {
  version: 18,
  name: 'dashboard catch-up steps',
  up(db: Database) {
    db.exec(`ALTER TABLE dashboard_dirty ADD COLUMN day TEXT;
      UPDATE dashboard_dirty SET day = (SELECT occurred_at FROM record WHERE n = record_n);
      CREATE INDEX dashboard_dirty_by_day ON dashboard_dirty (day, record_n);`);
    const triggers = db
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'dashboard_fact' AND name LIKE 'dashboard%' ORDER BY name",
      )
      .all() as { name: string; sql: string }[];
    for (const t of triggers) {
      if (t.sql.includes(STEP_GUARD)) continue;
      db.exec(`DROP TRIGGER ${t.name}`);
      db.exec(guardedTrigger(t.sql));
    }
  },
};
