import type { Migration } from './types';

// HQ's signed network configuration (issue 13, item 4; docs/network-config.md). At HQ: its Ed25519 signing
// keys and what it published. At a post: the HQ signing key it trusts (pinned from the HQ key file, or rotated
// by a configuration signed by the old key), every configuration it applied (the newest is current), and how the
// configuration marks the phenomenon taxonomy (HQ's terms, priorities, the post's own terms mapped onto HQ codes).
export const migration012: Migration = {
  version: 12,
  name: 'network-config',
  up(db) {
    db.exec(`
      -- HQ: the keys that sign configurations. The newest one not retired signs; a rotation retires the old.
      CREATE TABLE config_signing_key (
        key_id      TEXT PRIMARY KEY NOT NULL,
        public_key  TEXT NOT NULL,
        private_key TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        retired_at  TEXT
      ) STRICT;

      -- HQ: what the next configuration starts from (one row), and every configuration it published.
      CREATE TABLE config_draft (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        draft     TEXT NOT NULL CHECK (json_valid(draft))
      ) STRICT;
      CREATE TABLE config_published (
        version      INTEGER PRIMARY KEY NOT NULL,
        issued_at    TEXT NOT NULL,
        expires_at   TEXT NOT NULL,
        file         TEXT NOT NULL,
        sha256       TEXT NOT NULL,
        payload      TEXT NOT NULL CHECK (json_valid(payload))
      ) STRICT;

      -- Post: HQ's signing keys it trusts. One is current (retired_at NULL); earlier ones are kept as history.
      CREATE TABLE config_trusted_signer (
        fingerprint TEXT PRIMARY KEY NOT NULL,
        public_key  TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        pinned_at   TEXT NOT NULL,
        source      TEXT NOT NULL CHECK (source IN ('key_file', 'rotation')),
        retired_at  TEXT
      ) STRICT;

      -- Post: every configuration applied, with its signed payload as carried; the highest version is current.
      CREATE TABLE config_applied (
        version     INTEGER PRIMARY KEY NOT NULL,
        issued_at   TEXT NOT NULL,
        expires_at  TEXT NOT NULL,
        hq_name     TEXT NOT NULL,
        signer      TEXT NOT NULL,
        sha256      TEXT NOT NULL,
        payload     TEXT NOT NULL CHECK (json_valid(payload)),
        applied_at  TEXT NOT NULL
      ) STRICT;

      -- How the configuration marks phenomena: HQ's terms (hq = 1), priorities (rank 1, 2...), and the post's own
      -- terms mapped onto an HQ code (maps_to). A term without a row is the post's own, unmapped.
      CREATE TABLE config_term (
        code          TEXT PRIMARY KEY NOT NULL,
        hq            INTEGER NOT NULL DEFAULT 0 CHECK (hq IN (0, 1)),
        priority_rank INTEGER,
        maps_to       TEXT
      ) STRICT;
    `);
  },
};
