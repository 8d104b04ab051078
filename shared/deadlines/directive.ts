import { TZDate } from '@date-fns/tz';
import { addDays, addHours } from 'date-fns';
import { isEuMemberState } from '../taxonomy/countries';

// Time limits of Directive (EU) 2023/977, Art. 5(1), counted from receipt of the request:
//   urgent, directly accessible information:    8 hours
//   urgent, indirectly accessible information:  3 calendar days
//   all other requests:                          7 calendar days
// Calendar days are counted on the post's wall clock (its IANA time zone), so a request received at 16:00
// is due at 16:00 three or seven days later even across a daylight-saving change; hours are absolute.

export const URGENCIES = ['non_urgent', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const ACCESSIBILITIES = ['direct', 'indirect'] as const;
export type Accessibility = (typeof ACCESSIBILITIES)[number];

export type TimeLimit = { readonly hours: number } | { readonly days: number };

export function timeLimit(urgency: Urgency, accessibility: Accessibility): TimeLimit {
  if (urgency === 'urgent') return accessibility === 'direct' ? { hours: 8 } : { days: 3 };
  return { days: 7 };
}

export interface DeadlineFacts {
  readonly counterpartCountry: string;
  readonly channel: string;
  /** The post's own country: exchanges with it are domestic, not cross-border. */
  readonly homeCountry?: string;
}

/** The Directive covers exchanges with other EU member states, outside the judicial (MLA / EIO) channel. */
export function directiveApplies({ counterpartCountry, channel, homeCountry }: DeadlineFacts): boolean {
  return isEuMemberState(counterpartCountry) && counterpartCountry !== homeCountry && channel !== 'mla_eio';
}

/** The moment a request received at `receivedAt` must be answered, as a UTC ISO string. */
export function dueAt(receivedAt: string, urgency: Urgency, accessibility: Accessibility, timeZone: string): string {
  const limit = timeLimit(urgency, accessibility);
  const received = new Date(receivedAt);
  if ('hours' in limit) return addHours(received, limit.hours).toISOString();
  return new Date(addDays(new TZDate(received.getTime(), timeZone), limit.days).getTime()).toISOString();
}

export type DeadlineState = 'none' | 'met' | 'missed' | 'open' | 'due_soon' | 'overdue';

/**
 * Where a request stands against its deadline at `now`. `dueSoonHours` is the warning window.
 * A request with a judicial-authorisation deviation (Art. 5(2)) is still reported, but as such.
 */
export function deadlineState(
  due: string | null,
  answeredAt: string | null,
  now: Date,
  dueSoonHours = 24,
): DeadlineState {
  if (!due) return 'none';
  const dueMs = Date.parse(due);
  if (answeredAt) return Date.parse(answeredAt) <= dueMs ? 'met' : 'missed';
  const left = dueMs - now.getTime();
  if (left < 0) return 'overdue';
  if (left <= dueSoonHours * 3_600_000) return 'due_soon';
  return 'open';
}
