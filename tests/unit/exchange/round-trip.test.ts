import { createHash } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/create-backend';
import { savedContent } from '../../../electron/files/trusted';
import type { RecordKind } from '../../../shared/records/kinds';
import {
  WHOLE_PERIOD,
  decryptWith,
  demo,
  dump,
  editRecord,
  exportBundle,
  hqRecipients,
  hqSecrets,
  importFiles,
  initHq,
  initPost,
  ok,
  pair,
  parseEnvelope,
  recordRows,
  recordTables,
  trustHqKeys,
  useInstallations,
  type RecordRow,
} from './helpers';

// Post -> bundle -> HQ, end to end on real backends: what arrives at each level of detail, what must never
// arrive below "full", idempotency, revisions, key rotation, several HQ keys, sequence gaps and the chain.

const installs = useInstallations();

/** Free text that only a full export may carry (levels.ts), per kind. */
const FREE_TEXT: Partial<Record<RecordKind, string[]>> = {
  organisation: ['notes'],
  engagement: ['notes'],
  request: ['notes', 'nonSienaReasonText', 'deviationNote', 'spocExemption'],
  case: ['notes'],
};

/** Marker strings written into free-text fields at the post: record id -> markers. */
const markers = new Map<string, string[]>();
/** Every person's name and e-mail at post BOG. */
let personalStrings: string[] = [];

function addMarkers(post: Backend): void {
  // Free text on records of every kind that has it, so that leaving it out is visible.
  for (const [kind, fields] of Object.entries(FREE_TEXT) as [RecordKind, string[]][]) {
    const ids = post.db.prepare('SELECT id FROM record WHERE kind = ? ORDER BY id LIMIT 4').all(kind) as {
      id: string;
    }[];
    for (const [i, { id }] of ids.entries()) {
      const change = Object.fromEntries(fields.map((f) => [f, `PRIVATE-${kind}-${f}-${i}`]));
      editRecord(post, id, change);
      markers.set(id, Object.values(change));
    }
  }
  // A person's notes too (people never leave below "full").
  const person = post.db.prepare("SELECT id FROM record WHERE kind = 'person' ORDER BY id LIMIT 1").get() as {
    id: string;
  };
  editRecord(post, person.id, { notes: 'PRIVATE-person-notes-0', phone: '+57 601 555 0199' });
  markers.set(person.id, ['PRIVATE-person-notes-0', '+57 601 555 0199']);
}

beforeAll(async () => {
  const hq = installs.make('hq');
  await initHq(hq);
  const bog = installs.make('bog');
  await initPost(bog, 'BOG', 'CO');
  demo(bog, 200, 1);
  addMarkers(bog);
  await pair(bog, hq);
  const mad = installs.make('mad');
  await initPost(mad, 'MAD', 'ES');
  demo(mad, 60, 2);
  await pair(mad, hq);
  personalStrings = (
    bog.db.prepare("SELECT data FROM record WHERE kind = 'person'").all() as { data: string }[]
  ).flatMap((r) => {
    const p = JSON.parse(r.data) as { name: string; email: string };
    return [p.name, p.email].filter((s) => s !== '');
  });
  installs.seal();
});

afterEach(() => {
  expect(installs.logged, 'internal errors logged by a backend').toEqual([]);
});

/** What the post should send for the whole period: its dated records and everything they link to. */
function expectedIds(post: Backend, withPeople: boolean): string[] {
  const rows = post.db
    .prepare(
      `WITH dated AS (SELECT n, id FROM record WHERE kind IN ('engagement', 'request', 'result') AND deleted_at IS NULL),
        linked AS (SELECT t.id, t.kind, t.data FROM record_link l JOIN record t ON t.id = l.to_id
          WHERE l.from_n IN (SELECT n FROM dated) AND t.kind IN ('organisation', 'person', 'case'))
      SELECT id, 'x' AS kind FROM dated
      UNION SELECT id, kind FROM linked
      UNION SELECT json_extract(data, '$.organisationId'), 'organisation' FROM linked
        WHERE kind = 'person' AND json_extract(data, '$.organisationId') IS NOT NULL`,
    )
    .all() as { id: string; kind: string }[];
  const people = new Set(
    (post.db.prepare("SELECT id FROM record WHERE kind = 'person'").all() as { id: string }[]).map((r) => r.id),
  );
  return [...new Set(rows.map((r) => r.id))].filter((id) => withPeople || !people.has(id)).sort();
}

