import { describe, it, expect, afterEach } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3-multiple-ciphers';
import { createBackend, type Backend } from '../../../../electron/backend/create-backend';
import { DATABASE_FILE } from '../../../../electron/db/open';
import { migrate } from '../../../../electron/db/migrate';
import { MIGRATIONS } from '../../../../electron/db/migrations/index';
import { migration008 } from '../../../../electron/db/migrations/008-list-indexes';
import { createRecordStore } from '../../../../electron/records/store';
import { CaseInput } from '../../../../shared/records/case';
import { EngagementInput } from '../../../../shared/records/engagement';
import { OrganisationInput } from '../../../../shared/records/organisation';
import { InformationRequestInput } from '../../../../shared/requests/schema';
import { dumpDatabase } from '../../helpers/db-dump';
import {
  caseInput,
  engagementInput,
  organisationInput,
  requestInput,
  tempDir,
  value,
  type Page,
} from '../../logbook/helpers';

// Migration 008 gives the record lists their indexes (issue 12): one per way a list reads (newest first led by
// nothing or by one filter, A–Z, deadline first, and the small indexes of open requests and follow-ups to do),
// each carrying every facet a filter compares, and drops the indexes of migrations 003 to 005 that they
// replace. It adds and drops indexes only: every row stays as it was, and the lists show the same records.

const dirs: string[] = [];
const opened: (Database | Backend)[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) if ('invoke' in o ? o.db.open : o.open) o.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const NOW = '2026-05-20T12:00:00.000Z';
const DAY = 86_400_000;

/** A data folder at schema version 7, with records of every kind: HQ's own, a post's, some in the trash. */
function version7(): { dir: string; db: Database } {
  const dir = tempDir('liaison-log-008-');
  dirs.push(dir);
  const db = new Sqlite(path.join(dir, DATABASE_FILE));
  opened.push(db);
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 7));
  expect(db.pragma('user_version', { simple: true })).toBe(7);
  const ctx = { timeZone: 'Europe/Amsterdam', homeCountry: 'NL' };
  const store = createRecordStore(db, { now: () => new Date(NOW), context: () => ctx });
  const org = store.create('organisation', OrganisationInput.parse(organisationInput())).id;
  store.create('organisation', OrganisationInput.parse(organisationInput({ name: 'Guardia Civil', country: 'ES' })));
  const kase = store.create('case', CaseInput.parse(caseInput({ phenomena: ['cocaine'] }))).id;
  const countries = ['DE', 'ES', 'FR', 'CO'];
  for (let i = 0; i < 24; i++) {
    const at = new Date(Date.parse(NOW) - (i + 1) * 2 * DAY).toISOString();
    const fields = InformationRequestInput.parse(
      requestInput({
        subject: `Request ${String(i).padStart(2, '0')}`,
        exchangedAt: at,
        counterpartCountry: countries[i % 4],
        channel: i % 3 === 0 ? 'interpol' : 'siena',
        direction: i % 2 === 0 ? 'incoming' : 'outgoing',
        status: i % 5 === 0 ? 'answered' : 'open',
        answeredAt: i % 5 === 0 ? new Date(Date.parse(at) + 3_600_000).toISOString() : null,
        phenomena: i % 2 === 0 ? ['cocaine'] : ['thb'],
        caseId: i % 4 === 0 ? kase : null,
      }),
    );
    const r = store.create('request', fields);
    if (i % 7 === 6) store.setTrashed('request', r.id, true);
  }
  for (let i = 0; i < 6; i++) {
    store.create(
      'engagement',
      EngagementInput.parse(
        engagementInput({
          occurredAt: new Date(Date.parse(NOW) - (i + 1) * 3 * DAY).toISOString(),
          organisationIds: [org],
          followUpOn: i % 2 === 0 ? new Date(Date.parse(NOW) - i * DAY).toISOString().slice(0, 10) : null,
        }),
      ),
    );
  }
  // A post's records, as HQ's import writes them.
  for (let i = 0; i < 5; i++) {
    const at = new Date(Date.parse(NOW) - (i + 1) * 5 * DAY).toISOString();
    store.importRecord(
      'request',
      {
        id: `00000000-0000-4000-8000-00000000000${i}`,
        revision: 1,
        createdAt: at,
        updatedAt: at,
        fields: InformationRequestInput.parse(requestInput({ subject: `From the post ${i}`, exchangedAt: at })),
      },
      { post: 'P01', level: 'full' },
      ctx,
    );
  }
  return { dir, db };
}

