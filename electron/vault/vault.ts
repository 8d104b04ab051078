import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import type { Language } from '../../shared/settings/schema';
import { writeFileAtomic } from '../exchange/atomic-write';
import { fingerprint } from '../exchange/fingerprint';
import { delayAfter, remainingDelay } from './delay';
import { VaultError, WITHOUT_RECOVERY } from './errors';
import { openRecovery, openWithPassphrase, sealForRecovery, sealWithPassphrase } from './key-files';
import {
  KEY_FILE,
  OS_KEY_FILE,
  RECOVERY_FILE,
  VAULT_FORMAT,
  VAULT_FORMAT_VERSION,
  readMetadata,
  vaultExists,
  vaultFile,
  writeMetadata,
  type VaultMetadata,
} from './metadata';
import type { OsKeyStore } from './os-key-store';
import { decodeRecoveryCode, encodeRecoveryCode, looksLikeRecoveryCode } from './recovery-code';

// The vault: the files beside the database that keep its key (format: docs/data-protection.md). Every
// function here works on the files only; the session (electron/session/) decides when to call them and
// holds the key while the data is unlocked.

export interface VaultContext {
  readonly dataDir: string;
  readonly osKeyStore?: OsKeyStore | undefined;
  readonly now: () => Date;
  /** scrypt work factor (log2 N) for key files written from now on. */
  readonly workFactor: number;
}

export interface RecoveryRecipient {
  readonly recipient: string;
  readonly fingerprint: string;
}

export interface InstallationInfo {
  readonly postId: string | null;
  readonly installationId: string | null;
}

/** A store that says it is available but throws while asking is not available. */
export function osKeyStoreAvailable(store: OsKeyStore | undefined): boolean {
  try {
    return store !== undefined && store.available();
  } catch {
    return false;
  }
}

export function requireMetadata(dataDir: string): VaultMetadata {
  const meta = readMetadata(dataDir);
  if (!meta) throw new VaultError('not_set_up', 'This data folder has no passphrase yet: set one up first.');
  return meta;
}

function storeName(ctx: VaultContext): string | null {
  return osKeyStoreAvailable(ctx.osKeyStore) ? (ctx.osKeyStore?.name ?? null) : null;
}

function unavailableStore(meta: VaultMetadata): VaultError {
  return new VaultError(
    'key_store_unavailable',
    `This data is bound to ${meta.osKeyStoreName ?? "this computer's key store"}, which is not available ` +
      'now: it can be unlocked only on the computer and user account that set it up. Elsewhere, use a ' +
      `recovery code from HQ or the personal recovery key. ${WITHOUT_RECOVERY}`,
  );
}

/** The armoured key file, unsealed from the OS key store first when the vault is bound to it. */
async function readSealedKey(ctx: VaultContext, meta: VaultMetadata): Promise<string> {
  const name = meta.osBound ? OS_KEY_FILE : KEY_FILE;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(vaultFile(ctx.dataDir, name));
  } catch {
    throw new VaultError(
      'damaged',
      `The key file ${name} is missing from the data folder, so the data cannot be unlocked with the ` +
        'passphrase. Put it back from a backup of the folder, or use a recovery code from HQ or the personal ' +
        'recovery key.',
    );
  }
  if (!meta.osBound) return bytes.toString('utf8');
  // Never fall back: a bound vault opens only through the store it was bound with.
  if (!osKeyStoreAvailable(ctx.osKeyStore) || !ctx.osKeyStore) throw unavailableStore(meta);
  try {
    return (await ctx.osKeyStore.decrypt(bytes)).toString('utf8');
  } catch {
    throw unavailableStore(meta);
  }
}

/**
 * Writes the key file for the binding asked for. The other variant is removed by `dropStaleKeyFile` only
 * after vault.json says which one counts, so a crash in between leaves a vault that still opens.
 */
async function writeSealedKey(ctx: VaultContext, armored: string, osBind: boolean): Promise<void> {
  if (!osBind) {
    writeFileAtomic(vaultFile(ctx.dataDir, KEY_FILE), armored);
    return;
  }
  if (!osKeyStoreAvailable(ctx.osKeyStore) || !ctx.osKeyStore) {
    throw new VaultError(
      'key_store_unavailable',
      'This computer offers no key store to bind the data to, so it was not bound. Nothing was changed.',
    );
  }
  writeFileAtomic(vaultFile(ctx.dataDir, OS_KEY_FILE), await ctx.osKeyStore.encrypt(Buffer.from(armored, 'utf8')));
}

function dropStaleKeyFile(ctx: VaultContext, osBound: boolean): void {
  fs.rmSync(vaultFile(ctx.dataDir, osBound ? KEY_FILE : OS_KEY_FILE), { force: true });
}

export interface CreatedVault {
  readonly key: Buffer;
  /** The personal recovery key, AGE-SECRET-KEY-1...: shown once, never stored. */
  readonly recoveryKey: string;
  readonly meta: VaultMetadata;
}

