import fs from 'node:fs';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { defaultBackupDir, listBackups } from '../backup/index';
import { createBackup } from '../backup/create';
import { createOriginReader, type OriginColumns } from '../records/origin';
import { KIND_SPECS, type FacetContext } from '../records/kind-specs';
import { purgeRecords, scrubAfterPurge, trashedIds } from '../records/purge';
import type { RecordKind } from '../../shared/records/kinds';
import { RECORD_KINDS } from '../../shared/records/kinds';
import type { RecordSummary } from '../../shared/records/queries';
import type {
  DuePersonalData,
  DueRecord,
  ErasureOutcome,
  Mention,
  PersonData,
  PurgeOutcome,
  ReplaceBackupsOutcome,
  RetentionDue,
  RetentionView,
} from '../../shared/retention/schema';
import { rulesInForce } from './rules';

// Retention and data-subject duties (issue 13, item 5), on top of the purge primitive (records/purge.ts):
//
// - Due for purge: a record whose last change is older than its kind's period (HQ's rules, else the defaults).
//   A revision that retention or a purge made itself (personal data stripped, a link to a purged record removed)
//   does not start the period again (retention_clock, migration 010). A person's last change is the latest of
//   its own and of the records that link to it (someone still met is not forgotten), and people have the
//   shorter of their kind's period and the personal-data period.
// - Personal data past its period, in records otherwise kept: free-text notes blanked and links to people
//   removed, with the same no-trace rule (the search entry rewritten, the old values taken out of the audit).
// - A legal hold on a case keeps the case, the records linked to it, and the records those link to or that link
//   to them: nothing of it is listed, purged or stripped while the hold stands.
// - Nothing is purged without the officer's confirmation: the screen (and the command line) lists, the officer
//   confirms the ids, and only those still due are purged.
// - Everything about a person, and erasing a person: the person purged (reason 'erasure', a tombstone the
//   export carries to HQ), the links to them removed, and their name redacted from the free text of the records
//   the officer chose after reviewing the mentions.

const DAY = 86_400_000;
/** How many entries each list of the retention screen shows at most. */
export const DUE_LIMIT = 1_000;
export const REDACTED = '[erased]';
const REMOVED = '(removed)';

export interface RetentionDeps {
  readonly db: Database;
  readonly dataDir: string;
  readonly now: () => Date;
  readonly context: () => FacetContext;
  /** Who acts (the audit's "by"): the installation's officer when not given. */
  readonly officer?: () => string;
}

interface Candidate extends OriginColumns {
  n: number;
  id: string;
  kind: RecordKind;
  title: string;
  revision: number;
  data: string;
  deleted_at: string | null;
  occurred_at: string | null;
  last_change: string;
}

/** A record's last change as retention counts it (see retention_clock). */
const LAST_CHANGE = 'CASE WHEN c.revision = r.revision THEN c.last_change ELSE r.updated_at END';
const CANDIDATE = `SELECT r.n, r.id, r.kind, r.title, r.revision, r.data, r.deleted_at, r.occurred_at, r.origin_post,
    r.origin_level, r.origin_export_id, ${LAST_CHANGE} AS last_change
  FROM record r LEFT JOIN retention_clock c ON c.record_id = r.id`;

function plusDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY).toISOString();
}

/** The ids a legal hold keeps: held cases, the records linked to them, and those records' own links both ways. */
export function heldIds(db: Database): Set<string> {
  const rows = db
    .prepare(
      `WITH h0(id) AS (SELECT case_id FROM legal_hold),
       h1(id) AS (SELECT r.id FROM record_link l JOIN record r ON r.n = l.from_n WHERE l.to_id IN (SELECT id FROM h0)),
       h01(id) AS (SELECT id FROM h0 UNION SELECT id FROM h1)
       SELECT id FROM h01
       UNION SELECT l.to_id FROM record_link l JOIN record r ON r.n = l.from_n WHERE r.id IN (SELECT id FROM h01)
       UNION SELECT r.id FROM record_link l JOIN record r ON r.n = l.from_n WHERE l.to_id IN (SELECT id FROM h1)`,
    )
    .pluck()
    .all() as string[];
  return new Set(rows);
}

