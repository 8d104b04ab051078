import { z } from 'zod';
import { RECORD_KINDS } from '../records/kinds';
import { CountryCode, Id, Instant, requiredText } from '../validation/primitives';
import { CalendarDate } from '../records/common';
import { Overview } from '../overview/schema';
// The programme (budgets, work plans; issue 14, items 2 and 3).
import { BundleProgramme } from '../effort/bundle';

// The files that travel between posts and headquarters. Documented byte for byte in docs/export-format.md.

export const BUNDLE_FORMAT = 'liaison-log-bundle';
/**
 * The newest bundle format this version writes and reads. Version 2 adds tombstones, restated aggregates and
 * the series (run, restore, continuation); a bundle that needs none of them is still written as version 1, so
 * an HQ that has not been updated yet reads it (docs/export-format.md, "Format versions").
 */
export const BUNDLE_FORMAT_VERSION = 2;
/** The format of a bundle without tombstones, restatements or series facts: what every HQ reads. */
export const BUNDLE_FORMAT_VERSION_1 = 1;
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
/** Tombstones per bundle: as many as records. */
export const MAX_BUNDLE_TOMBSTONES = 500_000;
/** Earlier periods whose figures one bundle restates. */
export const MAX_BUNDLE_RESTATEMENTS = 1_000;

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
  /** HQ's Ed25519 key that signs the network configuration (docs/network-config.md). Optional: older files lack it. */
  signingKey: z
    .strictObject({
      publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
      fingerprint: Fingerprint,
      createdAt: z.string(),
    })
    .optional(),
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
  /** Version 2: the run of exports of the signing key this bundle belongs to (a new run begins at each restore). */
  run: Id.optional(),
  /** Version 2: this run began with a restore from a backup (or a salvage); every bundle of the run says so. */
  restore: z
    .strictObject({
      /** When the installation found it had been restored (the post's clock). */
      restoredAt: Instant,
      /** The backup's date: as the restore stated it, or the newest change the restored database holds. */
      backupOf: Instant,
      backupOfKnown: z.enum(['stated', 'newest_change']),
      /** The last sequence number the backup held (0: none); this run's first bundle is the next. */
      continuesAfter: z.number().int().min(0),
      /** The run the backup belonged to, or null for a run from before format 2. */
      previousRun: Id.nullable(),
      /** The last sequence number the earlier run issued, when the installation knows it. */
      lastIssued: z.number().int().min(0).nullable(),
    })
    .optional(),
  /** Version 2: this key continues the post's series of another key (a replacement laptop, a successor). */
  continues: z
    .strictObject({
      keyId: Fingerprint,
      /** The last sequence number of that key the series continues after (0: none). */
      sequence: z.number().int().min(0),
      /** SHA-256 (hex) of that bundle file, when known. */
      hash: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .nullable(),
    })
    .optional(),
});
export type Manifest = z.output<typeof Manifest>;

export const TOMBSTONE_STATES = ['trashed', 'purged'] as const;

/**
 * Version 2: a record the post moved to the trash or purged. No content: its kind, id, the revision the change
 * made (trashed; for a purge, the revision it had, when known) and when.
 */
export const Tombstone = z
  .strictObject({
    kind: z.enum(RECORD_KINDS),
    id: Id,
    state: z.enum(TOMBSTONE_STATES),
    revision: z.number().int().min(1).nullable(),
    at: Instant,
  })
  .refine((t) => t.state === 'purged' || t.revision !== null, {
    error: 'A trashed record’s tombstone names its revision.',
    path: ['revision'],
  });
export type Tombstone = z.output<typeof Tombstone>;

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
  /** Version 2: records moved to the trash or purged since the previous export that carried their kind. */
  tombstones: z.array(Tombstone).optional(),
  /** Version 2: the post's overview of earlier periods it sent at the aggregate level, whose figures changed. */
  restatements: z.array(Overview).max(MAX_BUNDLE_RESTATEMENTS).optional(),
  /** The post's budgets and work plans (docs/export-format.md, "Programme"); absent when it has none. */
  programme: BundleProgramme.optional(),
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
