import { vi, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/create-backend';
import { openedContent, savedContent } from '../../../electron/files/trusted';
import {
  decryptWith,
  demo,
  dump,
  exportBundle,
  hqSecrets,
  importFiles,
  initHq,
  initPost,
  ok,
  pair,
  parseEnvelope,
  recordTables,
  trustHqKeys,
  useInstallations,
} from '../exchange/helpers';

// Issue 13, item 3: HQ revokes a post installation's key (a lost or stolen laptop) and retires its own keys, on
// real backends with real keys and real bundles. The rule for bundles made before the revocation: refused,
// whatever date they carry (a thief holding the laptop can sign any createdAt); what was imported stays.

// Real key generation, demo data and several installations per test on a shared, busy machine.
vi.setConfig({ testTimeout: 120_000 });

const installs = useInstallations();

async function network(): Promise<{ hq: Backend; post: Backend; keyId: string }> {
  const hq = installs.fresh();
  const post = installs.fresh();
  await initHq(hq);
  await initPost(post, 'BOG');
  await pair(post, hq);
  demo(post, 40, 7);
  const keyId = (await ok(post.call('identity.get', {}))).signingKeyId ?? '';
  return { hq, post, keyId };
}

const revoke = { reason: 'Laptop stolen in Bogotá, police report 2026-118', by: 'A. Hoofd (HQ duty officer)' };

describe('revoking a post key', () => {
  it('refuses bundles signed with it from then on, even one made before the revocation; imported ones stay', async () => {
    const { hq, post, keyId } = await network();
    const first = await exportBundle(post, 'full', { from: '2024-12-01', to: '2025-12-31' });
    // Made before the revocation, carried to HQ after it (or forged afterwards with a back-dated createdAt).
    const second = await exportBundle(post, 'full', { from: '2026-01-01', to: '2026-06-30' });
    const imported = await importFiles(hq, [{ name: 'first.llbundle', bytes: first.bytes }]);
    expect(imported.totals.imported).toBe(1);
    const held = recordTables(dump(hq));

    const histories = await ok(hq.call('posts.revoke', { keyId, ...revoke }));
    const key = histories[0]?.keys.find((k) => k.keyId === keyId);
    expect(key?.state).toBe('revoked');
    expect(key?.revocation).toMatchObject({ by: revoke.by, reason: revoke.reason });
    expect(histories[0]?.events).toEqual([
      expect.objectContaining({ keyId, postId: 'BOG', action: 'revoked', by: revoke.by, reason: revoke.reason }),
    ]);

    const report = await importFiles(hq, [{ name: 'second.llbundle', bytes: second.bytes }]);
    // Rejected as revoked, with the date and the reason (import.ts reads them from the key's decisions).
    expect(report.files[0]).toMatchObject({ outcome: 'rejected', reason: 'revoked' });
    expect(report.files[0]?.detail).toEqual({
      code: 'import.revoked.key',
      params: { keyId, revokedAt: key?.revocation?.at, reason: revoke.reason },
    });
    // Nothing of it was written, and everything imported before the revocation is still there.
    expect(recordTables(dump(hq))).toEqual(held);
    // Its signed creation time is before the revocation: the rule does not trust it.
    const { payload } = parseEnvelope(await decryptWith(second.bytes, ...hqSecrets(hq)));
    expect(payload.manifest.createdAt < (key?.revocation?.at ?? '')).toBe(true);
  });

  it('is not lifted by enrolling the key again: that is refused with the revocation; reinstating lifts it', async () => {
    const { hq, post, keyId } = await network();
    await ok(hq.call('posts.revoke', { keyId, ...revoke }));
    const enrolment = await ok(savedContent(post.invoke, 'keys.saveEnrolmentFile', {}));
    const again = await openedContent(hq.invoke, 'posts.enrol', {}, enrolment);
    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.error.reason?.code).toBe('exchange.enrol.revoked_key');
      expect(again.error.message).toContain(revoke.reason);
    }
    expect((await ok(hq.call('posts.history', {})))[0]?.keys[0]?.state).toBe('revoked');
    const bundle = await exportBundle(post, 'full');
    expect((await importFiles(hq, [{ name: 'b.llbundle', bytes: bundle.bytes }])).totals.rejected).toBe(1);

    const reinstated = await ok(
      hq.call('posts.reinstate', { keyId, reason: 'Laptop recovered intact', by: 'A. Hoofd' }),
    );
    expect(reinstated[0]?.keys[0]).toMatchObject({ state: 'active', revocation: null });
    expect(reinstated[0]?.events.map((e) => [e.action, e.reason])).toEqual([
      ['revoked', revoke.reason],
      ['reinstated', 'Laptop recovered intact'],
    ]);
    expect((await importFiles(hq, [{ name: 'b.llbundle', bytes: bundle.bytes }])).totals.imported).toBe(1);
  });

  it('refuses a reason-less or unknown revocation, and a second one', async () => {
    const { hq, keyId } = await network();
    const blank = await hq.call('posts.revoke', { keyId, reason: '  ', by: 'A. Hoofd' });
    expect(blank.ok).toBe(false);
    const unknown = await hq.call('posts.revoke', { keyId: '0000-0000-0000-0000-0000-0000-0000-0000', ...revoke });
    expect(!unknown.ok && unknown.error.reason?.code).toBe('exchange.revoke.unknown_key');
    await ok(hq.call('posts.revoke', { keyId, ...revoke }));
    const twice = await hq.call('posts.revoke', { keyId, ...revoke });
    expect(!twice.ok && twice.error.reason?.code).toBe('exchange.revoke.already_revoked');
    const notRevoked = await hq.call('posts.reinstate', { keyId: keyId, reason: 'x', by: 'y' });
    expect(notRevoked.ok).toBe(true);
    const again = await hq.call('posts.reinstate', { keyId: keyId, reason: 'x', by: 'y' });
    expect(!again.ok && again.error.reason?.code).toBe('exchange.reinstate.not_revoked');
  });

  it('a replacement laptop enrols under the same post id: old key revoked, new key active, officers in order', async () => {
    const { hq, post, keyId } = await network();
    const before = await exportBundle(post, 'full');
    await importFiles(hq, [{ name: 'old.llbundle', bytes: before.bytes }]);
    await ok(hq.call('posts.revoke', { keyId, ...revoke }));
    const replacement = installs.fresh();
    await ok(
      replacement.call('identity.init', {
        role: 'post',
        postId: 'BOG',
        postName: 'Post BOG',
        officer: 'M. Jansen',
        country: 'CO',
      }),
    );
    await pair(replacement, hq);
    demo(replacement, 10, 9);
    const fresh = await exportBundle(replacement, 'full');
    expect((await importFiles(hq, [{ name: 'new.llbundle', bytes: fresh.bytes }])).totals.imported).toBe(1);
    const [bog] = await ok(hq.call('posts.history', {}));
    const newKey = (await ok(replacement.call('identity.get', {}))).signingKeyId;
    expect(bog?.keys.map((k) => [k.keyId, k.state, k.officer, k.bundles])).toEqual([
      [keyId, 'revoked', 'J. de Vries', 1],
      [newKey, 'active', 'M. Jansen', 1],
    ]);
    expect(bog?.officers.map((o) => [o.officer, o.until === null])).toEqual([
      ['J. de Vries', false],
      ['M. Jansen', true],
    ]);
  });
});

