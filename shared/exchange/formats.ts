import { z } from 'zod';
import { RECORD_KINDS } from '../records/kinds';
import { CountryCode, Id, Instant, requiredText } from '../validation/primitives';
import { CalendarDate } from '../records/common';

// The files that travel between posts and headquarters. Documented byte for byte in docs/export-format.md.

export const BUNDLE_FORMAT = 'liaison-log-bundle';
export const BUNDLE_FORMAT_VERSION = 1;
export const HQ_KEY_FORMAT = 'liaison-log-hq-key';
export const ENROLMENT_FORMAT = 'liaison-log-enrolment';
/** Prefixed to the payload before signing, so a signature made for anything else can never verify here. */
export const SIGNATURE_CONTEXT = 'liaison-log-bundle-v1\n';

/** Limits that keep a hostile file from exhausting memory: checked before a file is parsed or merged. */
export const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;
/**
 * What one import from the window may bring in all: every checked file waits in memory until the one merge
 * (so that a cancel changes nothing), so a run is bounded. The command line imports file by file instead.
 */
export const MAX_IMPORT_RUN_BYTES = 4 * MAX_BUNDLE_BYTES;
export const MAX_BUNDLE_RECORDS = 500_000;

export const EXPORT_LEVELS = ['aggregate', 'pseudonymised', 'full'] as const;
export type ExportLevel = (typeof EXPORT_LEVELS)[number];

/** A post code: short, stable, chosen by HQ, e.g. BOG or CO-BOGOTA. */
export const PostId = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, { error: 'Use 2 to 32 capital letters, digits and dashes.' });

/** Short fingerprint of a key, shown as groups of four for comparison by phone: 3F9A-C2D1-... */
export const Fingerprint = z.string().regex(/^[0-9A-F]{4}(-[0-9A-F]{4}){7}$/);

export const HqRecipient = z.strictObject({
  recipient: z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/, { error: 'Not an age X25519 recipient.' }),
  fingerprint: Fingerprint,
  label: z.string().max(100),
  createdAt: z.string(),
});
export type HqRecipient = z.output<typeof HqRecipient>;

/** What HQ gives to posts: the public keys bundles must be encrypted to (primary, backup, rotated). */
export const HqKeyFile = z.strictObject({
  format: z.literal(HQ_KEY_FORMAT),
  version: z.literal(1),
  hqName: z.string().max(100),
  issuedAt: z.string(),
  recipients: z.array(HqRecipient).min(1).max(10),
});
export type HqKeyFile = z.output<typeof HqKeyFile>;

/** What a post's installation gives to HQ: its signing public key and who holds it. */
export const EnrolmentFile = z.strictObject({
  format: z.literal(ENROLMENT_FORMAT),
  version: z.literal(1),
  postId: PostId,
  postName: requiredText(100),
  country: CountryCode.nullable(),
  officer: requiredText(100),
  installationId: Id,
  /** Ed25519 public key, raw 32 bytes, base64. */
  publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  keyId: Fingerprint,
  createdAt: z.string(),
});
export type EnrolmentFile = z.output<typeof EnrolmentFile>;

export const Manifest = z.strictObject({
  formatVersion: z.number().int().min(1),
  exportId: Id,
  postId: PostId,
  postName: z.string().max(100),
  officer: z.string().max(100),
  signerKeyId: Fingerprint,
  /** 1, 2, 3... per signing key; HQ shows a gap when one never arrives. */
  sequence: z.number().int().min(1),
  /** SHA-256 (hex) of this key's previous bundle file, or null for the first. */
  previousHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  period: z.strictObject({ from: CalendarDate, to: CalendarDate }),
  createdAt: Instant,
  level: z.enum(EXPORT_LEVELS),
  schemaVersion: z.number().int().min(1),
  appVersion: z.string().max(40),
  /** The post's clock and home country, so HQ reads deadlines and periods as the post did. */
  timeZone: z.string().max(64),
  homeCountry: CountryCode,
  /** Fingerprints of the HQ keys the bundle is for: signed, so re-encrypting to someone else shows. */
  recipients: z.array(Fingerprint).min(1).max(10),
  counts: z.record(z.string(), z.number().int().min(0)),
});
export type Manifest = z.output<typeof Manifest>;

/** One record as it travels: its stable id and revision, and its fields exactly as the post stored them. */
export const BundleRecord = z.strictObject({
  kind: z.enum(RECORD_KINDS),
  id: Id,
  revision: z.number().int().min(1),
  /** UTC ISO 8601 instants, as the post stored them: HQ stores them as its own, so no other text is taken. */
  createdAt: Instant,
  updatedAt: Instant,
  fields: z.record(z.string(), z.unknown()),
});
export type BundleRecord = z.output<typeof BundleRecord>;

export const BundlePayload = z.strictObject({
  manifest: Manifest,
  records: z.array(BundleRecord),
  /** The post's own overview of the period (shared/overview/schema.ts), present at every level. */
  aggregates: z.record(z.string(), z.unknown()),
});
export type BundlePayload = z.output<typeof BundlePayload>;

/** The signed envelope, the plaintext inside the age encryption. `payload` is signed exactly as carried. */
export const Envelope = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.number().int().min(1),
  payload: z.string(),
  signature: z.strictObject({
    algorithm: z.literal('Ed25519'),
    keyId: Fingerprint,
    value: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
  }),
});
export type Envelope = z.output<typeof Envelope>;
