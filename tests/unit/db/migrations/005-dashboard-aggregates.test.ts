import { describe, it, expect, afterEach } from 'vitest';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3-multiple-ciphers';
import { createBackend, type Backend } from '../../../../electron/backend/create-backend';
import { DATABASE_FILE } from '../../../../electron/db/open';
import { migrate } from '../../../../electron/db/migrate';
import { MIGRATIONS } from '../../../../electron/db/migrations/index';
import { migration005 } from '../../../../electron/db/migrations/005-dashboard-aggregates';
import { createRecordStore } from '../../../../electron/records/store';
import { keepDashboardCurrent, rebuildDashboardAggregates } from '../../../../electron/reports/dashboard-upkeep';
import { EngagementInput } from '../../../../shared/records/engagement';
import { OrganisationInput } from '../../../../shared/records/organisation';
import { OperationalResultInput } from '../../../../shared/records/result';
import { InformationRequestInput } from '../../../../shared/requests/schema';
import { expectAggregatesTrue } from '../../dashboard/aggregate-recount';
import { dumpDatabase } from '../../helpers/db-dump';
import {
  engagementInput,
  manualClock,
  organisationInput,
  requestInput,
  resultInput,
  tempDir,
  value,
  type Rec,
} from '../../logbook/helpers';

// Migration 005 adds the dashboards' aggregates: dashboard_fact (what each engagement, request and result
// contributes), counts per month and per day, and the clock that gives moments their local date. It fills
// them from the records already there, on the installation's clock, and from then on triggers keep them
// equal to a recount whatever writes: the store, the import, the trash, a taxonomy edit, a new time zone.
// A recount in JavaScript (tests/unit/dashboard/aggregate-recount.ts) is the measure throughout.

const dirs: string[] = [];
const opened: (Database | Backend)[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) if ('invoke' in o ? o.db.open : o.open) o.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const NOW = '2026-04-20T12:00:00.000Z';
const BOGOTA = 'America/Bogota';

/**
 * A data folder at schema version 4, as the previous release left it, with records written by that
 * release's store: HQ's own and two posts' (as the import writes them), some in the trash, an organisation
 * and a request that arrive after the records that link to them, and the wall clock set to Bogotá.
 */
