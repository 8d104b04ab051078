import type { Migration } from './types';

// Records removed for good (issue 13, item 5): emptying the trash, retention, a data subject's erasure, and at HQ
// a post's purge tombstone. electron/records/purge.ts does the removing; this migration gives it its tables.
//
//   purged_record   one row per record purged here: its id, kind and post, when and why. No content. Exports
//                   carry these as purge tombstones, and an import never brings a purged id back from an older
//                   bundle (isPurged).
//   legal_hold      cases on legal hold: retention keeps them and every record linked to them.
//   retention_clock a record's last change as retention counts it, where the newest revision was made by retention
//                   or a purge itself (personal data stripped, a link to a purged record removed): such a revision
//                   does not start the record's period again. Valid while the record is at that revision.
//   retention_rules the retention rules in force when HQ's network configuration set them (one row); without a
//                   row, the post's defaults (DEFAULT_RETENTION in shared/retention/rules.ts).
//   audit_entry     rebuilt to allow the action 'purge' (SQLite cannot change a CHECK in place): after a purge
//                   the record's entries are gone and one 'purge' entry says who purged it, when and why.
//
// The search index deletes for good from now on (FTS5 'secure-delete': a deleted row's words are taken out of
// the index, not hidden behind a delete marker until the next merge).
export const migration010: Migration = {
  version: 10,
  name: 'record purge, legal holds and retention rules',
  up(db) {
    const triggers = db
      .prepare<[], { sql: string }>(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entry' ORDER BY name",
      )
      .all();
    db.exec(`
      CREATE TABLE purged_record (
        record_id   TEXT PRIMARY KEY NOT NULL,
        kind        TEXT NOT NULL,
        origin_post TEXT,
        purged_at   TEXT NOT NULL,
        reason      TEXT NOT NULL CHECK (reason IN ('trash_emptied', 'retention', 'erasure', 'tombstone'))
      ) STRICT;
      CREATE INDEX purged_record_by_time ON purged_record (purged_at);

      CREATE TABLE legal_hold (
        case_id   TEXT PRIMARY KEY NOT NULL,
        reason    TEXT NOT NULL DEFAULT '',
        placed_at TEXT NOT NULL,
        placed_by TEXT NOT NULL DEFAULT ''
      ) STRICT;

      CREATE TABLE retention_clock (
        record_id   TEXT PRIMARY KEY NOT NULL,
        revision    INTEGER NOT NULL,
        last_change TEXT NOT NULL
      ) STRICT;

      CREATE TABLE retention_rules (
        singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
        rules      TEXT NOT NULL CHECK (json_valid(rules)),
        source     TEXT NOT NULL,
        applied_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE audit_entry_010 (
        seq       INTEGER PRIMARY KEY,
        record_id TEXT NOT NULL,
        at        TEXT NOT NULL,
        action    TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore', 'purge')),
        revision  INTEGER NOT NULL,
        changes   TEXT NOT NULL CHECK (json_valid(changes))
      ) STRICT;
      INSERT INTO audit_entry_010 (seq, record_id, at, action, revision, changes)
        SELECT seq, record_id, at, action, revision, changes FROM audit_entry;
      DROP TABLE audit_entry;
      ALTER TABLE audit_entry_010 RENAME TO audit_entry;
      CREATE INDEX audit_entry_by_record ON audit_entry (record_id, seq);

      -- What is due, read from the old end of small indexes (electron/retention/service.ts), not by reading every
      -- record: records by kind and last change; records whose notes hold text; links to people.
      CREATE INDEX record_by_kind_updated ON record (kind, updated_at, n);
      CREATE INDEX record_with_notes ON record (updated_at, n)
        WHERE coalesce(json_extract(data, '$.notes'), '') <> '' AND kind <> 'person';
      CREATE INDEX record_link_to_person ON record_link (from_n) WHERE role = 'person';

      INSERT INTO record_search (record_search, rank) VALUES ('secure-delete', 1);
    `);
    // The dashboards' trigger on audit_entry (migration 005) went with the old table: the same text again.
    for (const t of triggers) db.exec(t.sql);
  },
};
