import { z } from 'zod';
import { CalendarDate } from '../records/common';
import { Id } from '../validation/primitives';

/** Counts keyed by a code (phenomenon, country, channel, kind), most frequent first. */
export const Breakdown = z.array(z.strictObject({ key: z.string(), count: z.number().int() }));
export type Breakdown = z.output<typeof Breakdown>;

export const OverviewInput = z.strictObject({ from: CalendarDate, to: CalendarDate });

/** The officer's own overview of a period: what was done, for which phenomena, where, how, how fast. */
export const Overview = z.strictObject({
  from: z.string(),
  to: z.string(),
  engagements: z.strictObject({
    total: z.number().int(),
    operational: z.number().int(),
    nonOperational: z.number().int(),
    byPhenomenon: Breakdown,
    byCountry: Breakdown,
  }),
  requests: z.strictObject({
    total: z.number().int(),
    incoming: z.number().int(),
    outgoing: z.number().int(),
    byPhenomenon: Breakdown,
    byCountry: Breakdown,
    byChannel: Breakdown,
    /** Exchanges with other EU member states, and how many of them went through SIENA. */
    euExchanges: z.number().int(),
    euViaSiena: z.number().int(),
    /** Requests with a Directive deadline that were answered, and how many of those in time. */
    answeredWithDeadline: z.number().int(),
    answeredInTime: z.number().int(),
    openOverdue: z.number().int(),
  }),
  results: z.strictObject({
    total: z.number().int(),
    byKind: Breakdown,
    byPhenomenon: Breakdown,
  }),
});
export type Overview = z.output<typeof Overview>;

export const AttentionInput = z.strictObject({
  /** Warn about requests due within this many hours. */
  dueWithinHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(48),
  /** Partner organisations not contacted for this many days (default: the setting). */
  quietDays: z.number().int().min(1).max(3650).optional(),
});

const AttentionItem = z.strictObject({
  id: Id,
  title: z.string(),
  /** Deadline (requests), follow-up date (engagements) or last contact (organisations; null = never). */
  at: z.string().nullable(),
  country: z.string().nullable(),
});

/** What needs the officer now: deadlines, follow-ups, partners losing touch. */
export const Attention = z.strictObject({
  overdueRequests: z.array(AttentionItem),
  dueSoonRequests: z.array(AttentionItem),
  followUps: z.array(AttentionItem),
  quietOrganisations: z.array(AttentionItem),
  /**
   * Post: reporting periods of HQ's network configuration whose export is overdue or due within a week, not yet
   * made. Absent when there are none (or no configuration).
   */
  exportsDue: z
    .array(z.strictObject({ from: z.string(), to: z.string(), due: z.string(), overdue: z.boolean() }))
    .optional(),
});
export type Attention = z.output<typeof Attention>;