/** A new random database key, sealed with the passphrase and to the personal recovery key. */
export async function createVault(
  ctx: VaultContext,
  input: { passphrase: string; osBind: boolean; language: Language; upgradePending: boolean },
): Promise<CreatedVault> {
  if (vaultExists(ctx.dataDir)) throw new VaultError('already_set_up', 'This data folder already has a passphrase.');
  if (input.osBind && !osKeyStoreAvailable(ctx.osKeyStore)) {
    throw new VaultError(
      'key_store_unavailable',
      'This computer offers no key store to bind the data to. Set up without binding, or start Liaison Log where the key store is available.',
    );
  }
  fs.mkdirSync(ctx.dataDir, { recursive: true });
  const key = randomBytes(32);
  const written: string[] = [];
  try {
    const recoveryKey = await generateX25519Identity();
    const personal = await identityToRecipient(recoveryKey);
    const armored = await sealWithPassphrase(key, input.passphrase, ctx.workFactor);
    await writeSealedKey(ctx, armored, input.osBind);
    written.push(input.osBind ? OS_KEY_FILE : KEY_FILE);
    dropStaleKeyFile(ctx, input.osBind);
    const at = ctx.now().toISOString();
    writeFileAtomic(
      vaultFile(ctx.dataDir, RECOVERY_FILE),
      await sealForRecovery(key, [personal], { postId: null, installationId: null, createdAt: at }),
    );
    written.push(RECOVERY_FILE);
    const meta: VaultMetadata = {
      format: VAULT_FORMAT,
      formatVersion: VAULT_FORMAT_VERSION,
      createdAt: at,
      passphraseKdf: { name: 'age-scrypt', logN: ctx.workFactor },
      osBound: input.osBind,
      osKeyStoreName: input.osBind ? storeName(ctx) : null,
      recovery: {
        personal: { recipient: personal, fingerprint: fingerprint(personal) },
        hqKeys: [],
        postId: null,
        updatedAt: at,
      },
      failedAttempts: 0,
      notBefore: null,
      upgradePending: input.upgradePending,
      language: input.language,
    };
    writeMetadata(ctx.dataDir, meta); // from here on, the folder is set up
    return { key, recoveryKey, meta };
  } catch (error) {
    key.fill(0);
    for (const name of written) fs.rmSync(vaultFile(ctx.dataDir, name), { force: true });
    throw error;
  }
}

/** Undoes `createVault` when the database could not be taken along (it is then exactly as before). */
export function removeVault(dataDir: string): void {
  for (const name of ['vault.json', KEY_FILE, OS_KEY_FILE, RECOVERY_FILE]) {
    fs.rmSync(vaultFile(dataDir, name), { force: true });
  }
}

/**
 * The database key from the passphrase. Wrong passphrases are counted in vault.json (so the count survives a
 * restart); after FREE_ATTEMPTS each one makes the next check wait longer. While a wait runs, no passphrase
 * is checked at all.
 */
export async function unwrapWithPassphrase(
  ctx: VaultContext,
  passphrase: string,
): Promise<{ key: Buffer; meta: VaultMetadata }> {
  const meta = requireMetadata(ctx.dataDir);
  const now = ctx.now();
  const wait = remainingDelay(meta.failedAttempts, meta.notBefore, now);
  if (wait > 0) {
    throw new VaultError('try_later', `Too many wrong passphrases. Try again in ${describeWait(wait)}.`, {
      failedAttempts: meta.failedAttempts,
      retryAfterSeconds: wait,
    });
  }
  const armored = await readSealedKey(ctx, meta);
  const key = await openWithPassphrase(armored, passphrase, KEY_FILE);
  if (!key) {
    // Counted against the freshest file: another window or the command line may have counted too.
    const latest = readMetadata(ctx.dataDir) ?? meta;
    const failedAttempts = latest.failedAttempts + 1;
    const delay = delayAfter(failedAttempts);
    writeMetadata(ctx.dataDir, {
      ...latest,
      failedAttempts,
      notBefore: delay > 0 ? new Date(now.getTime() + delay * 1000).toISOString() : null,
    });
    throw new VaultError(
      'wrong_passphrase',
      `That passphrase does not unlock the data (${failedAttempts} wrong in a row).` +
        (delay > 0 ? ` Try again in ${describeWait(delay)}.` : ''),
      { failedAttempts, retryAfterSeconds: delay },
    );
  }
  return { key, meta: resetAttempts(ctx, meta) };
}

function resetAttempts(ctx: VaultContext, meta: VaultMetadata): VaultMetadata {
  if (meta.failedAttempts === 0 && meta.notBefore === null) return meta;
  const reset = { ...meta, failedAttempts: 0, notBefore: null };
  writeMetadata(ctx.dataDir, reset);
  return reset;
}

