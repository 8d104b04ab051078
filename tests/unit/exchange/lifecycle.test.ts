import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';
import { createBackup } from '../../../electron/backup/create';
import { restoreBackup } from '../../../electron/backup/restore';
import { postStatuses } from '../../../electron/exchange/posts';
import { postSeriesFacts } from '../../../electron/exchange/sequence-gaps';
import { purgeRecords } from '../../../electron/records/purge';
import type { BundlePayload } from '../../../shared/exchange/formats';
import type { FileReport } from '../../../shared/exchange/schema';
import type { Overview } from '../../../shared/overview/schema';
import {
  WHOLE_PERIOD,
  decryptWith,
  demo,
  encryptTo,
  exportBundle,
  hqRecipients,
  hqSecrets,
  importFiles,
  initHq,
  initPost,
  ok,
  pair,
  parseEnvelope,
  postSigningKey,
  signEnvelope,
  useInstallations,
} from './helpers';

// Issue 13, items 1 and 2 and the series part of 3, end to end on real data folders with real keys: a post's
// trash, restore and purge reach HQ's figures and lists (whatever order the bundles arrive in), the aggregate
// level corrects the counts HQ holds, a laptop restored from a backup continues its series without losing
// anything at HQ, replays and forged sequences are still refused, and a replacement laptop continues the post's
// series (docs/export-format.md, "Tombstones", "Restores", "The series").

const installs = useInstallations();
const extra: Backend[] = [];
const Q2 = { from: '2026-04-01', to: '2026-06-30' } as const;

beforeAll(async () => {
  const hq = installs.make('hq');
  await initHq(hq);
  const bog = installs.make('bog');
  await initPost(bog, 'BOG', 'CO');
  demo(bog, 150, 3);
  await pair(bog, hq);
  installs.seal();
}, 300_000);

afterEach(() => {
  expect(installs.logged, 'internal errors logged by a backend').toEqual([]);
});

afterAll(() => {
  for (const b of extra) if (b.db.open) b.close();
});

async function payloadOf(hq: Backend, bytes: Uint8Array): Promise<BundlePayload> {
  return parseEnvelope(await decryptWith(bytes, ...hqSecrets(hq))).payload;
}

async function importOne(hq: Backend, name: string, bytes: Uint8Array): Promise<FileReport> {
  const report = await importFiles(hq, [{ name, bytes }]);
  return report.files[0]!;
}

/** An own engagement of the post, live, dated in `period`. */
function ownEngagement(post: Backend, period: { from: string; to: string } = WHOLE_PERIOD): string {
  return post.db
    .prepare(
      `SELECT id FROM record WHERE kind = 'engagement' AND deleted_at IS NULL AND occurred_at >= ? AND occurred_at < ?
       ORDER BY id LIMIT 1`,
    )
    .pluck()
    .get(period.from, `${period.to}T23:59:59.999Z`) as string;
}

/** What HQ shows of post BOG's engagements: the dashboard's figure and the list's count. */
async function hqEngagements(hq: Backend): Promise<{ dashboard: number; list: number }> {
  const d = await ok(hq.call('reports.dashboard', { ...WHOLE_PERIOD, post: 'BOG' }));
  const dashboard = d.activity.byPost.find((p) => p.key === 'BOG')?.engagements ?? 0;
  const page = await ok(hq.call('engagements.list', { filters: { post: 'BOG' }, limit: 0, count: 'exact' }));
  return { dashboard, list: page.total };
}

function hqRecord(hq: Backend, id: string) {
  return hq.db.prepare('SELECT revision, deleted_at, origin_post FROM record WHERE id = ?').get(id) as
    { revision: number; deleted_at: string | null; origin_post: string } | undefined;
}

const codes = (f: FileReport) => (f.notes ?? []).map((n) => n.code);

