import fs from 'node:fs';
import path from 'node:path';
import { vi, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/create-backend';
import { callWithFiles, openedContent, savedContent } from '../../../electron/files/trusted';
import type { HandoverPayload, SuccessorFile } from '../../../shared/handover/formats';
import {
  decryptWith,
  demo,
  dump,
  encryptTo,
  exportBundle,
  importFiles,
  initHq,
  initPost,
  hqSecrets,
  ok,
  pair,
  parseEnvelope,
  recordRows,
  useInstallations,
} from '../exchange/helpers';

// Issue 13, item 6: a handover from the outgoing officer's post installation to a successor installation of
// the same post, on real backends with real keys: the successor's file, the package (Ed25519 signed, age
// encrypted to the successor only), its import, and what HQ then sees.

// Real key generation, demo data and several installations per test on a shared, busy machine.
vi.setConfig({ testTimeout: 120_000 });

const installs = useInstallations();

let hq: Backend;
let outgoing: Backend;
let successor: Backend;
let stranger: Backend;
let successorFile: SuccessorFile;
let strangerFile: SuccessorFile;
let packageBytes: Buffer;
let outgoingKey: string;

async function successorInstallation(officer: string): Promise<Backend> {
  const b = installs.fresh();
  await ok(b.call('identity.init', { role: 'post', postId: 'BOG', postName: 'Post BOG', officer, country: 'CO' }));
  return b;
}

async function successorFileOf(b: Backend): Promise<SuccessorFile> {
  return JSON.parse(
    (await ok(savedContent(b.invoke, 'handover.saveSuccessorFile', {}))).toString('utf8'),
  ) as SuccessorFile;
}

/** The outgoing installation opens a successor file and makes the package for it. */
async function makePackage(from: Backend, file: SuccessorFile, closedHistory = false) {
  const read = await ok(openedContent(from.invoke, 'handover.readSuccessor', {}, JSON.stringify(file)));
  const target = path.join(installs.dir(), 'handover.llhandover');
  const made = await ok(
    callWithFiles(from.invoke, 'handover.create', { token: read.token, closedHistory }, { save: target }),
  );
  return { made, bytes: fs.readFileSync(target) };
}

async function openPackage(at: Backend, bytes: Uint8Array) {
  return openedContent(at.invoke, 'handover.readPackage', {}, bytes, 'package.llhandover');
}

/** The successor's own live records, as id -> revision. */
function ownRecords(b: Backend): Map<string, number> {
  return new Map(recordRows(b, 'origin_post IS NULL AND deleted_at IS NULL').map((r) => [r.id, r.revision]));
}

beforeAll(async () => {
  hq = installs.fresh();
  outgoing = installs.fresh();
  await initHq(hq);
  await initPost(outgoing, 'BOG');
  await pair(outgoing, hq);
  demo(outgoing, 120, 11);
  const first = await exportBundle(outgoing, 'full');
  await importFiles(hq, [{ name: 'first.llbundle', bytes: first.bytes }]);
  outgoingKey = (await ok(outgoing.call('identity.get', {}))).signingKeyId ?? '';
  successor = await successorInstallation('M. Jansen');
  stranger = await successorInstallation('K. Vreemd');
  successorFile = await successorFileOf(successor);
  strangerFile = await successorFileOf(stranger);
  packageBytes = (await makePackage(outgoing, successorFile)).bytes;
}, 120_000);

describe('the successor file', () => {
  it('carries the successor key and a receiving age key, with matching fingerprints; the outgoing side checks them', async () => {
    expect(successorFile).toMatchObject({ format: 'liaison-log-successor', postId: 'BOG', officer: 'M. Jansen' });
    expect(successorFile.keyId).toBe((await ok(successor.call('identity.get', {}))).signingKeyId);
    expect(successorFile.recipient).toMatch(/^age1/);
    // The same receiving key every time (a package may arrive after the file was made again).
    expect((await successorFileOf(successor)).recipient).toBe(successorFile.recipient);
    const forged = { ...successorFile, recipientFingerprint: strangerFile.recipientFingerprint };
    const r = await openedContent(outgoing.invoke, 'handover.readSuccessor', {}, JSON.stringify(forged));
    expect(!r.ok && r.error.reason?.code).toBe('handover.successor_key_mismatch');
    const own = await successorFileOf(outgoing);
    const self = await openedContent(outgoing.invoke, 'handover.readSuccessor', {}, JSON.stringify(own));
    expect(!self.ok && self.error.reason?.code).toBe('handover.successor_is_self');
    const other = installs.fresh();
    await initPost(other, 'RBA', 'MA');
    const otherPost = await openedContent(
      outgoing.invoke,
      'handover.readSuccessor',
      {},
      JSON.stringify(await successorFileOf(other)),
    );
    expect(!otherPost.ok && otherPost.error.reason?.code).toBe('handover.successor_other_post');
  });
});

describe('the handover package', () => {
  it('is refused with nothing written when tampered, when the fingerprint read out differs, or when it is for another successor', async () => {
    const before = dump(successor);
    // One byte changed in the encrypted content.
    const tampered = Buffer.from(packageBytes);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 40) ^ 0x01, tampered.length - 40);
    const t = await openPackage(successor, tampered);
    expect(!t.ok && t.error.reason?.code).toBe('handover.tampered');
    // Not readable by a third installation: not encrypted to it.
    const s = await openPackage(stranger, packageBytes);
    expect(!s.ok && s.error.reason?.code).toBe('handover.not_for_us');
    const strangerSecret = (
      stranger.db.prepare('SELECT private_key FROM handover_identity').get() as { private_key: string }
    ).private_key;
    await expect(decryptWith(packageBytes, strangerSecret)).rejects.toThrow();
    // Decrypted by its successor and re-encrypted to another: the signed successor is not that one.
    const secret = (successor.db.prepare('SELECT private_key FROM handover_identity').get() as { private_key: string })
      .private_key;
    const forwarded = await encryptTo(await decryptWith(packageBytes, secret), strangerFile.recipient);
    const f = await openPackage(stranger, forwarded);
    expect(!f.ok && f.error.reason?.code).toBe('handover.other_successor');
    // The right file, but the key read out by phone is another: nothing is written.
    const opened = await ok(openPackage(successor, packageBytes));
    expect(opened.outgoingKeyId).toBe(outgoingKey);
    const wrong = await successor.call('handover.import', {
      token: opened.token,
      outgoingKeyId: strangerFile.keyId,
    });
    expect(!wrong.ok && wrong.error.reason?.code).toBe('handover.fingerprint_mismatch');
    expect(dump(successor)).toEqual(before);
    expect(dump(stranger).tables['record']).toEqual([]);
  });

  it('round trip: the open work arrives with ids, revisions and dates; the series is continued; once only', async () => {
    const expected = new Map(
      (
        JSON.parse(
          JSON.parse(
            await decryptWith(
              packageBytes,
              (successor.db.prepare('SELECT private_key FROM handover_identity').get() as { private_key: string })
                .private_key,
            ),
          ).payload,
        ) as HandoverPayload
      ).records.map((r) => [r.id, r]),
    );
    const opened = await ok(openPackage(successor, packageBytes));
    const done = await ok(successor.call('handover.import', { token: opened.token, outgoingKeyId: outgoingKey }));
    expect(done.added).toBe(expected.size);
    expect(done).toMatchObject({ outgoingKeyId: outgoingKey, lastSequence: 1, outgoingOfficer: 'J. de Vries' });
    // Every record as the outgoing installation has it: same id, revision, creation and change times, fields.
    const source = new Map(recordRows(outgoing).map((r) => [r.id, r]));
    for (const row of recordRows(successor)) {
      const from = source.get(row.id);
      expect(from, row.id).toBeDefined();
      expect([row.kind, row.revision, row.created_at, row.updated_at, row.data]).toEqual([
        from?.kind,
        from?.revision,
        from?.created_at,
        from?.updated_at,
        from?.data,
      ]);
      expect(row.origin_post).toBeNull();
    }
    // Open work only: every organisation and person, open requests, active cases, open follow-ups (and what they link to).
    const kinds = new Map<string, number>();
    for (const r of expected.values()) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
    const count = (where: string) =>
      (
        outgoing.db.prepare(`SELECT count(*) AS n FROM record WHERE deleted_at IS NULL AND ${where}`).get() as {
          n: number;
        }
      ).n;
    expect(kinds.get('organisation')).toBe(count("kind = 'organisation'"));
    expect(kinds.get('person')).toBe(count("kind = 'person'"));
    expect(kinds.get('request') ?? 0).toBe(count("kind = 'request' AND status = 'open'"));
    expect(kinds.get('result') ?? 0).toBe(0);
    expect(kinds.get('engagement') ?? 0).toBe(count("kind = 'engagement' AND due_at IS NOT NULL"));
    expect(count("kind = 'request' AND status <> 'open'")).toBeGreaterThan(0);

    const status = await ok(successor.call('handover.status', {}));
    expect(status.continues).toEqual({
      keyId: outgoingKey,
      sequence: 1,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(status.log.map((l) => l.direction)).toEqual(['received']);
    expect((await ok(outgoing.call('handover.status', {}))).log.map((l) => [l.direction, l.successorOfficer])).toEqual([
      ['sent', 'M. Jansen'],
    ]);

    const again = await ok(openPackage(successor, packageBytes));
    const twice = await successor.call('handover.import', { token: again.token, outgoingKeyId: outgoingKey });
    expect(!twice.ok && twice.error.reason?.code).toBe('handover.already_imported');
    expect(ownRecords(successor).size).toBe(expected.size);
  });

  it('HQ: the successor enrols under the post id, its bundles merge into the same records, and the officer changes', async () => {
    await pair(successor, hq);
    // The successor edits a record that came with the handover: HQ takes it as the same record, newer revision.
    const request = successor.db
      .prepare("SELECT id, revision, data FROM record WHERE kind = 'request' ORDER BY id LIMIT 1")
      .get() as { id: string; revision: number; data: string };
    successor.services.store.update('request', request.id, request.revision, {
      ...(JSON.parse(request.data) as Record<string, unknown>),
      subject: 'Taken over by M. Jansen',
    });
    const bundle = await exportBundle(successor, 'full');
    // The successor's first export declares the series it continues: the outgoing key's last export (signed).
    const { payload } = parseEnvelope(await decryptWith(bundle.bytes, ...hqSecrets(hq)));
    const status = await ok(successor.call('handover.status', {}));
    expect(payload.manifest.sequence).toBe(1);
    expect(payload.manifest.continues).toEqual({
      keyId: outgoingKey,
      sequence: 1,
      hash: status.continues?.hash,
    });
    const report = await importFiles(hq, [{ name: 'successor.llbundle', bytes: bundle.bytes }]);
    expect(report.files[0]).toMatchObject({ outcome: 'imported' });
    expect(report.files[0]?.updated).toBeGreaterThanOrEqual(1);
    const atHq = hq.db.prepare('SELECT revision, title, origin_post FROM record WHERE id = ?').get(request.id);
    expect(atHq).toEqual({ revision: request.revision + 1, title: 'Taken over by M. Jansen', origin_post: 'BOG' });
    const [bog] = await ok(hq.call('posts.history', {}));
    expect(bog?.officers.map((o) => o.officer)).toEqual(['J. de Vries', 'M. Jansen']);
    expect(bog?.keys.map((k) => k.state)).toEqual(['replaced', 'active']);
  });

  it('with closed history, every record of the post that is not in the trash travels', async () => {
    const late = await successorInstallation('L. Later');
    const { made } = await makePackage(outgoing, await successorFileOf(late), true);
    const live = outgoing.db
      .prepare('SELECT kind, count(*) AS n FROM record WHERE deleted_at IS NULL AND origin_post IS NULL GROUP BY kind')
      .all() as { kind: string; n: number }[];
    expect(made.counts).toEqual(Object.fromEntries(live.map((r) => [r.kind, r.n])));
    expect(made.closedHistory).toBe(true);
  });
});
