import { randomUUID } from 'node:crypto';
import type { Migration } from './types';

// Posts and headquarters: who this installation is, its keys, the HQ keys a post trusts, the posts HQ has
// enrolled, what was exported and what was imported. Imported records join `record`, marked with the post
// they came from, so HQ's lists, search and overview work on them unchanged.
export const migration004: Migration = {
  version: 4,
  name: 'post and headquarters exchange',
  up(db) {
    db.exec(`
      CREATE TABLE installation (
        singleton       INTEGER PRIMARY KEY CHECK (singleton = 1),
        installation_id TEXT NOT NULL,
        role            TEXT CHECK (role IN ('post', 'hq')),
        post_id         TEXT,
        post_name       TEXT NOT NULL DEFAULT '',
        officer         TEXT NOT NULL DEFAULT '',
        country         TEXT,
        hq_name         TEXT NOT NULL DEFAULT '',
        created_at      TEXT NOT NULL
      ) STRICT;

      -- Private keys of this installation: a post's Ed25519 signing key, HQ's age identities.
      -- They live inside the database, which is what the protection-at-rest work encrypts.
      CREATE TABLE own_key (
        key_id      TEXT PRIMARY KEY NOT NULL,
        purpose     TEXT NOT NULL CHECK (purpose IN ('signing', 'hq_encryption')),
        public_key  TEXT NOT NULL,
        private_key TEXT NOT NULL,
        label       TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL,
        retired_at  TEXT
      ) STRICT;

      CREATE TABLE trusted_hq_key (
        fingerprint TEXT PRIMARY KEY NOT NULL,
        recipient   TEXT NOT NULL,
        label       TEXT NOT NULL,
        hq_name     TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        retired_at  TEXT
      ) STRICT;

      CREATE TABLE export_log (
        export_id   TEXT PRIMARY KEY NOT NULL,
        key_id      TEXT NOT NULL,
        sequence    INTEGER NOT NULL,
        file_name   TEXT NOT NULL,
        path        TEXT NOT NULL,
        sha256      TEXT NOT NULL,
        period_from TEXT NOT NULL,
        period_to   TEXT NOT NULL,
        level       TEXT NOT NULL,
        counts      TEXT NOT NULL CHECK (json_valid(counts)),
        created_at  TEXT NOT NULL,
        UNIQUE (key_id, sequence)
      ) STRICT;

      CREATE TABLE enrolled_key (
        key_id          TEXT PRIMARY KEY NOT NULL,
        public_key      TEXT NOT NULL,
        post_id         TEXT NOT NULL,
        post_name       TEXT NOT NULL,
        officer         TEXT NOT NULL,
        country         TEXT,
        installation_id TEXT NOT NULL,
        enrolled_at     TEXT NOT NULL,
        revoked_at      TEXT
      ) STRICT;
      CREATE INDEX enrolled_key_by_post ON enrolled_key (post_id);

      CREATE TABLE imported_bundle (
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
        UNIQUE (key_id, sequence)
      ) STRICT;
      CREATE INDEX imported_bundle_by_post ON imported_bundle (post_id, created_at);

      ALTER TABLE record ADD COLUMN origin_post TEXT;
      -- The level of detail the record arrived at: a fuller copy of the same revision may replace it.
      ALTER TABLE record ADD COLUMN origin_level TEXT;
      CREATE INDEX record_by_post ON record (origin_post, kind, occurred_at) WHERE deleted_at IS NULL;
    `);
    db.prepare('INSERT INTO installation (singleton, installation_id, created_at) VALUES (1, ?, ?)').run(
      randomUUID(),
      new Date().toISOString(),
    );
  },
};
