import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRecoveryCode, encodeRecoveryCode, looksLikeRecoveryCode } from '../../../electron/vault/recovery-code';

describe('recovery code', () => {
  it('is 55 Crockford base32 characters in 11 groups of five, and reads back to the same key', () => {
    const key = Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex');
    const code = encodeRecoveryCode(key);
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){10}[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(decodeRecoveryCode(code)).toEqual({ ok: true, key });
  });

  it('round-trips every key (fast-check, fixed seed)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const key = Buffer.from(bytes);
        const decoded = decodeRecoveryCode(encodeRecoveryCode(key));
        expect(decoded.ok && decoded.key.equals(key)).toBe(true);
      }),
      { seed: 6, numRuns: 300 },
    );
  });

  it('reads it as typed or spoken: any case, spaces or no separators, O for 0, I and L for 1', () => {
    const key = randomBytes(32);
    const code = encodeRecoveryCode(key);
    const variants = [
      code.toLowerCase(),
      code.replaceAll('-', ' '),
      code.replaceAll('-', ''),
      `  ${code}\n`,
      code.replaceAll('0', 'O').replaceAll('1', 'l'),
      code.replaceAll('1', 'I'),
    ];
    for (const v of variants) expect(decodeRecoveryCode(v), v).toEqual({ ok: true, key });
  });

  it('catches a mistyped character by its checksum, and says what is wrong with other input', () => {
    // A fixed key: a 2-byte checksum misses one substitution in 65 536, which a random key would make flaky.
    const code = encodeRecoveryCode(Buffer.alloc(32, 0x5a));
    let caught = 0;
    for (let i = 0; i < code.length; i++) {
      if (code[i] === '-') continue;
      const swapped = code.slice(0, i) + (code[i] === 'A' ? 'B' : 'A') + code.slice(i + 1);
      const r = decodeRecoveryCode(swapped);
      if (!r.ok) caught += 1;
    }
    // Every single wrong character is caught: by the 2-byte checksum, or in the last character (2 bits of
    // data, 3 of zero padding) by its padding.
    expect(caught).toBe(55);
    expect(decodeRecoveryCode(code.slice(0, -1))).toEqual({ ok: false, reason: 'length' });
    expect(decodeRecoveryCode(`${code.slice(0, -1)}U`)).toEqual({ ok: false, reason: 'character' });
  });

  it('tells a code from a personal recovery key', () => {
    expect(looksLikeRecoveryCode('ABCDE-FGHJK')).toBe(true);
    expect(looksLikeRecoveryCode(' AGE-SECRET-KEY-1QQQ')).toBe(false);
    expect(looksLikeRecoveryCode('age-secret-key-1qqq')).toBe(false);
  });
});