describe('deletions travel', () => {
  it('a trash at the post takes the record out of HQ’s figures and lists; a restore brings it back', async () => {
    const bog = installs.open('bog');
    const hq = installs.open('hq');
    const first = await exportBundle(bog, 'full');
    expect((await payloadOf(hq, first.bytes)).manifest.formatVersion).toBe(1);
    expect((await importOne(hq, 'first', first.bytes)).outcome).toBe('imported');
    const before = await hqEngagements(hq);
    expect(before.dashboard).toBeGreaterThan(0);
    expect(before.list).toBe(before.dashboard);

    const id = ownEngagement(bog);
    const revision = (bog.services.store.get('engagement', id)?.revision ?? 0) + 1;
    bog.services.store.setTrashed('engagement', id, true);
    const second = await exportBundle(bog, 'full');
    const payload = await payloadOf(hq, second.bytes);
    expect(payload.manifest.formatVersion).toBe(2);
    expect(payload.tombstones).toEqual([
      expect.objectContaining({ kind: 'engagement', id, state: 'trashed', revision }),
    ]);
    expect(payload.records.some((r) => r.id === id)).toBe(false);

    const report = await importOne(hq, 'second', second.bytes);
    expect(report).toMatchObject({ outcome: 'imported', removed: 1 });
    expect(codes(report)).toContain('import.tombstones');
    expect(hqRecord(hq, id)).toMatchObject({ revision, origin_post: 'BOG' });
    expect(hqRecord(hq, id)?.deleted_at).not.toBeNull();
    expect(await hqEngagements(hq)).toEqual({ dashboard: before.dashboard - 1, list: before.list - 1 });
    const audit = hq.db.prepare('SELECT action, revision FROM audit_entry WHERE record_id = ? ORDER BY seq').all(id);
    expect(audit.at(-1)).toEqual({ action: 'delete', revision });
    const title = hq.db.prepare('SELECT title FROM record WHERE id = ?').pluck().get(id) as string;
    const hits = await ok(hq.call('search.query', { text: title }));
    expect(hits.some((h) => h.id === id)).toBe(false);

    // The next export after the restore carries the record again, whatever its date: HQ takes it back.
    bog.services.store.setTrashed('engagement', id, false);
    const third = await exportBundle(bog, 'full', { from: '2030-01-01', to: '2030-01-31' });
    const restored = await payloadOf(hq, third.bytes);
    expect(restored.records.find((r) => r.id === id)?.revision).toBe(revision + 1);
    expect(restored.tombstones).toBeUndefined();
    expect(await importOne(hq, 'third', third.bytes)).toMatchObject({ outcome: 'imported', updated: 1 });
    expect(hqRecord(hq, id)).toMatchObject({ revision: revision + 1, deleted_at: null });
    expect(await hqEngagements(hq)).toEqual(before);
  });

  it('converges whatever the order: the tombstone first, then the older bundle, leaves the record in the trash', async () => {
    const bog = installs.open('bog');
    const hq = installs.open('hq');
    const older = await exportBundle(bog, 'pseudonymised');
    const id = ownEngagement(bog);
    bog.services.store.setTrashed('engagement', id, true);
    const newer = await exportBundle(bog, 'pseudonymised');
    expect(await importOne(hq, 'newer', newer.bytes)).toMatchObject({ outcome: 'imported', removed: 1 });
    // HQ never held it: the tombstone is kept, so the older bundle does not bring the record in.
    expect(hqRecord(hq, id)).toBeUndefined();
    const report = await importOne(hq, 'older', older.bytes);
    expect(report.outcome).toBe('imported');
    expect(hqRecord(hq, id)).toBeUndefined();
    const shown = await hqEngagements(hq);
    expect(shown.list).toBe(
      bog.db.prepare("SELECT count(*) FROM record WHERE kind = 'engagement' AND deleted_at IS NULL").pluck().get(),
    );
  });

  it('a purge at the post purges at HQ, and an older bundle replayed later does not resurrect it', async () => {
    const bog = installs.open('bog');
    const hq = installs.open('hq');
    const hqOther = installs.open('hq');
    const first = await exportBundle(bog, 'full');
    const copy = await exportBundle(bog, 'full'); // the same records, another export: "an older bundle"
    expect((await importOne(hq, 'first', first.bytes)).outcome).toBe('imported');
    const before = await hqEngagements(hq);
    const id = ownEngagement(bog);
    bog.services.store.setTrashed('engagement', id, true);
    expect(purgeRecords(bog.db, [id], 'trash_emptied')).toBe(1);
    const purge = await exportBundle(bog, 'full');
    const payload = await payloadOf(hq, purge.bytes);
    expect(payload.tombstones).toEqual([expect.objectContaining({ kind: 'engagement', id, state: 'purged' })]);

    expect(await importOne(hq, 'purge', purge.bytes)).toMatchObject({ outcome: 'imported', removed: 1 });
    expect(hqRecord(hq, id)).toBeUndefined();
    expect(hq.db.prepare('SELECT reason, origin_post FROM purged_record WHERE record_id = ?').get(id)).toEqual({
      reason: 'tombstone',
      origin_post: 'BOG',
    });
    expect(hq.db.prepare('SELECT action FROM audit_entry WHERE record_id = ?').pluck().all(id)).toEqual(['purge']);
    expect(await hqEngagements(hq)).toEqual({ dashboard: before.dashboard - 1, list: before.list - 1 });

    const replay = await importOne(hq, 'older copy', copy.bytes);
    expect(replay.outcome).toBe('imported');
    expect(hqRecord(hq, id)).toBeUndefined();
    expect(await hqEngagements(hq)).toEqual({ dashboard: before.dashboard - 1, list: before.list - 1 });

    // The other order: the purge arrives before HQ ever held the record.
    expect(await importOne(hqOther, 'purge', purge.bytes)).toMatchObject({ outcome: 'imported', removed: 1 });
    await importOne(hqOther, 'first', first.bytes);
    expect(hqRecord(hqOther, id)).toBeUndefined();
    expect(await hqEngagements(hqOther)).toEqual(await hqEngagements(hq));
  });

  it('erasing a person at the post erases them at HQ: the person and every link to them', async () => {
    const bog = installs.open('bog');
    const hq = installs.open('hq');
    // A person of the post that HQ holds, with records linking to them.
    const person = bog.db
      .prepare(
        `SELECT l.to_id FROM record_link l JOIN record r ON r.id = l.to_id
         WHERE r.kind = 'person' AND r.deleted_at IS NULL AND r.origin_post IS NULL GROUP BY l.to_id LIMIT 1`,
      )
      .pluck()
      .get() as string;
    expect(person).toBeTruthy();
    expect((await importOne(hq, 'before', (await exportBundle(bog, 'full')).bytes)).outcome).toBe('imported');
    const linksAtHq = () => hq.db.prepare('SELECT count(*) FROM record_link WHERE to_id = ?').pluck().get(person);
    expect(hqRecord(hq, person)).toMatchObject({ origin_post: 'BOG' });
    expect(linksAtHq()).toBeGreaterThan(0);

    const erased = await ok(bog.call('person.erase', { id: person }));
    expect(erased.purged).toBe(1);
    const after = await exportBundle(bog, 'full');
    expect((await payloadOf(hq, after.bytes)).tombstones).toContainEqual(
      expect.objectContaining({ kind: 'person', id: person, state: 'purged' }),
    );
    expect(await importOne(hq, 'erasure', after.bytes)).toMatchObject({ outcome: 'imported' });
    expect(hqRecord(hq, person)).toBeUndefined();
    expect(linksAtHq()).toBe(0);
    expect(hq.db.prepare('SELECT reason FROM purged_record WHERE record_id = ?').pluck().get(person)).toBe('tombstone');
  });

  it('aggregate level: a trash corrects the counts HQ holds for the period, in either order', async () => {
    const bog = installs.open('bog');
    const hq = installs.open('hq');
    const hqOther = installs.open('hq');
    const q2 = await exportBundle(bog, 'aggregate', Q2);
    await importOne(hq, 'q2', q2.bytes);
    const held = () => hq.services.exchange.imports.heldFigures('BOG', Q2.from, Q2.to)?.aggregates as Overview;
    const total = held().engagements.total;
    expect(total).toBeGreaterThan(0);

    bog.services.store.setTrashed('engagement', ownEngagement(bog, Q2), true);
    const q3 = await exportBundle(bog, 'aggregate', { from: '2026-07-01', to: '2026-09-30' });
    const payload = await payloadOf(hq, q3.bytes);
    expect(payload.records).toEqual([]);
    expect(payload.tombstones).toBeUndefined();
    expect(payload.restatements?.map((o) => [o.from, o.to, o.engagements.total])).toEqual([
      [Q2.from, Q2.to, total - 1],
    ]);
    const report = await importOne(hq, 'q3', q3.bytes);
    expect(codes(report)).toContain('import.restated');
    expect(held().engagements.total).toBe(total - 1);

    // Imported the other way round, the older statement of the period does not win.
    await importOne(hqOther, 'q3', q3.bytes);
    await importOne(hqOther, 'q2', q2.bytes);
    const other = hqOther.services.exchange.imports.heldFigures('BOG', Q2.from, Q2.to)?.aggregates as Overview;
    expect(other.engagements.total).toBe(total - 1);

    // Nothing changed since: the next export restates nothing (and is format 1 again).
    const q4 = await exportBundle(bog, 'aggregate', { from: '2026-10-01', to: '2026-12-31' });
    const quiet = await payloadOf(hq, q4.bytes);
    expect(quiet.restatements).toBeUndefined();
    expect(quiet.manifest.formatVersion).toBe(1);
  });
});

