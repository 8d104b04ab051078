import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';
import { generateDemo } from '../../../electron/demo/generate';
import { fillPostsDirectly } from '../../../electron/demo/posts';
import { ftsQuery } from '../../../electron/records/fts-query';
import { isDated, localMidnight, localToday, nextDay } from '../../../electron/records/period';
import { createRecordStore, type RecordStore } from '../../../electron/records/store';
import type { RecordKind } from '../../../shared/records/kinds';
import { LIST_COUNT_CAP, ListRecordsInput, type RecordFilters } from '../../../shared/records/queries';
import type { FilterKey, KindConfig } from '../../../renderer/src/features/records/kind-config';
import { KIND_CONFIGS } from '../../../renderer/src/features/records/registry';
import { tempDir } from './helpers';

// Lists at HQ's scale (issue 12): the first page of every filter combination the list screens offer reads an
// index in the list's order and stops after the page, and counts only as far as asked. What must not change:
// which records a list shows and in which order. Here every combination of the filters each screen offers
// (taken from the screens' own configuration, renderer/src/features/*/…-config.tsx), under every sort the
// screen offers, on a few thousand demo records (HQ's own and two posts'), gives exactly the records, the
// order and the total of the list as it was before (its SQL copied below, run on the table without indexes);
// the totals count as far as LIST_COUNTS says; and SQLite's plan for each page and count reads record
// through an index (or by rowid from a record's links or a word's records), never the whole table, and never
// sorts what the index already orders. How fast that is at 1,000, 100,000 and 1,000,000 records is for
// scripts/bench-lists.ts, not for a test.

const until = new Date('2026-11-20T12:00:00.000Z');
let dir: string;
let backend: Backend;
/** The store over the same database, with every statement it runs (SQL and parameters) captured. */
let store: RecordStore;
let ran: { sql: string; params: unknown }[] = [];

