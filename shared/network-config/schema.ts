import { z } from 'zod';
import { EXPORT_LEVELS, Fingerprint, HqRecipient } from '../exchange/formats';
import { Objectives } from '../objectives/schema';
import { CalendarDate, TermCode } from '../records/common';
import { RetentionRules } from '../retention/rules';
import { Instant } from '../validation/primitives';
import type { MessageRef } from '../contract/messages';

// HQ's signed word to the posts: the network configuration file (`*.llconfig`). Documented byte for byte in
// docs/network-config.md; written and checked in electron/network-config/. Modelled on The Update Framework's
// signed metadata: a monotonic version, an expiry, rollback refusal, and rotation of the signing key announced
// in a configuration signed by the old key and the new one.

export const CONFIG_FORMAT = 'liaison-log-config';
export const CONFIG_FORMAT_VERSION = 1;
/** Prefixed to the payload before signing: a signature made for a bundle (or anything else) never verifies here. */
export const CONFIG_SIGNATURE_CONTEXT = 'liaison-log-config-v1\n';
/** Checked on the file's size before it is read or parsed. */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;
/** How long a configuration stays valid when HQ does not say (days). */
export const DEFAULT_VALID_DAYS = 365;

const Ed25519PublicKey = z.string().regex(/^[A-Za-z0-9+/]{43}=$/);

/** HQ's Ed25519 key that signs configurations: raw 32 bytes in base64, and their fingerprint. */
export const HqSigningKey = z.strictObject({
  publicKey: Ed25519PublicKey,
  fingerprint: Fingerprint,
  createdAt: z.string(),
});
export type HqSigningKey = z.output<typeof HqSigningKey>;

export const ConfigSignature = z.strictObject({
  algorithm: z.literal('Ed25519'),
  keyId: Fingerprint,
  value: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
});
export type ConfigSignature = z.output<typeof ConfigSignature>;

/** The signed envelope: the whole file, JSON. `payload` is signed exactly as carried. Not encrypted. */
export const ConfigEnvelope = z.strictObject({
  format: z.literal(CONFIG_FORMAT),
  formatVersion: z.number().int().min(1),
  payload: z.string(),
  /** One signature; two when the signing key rotates (the old key's and the new key's). */
  signatures: z.array(ConfigSignature).min(1).max(2),
});
export type ConfigEnvelope = z.output<typeof ConfigEnvelope>;

/** One phenomenon of HQ's taxonomy. A retired term stays on the records that use it but is not offered anew. */
export const ConfigTerm = z.strictObject({
  code: TermCode,
  labelEn: z.string().trim().min(1).max(120),
  labelNl: z.string().trim().min(1).max(120),
  /** Its group: a top-level term of the same list, or null. Groups are one level deep. */
  parentCode: TermCode.nullable(),
  iccs: z.string().regex(/^(\d{2}(\d{2}(\d{1,2})?)?)?$/),
  retired: z.boolean(),
});
export type ConfigTerm = z.output<typeof ConfigTerm>;

/** A reporting period: the post exports it (a bundle covering `from`..`to`) by `due`, all days included. */
export const ReportingPeriod = z.strictObject({ from: CalendarDate, to: CalendarDate, due: CalendarDate });
export type ReportingPeriod = z.output<typeof ReportingPeriod>;

/** What HQ says to every post. Every field is covered by the signature. */
export const ConfigPayload = z.strictObject({
  formatVersion: z.number().int().min(1),
  /** 1, 2, 3...: a post applies only a higher version than the one it holds (no rollback). */
  version: z.number().int().min(1).max(2_147_483_647),
  issuedAt: Instant,
  /** After this a post refuses the file (a stale configuration someone kept back). */
  expiresAt: Instant,
  hqName: z.string().max(100),
  /** The key that signs this configuration and the next ones. A different key than the post holds: a rotation. */
  signingKey: HqSigningKey,
  taxonomy: z.strictObject({ phenomena: z.array(ConfigTerm).max(2000) }),
  /** Codes of the priority phenomena, most important first: listed first and marked in forms and filters. */
  priorities: z.array(TermCode).max(100),
  calendar: z.array(ReportingPeriod).max(400),
  /** HQ's age keys bundles are to be encrypted to from now on (as in the HQ key file). */
  recipients: z.array(HqRecipient).min(1).max(10),
  /** The lowest level of detail HQ accepts in a post's exports. */
  minimumLevel: z.enum(EXPORT_LEVELS),
  retention: RetentionRules,
  objectives: Objectives,
});
export type ConfigPayload = z.output<typeof ConfigPayload>;

/**
 * What HQ edits before publishing (the CLI's `config publish --from FILE`, the HQ editor). The taxonomy is HQ's
 * own (its Settings → Taxonomy), the recipients its active age keys, the signing key its own: not in the draft.
 */
export const ConfigDraft = z.strictObject({
  priorities: z.array(TermCode).max(100).default([]),
  calendar: z.array(ReportingPeriod).max(400).default([]),
  minimumLevel: z.enum(EXPORT_LEVELS).default('aggregate'),
  retention: RetentionRules.optional(),
  objectives: Objectives.default([]),
  /** How many days the published file stays valid. */
  validDays: z.number().int().min(1).max(3650).default(DEFAULT_VALID_DAYS),
});
export type ConfigDraft = z.output<typeof ConfigDraft>;

export const PublishInput = z.strictObject({
  draft: ConfigDraft.optional(),
  /** Make a new signing key and announce it in this configuration, signed by the old key and the new one. */
  rotateSigningKey: z.boolean().default(false),
});