describe('HQ retiring one of its own keys', () => {
  it('warns of posts whose latest bundle is sealed to that key only, keeps it for decryption, and refuses the last key', async () => {
    const hq = installs.fresh();
    await initHq(hq);
    const first = (await ok(hq.call('identity.get', {}))).hqKeys[0]?.fingerprint ?? '';
    const last = await hq.call('keys.retireHq', { fingerprint: first });
    expect(!last.ok && last.error.reason?.code).toBe('exchange.retire_hq.last_key');

    // Two posts: BOG trusts only the first key; RBA imports the key file after HQ added a second key.
    const bog = installs.fresh();
    const rba = installs.fresh();
    await initPost(bog, 'BOG');
    await initPost(rba, 'RBA', 'MA');
    await pair(bog, hq);
    demo(bog, 20, 3);
    const bogBundle = await exportBundle(bog, 'full');
    await ok(hq.call('keys.addHqKey', { label: '2027', retireOthers: false }));
    await pair(rba, hq);
    demo(rba, 20, 4);
    const rbaBundle = await exportBundle(rba, 'full');
    await importFiles(hq, [
      { name: 'bog.llbundle', bytes: bogBundle.bytes },
      { name: 'rba.llbundle', bytes: rbaBundle.bytes },
    ]);
    // The import records each bundle's signed recipients (imported_bundle.recipients), which the warning reads.

    const preview = await ok(hq.call('keys.retireHqPreview', { fingerprint: first }));
    expect(preview.remaining).toBe(1);
    expect(preview.sealedOnlyToIt.map((p) => p.postId)).toEqual(['BOG']);
    expect(preview.unknown).toEqual([]);

    const after = await ok(hq.call('keys.retireHq', { fingerprint: first, by: 'A. Hoofd' }));
    expect(after.hqKeys.find((k) => k.fingerprint === first)?.retired).toBe(true);
    const keyFile = JSON.parse((await ok(savedContent(hq.invoke, 'keys.saveHqKeyFile', {}))).toString('utf8')) as {
      recipients: { fingerprint: string }[];
    };
    expect(keyFile.recipients.map((r) => r.fingerprint)).not.toContain(first);
    expect(hqSecrets(hq)).toHaveLength(2);
    // The decision is on the record: who retired which key, when.
    expect(hq.db.prepare('SELECT key_id, action, by FROM key_event').all()).toEqual([
      { key_id: first, action: 'hq_key_retired', by: 'A. Hoofd' },
    ]);

    // BOG has not imported the new key file yet: its next bundle is sealed to the retired key only, and imports.
    const late = await exportBundle(bog, 'full', { from: '2026-01-01', to: '2026-06-30' });
    const report = await importFiles(hq, [{ name: 'late.llbundle', bytes: late.bytes }]);
    expect(report.files[0]).toMatchObject({ outcome: 'imported' });
    // Once BOG trusts the new key file, it no longer encrypts to the retired key.
    await trustHqKeys(bog, hq);
    const next = await exportBundle(bog, 'aggregate');
    const { payload } = parseEnvelope(await decryptWith(next.bytes, ...hqSecrets(hq)));
    expect(payload.manifest.recipients).not.toContain(first);
    const again = await hq.call('keys.retireHq', { fingerprint: first });
    expect(!again.ok && again.error.reason?.code).toBe('exchange.retire_hq.already_retired');
  });
});
