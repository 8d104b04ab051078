import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/create-backend';
import { generateDemo } from '../../../electron/demo/generate';
import { withDemoEffort } from '../../../electron/effort/demo-effort';
import { effortAggregates } from '../../../electron/effort/service';
import { purgeRecords } from '../../../electron/records/purge';
import { dashboardsBehind, inDashboardBatch, settleDashboards } from '../../../electron/reports/dashboard-batch';
import { expectAggregatesTrue } from '../dashboard/aggregate-recount';
import { useLogbook, value } from '../logbook/helpers';

// Migration 017: inside a dashboard batch the effort facts wait with the dashboard facts, and the catch-up writes
// them set-based (electron/effort/settle.ts). After every kind of write (a batch of new records, edits, the trash
// and restores in a batch and one by one, purges, a catch-up in small steps, a restart in the middle of one):
// - at any moment, the effort sums equal a recount from the facts they pair (effortAggregates);
// - once settled, effort_fact is what a record-by-record oracle written here computes from the records (every
//   engagement, request and result, trashed ones too; none for a purged record), which is what migration 015's
//   per-row triggers leave, and the dashboards' aggregates equal their own recount.

const open = useLogbook();
const ZONE = 'Europe/Amsterdam';
const UNTIL = new Date('2026-06-30T12:00:00Z');

interface Row {
  n: number;
  kind: string;
  status: string | null;
  data: string;
}
type Fact = [
  n: number,
  kind: string,
  op: number,
  minutes: number | null,
  half: number,
  cents: number,
  answered: number,
  activity: string,
];

/** A record's effort fact, computed in JavaScript from the record (docs/efficiency.md). */
function factOf(r: Row): Fact {
  const d = JSON.parse(r.data) as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  const result = r.kind === 'result';
  return [
    r.n,
    r.kind,
    r.kind === 'request' || (r.kind === 'engagement' && r.status === 'operational') ? 1 : 0,
    result ? null : num(d['timeSpentMinutes']),
    result ? 0 : Math.round((num(d['travelDays']) ?? 0) * 2),
    result ? 0 : (num(d['travelCostCents']) ?? 0),
    r.kind === 'request' && r.status === 'answered' ? 1 : 0,
    r.kind === 'engagement' && typeof d['plannedActivityId'] === 'string' ? d['plannedActivityId'] : '',
  ];
}

function expectSumsTrue(db: Database): void {
  const { actual, recount } = effortAggregates(db);
  expect(actual).toEqual(recount);
}

function expectSettledTrue(db: Database): void {
  expect(dashboardsBehind(db)).toBe(0);
  const records = db
    .prepare("SELECT n, kind, status, data FROM record WHERE kind IN ('engagement', 'request', 'result') ORDER BY n")
    .all() as Row[];
  const facts = db
    .prepare(
      'SELECT record_n, kind, operational, minutes, travel_half_days, travel_cents, answered, activity FROM effort_fact ORDER BY record_n',
    )
    .raw()
    .all();
  expect(facts).toEqual(records.map(factOf));
  expectSumsTrue(db);
  const { actual } = effortAggregates(db);
  expect(Object.values(actual).every((rows) => rows.length > 0)).toBe(true);
  expectAggregatesTrue(db, ZONE);
}

/** Settles in steps of `step` records, the sums true after each. */
function settleInSteps(db: Database, step: number): void {
  while (settleDashboards(db, step) > 0) expectSumsTrue(db);
  expectSettledTrue(db);
}

async function post(dataDir?: string): Promise<{ backend: Backend; dataDir: string }> {
  const opened = open({ start: '2026-07-01T08:00:00.000Z', ...(dataDir ? { dataDir } : {}) });
  if (!dataDir) {
    await value(
      opened.backend.invoke('identity.init', {
        role: 'post',
        postId: 'BOG',
        postName: 'Post BOG',
        officer: 'J',
        country: 'CO',
      }),
    );
    await value(opened.backend.invoke('settings.update', { timeZone: ZONE }));
  }
  return { backend: opened.backend, dataDir: opened.dataDir };
}

interface Own {
  id: string;
  kind: 'engagement' | 'request';
  revision: number;
  data: string;
}

