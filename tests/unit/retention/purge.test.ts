import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/create-backend';
import { createBackend } from '../../../electron/backend/create-backend';
import { DATABASE_FILE } from '../../../electron/db/open';
import { isPurged, purgeRecords, purgeTombstones, scrubAfterPurge } from '../../../electron/records/purge';
import { expectAggregatesTrue } from '../dashboard/aggregate-recount';
import {
  caseInput,
  create,
  engagementInput,
  organisationInput,
  personInput,
  requestInput,
  resultInput,
  useLogbook,
  useTempDirs,
  value,
  type Rec,
} from '../logbook/helpers';
import { filesHolding, folderBytes } from './helpers';

// The purge primitive (electron/records/purge.ts): a record removed for good leaves nothing behind in any file
// of the data folder, its links and side tables go, the dashboards' aggregates stay equal to a recount, and a
// tombstone (no content) remains for the exports.

const MARK = {
  name: 'Quorvath-Emberline-PURGENAME-5521',
  oldName: 'Quorvath-Firstspelling-OLDNAME-7730',
  notes: 'met-under-the-old-bridge-PURGENOTES-9183',
  subject: 'Shipment-Xanthic-PURGESUBJECT-4402',
};

interface World {
  org: Rec;
  person: Rec;
  engagement: Rec;
  request: Rec;
  result: Rec;
}

/** An organisation in CO, a person in it (renamed once), an engagement and a result linking them, a request. */
async function world(backend: Backend): Promise<World> {
  const org = await create(backend, 'organisations', organisationInput({ name: 'Policia Nacional', country: 'CO' }));
  const first = await create(
    backend,
    'people',
    personInput({ name: MARK.oldName, organisationId: org.id, notes: MARK.notes }),
  );
  const person = await value<Rec>(
    backend.invoke('people.update', {
      id: first.id,
      revision: first.revision,
      fields: { ...personInput({ name: MARK.name, organisationId: org.id, notes: MARK.notes }) },
    }),
  );
  const kase = await create(backend, 'cases', caseInput());
  const engagement = await create(
    backend,
    'engagements',
    engagementInput({ organisationIds: [org.id], personIds: [person.id], caseId: kase.id, phenomena: ['cocaine'] }),
  );
  const request = await create(backend, 'requests', requestInput({ subject: MARK.subject, phenomena: ['cocaine'] }));
  const result = await create(
    backend,
    'results',
    resultInput({ engagementIds: [engagement.id], requestIds: [request.id], phenomena: ['cocaine'] }),
  );
  return { org, person, engagement, request, result };
}

function timeZone(backend: Backend): string {
  return backend.services.settings.read().timeZone;
}