export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** A new passphrase for the same key: only the key file is rewritten, never the database. */
export async function rewrapKey(
  ctx: VaultContext,
  key: Buffer,
  newPassphrase: string,
  osBind: boolean,
): Promise<VaultMetadata> {
  const meta = requireMetadata(ctx.dataDir);
  const armored = await sealWithPassphrase(key, newPassphrase, ctx.workFactor);
  await writeSealedKey(ctx, armored, osBind);
  const next: VaultMetadata = {
    ...meta,
    passphraseKdf: { name: 'age-scrypt', logN: ctx.workFactor },
    osBound: osBind,
    osKeyStoreName: osBind ? storeName(ctx) : null,
    failedAttempts: 0,
    notBefore: null,
  };
  writeMetadata(ctx.dataDir, next);
  dropStaleKeyFile(ctx, osBind);
  return next;
}

/**
 * Seals the key again to the personal recovery key and the given HQ keys, when they (or the post's
 * identity) changed. Returns the metadata as written.
 */
export async function refreshRecovery(
  ctx: VaultContext,
  key: Buffer,
  hqKeys: readonly RecoveryRecipient[],
  who: InstallationInfo,
): Promise<VaultMetadata> {
  const meta = requireMetadata(ctx.dataDir);
  const sorted = [...hqKeys].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint));
  const same =
    meta.recovery.postId === who.postId &&
    JSON.stringify(meta.recovery.hqKeys.map((k) => k.fingerprint)) ===
      JSON.stringify(sorted.map((k) => k.fingerprint)) &&
    fs.existsSync(vaultFile(ctx.dataDir, RECOVERY_FILE));
  if (same) return meta;
  const at = ctx.now().toISOString();
  const sealed = await sealForRecovery(key, [meta.recovery.personal.recipient, ...sorted.map((k) => k.recipient)], {
    ...who,
    createdAt: at,
  });
  writeFileAtomic(vaultFile(ctx.dataDir, RECOVERY_FILE), sealed);
  const next: VaultMetadata = {
    ...meta,
    recovery: {
      personal: meta.recovery.personal,
      hqKeys: sorted.map((k) => ({ recipient: k.recipient, fingerprint: k.fingerprint })),
      postId: who.postId,
      updatedAt: at,
    },
  };
  writeMetadata(ctx.dataDir, next);
  return next;
}

/** The key from a recovery code (HQ) or the personal recovery key. Not yet checked against the database. */
export async function keyFromRecoverySecret(ctx: VaultContext, secret: string): Promise<Buffer> {
  requireMetadata(ctx.dataDir);
  const typed = secret.trim();
  if (looksLikeRecoveryCode(typed)) {
    const decoded = decodeRecoveryCode(typed);
    if (decoded.ok) return decoded.key;
    const why =
      decoded.reason === 'checksum'
        ? 'it does not add up: check it for a typing mistake'
        : decoded.reason === 'length'
          ? 'it should have 55 letters and digits, in 11 groups of five'
          : 'it holds a character that is not in recovery codes';
    throw new VaultError('wrong_recovery_secret', `That is not a valid recovery code: ${why}.`);
  }
  let content: string;
  try {
    content = fs.readFileSync(vaultFile(ctx.dataDir, RECOVERY_FILE), 'utf8');
  } catch {
    throw new VaultError(
      'damaged',
      `The recovery file ${RECOVERY_FILE} is missing from the data folder, so the personal recovery key cannot ` +
        'be used. Ask HQ for a recovery code (HQ needs that file too) or restore the folder from a backup.',
    );
  }
  const opened = await openRecovery(content, [typed.toUpperCase()], RECOVERY_FILE);
  return opened.key;
}

/** HQ: what `liaison-log recovery open` prints for a post's key.recovery.age. */
export async function recoveryCodeForHq(
  content: string | Uint8Array,
  hqSecrets: readonly string[],
): Promise<{ code: string; postId: string | null; installationId: string | null; createdAt: string }> {
  if (hqSecrets.length === 0) throw new VaultError('wrong_recovery_secret', 'This installation holds no HQ keys.');
  const opened = await openRecovery(content, hqSecrets, 'The recovery file');
  try {
    return {
      code: encodeRecoveryCode(opened.key),
      postId: opened.postId,
      installationId: opened.installationId,
      createdAt: opened.createdAt,
    };
  } finally {
    opened.key.fill(0);
  }
}

export function markUpgradeDone(dataDir: string): VaultMetadata {
  const meta = requireMetadata(dataDir);
  if (!meta.upgradePending) return meta;
  const next = { ...meta, upgradePending: false };
  writeMetadata(dataDir, next);
  return next;
}

/** Keeps the last language outside the encrypted data, for the unlock screen and Chromium's locale. */
export function rememberLanguage(dataDir: string, language: Language): void {
  const meta = readMetadata(dataDir);
  if (meta && meta.language !== language) writeMetadata(dataDir, { ...meta, language });
}

/** The language for the unlock screen: from vault.json, English when there is none or it cannot be read. */
export function vaultLanguage(dataDir: string): Language {
  try {
    return readMetadata(dataDir)?.language ?? 'en';
  } catch {
    return 'en';
  }
}

export function readRecoveryFile(dataDir: string): Buffer | undefined {
  try {
    return fs.readFileSync(vaultFile(dataDir, RECOVERY_FILE));
  } catch {
    return undefined;
  }
}
