import type { Database } from 'better-sqlite3-multiple-ciphers';

// Removing records for good (issue 13, item 5): emptying the trash, retention, a data subject's erasure, and at
// HQ a post's purge tombstone all come here. In one transaction, for each record:
//   - the links other records hold to it: taken out of their fields (a post's own record gets a new revision and
//     an audit entry naming only the field, so its next export carries the change; a record imported from a post
//     is corrected in place, at its revision: the post's own purge brings the next one) and out of record_link;
//   - its phenomena, its own links, its search entry (the index deletes for good: migration 010 turned FTS5's
//     'secure-delete' on), its dashboard bookkeeping, its origin pointer (the row), its audit entries;
//   - the row itself. The dashboards' triggers (migration 005) take its fact out of every aggregate and give the
//     records that took their countries from it their new ones, so the aggregates stay equal to a recount;
//   - a purged_record row (id, kind, post, when, why: no content), which exports carry as a tombstone, and one
//     audit entry 'purge' with who, when and why.
// SQLite's secure_delete is turned on for the connection first, so the freed space is overwritten with zeros.
// What an earlier write left in free space before secure_delete was on, and the old pages in the WAL, go with
// scrubAfterPurge (VACUUM, then a truncating checkpoint): callers run it after the transaction.

export type PurgeReason = 'trash_emptied' | 'retention' | 'erasure' | 'tombstone';
export const PURGE_REASONS: readonly PurgeReason[] = ['trash_emptied', 'retention', 'erasure', 'tombstone'];

export interface PurgeOptions {
  /** When the purge happened; now by default. */
  readonly now?: Date;
  /** Who purged: the installation's officer by default. */
  readonly by?: string;
}

/** The fields of a record's data that hold the ids of other records (kind-specs.ts, `links`). */
const LINK_FIELDS = ['organisationId', 'organisationIds', 'personIds', 'caseId', 'engagementIds', 'requestIds'];

/** `data` without `id` in its link fields, and the fields that changed. */
export function withoutLinkTo(
  data: Record<string, unknown>,
  id: string,
): { data: Record<string, unknown>; changed: string[] } {
  const out: Record<string, unknown> = { ...data };
  const changed: string[] = [];
  for (const field of LINK_FIELDS) {
    const value = out[field];
    if (value === id) {
      out[field] = null;
      changed.push(field);
    } else if (Array.isArray(value) && value.includes(id)) {
      out[field] = value.filter((v) => v !== id);
      changed.push(field);
    }
  }
  return { data: out, changed };
}

interface Target {
  n: number;
  id: string;
  kind: string;
  revision: number;
  origin_post: string | null;
}

interface Linker {
  n: number;
  id: string;
  revision: number;
  data: string;
  origin_post: string | null;
}

function officer(db: Database): string {
  try {
    return (
      (db.prepare('SELECT officer FROM installation WHERE singleton = 1').pluck().get() as string | undefined) ?? ''
    );
  } catch {
    return '';
  }
}

/**
 * Removes each record for good, in one transaction (see above). Ids that do not exist are skipped (an id purged
 * before, or never here). Answers how many records were removed. Call scrubAfterPurge afterwards, outside any
 * transaction, for the free space and the WAL.
 */
