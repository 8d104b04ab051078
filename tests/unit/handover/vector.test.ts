import { createHash, createPublicKey, verify } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openedContent } from '../../../electron/files/trusted';
import { HandoverEnvelope, HandoverPayload } from '../../../shared/handover/formats';
import { decryptWith, initPost, ok, recordRows, useInstallations } from '../exchange/helpers';
import { SUCCESSOR_AGE_IDENTITY, SUCCESSOR_ED25519_PKCS8_HEX } from '../../fixtures/handover/make-vector';

// The handover test vector (tests/fixtures/handover/, docs/handover.md "Test vector"): the documented steps
// verify it with standard primitives, and the app, as the successor installation it was made for, imports it.

vi.setConfig({ testTimeout: 120_000 });
const installs = useInstallations();
const DIR = path.resolve(import.meta.dirname, '../../fixtures/handover');
const vector = JSON.parse(fs.readFileSync(path.join(DIR, 'vector.json'), 'utf8')) as {
  outgoingKeyId: string;
  outgoingPublicKeyBase64: string;
  successorKeyId: string;
  recipientFingerprint: string;
  payload: string;
  envelope: string;
  messageSha256: string;
  signatureHex: string;
  fileSha256: string;
};
const bytes = fs.readFileSync(path.join(DIR, 'vector.llhandover'));
const fp = (b: Uint8Array | string) =>
  createHash('sha256').update(b).digest('hex').slice(0, 32).toUpperCase().match(/.{4}/g)!.join('-');

describe('the handover test vector', () => {
  it('opens, verifies and parses by the documented steps', async () => {
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(vector.fileSha256);
    const identity = fs.readFileSync(path.join(DIR, 'vector-successor-identity.txt'), 'utf8').trim();
    const envelopeText = await decryptWith(bytes, identity);
    expect(envelopeText).toBe(vector.envelope);
    const envelope = HandoverEnvelope.parse(JSON.parse(envelopeText));
    const raw = Buffer.from(envelope.signature.publicKey, 'base64');
    expect(fp(raw)).toBe(envelope.signature.keyId);
    expect(envelope.signature.keyId).toBe(vector.outgoingKeyId);
    const message = Buffer.concat([Buffer.from('liaison-log-handover-v1\n'), Buffer.from(envelope.payload, 'utf8')]);
    expect(createHash('sha256').update(message).digest('hex')).toBe(vector.messageSha256);
    const pem = `-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA${envelope.signature.publicKey}\n-----END PUBLIC KEY-----\n`;
    const signature = Buffer.from(envelope.signature.value, 'base64');
    expect(signature.toString('hex')).toBe(vector.signatureHex);
    expect(verify(null, message, createPublicKey(pem), signature)).toBe(true);
    // The bundle context does not verify it: a handover signature is no bundle signature.
    const asBundle = Buffer.concat([Buffer.from('liaison-log-bundle-v1\n'), Buffer.from(envelope.payload, 'utf8')]);
    expect(verify(null, asBundle, createPublicKey(pem), signature)).toBe(false);
    const payload = HandoverPayload.parse(JSON.parse(envelope.payload));
    expect(payload.manifest.successor).toMatchObject({
      keyId: vector.successorKeyId,
      recipientFingerprint: vector.recipientFingerprint,
    });
  });

  it('is imported by the successor installation it names', async () => {
    const b = installs.fresh();
    await initPost(b, 'TEST-VECTOR');
    // This installation holds the successor's test keys (as if it had made vector-successor.json).
    const successor = JSON.parse(fs.readFileSync(path.join(DIR, 'vector-successor.json'), 'utf8')) as {
      publicKey: string;
      keyId: string;
      recipient: string;
      recipientFingerprint: string;
      installationId: string;
    };
    const pkcs8 = Buffer.from(SUCCESSOR_ED25519_PKCS8_HEX, 'hex').toString('base64');
    b.db
      .prepare("UPDATE own_key SET key_id = ?, public_key = ?, private_key = ? WHERE purpose = 'signing'")
      .run(successor.keyId, successor.publicKey, pkcs8);
    b.db.prepare('UPDATE installation SET installation_id = ?').run(successor.installationId);
    b.db
      .prepare('INSERT INTO handover_identity (fingerprint, recipient, private_key, created_at) VALUES (?, ?, ?, ?)')
      .run(successor.recipientFingerprint, successor.recipient, SUCCESSOR_AGE_IDENTITY, '2029-06-01T09:00:00.000Z');
    const opened = await ok(openedContent(b.invoke, 'handover.readPackage', {}, bytes, 'vector.llhandover'));
    expect(opened).toMatchObject({ outgoingKeyId: vector.outgoingKeyId, lastSequence: 12, postId: 'TEST-VECTOR' });
    const done = await ok(b.call('handover.import', { token: opened.token, outgoingKeyId: vector.outgoingKeyId }));
    expect(done).toMatchObject({ added: 2, unchanged: 0 });
    expect(recordRows(b).map((r) => [r.kind, r.revision, r.updated_at])).toEqual([
      ['organisation', 3, '2028-11-20T16:30:00.000Z'],
      ['request', 1, '2029-05-28T08:00:00.000Z'],
    ]);
    expect((await ok(b.call('handover.status', {}))).continues).toEqual({
      keyId: vector.outgoingKeyId,
      sequence: 12,
      hash: 'ab'.repeat(32),
    });
  });
});
