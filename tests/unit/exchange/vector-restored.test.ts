import { createHash, createPublicKey, verify } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Decrypter, identityToRecipient } from 'age-encryption';
import { beforeAll, describe, expect, it } from 'vitest';
import { recipientFingerprint } from '../../../electron/exchange/identity';
import { postSeriesFacts } from '../../../electron/exchange/sequence-gaps';
import { openedContent } from '../../../electron/files/trusted';
import { importFiles, initHq, ok, useInstallations } from './helpers';

// The restored-laptop test vector of docs/export-format.md ("Test vector: a restored laptop"): format 2 with a
// restore declaration and tombstones, checked by the document's steps with node:crypto and age-encryption, then
// imported by a real HQ in both orders, which must end in the same state.

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/exchange');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const DOCUMENTED_IDENTITY = 'AGE-SECRET-KEY-1E7PGP7TNUJC6WUVKMQUCE9YJEH9GXN5R5ULYTQ7FFRRQ7TQNXQJSVGRQT0';
/** As printed in docs/export-format.md. */
const DOCUMENTED = {
  previousHash: createHash('sha256').update(read('vector.llbundle')).digest('hex'),
  restoredMessageSha256: '58957848c74198613cacbd441aa519cdfc2616fdbad4d8560d8e85df4fba1064',
  earlierMessageSha256: '9b41306c81b6660e3bb3ed084092fb197271c327e082cd50d6b0af02652351a1',
};

interface Entry {
  payload: string;
  messageSha256: string;
  signatureHex: string;
  bundleSha256: string;
}
const vector = JSON.parse(read('vector-restored.json').toString('utf8')) as Record<string, Entry> & {
  previousHash: string;
};
const enrolment = JSON.parse(read('vector-enrolment.json').toString('utf8')) as { publicKey: string };
const files = {
  first: read('vector.llbundle'),
  earlier: read('vector-earlier-2.llbundle'),
  restored: read('vector-restored-2.llbundle'),
};

async function open(bytes: Uint8Array): Promise<{ payload: string; signature: string; formatVersion: number }> {
  const d = new Decrypter();
  d.addIdentity(DOCUMENTED_IDENTITY);
  const envelope = JSON.parse(await d.decrypt(bytes, 'text')) as {
    payload: string;
    formatVersion: number;
    signature: { value: string };
  };
  return { payload: envelope.payload, signature: envelope.signature.value, formatVersion: envelope.formatVersion };
}

