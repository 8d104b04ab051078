import { z } from 'zod';
import { CalendarDate } from '../records/common';
import { CountryCode, Id } from '../validation/primitives';
import { EXPORT_LEVELS, Fingerprint, HqRecipient, PostId } from './formats';

// The IPC side of the exchange between posts and headquarters.

export const ROLES = ['post', 'hq'] as const;
export type Role = (typeof ROLES)[number];

export const Identity = z.strictObject({
  role: z.enum(ROLES).nullable(),
  installationId: z.string(),
  postId: z.string().nullable(),
  postName: z.string(),
  officer: z.string(),
  hqName: z.string(),
  /** Post: this installation's signing key. */
  signingKeyId: z.string().nullable(),
  /** HQ: its own encryption keys (newest first); post: the HQ keys it trusts. */
  hqKeys: z.array(HqRecipient.extend({ retired: z.boolean() })),
});
export type Identity = z.output<typeof Identity>;

/** First-run setup. A post names itself and its officer; HQ names itself. */
export const InitInput = z
  .strictObject({
    role: z.enum(ROLES),
    postId: PostId.optional(),
    postName: z.string().trim().max(100).optional(),
    officer: z.string().trim().max(100).optional(),
    country: CountryCode.nullable().optional(),
    hqName: z.string().trim().max(100).optional(),
  })
  .superRefine((v, ctx) => {
    const required = (path: string, value: string | undefined) => {
      if (!value)
        ctx.addIssue({
          code: 'custom',
          path: [path],
          message: 'This field is required.',
          params: { code: 'required' },
        });
    };
    if (v.role === 'post') {
      required('postId', v.postId);
      required('postName', v.postName);
      required('officer', v.officer);
    } else {
      required('hqName', v.hqName);
    }
  });
export type InitInput = z.input<typeof InitInput>;

/** A small text file handed to the officer to save or send (key files, enrolment files). */
export const TextFile = z.strictObject({ fileName: z.string(), content: z.string() });

export const FileContent = z.strictObject({ content: z.string().min(1).max(1_000_000) });

export const EnrolledKey = z.strictObject({
  keyId: Fingerprint,
  postId: z.string(),
  postName: z.string(),
  officer: z.string(),
  country: z.string().nullable(),
  enrolledAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type EnrolledKey = z.output<typeof EnrolledKey>;

export const PostStatus = z.strictObject({
  postId: z.string(),
  postName: z.string(),
  country: z.string().nullable(),
  keys: z.array(EnrolledKey),
  lastExportAt: z.string().nullable(),
  lastPeriod: z.strictObject({ from: z.string(), to: z.string() }).nullable(),
  bundles: z.number().int(),
  /** Per signing key: sequence numbers that never arrived, and chain links that do not match. */
  gaps: z.array(z.strictObject({ keyId: z.string(), missing: z.array(z.number().int()) })),
  brokenChains: z.array(z.strictObject({ keyId: z.string(), sequence: z.number().int() })),
});
export type PostStatus = z.output<typeof PostStatus>;

export const ExportRequest = z
  .strictObject({ from: CalendarDate, to: CalendarDate, level: z.enum(EXPORT_LEVELS) })
  .refine((r) => r.from <= r.to, {
    error: 'The period ends before it starts.',
    path: ['to'],
    params: { code: 'period_order' },
  });
export type ExportRequest = z.input<typeof ExportRequest>;

export const ExportPreview = z.strictObject({
  level: z.enum(EXPORT_LEVELS),
  counts: z.record(z.string(), z.number().int()),
  /** What is left out at this level, as field names per kind, e.g. { person: ['*'], engagement: ['notes'] }. */
  leftOut: z.record(z.string(), z.array(z.string())),
  /** The first records exactly as they would leave the laptop. */
  sample: z.array(z.record(z.string(), z.unknown())),
  recipients: z.array(z.string()),
});
export type ExportPreview = z.output<typeof ExportPreview>;

export const ExportEntry = z.strictObject({
  exportId: Id,
  sequence: z.number().int(),
  keyId: z.string(),
  fileName: z.string(),
  path: z.string(),
  sha256: z.string(),
  from: z.string(),
  to: z.string(),
  level: z.enum(EXPORT_LEVELS),
  counts: z.record(z.string(), z.number().int()),
  createdAt: z.string(),
});
export type ExportEntry = z.output<typeof ExportEntry>;

export const ImportFiles = z.strictObject({
  files: z
    .array(z.strictObject({ name: z.string().max(260), base64: z.string().max(140_000_000) }))
    .min(1)
    .max(500),
  dryRun: z.boolean().default(false),
});

export const IMPORT_OUTCOMES = ['imported', 'already_imported', 'rejected'] as const;
export const REJECTION_REASONS = [
  'not_a_bundle',
  'truncated',
  'tampered',
  'not_addressed_to_us',
  'unknown_post',
  'version_too_new',
  'invalid_record',
  'too_large',
  'unreadable',
] as const;

export const FileReport = z.strictObject({
  file: z.string(),
  outcome: z.enum(IMPORT_OUTCOMES),
  reason: z.enum(REJECTION_REASONS).nullable(),
  message: z.string(),
  postId: z.string().nullable(),
  exportId: z.string().nullable(),
  sequence: z.number().int().nullable(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type FileReport = z.output<typeof FileReport>;

export const ImportReport = z.strictObject({
  dryRun: z.boolean(),
  files: z.array(FileReport),
  totals: z.strictObject({
    imported: z.number().int(),
    alreadyImported: z.number().int(),
    rejected: z.number().int(),
    added: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
  }),
  gaps: z.array(z.strictObject({ postId: z.string(), keyId: z.string(), missing: z.array(z.number().int()) })),
});
export type ImportReport = z.output<typeof ImportReport>;