function version4(): { dir: string; db: Database; ids: Record<string, string> } {
  const dir = tempDir('liaison-log-005-');
  dirs.push(dir);
  const db = new Sqlite(path.join(dir, DATABASE_FILE));
  opened.push(db);
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 4));
  expect(db.pragma('user_version', { simple: true })).toBe(4);
  db.prepare("INSERT INTO setting (key, value) VALUES ('timeZone', ?)").run(JSON.stringify(BOGOTA));
  const ctx = { timeZone: BOGOTA, homeCountry: 'NL' };
  const store = createRecordStore(db, { now: () => new Date(NOW), context: () => ctx });
  const ids: Record<string, string> = {};
  const own = (name: string, kind: 'organisation' | 'engagement' | 'request' | 'result', fields: unknown) => {
    ids[name] = store.create(kind, fields).id;
  };
  const org = (name: string, country: string) =>
    own(name, 'organisation', OrganisationInput.parse(organisationInput({ name, country })));
  org('oDE', 'DE');
  org('oFR', 'FR');
  org('oCO', 'CO');
  // Moments around midnight in Bogotá (UTC-5) and at the turn of a month.
  own(
    'E1',
    'engagement',
    EngagementInput.parse(
      engagementInput({
        occurredAt: '2026-04-01T04:30:00.000Z', // 31 March, 23:30 in Bogotá
        organisationIds: [ids['oDE'], ids['oFR']],
        phenomena: ['cocaine', 'cannabis'],
      }),
    ),
  );
  own(
    'E2',
    'engagement',
    EngagementInput.parse(
      engagementInput({
        occurredAt: '2026-04-01T05:00:00.000Z', // 1 April, 00:00 in Bogotá
        purpose: 'strategic',
        organisationIds: [ids['oCO']],
        phenomena: ['money_laundering'],
      }),
    ),
  );
  own(
    'Q1',
    'request',
    InformationRequestInput.parse(
      requestInput({
        counterpartCountry: 'DE',
        exchangedAt: '2026-03-02T09:30:00.000Z',
        status: 'answered',
        answeredAt: '2026-03-04T10:00:00.000Z',
        phenomena: ['cocaine'],
      }),
    ),
  );
  own(
    'Q2',
    'request',
    InformationRequestInput.parse(
      requestInput({
        counterpartCountry: 'FR',
        channel: 'bilateral',
        nonSienaReason: 'urgency',
        urgency: 'urgent',
        urgencyGround: 'life_or_integrity',
        exchangedAt: '2026-03-10T09:30:00.000Z',
        status: 'open',
      }),
    ),
  );
  own(
    'X1',
    'result',
    OperationalResultInput.parse(
      resultInput({ achievedOn: '2026-03-31', requestIds: [ids['Q1'], ids['Q2']], phenomena: ['hvt'] }),
    ),
  );
  store.setTrashed('engagement', ids['E2'] as string, true);

  // Two posts' records, as HQ's import writes them. P01's engagement names an organisation, and its result
  // a request, that arrive after them.
  const post = (
    name: string,
    postId: string,
    kind: 'organisation' | 'engagement' | 'request' | 'result',
    fields: unknown,
  ) => {
    ids[name] = randomUUID();
    store.importRecord(
      kind,
      { id: ids[name], revision: 1, createdAt: NOW, updatedAt: NOW, fields },
      { post: postId, level: 'full' },
      { timeZone: 'Europe/Madrid', homeCountry: 'NL' },
    );
  };
  const later = { org: '11111111-1111-4111-8111-111111111111', request: '22222222-2222-4222-8222-222222222222' };
  post(
    'P1E',
    'P01',
    'engagement',
    EngagementInput.parse(
      engagementInput({ occurredAt: '2026-02-28T23:30:00.000Z', organisationIds: [later.org], phenomena: ['hvt'] }),
    ),
  );
  post(
    'P1X',
    'P01',
    'result',
    OperationalResultInput.parse(resultInput({ achievedOn: '2026-02-01', requestIds: [later.request] })),
  );
  ids['laterOrg'] = later.org;
  store.importRecord(
    'organisation',
    {
      id: later.org,
      revision: 1,
      createdAt: NOW,
      updatedAt: NOW,
      fields: OrganisationInput.parse(organisationInput({ country: 'MA' })),
    },
    { post: 'P01', level: 'full' },
    ctx,
  );
  store.importRecord(
    'request',
    {
      id: later.request,
      revision: 1,
      createdAt: NOW,
      updatedAt: NOW,
      fields: InformationRequestInput.parse(
        requestInput({ counterpartCountry: 'ES', exchangedAt: '2026-01-31T10:00:00.000Z' }),
      ),
    },
    { post: 'P01', level: 'full' },
    ctx,
  );
  post(
    'P2Q',
    'P02',
    'request',
    InformationRequestInput.parse(
      requestInput({
        counterpartCountry: 'CO',
        channel: 'interpol',
        exchangedAt: '2026-01-01T04:59:59.999Z', // 31 December 2025 in Bogotá
        status: 'answered',
        answeredAt: '2026-01-02T10:00:00.000Z',
        phenomena: ['migrant_smuggling', 'thb'],
      }),
    ),
  );
  return { dir, db, ids };
}

