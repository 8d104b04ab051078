import { z } from 'zod';
import { Id } from '../validation/primitives';

// Who a record belongs to. At a post every record is its own (`origin: null`). At HQ, records imported from a
// post's bundles belong to that post: HQ shows them read-only, with the post, the export (bundle) that brought
// the current revision, and a way to open that import's entry (`imports.get`).

/** The reason code of the refusal to change an imported record at HQ (error family `forbidden`). */
export const IMPORTED_READ_ONLY = 'record.imported_read_only';

export const RecordOrigin = z.strictObject({
  /** The post's id (e.g. `co-bog`). */
  post: z.string(),
  /** The post's name as HQ enrolled it; '' if no enrolled key names the post any more. */
  postName: z.string(),
  /** The level of detail the record arrived at. */
  level: z.enum(['pseudonymised', 'full']),
  /**
   * The import that brought the record's current revision: the bundle's export id, the key of `imports.get`.
   * Null when unknown (imported before HQ kept track of it and not attributable from the history).
   */
  importId: Id.nullable(),
  /** That bundle's sequence number in the post's exports (export 12 of the post); null when unknown. */
  exportSeq: z.number().int().nullable(),
  /** When HQ imported it; null when unknown. */
  importedAt: z.string().nullable(),
});
export type RecordOrigin = z.output<typeof RecordOrigin>;

/** `imports.get`: one import (one bundle) HQ holds. */
export const GetImportInput = z.strictObject({ importId: Id });
export type GetImportInput = z.input<typeof GetImportInput>;

export const ImportEntry = z.strictObject({
  /** The bundle's export id (what records' `origin.importId` names). */
  importId: Id,
  postId: z.string(),
  postName: z.string(),
  /** The post's signing key that signed the bundle. */
  keyId: z.string(),
  /** The bundle's sequence number in that key's exports. */
  sequence: z.number().int(),
  /** The period the post exported, as local calendar dates (YYYY-MM-DD), inclusive. */
  period: z.strictObject({ from: z.string(), to: z.string() }),
  /** 'aggregate', 'pseudonymised' or 'full'. */
  level: z.string(),
  /** The name of the file it was imported from; null for bundles imported before HQ kept it. */
  fileName: z.string().nullable(),
  /** When the post made the bundle, and when HQ imported it (UTC ISO). */
  createdAt: z.string(),
  importedAt: z.string(),
  /** The manifest's counts: records per kind in the bundle. */
  counts: z.record(z.string(), z.number().int()),
  /** How many records at HQ hold the revision this bundle brought (later bundles may have replaced others). */
  currentRecords: z.number().int().min(0),
});
export type ImportEntry = z.output<typeof ImportEntry>;