export function createRetentionService(deps: RetentionDeps) {
  const { db } = deps;
  const origins = createOriginReader(db);
  const officer = () => {
    if (deps.officer) return deps.officer();
    return (
      (db.prepare('SELECT officer FROM installation WHERE singleton = 1').pluck().get() as string | undefined) ?? ''
    );
  };

  function view(): RetentionView {
    compactIfPending();
    const inForce = rulesInForce(db);
    const holds = db
      .prepare<[], { case_id: string; reason: string; placed_at: string; placed_by: string; title: string | null }>(
        `SELECT h.case_id, h.reason, h.placed_at, h.placed_by, r.title FROM legal_hold h
         LEFT JOIN record r ON r.id = h.case_id ORDER BY h.placed_at`,
      )
      .all();
    return {
      rules: inForce.rules,
      source: inForce.source,
      appliedAt: inForce.appliedAt,
      holds: holds.map((h) => ({
        caseId: h.case_id,
        title: h.title ?? '',
        reason: h.reason,
        placedAt: h.placed_at,
        placedBy: h.placed_by,
      })),
    };
  }

  /** The latest change of the live records linking to each person, by person id. */
  function linkerActivity(personIds: readonly string[]): Map<string, string> {
    const out = new Map<string, string>();
    const q = db.prepare<[string], { last: string | null }>(
      `SELECT max(${LAST_CHANGE}) AS last FROM record_link l CROSS JOIN record r ON r.n = l.from_n
       LEFT JOIN retention_clock c ON c.record_id = r.id WHERE l.to_id = ? AND r.deleted_at IS NULL`,
    );
    for (const id of personIds) {
      const last = q.get(id)?.last;
      if (last) out.set(id, last);
    }
    return out;
  }

  interface DueSets {
    records: (DueRecord & { n: number })[];
    personal: (DuePersonalData & { n: number })[];
    held: number;
    limited: boolean;
  }

  /**
   * The records a query of candidate row numbers names (`set`: one column `n`, read from the indexes of migration
   * 010 so that at HQ's size the screen and Needs attention read the old end of an index, never every record),
   * with their last change as retention counts it, oldest first.
   */
  function candidates<T extends object = object>(
    set: string,
    params: Record<string, string | number>,
    extra = '',
  ): (Candidate & T)[] {
    return db
      .prepare(
        `${CANDIDATE.replace('AS last_change', `AS last_change${extra}`)} WHERE r.n IN (${set})
         ORDER BY last_change, r.n`,
      )
      .all(params) as (Candidate & T)[];
  }

  function computeDue(limit: number): DueSets {
    const { rules } = rulesInForce(db);
    const now = deps.now().getTime();
    const held = heldIds(db);
    let heldCount = 0;
    let limited = false;
    const records: DueSets['records'] = [];
    const dueIds = new Set<string>();
    for (const kind of RECORD_KINDS) {
      const periods = [rules.kinds[kind], kind === 'person' ? rules.personalData : null].filter(
        (d): d is number => d !== null,
      );
      if (periods.length === 0) continue;
      const days = Math.min(...periods);
      const cutoff = new Date(now - days * DAY).toISOString();
      const rows = candidates(
        `SELECT n FROM (SELECT r.n FROM record r INDEXED BY record_by_kind_updated
           WHERE r.kind = @kind AND r.updated_at < @cutoff ORDER BY r.updated_at, r.n LIMIT @limit)
         UNION SELECT r.n FROM retention_clock c JOIN record r ON r.id = c.record_id
           WHERE r.kind = @kind AND c.revision = r.revision AND c.last_change < @cutoff`,
        { kind, cutoff, limit: limit + 1 },
      )
        .filter((r) => r.last_change < cutoff)
        .slice(0, limit + 1);
      if (rows.length > limit) limited = true;
      const activity = kind === 'person' ? linkerActivity(rows.map((r) => r.id)) : new Map<string, string>();
      for (const r of rows.slice(0, limit)) {
        const linked = activity.get(r.id);
        const last = linked && linked > r.last_change ? linked : r.last_change;
        if (last >= cutoff) continue;
        if (held.has(r.id)) {
          heldCount += 1;
          continue;
        }
        dueIds.add(r.id);
        records.push({
          n: r.n,
          kind: r.kind,
          id: r.id,
          title: r.title,
          lastChange: last,
          dueSince: plusDays(last, days),
          inTrash: r.deleted_at !== null,
          originPost: r.origin_post,
        });
      }
    }
    const personal: DueSets['personal'] = [];
    if (rules.personalData !== null) {
      const days = rules.personalData;
      const cutoff = new Date(now - days * DAY).toISOString();
      const rows = candidates<{ notes: number; people: number }>(
        `SELECT n FROM (SELECT r.n FROM record r INDEXED BY record_with_notes
           WHERE coalesce(json_extract(r.data, '$.notes'), '') <> '' AND r.kind <> 'person' AND r.updated_at < @cutoff
           ORDER BY r.updated_at, r.n LIMIT @limit)
         UNION SELECT n FROM (SELECT r.n FROM record_link l INDEXED BY record_link_to_person
           CROSS JOIN record r ON r.n = l.from_n WHERE l.role = 'person' AND r.updated_at < @cutoff
           GROUP BY r.n ORDER BY r.updated_at, r.n LIMIT @limit)
         UNION SELECT r.n FROM retention_clock c JOIN record r ON r.id = c.record_id
           WHERE r.kind <> 'person' AND c.revision = r.revision AND c.last_change < @cutoff`,
        { cutoff, limit: limit + 1 },
        `, coalesce(json_extract(r.data, '$.notes'), '') <> '' AS notes,
           EXISTS (SELECT 1 FROM record_link p WHERE p.from_n = r.n AND p.role = 'person') AS people`,
      )
        .filter((r) => r.last_change < cutoff && (r.notes || r.people))
        .slice(0, limit + 1);
      if (rows.length > limit) limited = true;
      for (const r of rows.slice(0, limit)) {
        if (dueIds.has(r.id)) continue;
        if (held.has(r.id)) {
          heldCount += 1;
          continue;
        }
        const parts: DuePersonalData['parts'] = [];
        if (r.notes) parts.push('notes');
        if (r.people) parts.push('personLinks');
        personal.push({
          n: r.n,
          kind: r.kind,
          id: r.id,
          title: r.title,
          lastChange: r.last_change,
          dueSince: plusDays(r.last_change, days),
          parts,
        });
      }
    }
    return { records, personal, held: heldCount, limited };
  }

  function due(limit = DUE_LIMIT): RetentionDue {
    compactIfPending();
    const sets = computeDue(limit);
    return {
      records: sets.records.map(({ n: _n, ...r }) => r),
      personalData: sets.personal.map(({ n: _n, ...p }) => p),
      held: sets.held,
      limited: sets.limited,
    };
  }

  /** Backups in the data folder's backups folder: all made before now, so all hold what was just purged. */
  function olderBackups(): number {
    return listBackups(defaultBackupDir(deps.dataDir)).length;
  }

  /**
   * After a purge: VACUUM and a truncating checkpoint, without waiting for other connections (the background
   * backup reads the database for a while after unlock): if one holds it, false, and the next call of the
   * retention screen tries again (freed space is zeroed already; what waits is the free pages and the WAL).
   */
  let compactPending = false;
  function compact(): boolean {
    const wait = db.pragma('busy_timeout', { simple: true }) as number;
    db.pragma('busy_timeout = 0');
    try {
      scrubAfterPurge(db);
      compactPending = false;
      return true;
    } catch {
      compactPending = true;
      return false;
    } finally {
      db.pragma(`busy_timeout = ${wait}`);
    }
  }
  function compactIfPending(): void {
    if (compactPending && !db.inTransaction) compact();
  }

  /** A record's audit entries with the values of `fields` (or every string holding a term) replaced. */
  function scrubAudit(id: string, rewrite: (changes: Record<string, [unknown, unknown]>) => boolean): void {
    const entries = db
      .prepare<[string], { seq: number; changes: string }>('SELECT seq, changes FROM audit_entry WHERE record_id = ?')
      .all(id);
    const update = db.prepare('UPDATE audit_entry SET changes = ? WHERE seq = ?');
    for (const e of entries) {
      const changes = JSON.parse(e.changes) as Record<string, [unknown, unknown]>;
      if (rewrite(changes)) update.run(JSON.stringify(changes), e.seq);
    }
  }

  /**
   * Writes a record's new fields after retention or an erasure changed them: a post's own record gets a new
   * revision (its export carries it) whose change does not restart retention's clock; a record imported from a
   * post is corrected in place. The search entry is written again (the index deletes for good).
   */
  function rewrite(
    row: { n: number; id: string; kind: RecordKind; revision: number; origin_post: string | null },
    data: Record<string, unknown>,
    changes: Record<string, [unknown, unknown]>,
  ): void {
    const at = deps.now().toISOString();
    const spec = KIND_SPECS[row.kind] as {
      facets(f: unknown, c: FacetContext): { title: string };
      body(f: unknown): string;
    };
    const title = spec.facets(data, deps.context()).title;
    if (row.origin_post === null) {
      db.prepare(
        `INSERT INTO retention_clock (record_id, revision, last_change)
         SELECT r.id, ?, ${LAST_CHANGE} FROM record r LEFT JOIN retention_clock c ON c.record_id = r.id WHERE r.n = ?
         ON CONFLICT (record_id) DO UPDATE SET revision = excluded.revision, last_change = excluded.last_change`,
      ).run(row.revision + 1, row.n);
      db.prepare('UPDATE record SET data = ?, title = ?, revision = ?, updated_at = ? WHERE n = ?').run(
        JSON.stringify(data),
        title,
        row.revision + 1,
        at,
        row.n,
      );
      db.prepare('INSERT INTO audit_entry (record_id, at, action, revision, changes) VALUES (?, ?, ?, ?, ?)').run(
        row.id,
        at,
        'update',
        row.revision + 1,
        JSON.stringify(changes),
      );
    } else {
      db.prepare('UPDATE record SET data = ?, title = ? WHERE n = ?').run(JSON.stringify(data), title, row.n);
    }
    db.prepare('DELETE FROM record_search WHERE rowid = ?').run(row.n);
    db.prepare('INSERT INTO record_search (rowid, title, body) VALUES (?, ?, ?)').run(row.n, title, spec.body(data));
  }

  const rowById = db.prepare<
    [string],
    { n: number; id: string; kind: RecordKind; revision: number; data: string; origin_post: string | null }
  >('SELECT n, id, kind, revision, data, origin_post FROM record WHERE id = ?');

  /** Blanks a record's notes and removes its links to people; answers whether anything changed. */
  function stripPersonalData(id: string): boolean {
    const row = rowById.get(id);
    if (!row) return false;
    const data = JSON.parse(row.data) as Record<string, unknown>;
    const changes: Record<string, [unknown, unknown]> = {};
    if (typeof data['notes'] === 'string' && data['notes'] !== '') {
      data['notes'] = '';
      changes['notes'] = [REMOVED, ''];
    }
    if (Array.isArray(data['personIds']) && data['personIds'].length > 0) {
      data['personIds'] = [];
      changes['personIds'] = [REMOVED, []];
    }
    if (Object.keys(changes).length === 0) return false;
    rewrite(row, data, changes);
    db.prepare("DELETE FROM record_link WHERE from_n = ? AND role = 'person'").run(row.n);
    // The old values leave the audit too: what the notes said, and which people were linked.
    scrubAudit(id, (entry) => {
      let touched = false;
      for (const field of ['notes', 'personIds'] as const) {
        const change = entry[field];
        if (!change || !(field in changes)) continue;
        const blank = (v: unknown) => (v === null || v === '' || (Array.isArray(v) && v.length === 0) ? v : REMOVED);
        const next: [unknown, unknown] = [blank(change[0]), blank(change[1])];
        if (JSON.stringify(next) !== JSON.stringify(change)) {
          entry[field] = next;
          touched = true;
        }
      }
      return touched;
    });
    return true;
  }

  /** Purges the confirmed records and strips the confirmed personal data, of those still due and not held. */
  function purgeDue(recordIds: readonly string[], personalDataIds: readonly string[]): PurgeOutcome {
    const sets = computeDue(Number.MAX_SAFE_INTEGER);
    const dueRecords = new Set(sets.records.map((r) => r.id));
    const duePersonal = new Set(sets.personal.map((p) => p.id));
    const purge = recordIds.filter((id) => dueRecords.has(id));
    const strip = personalDataIds.filter((id) => duePersonal.has(id));
    const before = olderBackups();
    db.pragma('secure_delete = ON');
    const { purged, stripped } = db.transaction(() => {
      let n = 0;
      for (const id of strip) if (stripPersonalData(id)) n += 1;
      return { purged: purgeRecords(db, purge, 'retention', { now: deps.now(), by: officer() }), stripped: n };
    })();
    const compacted = purged + stripped > 0 ? compact() : false;
    return { purged, stripped, olderBackups: purged + stripped > 0 ? before : 0, compacted };
  }

  /** Empties the trash of the records the officer saw (those still in the trash, this installation's own). */
  function emptyTrash(ids: readonly string[]): PurgeOutcome {
    const inTrash = new Set(trashedIds(db));
    const purge = ids.filter((id) => inTrash.has(id));
    const before = olderBackups();
    const purged = purgeRecords(db, purge, 'trash_emptied', { now: deps.now(), by: officer() });
    const compacted = purged > 0 ? compact() : false;
    return { purged, stripped: 0, olderBackups: purged > 0 ? before : 0, compacted };
  }

  function setHold(caseId: string, held: boolean, reason: string): RetentionView | 'not_found' {
    const kind = db.prepare('SELECT kind FROM record WHERE id = ?').pluck().get(caseId);
    if (held) {
      if (kind !== 'case') return 'not_found';
      db.prepare(
        `INSERT INTO legal_hold (case_id, reason, placed_at, placed_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (case_id) DO UPDATE SET reason = excluded.reason`,
      ).run(caseId, reason, deps.now().toISOString(), officer());
    } else {
      db.prepare('DELETE FROM legal_hold WHERE case_id = ?').run(caseId);
    }
    return view();
  }

  /** Makes a fresh backup and deletes every backup in the data folder's backups folder made before it. */
  function replaceBackups(): ReplaceBackupsOutcome {
    const dir = defaultBackupDir(deps.dataDir);
    const older = listBackups(dir);
    const made = createBackup(db, { dir, now: deps.now(), kind: 'auto', keep: Number.MAX_SAFE_INTEGER });
    let removed = 0;
    for (const b of older) {
      if (b.file === made.file) continue;
      try {
        fs.rmSync(b.file);
        removed += 1;
      } catch {
        // Left for the next attempt; the count says how many went.
      }
    }
    return { made: made.fileName, removed };
  }

  // --- people ---------------------------------------------------------------------------------------------

  /** The words a person's name is looked for by: the whole name, and a surname of four letters or more. */
  function nameTerms(name: string): string[] {
    const whole = name.trim();
    const parts = whole.split(/\s+/);
    const last = parts.length > 1 ? (parts[parts.length - 1] ?? '') : '';
    return [whole, ...(last.length >= 4 && last !== whole ? [last] : [])].filter((t) => t.length >= 2);
  }

  const summary = (
    r:
      | Candidate
      | (OriginColumns & {
          kind: RecordKind;
          id: string;
          title: string;
          occurred_at: string | null;
          deleted_at: string | null;
        }),
  ): RecordSummary => ({
    kind: r.kind,
    id: r.id,
    title: r.title,
    occurredAt: r.occurred_at,
    deletedAt: r.deleted_at,
    origin: origins.origin(r),
  });

  /** Records other than the person holding their name in their text, with the fields and an excerpt. */
  function mentions(personId: string, name: string): Mention[] {
    const terms = nameTerms(name);
    if (terms.length === 0) return [];
    const lowered = terms.map((t) => t.toLocaleLowerCase());
    const rows = db
      .prepare<[string, string], Candidate>(
        `${CANDIDATE} WHERE r.id <> ? AND (${terms.map(() => 'instr(lower(r.data), lower(?)) > 0').join(' OR ')})
         ORDER BY r.n`,
      )
      .all(personId, ...(terms as [string]));
    const out: Mention[] = [];
    for (const r of rows) {
      const data = JSON.parse(r.data) as Record<string, unknown>;
      const fields: string[] = [];
      let excerpt = '';
      for (const [field, value] of Object.entries(data)) {
        if (typeof value !== 'string') continue;
        const text = value.toLocaleLowerCase();
        const at = Math.min(...lowered.map((t) => text.indexOf(t)).filter((i) => i >= 0));
        if (!Number.isFinite(at)) continue;
        fields.push(field);
        if (!excerpt) excerpt = value.slice(Math.max(0, at - 40), at + 60);
      }
      if (fields.length > 0) out.push({ record: summary(r), fields, excerpt });
    }
    return out;
  }

  function personRow(id: string) {
    return db
      .prepare<[string], Candidate & { created_at: string; updated_at: string }>(
        `${CANDIDATE.replace('AS last_change', 'AS last_change, r.created_at, r.updated_at')} WHERE r.id = ? AND r.kind = 'person'`,
      )
      .get(id);
  }

  function personData(id: string): PersonData | undefined {
    const row = personRow(id);
    if (!row) return undefined;
    const f = JSON.parse(row.data) as Record<string, unknown>;
    const text = (k: string) => (typeof f[k] === 'string' ? f[k] : '');
    const orgId = typeof f['organisationId'] === 'string' ? f['organisationId'] : null;
    const organisation = orgId
      ? ((db.prepare('SELECT title FROM record WHERE id = ?').pluck().get(orgId) as string | undefined) ?? null)
      : null;
    const linked = db
      .prepare<[string], Candidate>(
        `${CANDIDATE} WHERE r.n IN (SELECT from_n FROM record_link WHERE to_id = ?) ORDER BY r.occurred_at DESC, r.n`,
      )
      .all(id)
      .map(summary);
    const history = db
      .prepare<[string], { at: string; action: string; revision: number; changes: string }>(
        'SELECT at, action, revision, changes FROM audit_entry WHERE record_id = ? ORDER BY seq',
      )
      .all(id)
      .map((e) => ({
        at: e.at,
        action: e.action,
        revision: e.revision,
        fields: Object.keys(JSON.parse(e.changes) as object),
      }));
    const exportedAt = db
      .prepare('SELECT created_at FROM export_log WHERE created_at >= ? ORDER BY created_at')
      .pluck()
      .all(row.created_at) as string[];
    return {
      generatedAt: deps.now().toISOString(),
      person: {
        id: row.id,
        name: text('name'),
        role: text('role'),
        email: text('email'),
        phone: text('phone'),
        notes: text('notes'),
        organisation,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        deletedAt: row.deleted_at,
      },
      linked,
      mentions: mentions(id, text('name')),
      history,
      elsewhere: {
        backups: listBackups(defaultBackupDir(deps.dataDir)).filter((b) => b.createdAt.toISOString() >= row.created_at)
          .length,
        exportedAt,
      },
    };
  }

  /** The name replaced in every text field of a record, and in its audit entries. */
  function redactIn(recordId: string, terms: readonly string[]): boolean {
    const row = rowById.get(recordId);
    if (!row) return false;
    const patterns = terms.map((t) => new RegExp(t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu'));
    const redact = (s: string) => patterns.reduce((out, p) => out.replace(p, REDACTED), s);
    const data = JSON.parse(row.data) as Record<string, unknown>;
    const changes: Record<string, [unknown, unknown]> = {};
    for (const [field, value] of Object.entries(data)) {
      if (typeof value !== 'string') continue;
      const next = redact(value);
      if (next !== value) {
        data[field] = next;
        changes[field] = [REMOVED, next];
      }
    }
    if (Object.keys(changes).length === 0) return false;
    rewrite(row, data, changes);
    const deep = (v: unknown): unknown =>
      typeof v === 'string'
        ? redact(v)
        : Array.isArray(v)
          ? v.map(deep)
          : v && typeof v === 'object'
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x)]))
            : v;
    scrubAudit(recordId, (entry) => {
      const before = JSON.stringify(entry);
      for (const key of Object.keys(entry)) entry[key] = deep(entry[key]) as [unknown, unknown];
      return JSON.stringify(entry) !== before;
    });
    return true;
  }

  /** Erasure of a person across records: see the top of this file. */
  function erasePerson(id: string, redactInIds: readonly string[]): ErasureOutcome | 'not_found' {
    const row = personRow(id);
    if (!row) return 'not_found';
    const name = (JSON.parse(row.data) as { name?: string }).name ?? '';
    const terms = nameTerms(name);
    const mentioned = new Set(mentions(id, name).map((m) => m.record.id));
    const unlinked = db
      .prepare('SELECT count(DISTINCT from_n) FROM record_link WHERE to_id = ?')
      .pluck()
      .get(id) as number;
    const before = olderBackups();
    db.pragma('secure_delete = ON');
    const { purged, redacted } = db.transaction(() => {
      let n = 0;
      for (const rid of redactInIds) if (mentioned.has(rid) && redactIn(rid, terms)) n += 1;
      return { purged: purgeRecords(db, [id], 'erasure', { now: deps.now(), by: officer() }), redacted: n };
    })();
    const compacted = compact();
    return { purged, unlinked, redacted, olderBackups: before, compacted };
  }

  return {
    view,
    due,
    purgeDue,
    emptyTrash,
    setHold,
    replaceBackups,
    personData,
    mentions: (id: string) => {
      const row = personRow(id);
      return row ? mentions(id, (JSON.parse(row.data) as { name?: string }).name ?? '') : undefined;
    },
    erasePerson,
    stripPersonalData,
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
