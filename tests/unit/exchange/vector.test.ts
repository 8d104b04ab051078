import { createHash, createPrivateKey, createPublicKey, verify } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Decrypter, identityToRecipient } from 'age-encryption';
import { beforeAll, describe, expect, it } from 'vitest';
import { recipientFingerprint } from '../../../electron/exchange/identity';
import { openedContent } from '../../../electron/files/trusted';
import { dump, initHq, importFiles, ok, recordRows, useInstallations } from './helpers';

// The test vector of docs/export-format.md, checked by following the document's emergency procedure step by
// step with node:crypto and age-encryption (not with the app's import code), then imported by a real HQ.

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/exchange');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

/** As printed in docs/export-format.md ("Test vector"). A public test identity: never for real data. */
const DOCUMENTED_IDENTITY = 'AGE-SECRET-KEY-1E7PGP7TNUJC6WUVKMQUCE9YJEH9GXN5R5ULYTQ7FFRRQ7TQNXQJSVGRQT0';
const DOCUMENTED_PKCS8 =
  '302e020100300506032b657004220420aa37a07739deca9a8ef356233022145f9be6c44550c71096aa1756b0c115f607';
const DOCUMENTED_SIGNER = 'C9E4-DB3A-E9C6-C4E9-0019-FD78-0710-5025';
const DOCUMENTED_RECIPIENT_FP = '1576-C1A6-CC92-C1D4-87F5-B48D-214D-3287';
const SPKI_PREFIX_HEX = '302a300506032b6570032100';

interface Vector {
  ed25519: { pkcs8Hex: string; publicKeyRawHex: string; publicKeyRawBase64: string; keyId: string };
  age: { identity: string; recipient: string; fingerprint: string };
  payload: string;
  envelope: string;
  messageSha256: string;
  signatureHex: string;
  bundleSha256: string;
}

const vector = JSON.parse(read('vector.json').toString('utf8')) as Vector;
const bundle = read('vector.llbundle');
const enrolment = JSON.parse(read('vector-enrolment.json').toString('utf8')) as { publicKey: string; keyId: string };

/** Upper-case hex of the first 16 bytes of SHA-256, in 8 groups of 4 (the documented fingerprint). */
function documentedFingerprint(bytes: Uint8Array | string): string {
  const hex = createHash('sha256').update(bytes).digest('hex').slice(0, 32).toUpperCase();
  return [0, 4, 8, 12, 16, 20, 24, 28].map((i) => hex.slice(i, i + 4)).join('-');
}

