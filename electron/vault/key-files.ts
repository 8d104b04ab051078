import { Decrypter, Encrypter, armor } from 'age-encryption';
import { z } from 'zod';
import { VaultError } from './errors';

// The two age files that hold the database key. Both are standard age v1 (age-encryption.org/v1), ASCII-
// armoured, so the age command line tool can open them too:
//  - key.age: the key, sealed with the passphrase through age's scrypt recipient (salt and work factor in
//    the header);
//  - key.recovery.age: a small JSON document with the key, sealed to X25519 recipients (the personal
//    recovery key and the HQ keys).

/** age's default and recommended scrypt work factor (2^18): about 1.7 s here in age-encryption's pure JS. */
export const DEFAULT_WORK_FACTOR = 18;

/** The same passphrase typed on another keyboard or input method gives the same bytes. */
export function normalizePassphrase(passphrase: string): string {
  return passphrase.normalize('NFC');
}

export async function sealWithPassphrase(key: Buffer, passphrase: string, workFactor: number): Promise<string> {
  const e = new Encrypter();
  e.setPassphrase(normalizePassphrase(passphrase));
  e.setScryptWorkFactor(workFactor);
  return armor.encode(await e.encrypt(key));
}

/** The key, or undefined when the passphrase is wrong. A file that is not a passphrase-sealed key throws. */
export async function openWithPassphrase(
  armored: string,
  passphrase: string,
  file: string,
): Promise<Buffer | undefined> {
  const sealed = decodeArmor(armored, file);
  const d = new Decrypter();
  d.addPassphrase(normalizePassphrase(passphrase));
  let plain: Uint8Array;
  try {
    plain = await d.decrypt(sealed);
  } catch (error) {
    if (noIdentityMatched(error)) return undefined;
    throw damagedKeyFile(file);
  }
  if (plain.length !== 32) throw damagedKeyFile(file);
  const key = Buffer.from(plain);
  plain.fill(0);
  return key;
}

export const RECOVERY_FORMAT = 'liaison-log-recovery';

/** What key.recovery.age holds. HQ shows postId and installationId so it can check who is asking. */
const RecoveryDocument = z.strictObject({
  format: z.literal(RECOVERY_FORMAT),
  version: z.literal(1),
  key: z.string().regex(/^[0-9a-f]{64}$/),
  postId: z.string().nullable(),
  installationId: z.string().nullable(),
  createdAt: z.string(),
});

export interface RecoveryInfo {
  readonly postId: string | null;
  readonly installationId: string | null;
  readonly createdAt: string;
}

export async function sealForRecovery(key: Buffer, recipients: readonly string[], info: RecoveryInfo): Promise<string> {
  const e = new Encrypter();
  for (const r of recipients) e.addRecipient(r);
  const document = { format: RECOVERY_FORMAT, version: 1, key: key.toString('hex'), ...info };
  return armor.encode(await e.encrypt(JSON.stringify(document)));
}

/**
 * Opens a recovery file with age X25519 identities (the personal recovery key, or HQ's keys). Throws
 * wrong_recovery_secret when none of them is a recipient of the file, damaged when it is not a recovery file.
 */
export async function openRecovery(
  content: string | Uint8Array,
  identities: readonly string[],
  file = 'The recovery file',
): Promise<{ key: Buffer } & RecoveryInfo> {
  const sealed = typeof content === 'string' ? decodeArmor(content, file) : armoredOrBinary(content, file);
  const d = new Decrypter();
  try {
    for (const identity of identities) d.addIdentity(identity);
  } catch {
    throw new VaultError('wrong_recovery_secret', 'That is not a personal recovery key (AGE-SECRET-KEY-1...).');
  }
  let text: string;
  try {
    text = await d.decrypt(sealed, 'text');
  } catch (error) {
    if (noIdentityMatched(error)) {
      throw new VaultError('wrong_recovery_secret', `${file} was not made for this key.`);
    }
    throw new VaultError('damaged', `${file} is damaged.`);
  }
  let parsed;
  try {
    parsed = RecoveryDocument.safeParse(JSON.parse(text));
  } catch {
    parsed = undefined;
  }
  if (!parsed?.success) throw new VaultError('damaged', `${file} is not a Liaison Log recovery file.`);
  const { key, postId, installationId, createdAt } = parsed.data;
  return { key: Buffer.from(key, 'hex'), postId, installationId, createdAt };
}

function armoredOrBinary(content: Uint8Array, file: string): Uint8Array {
  const text = Buffer.from(content).toString('utf8');
  return text.trimStart().startsWith('-----BEGIN AGE ENCRYPTED FILE-----') ? decodeArmor(text, file) : content;
}

function decodeArmor(armored: string, file: string): Uint8Array {
  try {
    return armor.decode(armored);
  } catch {
    throw damagedKeyFile(file);
  }
}

function noIdentityMatched(error: unknown): boolean {
  return error instanceof Error && /no identity matched/.test(error.message);
}

function damagedKeyFile(file: string): VaultError {
  return new VaultError(
    'damaged',
    `${file} is damaged or is not a Liaison Log key file. Restore it from a backup of the data folder, or use ` +
      'the recovery procedure. Nothing was changed.',
  );
}
