import { beforeAll, describe, expect, it } from 'vitest';
import {
  decryptWith,
  demo,
  dump,
  encryptTo,
  exportBundle,
  hqRecipients,
  hqSecrets,
  importFiles,
  initHq,
  initPost,
  pair,
  parseEnvelope,
  postSigningKey,
  recordRows,
  signEnvelope,
  useInstallations,
} from './helpers';

// HQ holds a post to the level of detail it claims, lets a fuller copy of the same revision replace a
// stripped one, and does not mistake a reused export id from another key for a replay.

const installs = useInstallations();

beforeAll(async () => {
  const hq = installs.make('hq');
  const post = installs.make('post');
  await initHq(hq);
  await initPost(post, 'BOG');
  await pair(post, hq);
  demo(post, 200, 9);
  installs.seal();
});

describe('levels of detail at HQ', () => {
  it('a full copy of the same revision replaces the pseudonymised one that arrived first', async () => {
    const hq = installs.open('hq');
    const post = installs.open('post');
    const pseudo = await exportBundle(post, 'pseudonymised');
    const full = await exportBundle(post, 'full');
    const first = await importFiles(hq, [{ name: 'pseudo', bytes: pseudo.bytes }]);
    expect(first.files[0]?.outcome).toBe('imported');
    const withPeople = recordRows(post, "kind = 'engagement'").filter(
      (r) => (JSON.parse(r.data) as { personIds: string[] }).personIds.length > 0,
    );
    expect(withPeople.length).toBeGreaterThan(0);
    const sample = withPeople[0]!;
    expect((JSON.parse(recordRows(hq, `id = '${sample.id}'`)[0]!.data) as { personIds?: string[] }).personIds).toEqual(
      [],
    );

    const second = await importFiles(hq, [{ name: 'full', bytes: full.bytes }]);
    expect(second.files[0]).toMatchObject({ outcome: 'imported' });
    expect(second.files[0]!.updated).toBeGreaterThan(0);
    const after = JSON.parse(recordRows(hq, `id = '${sample.id}'`)[0]!.data) as { personIds: string[] };
    expect(after.personIds).toEqual((JSON.parse(sample.data) as { personIds: string[] }).personIds);
  });

  it('a pseudonymised bundle that carries people or free text is rejected, and nothing changes', async () => {
    const hq = installs.open('hq');
    const post = installs.open('post');
    const full = await exportBundle(post, 'full');
    const { payload } = parseEnvelope(await decryptWith(full.bytes, ...hqSecrets(hq)));
    // The post's own key signs a bundle that claims less than it holds.
    payload.manifest.level = 'pseudonymised';
    const key = postSigningKey(post);
    const forged = await encryptTo(
      signEnvelope(JSON.stringify(payload), key.keyId, key.privateKey),
      ...hqRecipients(hq),
    );
    const before = dump(hq);
    const report = await importFiles(hq, [{ name: 'claims-less', bytes: forged }]);
    expect(report.files[0]).toMatchObject({ outcome: 'rejected', reason: 'invalid_record' });
    expect(report.files[0]!.message).toMatch(/which a pseudonymised export leaves out/);
    expect(dump(hq)).toEqual(before);
  });
});

describe('replays', () => {
  it('the same export id signed by another enrolled key is rejected as tampered, not "already imported"', async () => {
    const hq = installs.open('hq');
    const post = installs.open('post');
    const other = installs.fresh();
    await initPost(other, 'LIM', 'PE');
    await pair(other, hq);
    const original = await exportBundle(post, 'aggregate');
    expect((await importFiles(hq, [{ name: 'original', bytes: original.bytes }])).files[0]?.outcome).toBe('imported');

    const copy = await exportBundle(other, 'aggregate');
    const { payload } = parseEnvelope(await decryptWith(copy.bytes, ...hqSecrets(hq)));
    payload.manifest.exportId = original.entry.exportId;
    const key = postSigningKey(other);
    const reused = await encryptTo(
      signEnvelope(JSON.stringify(payload), key.keyId, key.privateKey),
      ...hqRecipients(hq),
    );
    const before = dump(hq);
    const report = await importFiles(hq, [{ name: 'reused-id', bytes: reused }]);
    expect(report.files[0]).toMatchObject({ outcome: 'rejected', reason: 'tampered' });
    expect(dump(hq)).toEqual(before);
  });
});
