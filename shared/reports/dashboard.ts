import { z } from 'zod';
import { CalendarDate, TermCode } from '../records/common';
import { CHANNEL_CODES } from '../taxonomy/channels';
import { CountryCode } from '../validation/primitives';

// HQ's dashboards (and the same views over its own data at a post). Every figure comes with the filters
// that produced it, so a click can open the records behind it (records lists take the same filters).

export const DashboardFilters = z.strictObject({
  from: CalendarDate,
  to: CalendarDate,
  phenomenon: TermCode.optional(),
  country: CountryCode.optional(),
  /** A post code, or "own" for this installation's own records. */
  post: z.string().max(32).optional(),
  channel: z.enum(CHANNEL_CODES).optional(),
});
export type DashboardFilters = z.input<typeof DashboardFilters>;

export const DashboardInput = DashboardFilters.extend({
  /** Posts silent for longer than this many days are flagged under completeness. */
  silentDays: z.number().int().min(1).max(3650).default(45),
});

const Count = z.strictObject({ key: z.string(), count: z.number().int() });
export const Counts = z.array(Count);

const Timeliness = z.strictObject({
  key: z.string(),
  /** Incoming requests with a Directive deadline that were answered or refused. */
  answered: z.number().int(),
  inTime: z.number().int(),
});

export const Dashboard = z.strictObject({
  filters: z.record(z.string(), z.unknown()),
  activity: z.strictObject({
    byMonth: z.array(
      z.strictObject({
        month: z.string(),
        engagements: z.number().int(),
        requests: z.number().int(),
        results: z.number().int(),
      }),
    ),
    engagements: z.strictObject({ operational: z.number().int(), nonOperational: z.number().int() }),
    byPhenomenon: z.array(
      z.strictObject({
        key: z.string(),
        engagements: z.number().int(),
        requests: z.number().int(),
        results: z.number().int(),
      }),
    ),
    byCountry: Counts,
    byPost: z.array(
      z.strictObject({
        key: z.string(),
        engagements: z.number().int(),
        requests: z.number().int(),
        results: z.number().int(),
      }),
    ),
  }),
  channels: z.strictObject({
    mix: Counts,
    euExchanges: z.number().int(),
    euViaSiena: z.number().int(),
    sienaByMonth: z.array(z.strictObject({ month: z.string(), eu: z.number().int(), siena: z.number().int() })),
    nonSienaReasons: Counts,
  }),
  timeliness: z.strictObject({
    byUrgency: z.array(Timeliness),
    byCountry: z.array(Timeliness),
    /** Hours from receipt to answer, incoming requests answered in the period. Null when none. */
    medianHours: z.number().nullable(),
    p90Hours: z.number().nullable(),
    openOverdue: z.number().int(),
  }),
  results: z.strictObject({
    total: z.number().int(),
    byKind: Counts,
    byPhenomenon: Counts,
    byPost: Counts,
    byCountry: Counts,
  }),
  completeness: z.array(
    z.strictObject({
      postId: z.string(),
      postName: z.string(),
      lastExportAt: z.string().nullable(),
      lastPeriod: z.strictObject({ from: z.string(), to: z.string() }).nullable(),
      missing: z.array(z.number().int()),
      silent: z.boolean(),
    }),
  ),
});
export type Dashboard = z.output<typeof Dashboard>;
