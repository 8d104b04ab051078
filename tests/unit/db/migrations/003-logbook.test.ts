import { describe, it, expect, afterEach } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3-multiple-ciphers';
import { createBackend } from '../../../../electron/backend/create-backend';
import { DATABASE_FILE } from '../../../../electron/db/open';
import { migrate } from '../../../../electron/db/migrate';
import { MIGRATIONS } from '../../../../electron/db/migrations/index';
import { migration003 } from '../../../../electron/db/migrations/003-logbook';
import { DEFAULT_TERMS } from '../../../../shared/taxonomy/defaults';
import { failure, listIds, manualClock, requestInput, tempDir, value, type Rec } from '../../logbook/helpers';

// Migration 003 moves the information requests of schema 2 into the one `record` table: same id, same
// revision, same fields, the new fields at their defaults, the Directive deadline computed, searchable.
// Then the old table goes. The taxonomies are seeded. Everything happens in one transaction.

const dirs: string[] = [];
const dbs: Database[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A database file at schema version 2, as the previous release left it. */
function version2(): { db: Database; dir: string } {
  const dir = tempDir('liaison-log-003-');
  dirs.push(dir);
  const db = new Sqlite(path.join(dir, DATABASE_FILE));
  dbs.push(db);
  migrate(db, MIGRATIONS.slice(0, 2));
  expect(db.pragma('user_version', { simple: true })).toBe(2);
  return { db, dir };
}

interface OldRow {
  id: string;
  revision: number;
  direction: 'incoming' | 'outgoing';
  counterpart_country: string;
  counterpart_agency: string;
  channel: string;
  exchanged_at: string;
  subject: string;
  status: string;
  created_at: string;
  updated_at: string;
}

const OLD: OldRow[] = [
  {
    id: '11111111-1111-4111-8111-111111111111',
    revision: 3,
    direction: 'incoming',
    counterpart_country: 'DE',
    counterpart_agency: 'Bundeskriminalamt',
    channel: 'siena',
    // Fri 27 March 2026 16:00 CET: due Fri 3 April 16:00 CEST, across the clock change.
    exchanged_at: '2026-03-27T15:00:00.000Z',
    subject: 'Vehicle registration check',
    status: 'open',
    created_at: '2026-03-27T15:05:00.000Z',
    updated_at: '2026-03-28T08:00:00.000Z',
  },
  {
    id: '22222222-2222-4222-8222-222222222222',
    revision: 1,
    direction: 'outgoing',
    counterpart_country: 'CO',
    counterpart_agency: 'Policía Nacional de Colombia',
    channel: 'interpol',
    exchanged_at: '2026-02-10T14:30:00.000Z',
    subject: 'Fingerprint match',
    status: 'withdrawn',
    created_at: '2026-02-10T14:31:00.000Z',
    updated_at: '2026-02-10T14:31:00.000Z',
  },
  {
    id: '33333333-3333-4333-8333-333333333333',
    revision: 2,
    direction: 'incoming',
    counterpart_country: 'FR',
    counterpart_agency: 'Parquet de Paris',
    channel: 'mla_eio',
    exchanged_at: '2026-01-05T09:00:00.000Z',
    subject: 'Bank accounts',
    status: 'answered',
    created_at: '2026-01-05T09:01:00.000Z',
    updated_at: '2026-01-20T09:01:00.000Z',
  },
  {
    id: '44444444-4444-4444-8444-444444444444',
    revision: 5,
    direction: 'incoming',
    counterpart_country: 'NL',
    counterpart_agency: 'Politie',
    channel: 'siena',
    exchanged_at: '2026-01-06T09:00:00.000Z',
    subject: 'Domestic check',
    status: 'open',
    created_at: '2026-01-06T09:01:00.000Z',
    updated_at: '2026-01-06T09:01:00.000Z',
  },
];

const DEFAULTS = {
  urgency: 'non_urgent',
  urgencyGround: null,
  accessibility: 'direct',
  nonSienaReason: null,
  nonSienaReasonText: '',
  answeredAt: null,
  refusalGround: null,
  judicialDeviation: false,
  deviationNote: '',
  spocCopied: false,
  spocExemption: '',
  europolCopied: false,
  phenomena: [],
  caseId: null,
  caseReference: '',
  notes: '',
};

function fields(r: OldRow) {
  return {
    direction: r.direction,
    counterpartCountry: r.counterpart_country,
    counterpartAgency: r.counterpart_agency,
    channel: r.channel,
    exchangedAt: r.exchanged_at,
    subject: r.subject,
    status: r.status,
  };
}

function insertOld(db: Database, rows: OldRow[]): void {
  const insert = db.prepare(`INSERT INTO information_request
    (id, revision, direction, counterpart_country, counterpart_agency, channel, exchanged_at, subject, status,
     created_at, updated_at)
    VALUES (@id, @revision, @direction, @counterpart_country, @counterpart_agency, @channel, @exchanged_at, @subject,
     @status, @created_at, @updated_at)`);
  for (const r of rows) insert.run(r);
}

/** Every table's rows and the schema, to compare a database before and after. */
function dump(db: Database): unknown {
  const schema = db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY type, name').all() as {
    type: string;
    name: string;
    sql: string | null;
  }[];
  const tables = schema.filter((s) => s.type === 'table' && !s.sql?.startsWith('CREATE VIRTUAL'));
  return {
    version: db.pragma('user_version', { simple: true }),
    schema,
    rows: Object.fromEntries(tables.map((t) => [t.name, db.prepare(`SELECT * FROM "${t.name}" ORDER BY 1`).all()])),
  };
}

