import { createHash, createPublicKey, verify } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { pinSigner } from '../../../electron/network-config/keys';
import { ConfigPayload } from '../../../shared/network-config/schema';
import { makeTemplates, network, useInstallations } from './helpers';

// docs/network-config.md's steps, followed on its test vector (tests/fixtures/network-config/) with nothing from
// the app but Node's crypto: the signed message, its hash, the signature, the fingerprint, the payload. Then the
// app applies the same file at a post that pinned the vector's key, and refuses it with one character changed.

const DIR = path.resolve(import.meta.dirname, '../../fixtures/network-config');
const file = fs.readFileSync(path.join(DIR, 'config-v7.llconfig'));
const key = JSON.parse(fs.readFileSync(path.join(DIR, 'hq-signing-key.json'), 'utf8')) as {
  seed: string;
  publicKey: string;
  fingerprint: string;
  message_sha256: string;
};

const installations = useInstallations();
beforeAll(() => makeTemplates(installations), 120_000);

describe('the network configuration test vector', () => {
  const envelope = JSON.parse(file.toString('utf8')) as {
    format: string;
    formatVersion: number;
    payload: string;
    signatures: { algorithm: string; keyId: string; value: string }[];
  };

  test('the envelope: format, version, one Ed25519 signature by the vector key; two-space JSON with a final newline', () => {
    expect(envelope.format).toBe('liaison-log-config');
    expect(envelope.formatVersion).toBe(1);
    expect(envelope.signatures).toHaveLength(1);
    expect(envelope.signatures[0]).toMatchObject({ algorithm: 'Ed25519', keyId: key.fingerprint });
    expect(file.toString('utf8')).toBe(`${JSON.stringify(envelope, null, 2)}\n`);
  });

  test('message = "liaison-log-config-v1\\n" || payload; its SHA-256; the signature verifies with the raw public key', () => {
    const message = Buffer.concat([
      Buffer.from('liaison-log-config-v1\n', 'utf8'),
      Buffer.from(envelope.payload, 'utf8'),
    ]);
    expect(createHash('sha256').update(message).digest('hex')).toBe(key.message_sha256);
    const raw = Buffer.from(key.publicKey, 'base64');
    expect(raw).toHaveLength(32);
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]);
    const publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    const signature = Buffer.from(envelope.signatures[0]?.value ?? '', 'base64');
    expect(signature).toHaveLength(64);
    expect(verify(null, message, publicKey, signature)).toBe(true);
    // The bundle's context string does not verify: a signature is tied to its use.
    const asBundle = Buffer.concat([Buffer.from('liaison-log-bundle-v1\n'), Buffer.from(envelope.payload)]);
    expect(verify(null, asBundle, publicKey, signature)).toBe(false);
  });

  test('the fingerprint is the first 16 bytes of the SHA-256 of the raw key, in groups of four', () => {
    const hex = createHash('sha256').update(Buffer.from(key.publicKey, 'base64')).digest('hex').slice(0, 32);
    expect(hex.toUpperCase().replace(/(.{4})(?!$)/g, '$1-')).toBe(key.fingerprint);
    expect(key.fingerprint).toBe('65B6-0673-D6ED-884B-F01C-2C22-2D82-ADA0');
  });

  test('the payload holds what the document says', () => {
    const p = ConfigPayload.parse(JSON.parse(envelope.payload));
    expect(p.version).toBe(7);
    expect(p.expiresAt).toBe('2099-01-01T00:00:00.000Z');
    expect(p.signingKey).toMatchObject({ publicKey: key.publicKey, fingerprint: key.fingerprint });
    expect(p.taxonomy.phenomena.map((t) => [t.code, t.parentCode, t.retired])).toEqual([
      ['drugs', null, false],
      ['cocaine', 'drugs', false],
      ['captagon', 'drugs', false],
      ['nps', 'drugs', true],
    ]);
    expect(p.priorities).toEqual(['captagon', 'cocaine']);
    expect(p.calendar).toEqual([{ from: '2026-01-01', to: '2026-03-31', due: '2026-04-15' }]);
    expect(p.minimumLevel).toBe('pseudonymised');
    expect(p.objectives.map((o) => [o.id, o.metric, o.target])).toEqual([['siena-2026', 'siena_share', 75]]);
  });

  test('a post that pinned the vector key applies it; one character changed, it is refused', async () => {
    const { post } = network(installations);
    pinSigner(
      post.db,
      { publicKey: key.publicKey, fingerprint: key.fingerprint, createdAt: '2026-01-02T09:00:00.000Z' },
      'key_file',
      () => new Date(),
    );
    const altered = Buffer.from(file.toString('utf8').replace('Test vector HQ', 'Test vector HQ!'));
    const refused = await post.call('networkConfig.apply', { bytes: new Uint8Array(altered), dryRun: false });
    expect(refused.ok ? null : refused.error.reason?.code).toBe('config.tampered');
    const r = await post.call('networkConfig.apply', { bytes: new Uint8Array(file), dryRun: false });
    expect(r.ok && r.value.preview.terms.added.map((t) => t.code)).toEqual(['captagon']);
    const terms = await post.call('taxonomy.list', { taxonomy: 'phenomenon' });
    expect(terms.ok && terms.value.slice(0, 3).map((t) => t.code)).toEqual(['drugs', 'captagon', 'cocaine']);
  });
});