describe('effort facts settled with the batch catch-up (migration 017)', () => {
  it('equal the per-record oracle after batches, single writes, trash, restore, purge and a restart mid catch-up', async () => {
    const first = await post();
    let db = first.backend.db;
    const activities = [randomUUID(), randomUUID(), randomUUID()];
    const addActivity = db.prepare(
      "INSERT INTO workplan_activity (id, post, year, revision, data, created_at, updated_at) VALUES (?, '', 2026, 1, '{}', ?, ?)",
    );
    for (const a of activities) addActivity.run(a, UNTIL.toISOString(), UNTIL.toISOString());

    // A bulk write: the facts wait (no effort fact is written inside the batch), the sums stay true meanwhile.
    const store = first.backend.services.store;
    inDashboardBatch(db, () =>
      generateDemo(
        db,
        {
          create: (kind, fields, id) => store.create(kind, withDemoEffort(kind, fields, id, activities), id),
          insertInTransaction: (kind, fields, id) =>
            store.insertInTransaction(kind, withDemoEffort(kind, fields, id, activities), id),
        },
        { records: 800, seed: 17, until: UNTIL },
      ),
    );
    expect(db.prepare('SELECT count(*) FROM effort_fact').pluck().get()).toBe(0);
    expectSumsTrue(db);

    // Part of the catch-up, then single writes while records still wait, then a restart mid catch-up.
    settleDashboards(db, 120);
    expectSumsTrue(db);
    const own = () =>
      db
        .prepare("SELECT id, kind, revision, data FROM record WHERE kind IN ('engagement', 'request') ORDER BY n")
        .all() as Own[];
    const edit = (r: Own, i: number) => {
      const fields = JSON.parse(r.data) as Record<string, unknown>;
      fields['timeSpentMinutes'] = i % 4 === 0 ? null : 15 * (1 + (i % 9));
      if (i % 6 === 1) fields['travelDays'] = (i % 5) / 2;
      if (i % 6 === 1) fields['travelCostCents'] = 100 * i;
      if (r.kind === 'engagement') fields['purpose'] = i % 2 ? 'operational' : 'strategic';
      if (r.kind === 'engagement') fields['plannedActivityId'] = i % 3 === 0 ? null : activities[i % activities.length];
      first.backend.services.store.update(r.kind, r.id, r.revision, fields);
    };
    const trash = (r: Own, trashed: boolean) => first.backend.services.store.setTrashed(r.kind, r.id, trashed);
    own().forEach((r, i) => i % 17 === 0 && edit(r, i));
    own().forEach((r, i) => i % 19 === 2 && trash(r, true));
    expectSumsTrue(db);
    expect(dashboardsBehind(db)).toBeGreaterThan(0);
    first.backend.close();

    let backend = (await post(first.dataDir)).backend;
    db = backend.db;
    const services = () => backend.services.store;
    expectSumsTrue(db);
    settleInSteps(db, 97);

    // Edits, trash and restores in a batch, settled in steps.
    const edit2 = (r: Own, i: number) => {
      const fields = JSON.parse(r.data) as Record<string, unknown>;
      fields['timeSpentMinutes'] = 30 + i;
      if (r.kind === 'engagement') fields['plannedActivityId'] = activities[(i + 1) % activities.length];
      if (r.kind === 'engagement') fields['purpose'] = i % 3 ? 'strategic' : 'operational';
      services().update(r.kind, r.id, r.revision, fields);
    };
    const live = () =>
      db
        .prepare(
          "SELECT id, kind, revision, data FROM record WHERE kind IN ('engagement', 'request') AND deleted_at IS NULL ORDER BY n",
        )
        .all() as Own[];
    const trashed = () =>
      db
        .prepare(
          "SELECT id, kind, revision, data FROM record WHERE kind IN ('engagement', 'request') AND deleted_at IS NOT NULL ORDER BY n",
        )
        .all() as Own[];
    inDashboardBatch(db, () => {
      live().forEach((r, i) => i % 5 === 1 && edit2(r, i));
      trashed().forEach((r, i) => i % 2 === 0 && services().setTrashed(r.kind, r.id, false));
      live().forEach((r, i) => i % 11 === 3 && services().setTrashed(r.kind, r.id, true));
      // An edited record trashed in the same batch keeps its new effort (the trash keeps facts).
      live().forEach((r, i) => {
        if (i % 23 !== 4) return;
        edit2(r, i + 7);
        services().setTrashed(r.kind, r.id, true);
      });
    });
    expectSumsTrue(db);
    settleInSteps(db, 61);

    // Single writes (the renamed triggers, one by one).
    live().forEach((r, i) => i % 13 === 5 && edit2(r, i + 3));
    trashed().forEach((r, i) => i % 3 === 1 && services().setTrashed(r.kind, r.id, false));
    live().forEach((r, i) => i % 29 === 0 && services().setTrashed(r.kind, r.id, true));
    expectSettledTrue(db);

    // Purges: from the trash, settled records and records trashed (and edited) in a batch still waiting.
    purgeRecords(
      db,
      trashed()
        .filter((_, i) => i % 2 === 0)
        .map((r) => r.id),
      'trash_emptied',
    );
    expectSettledTrue(db);
    inDashboardBatch(db, () =>
      live().forEach((r, i) => {
        if (i % 31 !== 6) return;
        edit2(r, i + 11);
        services().setTrashed(r.kind, r.id, true);
      }),
    );
    const waiting = trashed().map((r) => r.id);
    expect(dashboardsBehind(db)).toBeGreaterThan(0);
    purgeRecords(db, waiting.slice(0, Math.ceil(waiting.length / 2)), 'trash_emptied');
    expectSumsTrue(db);
    backend.close();
    backend = (await post(first.dataDir)).backend;
    db = backend.db;
    settleInSteps(db, 500);
  }, 180_000);
});
