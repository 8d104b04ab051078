import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ImportEntry, RecordOrigin } from '../../shared/records/origin';

// HQ: who an imported record belongs to (the post, and the import that brought its current revision), and the
// entry of one import (one bundle) for "open the bundle it came from". At a post every record is its own.

interface BundleRow {
  export_id: string;
  post_id: string;
  key_id: string;
  sequence: number;
  period_from: string;
  period_to: string;
  level: string;
  file_name: string | null;
  created_at: string;
  imported_at: string;
  counts: string;
}

/** What `record` holds about a record's origin. */
export interface OriginColumns {
  origin_post: string | null;
  origin_level: string | null;
  /** Absent on a database before migration 006 (the migration tests write older versions with this store). */
  origin_export_id?: string | null;
}

/** Whether the database has migration 006's columns (the store runs only on migrated databases, but the
 * migration tests write data at earlier versions with it). */
export function hasOriginExport(db: Database): boolean {
  return db.prepare("SELECT 1 FROM pragma_table_info('record') WHERE name = 'origin_export_id'").get() !== undefined;
}

export function createOriginReader(db: Database) {
  // Named columns, not *: a bundle's row also holds its aggregates (a post's whole overview), which a record's
  // origin does not need and which made every search hit and list row read kilobytes.
  // (file_name came with migration 006, as origin_export_id did; the migration tests run this store on older data.)
  const bundle = db.prepare<[string], BundleRow>(
    `SELECT export_id, post_id, key_id, sequence, period_from, period_to, level,
       ${hasOriginExport(db) ? 'file_name' : 'NULL AS file_name'}, created_at, imported_at, counts
     FROM imported_bundle WHERE export_id = ?`,
  );
  const bundleBrief = db.prepare<[string], Pick<BundleRow, 'export_id' | 'sequence' | 'imported_at'>>(
    'SELECT export_id, sequence, imported_at FROM imported_bundle WHERE export_id = ?',
  );
  // The name of the post's most recent enrolment (a post keeps its id across new keys; its name may change).
  const postName = db.prepare<[string], { post_name: string }>(
    'SELECT post_name FROM enrolled_key WHERE post_id = ? ORDER BY enrolled_at DESC, rowid DESC LIMIT 1',
  );
  const currentRecords = hasOriginExport(db)
    ? db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM record WHERE origin_export_id = ?')
    : undefined;

  function nameOf(post: string): string {
    return postName.get(post)?.post_name ?? '';
  }

  /** Null for this installation's own record; else its post and the import of its current revision. */
  function origin(row: OriginColumns): RecordOrigin | null {
    if (row.origin_post === null) return null;
    const exportId = row.origin_export_id ?? null;
    const b = exportId === null ? undefined : bundleBrief.get(exportId);
    return {
      post: row.origin_post,
      postName: nameOf(row.origin_post),
      level: row.origin_level === 'full' ? 'full' : 'pseudonymised',
      importId: b?.export_id ?? null,
      exportSeq: b?.sequence ?? null,
      importedAt: b?.imported_at ?? null,
    };
  }

  /** One import HQ holds, by its bundle's export id; undefined if there is none. */
  function importEntry(importId: string): ImportEntry | undefined {
    const b = bundle.get(importId);
    if (!b) return undefined;
    return {
      importId: b.export_id,
      postId: b.post_id,
      postName: nameOf(b.post_id),
      keyId: b.key_id,
      sequence: b.sequence,
      period: { from: b.period_from, to: b.period_to },
      level: b.level,
      fileName: b.file_name ?? null,
      createdAt: b.created_at,
      importedAt: b.imported_at,
      counts: JSON.parse(b.counts) as Record<string, number>,
      currentRecords: currentRecords?.get(b.export_id)?.n ?? 0,
    };
  }

  return { origin, importEntry, postName: nameOf };
}

export type OriginReader = ReturnType<typeof createOriginReader>;