/** The database, with each statement's runs recorded into `ran`. */
function capturing(db: Database): Database {
  const wrap = (statement: Statement, sql: string): Statement =>
    new Proxy(statement, {
      get(target, prop) {
        const v: unknown = Reflect.get(target, prop);
        if (prop === 'all' || prop === 'get' || prop === 'iterate') {
          return (...args: unknown[]) => {
            ran.push({ sql, params: args[0] });
            return (v as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return (sql: string) => wrap(target.prepare(sql), sql);
      const v: unknown = Reflect.get(target, prop);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

beforeAll(() => {
  dir = tempDir('liaison-log-list-scale-');
  backend = createBackend({ dataDir: dir, now: () => until, log: () => undefined });
  const db = backend.db;
  // HQ's own records, then two posts' as HQ imports them: 3,300 records of every kind.
  generateDemo(db, backend.services.store, { records: 900, seed: 5, until });
  fillPostsDirectly(backend, { records: 2400, posts: 2, seed: 12, until });
  // Some of HQ's own records in the trash (lists leave them out), and open requests with an answer time
  // recorded (never overdue).
  const own = db.prepare<[string], { kind: RecordKind; id: string }>(
    'SELECT kind, id FROM record WHERE origin_post IS NULL AND kind = ? ORDER BY id',
  );
  for (const kind of ['request', 'engagement', 'result', 'organisation', 'person', 'case'] as const) {
    own
      .all(kind)
      .filter((_, i) => i % 13 === 0)
      .forEach((r) => backend.services.store.setTrashed(r.kind, r.id, true));
  }
  db.prepare(
    `UPDATE record SET data = json_set(data, '$.answeredAt', occurred_at)
     WHERE n IN (SELECT n FROM record WHERE kind = 'request' AND status = 'open' AND due_at IS NOT NULL ORDER BY id LIMIT 40)`,
  ).run();
  const settings = backend.services.settings.read();
  store = createRecordStore(capturing(db), {
    now: () => until,
    context: () => ({ timeZone: settings.timeZone, homeCountry: settings.homeCountry }),
  });
});

afterAll(() => {
  backend.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// --- the list as it was before issue 12 ----------------------------------------------------------------

/** electron/records/store.ts at 7491579 (ORDER, orderBy, buildWhere), on the table alone (NOT INDEXED). */
function before(kind: RecordKind, input: Record<string, unknown>): { total: number; ids: string[] } {
  const query = ListRecordsInput.parse(input);
  const { timeZone } = backend.services.settings.read();
  const f = query.filters;
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
  for (const key of ['country', 'channel', 'status', 'direction'] as const) {
    const value = f[key];
    if (value !== undefined) {
      clauses.push(`r.${key} = @${key}`);
      params[key] = value;
    }
  }
  if (f.phenomenon) {
    clauses.push(`r.n IN (SELECT record_n FROM record_phenomenon WHERE code = @phenomenon OR code IN
      (SELECT code FROM taxonomy_term WHERE taxonomy = 'phenomenon' AND parent_code = @phenomenon))`);
    params['phenomenon'] = f.phenomenon;
  }
  if (f.overdue) {
    if (kind === 'request') {
      clauses.push(
        "r.status = 'open' AND r.due_at IS NOT NULL AND r.due_at < @now AND json_extract(r.data, '$.answeredAt') IS NULL",
      );
      params['now'] = until.toISOString();
    } else if (kind === 'engagement') {
      clauses.push('r.due_at IS NOT NULL AND r.due_at <= @today');
      params['today'] = localToday(until, timeZone);
    }
  }
  if (f.post !== undefined) {
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
  const ORDER = {
    newest: 'r.occurred_at DESC, r.n DESC',
    oldest: 'r.occurred_at ASC, r.n ASC',
    title: 'r.title COLLATE NOCASE ASC, r.n ASC',
    due: 'r.due_at IS NULL, r.due_at ASC, r.n ASC',
  };
  const timeless = kind === 'organisation' || kind === 'person' || kind === 'case';
  const order = timeless && (query.sort === 'newest' || query.sort === 'oldest') ? ORDER.title : ORDER[query.sort];
  const where = clauses.join(' AND ');
  const db = backend.db;
  const total = (
    db.prepare(`SELECT count(*) AS n FROM record r NOT INDEXED WHERE ${where}`).get(params) as {
      n: number;
    }
  ).n;
  const ids = db
    .prepare(`SELECT r.id FROM record r NOT INDEXED WHERE ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
    .pluck()
    .all({ ...params, limit: query.limit, offset: query.offset }) as string[];
  return { total, ids };
}

// --- what the list screens offer -------------------------------------------------------------------------

const CONFIGS = Object.values(KIND_CONFIGS).filter((c): c is KindConfig => c !== undefined);

/** The sorts the filter bar offers for a kind (renderer/src/features/records/RecordFilters.tsx). */
function sortsOf(config: KindConfig): ('newest' | 'oldest' | 'title' | 'due')[] {
  return [
    ...(config.timeless ? [] : (['newest', 'oldest'] as const)),
    'title',
    ...(config.filters.includes('overdue') ? (['due'] as const) : []),
  ];
}

/** A value for a filter of the filter bar; `variant` picks among a few (a group or one phenomenon...). */
function filterValue(config: KindConfig, key: FilterKey, variant: number): RecordFilters {
  const pick = <T>(xs: readonly T[]): T => xs[variant % xs.length] as T;
  switch (key) {
    case 'period':
      return pick([
        { from: '2026-04-01', to: '2026-09-30' },
        { from: '2025-12-01', to: '2026-02-28' },
      ]);
    case 'phenomenon':
      return { phenomenon: pick(['drugs', 'thb', 'cocaine']) };
    case 'country':
      return { country: pick(['DE', 'CO', 'ES']) };
    case 'channel':
      return { channel: pick(['siena', 'interpol', 'bilateral'] as const) };
    case 'direction':
      return { direction: pick(['incoming', 'outgoing'] as const) };
    case 'status':
      return { status: pick((config.statuses ?? []).map(([value]) => value)) };
    case 'overdue':
      return { overdue: true };
    case 'post':
      return { post: pick(['P01', 'own', 'P02']) };
  }
}

/** Every subset of the screen's filters, each with values, under every sort the screen offers. */
function combinations(config: KindConfig): { filters: RecordFilters; sort: string; label: string }[] {
  const out: { filters: RecordFilters; sort: string; label: string }[] = [];
  const keys = config.filters;
  for (let mask = 0; mask < 1 << keys.length; mask++) {
    const chosen = keys.filter((_, i) => mask & (1 << i));
    for (const [s, sort] of sortsOf(config).entries()) {
      const variant = mask + s;
      const filters = Object.assign({}, ...chosen.map((key) => filterValue(config, key, variant))) as RecordFilters;
      out.push({ filters, sort, label: `${config.kind} ${JSON.stringify(filters)} ${sort}` });
    }
  }
  return out;
}

/** The list now, through the store, with the statements it ran. */
function listed(kind: RecordKind, input: Record<string, unknown>) {
  ran = [];
  const page = store.list(kind, ListRecordsInput.parse(input));
  // The page and the count: the statements that read record as r (not the origin or phenomenon look-ups).
  return { page, ids: page.items.map((r) => r.id), statements: ran.filter((r) => /\brecord r\b/.test(r.sql)) };
}

/** SQLite's plan for a statement the list ran, one line per step. */
function plan(statement: { sql: string; params: unknown }): string[] {
  return (
    backend.db.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`).all(statement.params ?? {}) as { detail: string }[]
  ).map((p) => p.detail);
}

/**
 * How each statement of a list reads `record` as r: through an index (or, driven from a record's links or a
 * word's records, by rowid), never a SCAN of the table. `ordered`: the page comes out of the index in the
 * list's order, with no sorting.
 */
function expectIndexed(statements: { sql: string; params: unknown }[], label: string, ordered: boolean): void {
  expect(statements.length, label).toBeGreaterThan(0);
  for (const statement of statements) {
    const steps = plan(statement);
    const onRecord = steps.filter((d) => /^(SCAN|SEARCH) r\b/.test(d));
    const what = `${label}\n${statement.sql}\n${steps.join('\n')}`;
    expect(onRecord.length, what).toBeGreaterThan(0);
    for (const d of onRecord) {
      expect(d, what).toMatch(/^SEARCH r USING (COVERING )?INDEX record_by_\w+ \(|^SEARCH r USING INTEGER PRIMARY KEY/);
    }
    if (ordered && /ORDER BY/.test(statement.sql)) expect(steps.join('\n'), what).not.toMatch(/TEMP B-TREE/);
  }
}

describe('every filter combination the list screens offer', () => {
  it('the screens offer the filters this test walks through (all six kinds, and the post filter at HQ)', () => {
    expect(CONFIGS.map((c) => c.kind).sort()).toEqual([
      'case',
      'engagement',
      'organisation',
      'person',
      'request',
      'result',
    ]);
    const request = CONFIGS.find((c) => c.kind === 'request');
    expect(request?.filters).toEqual(expect.arrayContaining(['period', 'phenomenon', 'country', 'post', 'overdue']));
  });

  for (const config of CONFIGS) {
    it(`${config.kind}: the same records in the same order, the same total, read through an index`, () => {
      const cases = combinations(config);
      expect(cases.length).toBeGreaterThan(0);
      let nonEmpty = 0;
      for (const { filters, sort, label } of cases) {
        const input = { filters, sort, limit: 100, offset: 0, count: 'exact' };
        const old = before(config.kind, input);
        const now = listed(config.kind, input);
        expect(now.ids, label).toEqual(old.ids);
        expect(now.page.total, label).toBe(old.total);
        expect(now.page.more, label).toBeUndefined();
        if (old.total > 0) nonEmpty += 1;
        // Deadline first within a period sorts what the period holds (deadlines follow time, so the deadline
        // index would pass everything due before it); everything else reads in the list's order.
        const ordered = !(sort === 'due' && (filters.from !== undefined || filters.to !== undefined));
        expectIndexed(now.statements, label, ordered);
        // The second page, as the screen asks for it while scrolling (counting only itself).
        if (old.total > 100) {
          const second = { filters, sort, limit: 100, offset: 100, count: 'page' };
          const next = listed(config.kind, second);
          const oldNext = before(config.kind, second);
          expect(next.ids, `${label} page 2`).toEqual(oldNext.ids);
          expect(next.page.total, `${label} page 2`).toBe(Math.min(old.total, 200));
          expect(next.page.more, `${label} page 2`).toBe(old.total > 200 ? true : undefined);
        }
      }
      // The demo data makes most combinations match something, so the comparison says something.
      expect(nonEmpty, config.kind).toBeGreaterThan(cases.length / 4);
    });
  }

  it('the search box, alone and with each filter, for a common word, a rare one and a missing one', () => {
    for (const config of CONFIGS) {
      for (const text of ['container', 'bundeskriminalamt', 'fiscalía', 'zzyzx']) {
        for (const key of [undefined, ...config.filters]) {
          for (const sort of sortsOf(config)) {
            const filters = { text, ...(key ? filterValue(config, key, 0) : {}) };
            const label = `${config.kind} ${JSON.stringify(filters)} ${sort}`;
            const input = { filters, sort, limit: 100, count: 'exact' };
            const now = listed(config.kind, input);
            const old = before(config.kind, input);
            expect(now.ids, label).toEqual(old.ids);
            expect(now.page.total, label).toBe(old.total);
            // A rare word's records are read by rowid and sorted; a common word's list reads in order.
            expectIndexed(now.statements, label, false);
          }
        }
      }
    }
  });

  it("the linked records of an organisation, a case and an engagement (the record page's panel)", () => {
    const ids = backend.db
      .prepare<[], { id: string; kind: RecordKind }>(
        `SELECT t.id, t.kind FROM record_link l JOIN record t ON t.id = l.to_id
         WHERE t.kind IN ('organisation', 'case') GROUP BY t.id ORDER BY count(*) DESC LIMIT 4`,
      )
      .all();
    const engagement = backend.db
      .prepare<[], { id: string }>(
        "SELECT r.id FROM record r JOIN record_link l ON l.from_n = r.n WHERE r.kind = 'engagement' LIMIT 1",
      )
      .get();
    let linked = 0;
    for (const target of [...ids.map((r) => r.id), engagement?.id ?? '']) {
      for (const config of CONFIGS) {
        const input = { filters: { linkedTo: target }, sort: 'newest', limit: 20, count: 'exact' };
        const now = listed(config.kind, input);
        const old = before(config.kind, input);
        expect(now.ids).toEqual(old.ids);
        expect(now.page.total).toBe(old.total);
        linked += old.total;
        expectIndexed(now.statements, `${config.kind} linked to ${target}`, false);
      }
    }
    expect(linked).toBeGreaterThan(20);
  });
});

describe('how far a list counts', () => {
  const all = (kind: RecordKind) => before(kind, { filters: {}, limit: 1, count: 'exact' }).total;

  it(`capped (the default): every match up to ${LIST_COUNT_CAP} past the offset, else that many and "more"`, () => {
    const requests = all('request');
    expect(requests).toBeGreaterThan(LIST_COUNT_CAP + 100);
    expect(listed('request', { limit: 0 }).page).toEqual({ total: LIST_COUNT_CAP, more: true, items: [] });
    expect(listed('request', { limit: 5 }).page).toMatchObject({ total: LIST_COUNT_CAP, more: true });
    // Past the offset: counted from the start up to offset + the cap.
    const near = requests - LIST_COUNT_CAP + 1;
    expect(listed('request', { limit: 0, offset: 100 }).page).toMatchObject({
      total: 100 + LIST_COUNT_CAP,
      more: true,
    });
    expect(listed('request', { limit: 0, offset: near }).page).toEqual({ total: requests, items: [] });
    // Fewer than the cap: the exact total, without `more`.
    const cases = all('case');
    expect(cases).toBeLessThan(LIST_COUNT_CAP);
    expect(listed('case', { limit: 0 }).page).toEqual({ total: cases, items: [] });
    // The filters count too.
    const german = before('request', { filters: { country: 'DE' }, limit: 1 }).total;
    expect(german).toBeLessThan(LIST_COUNT_CAP);
    expect(listed('request', { filters: { country: 'DE' }, limit: 0 }).page.total).toBe(german);
  });

  it('exact: every match, however many', () => {
    const requests = all('request');
    expect(listed('request', { limit: 0, count: 'exact' }).page).toEqual({ total: requests, items: [] });
    expect(listed('request', { limit: 3, offset: 7, count: 'exact' }).page).toMatchObject({ total: requests });
  });

  it('page: no further than the page, unless the page ends the list', () => {
    const requests = all('request');
    const first = listed('request', { limit: 100, count: 'page' });
    expect(first.page).toMatchObject({ total: 100, more: true });
    expect(first.page.items).toHaveLength(100);
    expect(listed('request', { limit: 100, offset: 300, count: 'page' }).page).toMatchObject({
      total: 400,
      more: true,
    });
    // The last page: the end is known, so the total is exact.
    const last = listed('request', { limit: 100, offset: requests - 30, count: 'page' });
    expect(last.page.total).toBe(requests);
    expect(last.page.more).toBeUndefined();
    expect(last.page.items).toHaveLength(30);
    // Past the end (the list shrank since the officer scrolled there): what is left, counted.
    expect(listed('request', { limit: 100, offset: requests + 50, count: 'page' }).page).toEqual({
      total: requests,
      items: [],
    });
    // A first page that holds the whole list is its exact total.
    const cases = all('case');
    expect(listed('case', { limit: 100, count: 'page' }).page).toMatchObject({ total: Math.min(cases, 100) });
  });

  it('a page counted only itself reads no more than the page: no count statement runs', () => {
    const { statements } = listed('request', { filters: { country: 'DE' }, limit: 100, count: 'page' });
    expect(statements.map((s) => s.sql).filter((sql) => /count\(\*\)/.test(sql))).toEqual([]);
  });
});