/** A file to check or apply: its bytes (dropped or opened in the window; never a path). */
export const ConfigFileInput = z.strictObject({
  bytes: z
    .custom<Uint8Array>((v) => v instanceof Uint8Array, { error: 'The file must be sent as bytes.' })
    .refine((b) => b.byteLength <= MAX_CONFIG_BYTES + 1, { error: 'The file is too large.' }),
  /** Check and show what would change; change nothing. */
  dryRun: z.boolean().default(false),
});

const Count = z.number().int().min(0);
const PreviewTerm = z.strictObject({
  code: TermCode,
  labelEn: z.string(),
  labelNl: z.string(),
  /** Records (not in the trash) that carry the term. */
  records: Count,
});
const RelabelledTerm = PreviewTerm.extend({ beforeEn: z.string(), beforeNl: z.string() });

/** What applying a configuration changes at this post: shown before the officer applies it. */
export const ConfigPreview = z.strictObject({
  version: z.number().int(),
  previousVersion: z.number().int().nullable(),
  hqName: z.string(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  signerFingerprint: Fingerprint,
  /** The new signing key, when this configuration rotates it (signed by the old key and the new). */
  rotatedTo: Fingerprint.nullable(),
  terms: z.strictObject({
    added: z.array(PreviewTerm),
    relabelled: z.array(RelabelledTerm),
    /** Retired now (or withdrawn: HQ no longer lists them). Their records keep the code. */
    retired: z.array(PreviewTerm),
    reinstated: z.array(PreviewTerm),
    /** Moved to another group (or out of one). */
    regrouped: z.array(PreviewTerm.extend({ from: TermCode.nullable(), to: TermCode.nullable() })),
    /** The post's own terms: they stay, local, and map onto HQ codes. */
    local: z.array(PreviewTerm.extend({ mapsTo: TermCode.nullable() })),
  }),
  priorities: z.strictObject({ added: z.array(TermCode), removed: z.array(TermCode), all: z.array(TermCode) }),
  calendar: z.strictObject({
    added: z.array(ReportingPeriod),
    removed: z.array(ReportingPeriod),
    all: z.array(ReportingPeriod),
  }),
  keys: z.strictObject({
    added: z.array(z.strictObject({ fingerprint: Fingerprint, label: z.string() })),
    retired: z.array(z.strictObject({ fingerprint: Fingerprint, label: z.string() })),
  }),
  minimumLevel: z.strictObject({ before: z.enum(EXPORT_LEVELS).nullable(), after: z.enum(EXPORT_LEVELS) }),
  retention: z.strictObject({ before: RetentionRules.nullable(), after: RetentionRules, changed: z.boolean() }),
  objectives: z.strictObject({
    added: z.array(z.string()),
    removed: z.array(z.string()),
    changed: z.array(z.string()),
    count: Count,
    /** The names of the objectives added, changed (as they will be) and removed (as they were), by id. */
    labels: z.record(z.string(), z.strictObject({ labelEn: z.string(), labelNl: z.string() })),
  }),
});
export type ConfigPreview = z.output<typeof ConfigPreview>;

export const ApplyOutcome = z.strictObject({
  applied: z.boolean(),
  preview: ConfigPreview,
});
export type ApplyOutcome = z.output<typeof ApplyOutcome>;

/** The configuration a post holds (or HQ last published), as `config show` and the Network section show it. */
export const NetworkConfigStatus = z.strictObject({
  role: z.enum(['post', 'hq']).nullable(),
  /** Post: the HQ signing key it trusts; HQ: its own current signing key. */
  signingKey: HqSigningKey.nullable(),
  /** The applied (post) or last published (HQ) configuration, or null. */
  current: z
    .strictObject({
      version: z.number().int(),
      issuedAt: z.string(),
      expiresAt: z.string(),
      hqName: z.string(),
      appliedAt: z.string(),
      expired: z.boolean(),
      priorities: z.array(TermCode),
      calendar: z.array(ReportingPeriod),
      minimumLevel: z.enum(EXPORT_LEVELS),
      retention: RetentionRules,
      objectives: Objectives,
      /** HQ only: where the published file was written. */
      file: z.string().nullable(),
    })
    .nullable(),
  /** HQ only: what the next publication starts from. */
  draft: ConfigDraft.nullable(),
});
export type NetworkConfigStatus = z.output<typeof NetworkConfigStatus>;

/** The terms of the phenomenon taxonomy as the network configuration marks them (forms, filters, Settings). */
export const TermMarks = z.strictObject({
  /** Priority phenomena, most important first. */
  priorities: z.array(TermCode),
  /** Codes HQ's configuration manages (not editable at the post). */
  hq: z.array(TermCode),
  /** The post's own terms and the HQ code each maps onto (null: not mapped yet). */
  local: z.record(z.string(), TermCode.nullable()),
});
export type TermMarks = z.output<typeof TermMarks>;

export const MapTermInput = z.strictObject({ code: TermCode, mapsTo: TermCode.nullable() });

/** Why a configuration file was refused: the stable code and its figures (shared/contract/messages.ts). */
export type ConfigRefusal = MessageRef;

/** What HQ's publish answers: the version written and where. */
export const PublishOutcome = z.strictObject({
  version: z.number().int(),
  file: z.string(),
  sha256: z.string(),
});
export type PublishOutcome = z.output<typeof PublishOutcome>;