describe('a restored laptop continues', () => {
  /** A post in a folder of its own (restore needs the folder), paired with `hq`. */
  async function postInFolder(hq: Backend): Promise<{ post: Backend; dataDir: string }> {
    const dataDir = path.join(installs.dir(), 'post');
    const post = createBackend({ dataDir });
    extra.push(post);
    await initPost(post, 'LIM', 'PE');
    demo(post, 40, 5);
    await pair(post, hq);
    return { post, dataDir };
  }

  function reopen(dataDir: string): Backend {
    const post = createBackend({ dataDir });
    extra.push(post);
    return post;
  }

  /** A new engagement at the post, like an existing one. */
  function newEngagement(post: Backend): string {
    const row = post.db.prepare("SELECT data FROM record WHERE kind = 'engagement' LIMIT 1").get() as { data: string };
    const id = randomUUID();
    post.services.store.create('engagement', { ...(JSON.parse(row.data) as object), subject: 'After the backup' }, id);
    return id;
  }

  it('is accepted after a restore, reports it, supersedes the lost exports and keeps every record at HQ', async () => {
    const hq = installs.open('hq');
    const { post, dataDir } = await postInFolder(hq);
    const e1 = await exportBundle(post, 'full');
    await importOne(hq, 'e1', e1.bytes);
    const backup = createBackup(post.db, { dir: path.join(installs.dir(), 'backups'), now: new Date() });
    const later = newEngagement(post);
    const e2 = await exportBundle(post, 'full');
    const e3 = await exportBundle(post, 'full');
    await importOne(hq, 'e2', e2.bytes);
    await importOne(hq, 'e3', e3.bytes);
    expect(hqRecord(hq, later)).toMatchObject({ deleted_at: null });

    post.close();
    restoreBackup({ dataDir, backupFile: backup.file, now: new Date() });
    const restored = reopen(dataDir);
    expect(restored.services.store.get('engagement', later)).toBeUndefined();
    const next = await exportBundle(restored, 'full');
    const m = (await payloadOf(hq, next.bytes)).manifest;
    expect(m).toMatchObject({ formatVersion: 2, sequence: 2, previousHash: e1.entry.sha256 });
    expect(m.restore).toMatchObject({ continuesAfter: 1, lastIssued: 3, backupOfKnown: 'newest_change' });
    expect(m.run).not.toBe(m.restore?.previousRun);

    const report = await importOne(hq, 'after restore', next.bytes);
    expect(report.outcome, report.message).toBe('imported');
    expect(report.notes).toContainEqual({
      code: 'import.restored.superseded',
      params: { backupOf: m.restore!.backupOf.slice(0, 10), from: 2, to: 3 },
    });
    // Nothing lost: the record made after the backup and exported since stays at HQ, in its figures.
    expect(hqRecord(hq, later)).toMatchObject({ deleted_at: null, origin_post: 'LIM' });
    const superseded = hq.db
      .prepare('SELECT sequence FROM imported_bundle WHERE superseded_by = ? ORDER BY sequence')
      .pluck()
      .all(m.exportId);
    expect(superseded).toEqual([2, 3]);
    expect(postSeriesFacts(hq.db)).toEqual({ gaps: [], brokenChains: [] });

    // The run goes on: its next bundle takes number 3 (the superseded 3 is no clash), and says it was restored.
    const after = await exportBundle(restored, 'full');
    const m2 = (await payloadOf(hq, after.bytes)).manifest;
    expect(m2).toMatchObject({ sequence: 3, run: m.run, restore: m.restore, previousHash: next.entry.sha256 });
    expect((await importOne(hq, 'after restore 2', after.bytes)).outcome).toBe('imported');
    expect(postSeriesFacts(hq.db)).toEqual({ gaps: [], brokenChains: [] });
    // The posts overview counts the same series: the restore is no broken chain or gap there either.
    expect(postStatuses(hq.db).find((p) => p.postId === 'LIM')).toMatchObject({
      bundles: 5,
      gaps: [],
      brokenChains: [],
    });

    // A genuine replay is a replay.
    expect((await importOne(hq, 'replay', next.bytes)).outcome).toBe('already_imported');
  });

  it('still refuses a reused sequence number without a restore, and a restore that does not fit the chain', async () => {
    const hq = installs.open('hq');
    const { post } = await postInFolder(hq);
    const e1 = await exportBundle(post, 'full');
    const e2 = await exportBundle(post, 'full');
    await importOne(hq, 'e1', e1.bytes);
    await importOne(hq, 'e2', e2.bytes);
    const key = postSigningKey(post);
    const base = await payloadOf(hq, e2.bytes);
    const forge = async (change: (p: BundlePayload) => void) => {
      const p = structuredClone(base);
      p.manifest.exportId = randomUUID();
      change(p);
      const env = signEnvelope(JSON.stringify(p), key.keyId, key.privateKey, p.manifest.formatVersion);
      return encryptTo(env, ...hqRecipients(hq));
    };
    const restore = {
      restoredAt: base.manifest.createdAt,
      backupOf: base.manifest.createdAt,
      backupOfKnown: 'newest_change' as const,
      continuesAfter: 1,
      previousRun: null,
      lastIssued: null,
    };

    const reused = await importOne(hq, 'reused', await forge(() => {}));
    expect(reused).toMatchObject({ outcome: 'rejected', reason: 'tampered' });
    expect(reused.detail?.code).toBe('import.tampered.sequence_reused');

    const wrongChain = await importOne(
      hq,
      'wrong chain',
      await forge((p) => {
        Object.assign(p.manifest, { formatVersion: 2, run: randomUUID(), restore, previousHash: 'a'.repeat(64) });
      }),
    );
    expect(wrongChain).toMatchObject({ outcome: 'rejected', reason: 'tampered' });
    expect(wrongChain.detail?.code).toBe('import.tampered.restore_chain');

    const misfit = await importOne(
      hq,
      'misfit',
      await forge((p) => {
        Object.assign(p.manifest, { formatVersion: 2, run: randomUUID(), restore: { ...restore, continuesAfter: 2 } });
      }),
    );
    expect(misfit.detail?.code).toBe('import.tampered.restore_invalid');
    // A restore declared by a v1 bundle is not one.
    const v1 = await importOne(
      hq,
      'v1 restore',
      await forge((p) => Object.assign(p.manifest, { restore, run: randomUUID() })),
    );
    expect(v1).toMatchObject({ outcome: 'rejected', reason: 'not_a_bundle' });
    expect(hq.db.prepare('SELECT count(*) FROM imported_bundle').pluck().get()).toBe(2);
  });
});

