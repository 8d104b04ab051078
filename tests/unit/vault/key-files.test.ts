import { randomBytes } from 'node:crypto';
import { Decrypter, armor } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { VaultError } from '../../../electron/vault/errors';
import {
  DEFAULT_WORK_FACTOR,
  openRecovery,
  openWithPassphrase,
  sealForRecovery,
  sealWithPassphrase,
} from '../../../electron/vault/key-files';
import { TEST_WORK_FACTOR } from '../helpers/session';

/** The recipient stanzas of an armoured age file, e.g. ["scrypt <salt> 18"]. */
function stanzas(armored: string): string[] {
  const text = Buffer.from(armor.decode(armored)).toString('latin1');
  const header = text.slice(0, text.indexOf('\n---'));
  return header
    .split('\n')
    .filter((line) => line.startsWith('-> '))
    .map((line) => line.slice(3));
}

describe('key.age: the database key sealed with the passphrase', () => {
  it("is a standard age file with age's scrypt recipient at work factor 18 by default", async () => {
    const key = randomBytes(32);
    const armored = await sealWithPassphrase(key, 'the default work factor', DEFAULT_WORK_FACTOR);
    expect(DEFAULT_WORK_FACTOR).toBe(18);
    expect(armored).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----\n[\s\S]+\n-----END AGE ENCRYPTED FILE-----\n$/);
    const [stanza, ...others] = stanzas(armored);
    expect(others).toEqual([]);
    expect(stanza).toMatch(/^scrypt [A-Za-z0-9+/]{22} 18$/);
    // Any age implementation opens it: here age-encryption's own Decrypter, not our code.
    const d = new Decrypter();
    d.addPassphrase('the default work factor');
    expect(Buffer.from(await d.decrypt(armor.decode(armored)))).toEqual(key);
  }, 30_000);

  it('opens with the passphrase, gives undefined for a wrong one, and refuses a damaged file', async () => {
    const key = randomBytes(32);
    const armored = await sealWithPassphrase(key, 'right passphrase', TEST_WORK_FACTOR);
    expect(stanzas(armored)[0]).toMatch(new RegExp(` ${TEST_WORK_FACTOR}$`));
    expect(await openWithPassphrase(armored, 'right passphrase', 'key.age')).toEqual(key);
    expect(await openWithPassphrase(armored, 'wrong passphrase', 'key.age')).toBeUndefined();
    await expect(openWithPassphrase('not an age file', 'right passphrase', 'key.age')).rejects.toBeInstanceOf(
      VaultError,
    );
    const lines = armored.split('\n');
    lines[2] = lines[2]?.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) ?? '';
    await expect(openWithPassphrase(lines.join('\n'), 'right passphrase', 'key.age')).rejects.toThrow(/damaged/);
  });

  it('reads the passphrase the same however the accents were typed (Unicode NFC)', async () => {
    const key = randomBytes(32);
    const composed = 'caf\u00e9 au lait, s\u2019il vous pla\u00eet';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const armored = await sealWithPassphrase(key, decomposed, TEST_WORK_FACTOR);
    expect(await openWithPassphrase(armored, composed, 'key.age')).toEqual(key);
  });
});

describe('key.recovery.age: the key sealed to X25519 recipients', () => {
  it('opens with any one recipient and names the installation; others are told it was not made for them', async () => {
    const { generateX25519Identity, identityToRecipient } = await import('age-encryption');
    const [a, b, stranger] = await Promise.all([
      generateX25519Identity(),
      generateX25519Identity(),
      generateX25519Identity(),
    ]);
    const key = randomBytes(32);
    const armored = await sealForRecovery(key, [await identityToRecipient(a), await identityToRecipient(b)], {
      postId: 'BOG',
      installationId: 'c0ffee',
      createdAt: '2026-05-01T08:00:00.000Z',
    });
    expect(stanzas(armored).map((s) => s.split(' ')[0])).toEqual(['X25519', 'X25519']);
    for (const identity of [a, b]) {
      expect(await openRecovery(armored, [identity])).toEqual({
        key,
        postId: 'BOG',
        installationId: 'c0ffee',
        createdAt: '2026-05-01T08:00:00.000Z',
      });
    }
    await expect(openRecovery(armored, [stranger])).rejects.toMatchObject({ code: 'wrong_recovery_secret' });
    await expect(openRecovery(armored, ['AGE-SECRET-KEY-1NOTAKEY'])).rejects.toMatchObject({
      code: 'wrong_recovery_secret',
    });
  });
});