function tables(db: Database): string[] {
  return (
    db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as {
      name: string;
    }[]
  ).map((r) => r.name);
}

describe('migration 003: logbook records', () => {
  it('is version 3, third in the migration list', () => {
    expect(migration003.version).toBe(3);
    expect(MIGRATIONS[2]).toBe(migration003);
  });

  it('moves every information request into `record` with the same id, revision, fields and timestamps', () => {
    const { db } = version2();
    insertOld(db, OLD);
    migrate(db, MIGRATIONS.slice(0, 3));
    expect(db.pragma('user_version', { simple: true })).toBe(3);

    const rows = db.prepare('SELECT * FROM record ORDER BY id').all() as Record<string, unknown>[];
    expect(rows).toHaveLength(OLD.length);
    for (const [i, old] of OLD.entries()) {
      const row = rows[i] as Record<string, unknown>;
      expect(row).toMatchObject({
        id: old.id,
        kind: 'request',
        revision: old.revision,
        title: old.subject,
        occurred_at: old.exchanged_at,
        country: old.counterpart_country,
        channel: old.channel,
        status: old.status,
        direction: old.direction,
        created_at: old.created_at,
        updated_at: old.updated_at,
        deleted_at: null,
      });
      expect(JSON.parse(row['data'] as string)).toEqual({ ...fields(old), ...DEFAULTS });
    }
  });

  it('gives incoming requests their Directive deadline on the default post clock (NL, Europe/Amsterdam)', () => {
    const { db } = version2();
    insertOld(db, OLD);
    migrate(db, MIGRATIONS.slice(0, 3));
    const due = Object.fromEntries(
      (db.prepare('SELECT id, due_at FROM record').all() as { id: string; due_at: string | null }[]).map((r) => [
        r.id,
        r.due_at,
      ]),
    );
    expect(due).toEqual({
      [OLD[0]!.id]: '2026-04-03T14:00:00.000Z', // Germany via SIENA: 7 calendar days on the Amsterdam clock
      [OLD[1]!.id]: null, // Colombia: outside the EU
      [OLD[2]!.id]: null, // MLA: outside the Directive
      [OLD[3]!.id]: null, // the Netherlands: the home country
    });
  });

  it('drops the old table, seeds the taxonomies and logs the step', () => {
    const { db } = version2();
    insertOld(db, OLD);
    migrate(db, MIGRATIONS.slice(0, 3));
    expect(tables(db)).not.toContain('information_request');
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'record',
        'record_phenomenon',
        'record_link',
        'audit_entry',
        'record_search',
        'taxonomy_term',
      ]),
    );
    const terms = db
      .prepare(
        'SELECT taxonomy, code, label_en AS labelEn, label_nl AS labelNl, parent_code AS parentCode FROM taxonomy_term ORDER BY sort',
      )
      .all();
    expect(terms).toEqual(
      DEFAULT_TERMS.map((t) => ({
        taxonomy: t.taxonomy,
        code: t.code,
        labelEn: t.labelEn,
        labelNl: t.labelNl,
        parentCode: t.parentCode,
      })),
    );
    expect(db.prepare('SELECT version, name FROM schema_migration ORDER BY version').all()).toEqual([
      { version: 1, name: 'information requests' },
      { version: 2, name: 'settings' },
      { version: 3, name: migration003.name },
    ]);
  });

  it('works on an empty version-2 database too', () => {
    const { db } = version2();
    migrate(db, MIGRATIONS.slice(0, 3));
    expect(db.prepare('SELECT count(*) AS n FROM record').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM taxonomy_term').get()).toEqual({ n: DEFAULT_TERMS.length });
  });

  it('the moved requests work through the backend: get, list, search, edit from their revision', async () => {
    const { db, dir } = version2();
    insertOld(db, OLD);
    db.close();
    const clock = manualClock('2026-04-01T10:00:00.000Z');
    const backend = createBackend({ dataDir: dir, now: clock.now, log: () => undefined });
    try {
      const first = OLD[0]!;
      const got = await value<Rec>(backend.invoke('requests.get', { id: first.id }));
      expect(got).toEqual({
        id: first.id,
        revision: 3,
        ...fields(first),
        ...DEFAULTS,
        dueAt: '2026-04-03T14:00:00.000Z',
        createdAt: first.created_at,
        updatedAt: first.updated_at,
        deletedAt: null,
        origin: null,
      });
      // Newest first, as any list.
      expect(await listIds(backend, 'requests')).toEqual([OLD[0]!.id, OLD[1]!.id, OLD[3]!.id, OLD[2]!.id]);
      expect(await listIds(backend, 'requests', { filters: { overdue: false, country: 'FR' } })).toEqual([OLD[2]!.id]);
      // Searchable by subject and agency, accents or not.
      const hits = async (text: string) =>
        (await value<{ id: string }[]>(backend.invoke('search.query', { text }))).map((h) => h.id);
      expect(await hits('vehicle')).toEqual([first.id]);
      expect(await hits('policia colombia')).toEqual([OLD[1]!.id]);
      expect(await hits('Bundeskrim')).toEqual([first.id]);
      // The seeded taxonomy is live: phenomena can be added on edit.
      await failure(
        backend.invoke('requests.update', {
          id: first.id,
          revision: 1,
          fields: { ...fields(first), phenomena: ['cocaine'] },
        }),
        'conflict',
      );
      const edited = await value<Rec>(
        backend.invoke('requests.update', {
          id: first.id,
          revision: 3,
          fields: { ...fields(first), phenomena: ['cocaine'] },
        }),
      );
      expect(edited).toMatchObject({ revision: 4, phenomena: ['cocaine'], dueAt: '2026-04-03T14:00:00.000Z' });
      expect(await listIds(backend, 'requests', { filters: { phenomenon: 'drugs' } })).toEqual([first.id]);
      // Saving the same fields again changes nothing.
      const same = await value<Rec>(
        backend.invoke('requests.update', { id: OLD[1]!.id, revision: 1, fields: requestInput(fields(OLD[1]!)) }),
      );
      expect(same.revision).toBe(1);
    } finally {
      backend.close();
    }
  });

  it('if the move fails, it throws and nothing changes: the database stays at version 2 with its rows', () => {
    const { db } = version2();
    insertOld(db, OLD);
    // A row the move cannot carry: the exchange moment is not a date, so its deadline cannot be computed.
    insertOld(db, [{ ...OLD[0]!, id: '55555555-5555-4555-8555-555555555555', exchanged_at: 'yesterday' }]);
    const before = dump(db);
    expect(() => migrate(db)).toThrow();
    expect(dump(db)).toEqual(before);
    expect(tables(db)).toContain('information_request');
    expect(tables(db)).not.toContain('record');
  });

  it('if fewer rows arrive than left, it throws and nothing changes (count check)', () => {
    // Every INSERT either lands or throws, so a lost row cannot happen with a real driver. To reach the
    // count check anyway, the database handle passed to the migration reports one moved row too few.
    const { db } = version2();
    insertOld(db, OLD);
    const before = dump(db);
    const countSql = "SELECT count(*) AS n FROM record WHERE kind = 'request'";
    const lossy = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop === 'prepare') {
          return (sql: string) => {
            const stmt = target.prepare(sql);
            if (sql !== countSql) return stmt;
            return { get: () => ({ n: (stmt.get() as { n: number }).n - 1 }) };
          };
        }
        const v: unknown = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    expect(() => migrate(lossy)).toThrow(/4 found, 3 moved/);
    expect(dump(db)).toEqual(before);
  });
});
