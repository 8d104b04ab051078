import { describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { generateDemo } from '../../../electron/demo/generate';
import { demoPostId, demoPostSeed, demoPostShare, importAsPostSink } from '../../../electron/demo/posts';
import {
  CATCH_UP_STEP,
  dashboardsBehind,
  holdCatchUp,
  inDashboardBatch,
  settleDashboards,
  MAX_CATCH_UP_STEP,
  MIN_CATCH_UP_STEP,
  nextStepSize,
  STEP_TARGET_MS,
  STEP_TARGET_WAITING_MS,
} from '../../../electron/reports/dashboard-batch';
import { createBackend } from '../../../electron/backend/create-backend';
import type { Backend } from '../../../electron/backend/create-backend';
import type { RecordKind } from '../../../shared/records/kinds';
import { actualAggregates, expectAggregatesTrue } from './aggregate-recount';
import { useLogbook } from '../logbook/helpers';

// Batches (electron/reports/dashboard-batch.ts) set migration 005's triggers aside and settle the aggregates
// every few thousand records. They must leave exactly what the per-row triggers leave, and what a recount
// from the records gives; a batch that fails must leave nothing, triggers included.

const open = useLogbook();
const UNTIL = new Date('2026-06-30T12:00:00Z');
const ZONE = 'Europe/Amsterdam';

async function hq(): Promise<Backend> {
  const { backend } = open({ start: '2026-07-01T08:00:00.000Z' });
  const init = await backend.call('identity.init', { role: 'hq', hqName: 'Test HQ' });
  if (!init.ok) throw new Error(init.error.message);
  const set = await backend.call('settings.update', { timeZone: ZONE });
  if (!set.ok) throw new Error(set.error.message);
  return backend;
}

/** Post `i` of `posts`' demo records, written by HQ's import path, in or out of a batch. */
function importPosts(backend: Backend, records: number, posts: number, revision = 1): void {
  const ctx = { timeZone: ZONE, homeCountry: 'NL' };
  for (let i = 0; i < posts; i++) {
    const sink = importAsPostSink(backend, demoPostId(i), ctx, { at: UNTIL.toISOString(), revision });
    generateDemo(backend.db, sink, {
      records: demoPostShare(records, i, posts),
      seed: demoPostSeed(7, i, posts),
      until: UNTIL,
    });
  }
}

const triggers = (db: Database) =>
  db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();
const leftovers = (db: Database) =>
  db
    .prepare(
      'SELECT (SELECT count(*) FROM dashboard_dirty) + (SELECT count(*) FROM dashboard_staged_fact) + (SELECT count(*) FROM dashboard_pending) AS n',
    )
    .pluck()
    .get();

describe('dashboard batches', () => {
  it('leave the aggregates a recount gives, and the ones the per-row triggers leave, with the triggers back', async () => {
    const batched = await hq();
    const before = triggers(batched.db);
    // generateDemo runs one batch per post; settling every 97 records makes many settles, some of them
    // with a record's organisation or request settled earlier.
    inDashboardBatch(batched.db, () => importPosts(batched, 3000, 2));
    expectAggregatesTrue(batched.db, ZONE);
    expect(triggers(batched.db)).toEqual(before);
    expect(leftovers(batched.db)).toBe(0);

    // The same records written one by one outside any batch, each firing the triggers.
    const perRow = await hq();
    const ctx = { timeZone: ZONE, homeCountry: 'NL' };
    const rows = batched.db.prepare('SELECT id, kind, data, origin_post FROM record ORDER BY n').all() as {
      id: string;
      kind: RecordKind;
      data: string;
      origin_post: string;
    }[];
    perRow.db.transaction(() => {
      for (const r of rows) {
        const at = UNTIL.toISOString();
        const fields = JSON.parse(r.data) as unknown;
        perRow.services.store.importRecord(
          r.kind,
          { id: r.id, revision: 1, createdAt: at, updatedAt: at, fields },
          { post: r.origin_post, level: 'full' },
          ctx,
        );
      }
    })();
    expect(actualAggregates(perRow.db)).toEqual(actualAggregates(batched.db));
    // Twice 3,000 records and a recount of 22 aggregate tables: slow on a busy machine.
  }, 180_000);

  it('follow newer revisions that move records between every dimension', async () => {
    const backend = await hq();
    importPosts(backend, 1500, 2);
    // The same ids again at revision 2 from another seed's fields would clash; instead: newer revisions of the
    // same records with other countries, phenomena, channels and answers, drawn by another seed of the demo.
    const ctx = { timeZone: ZONE, homeCountry: 'NL' };
    const rows = backend.db
      .prepare('SELECT id, kind, data, origin_post FROM record WHERE origin_post IS NOT NULL ORDER BY n')
      .all() as {
      id: string;
      kind: 'organisation' | 'request' | 'engagement' | 'result';
      data: string;
      origin_post: string;
    }[];
    const countries = ['DE', 'FR', 'CO', 'MA'];
    inDashboardBatch(backend.db, () => {
      rows.forEach((r, i) => {
        if (i % 3 !== 0) return;
        const fields = JSON.parse(r.data) as Record<string, unknown>;
        if ('country' in fields) fields['country'] = countries[i % countries.length];
        if ('counterpartCountry' in fields) fields['counterpartCountry'] = countries[(i + 1) % countries.length];
        if (Array.isArray(fields['phenomena'])) fields['phenomena'] = i % 2 ? ['cocaine', 'hvt'] : [];
        if ('answeredAt' in fields && fields['answeredAt'] === null) fields['answeredAt'] = '2026-06-01T10:00:00.000Z';
        backend.services.store.importRecord(
          r.kind,
          { id: r.id, revision: 2, createdAt: UNTIL.toISOString(), updatedAt: UNTIL.toISOString(), fields },
          { post: r.origin_post, level: 'full' },
          ctx,
        );
      });
    });
    expectAggregatesTrue(backend.db, ZONE);
  });

  it('that fail leave nothing written and the triggers in place', async () => {
    const backend = await hq();
    importPosts(backend, 300, 1);
    settleDashboards(backend.db);
    const before = triggers(backend.db);
    const aggregates = actualAggregates(backend.db);
    const count = () => backend.db.prepare('SELECT count(*) FROM record').pluck().get();
    const records = count();
    expect(() =>
      inDashboardBatch(backend.db, () => {
        importPosts(backend, 600, 2, 3);
        throw new Error('the bundle was refused half-way');
      }),
    ).toThrow('half-way');
    expect(count()).toBe(records);
    expect(triggers(backend.db)).toEqual(before);
    expect(actualAggregates(backend.db)).toEqual(aggregates);
    expect(leftovers(backend.db)).toBe(0);
    // And the per-row upkeep works again afterwards.
    const made = await backend.call('requests.create', {
      direction: 'incoming',
      counterpartCountry: 'DE',
      counterpartAgency: 'BKA',
      channel: 'siena',
      exchangedAt: '2026-06-10T09:00:00.000Z',
      subject: 'After the failed batch',
      status: 'open',
    });
    expect(made.ok).toBe(true);
    expectAggregatesTrue(backend.db, ZONE);
  });

  it("count a post's own demo records as the store's single writes would", async () => {
    const { backend } = open({ start: '2026-07-01T08:00:00.000Z' });
    generateDemo(backend.db, backend.services.store, { records: 1200, seed: 3, until: UNTIL });
    const zone = backend.services.settings.read().timeZone;
    expectAggregatesTrue(backend.db, zone);
  });

  it('catch up between calls after the batch commits, and a dashboard read counts what is left first', async () => {
    const backend = await hq();
    importPosts(backend, 3 * CATCH_UP_STEP, 1);
    const behind = dashboardsBehind(backend.db);
    expect(behind).toBeGreaterThan(CATCH_UP_STEP);
    // A call is answered while records still wait: the catch-up runs in steps between calls.
    const listed = await backend.call('requests.list', { limit: 5 });
    expect(listed.ok).toBe(true);
    expect(dashboardsBehind(backend.db)).toBeGreaterThan(0);
    // The dashboard waits for the catch-up (whose steps let other calls in) rather than counting everything
    // in one go: while an import holds the catch-up, a dashboard asked for is not answered, a list is.
    const release = holdCatchUp(backend.db);
    let answered = false;
    const read = backend.call('reports.dashboard', { from: '2025-01-01', to: '2026-06-30' }).then((r) => {
      answered = true;
      return r;
    });
    expect((await backend.call('requests.list', { limit: 5 })).ok).toBe(true);
    for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 10));
    expect(answered).toBe(false);
    release();
    expect((await read).ok).toBe(true);
    expect(dashboardsBehind(backend.db)).toBe(0);
    expectAggregatesTrue(backend.db, ZONE);
  });

  it('on its own finishes the catch-up, and resumes it after a restart', async () => {
    const { backend, dataDir } = open({ start: '2026-07-01T08:00:00.000Z' });
    const init = await backend.call('identity.init', { role: 'hq', hqName: 'Test HQ' });
    expect(init.ok).toBe(true);
    importPosts(backend, 2 * CATCH_UP_STEP, 1);
    // Closed at once: the records stay noted in the database...
    backend.close();
    const again = createBackend({ dataDir, log: () => undefined });
    try {
      expect(dashboardsBehind(again.db)).toBeGreaterThan(0);
      // ...and the next start counts them, step by step, without any call.
      for (let i = 0; i < 200 && dashboardsBehind(again.db) > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(dashboardsBehind(again.db)).toBe(0);
      expectAggregatesTrue(again.db, again.services.settings.read().timeZone);
    } finally {
      again.close();
    }
  });

  it('wait while an import holds them, and catch up when it lets go', async () => {
    const backend = await hq();
    const release = holdCatchUp(backend.db);
    importPosts(backend, CATCH_UP_STEP, 1);
    const behind = dashboardsBehind(backend.db);
    expect(behind).toBeGreaterThan(0);
    for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 10));
    expect(dashboardsBehind(backend.db)).toBe(behind);
    release();
    for (let i = 0; i < 200 && dashboardsBehind(backend.db) > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(dashboardsBehind(backend.db)).toBe(0);
    expectAggregatesTrue(backend.db, ZONE);
  });

  it('size their steps by how long the last one took: towards the target, at most doubled or halved, within bounds', () => {
    // Quick steps grow (but never more than double), slow ones shrink (never below half).
    expect(nextStepSize(500, STEP_TARGET_MS / 4, false)).toBe(1000);
    expect(nextStepSize(500, STEP_TARGET_MS / 1.25, false)).toBe(625);
    expect(nextStepSize(500, STEP_TARGET_MS, false)).toBe(500);
    expect(nextStepSize(500, STEP_TARGET_MS * 1.6, false)).toBe(313);
    expect(nextStepSize(500, STEP_TARGET_MS * 10, false)).toBe(250);
    // A dashboard waiting for the catch-up: longer steps, done sooner.
    expect(nextStepSize(500, STEP_TARGET_MS, true)).toBe(1000);
    expect(nextStepSize(1000, STEP_TARGET_WAITING_MS, true)).toBe(1000);
    // A step too quick to measure doubles; the bounds hold.
    expect(nextStepSize(500, 0, false)).toBe(1000);
    expect(nextStepSize(MIN_CATCH_UP_STEP, STEP_TARGET_MS * 10, false)).toBe(MIN_CATCH_UP_STEP);
    expect(nextStepSize(MAX_CATCH_UP_STEP, 1, true)).toBe(MAX_CATCH_UP_STEP);
  });
});