const recordIndexes = (db: Database) =>
  (
    db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'record' AND sql IS NOT NULL")
      .all() as { name: string }[]
  )
    .map((r) => r.name)
    .sort();

/** An index's columns, in order (an expression shows as null). */
const columns = (db: Database, index: string) =>
  (
    db.prepare(`SELECT name, key FROM pragma_index_xinfo('${index}') ORDER BY seqno`).all() as {
      name: string | null;
      key: number;
    }[]
  )
    .filter((c) => c.key === 1)
    .map((c) => c.name);

const LISTED = [
  'record_by_channel_listed',
  'record_by_country_listed',
  'record_by_deadline_listed',
  'record_by_direction_listed',
  'record_by_follow_up_deadline',
  'record_by_follow_up_time',
  'record_by_open_request_deadline',
  'record_by_open_request_time',
  'record_by_organisation_country_title',
  'record_by_post_listed',
  'record_by_result_kind_title',
  'record_by_status_listed',
  'record_by_time_listed',
  'record_by_title_listed',
];
const REPLACED = [
  'record_by_channel',
  'record_by_country',
  'record_by_direction',
  'record_by_due',
  'record_by_status',
  'record_by_time',
  'record_by_title',
];

describe('migration 008: list indexes', () => {
  it('is version 8, eighth in the migration list', () => {
    expect(migration008.version).toBe(8);
    expect(MIGRATIONS[7]).toBe(migration008);
  });

  it('replaces the list indexes of migrations 003 to 005 with its own (the post-first one stays), each skipping the trash', () => {
    const { db } = version7();
    expect(recordIndexes(db)).toEqual(expect.arrayContaining(REPLACED));
    migrate(db, MIGRATIONS.slice(0, 8));
    expect(db.pragma('user_version', { simple: true })).toBe(8);
    const after = recordIndexes(db);
    for (const name of REPLACED) expect(after).not.toContain(name);
    expect(after).toEqual(['record_by_origin_export', 'record_by_post', 'record_in_trash', ...LISTED].sort());
    for (const name of LISTED) {
      const sql = (db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(name) as { sql: string }).sql;
      expect(sql, name).toMatch(/WHERE deleted_at IS NULL/);
    }
    const facets = ['status', 'channel', 'direction', 'country', 'origin_post'];
    // Led by the kind, then what the list seeks (a filter, the sort), then the row's n, then every other facet.
    expect(columns(db, 'record_by_time_listed')).toEqual(['kind', 'occurred_at', 'n', ...facets, 'due_at']);
    expect(columns(db, 'record_by_post_listed')).toEqual([
      'kind',
      'origin_post',
      'occurred_at',
      'n',
      ...facets.filter((f) => f !== 'origin_post'),
      'due_at',
    ]);
    expect(columns(db, 'record_by_country_listed').slice(0, 4)).toEqual(['kind', 'country', 'occurred_at', 'n']);
    expect(columns(db, 'record_by_status_listed').slice(0, 4)).toEqual(['kind', 'status', 'occurred_at', 'n']);
    expect(columns(db, 'record_by_title_listed').slice(0, 3)).toEqual(['kind', 'title', 'n']);
    // Deadline first: an expression (due_at IS NULL), then the deadline.
    expect(columns(db, 'record_by_deadline_listed').slice(0, 4)).toEqual(['kind', null, 'due_at', 'n']);
    // Open requests carry the answer time (an expression): overdue is decided on the entry.
    expect(columns(db, 'record_by_open_request_time').slice(0, 6)).toEqual([
      'kind',
      'status',
      'occurred_at',
      'n',
      'due_at',
      null,
    ]);
    // A–Z for one kind, led by the filter its names follow.
    expect(columns(db, 'record_by_organisation_country_title')).toEqual(['kind', 'country', 'title', 'n']);
    expect(columns(db, 'record_by_result_kind_title').slice(0, 4)).toEqual(['kind', 'status', 'title', 'n']);
    // Every other list index carries every facet a filter compares.
    for (const name of LISTED.filter((n) => !/follow_up|organisation_country|result_kind/.test(n))) {
      expect(columns(db, name), name).toEqual(expect.arrayContaining(['kind', ...facets, 'due_at']));
    }
  });

  it('changes no row, and the database checks out; the step is logged', () => {
    const { db } = version7();
    const before = dumpDatabase(db);
    migrate(db, MIGRATIONS.slice(0, 8));
    const after = dumpDatabase(db);
    const { schema_migration: logged, ...tables } = before.tables;
    for (const [table, rows] of Object.entries(tables)) expect(after.tables[table], table).toEqual(rows);
    expect(after.tables['schema_migration']).toEqual([
      ...(logged ?? []),
      { version: 8, name: migration008.name, applied_at: expect.any(String) },
    ]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('the lists show the same records in the same order after it', async () => {
    const { dir, db } = version7();
    // Before: the lists as the previous release read them (its SQL, at version 7).
    const ids = (where: string, order: string) =>
      db
        .prepare(`SELECT id FROM record r WHERE r.deleted_at IS NULL AND ${where} ORDER BY ${order}`)
        .pluck()
        .all() as string[];
    const expected = {
      newest: ids("r.kind = 'request'", 'r.occurred_at DESC, r.n DESC'),
      german: ids("r.kind = 'request' AND r.country = 'DE'", 'r.occurred_at DESC, r.n DESC'),
      post: ids("r.kind = 'request' AND r.origin_post = 'P01'", 'r.occurred_at DESC, r.n DESC'),
      overdue: ids(
        `r.kind = 'request' AND r.status = 'open' AND r.due_at IS NOT NULL AND r.due_at < '${NOW}'
          AND json_extract(r.data, '$.answeredAt') IS NULL`,
        'r.due_at IS NULL, r.due_at ASC, r.n ASC',
      ),
      byDeadline: ids("r.kind = 'request'", 'r.due_at IS NULL, r.due_at ASC, r.n ASC'),
      organisations: ids("r.kind = 'organisation'", 'r.title COLLATE NOCASE ASC, r.n ASC'),
      followUps: ids(
        "r.kind = 'engagement' AND r.due_at IS NOT NULL AND r.due_at <= '2026-05-20'",
        'r.occurred_at DESC, r.n DESC',
      ),
    };
    expect(expected.overdue.length).toBeGreaterThan(3);
    expect(expected.followUps.length).toBeGreaterThan(1);
    db.close();
    // After: the backend migrates the folder and lists.
    const backend = createBackend({ dataDir: dir, now: () => new Date(NOW), log: () => undefined });
    opened.push(backend);
    // The backend brings it to the latest version (later migrations may follow 008).
    expect(backend.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(8);
    const listed = async (channel: string, query: Record<string, unknown>) =>
      (await value<Page>(backend.invoke(channel, { limit: 1000, ...query }))).items.map((r) => r.id);
    expect(await listed('requests.list', {})).toEqual(expected.newest);
    expect(await listed('requests.list', { filters: { country: 'DE' } })).toEqual(expected.german);
    expect(await listed('requests.list', { filters: { post: 'P01' } })).toEqual(expected.post);
    expect(await listed('requests.list', { filters: { overdue: true }, sort: 'due' })).toEqual(expected.overdue);
    expect(await listed('requests.list', { sort: 'due' })).toEqual(expected.byDeadline);
    expect(await listed('organisations.list', { sort: 'title' })).toEqual(expected.organisations);
    expect(await listed('engagements.list', { filters: { overdue: true } })).toEqual(expected.followUps);
  });

  it('works on an empty version-7 database', () => {
    const dir = tempDir('liaison-log-008-');
    dirs.push(dir);
    const db = new Sqlite(path.join(dir, DATABASE_FILE));
    opened.push(db);
    migrate(db, MIGRATIONS.slice(0, 7));
    migrate(db, MIGRATIONS.slice(0, 8));
    expect(db.pragma('user_version', { simple: true })).toBe(8);
    expect(recordIndexes(db)).toEqual(expect.arrayContaining(LISTED));
  });
});