function linksOf(backend: Backend, ids: string[]): string[] {
  return (
    backend.db
      .prepare(
        `SELECT r.id, l.role, l.to_id FROM record_link l JOIN record r ON r.n = l.from_n
         WHERE r.id IN (SELECT value FROM json_each(?)) ORDER BY r.id, l.role, l.to_id`,
      )
      .all(JSON.stringify(ids)) as { id: string; role: string; to_id: string }[]
  ).map((l) => `${l.id} ${l.role} ${l.to_id}`);
}

function phenomenaOf(backend: Backend, ids: string[]): string[] {
  return (
    backend.db
      .prepare(
        `SELECT r.id, p.code FROM record_phenomenon p JOIN record r ON r.n = p.record_n
         WHERE r.id IN (SELECT value FROM json_each(?)) ORDER BY r.id, p.code`,
      )
      .all(JSON.stringify(ids)) as { id: string; code: string }[]
  ).map((p) => `${p.id} ${p.code}`);
}

/** A row as the post stored it, compared column by column with HQ's copy (which adds origin_post). */
function comparable(row: RecordRow): Omit<RecordRow, 'origin_post'> {
  const { origin_post: _origin, ...rest } = row;
  return rest;
}

describe('each level of detail, decrypted and imported', () => {
  it('full: every record arrives, its stored fields byte-equal to the post’s', async () => {
    const hq = installs.open('hq');
    const bog = installs.open('bog');
    const { bytes } = await exportBundle(bog, 'full');
    const { payload } = parseEnvelope(await decryptWith(bytes, ...hqSecrets(hq)));
    const ids = expectedIds(bog, true);
    expect(payload.records.map((r) => r.id).sort()).toEqual(ids);
    expect(payload.manifest.level).toBe('full');

    const report = await importFiles(hq, [{ name: 'full.llbundle', bytes }]);
    expect(report.files[0]).toMatchObject({ outcome: 'imported', reason: null, added: ids.length, updated: 0 });
    expect(report.totals).toMatchObject({ imported: 1, rejected: 0, added: ids.length });

    const atPost = recordRows(bog, `id IN (SELECT value FROM json_each('${JSON.stringify(ids)}'))`);
    const atHq = recordRows(hq);
    expect(atHq.map(comparable)).toEqual(atPost.map(comparable));
    expect(new Set(atHq.map((r) => r.origin_post))).toEqual(new Set(['BOG']));
    expect(linksOf(hq, ids)).toEqual(linksOf(bog, ids));
    expect(phenomenaOf(hq, ids)).toEqual(phenomenaOf(bog, ids));
    // Manifest counts match the records, and HQ keeps them.
    const counts: Record<string, number> = {};
    for (const r of atPost) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
    expect(payload.manifest.counts).toEqual(counts);
    expect(payload.manifest.counts['person']).toBeGreaterThan(0);
    // Full carries the people and the free text (so the checks below cannot pass by accident).
    const text = JSON.stringify(payload);
    for (const s of personalStrings.slice(0, 3)) expect(text).toContain(JSON.stringify(s).slice(1, -1));
    for (const [id, list] of markers) if (ids.includes(id)) for (const m of list) expect(text).toContain(m);
    // HQ can search and read what arrived, like its own records.
    const anyEngagement = atHq.find((r) => r.kind === 'engagement')!;
    const got = await ok(hq.call('engagements.get', { id: anyEngagement.id }));
    expect(got).toMatchObject({ id: anyEngagement.id, revision: anyEngagement.revision });
  });

  it('pseudonymised: no person records, no person links, no free text; the rest as stored', async () => {
    const hq = installs.open('hq');
    const bog = installs.open('bog');
    const { bytes } = await exportBundle(bog, 'pseudonymised');
    const envelopeText = await decryptWith(bytes, ...hqSecrets(hq));
    const { payload } = parseEnvelope(envelopeText);
    const ids = expectedIds(bog, false);
    expect(payload.records.map((r) => r.id).sort()).toEqual(ids);
    expect(payload.records.some((r) => r.kind === 'person')).toBe(false);
    expect(payload.manifest.counts['person']).toBeUndefined();

    // Nothing personal in the decrypted payload: no name, no e-mail, no note, no person id.
    expect(personalStrings.length).toBeGreaterThan(3);
    for (const s of personalStrings) {
      expect(envelopeText).not.toContain(s);
    }
    for (const list of markers.values()) for (const m of list) expect(envelopeText).not.toContain(m);
    const personIds = (bog.db.prepare("SELECT id FROM record WHERE kind = 'person'").all() as { id: string }[]).map(
      (r) => r.id,
    );
    for (const id of personIds) expect(envelopeText).not.toContain(id);
    expect(envelopeText).not.toContain('personIds');
    for (const r of payload.records) {
      for (const f of FREE_TEXT[r.kind] ?? []) expect(r.fields, `${r.kind}.${f}`).not.toHaveProperty(f);
    }

    // Every other field is carried exactly as stored at the post.
    const postRows = new Map(recordRows(bog).map((r) => [r.id, r]));
    for (const r of payload.records) {
      const stored = JSON.parse(postRows.get(r.id)!.data) as Record<string, unknown>;
      const dropped = new Set([...(FREE_TEXT[r.kind] ?? []), ...(r.kind === 'engagement' ? ['personIds'] : [])]);
      expect(r.fields).toEqual(Object.fromEntries(Object.entries(stored).filter(([k]) => !dropped.has(k))));
      expect(r.revision).toBe(postRows.get(r.id)!.revision);
    }

    const report = await importFiles(hq, [{ name: 'pseudo.llbundle', bytes }]);
    expect(report.files[0]).toMatchObject({ outcome: 'imported', added: ids.length });
    // HQ's whole database holds nothing personal from the post either.
    const everything = JSON.stringify(dump(hq).tables);
    for (const s of [...personalStrings, ...personIds, ...[...markers.values()].flat()]) {
      expect(everything).not.toContain(s);
    }
    const atHq = recordRows(hq);
    expect(atHq.map((r) => r.id)).toEqual(ids);
    for (const row of atHq) {
      const data = JSON.parse(row.data) as Record<string, unknown>;
      // HQ stores what arrived (the record schemas fill in left-out fields as empty).
      if (row.kind === 'engagement') expect(data['personIds']).toEqual([]);
      for (const f of FREE_TEXT[row.kind] ?? []) expect([undefined, ''], `${row.kind}.${f}`).toContain(data[f]);
      expect(row.revision).toBe(postRows.get(row.id)!.revision);
      expect(row.title).toBe(postRows.get(row.id)!.title);
      expect(row.occurred_at).toBe(postRows.get(row.id)!.occurred_at);
    }
  });

  it('aggregate: no records at all, the post’s overview of the period', async () => {
    const hq = installs.open('hq');
    const bog = installs.open('bog');
    const { bytes, entry } = await exportBundle(bog, 'aggregate');
    expect(entry.counts).toEqual({});
    const envelopeText = await decryptWith(bytes, ...hqSecrets(hq));
    const { payload } = parseEnvelope(envelopeText);
    expect(payload.records).toEqual([]);
    expect(payload.manifest).toMatchObject({ level: 'aggregate', counts: {} });
    const overview = await ok(bog.call('overview.get', WHOLE_PERIOD));
    expect(payload.aggregates).toEqual(overview);
    expect(overview.engagements.total).toBeGreaterThan(0);
    for (const s of personalStrings) expect(envelopeText).not.toContain(s);
    for (const list of markers.values()) for (const m of list) expect(envelopeText).not.toContain(m);
    for (const r of recordRows(bog)) expect(envelopeText).not.toContain(r.id);

    const before = recordTables(dump(hq));
    const report = await importFiles(hq, [{ name: 'aggregate.llbundle', bytes }]);
    expect(report.files[0]).toMatchObject({ outcome: 'imported', added: 0, updated: 0, unchanged: 0 });
    expect(recordTables(dump(hq))).toEqual(before);
    const stored = hq.db.prepare('SELECT level, aggregates, counts FROM imported_bundle').all() as {
      level: string;
      aggregates: string;
      counts: string;
    }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]!.level).toBe('aggregate');
    expect(JSON.parse(stored[0]!.aggregates)).toEqual(overview);
  });
});

