import { z } from 'zod';
import { CalendarDate } from '../records/common';
import { englishText, MESSAGE_CODES } from '../contract/messages';
import { CountryCode, Id } from '../validation/primitives';
import {
  EnrolmentFile,
  EXPORT_LEVELS,
  Fingerprint,
  HqRecipient,
  MAX_BUNDLE_BYTES,
  MAX_IMPORT_RUN_BYTES,
  PostId,
} from './formats';

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

/** The largest key or enrolment file read (checked on the file's size before it is read). */
export const MAX_KEY_FILE_BYTES = 1_000_000;

/**
 * HQ enrols a post: the enrolment file the officer chose in the host's dialog, at once (`{}`: the command
 * line and scripts), or the one `posts.readEnrolment` read and showed for the fingerprint check (`token`).
 */
export const EnrolInput = z.union([z.strictObject({}), z.strictObject({ token: Id })]);

/** An enrolment file read for the officer to check (by phone) before HQ trusts its key. */
export const EnrolmentCandidate = z.strictObject({ token: Id, file: EnrolmentFile });
export type EnrolmentCandidate = z.output<typeof EnrolmentCandidate>;

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
  /** How many tombstones (records trashed or purged since the last export carrying their kind) leave too. */
  tombstones: z.number().int().optional(),
  /** Earlier periods sent at the aggregate level whose figures the export restates. */
  restated: z.array(z.strictObject({ from: z.string(), to: z.string() })).optional(),
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

/** Save a copy of an export file: `fileName` (the entry's, no path) is only the name the dialog suggests. */
export const SaveExportCopyInput = z.strictObject({
  exportId: Id,
  fileName: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'Not a file name.' })
    .optional(),
});

/** A dropped bundle: its bytes as a Uint8Array (structured clone, never base64), at most MAX_BUNDLE_BYTES + 1. */
const DroppedFile = z.strictObject({
  name: z.string().trim().min(1).max(260),
  // One byte over the limit is enough for the import to reject the file as too large with its report.
  bytes: z
    .custom<Uint8Array>((v) => v instanceof Uint8Array, { error: 'The file must be sent as bytes.' })
    .superRefine((b, ctx) => {
      if (!(b instanceof Uint8Array) || b.byteLength <= MAX_BUNDLE_BYTES + 1) return;
      // The file's size and the limit, both: "too large" alone does not tell the officer by how much.
      const params = { code: 'too_large', size: b.byteLength, limit: MAX_BUNDLE_BYTES };
      ctx.addIssue({ code: 'custom', message: englishText({ code: 'import.too_large.file', params }), params });
    }),
});

/**
 * Bundles to import: chosen in the host's open dialog (`fromDialog`: the paths reach the backend from the
 * host, which reads each file itself), or dropped onto the page (their bytes, small by the bundle limit).
 */
export const ImportInput = z.union([
  z.strictObject({ fromDialog: z.literal(true), dryRun: z.boolean().default(false) }),
  z.strictObject({
    files: z
      .array(DroppedFile)
      .min(1)
      .max(20)
      .refine((files) => files.reduce((n, f) => n + f.bytes.byteLength, 0) <= MAX_IMPORT_RUN_BYTES, {
        error: `The files dropped at once are at most ${MAX_IMPORT_RUN_BYTES} bytes in all.`,
        params: { code: 'too_large' },
      }),
    dryRun: z.boolean().default(false),
  }),
]);
export type ImportInput = z.input<typeof ImportInput>;

/**
 * What became of one file. `not_reached`: the run was cancelled before it (after earlier files were imported);
 * the file was neither read nor refused, and can be imported later (its reason is `cancelled`).
 */
export const IMPORT_OUTCOMES = ['imported', 'already_imported', 'rejected', 'not_reached'] as const;
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
  'period_reversed',
  'counts_mismatch',
  'created_in_future',
  /** Why a file was not reached (outcome `not_reached`): the import was cancelled after earlier files were imported. */
  'cancelled',
  /** Signed with a key HQ revoked (whatever date the bundle carries). */
  'revoked',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** A message by stable code (shared/contract/messages.ts) with its figures, for the renderer to translate. */
export const MessageRefSchema = z.strictObject({
  code: z.enum(MESSAGE_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const FileReport = z.strictObject({
  file: z.string(),
  outcome: z.enum(IMPORT_OUTCOMES),
  reason: z.enum(REJECTION_REASONS).nullable(),
  /** English, for logs and the command line. */
  message: z.string(),
  /**
   * The outcome's message by code, with its figures (sizes, limits, dates, record numbers): the renderer
   * translates this. Every report the backend makes has it; a report made in the window may not.
   */
  detail: MessageRefSchema.optional(),
  postId: z.string().nullable(),
  exportId: z.string().nullable(),
  sequence: z.number().int().nullable(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Records the post's tombstones took out of HQ's figures and lists (moved to the trash, or purged). */
  removed: z.number().int().optional(),
  /**
   * What else the import did or found, by code, for the report: a restore and the exports it supersedes, a
   * bundle superseded on arrival, a key that continues the post's series, tombstones, restated periods.
   */
  notes: z.array(MessageRefSchema).optional(),
});
export type FileReport = z.output<typeof FileReport>;

export const ImportReport = z.strictObject({
  dryRun: z.boolean(),
  files: z.array(FileReport),
  totals: z.strictObject({
    imported: z.number().int(),
    alreadyImported: z.number().int(),
    rejected: z.number().int(),
    /** Files a cancel left unread (outcome `not_reached`): not counted as rejected. */
    notReached: z.number().int(),
    added: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
  }),
  gaps: z.array(z.strictObject({ postId: z.string(), keyId: z.string(), missing: z.array(z.number().int()) })),
});
export type ImportReport = z.output<typeof ImportReport>;
