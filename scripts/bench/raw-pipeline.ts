import { createHash, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import { Decrypter } from 'age-encryption';
import Sqlite, { type Database } from 'better-sqlite3-multiple-ciphers';
import { SIGNATURE_CONTEXT } from '../../shared/exchange/formats';
import type { RecordKind } from '../../shared/records/kinds';
import { KIND_SPECS, type FacetContext, type KindSpec } from '../../electron/records/kind-specs';

// The raw pipeline: the least work that turns a post's bundle into searchable, listable rows at HQ, and the
// baseline the app's import is measured against (issue 12, item 1). Per bundle file:
//
//   1. read the file;
//   2. age-decrypt it with HQ's X25519 identities (age-encryption, the library the app uses);
//   3. JSON.parse the envelope and verify its Ed25519 signature over the payload (node:crypto);
//   4. JSON.parse the payload;
//   5. in one transaction, a prepared INSERT per record into a `record` table with the app's columns and
//      indexes, and a prepared INSERT of its title and text into the app's FTS5 table.
//
// What it leaves out on purpose: the envelope and record schemas, the level and ownership checks, links and
// phenomena, the audit trail, the dashboards' aggregates, the bundle's own row. A record already present (the
// organisations, people and cases every bundle of a post carries again) is skipped by the primary key, as
// the app skips an unchanged revision. The columns are computed with the app's own facet functions
// (electron/records/kind-specs.ts): that is deriving the row, not checking it.
//
// The database is encrypted with a key and configured like the app's: the same cipher, and every pragma
// below copied from a connection the app opened (page size, cache, synchronous, WAL...), and its tables made
// from the very statements in the app's schema.

/** HQ's secrets and the posts' keys: what decrypting and verifying need. */
export interface RawKeys {
  /** HQ's age identities (AGE-SECRET-KEY-1...). */
  readonly identities: readonly string[];
  /** Each enrolled post's Ed25519 public key, by key id. */
  readonly publicKeys: ReadonlyMap<string, KeyObject>;
}

/** One record as it is written: the app's record columns plus the text for the search index. */
export interface RawRow {
  id: string;
  kind: RecordKind;
  revision: number;
  data: string;
  title: string;
  occurredAt: string | null;
  country: string | null;
  channel: string | null;
  status: string | null;
  direction: string | null;
  dueAt: string | null;
  createdAt: string;
  updatedAt: string;
  originPost: string | null;
  originLevel: string | null;
  originExportId: string | null;
  body: string;
}

interface BundleRecord {
  kind: RecordKind;
  id: string;
  revision: number;
  createdAt: string;
  updatedAt: string;
  fields: Record<string, unknown>;
}

interface BundlePayloadShape {
  manifest: { postId: string; exportId: string; level: string; timeZone: string; homeCountry: string };
  records: BundleRecord[];
}

/** The pragmas copied from the app's connection (the key and cipher are set first, by the same statement). */
const COPIED_PRAGMAS = [
  'page_size',
  'cache_size',
  'journal_mode',
  'synchronous',
  'temp_store',
  'mmap_size',
  'wal_autocheckpoint',
  'foreign_keys',
  'busy_timeout',
] as const;

/** The statements that made the app's record table, its indexes and its search table, in their order. */
export function recordSchema(app: Database): string[] {
  return app
    .prepare(
      `SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL
         AND ((type = 'table' AND name = 'record') OR (type = 'index' AND tbl_name = 'record')
           OR name = 'record_search')
       ORDER BY CASE WHEN type = 'index' THEN 1 ELSE 0 END, rowid`,
    )
    .pluck()
    .all() as string[];
}

/** A new encrypted database at `file` with the app's record table, indexes, FTS table and pragmas. */
export function openRawDatabase(file: string, key: Buffer, app: Database): Database {
  const db = new Sqlite(file);
  db.pragma(`key = "x'${key.toString('hex')}'"`); // as electron/db/open.ts does
  for (const name of COPIED_PRAGMAS) {
    const value: unknown = app.pragma(name, { simple: true });
    db.pragma(`${name} = ${String(value)}`);
  }
  const cipher = (c: Database) => String(c.pragma('cipher', { simple: true }));
  if (cipher(db) !== cipher(app)) throw new Error(`Raw database cipher ${cipher(db)}, the app's ${cipher(app)}.`);
  db.exec(recordSchema(app).join(';\n'));
  return db;
}

/** The app's facets, links aside, for one record: its row as the record table holds it. */
export function rawRow(
  r: BundleRecord,
  ctx: FacetContext,
  origin: { post: string | null; level: string | null; exportId: string | null },
): RawRow {
  const spec = KIND_SPECS[r.kind] as KindSpec<unknown>;
  return {
    ...spec.facets(r.fields, ctx),
    id: r.id,
    kind: r.kind,
    revision: r.revision,
    data: JSON.stringify(r.fields),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    originPost: origin.post,
    originLevel: origin.level,
    originExportId: origin.exportId,
    body: spec.body(r.fields),
  };
}

export interface RawPipeline {
  /** Decrypts, verifies, parses and inserts one bundle file; answers how many records it carried and added. */
  importBundle(file: string): Promise<{ records: number; inserted: number }>;
  /** Step 5 alone: rows inserted in one transaction. */
  insertRows(rows: readonly RawRow[]): number;
}

export function createRawPipeline(db: Database, keys: RawKeys): RawPipeline {
  const insertRecord = db.prepare(`INSERT INTO record
      (id, kind, revision, data, title, occurred_at, country, channel, status, direction, due_at, created_at,
       updated_at, origin_post, origin_level, origin_export_id)
    VALUES (@id, @kind, @revision, @data, @title, @occurredAt, @country, @channel, @status, @direction, @dueAt,
       @createdAt, @updatedAt, @originPost, @originLevel, @originExportId)
    ON CONFLICT (id) DO NOTHING`);
  const insertText = db.prepare('INSERT INTO record_search (rowid, title, body) VALUES (?, ?, ?)');

  const insertRows = db.transaction((rows: readonly RawRow[]): number => {
    let inserted = 0;
    for (const row of rows) {
      const info = insertRecord.run(row);
      if (info.changes === 0) continue;
      insertText.run(info.lastInsertRowid, row.title, row.body);
      inserted += 1;
    }
    return inserted;
  });

  async function importBundle(file: string): Promise<{ records: number; inserted: number }> {
    const bytes = await fs.promises.readFile(file);
    const decrypter = new Decrypter();
    for (const identity of keys.identities) decrypter.addIdentity(identity);
    const envelope = JSON.parse(await decrypter.decrypt(bytes, 'text')) as {
      payload: string;
      signature: { keyId: string; value: string };
    };
    const publicKey = keys.publicKeys.get(envelope.signature.keyId);
    const signed = Buffer.from(SIGNATURE_CONTEXT + envelope.payload, 'utf8');
    if (!publicKey || !verify(null, signed, publicKey, Buffer.from(envelope.signature.value, 'base64'))) {
      throw new Error(`${file}: the signature does not verify.`);
    }
    const payload = JSON.parse(envelope.payload) as BundlePayloadShape;
    const m = payload.manifest;
    const ctx = { timeZone: m.timeZone, homeCountry: m.homeCountry };
    const origin = { post: m.postId, level: m.level === 'full' ? 'full' : 'pseudonymised', exportId: m.exportId };
    const rows = payload.records.map((r) => rawRow(r, ctx, origin));
    return { records: rows.length, inserted: insertRows(rows) };
  }

  return { importBundle, insertRows };
}

/**
 * What a reader of the data sees, as one hash: every record's id, kind, revision, origin and list columns, and
 * how many records a few searches find. Equal for the app's database and the raw one when both hold the same.
 */
export function recordDigest(db: Database): string {
  const hash = createHash('sha256');
  const rows = db
    .prepare(
      `SELECT id, kind, revision, title, occurred_at, country, channel, status, direction, due_at, created_at,
         updated_at, origin_post, origin_level, origin_export_id
       FROM record ORDER BY id`,
    )
    .raw()
    .iterate();
  for (const row of rows) hash.update(JSON.stringify(row));
  for (const word of ['container', 'polic*', 'garcía', 'bundeskriminalamt']) {
    const n = db.prepare('SELECT count(*) FROM record_search WHERE record_search MATCH ?').pluck().get(word);
    hash.update(`${word}:${String(n)}`);
  }
  return hash.digest('hex').slice(0, 16);
}