describe('merging', () => {
  it('imports a file once: the same file again is already_imported and changes nothing', async () => {
    const hq = installs.open('hq');
    const bog = installs.open('bog');
    const { bytes } = await exportBundle(bog, 'full');
    // Twice in one run: the second copy is recognised.
    const first = await importFiles(hq, [
      { name: 'a.llbundle', bytes },
      { name: 'copy-of-a.llbundle', bytes },
    ]);
    expect(first.files.map((f) => f.outcome)).toEqual(['imported', 'already_imported']);
    expect(first.totals).toMatchObject({ imported: 1, alreadyImported: 1, rejected: 0 });
    const before = dump(hq);
    const again = await importFiles(hq, [{ name: 'a.llbundle', bytes }]);
    expect(again.files[0]).toMatchObject({
      outcome: 'already_imported',
      reason: null,
      added: 0,
      updated: 0,
      unchanged: 0,
    });
    expect(again.files[0]!.message).toMatch(/already imported/i);
    expect(dump(hq)).toEqual(before);
  });

  it('a newer revision updates; an older bundle imported after a newer one changes nothing', async () => {
    const hq = installs.open('hq');
    const bog = installs.open('bog');
    const older = await exportBundle(bog, 'full');
    const engagement = recordRows(bog, "kind = 'engagement'")[0]!;
    editRecord(bog, engagement.id, { subject: 'Edited at the post after the first export' });
    const newer = await exportBundle(bog, 'full');
    const total = older.entry.counts;
    const n = Object.values(total).reduce((a, b) => a + b, 0);

    // In order: the first adds everything, the second updates the one edited record.
    const hqInOrder = installs.open('hq');
    const r1 = await importFiles(hqInOrder, [{ name: '1', bytes: older.bytes }]);
    expect(r1.files[0]).toMatchObject({ outcome: 'imported', added: n, updated: 0, unchanged: 0 });
    const r2 = await importFiles(hqInOrder, [{ name: '2', bytes: newer.bytes }]);
    expect(r2.files[0]).toMatchObject({ outcome: 'imported', added: 0, updated: 1, unchanged: n - 1 });
    const edited = recordRows(hqInOrder, `id = '${engagement.id}'`)[0]!;
    expect(edited.revision).toBe(engagement.revision + 1);
    expect(JSON.parse(edited.data)).toMatchObject({ subject: 'Edited at the post after the first export' });
    expect(comparable(edited)).toEqual(comparable(recordRows(bog, `id = '${engagement.id}'`)[0]!));
    const history = await ok(hqInOrder.call('engagements.history', { id: engagement.id }));
    expect(history.map((h) => h.action)).toEqual(['create', 'update']);

    // Out of order: the newer first, then the older one is accepted but changes no record.
    await importFiles(hq, [{ name: '2', bytes: newer.bytes }]);
    const before = recordTables(dump(hq));
    const late = await importFiles(hq, [{ name: '1', bytes: older.bytes }]);
    expect(late.files[0]).toMatchObject({ outcome: 'imported', added: 0, updated: 0, unchanged: n });
    expect(recordTables(dump(hq))).toEqual(before);
    expect(recordRows(hq, `id = '${engagement.id}'`)[0]!.revision).toBe(engagement.revision + 1);
    // Both bundles are now known; nothing is missing.
    const posts = await ok(hq.call('posts.list', {}));
    expect(posts.find((p) => p.postId === 'BOG')).toMatchObject({ bundles: 2, gaps: [], brokenChains: [] });
  });
});

