import { z } from 'zod';
import { CHANNEL_CODES } from '../taxonomy/channels';
import { CountryCode, Id } from '../validation/primitives';
import { CalendarDate, TermCode } from './common';
import { RECORD_KINDS } from './kinds';
import { RecordOrigin } from './origin';

/** Filters every list offers; each kind uses those that make sense for it and ignores none silently. */
export const RecordFilters = z.strictObject({
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
  phenomenon: TermCode.optional(),
  country: CountryCode.optional(),
  channel: z.enum(CHANNEL_CODES).optional(),
  status: z.string().max(40).optional(),
  direction: z.enum(['incoming', 'outgoing']).optional(),
  kind: z.string().max(40).optional(),
  /** Open requests past their deadline, or engagements with a follow-up due. */
  overdue: z.boolean().optional(),
  /** Records linked to this record (e.g. everything about one organisation or case). */
  linkedTo: Id.optional(),
  /** At HQ: records imported from this post (its id), or 'own' for this installation's own records. */
  post: z.string().min(1).max(32).optional(),
  text: z.string().trim().max(200).optional(),
});
export type RecordFilters = z.input<typeof RecordFilters>;

export const SORTS = ['newest', 'oldest', 'title', 'due'] as const;

export const ListRecordsInput = z.strictObject({
  filters: RecordFilters.default({}),
  sort: z.enum(SORTS).default('newest'),
  limit: z.number().int().min(1).max(1000).default(200),
  offset: z.number().int().min(0).max(10_000_000).default(0),
});
export type ListRecordsInput = z.input<typeof ListRecordsInput>;

export const RecordRef = z.strictObject({ id: Id });

export function pageOf<T extends z.ZodType>(item: T) {
  return z.strictObject({ total: z.number().int().min(0), items: z.array(item) });
}

export function updateOf<T extends z.ZodType>(fields: T) {
  return z.strictObject({ id: Id, revision: z.number().int().positive(), fields });
}

export const AuditEntry = z.strictObject({
  at: z.string(),
  action: z.enum(['create', 'update', 'delete', 'restore']),
  revision: z.number().int(),
  /** field -> [before, after] */
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
});
export type AuditEntry = z.output<typeof AuditEntry>;
export const AuditTrail = z.array(AuditEntry);

/** A hit from full-text search or a row in the trash: enough to show and open the record. */
export const RecordSummary = z.strictObject({
  kind: z.enum(RECORD_KINDS),
  id: Id,
  title: z.string(),
  occurredAt: z.string().nullable(),
  deletedAt: z.string().nullable(),
  /** Null for this installation's own records; the post and import for a record HQ imported. */
  origin: RecordOrigin.nullable(),
});
export type RecordSummary = z.output<typeof RecordSummary>;

export const SearchInput = z.strictObject({
  text: z.string().trim().min(1).max(200),
  limit: z.number().int().min(1).max(200).default(50),
});