describe('the restored-laptop test vector', () => {
  it('decrypts and verifies by the documented steps, and says what the document says', async () => {
    const post = createPublicKey({
      key: `-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA${enrolment.publicKey}\n-----END PUBLIC KEY-----\n`,
      format: 'pem',
    });
    for (const [name, bytes, sha] of [
      ['vector-earlier-2', files.earlier, DOCUMENTED.earlierMessageSha256],
      ['vector-restored-2', files.restored, DOCUMENTED.restoredMessageSha256],
    ] as const) {
      expect(createHash('sha256').update(bytes).digest('hex'), name).toBe(vector[name]!.bundleSha256);
      const { payload, signature } = await open(bytes);
      expect(payload).toBe(vector[name]!.payload);
      const message = Buffer.concat([Buffer.from('liaison-log-bundle-v1\n'), Buffer.from(payload, 'utf8')]);
      expect(createHash('sha256').update(message).digest('hex'), name).toBe(sha);
      expect(verify(null, message, post, Buffer.from(signature, 'base64')), name).toBe(true);
    }
    const restored = await open(files.restored);
    expect(restored.formatVersion).toBe(2);
    const p = JSON.parse(restored.payload) as {
      manifest: Record<string, unknown>;
      tombstones: unknown[];
      records: unknown[];
    };
    expect(p.manifest).toMatchObject({
      formatVersion: 2,
      sequence: 2,
      previousHash: DOCUMENTED.previousHash,
      run: '00000000-0000-4000-8000-0000000000f2',
      restore: {
        restoredAt: '2026-07-10T07:55:00.000Z',
        backupOf: '2026-04-15T18:00:00.000Z',
        backupOfKnown: 'stated',
        continuesAfter: 1,
        previousRun: '00000000-0000-4000-8000-0000000000f1',
        lastIssued: 2,
      },
    });
    expect(p.records).toEqual([]);
    expect(p.tombstones).toEqual([
      {
        kind: 'case',
        id: '00000000-0000-4000-8000-00000000000c',
        state: 'purged',
        revision: null,
        at: '2026-07-09T10:00:00.000Z',
      },
      {
        kind: 'engagement',
        id: '00000000-0000-4000-8000-00000000000b',
        state: 'trashed',
        revision: 2,
        at: '2026-07-09T09:00:00.000Z',
      },
    ]);
    expect((await open(files.earlier)).formatVersion).toBe(1);
  });

  describe('imported by a real HQ that holds the documented identity', () => {
    const installs = useInstallations();

    beforeAll(async () => {
      const hq = installs.make('hq');
      await initHq(hq);
      const recipient = await identityToRecipient(DOCUMENTED_IDENTITY);
      hq.db
        .prepare(
          `INSERT INTO own_key (key_id, purpose, public_key, private_key, label, created_at)
           VALUES (?, 'hq_encryption', ?, ?, 'test vector', ?)`,
        )
        .run(recipientFingerprint(recipient), recipient, DOCUMENTED_IDENTITY, new Date().toISOString());
      await ok(openedContent(hq.invoke, 'posts.enrol', {}, read('vector-enrolment.json')));
      installs.seal();
    });

    /** What HQ holds of the vector's records and bundles. */
    function state(hq: ReturnType<typeof installs.open>) {
      return {
        records: hq.db.prepare('SELECT id, revision, deleted_at FROM record ORDER BY id').all(),
        purged: hq.db.prepare('SELECT record_id, reason FROM purged_record').all(),
        bundles: hq.db.prepare('SELECT sequence, superseded_by FROM imported_bundle ORDER BY export_id').all(),
        series: postSeriesFacts(hq.db),
      };
    }

    const expected = {
      records: [
        { id: '00000000-0000-4000-8000-00000000000a', revision: 1, deleted_at: null },
        { id: '00000000-0000-4000-8000-00000000000d', revision: 1, deleted_at: null },
      ],
      purged: [{ record_id: '00000000-0000-4000-8000-00000000000c', reason: 'tombstone' }],
      bundles: [
        { sequence: 1, superseded_by: null },
        { sequence: 2, superseded_by: '00000000-0000-4000-8000-0000000000e3' },
        { sequence: 2, superseded_by: null },
      ],
      series: { gaps: [], brokenChains: [] },
    };

    it('in the order made: the restore is reported, export 2 of the earlier run superseded, nothing lost', async () => {
      const hq = installs.open('hq');
      const report = await importFiles(hq, [
        { name: 'vector.llbundle', bytes: files.first },
        { name: 'vector-earlier-2.llbundle', bytes: files.earlier },
        { name: 'vector-restored-2.llbundle', bytes: files.restored },
      ]);
      expect(report.files.map((f) => f.outcome)).toEqual(['imported', 'imported', 'imported']);
      expect(report.files[2]!.notes).toEqual([
        { code: 'import.restored.superseded', params: { backupOf: '2026-04-15', from: 2, to: 2 } },
        { code: 'import.tombstones', params: { trashed: 1, purged: 1 } },
      ]);
      expect(report.files[2]!.message).toBe('Imported.');
      // The engagement of export 1 is in HQ's trash; the one made after the backup stays.
      const s = state(hq);
      expect(s.records).toEqual([
        { id: '00000000-0000-4000-8000-00000000000a', revision: 1, deleted_at: null },
        { id: '00000000-0000-4000-8000-00000000000b', revision: 2, deleted_at: '2026-07-09T09:00:00.000Z' },
        { id: '00000000-0000-4000-8000-00000000000d', revision: 1, deleted_at: null },
      ]);
      expect({ ...s, records: expected.records }).toEqual(expected);
    });

    it('in the reverse order: the earlier run’s export is superseded on arrival, and HQ ends the same', async () => {
      const hq = installs.open('hq');
      const report = await importFiles(hq, [
        { name: 'vector-restored-2.llbundle', bytes: files.restored },
        { name: 'vector-earlier-2.llbundle', bytes: files.earlier },
        { name: 'vector.llbundle', bytes: files.first },
      ]);
      expect(report.files.map((f) => f.outcome)).toEqual(['imported', 'imported', 'imported']);
      expect(report.files[1]!.notes).toEqual([
        { code: 'import.superseded_on_arrival', params: { backupOf: '2026-04-15' } },
      ]);
      // The trashed engagement never came in: its tombstone arrived first.
      expect(state(hq)).toEqual(expected);
    });
  });
});