describe('keys', () => {
  it('rotation: old bundles still import, posts take the new key file, new exports go to the new key', async () => {
    const hq = installs.open('hq');
    const bog = installs.open('bog');
    const mad = installs.open('mad');
    const [oldSecret] = hqSecrets(hq);
    const oldBog = await exportBundle(bog, 'pseudonymised');
    const oldMad = await exportBundle(mad, 'pseudonymised');

    const rotated = await ok(hq.call('keys.addHqKey', { label: '2027', retireOthers: true }));
    expect(rotated.hqKeys.filter((k) => !k.retired).map((k) => k.label)).toEqual(['2027']);
    const newKey = rotated.hqKeys.find((k) => !k.retired)!;
    const newSecret = hqSecrets(hq).find((s) => s !== oldSecret)!;

    // Bundles made before the rotation still open with the retired key, which HQ keeps.
    const old = await importFiles(hq, [
      { name: 'old-bog', bytes: oldBog.bytes },
      { name: 'old-mad', bytes: oldMad.bytes },
    ]);
    expect(old.files.map((f) => f.outcome)).toEqual(['imported', 'imported']);

    // Until a post takes the new key file it keeps encrypting to the old key; after, to the new one only.
    for (const post of [bog, mad]) {
      await trustHqKeys(post, hq);
      const who = await ok(post.call('identity.get', {}));
      expect(who.hqKeys.filter((k) => !k.retired).map((k) => k.fingerprint)).toEqual([newKey.fingerprint]);
      const fresh = await exportBundle(post, 'pseudonymised');
      const { payload } = parseEnvelope(await decryptWith(fresh.bytes, newSecret));
      expect(payload.manifest.recipients).toEqual([newKey.fingerprint]);
      await expect(decryptWith(fresh.bytes, oldSecret!)).rejects.toThrow(/no identity matched/);
      const report = await importFiles(hq, [{ name: 'new', bytes: fresh.bytes }]);
      expect(report.files[0]).toMatchObject({ outcome: 'imported', sequence: 2 });
    }
    const posts = await ok(hq.call('posts.list', {}));
    expect(posts.map((p) => [p.postId, p.bundles, p.gaps.length, p.brokenChains.length])).toEqual([
      ['BOG', 2, 0, 0],
      ['MAD', 2, 0, 0],
    ]);
  });

  it('rotation retires the old keys, not the new one, even when the clock stands still or goes back', async () => {
    let t = Date.parse('2026-05-01T08:00:00.000Z');
    const hq = installs.fresh(() => new Date(t));
    await initHq(hq);
    const [primary] = hqRecipients(hq);
    // Same millisecond as the first key.
    const second = await ok(hq.call('keys.addHqKey', { label: 'second', retireOthers: true }));
    expect(second.hqKeys.map((k) => [k.label, k.retired]).sort()).toEqual([
      ['primary', true],
      ['second', false],
    ]);
    // The clock set back a day (a laptop whose clock was wrong at setup).
    t -= 86_400_000;
    const third = await ok(hq.call('keys.addHqKey', { label: 'third', retireOthers: true }));
    expect(third.hqKeys.filter((k) => !k.retired).map((k) => k.label)).toEqual(['third']);
    const keyFile = JSON.parse((await ok(savedContent(hq.invoke, 'keys.saveHqKeyFile', {}))).toString('utf8')) as {
      recipients: { label: string; recipient: string }[];
    };
    expect(keyFile.recipients.map((r) => r.label)).toEqual(['third']);
    expect(keyFile.recipients.map((r) => r.recipient)).not.toContain(primary);
  });

  it('primary and backup HQ keys: each one alone decrypts the same envelope', async () => {
    const hq = installs.open('hq');
    const bog = installs.open('bog');
    await ok(hq.call('keys.addHqKey', { label: 'backup', retireOthers: false }));
    await trustHqKeys(bog, hq);
    const { bytes } = await exportBundle(bog, 'aggregate');
    const header = Buffer.from(bytes.subarray(0, 600)).toString('latin1');
    expect(header.match(/\n-> X25519 /g)).toHaveLength(2);
    const secrets = hqSecrets(hq);
    expect(secrets).toHaveLength(2);
    const [a, b] = await Promise.all(secrets.map((s) => decryptWith(bytes, s)));
    expect(a).toBe(b);
    const ids = await ok(hq.call('identity.get', {}));
    expect(parseEnvelope(a!).payload.manifest.recipients.sort()).toEqual(ids.hqKeys.map((k) => k.fingerprint).sort());
    const report = await importFiles(hq, [{ name: 'both', bytes }]);
    expect(report.files[0]?.outcome).toBe('imported');
  });
});

