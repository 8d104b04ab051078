import type { Migration } from './types';

// Spreadsheet import (issue 14, item 5): the officer's years before the app, from Excel and CSV files.
//  - sheet_import_batch: one row per import (one transaction), what it was (source, file, its SHA-256, the
//    record kind, the mapping used) and, after an undo, when and how many records were kept.
//  - sheet_import_row: one row per imported spreadsheet row: its fingerprint (SHA-256 of the source and the row's
//    normalised content) makes a re-import of the same row recognisable ("already imported"); the record it
//    became and that record's revision when imported, so an undo can tell a record changed since (kept) from
//    one that was not (moved to the trash). The fingerprint is removed when its record is undone, so the row
//    can be imported again.
//  - sheet_import_mapping: the saved import configuration per source (the JSON of docs/sheet-import.md).
// The imported records themselves are ordinary records (origin NULL: the post's own), exported like any other.
export const migration014: Migration = {
  version: 14,
  name: 'spreadsheet import: batches, row fingerprints, saved mappings',
  up(db) {
    db.exec(`
      CREATE TABLE sheet_import_batch (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        target TEXT NOT NULL,
        mapping TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        row_count INTEGER NOT NULL,
        imported INTEGER NOT NULL,
        undone_at TEXT,
        kept INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX sheet_import_batch_by_time ON sheet_import_batch (imported_at);

      CREATE TABLE sheet_import_row (
        fingerprint TEXT PRIMARY KEY,
        batch_id TEXT NOT NULL REFERENCES sheet_import_batch (id),
        row_number INTEGER NOT NULL,
        record_id TEXT NOT NULL,
        record_revision INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX sheet_import_row_by_batch ON sheet_import_row (batch_id, row_number);
      CREATE INDEX sheet_import_row_by_record ON sheet_import_row (record_id);

      CREATE TABLE sheet_import_mapping (
        source TEXT PRIMARY KEY,
        mapping TEXT NOT NULL,
        headers TEXT NOT NULL,
        saved_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