export function purgeRecords(
  db: Database,
  ids: readonly string[],
  reason: PurgeReason,
  options: PurgeOptions = {},
): number {
  if (!PURGE_REASONS.includes(reason)) throw new Error(`Unknown purge reason "${reason as string}".`);
  // Freed cells and pages are overwritten with zeros from now on (per connection, so set each time).
  if (!db.inTransaction) db.pragma('secure_delete = ON');
  const at = (options.now ?? new Date()).toISOString();
  const by = options.by ?? officer(db);

  const target = db.prepare<[string], Target>('SELECT n, id, kind, revision, origin_post FROM record WHERE id = ?');
  const linkers = db.prepare<[string], Linker>(
    `SELECT DISTINCT r.n, r.id, r.revision, r.data, r.origin_post FROM record_link l
       CROSS JOIN record r ON r.n = l.from_n WHERE l.to_id = ?`,
  );
  const rewriteOwn = db.prepare('UPDATE record SET data = ?, revision = ?, updated_at = ? WHERE n = ?');
  const rewriteImported = db.prepare('UPDATE record SET data = ? WHERE n = ?');
  const keepClock = db.prepare(`INSERT INTO retention_clock (record_id, revision, last_change)
    SELECT id, @revision, CASE WHEN c.revision = record.revision THEN c.last_change ELSE record.updated_at END
    FROM record LEFT JOIN retention_clock c ON c.record_id = record.id WHERE record.n = @n
    ON CONFLICT (record_id) DO UPDATE SET revision = excluded.revision, last_change = excluded.last_change`);
  const dropClock = db.prepare('DELETE FROM retention_clock WHERE record_id = ?');
  const unlinkTo = db.prepare('DELETE FROM record_link WHERE to_id = ?');
  const auditInsert = db.prepare(
    'INSERT INTO audit_entry (record_id, at, action, revision, changes) VALUES (?, ?, ?, ?, ?)',
  );
  const steps = [
    'DELETE FROM record_link WHERE from_n = @n',
    'DELETE FROM record_phenomenon WHERE record_n = @n',
    'DELETE FROM record_search WHERE rowid = @n',
    'DELETE FROM dashboard_pending WHERE record_n = @n',
    'DELETE FROM dashboard_dirty WHERE record_n = @n',
    'DELETE FROM audit_entry WHERE record_id = @id',
    'DELETE FROM record WHERE n = @n',
  ].map((sql) => db.prepare(sql));
  const tombstone = db.prepare(`INSERT INTO purged_record (record_id, kind, origin_post, purged_at, reason)
    VALUES (?, ?, ?, ?, ?) ON CONFLICT (record_id) DO UPDATE SET purged_at = excluded.purged_at, reason = excluded.reason`);

  const run = db.transaction(() => {
    let removed = 0;
    const wanted = new Set(ids);
    for (const id of wanted) {
      const row = target.get(id);
      if (!row) continue;
      // The links others hold to it: records purged in the same call need no new revision.
      for (const l of linkers.all(id)) {
        if (l.id === id || wanted.has(l.id)) continue;
        const { data, changed } = withoutLinkTo(JSON.parse(l.data) as Record<string, unknown>, id);
        if (changed.length === 0) continue;
        if (l.origin_post === null) {
          // Retention's clock for the linker does not start again for this change (retention_clock).
          keepClock.run({ n: l.n, revision: l.revision + 1 });
          rewriteOwn.run(JSON.stringify(data), l.revision + 1, at, l.n);
          // Which fields lost a link, not what they held.
          const changes = Object.fromEntries(changed.map((f) => [f, ['a link to a purged record', null]]));
          auditInsert.run(l.id, at, 'update', l.revision + 1, JSON.stringify(changes));
        } else {
          rewriteImported.run(JSON.stringify(data), l.n);
        }
      }
      unlinkTo.run(id);
      for (const step of steps) step.run({ n: row.n, id: row.id });
      dropClock.run(row.id);
      tombstone.run(row.id, row.kind, row.origin_post, at, reason);
      auditInsert.run(row.id, at, 'purge', row.revision, JSON.stringify({ reason: [null, reason], by: [null, by] }));
      removed += 1;
    }
    return removed;
  });
  return run();
}

/**
 * After a purge, outside any transaction: rewrites the database without its free pages (VACUUM: what earlier
 * writes left in free space goes too), then checkpoints the WAL into it and truncates it to nothing, so no old
 * page image of a purged record stays in the -wal file. Throws when another connection holds the database (VACUUM's
 * SQLITE_BUSY, or a checkpoint that could not finish): the caller tries again later.
 */
export function scrubAfterPurge(db: Database, options: { vacuum?: boolean } = {}): void {
  if (db.inTransaction) throw new Error('scrubAfterPurge runs outside a transaction only.');
  db.pragma('secure_delete = ON');
  if (options.vacuum !== false) db.exec('VACUUM');
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  // Another connection still reads an older snapshot: the WAL could not be truncated yet.
  if (result?.busy) throw new Error('The write-ahead log is in use by another connection: it was not truncated.');
}

/** Whether a record id was purged here (an import must not bring it back from an older bundle). */
export function isPurged(db: Database, id: string): boolean {
  return db.prepare('SELECT EXISTS (SELECT 1 FROM purged_record WHERE record_id = ?)').pluck().get(id) === 1;
}

export interface PurgeTombstone {
  readonly recordId: string;
  readonly kind: string;
  readonly originPost: string | null;
  readonly purgedAt: string;
  readonly reason: PurgeReason;
}

/** The purge tombstones recorded here, oldest first; `since` (exclusive), for an export's "since the last one". */
export function purgeTombstones(db: Database, since?: string): PurgeTombstone[] {
  const rows = db
    .prepare<
      [string],
      { record_id: string; kind: string; origin_post: string | null; purged_at: string; reason: PurgeReason }
    >(
      'SELECT record_id, kind, origin_post, purged_at, reason FROM purged_record WHERE purged_at > ? ORDER BY purged_at, record_id',
    )
    .all(since ?? '');
  return rows.map((r) => ({
    recordId: r.record_id,
    kind: r.kind,
    originPost: r.origin_post,
    purgedAt: r.purged_at,
    reason: r.reason,
  }));
}

/**
 * HQ: a post's tombstone for a record HQ does not hold (never imported, or purged already): noted, so that an
 * older bundle carrying the record never brings it back. A record HQ holds goes through purgeRecords(…, 'tombstone').
 */
export function notePurgeTombstone(db: Database, t: PurgeTombstone): void {
  db.prepare(
    `INSERT INTO purged_record (record_id, kind, origin_post, purged_at, reason) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (record_id) DO NOTHING`,
  ).run(t.recordId, t.kind, t.originPost, t.purgedAt, t.reason);
}

/** Every record in the trash (this installation's own; imported records are never trashed here). */
export function trashedIds(db: Database): string[] {
  return db
    .prepare('SELECT id FROM record WHERE deleted_at IS NOT NULL AND origin_post IS NULL ORDER BY n')
    .pluck()
    .all() as string[];
}