describe('sequence numbers and the chain', () => {
  it('shows a gap when an export never arrives, and closes it when it does', async () => {
    const hq = installs.open('hq');
    const bog = installs.open('bog');
    const e1 = await exportBundle(bog, 'aggregate');
    const e2 = await exportBundle(bog, 'aggregate', { from: '2026-01-01', to: '2026-03-31' });
    const e3 = await exportBundle(bog, 'aggregate', { from: '2026-04-01', to: '2026-06-30' });
    expect([e1, e2, e3].map((e) => e.entry.sequence)).toEqual([1, 2, 3]);
    const keyId = e1.entry.keyId;

    const r = await importFiles(hq, [
      { name: '1', bytes: e1.bytes },
      { name: '3', bytes: e3.bytes },
    ]);
    expect(r.files.map((f) => [f.outcome, f.sequence])).toEqual([
      ['imported', 1],
      ['imported', 3],
    ]);
    expect(r.gaps).toEqual([{ postId: 'BOG', keyId, missing: [2] }]);
    let bogStatus = (await ok(hq.call('posts.list', {}))).find((p) => p.postId === 'BOG')!;
    expect(bogStatus).toMatchObject({ bundles: 2, gaps: [{ keyId, missing: [2] }], brokenChains: [] });
    expect(bogStatus.lastPeriod).toEqual({ from: '2026-04-01', to: '2026-06-30' });

    const closed = await importFiles(hq, [{ name: '2', bytes: e2.bytes }]);
    expect(closed.files[0]).toMatchObject({ outcome: 'imported', sequence: 2 });
    expect(closed.gaps).toEqual([]);
    bogStatus = (await ok(hq.call('posts.list', {}))).find((p) => p.postId === 'BOG')!;
    expect(bogStatus).toMatchObject({ bundles: 3, gaps: [], brokenChains: [] });
  });

  it('links each bundle to the SHA-256 of the previous file of the same key', async () => {
    const hq = installs.open('hq');
    const bog = installs.open('bog');
    const files = [];
    for (let i = 0; i < 3; i++) files.push(await exportBundle(bog, 'aggregate'));
    const secrets = hqSecrets(hq);
    const manifests = await Promise.all(
      files.map(async (f) => parseEnvelope(await decryptWith(f.bytes, ...secrets)).payload.manifest),
    );
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    expect(manifests.map((m) => m.previousHash)).toEqual([null, sha(files[0]!.bytes), sha(files[1]!.bytes)]);
    expect(files.map((f) => f.entry.sha256)).toEqual(files.map((f) => sha(f.bytes)));
    await importFiles(
      hq,
      files.map((f, i) => ({ name: String(i), bytes: f.bytes })),
    );
    const stored = hq.db
      .prepare('SELECT sequence, file_sha256, previous_hash FROM imported_bundle ORDER BY sequence')
      .all();
    expect(stored).toEqual(
      files.map((f, i) => ({ sequence: i + 1, file_sha256: sha(f.bytes), previous_hash: manifests[i]!.previousHash })),
    );
  });

  it('shows a broken chain when another file was sent under the same key and number (a restored laptop)', async () => {
    const hq = installs.open('hq');
    // Two copies of one post installation (one key): as after restoring the laptop from a backup.
    const laptop = installs.open('bog');
    const restored = installs.open('bog');
    const x1 = await exportBundle(laptop, 'aggregate');
    const y1 = await exportBundle(restored, 'aggregate');
    const x2 = await exportBundle(laptop, 'aggregate');
    expect([x1.entry.sequence, y1.entry.sequence, x2.entry.sequence]).toEqual([1, 1, 2]);

    const r = await importFiles(hq, [
      { name: 'y1', bytes: y1.bytes },
      { name: 'x2', bytes: x2.bytes },
    ]);
    expect(r.files.map((f) => f.outcome)).toEqual(['imported', 'imported']);
    const status = (await ok(hq.call('posts.list', {}))).find((p) => p.postId === 'BOG')!;
    expect(status.brokenChains).toEqual([{ keyId: x1.entry.keyId, sequence: 2 }]);

    // The laptop's own first bundle now clashes with the restored copy's: rejected, nothing changes.
    const before = dump(hq);
    const clash = await importFiles(hq, [{ name: 'x1', bytes: x1.bytes }]);
    expect(clash.files[0]).toMatchObject({ outcome: 'rejected', reason: 'tampered' });
    expect(clash.files[0]!.message).toMatch(/already has sequence 1/);
    expect(dump(hq)).toEqual(before);
  });
});