describe('the series across keys', () => {
  it('a replacement laptop enrolled under the same post continues its series; gaps run per post series', async () => {
    const hq = installs.open('hq');
    const old = installs.open('bog');
    const e1 = await exportBundle(old, 'pseudonymised');
    await exportBundle(old, 'pseudonymised'); // 2: never reaches HQ
    const e3 = await exportBundle(old, 'pseudonymised');
    const e4 = await exportBundle(old, 'pseudonymised'); // the last before the laptop was lost: never reaches HQ
    await importOne(hq, 'e1', e1.bytes);
    await importOne(hq, 'e3', e3.bytes);
    const oldKey = postSigningKey(old).keyId;
    expect(postSeriesFacts(hq.db).gaps).toEqual([{ postId: 'BOG', keyId: oldKey, missing: [2] }]);

    const replacement = installs.fresh();
    await initPost(replacement, 'BOG', 'CO');
    await pair(replacement, hq);
    const newKey = postSigningKey(replacement).keyId;
    replacement.db
      .prepare(
        `INSERT INTO series_continuation (key_id, continues_key_id, continues_sequence, continues_hash, handover_id,
          recorded_at) VALUES (?, ?, 4, ?, ?, ?)`,
      )
      .run(newKey, oldKey, e4.entry.sha256, randomUUID(), new Date().toISOString());
    const first = await exportBundle(replacement, 'pseudonymised');
    const m = (await payloadOf(hq, first.bytes)).manifest;
    expect(m).toMatchObject({ formatVersion: 2, sequence: 1, continues: { keyId: oldKey, sequence: 4 } });
    const report = await importOne(hq, 'replacement', first.bytes);
    expect(report.outcome, report.message).toBe('imported');
    expect(report.notes).toContainEqual({ code: 'import.series_continues', params: { keyId: oldKey, sequence: 4 } });
    // The old laptop's last export never arrived: the post's series shows it missing.
    expect(postSeriesFacts(hq.db).gaps).toEqual([{ postId: 'BOG', keyId: oldKey, missing: [2, 4] }]);
    await importOne(hq, 'e4', e4.bytes);
    expect(postSeriesFacts(hq.db).gaps).toEqual([{ postId: 'BOG', keyId: oldKey, missing: [2] }]);

    // A key cannot continue itself (nor another post's key).
    const key = postSigningKey(replacement);
    const p = structuredClone(await payloadOf(hq, first.bytes));
    Object.assign(p.manifest, {
      exportId: randomUUID(),
      sequence: 2,
      continues: { keyId: newKey, sequence: 1, hash: null },
    });
    const forged = encryptTo(signEnvelope(JSON.stringify(p), key.keyId, key.privateKey, 2), ...hqRecipients(hq));
    const refused = await importOne(hq, 'self', await forged);
    expect(refused.detail?.code).toBe('import.tampered.continues_other_post');
  });
});
