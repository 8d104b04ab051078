import type { Migration } from './types';

// Revocation, HQ key retirement and handover to a successor (issue 13, items 3 and 6).
//
// HQ: `key_event` is the history of what HQ decided about a key, with who, when and why: a post key revoked
// or reinstated, one of HQ's own age keys retired. `enrolled_key.revoked_at` stays the current state (the
// import reads it); the events are the record. `imported_bundle.recipients` holds the signed manifest's HQ key
// fingerprints, so that retiring an HQ key can name the posts whose latest bundles are sealed to it only
// (NULL for bundles imported before it was recorded).
//
// Post: `handover_identity` holds the age X25519 identities a successor installation made to receive a
// handover package (private, inside the encrypted database like the signing key); `handover_log` what this
// installation sent or received; `series_continuation` the outgoing key and last sequence the successor's
// series continues (its first export declares it).
export const migration013: Migration = {
  version: 13,
  name: 'revocation, HQ key retirement and handover',
  up(db) {
    db.exec(`
      CREATE TABLE key_event (
        seq     INTEGER PRIMARY KEY AUTOINCREMENT,
        key_id  TEXT NOT NULL,
        post_id TEXT,
        action  TEXT NOT NULL CHECK (action IN ('revoked', 'reinstated', 'hq_key_retired')),
        at      TEXT NOT NULL,
        by      TEXT NOT NULL,
        reason  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX key_event_by_key ON key_event (key_id, seq);

      CREATE TABLE handover_identity (
        fingerprint TEXT PRIMARY KEY NOT NULL,
        recipient   TEXT NOT NULL,
        private_key TEXT NOT NULL,
        created_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE handover_log (
        handover_id        TEXT PRIMARY KEY NOT NULL,
        direction          TEXT NOT NULL CHECK (direction IN ('sent', 'received')),
        post_id            TEXT NOT NULL,
        outgoing_key_id    TEXT NOT NULL,
        outgoing_officer   TEXT NOT NULL,
        successor_key_id   TEXT NOT NULL,
        successor_officer  TEXT NOT NULL,
        last_sequence      INTEGER NOT NULL,
        last_hash          TEXT,
        closed_history     INTEGER NOT NULL CHECK (closed_history IN (0, 1)),
        counts             TEXT NOT NULL CHECK (json_valid(counts)),
        file_sha256        TEXT NOT NULL,
        at                 TEXT NOT NULL
      ) STRICT;

      CREATE TABLE series_continuation (
        key_id             TEXT PRIMARY KEY NOT NULL,
        continues_key_id   TEXT NOT NULL,
        continues_sequence INTEGER NOT NULL,
        continues_hash     TEXT,
        handover_id        TEXT NOT NULL,
        recorded_at        TEXT NOT NULL
      ) STRICT;
    `);
    // The exchange-lifecycle migration (011) may have added the same column: add it only if it is missing.
    const columns = db.prepare("SELECT name FROM pragma_table_info('imported_bundle')").all() as { name: string }[];
    if (!columns.some((c) => c.name === 'recipients')) {
      db.exec(
        'ALTER TABLE imported_bundle ADD COLUMN recipients TEXT CHECK (recipients IS NULL OR json_valid(recipients))',
      );
    }
  },
};
