import { describe, it, expect, afterEach } from 'vitest';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3-multiple-ciphers';
import { createBackend, type Backend } from '../../../../electron/backend/create-backend';
import { DATABASE_FILE } from '../../../../electron/db/open';
import { migrate } from '../../../../electron/db/migrate';
import { MIGRATIONS } from '../../../../electron/db/migrations/index';
import { migration006 } from '../../../../electron/db/migrations/006-record-origin';
import { createRecordStore } from '../../../../electron/records/store';
import { OrganisationInput } from '../../../../shared/records/organisation';
import type { ImportEntry, RecordOrigin } from '../../../../shared/records/origin';
import { dumpDatabase } from '../../helpers/db-dump';
import { organisationInput, tempDir, value } from '../../logbook/helpers';

// Migration 006 points each record HQ imported at the bundle that brought its current revision
// (record.origin_export_id) and gives bundles a file name (NULL for those imported before). The backfill ties a
// record to a bundle only where the history says so without doubt: the record's last audit entry is the
// import's (create or update at the current revision) and the first bundle of the same post imported at or
// after it, within five minutes, is the one; an edit or trash at HQ since, two bundles of the post at the same
// millisecond, or a bundle too long after leave it NULL. Nothing else changes.

const dirs: string[] = [];
const opened: (Database | Backend)[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) if ('invoke' in o ? o.db.open : o.open) o.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const ms = (iso: string, plus: number) => new Date(Date.parse(iso) + plus).toISOString();

/**
 * A data folder at schema version 5, as the previous release left it at HQ: two enrolled posts, records merged
 * by that release's import (the store's importRecord, then the bundle's row), HQ's own record, one imported
 * record edited and one trashed at HQ (which that release allowed).
 */
function version5() {
  const dir = tempDir('liaison-log-006-');
  dirs.push(dir);
  const db = new Sqlite(path.join(dir, DATABASE_FILE));
  opened.push(db);
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 5));
  expect(db.pragma('user_version', { simple: true })).toBe(5);
  let now = '2026-05-01T09:00:00.000Z';
  const ctx = { timeZone: 'Europe/Amsterdam', homeCountry: 'NL' };
  const store = createRecordStore(db, { now: () => new Date(now), context: () => ctx });
  const enrol = db.prepare(`INSERT INTO enrolled_key (key_id, public_key, post_id, post_name, officer, country,
    installation_id, enrolled_at) VALUES (?, 'AAAA', ?, ?, 'J. de Vries', 'CO', ?, '2026-01-01T00:00:00.000Z')`);
  enrol.run('KEY-P01', 'P01', 'Post One', randomUUID());
  enrol.run('KEY-P02', 'P02', 'Post Two', randomUUID());
  const bundleRow = db.prepare(`INSERT INTO imported_bundle (export_id, post_id, key_id, sequence, file_sha256,
      previous_hash, period_from, period_to, level, created_at, imported_at, counts, aggregates)
    VALUES (?, ?, ?, ?, 'aa', NULL, '2026-04-01', '2026-04-30', 'full', '2026-05-01T08:00:00.000Z', ?, ?, '{}')`);
  const revisions = new Map<string, number>();
  const bundles: Record<string, string> = {};
  /** One bundle as that release imported it: each record's audit entry at `at`, the bundle's row at `bundleAt`. */
  const importBundle = (name: string, post: string, sequence: number, at: string, bundleAt: string, ids: string[]) => {
    now = at;
    for (const id of ids) {
      const revision = (revisions.get(id) ?? 0) + 1;
      revisions.set(id, revision);
      const fields = OrganisationInput.parse(organisationInput({ name: `${id.slice(0, 8)} rev ${revision}` }));
      store.importRecord(
        'organisation',
        { id, revision, createdAt: at, updatedAt: at, fields },
        { post, level: 'full' },
        ctx,
      );
    }
    bundles[name] = randomUUID();
    bundleRow.run(bundles[name], post, `KEY-${post}`, sequence, bundleAt, JSON.stringify({ organisation: ids.length }));
  };
  const id = () => randomUUID();
  const r = { r1: id(), r2: id(), r3: id(), r4: id(), r5: id(), r6: id(), r7: id() };
  // Another post's bundle a moment before A: never taken for P01's records.
  importBundle('F', 'P02', 1, '2026-05-01T10:00:00.000Z', '2026-05-01T10:00:00.002Z', []);
  importBundle('A', 'P01', 1, '2026-05-01T10:00:00.000Z', '2026-05-01T10:00:00.005Z', [r.r1, r.r2, r.r3, r.r4]);
  // HQ edits r3 and trashes r4, as the previous release let it.
  db.prepare("UPDATE record SET revision = 2, updated_at = '2026-05-01T10:30:00.000Z' WHERE id = ?").run(r.r3);
  db.prepare(
    "INSERT INTO audit_entry (record_id, at, action, revision, changes) VALUES (?, '2026-05-01T10:30:00.000Z', 'update', 2, '{}')",
  ).run(r.r3);
  now = '2026-05-01T10:40:00.000Z';
  db.prepare('UPDATE record SET deleted_at = ?, updated_at = ?, revision = revision + 1 WHERE id = ?').run(
    now,
    now,
    r.r4,
  );
  db.prepare("INSERT INTO audit_entry (record_id, at, action, revision, changes) VALUES (?, ?, 'delete', 2, '{}')").run(
    r.r4,
    now,
  );
  // B, 30 minutes after HQ's edit of r3, brings revision 2 of r2.
  importBundle('B', 'P01', 2, '2026-05-01T11:00:00.000Z', '2026-05-01T11:00:00.010Z', [r.r2]);
  // Two bundles of P02 in one run at the same millisecond: r6 merged before it (C's), r5 at it (C's or D's?).
  importBundle('C', 'P02', 2, ms('2026-05-01T12:00:00.000Z', -10), '2026-05-01T12:00:00.000Z', [r.r6]);
  importBundle('D', 'P02', 3, '2026-05-01T12:00:00.000Z', '2026-05-01T12:00:00.000Z', [r.r5]);
  // A record whose bundle row came ten minutes after it: not this import's, as far as the history can tell.
  importBundle('E', 'P02', 4, '2026-05-01T13:00:00.000Z', '2026-05-01T13:10:00.000Z', [r.r7]);
  now = '2026-05-01T14:00:00.000Z';
  const own = store.create('organisation', OrganisationInput.parse(organisationInput({ name: 'HQ desk' }))).id;
  return { dir, db, r, own, bundles };
}

