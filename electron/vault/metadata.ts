import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { Language } from '../../shared/settings/schema';
import { writeFileAtomic } from '../exchange/atomic-write';
import { VaultError } from './errors';

// vault.json: the small plaintext file beside the encrypted database that says how its key is kept. It holds
// nothing secret (format in docs/data-protection.md). Its presence is what makes a data folder "set up".

export const VAULT_FILE = 'vault.json';
/** The database key sealed with the passphrase (age, scrypt recipient), ASCII-armoured. */
export const KEY_FILE = 'key.age';
/** KEY_FILE sealed once more by the OS key store, written instead of KEY_FILE when the vault is OS-bound. */
export const OS_KEY_FILE = 'key.age.os';
/** The database key sealed to the recovery recipients (age, X25519): the personal key and the HQ keys. */
export const RECOVERY_FILE = 'key.recovery.age';

export const VAULT_FORMAT = 'liaison-log-vault';
export const VAULT_FORMAT_VERSION = 1;

const Recipient = z.strictObject({ recipient: z.string().startsWith('age1'), fingerprint: z.string() });

export const VaultMetadata = z.strictObject({
  format: z.literal(VAULT_FORMAT),
  formatVersion: z.literal(VAULT_FORMAT_VERSION),
  createdAt: z.iso.datetime(),
  /** Informational: the authoritative scrypt parameters are in the age header of the key file. */
  passphraseKdf: z.strictObject({ name: z.literal('age-scrypt'), logN: z.number().int().min(1).max(20) }),
  osBound: z.boolean(),
  /** The store the key file was bound with, to name it in an error when it is missing. */
  osKeyStoreName: z.string().nullable(),
  recovery: z.strictObject({
    personal: Recipient,
    hqKeys: z.array(Recipient),
    postId: z.string().nullable(),
    updatedAt: z.iso.datetime(),
  }),
  failedAttempts: z.number().int().min(0),
  notBefore: z.iso.datetime().nullable(),
  /** A database from before encryption is still to be encrypted (setup was interrupted): unlock finishes it. */
  upgradePending: z.boolean(),
  language: Language,
});
export type VaultMetadata = z.output<typeof VaultMetadata>;

export function vaultFile(dataDir: string, name: string): string {
  return path.join(dataDir, name);
}

export function vaultExists(dataDir: string): boolean {
  return fs.existsSync(vaultFile(dataDir, VAULT_FILE));
}

/** The metadata, or undefined when the folder has no vault yet. A damaged file is an error, never "new". */
export function readMetadata(dataDir: string): VaultMetadata | undefined {
  const file = vaultFile(dataDir, VAULT_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw damaged(file);
  }
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > VAULT_FORMAT_VERSION) {
    throw new VaultError(
      'damaged',
      `${file} was written by a newer version of Liaison Log. Install the newer version to open this data. ` +
        'Nothing was changed.',
    );
  }
  const parsed = VaultMetadata.safeParse(json);
  if (!parsed.success) throw damaged(file);
  return parsed.data;
}

export function writeMetadata(dataDir: string, meta: VaultMetadata): void {
  writeFileAtomic(vaultFile(dataDir, VAULT_FILE), `${JSON.stringify(VaultMetadata.parse(meta), null, 2)}\n`);
}

function damaged(file: string): VaultError {
  return new VaultError(
    'damaged',
    `${file} is damaged or was edited, so the data cannot be unlocked. Restore the data folder from a backup ` +
      'or put the original file back. Nothing was changed.',
  );
}