describe('the documented test vector', () => {
  let envelopeText: string;

  beforeAll(async () => {
    // Step 1: age -d -i hq-identity.txt bundle.llbundle > envelope.json
    const d = new Decrypter();
    d.addIdentity(DOCUMENTED_IDENTITY);
    envelopeText = await d.decrypt(bundle, 'text');
  });

  it('is the committed file the vector describes, encrypted to the documented identity', async () => {
    expect(createHash('sha256').update(bundle).digest('hex')).toBe(vector.bundleSha256);
    expect(bundle.subarray(0, 22).toString('latin1')).toBe('age-encryption.org/v1\n');
    expect(vector.age.identity).toBe(DOCUMENTED_IDENTITY);
    expect(vector.ed25519.pkcs8Hex).toBe(DOCUMENTED_PKCS8);
    expect(await identityToRecipient(DOCUMENTED_IDENTITY)).toBe(vector.age.recipient);
    expect(envelopeText).toBe(vector.envelope);
  });

  it('verifies by the documented steps: jq, the signed message, the SPKI key built from the raw key', () => {
    // Step 2: the envelope's fields (jq -r .format / .formatVersion / .signature.algorithm).
    const envelope = JSON.parse(envelopeText) as {
      format: string;
      formatVersion: number;
      payload: string;
      signature: { algorithm: string; keyId: string; value: string };
    };
    expect(envelope.format).toBe('liaison-log-bundle');
    expect(envelope.formatVersion).toBe(1);
    expect(envelope.signature.algorithm).toBe('Ed25519');
    expect(envelope.signature.keyId).toBe(DOCUMENTED_SIGNER);
    // Step 3: jq -j .payload > payload.json: the payload string, exactly as carried, no trailing newline.
    const payload = envelope.payload;
    expect(payload).toBe(vector.payload);
    // Step 4: jq -r .signature.value | base64 -d > sig.bin
    const sig = Buffer.from(envelope.signature.value, 'base64');
    expect(sig).toHaveLength(64);
    expect(sig.toString('hex')).toBe(vector.signatureHex);
    // Step 5: printf 'liaison-log-bundle-v1\n' followed by the payload bytes > message.bin
    const message = Buffer.concat([Buffer.from('liaison-log-bundle-v1\n', 'utf8'), Buffer.from(payload, 'utf8')]);
    expect(createHash('sha256').update(message).digest('hex')).toBe(vector.messageSha256);
    // Step 6: post.pem = PEM headers around base64(302a300506032b6570032100 || raw 32-byte key).
    const raw = Buffer.from(enrolment.publicKey, 'base64');
    expect(raw).toHaveLength(32);
    const der = Buffer.concat([Buffer.from(SPKI_PREFIX_HEX, 'hex'), raw]);
    const pem = `-----BEGIN PUBLIC KEY-----\n${der.toString('base64')}\n-----END PUBLIC KEY-----\n`;
    // The shortcut the document shows: the prefix is 12 bytes, so its base64 simply precedes the key's.
    expect(der.toString('base64')).toBe(`MCowBQYDK2VwAyEA${enrolment.publicKey}`);
    // Step 7: openssl pkeyutl -verify -rawin -pubin -inkey post.pem -sigfile sig.bin -in message.bin
    const key = createPublicKey(pem);
    expect(verify(null, message, key, sig)).toBe(true);
    // And it is the documented private key's public half.
    const fromPkcs8 = createPublicKey(
      createPrivateKey({ key: Buffer.from(DOCUMENTED_PKCS8, 'hex'), format: 'der', type: 'pkcs8' }),
    );
    expect(fromPkcs8.export({ format: 'der', type: 'spki' }).toString('hex')).toBe(der.toString('hex'));
    // One changed byte anywhere in the message, or a missing context string, fails.
    const altered = Buffer.from(message);
    altered[message.length - 2]! ^= 1;
    expect(verify(null, altered, key, sig)).toBe(false);
    expect(verify(null, Buffer.from(payload, 'utf8'), key, sig)).toBe(false);
    expect(verify(null, Buffer.concat([message, Buffer.from('\n')]), key, sig)).toBe(false);
  });

  it('has the documented fingerprints, bound into the signed manifest', () => {
    const raw = Buffer.from(vector.ed25519.publicKeyRawHex, 'hex');
    expect(documentedFingerprint(raw)).toBe(DOCUMENTED_SIGNER);
    expect(enrolment.keyId).toBe(DOCUMENTED_SIGNER);
    expect(vector.ed25519.keyId).toBe(DOCUMENTED_SIGNER);
    // The age recipient's fingerprint is over its text (age1...), as ASCII.
    expect(documentedFingerprint(vector.age.recipient)).toBe(DOCUMENTED_RECIPIENT_FP);
    expect(recipientFingerprint(vector.age.recipient)).toBe(DOCUMENTED_RECIPIENT_FP);
    expect(documentedFingerprint(vector.age.recipient)).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){7}$/);
    const manifest = (JSON.parse(vector.payload) as { manifest: { signerKeyId: string; recipients: string[] } })
      .manifest;
    expect(manifest.signerKeyId).toBe(DOCUMENTED_SIGNER);
    expect(manifest.recipients).toEqual([DOCUMENTED_RECIPIENT_FP]);
  });

  describe('imported by a real HQ that holds the documented identity', () => {
    const installs = useInstallations();

    beforeAll(async () => {
      const hq = installs.make('hq');
      await initHq(hq);
      // The documented identity joins HQ's own keys exactly as identity.ts stores an HQ key.
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

    it('imports it, with the records as carried', async () => {
      const hq = installs.open('hq');
      const report = await importFiles(hq, [{ name: 'vector.llbundle', bytes: bundle }]);
      expect(report.files[0]).toMatchObject({
        outcome: 'imported',
        reason: null,
        postId: 'TEST-VECTOR',
        exportId: '00000000-0000-4000-8000-0000000000e1',
        sequence: 1,
        added: 2,
      });
      const payload = JSON.parse(vector.payload) as { records: { id: string; fields: unknown }[] };
      const rows = recordRows(hq);
      expect(rows.map((r) => r.id).sort()).toEqual(payload.records.map((r) => r.id).sort());
      for (const r of payload.records) {
        expect(rows.find((x) => x.id === r.id)?.data).toBe(JSON.stringify(r.fields));
      }
      const posts = await ok(hq.call('posts.list', {}));
      expect(posts).toEqual([
        expect.objectContaining({ postId: 'TEST-VECTOR', bundles: 1, gaps: [], brokenChains: [] }),
      ]);
      // Again: already there, nothing changes.
      const before = dump(hq);
      const again = await importFiles(hq, [{ name: 'vector.llbundle', bytes: bundle }]);
      expect(again.files[0]?.outcome).toBe('already_imported');
      expect(dump(hq)).toEqual(before);
    });

    it('is rejected by an HQ without the documented identity', async () => {
      const hq = installs.open('hq');
      hq.db.prepare("DELETE FROM own_key WHERE label = 'test vector'").run();
      const before = dump(hq);
      const report = await importFiles(hq, [{ name: 'vector.llbundle', bytes: bundle }]);
      expect(report.files[0]).toMatchObject({ outcome: 'rejected', reason: 'not_addressed_to_us' });
      expect(dump(hq)).toEqual(before);
    });
  });
});
