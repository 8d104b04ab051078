import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { CONFIG_SIGNATURE_CONTEXT, type HqSigningKey } from '../../shared/network-config/schema';
import { fingerprint } from '../exchange/fingerprint';

// HQ's Ed25519 key that signs the network configuration, and the post's pin of it (docs/network-config.md).
// Its own tables (migration 012): HQ's age identities and a post's signing key stay where they are
// (electron/exchange/identity.ts), which only calls in here to put the key in the HQ key file and pin it.

interface SigningKeyRow {
  key_id: string;
  public_key: string;
  private_key: string;
  created_at: string;
  retired_at: string | null;
}

interface PinRow {
  fingerprint: string;
  public_key: string;
  created_at: string;
  pinned_at: string;
  source: 'key_file' | 'rotation';
  retired_at: string | null;
}

// The raw 32-byte Ed25519 key inside Node's SPKI encoding, both ways (as electron/exchange/identity.ts does;
// not imported from there, which imports this module).
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const rawEd25519 = (publicKey: KeyObject): Buffer => publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
const ed25519FromRaw = (raw: Buffer): KeyObject =>
  createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });

/** The signed message: the context string, then the payload exactly as carried. */
export function configMessage(payload: string): Buffer {
  return Buffer.concat([Buffer.from(CONFIG_SIGNATURE_CONTEXT, 'utf8'), Buffer.from(payload, 'utf8')]);
}

export function signConfig(payload: string, privateKey: KeyObject): string {
  return sign(null, configMessage(payload), privateKey).toString('base64');
}

/** Whether `signature` (base64) is `publicKey`'s (base64, raw 32 bytes) over the payload. Never throws. */
export function verifyConfig(payload: string, signature: string, publicKey: string): boolean {
  try {
    const raw = Buffer.from(publicKey, 'base64');
    const sig = Buffer.from(signature, 'base64');
    if (raw.length !== 32 || sig.length !== 64) return false;
    return verify(null, configMessage(payload), ed25519FromRaw(raw), sig);
  } catch {
    return false;
  }
}

const asKey = (r: { key_id?: string; fingerprint?: string; public_key: string; created_at: string }): HqSigningKey => ({
  publicKey: r.public_key,
  fingerprint: r.key_id ?? r.fingerprint ?? '',
  createdAt: r.created_at,
});

/** HQ: its current signing key, made now if it has none yet (at init, or an HQ set up before this feature). */
export function ensureHqSigningKey(db: Database, now: () => Date): HqSigningKey {
  const current = currentHqSigningRow(db);
  if (current) return asKey(current);
  return asKey(newHqSigningKey(db, now));
}

function currentHqSigningRow(db: Database): SigningKeyRow | undefined {
  return db
    .prepare<[], SigningKeyRow>(
      'SELECT * FROM config_signing_key WHERE retired_at IS NULL ORDER BY created_at DESC, rowid DESC LIMIT 1',
    )
    .get();
}

export function newHqSigningKey(db: Database, now: () => Date): SigningKeyRow {
  const pair = generateKeyPairSync('ed25519');
  const raw = rawEd25519(pair.publicKey);
  const row: SigningKeyRow = {
    key_id: fingerprint(raw),
    public_key: raw.toString('base64'),
    private_key: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    created_at: now().toISOString(),
    retired_at: null,
  };
  db.prepare(
    'INSERT INTO config_signing_key (key_id, public_key, private_key, created_at) VALUES (@key_id, @public_key, @private_key, @created_at)',
  ).run(row);
  return row;
}

/** HQ: the current signing key with its private half (for publishing). */
export function hqSigner(db: Database, now: () => Date): { key: HqSigningKey; privateKey: KeyObject } {
  ensureHqSigningKey(db, now);
  const row = currentHqSigningRow(db) as SigningKeyRow;
  return {
    key: asKey(row),
    privateKey: createPrivateKey({ key: Buffer.from(row.private_key, 'base64'), format: 'der', type: 'pkcs8' }),
  };
}

/** HQ: retire every signing key but `keep` (after a rotation was published). */
export function retireHqSigningKeysBut(db: Database, keep: string, now: () => Date): void {
  db.prepare('UPDATE config_signing_key SET retired_at = ? WHERE key_id <> ? AND retired_at IS NULL').run(
    now().toISOString(),
    keep,
  );
}

/** Post: HQ's signing key it trusts now, or null (no key file with a signing key imported yet). */
export function pinnedSigner(db: Database): HqSigningKey | null {
  const row = db
    .prepare<[], PinRow>(
      'SELECT * FROM config_trusted_signer WHERE retired_at IS NULL ORDER BY pinned_at DESC, rowid DESC LIMIT 1',
    )
    .get();
  return row ? asKey(row) : null;
}

/** Whether a signing key's fingerprint matches its raw public key (the file must agree with itself). */
export function signingKeyConsistent(key: HqSigningKey): boolean {
  const raw = Buffer.from(key.publicKey, 'base64');
  return raw.length === 32 && fingerprint(raw) === key.fingerprint;
}

/**
 * Post: trust `key` from now on (the HQ key file's signing key, read by phone like its age keys; or the new key a
 * configuration signed by the old key announced). Earlier keys are retired, not deleted. Run inside the caller's
 * transaction.
 */
export function pinSigner(db: Database, key: HqSigningKey, source: 'key_file' | 'rotation', now: () => Date): void {
  const at = now().toISOString();
  db.prepare('UPDATE config_trusted_signer SET retired_at = ? WHERE retired_at IS NULL AND fingerprint <> ?').run(
    at,
    key.fingerprint,
  );
  db.prepare(
    `INSERT INTO config_trusted_signer (fingerprint, public_key, created_at, pinned_at, source) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (fingerprint) DO UPDATE SET retired_at = NULL`,
  ).run(key.fingerprint, key.publicKey, key.createdAt, at, source);
}
