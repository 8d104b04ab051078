import type { Migration } from './types';

// HQ: which imported bundle brought each imported record's current revision, so a record can say "from post X,
// export 12, imported on ..." and open the import it came from; and the name of the file each bundle was
// imported from (the officer's name for it).
//
// Backfill: a record imported before this migration is tied to a bundle only where the data says so without
// doubt. The import writes each record's audit entry and then, in the same transaction, the bundle's row with
// a later-or-equal clock reading; so the bundle that brought a record's current revision is the first bundle
// of the record's post imported at or after the record's last audit entry, provided that entry is the
// import's (a create or update at the record's current revision) and the bundle followed within five minutes
// (a file's merge takes seconds). Where another bundle of the same post was imported at that same millisecond,
// or no bundle fits (the record was changed or trashed at HQ since, or the clock went backwards), the pointer
// stays NULL: unknown. An edit at HQ followed within five minutes by an import from the same post would be
// taken for that import's: the one case this cannot tell apart. Bundles imported before this migration have no
// file name (NULL).
export const migration006: Migration = {
  version: 6,
  name: 'record origin: the import that brought each imported record',
  up(db) {
    db.exec(`
      ALTER TABLE record ADD COLUMN origin_export_id TEXT;
      ALTER TABLE imported_bundle ADD COLUMN file_name TEXT;
      CREATE INDEX record_by_origin_export ON record (origin_export_id) WHERE origin_export_id IS NOT NULL;
      CREATE INDEX imported_bundle_by_import ON imported_bundle (post_id, imported_at);

      UPDATE record SET origin_export_id = (
        SELECT CASE
            WHEN first.imported_at = a.at AND EXISTS (
              SELECT 1 FROM imported_bundle other
              WHERE other.post_id = record.origin_post AND other.export_id <> first.export_id
                AND other.imported_at >= a.at
                AND other.imported_at <= strftime('%Y-%m-%dT%H:%M:%fZ', a.at, '+5 minutes'))
            THEN NULL
            ELSE first.export_id
          END
        FROM audit_entry a
        JOIN imported_bundle first ON first.export_id = (
          SELECT b.export_id FROM imported_bundle b
          WHERE b.post_id = record.origin_post AND b.imported_at >= a.at
            AND b.imported_at <= strftime('%Y-%m-%dT%H:%M:%fZ', a.at, '+5 minutes')
          ORDER BY b.imported_at, b.rowid LIMIT 1)
        WHERE a.seq = (SELECT max(seq) FROM audit_entry WHERE record_id = record.id)
          AND a.action IN ('create', 'update') AND a.revision = record.revision
      )
      WHERE origin_post IS NOT NULL;
    `);
  },
};
