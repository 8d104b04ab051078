import { deadlineState, timeLimit, type Accessibility, type Urgency } from './directive';

// Where one request stands against its Directive deadline, with the figures a screen needs to say so:
// "Answered in time (6 h of 8 h)", "Answered 2 days late", "Open, due in 3 h", "Overdue by 5 h".
// The one rule, shared by the form, the list and the dashboards (whose SQL is tested against it in
// tests/unit/deadlines/sql-classification.test.ts):
//   - no deadline (the Directive does not apply): 'none';
//   - an answer time is recorded (answered, or refused with the time of the refusal, whatever the status):
//     'met' when it is at or before the due instant (answered exactly at the due instant is in time),
//     'missed' after it;
//   - no answer time and the status is open: 'open', 'due_soon' (within `dueSoonHours`) or 'overdue' (the
//     due instant has passed: strictly before now);
//   - no answer time and the request was refused or withdrawn: 'closed' (no time to judge; the dashboards
//     leave it out of the timeliness figures too).
//
// Amounts of time are spans: under 1 hour in minutes, under 2 days (48 hours) in hours, otherwise in days of
// 24 hours, counted down to a whole number of the unit but never shown as 0 (20 seconds late is "1 min late").
// The limit is the Directive's own (8 hours, 3 or 7 days) when urgency and accessibility are given, so a
// 7-day limit across a daylight-saving change (167 or 169 hours) still reads "7 days".

export type SpanUnit = 'minutes' | 'hours' | 'days';

export interface Span {
  readonly unit: SpanUnit;
  /** Whole units, at least 1 for any positive amount. */
  readonly value: number;
  /** The exact amount in milliseconds (>= 0). */
  readonly ms: number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** An amount of time in the unit a reader expects: minutes under an hour, hours under 2 days, then days. */
export function span(ms: number): Span {
  const amount = Math.max(0, ms);
  const [unit, size]: [SpanUnit, number] =
    amount < HOUR ? ['minutes', MINUTE] : amount < 2 * DAY ? ['hours', HOUR] : ['days', DAY];
  const value = Math.floor(amount / size);
  return { unit, value: amount > 0 ? Math.max(1, value) : 0, ms: amount };
}

export interface DeadlineInputs {
  /** When the request was received (incoming) or sent (outgoing): the deadline counts from here. */
  readonly exchangedAt: string;
  /** The due instant the backend computed; null where the Directive does not apply. */
  readonly dueAt: string | null;
  readonly answeredAt: string | null;
  readonly status: string;
  readonly urgency?: Urgency;
  readonly accessibility?: Accessibility;
}

export type DeadlineOutcome =
  | { readonly state: 'none' }
  | {
      readonly state: 'met' | 'missed';
      readonly dueAt: string;
      readonly answeredAt: string;
      /** From receipt to the answer. */
      readonly used: Span;
      /** The time limit the request had. */
      readonly limit: Span;
      /** How late the answer came: null when in time. */
      readonly late: Span | null;
    }
  | {
      readonly state: 'open' | 'due_soon';
      readonly dueAt: string;
      readonly limit: Span;
      /** Time left until the due instant. */
      readonly left: Span;
    }
  | {
      readonly state: 'overdue';
      readonly dueAt: string;
      readonly limit: Span;
      /** How long past the due instant. */
      readonly overdueBy: Span;
    }
  | { readonly state: 'closed'; readonly dueAt: string; readonly limit: Span };

export type DeadlineOutcomeState = DeadlineOutcome['state'];

function limitOf(r: DeadlineInputs, due: string): Span {
  const ms = Date.parse(due) - Date.parse(r.exchangedAt);
  if (!r.urgency || !r.accessibility) return span(ms);
  const limit = timeLimit(r.urgency, r.accessibility);
  return 'hours' in limit ? { unit: 'hours', value: limit.hours, ms } : { unit: 'days', value: limit.days, ms };
}

/** Where a request stands against its deadline at `now`, with the figures to show (see the rule above). */
export function deadlineOutcome(r: DeadlineInputs, now: Date, dueSoonHours = 24): DeadlineOutcome {
  const due = r.dueAt;
  if (!due) return { state: 'none' };
  const limit = limitOf(r, due);
  const dueMs = Date.parse(due);
  if (r.answeredAt !== null) {
    const state = deadlineState(due, r.answeredAt, now, dueSoonHours) as 'met' | 'missed';
    const answeredMs = Date.parse(r.answeredAt);
    return {
      state,
      dueAt: due,
      answeredAt: r.answeredAt,
      used: span(answeredMs - Date.parse(r.exchangedAt)),
      limit,
      late: state === 'missed' ? span(answeredMs - dueMs) : null,
    };
  }
  if (r.status !== 'open') return { state: 'closed', dueAt: due, limit };
  const state = deadlineState(due, null, now, dueSoonHours) as 'open' | 'due_soon' | 'overdue';
  if (state === 'overdue') return { state, dueAt: due, limit, overdueBy: span(now.getTime() - dueMs) };
  return { state, dueAt: due, limit, left: span(dueMs - now.getTime()) };
}

/**
 * The two figures the dashboards count for an incoming request, from its outcome: answered (with an answer
 * time and a deadline) and, of those, in time. Outgoing requests are not counted (the partner's deadline).
 */
export function timelinessCounts(outcome: DeadlineOutcome): { answered: 0 | 1; inTime: 0 | 1 } {
  const answered = outcome.state === 'met' || outcome.state === 'missed';
  return { answered: answered ? 1 : 0, inTime: outcome.state === 'met' ? 1 : 0 };
}
