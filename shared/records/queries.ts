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

/**
 * How far a list counts its matches (the `total` of the answer). Counting every match costs as much as the
 * matches are many (at HQ, hundreds of thousands), so a list counts only as far as asked:
 *  - `page`: no further than the page itself: `total` is `offset` plus the rows returned, and `more` says
 *    that more follow. Costs what the page costs, whatever the size of the data; the list screens ask
 *    this for every page they show.
 *  - `capped` (the default): up to LIST_COUNT_CAP matches past `offset`; beyond that `total` is
 *    `offset + LIST_COUNT_CAP` and `more` is true ("1,000+"). The list screens ask this once the first page
 *    is on screen (with `limit: 0`, nothing but the count).
 *  - `exact`: every match. Costs a read of every match; the list screens ask it only when the officer does.
 */
export const LIST_COUNTS = ['page', 'capped', 'exact'] as const;
export type ListCount = (typeof LIST_COUNTS)[number];
/** How many matches past `offset` a `capped` count counts before it says "more than this". */
export const LIST_COUNT_CAP = 1000;

export const ListRecordsInput = z.strictObject({
  filters: RecordFilters.default({}),
  sort: z.enum(SORTS).default('newest'),
  /** 0: no rows, only the count. */
  limit: z.number().int().min(0).max(1000).default(200),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  count: z.enum(LIST_COUNTS).default('capped'),
});
export type ListRecordsInput = z.input<typeof ListRecordsInput>;

export const RecordRef = z.strictObject({ id: Id });

export function pageOf<T extends z.ZodType>(item: T) {
  return z.strictObject({
    /** The matches counted (see LIST_COUNTS): every match, or with `more` a lower bound. */
    total: z.number().int().min(0),
    /** Present when more than `total` match: the count stopped there (ask with `count: 'exact'` for all). */
    more: z.literal(true).optional(),
    items: z.array(item),
  });
}
/** What a list answers besides its rows: `more` only when the count stopped before the end. */
export type ListCounted = { total: number; more?: true };

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
