import { describe, expect, it } from 'vitest';
import { generateDemo, type DemoSink } from '../../../electron/demo/generate';
import { demoPostId, demoPostSeed, demoPostShare } from '../../../electron/demo/posts';
import { effortAggregates, rebuildEffortAggregates } from '../../../electron/effort/service';
import { withDemoEffort } from '../../../electron/effort/demo-effort';
import type { Backend } from '../../../electron/backend/create-backend';
import { inDashboardBatch, settleDashboards } from '../../../electron/reports/dashboard-batch';
import { useLogbook, value } from '../logbook/helpers';

// Migration 015's aggregates equal a recount from the facts after per-row writes, batches (whose dashboard
// facts wait for the catch-up), newer revisions, the trash and purges.

const open = useLogbook();
const UNTIL = new Date('2026-06-30T12:00:00Z');
const ZONE = 'Europe/Amsterdam';
const ctx = { timeZone: ZONE, homeCountry: 'NL' };

async function hq(): Promise<Backend> {
  const { backend } = open({ start: '2026-07-01T08:00:00.000Z' });
  await value(backend.invoke('identity.init', { role: 'hq', hqName: 'Test HQ' }));
  await value(backend.invoke('settings.update', { timeZone: ZONE }));
  return backend;
}

function importPosts(backend: Backend, records: number, posts: number, revision = 1, seed = 7): void {
  for (let i = 0; i < posts; i++) {
    const sink: DemoSink = {
      create: (kind, fields, id) =>
        backend.services.store.importRecord(
          kind,
          {
            id,
            revision,
            createdAt: UNTIL.toISOString(),
            updatedAt: UNTIL.toISOString(),
            fields: withDemoEffort(kind, fields, id, [`${i}`]),
          },
          { post: demoPostId(i), level: 'full' },
          ctx,
        ),
    };
    generateDemo(backend.db, sink, {
      records: demoPostShare(records, i, posts),
      seed: demoPostSeed(seed, i, posts),
      until: UNTIL,
    });
  }
}

function expectTrue(backend: Backend): void {
  const { actual, recount } = effortAggregates(backend.db);
  expect(actual).toEqual(recount);
  expect(Object.values(actual).every((rows) => rows.length > 0)).toBe(true);
}

describe('effort aggregates', () => {
  it('equal a recount after a batch, its catch-up, newer revisions, the trash and a purge', async () => {
    const backend = await hq();
    inDashboardBatch(backend.db, () => importPosts(backend, 1200, 2));
    // The facts wait for the catch-up: the effort sums follow once it has settled.
    settleDashboards(backend.db);
    expectTrue(backend);

    // Newer revisions, one by one (per-row triggers), with other time, purpose and countries.
    const rows = backend.db
      .prepare("SELECT id, kind, data, origin_post FROM record WHERE kind IN ('engagement', 'request') ORDER BY n")
      .all() as { id: string; kind: 'engagement' | 'request'; data: string; origin_post: string }[];
    const edit = (r: (typeof rows)[number], i: number) => {
      const fields = JSON.parse(r.data) as Record<string, unknown>;
      fields['timeSpentMinutes'] = i % 4 === 0 ? null : 15 * (i % 9);
      if (r.kind === 'engagement') fields['purpose'] = i % 2 ? 'operational' : 'strategic';
      if (r.kind === 'request') fields['status'] = 'open';
      if (r.kind === 'request') fields['answeredAt'] = null;
      backend.services.store.importRecord(
        r.kind,
        { id: r.id, revision: 2 + (i % 2), createdAt: UNTIL.toISOString(), updatedAt: UNTIL.toISOString(), fields },
        { post: r.origin_post, level: 'full' },
        ctx,
      );
    };
    backend.db.transaction(() => rows.forEach((r, i) => i % 5 === 0 && edit(r, i)))();
    expectTrue(backend);
    // And in a batch.
    inDashboardBatch(backend.db, () => rows.forEach((r, i) => i % 7 === 1 && edit(r, i + 1)));
    settleDashboards(backend.db);
    expectTrue(backend);

    // The trash and a purge (rows deleted).
    backend.db.prepare("UPDATE record SET deleted_at = '2026-07-01T00:00:00Z' WHERE n % 11 = 0").run();
    expectTrue(backend);
    backend.db.prepare('DELETE FROM record_phenomenon WHERE record_n IN (SELECT n FROM record WHERE n % 13 = 0)').run();
    backend.db.prepare('DELETE FROM record_link WHERE from_n IN (SELECT n FROM record WHERE n % 13 = 0)').run();
    backend.db.prepare('DELETE FROM record WHERE n % 13 = 0').run();
    expectTrue(backend);

    // A rebuild from the facts gives the same.
    const before = effortAggregates(backend.db).actual;
    rebuildEffortAggregates(backend.db);
    expect(effortAggregates(backend.db).actual).toEqual(before);
  }, 180_000);
});