const pointers = (db: Database) =>
  Object.fromEntries(
    (db.prepare('SELECT id, origin_export_id AS e FROM record').all() as { id: string; e: string | null }[]).map(
      (row) => [row.id, row.e],
    ),
  );

describe('migration 006: record origin', () => {
  it('is version 6, sixth in the migration list', () => {
    expect(migration006.version).toBe(6);
    expect(MIGRATIONS[5]).toBe(migration006);
  });

  it('points each imported record at the bundle of its current revision where the history is clear', () => {
    const { db, r, own, bundles } = version5();
    migrate(db, MIGRATIONS.slice(0, 6));
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    expect(pointers(db)).toEqual({
      [r.r1]: bundles['A'],
      [r.r2]: bundles['B'], // its current revision came with B, not A
      [r.r3]: null, // edited at HQ after A; B came too long after to be taken for that edit
      [r.r4]: null, // trashed at HQ
      [r.r5]: null, // C and D at the same millisecond: cannot tell
      [r.r6]: bundles['C'], // merged before C's row was written: C, not D
      [r.r7]: null, // its bundle row ten minutes later: not provably its import
      [own]: null, // HQ's own
    });
    expect(db.prepare('SELECT DISTINCT file_name FROM imported_bundle').all()).toEqual([{ file_name: null }]);
  });

  it('changes nothing else: every other table and column keeps its rows; the step is logged', () => {
    const { db } = version5();
    const before = dumpDatabase(db);
    migrate(db, MIGRATIONS.slice(0, 6));
    const after = dumpDatabase(db);
    const { schema_migration: logged, ...tables } = before.tables;
    const without = (rows: unknown[] | undefined, column: string) =>
      (rows ?? []).map((row) => Object.fromEntries(Object.entries(row as object).filter(([k]) => k !== column)));
    for (const [table, rows] of Object.entries(tables)) {
      const column = table === 'record' ? 'origin_export_id' : table === 'imported_bundle' ? 'file_name' : '';
      expect(without(after.tables[table], column), table).toEqual(rows);
    }
    expect(after.tables['schema_migration']).toEqual([
      ...(logged ?? []),
      { version: 6, name: migration006.name, applied_at: expect.any(String) },
    ]);
  });

  it('the backend shows what the backfill found: the origin, or the post alone where the import is unknown', async () => {
    const { dir, db, r, own, bundles } = version5();
    db.close();
    const backend = createBackend({ dataDir: dir, log: () => undefined });
    opened.push(backend);
    const origin = async (id: string) =>
      (await value(backend.invoke('organisations.get', { id })))['origin'] as RecordOrigin | null;
    expect(await origin(r.r2)).toEqual({
      post: 'P01',
      postName: 'Post One',
      level: 'full',
      importId: bundles['B'],
      exportSeq: 2,
      importedAt: '2026-05-01T11:00:00.010Z',
    });
    expect(await origin(r.r3)).toEqual({
      post: 'P01',
      postName: 'Post One',
      level: 'full',
      importId: null,
      exportSeq: null,
      importedAt: null,
    });
    expect(await origin(own)).toBeNull();
    const a = await value<ImportEntry>(backend.invoke('imports.get', { importId: bundles['A']! }));
    expect([a.fileName, a.sequence, a.currentRecords]).toEqual([null, 1, 1]);
  });

  it('works on an empty version-5 database', () => {
    const dir = tempDir('liaison-log-006-');
    dirs.push(dir);
    const db = new Sqlite(path.join(dir, DATABASE_FILE));
    opened.push(db);
    migrate(db, MIGRATIONS.slice(0, 5));
    migrate(db, MIGRATIONS.slice(0, 6));
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    expect(db.prepare('SELECT count(*) AS n FROM record WHERE origin_export_id IS NOT NULL').get()).toEqual({ n: 0 });
  });
});
