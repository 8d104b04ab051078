import type { Migration } from './types';

// Bulk writes (an import of a post's bundle, the demo) kept the dashboards' aggregates true one row at a time:
// every record, phenomenon, link and audit entry fired migration 005's triggers, and each new fact moved four
// aggregate tables. That was three quarters of an import's time. A batch (electron/reports/dashboard-batch.ts)
// now sets the triggers aside inside its transaction and only notes which records it wrote; the aggregates
// catch up afterwards, a thousand records at a time, and always before anything reads them:
//
//   dashboard_dirty        records written by a batch whose facts have not been counted yet. Committed with
//                          the batch, so a restart resumes the catch-up where it stopped.
//   dashboard_settling     the records one catch-up step counts (taken from dashboard_dirty, plus the records
//                          that take their countries from them).
//   dashboard_staged_fact  their new facts, while the step runs: each aggregate table moves by the grouped
//                          difference between the new facts and the old, then the facts are replaced.
//
// The last two are empty outside a step's transaction. tests/unit/dashboard/dashboard-batch.test.ts proves the
// aggregates equal a recount after batches, as after single writes.
export const migration007: Migration = {
  version: 7,
  name: 'dashboard upkeep caught up after batches',
  up(db) {
    db.exec(`
      CREATE TABLE dashboard_dirty (record_n INTEGER PRIMARY KEY) STRICT;
      CREATE TABLE dashboard_settling (record_n INTEGER PRIMARY KEY) STRICT;
      CREATE TABLE dashboard_staged_fact (
        day       TEXT NOT NULL,
        record_n  INTEGER PRIMARY KEY,
        kind      TEXT NOT NULL,
        post      TEXT NOT NULL,
        countries TEXT NOT NULL,
        channel   TEXT NOT NULL,
        phenomena TEXT NOT NULL,
        matches   TEXT NOT NULL,
        sub       TEXT NOT NULL,
        urgency   TEXT NOT NULL,
        reason    TEXT NOT NULL,
        answered  INTEGER NOT NULL,
        in_time   INTEGER NOT NULL,
        hours     REAL,
        open_due  TEXT
      ) STRICT;
    `);
  },
};
