import { z } from 'zod';
import { BundleRecord, Fingerprint, PostId } from '../exchange/formats';
import { Term } from '../taxonomy/terms';
import { Id, Instant, requiredText } from '../validation/primitives';

// The files of a handover to a successor (docs/handover.md documents them byte for byte): the successor's
// enrolment file, and the handover package (age encryption to the successor only, of an envelope signed with
// the outgoing installation's Ed25519 key, like a bundle).

export const SUCCESSOR_FORMAT = 'liaison-log-successor';
export const HANDOVER_FORMAT = 'liaison-log-handover';
export const HANDOVER_FORMAT_VERSION = 1;
/** Prefixed to the payload before signing: a bundle signature never verifies as a handover, nor the reverse. */
export const HANDOVER_SIGNATURE_CONTEXT = 'liaison-log-handover-v1\n';
/** The largest handover package read (checked on its size before anything is decrypted). */
export const MAX_HANDOVER_BYTES = 256 * 1024 * 1024;
export const MAX_HANDOVER_RECORDS = 1_000_000;

const AgeRecipient = z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/, { error: 'Not an age X25519 recipient.' });
const Ed25519PublicKey = z.string().regex(/^[A-Za-z0-9+/]{43}=$/);

/** What the successor installation gives the outgoing officer: who it is and where to send the package. */
export const SuccessorFile = z.strictObject({
  format: z.literal(SUCCESSOR_FORMAT),
  version: z.literal(1),
  postId: PostId,
  officer: requiredText(100),
  installationId: Id,
  /** The successor's Ed25519 signing key (raw 32 bytes, base64) and its fingerprint. */
  publicKey: Ed25519PublicKey,
  keyId: Fingerprint,
  /** The age X25519 recipient the package is encrypted to, and its fingerprint (of the recipient string). */
  recipient: AgeRecipient,
  recipientFingerprint: Fingerprint,
  createdAt: Instant,
});
export type SuccessorFile = z.output<typeof SuccessorFile>;

export const HandoverManifest = z.strictObject({
  formatVersion: z.number().int().min(1),
  handoverId: Id,
  postId: PostId,
  postName: z.string().max(100),
  createdAt: Instant,
  outgoing: z.strictObject({ officer: z.string().max(100), keyId: Fingerprint, installationId: Id }),
  /** Signed: a package re-encrypted to another installation names the one it was made for. */
  successor: z.strictObject({
    officer: z.string().max(100),
    keyId: Fingerprint,
    installationId: Id,
    recipientFingerprint: Fingerprint,
  }),
  /** The post's series so far: the outgoing key's last export (0 and null when it never exported). */
  series: z.strictObject({
    keyId: Fingerprint,
    lastSequence: z.number().int().min(0),
    lastHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable(),
  }),
  /** Whether closed history (closed requests and cases, past engagements, results) was included. */
  closedHistory: z.boolean(),
  counts: z.record(z.string(), z.number().int().min(0)),
  schemaVersion: z.number().int().min(1),
  appVersion: z.string().max(40),
});
export type HandoverManifest = z.output<typeof HandoverManifest>;

export const HandoverPayload = z.strictObject({
  manifest: HandoverManifest,
  /** The post's own taxonomy terms the records use (the successor adds those it lacks). */
  terms: z.array(Term).max(10_000),
  records: z.array(BundleRecord),
});
export type HandoverPayload = z.output<typeof HandoverPayload>;

export const HandoverEnvelope = z.strictObject({
  format: z.literal(HANDOVER_FORMAT),
  formatVersion: z.number().int().min(1),
  payload: z.string(),
  signature: z.strictObject({
    algorithm: z.literal('Ed25519'),
    keyId: Fingerprint,
    /** The outgoing key itself: the successor checks its fingerprint against the one read out by phone. */
    publicKey: Ed25519PublicKey,
    value: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
  }),
});
export type HandoverEnvelope = z.output<typeof HandoverEnvelope>;
