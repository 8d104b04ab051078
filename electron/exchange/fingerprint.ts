import { createHash } from 'node:crypto';

/**
 * A short, readable fingerprint: the first 16 bytes of SHA-256 over the key's canonical text, in hex,
 * grouped by four (3F9A-C2D1-...). Long enough to resist forgery, short enough to read out by phone.
 */
export function fingerprint(canonical: string | Uint8Array): string {
  const hex = createHash('sha256').update(canonical).digest('hex').slice(0, 32).toUpperCase();
  return Array.from({ length: 8 }, (_, i) => hex.slice(i * 4, i * 4 + 4)).join('-');
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
