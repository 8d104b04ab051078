import { createHash, timingSafeEqual } from 'node:crypto';

// The recovery code HQ reads out to an officer who forgot the passphrase: the 32-byte database key and a
// 2-byte checksum (the first bytes of its SHA-256), in Crockford's base32 (no I, L, O or U, so it reads
// aloud and types without ambiguity), in groups of five: 55 characters.

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const KEY_BYTES = 32;
const CHECK_BYTES = 2;
const CODE_CHARS = Math.ceil(((KEY_BYTES + CHECK_BYTES) * 8) / 5);
const GROUP = 5;

function checksum(key: Uint8Array): Buffer {
  return createHash('sha256').update(key).digest().subarray(0, CHECK_BYTES);
}

export function encodeRecoveryCode(key: Uint8Array): string {
  if (key.length !== KEY_BYTES) throw new Error('A recovery code holds a 32-byte key.');
  const bytes = Buffer.concat([key, checksum(key)]);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET.charAt((value >>> (bits - 5)) & 31);
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET.charAt((value << (5 - bits)) & 31);
  return out.match(new RegExp(`.{1,${GROUP}}`, 'g'))?.join('-') ?? '';
}

export type DecodedCode = { ok: true; key: Buffer } | { ok: false; reason: 'length' | 'character' | 'checksum' };

/** Reads a code as typed: any case, with or without separators; O is read as 0, I and L as 1. */
export function decodeRecoveryCode(typed: string): DecodedCode {
  const chars = typed
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (chars.length !== CODE_CHARS) return { ok: false, reason: 'length' };
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of chars) {
    const digit = ALPHABET.indexOf(c);
    if (digit < 0) return { ok: false, reason: 'character' };
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  // The last character carries 3 padding bits, always 0 when written: anything else is a typing mistake.
  if (value !== 0) return { ok: false, reason: 'checksum' };
  const all = Buffer.from(bytes.slice(0, KEY_BYTES + CHECK_BYTES));
  const key = all.subarray(0, KEY_BYTES);
  const check = all.subarray(KEY_BYTES);
  const valid = timingSafeEqual(check, checksum(key));
  const copy = valid ? Buffer.from(key) : undefined;
  all.fill(0);
  return copy ? { ok: true, key: copy } : { ok: false, reason: 'checksum' };
}

/** Does this look like a recovery code (rather than a personal recovery key)? */
export function looksLikeRecoveryCode(typed: string): boolean {
  return !/^AGE-SECRET-KEY-/i.test(typed.trim());
}