describe('migration 005: dashboard aggregates', () => {
  it('is version 5, fifth in the migration list', () => {
    expect(migration005.version).toBe(5);
    expect(MIGRATIONS[4]).toBe(migration005);
  });

  it('fills the aggregates from the records already there, on the wall clock in the settings', () => {
    const { db } = version4();
    migrate(db, MIGRATIONS.slice(0, 5));
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    expect(db.prepare('SELECT time_zone FROM dashboard_clock_zone').get()).toEqual({ time_zone: BOGOTA });
    expectAggregatesTrue(db, BOGOTA);
    // Five own records counted (E2 is in the trash, organisations are not counted), four of the posts'.
    expect(db.prepare('SELECT count(*) AS n FROM dashboard_fact').get()).toEqual({ n: 8 });
    // 23:30 on 31 March in Bogotá is March there, though April in UTC; the result of 31 March stays March.
    expect(
      db
        .prepare(
          `SELECT month, kind, sum(n) AS n FROM dashboard_month WHERE filter_code = '' GROUP BY month, kind
                  ORDER BY month, kind`,
        )
        .all(),
    ).toEqual([
      { month: '2025-12', kind: 'request', n: 1 },
      { month: '2026-01', kind: 'request', n: 1 },
      { month: '2026-02', kind: 'engagement', n: 1 },
      { month: '2026-02', kind: 'result', n: 1 },
      { month: '2026-03', kind: 'engagement', n: 1 },
      { month: '2026-03', kind: 'request', n: 2 },
      { month: '2026-03', kind: 'result', n: 1 },
    ]);
  });

  it('changes nothing that was there: every table of version 4 keeps its rows; the step is logged', () => {
    const { db } = version4();
    const before = dumpDatabase(db);
    migrate(db, MIGRATIONS.slice(0, 5));
    const after = dumpDatabase(db);
    const { schema_migration: logged, ...tables } = before.tables;
    for (const [table, rows] of Object.entries(tables)) expect(after.tables[table], table).toEqual(rows);
    expect(after.tables['schema_migration']).toEqual([
      ...(logged ?? []),
      { version: 5, name: 'dashboard aggregates', applied_at: expect.any(String) },
    ]);
  });

  it('works on an empty version-4 database, with the default clock', () => {
    const dir = tempDir('liaison-log-005-');
    dirs.push(dir);
    const db = new Sqlite(path.join(dir, DATABASE_FILE));
    opened.push(db);
    migrate(db, MIGRATIONS.slice(0, 4));
    migrate(db);
    expect(db.prepare('SELECT time_zone FROM dashboard_clock_zone').get()).toEqual({ time_zone: 'Europe/Amsterdam' });
    expect(db.prepare('SELECT count(*) AS n FROM dashboard_fact').get()).toEqual({ n: 0 });
  });

  it('keeps them equal to a recount through every kind of write', async () => {
    const { dir, db, ids } = version4();
    db.close();
    const clock = manualClock(NOW);
    const backend = createBackend({ dataDir: dir, now: clock.now, log: () => undefined });
    opened.push(backend);
    const check = () => {
      // Every change the store makes settles at once: nothing waits for the dashboards to read.
      expect(backend.db.prepare('SELECT count(*) AS n FROM dashboard_pending').get()).toEqual({ n: 0 });
      expectAggregatesTrue(backend.db, backend.services.settings.read().timeZone);
    };
    check();

    // Create, with links and phenomena.
    const q3 = await value<Rec>(
      backend.invoke(
        'requests.create',
        requestInput({
          counterpartCountry: 'BE',
          channel: 'bilateral',
          exchangedAt: '2026-04-30T23:00:00.000Z',
          status: 'answered',
          answeredAt: '2026-05-02T08:00:00.000Z',
          phenomena: ['synthetic_drugs'],
        }),
      ),
    );
    const x2 = await value<Rec>(
      backend.invoke('results.create', resultInput({ achievedOn: '2026-05-01', requestIds: [q3.id, ids['Q1']] })),
    );
    check();

    // Update: other organisations, other phenomena, another moment.
    const e1 = await value<Rec>(backend.invoke('engagements.get', { id: ids['E1'] }));
    const { id: _id, revision, createdAt: _c, updatedAt: _u, deletedAt: _d, origin: _o, ...fields } = e1;
    await value(
      backend.invoke('engagements.update', {
        id: ids['E1'],
        revision,
        fields: {
          ...fields,
          organisationIds: [ids['oCO']],
          phenomena: ['firearms'],
          occurredAt: '2026-05-31T12:00:00.000Z',
        },
      }),
    );
    check();

    // A partner organisation and a request change country: the engagements and results that link to them
    // change with them.
    const oDE = await value<Rec>(backend.invoke('organisations.get', { id: ids['oDE'] }));
    await value(
      backend.invoke('organisations.update', {
        id: ids['oDE'],
        revision: oDE.revision,
        fields: organisationInput({ name: 'oDE', country: 'AT' }),
      }),
    );
    const q1 = await value<Rec>(backend.invoke('requests.get', { id: ids['Q1'] }));
    const {
      id: _q,
      revision: q1Revision,
      createdAt: _qc,
      updatedAt: _qu,
      deletedAt: _qd,
      origin: _qo,
      dueAt: _due,
      ...q1Fields
    } = q1;
    await value(
      backend.invoke('requests.update', {
        id: ids['Q1'],
        revision: q1Revision,
        fields: { ...q1Fields, counterpartCountry: 'PL' },
      }),
    );
    check();

    // Trash and restore.
    await value(backend.invoke('results.delete', { id: x2.id }));
    await value(backend.invoke('engagements.restore', { id: ids['E2'] }));
    check();

    // A newer revision from a post, trashed at the post and brought back by a newer one still.
    backend.services.store.importRecord(
      'request',
      {
        id: ids['P2Q'] as string,
        revision: 2,
        createdAt: NOW,
        updatedAt: NOW,
        fields: InformationRequestInput.parse(
          requestInput({ counterpartCountry: 'DE', exchangedAt: '2026-02-15T10:00:00.000Z', phenomena: ['cocaine'] }),
        ),
      },
      { post: 'P02', level: 'full' },
      { timeZone: 'Europe/Madrid', homeCountry: 'NL' },
    );
    check();

    // A phenomenon moves to a group; a new one joins another.
    await value(
      backend.invoke('taxonomy.save', {
        taxonomy: 'phenomenon',
        code: 'money_laundering',
        labelEn: 'Money laundering',
        labelNl: 'Witwassen',
        parentCode: 'economic_financial',
      }),
    );
    check();

    // Deadlines counted again on a new clock: every local day follows.
    await value(backend.invoke('settings.update', { timeZone: 'Asia/Kolkata', homeCountry: 'BE' }));
    expect(backend.db.prepare('SELECT time_zone FROM dashboard_clock_zone').get()).toEqual({
      time_zone: 'Asia/Kolkata',
    });
    check();

    // A record written by other means than the store waits until the dashboards read.
    backend.db
      .prepare(
        `INSERT INTO record (id, kind, revision, data, title, occurred_at, status, created_at, updated_at)
         VALUES ('33333333-3333-4333-8333-333333333333', 'engagement', 1, '{}', 'Written by hand',
                 '2026-03-05T10:00:00.000Z', 'operational', ?, ?)`,
      )
      .run(NOW, NOW);
    expect(backend.db.prepare('SELECT count(*) AS n FROM dashboard_pending').get()).toEqual({ n: 1 });
    keepDashboardCurrent(backend.db, 'Asia/Kolkata');
    check();
  });

  it('counts everything again from the records when the aggregates cannot be trusted (after a salvage)', () => {
    const { db } = version4();
    migrate(db);
    // Aggregates copied apart from their records: some rows lost, some facts stale, a clock from elsewhere.
    db.exec(`
      DROP TRIGGER dashboard_fact_removed;
      DELETE FROM dashboard_fact WHERE kind = 'engagement';
      DELETE FROM dashboard_month WHERE kind = 'request';
      UPDATE dashboard_day SET n = n + 5;
      DELETE FROM dashboard_clock;
      UPDATE dashboard_clock_zone SET time_zone = 'Europe/Lisbon';
    `);
    expect(() => expectAggregatesTrue(db, BOGOTA)).toThrow();
    rebuildDashboardAggregates(db, BOGOTA);
    expectAggregatesTrue(db, BOGOTA);
  });
});
