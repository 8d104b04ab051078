import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { isDated, localMidnight, localToday, nextDay } from './period';
import type { FieldProblem } from '../../shared/contract/result';
import type { RecordKind } from '../../shared/records/kinds';
import type { AuditEntry, ListRecordsInput, RecordSummary } from '../../shared/records/queries';
import type { z } from 'zod';
import { noteWritten } from '../reports/dashboard-batch';
import { ensureDashboardClock } from '../reports/dashboard-upkeep';
import { ftsQuery } from './fts-query';
import { KIND_SPECS, type FacetContext, type KindFields, type KindSpec } from './kind-specs';
import { createOriginReader, hasOriginExport, type OriginColumns } from './origin';
import type { RecordOrigin } from '../../shared/records/origin';

// The one storage path for every kind of logbook record: revisions, links, phenomena, the search index
// and the audit trail are kept in step inside one transaction per change.

type ListQuery = z.output<typeof ListRecordsInput>;
export type StoredRecord = Record<string, unknown> & {
  id: string;
  revision: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  origin: RecordOrigin | null;
};

interface Row extends OriginColumns {
  n: number;
  id: string;
  kind: RecordKind;
  revision: number;
  data: string;
  title: string;
  occurred_at: string | null;
  due_at: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export class StaleRevisionError extends Error {
  constructor(readonly current: number) {
    super(`This record was changed elsewhere (now at revision ${current}). Reload it before saving.`);
  }
}

export class TrashedRecordError extends Error {
  constructor() {
    super('This record is in the trash. Restore it before changing it.');
  }
}

/**
 * HQ: a record imported from a post belongs to that post. HQ cannot change it, move it to the trash or
 * restore it; the post changes it and its next export brings the new revision.
 */
export class ImportedRecordError extends Error {
  constructor(
    readonly post: string,
    readonly postName: string,
  ) {
    super(
      `This record was imported from post ${postName || post}${postName ? ` (${post})` : ''}: it is read-only at HQ. ` +
        'Changes are made at the post and arrive with its next export.',
    );
  }
}

/** HQ: a post's bundle carries a record whose id belongs to another post's record (or HQ's own, or another kind). */
export class ForeignRecordError extends Error {
  constructor(readonly id: string) {
    super(`Record ${id} belongs to another post or is of another kind: a bundle cannot overwrite it.`);
  }
}

export class InvalidReferencesError extends Error {
  constructor(readonly fields: Record<string, FieldProblem>) {
    super('Some linked records or codes do not exist.');
  }
}

export interface RecordStoreOptions {
  now: () => Date;
  context: () => FacetContext;
}

export function createRecordStore(db: Database, options: RecordStoreOptions) {
  const origins = createOriginReader(db);
  const byId = db.prepare<[string], Row>('SELECT * FROM record WHERE id = ?');
  const insertRow = db.prepare(`INSERT INTO record
    (id, kind, revision, data, title, occurred_at, country, channel, status, direction, due_at, created_at, updated_at)
    VALUES (@id, @kind, @revision, @data, @title, @occurredAt, @country, @channel, @status, @direction, @dueAt,
            @createdAt, @updatedAt)`);
  const updateRow = db.prepare(`UPDATE record SET revision = @revision, data = @data, title = @title,
      occurred_at = @occurredAt, country = @country, channel = @channel, status = @status, direction = @direction,
      due_at = @dueAt, updated_at = @updatedAt
    WHERE id = @id AND revision = @expected`);
  const setDeleted = db.prepare(
    'UPDATE record SET deleted_at = ?, updated_at = ?, revision = revision + 1 WHERE id = ?',
  );
  const clearPhenomena = db.prepare('DELETE FROM record_phenomenon WHERE record_n = ?');
  const addPhenomenon = db.prepare('INSERT OR IGNORE INTO record_phenomenon (record_n, code) VALUES (?, ?)');
  const clearLinks = db.prepare('DELETE FROM record_link WHERE from_n = ?');
  const addLink = db.prepare('INSERT OR IGNORE INTO record_link (from_n, role, to_id) VALUES (?, ?, ?)');
  const unindex = db.prepare('DELETE FROM record_search WHERE rowid = ?');
  const index = db.prepare('INSERT INTO record_search (rowid, title, body) VALUES (?, ?, ?)');
  const audit = db.prepare('INSERT INTO audit_entry (record_id, at, action, revision, changes) VALUES (?, ?, ?, ?, ?)');
  const auditOf = db.prepare<[string], { at: string; action: AuditEntry['action']; revision: number; changes: string }>(
    'SELECT at, action, revision, changes FROM audit_entry WHERE record_id = ? ORDER BY seq',
  );
  const kindOf = db.prepare<[string], { kind: string; deleted_at: string | null }>(
    'SELECT kind, deleted_at FROM record WHERE id = ?',
  );
  const termExists = db.prepare<[string, string], { ok: number }>(
    'SELECT 1 AS ok FROM taxonomy_term WHERE taxonomy = ? AND code = ?',
  );
  const lastContact = db.prepare<[string], { at: string | null }>(`SELECT max(r.occurred_at) AS at
    FROM record_link l JOIN record r ON r.n = l.from_n
    WHERE l.to_id = ? AND l.role = 'organisation' AND r.kind = 'engagement' AND r.deleted_at IS NULL`);

  function spec(kind: RecordKind): KindSpec<unknown> {
    return KIND_SPECS[kind];
  }

  function toRecord(row: Row): StoredRecord {
    const data = JSON.parse(row.data) as Record<string, unknown>;
    const out: StoredRecord = {
      id: row.id,
      revision: row.revision,
      ...data,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      deletedAt: row.deleted_at,
      origin: origins.origin(row),
    };
    if (row.kind === 'request') out['dueAt'] = row.due_at;
    if (row.kind === 'organisation') out['lastContactAt'] = lastContact.get(row.id)?.at ?? null;
    return out;
  }

  /** Reads back a record this connection has just written. */
  function reread(id: string): StoredRecord {
    const row = byId.get(id);
    if (!row) throw new Error(`Record ${id} is missing right after it was written.`);
    return toRecord(row);
  }

  /** Links must point at live records of the right kind; codes must exist in their taxonomy. */
  function checkReferences(kind: RecordKind, fields: unknown, selfId?: string, previous?: unknown): void {
    const problems: Record<string, FieldProblem> = {};
    // On an edit, links the record already had stay valid even if their target is now in the trash:
    // the officer must be able to correct a typo without first unlinking history.
    const kept = new Set(
      previous === undefined
        ? []
        : spec(kind)
            .links(previous)
            .map((l) => `${l.role}:${l.toId}`),
    );
    for (const link of spec(kind).links(fields)) {
      if (kept.has(`${link.role}:${link.toId}`)) continue;
      const target = kindOf.get(link.toId);
      const path = linkField(kind, link.role);
      if (!target || target.kind !== link.role || target.deleted_at !== null || link.toId === selfId) {
        problems[path] ??= { code: 'unknown_record', message: `The linked ${link.role} does not exist.` };
      }
    }
    for (const code of spec(kind).phenomena(fields)) {
      if (!termExists.get('phenomenon', code)) {
        problems['phenomena'] ??= { code: 'unknown_term', message: `Unknown phenomenon "${code}".` };
      }
    }
    if (kind === 'organisation') {
      const type = (fields as KindFields['organisation']).type;
      if (!termExists.get('organisation_type', type)) {
        problems['type'] = { code: 'unknown_term', message: `Unknown organisation type "${type}".` };
      }
    }
    if (Object.keys(problems).length > 0) throw new InvalidReferencesError(problems);
  }

  /** HQ changes none of a post's records (their links included): the post does, and exports the change. */
  function refuseImported(row: Row): void {
    if (row.origin_post !== null) throw new ImportedRecordError(row.origin_post, origins.postName(row.origin_post));
  }

  /** A record's phenomena, links and search entry; `fresh`: a row just inserted, which has none to clear. */
  function writeSideTables(kind: RecordKind, n: number | bigint, fields: unknown, title: string, fresh = false): void {
    if (!fresh) clearPhenomena.run(n);
    for (const code of spec(kind).phenomena(fields)) addPhenomenon.run(n, code);
    if (!fresh) clearLinks.run(n);
    for (const link of spec(kind).links(fields)) addLink.run(n, link.role, link.toId);
    if (!fresh) unindex.run(n);
    index.run(n, title, spec(kind).body(fields));
    // Every create, update and import passes here, last: inside a dashboard batch, the record (now complete) is
    // counted when the batch settles.
    noteWritten(db, n);
  }

  const create = db.transaction((kind: RecordKind, fields: unknown, id: string = randomUUID()): StoredRecord => {
    checkReferences(kind, fields);
    const at = options.now().toISOString();
    const facets = spec(kind).facets(fields, options.context());
    const info = insertRow.run({
      ...facets,
      id,
      kind,
      revision: 1,
      data: JSON.stringify(fields),
      createdAt: at,
      updatedAt: at,
    });
    writeSideTables(kind, info.lastInsertRowid, fields, facets.title, true);
    audit.run(id, at, 'create', 1, JSON.stringify(created(fields as Record<string, unknown>)));
    return reread(id);
  });

  const update = db.transaction(
    (kind: RecordKind, id: string, revision: number, fields: unknown): StoredRecord | undefined => {
      const existing = byId.get(id);
      if (!existing || existing.kind !== kind) return undefined;
      refuseImported(existing);
      if (existing.revision !== revision) throw new StaleRevisionError(existing.revision);
      if (existing.deleted_at !== null) throw new TrashedRecordError();
      const before = JSON.parse(existing.data) as Record<string, unknown>;
      checkReferences(kind, fields, id, before);
      const changes = diff(before, fields as Record<string, unknown>);
      if (Object.keys(changes).length === 0) return toRecord(existing); // nothing changed: no new revision
      const at = options.now().toISOString();
      const facets = spec(kind).facets(fields, options.context());
      updateRow.run({
        ...facets,
        id,
        expected: revision,
        revision: revision + 1,
        data: JSON.stringify(fields),
        updatedAt: at,
      });
      writeSideTables(kind, existing.n, fields, facets.title);
      audit.run(id, at, 'update', revision + 1, JSON.stringify(changes));
      return reread(id);
    },
  );

  const setTrashed = db.transaction((kind: RecordKind, id: string, trashed: boolean): StoredRecord | undefined => {
    const existing = byId.get(id);
    if (!existing || existing.kind !== kind) return undefined;
    refuseImported(existing);
    if ((existing.deleted_at !== null) === trashed) return toRecord(existing);
    const at = options.now().toISOString();
    setDeleted.run(trashed ? at : null, at, id);
    noteWritten(db, existing.n);
    audit.run(id, at, trashed ? 'delete' : 'restore', existing.revision + 1, '{}');
    return reread(id);
  });

  function get(kind: RecordKind, id: string): StoredRecord | undefined {
    const row = byId.get(id);
    return row && row.kind === kind ? toRecord(row) : undefined;
  }

  function list(kind: RecordKind, query: ListQuery): { total: number; items: StoredRecord[] } {
    const { where, params } = buildWhere(kind, query.filters, options.now(), options.context().timeZone);
    const order = orderBy(kind, query.sort);
    const total = (db.prepare(`SELECT count(*) AS n FROM record r WHERE ${where}`).get(params) as { n: number }).n;
    const rows = db
      .prepare(`SELECT r.* FROM record r WHERE ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: query.limit, offset: query.offset }) as Row[];
    return { total, items: rows.map(toRecord) };
  }

  function history(id: string): AuditEntry[] {
    return auditOf.all(id).map((e) => ({ ...e, changes: JSON.parse(e.changes) as AuditEntry['changes'] }));
  }

  function search(text: string, limit: number): RecordSummary[] {
    const match = ftsQuery(text);
    if (!match) return [];
    const rows = db
      .prepare(
        `SELECT r.kind, r.id, r.title, r.occurred_at, r.origin_post, r.origin_level, r.origin_export_id
        FROM record_search s
        JOIN record r ON r.n = s.rowid
        WHERE record_search MATCH ? AND r.deleted_at IS NULL ORDER BY s.rank LIMIT ?`,
      )
      .all(match, limit) as (OriginColumns & {
      kind: RecordKind;
      id: string;
      title: string;
      occurred_at: string | null;
    })[];
    return rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      title: r.title,
      occurredAt: r.occurred_at,
      deletedAt: null,
      origin: origins.origin(r),
    }));
  }

  function trash(limit = 500): RecordSummary[] {
    const rows = db
      .prepare(
        `SELECT kind, id, title, occurred_at, deleted_at, origin_post, origin_level, origin_export_id FROM record
        WHERE deleted_at IS NOT NULL
        ORDER BY deleted_at DESC LIMIT ?`,
      )
      .all(limit) as (OriginColumns & {
      kind: RecordKind;
      id: string;
      title: string;
      occurred_at: string | null;
      deleted_at: string;
    })[];
    return rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      title: r.title,
      occurredAt: r.occurred_at,
      deletedAt: r.deleted_at,
      origin: origins.origin(r),
    }));
  }

  function count(kind: RecordKind): number {
    return (
      db.prepare('SELECT count(*) AS n FROM record WHERE kind = ? AND deleted_at IS NULL').get(kind) as { n: number }
    ).n;
  }

  // Before migration 006 (only the migration tests write such databases) there is no origin_export_id.
  const exportColumn = hasOriginExport(db);
  const importInsert = db.prepare(`INSERT INTO record
    (id, kind, revision, data, title, occurred_at, country, channel, status, direction, due_at, created_at, updated_at,
     origin_post, origin_level${exportColumn ? ', origin_export_id' : ''})
    VALUES (@id, @kind, @revision, @data, @title, @occurredAt, @country, @channel, @status, @direction, @dueAt,
            @createdAt, @updatedAt, @originPost, @originLevel${exportColumn ? ', @originExportId' : ''})`);
  const importUpdate = db.prepare(`UPDATE record SET revision = @revision, data = @data, title = @title,
      occurred_at = @occurredAt, country = @country, channel = @channel, status = @status, direction = @direction,
      due_at = @dueAt, updated_at = @updatedAt, deleted_at = NULL, origin_level = @originLevel
      ${exportColumn ? ', origin_export_id = @originExportId' : ''}
    WHERE id = @id`);
  const originOf = db.prepare<
    [string],
    { kind: string; revision: number; origin_post: string | null; origin_level: string | null; n: number; data: string }
  >('SELECT kind, revision, origin_post, origin_level, n, data FROM record WHERE id = ?');

  /**
   * HQ: merge one record from a post's bundle. Newest revision wins; an older or equal revision changes
   * nothing. Links are kept as the post made them (a link to a person left out below "full" is absent).
   * Must run inside the import's transaction; the caller has validated the fields and the origin.
   * `origin.exportId` is the bundle being imported (its imported_bundle row is written in the same
   * transaction): the record then points to the import that brought its current revision.
   */
  function importRecord(
    kind: RecordKind,
    incoming: { id: string; revision: number; createdAt: string; updatedAt: string; fields: unknown },
    origin: { post: string; level: 'pseudonymised' | 'full'; exportId?: string },
    ctx: FacetContext,
  ): 'added' | 'updated' | 'unchanged' {
    const existing = originOf.get(incoming.id);
    // A record belongs to the post that made it: another post (or HQ itself) cannot overwrite it by its id.
    if (existing && (existing.origin_post !== origin.post || existing.kind !== kind)) {
      throw new ForeignRecordError(incoming.id);
    }
    // Newest revision wins. At the same revision, a full copy replaces one that arrived with fields left out.
    const fuller =
      existing?.revision === incoming.revision && origin.level === 'full' && existing.origin_level !== 'full';
    if (existing && existing.revision >= incoming.revision && !fuller) return 'unchanged';
    const facets = spec(kind).facets(incoming.fields, ctx);
    const row = {
      ...facets,
      id: incoming.id,
      kind,
      revision: incoming.revision,
      data: JSON.stringify(incoming.fields),
      createdAt: incoming.createdAt,
      updatedAt: incoming.updatedAt,
      originPost: origin.post,
      originLevel: origin.level,
      originExportId: origin.exportId ?? null,
    };
    const at = options.now().toISOString();
    if (existing) {
      importUpdate.run(row);
      writeSideTables(kind, existing.n, incoming.fields, facets.title);
      const changes = diff(
        JSON.parse(existing.data) as Record<string, unknown>,
        incoming.fields as Record<string, unknown>,
      );
      audit.run(incoming.id, at, 'update', incoming.revision, JSON.stringify(changes));
      return 'updated';
    }
    const info = importInsert.run(row);
    writeSideTables(kind, info.lastInsertRowid, incoming.fields, facets.title, true);
    audit.run(
      incoming.id,
      at,
      'create',
      incoming.revision,
      JSON.stringify(created(incoming.fields as Record<string, unknown>)),
    );
    return 'added';
  }

  /** Who a record id belongs to, if it exists: undefined, or its kind and origin (null = this installation). */
  function ownerOf(id: string): { kind: string; originPost: string | null } | undefined {
    const r = originOf.get(id);
    return r ? { kind: r.kind, originPost: r.origin_post } : undefined;
  }

  const requestRows = db.prepare<[], Row>("SELECT * FROM record WHERE kind = 'request' AND origin_post IS NULL");
  const setDue = db.prepare('UPDATE record SET due_at = ? WHERE n = ?');
  /**
   * After the post's time zone or home country changes, every request's deadline is counted again, and
   * the dashboards' local days follow the new clock.
   */
  const recomputeDeadlines = db.transaction((): number => {
    let changed = 0;
    const ctx = options.context();
    ensureDashboardClock(db, ctx.timeZone);
    for (const row of requestRows.all()) {
      const due = spec('request').facets(JSON.parse(row.data), ctx).dueAt;
      if (due !== row.due_at) {
        setDue.run(due, row.n);
        noteWritten(db, row.n);
        changed += 1;
      }
    }
    return changed;
  });

  return {
    create,
    update,
    setTrashed,
    get,
    list,
    history,
    search,
    trash,
    count,
    recomputeDeadlines,
    importRecord,
    ownerOf,
    /** HQ: one import (bundle) by its export id, for "open the bundle it came from". */
    importEntry: origins.importEntry,
  };
}

export type RecordStore = ReturnType<typeof createRecordStore>;

function linkField(kind: RecordKind, role: RecordKind): string {
  if (role === 'case') return 'caseId';
  if (role === 'organisation') return kind === 'person' ? 'organisationId' : 'organisationIds';
  return `${role}Ids`;
}

/** What diff({}, fields) gives, without comparing: field -> [null, value] for every field with a value. */
function created(fields: Record<string, unknown>): Record<string, [null, unknown]> {
  const changes: Record<string, [null, unknown]> = {};
  for (const [key, value] of Object.entries(fields))
    if (value !== null && value !== undefined) changes[key] = [null, value];
  return changes;
}

/** field -> [before, after] for every field whose JSON differs. */
function diff(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[key] ?? null;
    const b = after[key] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[key] = [a, b];
  }
  return changes;
}

const ORDER: Record<ListQuery['sort'], string> = {
  newest: 'r.occurred_at DESC, r.n DESC',
  oldest: 'r.occurred_at ASC, r.n ASC',
  title: 'r.title COLLATE NOCASE ASC, r.n ASC',
  due: 'r.due_at IS NULL, r.due_at ASC, r.n ASC',
};

function orderBy(kind: RecordKind, sort: ListQuery['sort']): string {
  // Kinds without a moment of their own list alphabetically unless asked otherwise.
  const timeless = kind === 'organisation' || kind === 'person' || kind === 'case';
  if (timeless && (sort === 'newest' || sort === 'oldest')) return ORDER.title;
  return ORDER[sort];
}

function buildWhere(kind: RecordKind, f: ListQuery['filters'], now: Date, timeZone: string) {
  const clauses = ['r.kind = @kind', 'r.deleted_at IS NULL'];
  const params: Record<string, string | number> = { kind };
  if (f.from) {
    clauses.push('r.occurred_at >= @from');
    params['from'] = isDated(kind) ? f.from : localMidnight(f.from, timeZone);
  }
  if (f.to) {
    clauses.push('r.occurred_at < @toExclusive');
    params['toExclusive'] = isDated(kind) ? nextDay(f.to) : localMidnight(nextDay(f.to), timeZone);
  }
  if (f.kind !== undefined) {
    // What "kind" means per record: an engagement's kind (meeting, call...) or a result's kind.
    if (kind === 'engagement') {
      clauses.push('r.direction = @subkind');
      params['subkind'] = f.kind;
    } else if (kind === 'result') {
      clauses.push('r.status = @subkind');
      params['subkind'] = f.kind;
    }
  }
  for (const key of ['country', 'channel', 'status', 'direction'] as const) {
    const value = f[key];
    if (value !== undefined) {
      clauses.push(`r.${key} = @${key}`);
      params[key] = value;
    }
  }
  if (f.phenomenon) {
    // A group (e.g. drugs) also finds its members (cocaine, cannabis...).
    clauses.push(`r.n IN (SELECT record_n FROM record_phenomenon WHERE code = @phenomenon OR code IN
      (SELECT code FROM taxonomy_term WHERE taxonomy = 'phenomenon' AND parent_code = @phenomenon))`);
    params['phenomenon'] = f.phenomenon;
  }
  if (f.overdue) {
    if (kind === 'request') {
      // The one rule (shared/deadlines/outcome.ts): open, no answer time recorded, due instant passed.
      clauses.push(
        "r.status = 'open' AND r.due_at IS NOT NULL AND r.due_at < @now AND json_extract(r.data, '$.answeredAt') IS NULL",
      );
      params['now'] = now.toISOString();
    } else if (kind === 'engagement') {
      clauses.push('r.due_at IS NOT NULL AND r.due_at <= @today');
      params['today'] = localToday(now, timeZone);
    }
  }
  if (f.post !== undefined) {
    // Imported records carry the post they came from; this installation's own have none.
    if (f.post === 'own') {
      clauses.push('r.origin_post IS NULL');
    } else {
      clauses.push('r.origin_post = @post');
      params['post'] = f.post;
    }
  }
  if (f.linkedTo) {
    clauses.push(`(r.n IN (SELECT from_n FROM record_link WHERE to_id = @linkedTo)
      OR r.id IN (SELECT l.to_id FROM record_link l JOIN record o ON o.n = l.from_n WHERE o.id = @linkedTo))`);
    params['linkedTo'] = f.linkedTo;
  }
  if (f.text) {
    const match = ftsQuery(f.text);
    if (match) {
      clauses.push('r.n IN (SELECT rowid FROM record_search WHERE record_search MATCH @match)');
      params['match'] = match;
    }
  }
  return { where: clauses.join(' AND '), params };
}
