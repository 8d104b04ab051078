import { Encrypter } from 'age-encryption';
import type { z } from 'zod';
import { messageRef, type MessageRef } from '../../shared/contract/messages';
import {
  CONFIG_FORMAT,
  CONFIG_FORMAT_VERSION,
  ConfigEnvelope,
  ConfigPayload,
  MAX_CONFIG_BYTES,
  type HqSigningKey,
} from '../../shared/network-config/schema';
import { fingerprint } from '../exchange/fingerprint';
import { signingKeyConsistent, verifyConfig } from './keys';

// Checking a configuration file, in the order docs/network-config.md gives ("Checks at the post"). Every refusal
// is a ConfigError carrying its stable message code; nothing here writes.

/** A refusal: the file changes nothing. `ref` is the message by stable code (shared/contract/messages.ts). */
export class ConfigError extends Error {
  constructor(
    readonly ref: MessageRef,
    /** The call's error family: the file's fault (`invalid_input`) or the state of this installation (`conflict`). */
    readonly family: 'invalid_input' | 'conflict' = 'invalid_input',
  ) {
    super(ref.code);
    this.name = 'ConfigError';
  }
}

export interface VerifiedConfig {
  readonly payload: ConfigPayload;
  /** The payload exactly as signed. */
  readonly payloadText: string;
  /** The pinned key that signed it. */
  readonly signer: HqSigningKey;
  /** The new signing key when the configuration rotates it (signed by the old and the new key), else null. */
  readonly rotatedTo: HqSigningKey | null;
}

function at(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(the top)' : path.map(String).join('.');
}

/** A zod refusal as a message: unknown fields by their names, anything else with its first problem. */
function schemaRefusal(error: z.ZodError, prefix: string): ConfigError {
  const unknown = error.issues.find((i) => i.code === 'unrecognized_keys');
  if (unknown?.code === 'unrecognized_keys') {
    return new ConfigError(
      messageRef('config.unknown_field', { field: unknown.keys.join(', '), at: at([prefix, ...unknown.path]) }),
    );
  }
  const first = error.issues[0];
  return new ConfigError(
    messageRef('config.invalid', { at: at([prefix, ...(first?.path ?? [])]), problem: first?.message ?? '' }),
  );
}

/** Whether JSON.parse failed because the text ended early (a file cut short), not on a bad character. */
function endedEarly(text: string, error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  if (/end of JSON input/i.test(message)) return true;
  const position = /position (\d+)/.exec(message);
  return position !== null && Number(position[1]) >= text.length - 1 && /Unterminated|Expected/i.test(message);
}

/** The envelope, from the file's bytes: size, UTF-8, JSON, format and shape. */
export function readEnvelope(bytes: Uint8Array): ConfigEnvelope {
  if (bytes.byteLength > MAX_CONFIG_BYTES) {
    throw new ConfigError(messageRef('config.too_large', { size: bytes.byteLength, limit: MAX_CONFIG_BYTES }));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ConfigError(messageRef('config.not_a_config'));
  }
  const looksLikeOne = text.trimStart().startsWith('{') && text.includes(CONFIG_FORMAT);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // A JSON object that stops early was cut short; one of ours damaged inside is not the file HQ signed.
    if (text.trimStart().startsWith('{') && endedEarly(text, error)) {
      throw new ConfigError(messageRef('config.truncated'));
    }
    throw new ConfigError(messageRef(looksLikeOne ? 'config.tampered' : 'config.not_a_config'));
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(messageRef('config.not_a_config'));
  }
  const raw = parsed as Record<string, unknown>;
  if (raw['format'] !== CONFIG_FORMAT) throw new ConfigError(messageRef('config.not_a_config'));
  if (typeof raw['formatVersion'] === 'number' && raw['formatVersion'] > CONFIG_FORMAT_VERSION) {
    throw new ConfigError(
      messageRef('config.version_too_new', { found: raw['formatVersion'], supported: CONFIG_FORMAT_VERSION }),
    );
  }
  const envelope = ConfigEnvelope.safeParse(parsed);
  if (!envelope.success) throw schemaRefusal(envelope.error, 'envelope');
  return envelope.data;
}

/**
 * The signatures and the signed payload. `pinned` is the HQ signing key this post trusts. The pinned key's
 * signature is required; a payload naming another signing key (a rotation) needs that key's signature too, and
 * the post pins it when the configuration is applied (TUF's rule for a new root: signed by the old and the new).
 */