describe('purgeRecords', () => {
  const open = useLogbook();
  const scratch = useTempDirs();

  it('removes the row, links both ways, phenomena, search entries and audit content; keeps a tombstone', async () => {
    const { backend } = open();
    const w = await world(backend);
    const db = backend.db;
    expect(backend.services.store.search('Quorvath', 10)).toHaveLength(1);

    const removed = purgeRecords(db, [w.person.id, w.request.id], 'erasure', { by: 'Officer A' });
    expect(removed).toBe(2);

    const count = (sql: string, ...p: unknown[]) =>
      db
        .prepare(sql)
        .pluck()
        .get(...p) as number;
    for (const id of [w.person.id, w.request.id]) {
      expect(count('SELECT count(*) FROM record WHERE id = ?', id)).toBe(0);
      expect(count('SELECT count(*) FROM record_link WHERE to_id = ?', id)).toBe(0);
      expect(isPurged(db, id)).toBe(true);
      const audit = db.prepare('SELECT action, changes FROM audit_entry WHERE record_id = ?').all(id);
      expect(audit).toEqual([
        { action: 'purge', changes: JSON.stringify({ reason: [null, 'erasure'], by: [null, 'Officer A'] }) },
      ]);
    }
    expect(backend.services.store.search('Quorvath', 10)).toEqual([]);
    expect(backend.services.store.search('Xanthic', 10)).toEqual([]);
    // The engagement no longer names the person; it got a new revision (its export carries that).
    const engagement = await value<Rec>(backend.invoke('engagements.get', { id: w.engagement.id }));
    expect(engagement['personIds']).toEqual([]);
    expect(engagement.revision).toBe(w.engagement.revision + 1);
    const result = await value<Rec>(backend.invoke('results.get', { id: w.result.id }));
    expect(result['requestIds']).toEqual([]);
    expect(purgeTombstones(db).map((t) => [t.recordId, t.reason])).toEqual(
      expect.arrayContaining([
        [w.person.id, 'erasure'],
        [w.request.id, 'erasure'],
      ]),
    );
    // Purging again removes nothing and keeps the tombstone.
    expect(purgeRecords(db, [w.person.id], 'erasure')).toBe(0);
    expect(isPurged(db, w.person.id)).toBe(true);
  });

  it('keeps the dashboards equal to a recount after purges (countries taken from a purged organisation)', async () => {
    const { backend } = open();
    const w = await world(backend);
    const db = backend.db;
    expectAggregatesTrue(db, timeZone(backend));
    expect(db.prepare("SELECT count(*) FROM dashboard_fact WHERE countries LIKE '%CO%'").pluck().get()).toBe(1);
    purgeRecords(db, [w.org.id], 'retention');
    expectAggregatesTrue(db, timeZone(backend));
    expect(db.prepare("SELECT count(*) FROM dashboard_fact WHERE countries LIKE '%CO%'").pluck().get()).toBe(0);
    purgeRecords(db, [w.request.id, w.engagement.id], 'retention');
    expectAggregatesTrue(db, timeZone(backend));
    // Trashed, then purged.
    await value(backend.invoke('results.delete', { id: w.result.id }));
    purgeRecords(db, [w.result.id], 'trash_emptied');
    expectAggregatesTrue(db, timeZone(backend));
    expect(db.prepare('SELECT count(*) FROM dashboard_fact').pluck().get()).toBe(0);
  });

  it('leaves no trace of the purged text in any file of a plaintext data folder (raw bytes)', async () => {
    const { backend, dataDir } = open();
    const w = await world(backend);
    const markers = [MARK.name, MARK.oldName, MARK.notes, MARK.subject];
    backend.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(filesHolding(folderBytes(dataDir, undefined, scratch()), markers).length).toBeGreaterThan(0);

    purgeRecords(backend.db, [w.person.id, w.request.id], 'erasure');
    scrubAfterPurge(backend.db);
    expect(fs.statSync(path.join(dataDir, `${DATABASE_FILE}-wal`)).size).toBe(0);
    expect(filesHolding(folderBytes(dataDir, undefined, scratch()), markers)).toEqual([]);
  });

  it('leaves no trace in an encrypted data folder (its live pages decrypted: see helpers.ts for what this misses)', async () => {
    const dataDir = scratch('liaison-log-purge-enc-');
    const key = Buffer.alloc(32, 7);
    const backend = createBackend({ dataDir, key });
    try {
      const w = await world(backend);
      const markers = [MARK.name, MARK.oldName, MARK.notes, MARK.subject];
      backend.db.pragma('wal_checkpoint(TRUNCATE)');
      // On disk the database is ciphertext: only the decrypted pages can show the markers.
      const raw = folderBytes(dataDir, undefined, scratch());
      expect(filesHolding(raw, markers)).toEqual([]);
      expect(filesHolding(folderBytes(dataDir, key, scratch()), markers).length).toBeGreaterThan(0);

      purgeRecords(backend.db, [w.person.id, w.request.id], 'erasure');
      scrubAfterPurge(backend.db);
      expect(filesHolding(folderBytes(dataDir, key, scratch()), markers)).toEqual([]);
    } finally {
      backend.close();
    }
  });

  it('the check sees what a delete without secure_delete, FTS secure-delete and VACUUM leaves behind', async () => {
    // The control: the same rows deleted the plain way. The method must find them in free space and the index.
    const { backend, dataDir } = open();
    const w = await world(backend);
    const db = backend.db;
    db.pragma('secure_delete = OFF');
    db.exec("INSERT INTO record_search (record_search, rank) VALUES ('secure-delete', 0)");
    const n = db.prepare('SELECT n FROM record WHERE id = ?').pluck().get(w.person.id) as number;
    db.transaction(() => {
      db.prepare('DELETE FROM record_link WHERE from_n = ? OR to_id = ?').run(n, w.person.id);
      db.prepare('DELETE FROM record_search WHERE rowid = ?').run(n);
      db.prepare('DELETE FROM audit_entry WHERE record_id = ?').run(w.person.id);
      db.prepare('DELETE FROM record WHERE n = ?').run(n);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(db.prepare('SELECT count(*) FROM record WHERE id = ?').pluck().get(w.person.id)).toBe(0);
    expect(filesHolding(folderBytes(dataDir, undefined, scratch()), [MARK.name]).length).toBeGreaterThan(0);
  });
});
