import type { Database } from 'better-sqlite3-multiple-ciphers';
import { RENAMED_TRIGGER, SETTLE_EFFORT_FACTS } from '../db/migrations/017-effort-batch';

// The effort facts of a dashboard batch's records, written by the catch-up (migration 017 says why).

/**
 * True once migration 017 has renamed the effort triggers, so that a batch sets them aside: effort_fact exists and
 * migration 015's effort_record_added does not. (Not by the new names: a catch-up step runs with them set aside.)
 */
function effortWaitsForCatchUp(db: Database): boolean {
  return (
    db
      .prepare(
        `/* upkeep: effort waits for the catch-up */ SELECT
           EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'effort_fact')
           AND NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?)`,
      )
      .pluck()
      .get(RENAMED_TRIGGER) === 1
  );
}

/**
 * Writes the effort facts of the records in dashboard_settling, set-based; a catch-up step calls it, inside its
 * transaction, before it moves the dashboard facts. Before migration 017 the per-row triggers kept the facts
 * during batches too, and there is nothing to do.
 */
export function settleEffortFacts(db: Database): void {
  if (!effortWaitsForCatchUp(db)) return;
  db.prepare(SETTLE_EFFORT_FACTS).run();
}
