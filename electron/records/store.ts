import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { isDated, localMidnight, localToday, nextDay } from './period';
import type { FieldProblem } from '../../shared/contract/result';
import type { RecordKind } from '../../shared/records/kinds';
import {
  LIST_COUNT_CAP,
  type AuditEntry,
  type ListCounted,
  type ListRecordsInput,
  type RecordSummary,
} from '../../shared/records/queries';
import type { z } from 'zod';
import { noteWritten } from '../reports/dashboard-batch';
import { ensureDashboardClock } from '../reports/dashboard-upkeep';
import { plannedActivityCheck } from '../workplan/link-check';
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
  const plannedActivityProblem = plannedActivityCheck(db);
  // The organisation's links first (CROSS JOIN keeps that order): a read of its own engagements, never a walk
  // through every engagement looking for its links.
  const lastContact = db.prepare<[string], { at: string | null }>(`SELECT max(r.occurred_at) AS at
    FROM record_link l CROSS JOIN record r ON r.n = l.from_n
    WHERE l.to_id = ? AND l.role = 'organisation' AND r.kind = 'engagement' AND r.deleted_at IS NULL`);

  function spec(kind: RecordKind): KindSpec<unknown> {
    return KIND_SPECS[kind];
  }

  function toRecord(row: Row, originOf: (row: OriginColumns) => RecordOrigin | null = origins.origin): StoredRecord {
    const data = JSON.parse(row.data) as Record<string, unknown>;
    const out: StoredRecord = {
      id: row.id,
      revision: row.revision,
      ...data,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      deletedAt: row.deleted_at,
      origin: originOf(row),
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
    if (kind === 'engagement') {
      const problem = plannedActivityProblem(fields, previous);
      if (problem) problems['plannedActivityId'] = problem;
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

  /** Writes a new record (references checked), its side tables and its audit entry; answers nothing. */
  function insertRecord(kind: RecordKind, fields: unknown, id: string): void {
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
  }

  const create = db.transaction((kind: RecordKind, fields: unknown, id: string = randomUUID()): StoredRecord => {
    insertRecord(kind, fields, id);
    return reread(id);
  });

  /**
   * For bulk writers inside their own transaction (the demo, in a dashboard batch): create's checks and
   * writes without a savepoint per record or reading the record back. A failure throws and the caller's
   * transaction rolls back with everything it wrote.
   */
  function insertInTransaction(kind: RecordKind, fields: unknown, id: string): void {
    if (!db.inTransaction) throw new Error('insertInTransaction runs inside a transaction only.');
    insertRecord(kind, fields, id);
  }

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

  // Lists. Each filter combination and sort makes its own SQL (the filters present, the kind and the fixed
  // values written in, so SQLite can match the partial indexes of migration 008); the statements are kept.
  const listStatements = new Map<string, Statement>();
  function listStatement(sql: string): Statement {
    let statement = listStatements.get(sql);
    if (!statement) {
      if (listStatements.size >= 500) listStatements.clear();
      statement = db.prepare(sql);
      listStatements.set(sql, statement);
    }
    return statement;
  }
  const childPhenomena = db.prepare<[string], { code: string }>(
    "SELECT code FROM taxonomy_term WHERE taxonomy = 'phenomenon' AND parent_code = ? ORDER BY code",
  );
  /** A phenomenon and the phenomena under it (a group such as drugs finds cocaine, cannabis...). */
  function phenomenonCodes(code: string): string[] {
    return [code, ...childPhenomena.all(code).map((c) => c.code)];
  }
  const textHits = db.prepare<[string, number], { n: number }>(
    'SELECT count(*) AS n FROM (SELECT 1 FROM record_search WHERE record_search MATCH ? LIMIT ?)',
  );
  function fewTextHits(match: string): boolean {
    return (textHits.get(match, TEXT_HITS_READ + 1)?.n ?? 0) <= TEXT_HITS_READ;
  }

  /**
   * One page of a kind's records, and how many match, counted only as far as `query.count` asks (see
   * LIST_COUNTS in shared/records/queries.ts: the first page of a list never reads more than it shows, so it
   * costs the same at 1,000 records as at a million). docs/architecture.md, "Lists", says which index serves
   * which filters and sorts.
   */
  function list(kind: RecordKind, query: ListQuery): ListCounted & { items: StoredRecord[] } {
    const { from, countFrom, where, params } = buildWhere(kind, query.filters, query.sort, {
      now: options.now(),
      timeZone: options.context().timeZone,
      phenomenonCodes,
      fewTextHits,
    });
    // One row past the page says whether more follow.
    const rows =
      query.limit === 0 && query.count !== 'page'
        ? []
        : (listStatement(
            `SELECT r.* FROM ${from} WHERE ${where} ORDER BY ${orderBy(kind, query)} LIMIT @n OFFSET @offset`,
          ).all({
            ...params,
            n: query.limit + 1,
            offset: query.offset,
          }) as Row[]);
    const more = rows.length > query.limit;
    const page = more ? rows.slice(0, query.limit) : rows;
    // Imported records of one post and bundle share their origin: read it once per page, not per row.
    const seen = new Map<string, RecordOrigin | null>();
    const originOf = (row: OriginColumns) => {
      if (row.origin_post === null) return null;
      const key = `${row.origin_post}\u0000${row.origin_level ?? ''}\u0000${row.origin_export_id ?? ''}`;
      let origin = seen.get(key);
      if (origin === undefined) seen.set(key, (origin = origins.origin(row)));
      return origin;
    };
    const items = page.map((row) => toRecord(row, originOf));
    return { ...countMatches(`${countFrom} WHERE ${where}`, params, query, page.length, more), items };
  }

  /** The total of a list page (see `list`). */
  function countMatches(
    fromWhere: string,
    params: Record<string, string | number>,
    query: ListQuery,
    shown: number,
    more: boolean,
  ): ListCounted {
    const counted = (upTo: number) =>
      (
        listStatement(`SELECT count(*) AS n FROM (SELECT 1 FROM ${fromWhere} LIMIT @upTo)`).get({
          ...params,
          upTo,
        }) as { n: number }
      ).n;
    // The page ends the list: the total is known without counting (whatever was asked).
    if (query.limit > 0 && !more && (shown > 0 || query.offset === 0)) return { total: query.offset + shown };
    // Nothing at this offset (the list shrank since the officer scrolled): count what is left before it.
    if (query.limit > 0 && shown === 0) return { total: counted(query.offset) };
    if (query.count === 'page') return { total: query.offset + shown, more: true };
    if (query.count === 'exact') {
      return { total: (listStatement(`SELECT count(*) AS n FROM ${fromWhere}`).get(params) as { n: number }).n };
    }
    const cap = query.offset + LIST_COUNT_CAP;
    const n = counted(cap + 1);
    return n > cap ? { total: cap, more: true } : { total: n };
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

  /** Every live record of a kind, counted exactly (the command line's `stats`); reads one narrow index. */
  const countKind = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM record WHERE kind = ? AND deleted_at IS NULL',
  );
  function count(kind: RecordKind): number {
    return countKind.get(kind)?.n ?? 0;
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
    // When it arrived and at which revision; not its fields again. The record holds them, the post's own trail
    // holds how they came about, and later imports' entries hold every change (before and after). Copying them
    // here took about 15% of an import's time (a bundle of 10,000 into an empty HQ: 2.05x the raw pipeline with
    // the copy, 1.75x without), and would be one more copy of personal data for an erasure to scrub.
    audit.run(incoming.id, at, 'create', incoming.revision, '{}');
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
    insertInTransaction,
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

/** The sort a list really has: kinds without a moment of their own list alphabetically unless asked otherwise. */
function effectiveSort(kind: RecordKind, sort: ListQuery['sort']): ListQuery['sort'] {
  const timeless = kind === 'organisation' || kind === 'person' || kind === 'case';
  return timeless && (sort === 'newest' || sort === 'oldest') ? 'title' : sort;
}

/** The overdue filter keeps only records with a deadline (buildWhere), for the kinds that have one. */
function overdueOnly(kind: RecordKind, f: ListQuery['filters']): boolean {
  return f.overdue === true && (kind === 'request' || kind === 'engagement');
}

function orderBy(kind: RecordKind, query: Pick<ListQuery, 'sort' | 'filters'>): string {
  const sort = effectiveSort(kind, query.sort);
  // Where every record listed has a deadline, "deadlines first" is the deadline alone: the same order, which
  // the overdue indexes give without sorting.
  if (sort === 'due' && overdueOnly(kind, query.filters)) return 'r.due_at ASC, r.n ASC';
  return ORDER[sort];
}

/**
 * The index a list reads (migration 008), chosen here rather than left to SQLite, which keeps no statistics
 * in this app and would guess. The rule, for every kind, filter combination and sort:
 *  - newest / oldest (and every count, which needs no order): overdue, the small index of open requests (or
 *    of engagements with a follow-up to do); else the time index led by the most selective facet filter
 *    present (post, then country, status, channel, direction), or by none; a period is a range of it;
 *  - A–Z: the title index (organisations of one country and results of one kind have their own);
 *  - deadline first: the deadline index (overdue: that of open requests or follow-ups), in deadline order.
 *    Deadlines follow the time they were set, so with a period the deadline index would pass every record
 *    due before it: a period is read from the time index instead, and sorted (what the period holds).
 * Every other filter is tested on the index entry (each index carries every facet), and phenomena by a
 * look-up per entry, so a page reads about as many entries as it needs matches, whatever the data's size.
 */
function listIndex(kind: RecordKind, f: ListQuery['filters'], sort: ListQuery['sort']): string {
  const order = effectiveSort(kind, sort);
  const period = f.from !== undefined || f.to !== undefined;
  const overdueFamily = kind === 'request' ? 'record_by_open_request' : 'record_by_follow_up';
  if (order === 'title') {
    if (kind === 'organisation' && f.country !== undefined) return 'record_by_organisation_country_title';
    if (kind === 'result' && (f.status !== undefined || f.kind !== undefined)) return 'record_by_result_kind_title';
    return 'record_by_title_listed';
  }
  if (order === 'due' && !period) {
    return overdueOnly(kind, f) ? `${overdueFamily}_deadline` : 'record_by_deadline_listed';
  }
  if (overdueOnly(kind, f)) return `${overdueFamily}_time`;
  const leading = (
    [
      ['post', f.post !== undefined],
      ['country', f.country !== undefined],
      ['status', f.status !== undefined || (kind === 'result' && f.kind !== undefined)],
      ['channel', f.channel !== undefined],
      ['direction', f.direction !== undefined || (kind === 'engagement' && f.kind !== undefined)],
    ] as const
  ).find(([, present]) => present)?.[0];
  return leading ? `record_by_${leading}_listed` : 'record_by_time_listed';
}

/** The kind as an SQL literal: the kinds are a fixed list, and the partial indexes name theirs literally. */
const KIND_SQL: Record<RecordKind, string> = {
  organisation: "'organisation'",
  person: "'person'",
  engagement: "'engagement'",
  request: "'request'",
  result: "'result'",
  case: "'case'",
};

interface WhereContext {
  now: Date;
  timeZone: string;
  /** A phenomenon and those under it (the taxonomy's groups). */
  phenomenonCodes: (code: string) => string[];
  /** Whether at most TEXT_HITS_READ records hold these words (a full-text query). */
  fewTextHits: (match: string) => boolean;
}

/** Up to this many records holding the searched words, a list reads them all and sorts them. */
const TEXT_HITS_READ = 200;

/**
 * The FROM and WHERE clauses of a list, for its page (`from`, in the list's sort) and for its count
 * (`countFrom`, in any order). Every filter on a facet compares the column of `record` itself, so the list
 * indexes answer it without reading the records; the overdue filters are written exactly as the partial
 * indexes for them say (their WHERE).
 */
function buildWhere(kind: RecordKind, f: ListQuery['filters'], sort: ListQuery['sort'], ctx: WhereContext) {
  let from = `record r INDEXED BY ${listIndex(kind, f, sort)}`;
  let countFrom = `record r INDEXED BY ${listIndex(kind, f, 'newest')}`;
  const clauses = [`r.kind = ${KIND_SQL[kind]}`, 'r.deleted_at IS NULL'];
  const params: Record<string, string | number> = {};
  if (f.from) {
    clauses.push('r.occurred_at >= @from');
    params['from'] = isDated(kind) ? f.from : localMidnight(f.from, ctx.timeZone);
  }
  if (f.to) {
    clauses.push('r.occurred_at < @toExclusive');
    params['toExclusive'] = isDated(kind) ? nextDay(f.to) : localMidnight(nextDay(f.to), ctx.timeZone);
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
    // A group (e.g. drugs) also finds its members (cocaine, cannabis...). A look-up per index entry the list
    // passes (that record's one or two phenomena), never a read of every record with the phenomenon.
    const codes = ctx.phenomenonCodes(f.phenomenon);
    codes.forEach((code, i) => (params[`phenomenon${i}`] = code));
    const list = codes.map((_, i) => `@phenomenon${i}`).join(', ');
    clauses.push(`EXISTS (SELECT 1 FROM record_phenomenon p WHERE p.record_n = r.n AND +p.code IN (${list}))`);
  }
  if (f.overdue) {
    if (kind === 'request') {
      // The one rule (shared/deadlines/outcome.ts): open, no answer time recorded, due instant passed.
      clauses.push(
        "r.status = 'open' AND r.due_at IS NOT NULL AND r.due_at < @now AND json_extract(r.data, '$.answeredAt') IS NULL",
      );
      params['now'] = ctx.now.toISOString();
    } else if (kind === 'engagement') {
      clauses.push('r.due_at IS NOT NULL AND r.due_at <= @today');
      params['today'] = localToday(ctx.now, ctx.timeZone);
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
    // Records linking to it, and records it links to. Read from its links (CROSS JOIN keeps that order): as
    // many as it has, never a walk through the kind's records looking for them.
    from = `(SELECT from_n AS n FROM record_link WHERE to_id = @linkedTo
        UNION SELECT t.n FROM record_link l JOIN record o ON o.n = l.from_n JOIN record t ON t.id = l.to_id
        WHERE o.id = @linkedTo) AS linked CROSS JOIN record r ON r.n = linked.n`;
    countFrom = from;
    params['linkedTo'] = f.linkedTo;
  }
  if (f.text) {
    const match = ftsQuery(f.text);
    if (match) {
      params['match'] = match;
      if (!f.linkedTo && ctx.fewTextHits(match)) {
        // A rare word (a name, a reference): read its records and sort them, rather than walk the kind.
        from = countFrom = `(SELECT rowid AS n FROM record_search WHERE record_search MATCH @match) AS hit
          CROSS JOIN record r ON r.n = hit.n`;
      } else {
        // A common word: walk the list's index until the page is full, testing each entry against the word's
        // records (SQLite reads those once per query; their number, not the data's size, sets the cost).
        clauses.push('r.n IN (SELECT rowid FROM record_search WHERE record_search MATCH @match)');
      }
    }
  }
  return { from, countFrom, where: clauses.join(' AND '), params };
}