export function verifyEnvelope(envelope: ConfigEnvelope, pinned: HqSigningKey | null): VerifiedConfig {
  if (!pinned) throw new ConfigError(messageRef('config.no_signing_key'), 'conflict');
  const own = envelope.signatures.find((s) => s.keyId === pinned.fingerprint);
  // Each key signs once: a second signature under the same key id is not HQ's (it was never verified).
  if (new Set(envelope.signatures.map((s) => s.keyId)).size !== envelope.signatures.length) {
    throw new ConfigError(messageRef('config.tampered'));
  }
  if (!own) {
    const keyId = envelope.signatures[0]?.keyId ?? '';
    throw new ConfigError(messageRef('config.foreign_signer', { keyId, trusted: pinned.fingerprint }));
  }
  if (!verifyConfig(envelope.payload, own.value, pinned.publicKey)) {
    throw new ConfigError(messageRef('config.tampered'));
  }
  // From here the payload is HQ's: parse it.
  let parsed: unknown;
  try {
    parsed = JSON.parse(envelope.payload);
  } catch {
    throw new ConfigError(messageRef('config.invalid', { at: 'payload', problem: 'not JSON.' }));
  }
  const version = (parsed as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > CONFIG_FORMAT_VERSION) {
    throw new ConfigError(messageRef('config.version_too_new', { found: version, supported: CONFIG_FORMAT_VERSION }));
  }
  const payload = ConfigPayload.safeParse(parsed);
  if (!payload.success) throw schemaRefusal(payload.error, 'payload');
  const p = payload.data;
  if (!signingKeyConsistent(p.signingKey)) throw new ConfigError(messageRef('config.bad_signing_key'));
  let rotatedTo: HqSigningKey | null = null;
  if (p.signingKey.fingerprint !== pinned.fingerprint) {
    const theirs = envelope.signatures.find((s) => s.keyId === p.signingKey.fingerprint);
    if (!theirs || !verifyConfig(envelope.payload, theirs.value, p.signingKey.publicKey)) {
      throw new ConfigError(messageRef('config.rotation_unsigned', { keyId: p.signingKey.fingerprint }));
    }
    rotatedTo = p.signingKey;
  }
  const stranger = envelope.signatures.find(
    (s) => s.keyId !== pinned.fingerprint && s.keyId !== p.signingKey.fingerprint,
  );
  if (stranger) {
    throw new ConfigError(messageRef('config.foreign_signer', { keyId: stranger.keyId, trusted: pinned.fingerprint }));
  }
  checkConsistent(p);
  return { payload: p, payloadText: envelope.payload, signer: pinned, rotatedTo };
}

function inconsistent(problem: string): ConfigError {
  return new ConfigError(messageRef('config.inconsistent', { problem }));
}

/** What the schema cannot say: references between the parts of the payload. */
export function checkConsistent(p: ConfigPayload): void {
  if (p.expiresAt <= p.issuedAt) throw inconsistent('it expires before it was issued.');
  const terms = new Map(p.taxonomy.phenomena.map((t) => [t.code, t]));
  if (terms.size !== p.taxonomy.phenomena.length) throw inconsistent('a phenomenon code is listed twice.');
  for (const t of p.taxonomy.phenomena) {
    if (t.parentCode === null) continue;
    const parent = terms.get(t.parentCode);
    if (!parent || parent.code === t.code || parent.parentCode !== null) {
      throw inconsistent(`phenomenon ${t.code} is grouped under ${t.parentCode}, which is not a top-level term.`);
    }
  }
  if (new Set(p.priorities).size !== p.priorities.length) throw inconsistent('a priority is listed twice.');
  for (const code of p.priorities) {
    const t = terms.get(code);
    if (!t || t.retired) throw inconsistent(`priority ${code} is not an active phenomenon of the taxonomy.`);
  }
  for (const period of p.calendar) {
    if (period.to < period.from || period.due < period.to) {
      throw inconsistent(
        `the reporting period ${period.from}–${period.to} ends before it starts or is due before it ends.`,
      );
    }
  }
  if (new Set(p.objectives.map((o) => o.id)).size !== p.objectives.length) {
    throw inconsistent('an objective id is listed twice.');
  }
  const recipients = new Set<string>();
  for (const r of p.recipients) {
    if (fingerprint(r.recipient) !== r.fingerprint || recipients.has(r.fingerprint)) {
      throw new ConfigError(messageRef('config.unusable_key', { label: r.label, fingerprint: r.fingerprint }));
    }
    recipients.add(r.fingerprint);
  }
}

/** Refuses an HQ key age cannot encrypt to (a wrong bech32 checksum, a low-order point), by encrypting nothing. */
export async function refuseUnusableRecipients(p: ConfigPayload): Promise<void> {
  for (const r of p.recipients) {
    try {
      const trial = new Encrypter();
      trial.addRecipient(r.recipient);
      await trial.encrypt(new Uint8Array(0));
    } catch {
      throw new ConfigError(messageRef('config.unusable_key', { label: r.label, fingerprint: r.fingerprint }));
    }
  }
}
