import { z } from 'zod';
import { RECORD_KINDS } from '../records/kinds';
import { RecordSummary } from '../records/queries';
import { Id } from '../validation/primitives';
import { RetentionRules } from './rules';

// The channels of retention and data-subject duties (issue 13, item 5): what is due for purge, purging it after
// the officer's confirmation, legal holds, emptying the trash, and "everything about this person" with its
// export and erasure. electron/retention/ answers them; docs/data-protection.md explains the rules.

export const PURGE_REASONS = ['trash_emptied', 'retention', 'erasure', 'tombstone'] as const;
export type PurgeReason = (typeof PURGE_REASONS)[number];

/** The rules in force and where they come from. */
export const RetentionView = z.strictObject({
  rules: RetentionRules,
  /** 'hq': set by HQ's network configuration (applied at appliedAt); 'default': the post's defaults. */
  source: z.enum(['default', 'hq']),
  appliedAt: z.string().nullable(),
  holds: z.array(
    z.strictObject({ caseId: Id, title: z.string(), reason: z.string(), placedAt: z.string(), placedBy: z.string() }),
  ),
});
export type RetentionView = z.output<typeof RetentionView>;

/** A record past its kind's retention period: purged for good once the officer confirms. */
export const DueRecord = z.strictObject({
  kind: z.enum(RECORD_KINDS),
  id: Id,
  title: z.string(),
  /** Its last change; the period runs from here. */
  lastChange: z.string(),
  /** The day it fell due (last change + the period). */
  dueSince: z.string(),
  inTrash: z.boolean(),
  /** HQ: the post it came from; null for this installation's own. */
  originPost: z.string().nullable(),
});
export type DueRecord = z.output<typeof DueRecord>;

/** Personal data within a record that is otherwise kept, past the personal-data period: stripped on confirmation. */
export const DuePersonalData = z.strictObject({
  kind: z.enum(RECORD_KINDS),
  id: Id,
  title: z.string(),
  lastChange: z.string(),
  dueSince: z.string(),
  /** What goes: its free-text notes, its links to people. (A person past the period is a DueRecord.) */
  parts: z.array(z.enum(['notes', 'personLinks'])),
});
export type DuePersonalData = z.output<typeof DuePersonalData>;

export const RetentionDue = z.strictObject({
  records: z.array(DueRecord),
  personalData: z.array(DuePersonalData),
  /** Records past their period that a legal hold keeps. */
  held: z.number().int().min(0),
  /** The lists stop at this many entries each; more may be due. */
  limited: z.boolean(),
});
export type RetentionDue = z.output<typeof RetentionDue>;

const IdBatch = z.array(Id).max(10_000).default([]);

export const RetentionPurgeInput = z.strictObject({
  /** Records to purge: only those still due (and not held) are purged. */
  recordIds: IdBatch,
  /** Records whose personal data to strip: only those still due. */
  personalDataIds: IdBatch,
});

/** After a purge: what went, and what still holds it (backups made before; HQ until the next export). */
export const PurgeOutcome = z.strictObject({
  purged: z.number().int().min(0),
  stripped: z.number().int().min(0),
  /** Backups in the data folder made before this purge: they hold the purged data until rotated or deleted. */
  olderBackups: z.number().int().min(0),
  /** Whether the database was rewritten without free pages (VACUUM). False if another reader held it. */
  compacted: z.boolean(),
});
export type PurgeOutcome = z.output<typeof PurgeOutcome>;

export const EmptyTrashInput = z.strictObject({
  /** The records the officer saw and confirmed; records put in the trash since are left for next time. */
  ids: z.array(Id).min(1).max(10_000),
});

export const LegalHoldInput = z.strictObject({
  caseId: Id,
  held: z.boolean(),
  reason: z.string().trim().max(500).default(''),
});

/** Make a fresh backup, then delete the backups made before it (they hold purged data). */
export const ReplaceBackupsOutcome = z.strictObject({
  made: z.string(),
  removed: z.number().int().min(0),
});
export type ReplaceBackupsOutcome = z.output<typeof ReplaceBackupsOutcome>;

export const PersonRef = z.strictObject({ id: Id });

/** A record that mentions a person by name in its text: listed for the officer to review before erasure. */
export const Mention = z.strictObject({
  record: RecordSummary,
  /** The fields holding the name. */
  fields: z.array(z.string()),
  /** A few words around the first mention. */
  excerpt: z.string(),
});
export type Mention = z.output<typeof Mention>;

/** Everything about one person: for a data-protection officer's request (printable, exportable). */
export const PersonData = z.strictObject({
  generatedAt: z.string(),
  person: z.strictObject({
    id: Id,
    name: z.string(),
    role: z.string(),
    email: z.string(),
    phone: z.string(),
    notes: z.string(),
    organisation: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    deletedAt: z.string().nullable(),
  }),
  /** Records that link to the person (engagements), with their dates and subjects. */
  linked: z.array(RecordSummary),
  mentions: z.array(Mention),
  /** The person's own audit trail: when it was created and changed (not the values). */
  history: z.array(
    z.strictObject({ at: z.string(), action: z.string(), revision: z.number().int(), fields: z.array(z.string()) }),
  ),
  /** Where else the data may be: backups, HQ (with the export level). */
  elsewhere: z.strictObject({ backups: z.number().int().min(0), exportedAt: z.array(z.string()) }),
});
export type PersonData = z.output<typeof PersonData>;

export const SavePersonDataInput = z.strictObject({ id: Id, format: z.enum(['json', 'csv']) });

export const ErasePersonInput = z.strictObject({
  id: Id,
  /** Records whose mentions of the name the officer chose to redact (others are left as they are). */
  redactIn: z.array(Id).max(10_000).default([]),
});

export const ErasureOutcome = z.strictObject({
  purged: z.number().int().min(0),
  unlinked: z.number().int().min(0),
  redacted: z.number().int().min(0),
  olderBackups: z.number().int().min(0),
  compacted: z.boolean(),
});
export type ErasureOutcome = z.output<typeof ErasureOutcome>;
