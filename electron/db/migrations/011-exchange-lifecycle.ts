import { randomUUID } from 'node:crypto';
import type { Migration } from './types';

// The exchange over years (issue 13, items 1 and 2, and the series part of item 3): deletions travel to HQ,
// a laptop restored from a backup continues its series, and HQ follows a post's series across runs and keys.
// docs/export-format.md describes the rules.
//
// Post:
//   exchange_series  the run of exports this installation is in (a new run begins when it finds it was restored
//                    from a backup), the restore that began it, whether it ever wrote its series ledger (a file
//                    outside the database, exports/series.json, that a restore does not take back), and a restore
//                    hint: the backup's date, when the restore says it.
//   sent_aggregate   per period, the figures last sent for it (a hash), so a later export restates the periods
//                    sent at the aggregate level whose figures changed (a record trashed, restored or purged).
//                    Periods exported at the aggregate level before this migration get an empty hash: their
//                    figures are restated once.
// HQ:
//   imported_bundle  rebuilt: a sequence number is unique per key among the bundles that are not superseded
//                    (a restored laptop's new run reuses the numbers of the run it replaces); each bundle's run,
//                    restore declaration, continuation, and which restore superseded it.
//   received_tombstone  a post's "moved to the trash" for a record HQ does not hold: an older bundle carrying
//                    that record does not bring it in. (A purge goes to purged_record, migration 010.)
//   held_aggregate   the figures HQ holds for each post's period: the newest statement of them, a bundle's own
//                    aggregates or a later bundle's restatement. Filled from the bundles imported so far.
export const migration011: Migration = {
  version: 11,
  name: 'exchange lifecycle: tombstones, restores and series',
  up(db) {
    db.exec(`
      CREATE TABLE exchange_series (
        singleton      INTEGER PRIMARY KEY CHECK (singleton = 1),
        run_id         TEXT NOT NULL,
        started_at     TEXT NOT NULL,
        restore        TEXT CHECK (restore IS NULL OR json_valid(restore)),
        restore_hint   TEXT CHECK (restore_hint IS NULL OR json_valid(restore_hint)),
        ledger_written INTEGER NOT NULL DEFAULT 0 CHECK (ledger_written IN (0, 1))
      ) STRICT;

      CREATE TABLE sent_aggregate (
        period_from TEXT NOT NULL,
        period_to   TEXT NOT NULL,
        level       TEXT NOT NULL,
        sha256      TEXT NOT NULL,
        export_id   TEXT NOT NULL,
        sent_at     TEXT NOT NULL,
        PRIMARY KEY (period_from, period_to)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO sent_aggregate (period_from, period_to, level, sha256, export_id, sent_at)
        SELECT period_from, period_to, level, '', export_id, created_at FROM export_log e
        WHERE e.rowid = (SELECT x.rowid FROM export_log x WHERE x.period_from = e.period_from
                           AND x.period_to = e.period_to ORDER BY x.created_at DESC, x.rowid DESC LIMIT 1)
          AND e.level = 'aggregate';

      CREATE TABLE imported_bundle_011 (
        export_id     TEXT PRIMARY KEY NOT NULL,
        post_id       TEXT NOT NULL,
        key_id        TEXT NOT NULL,
        sequence      INTEGER NOT NULL,
        file_sha256   TEXT NOT NULL,
        previous_hash TEXT,
        period_from   TEXT NOT NULL,
        period_to     TEXT NOT NULL,
        level         TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        imported_at   TEXT NOT NULL,
        counts        TEXT NOT NULL CHECK (json_valid(counts)),
        aggregates    TEXT NOT NULL CHECK (json_valid(aggregates)),
        file_name     TEXT,
        run_id        TEXT,
        restore       TEXT CHECK (restore IS NULL OR json_valid(restore)),
        continues     TEXT CHECK (continues IS NULL OR json_valid(continues)),
        superseded_by TEXT
      ) STRICT;
      INSERT INTO imported_bundle_011 (export_id, post_id, key_id, sequence, file_sha256, previous_hash, period_from,
          period_to, level, created_at, imported_at, counts, aggregates, file_name)
        SELECT export_id, post_id, key_id, sequence, file_sha256, previous_hash, period_from, period_to, level,
          created_at, imported_at, counts, aggregates, file_name FROM imported_bundle;
      DROP TABLE imported_bundle;
      ALTER TABLE imported_bundle_011 RENAME TO imported_bundle;
      CREATE UNIQUE INDEX imported_bundle_live_sequence ON imported_bundle (key_id, sequence)
        WHERE superseded_by IS NULL;
      CREATE INDEX imported_bundle_by_key ON imported_bundle (key_id, sequence);
      CREATE INDEX imported_bundle_by_post ON imported_bundle (post_id, created_at);
      CREATE INDEX imported_bundle_by_import ON imported_bundle (post_id, imported_at);

      CREATE TABLE received_tombstone (
        record_id  TEXT PRIMARY KEY NOT NULL,
        post_id    TEXT NOT NULL,
        kind       TEXT NOT NULL,
        revision   INTEGER NOT NULL,
        trashed_at TEXT NOT NULL,
        export_id  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE held_aggregate (
        post_id     TEXT NOT NULL,
        period_from TEXT NOT NULL,
        period_to   TEXT NOT NULL,
        aggregates  TEXT NOT NULL CHECK (json_valid(aggregates)),
        as_of       TEXT NOT NULL,
        export_id   TEXT NOT NULL,
        PRIMARY KEY (post_id, period_from, period_to)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO held_aggregate (post_id, period_from, period_to, aggregates, as_of, export_id)
        SELECT post_id, period_from, period_to, aggregates, created_at, export_id FROM imported_bundle b
        WHERE b.rowid = (SELECT x.rowid FROM imported_bundle x WHERE x.post_id = b.post_id
                           AND x.period_from = b.period_from AND x.period_to = b.period_to
                         ORDER BY x.created_at DESC, x.rowid DESC LIMIT 1);
    `);
    db.prepare('INSERT INTO exchange_series (singleton, run_id, started_at) VALUES (1, ?, ?)').run(
      randomUUID(),
      new Date().toISOString(),
    );
  },
};
