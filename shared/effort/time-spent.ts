import { z } from 'zod';

// Time spent, travel days and travel cost: the effort fields of engagements and requests (issue 14, item 2).
// Officers type them quickly ("1.5", "1,5", "1:30", "90m", "1h30", "2u"); they are stored exactly, as integers:
// time in minutes (quarter-hour steps), travel in half days, cost in euro cents. docs/efficiency.md.

/** The most time one record can carry: a working week and a half. */
export const MAX_TIME_SPENT_MINUTES = 100 * 60;
export const MAX_TRAVEL_DAYS = 365;
/** One million euros, in cents. */
export const MAX_TRAVEL_COST_CENTS = 100_000_000;

export type EffortProblemCode = 'invalid_duration' | 'quarter_hours' | 'too_long' | 'invalid_amount' | 'half_days';

export type Parsed = { ok: true; value: number | null } | { ok: false; code: EffortProblemCode };

const HOURS = String.raw`(\d+(?:[.,]\d+)?)`;

/**
 * Text to minutes. A bare number is hours ("1.5" or "1,5"); "1:30" is hours and minutes; "90m", "90 min" are
 * minutes; "1h30", "1 h 30 m", "2u", "1 uur 15" mix them. Empty means none (null). Quarter-hour steps only.
 */
export function parseTimeSpent(text: string): Parsed {
  const s = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (s === '') return { ok: true, value: null };
  let minutes: number | undefined;
  let m: RegExpMatchArray | null;
  if ((m = s.match(new RegExp(`^${HOURS}$`)))) {
    minutes = Number((m[1] ?? '').replace(',', '.')) * 60;
  } else if ((m = s.match(/^(\d+):([0-5]\d)$/))) {
    minutes = Number(m[1]) * 60 + Number(m[2]);
  } else if ((m = s.match(/^(\d+) ?(?:m|min|mins|minutes?|minuten?)$/))) {
    minutes = Number(m[1]);
  } else if (
    (m = s.match(
      new RegExp(`^${HOURS} ?(?:h|hr|hrs|hours?|u|uur|uren)(?: ?(\\d+) ?(?:m|min|mins|minutes?|minuten?)?)?$`),
    ))
  ) {
    minutes = Number((m[1] ?? '').replace(',', '.')) * 60 + (m[2] ? Number(m[2]) : 0);
  }
  if (minutes === undefined || !Number.isFinite(minutes)) return { ok: false, code: 'invalid_duration' };
  return checkMinutes(minutes);
}

function checkMinutes(minutes: number): Parsed {
  if (!Number.isFinite(minutes) || minutes < 0) return { ok: false, code: 'invalid_duration' };
  // 1.33 hours is 79.8 minutes: not a quarter-hour step either way.
  if (Math.abs(minutes - Math.round(minutes)) > 1e-9 || Math.round(minutes) % 15 !== 0) {
    return { ok: false, code: 'quarter_hours' };
  }
  const value = Math.round(minutes);
  if (value > MAX_TIME_SPENT_MINUTES) return { ok: false, code: 'too_long' };
  return { ok: true, value: value === 0 ? 0 : value };
}

/** Minutes as the field shows them: "1:30". */
export function formatTimeSpent(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '';
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Euros as typed ("1234.50", "1.234,50", "1234,5", "€ 80") to cents; empty means none. */
export function parseEuros(text: string): Parsed {
  const s = text
    .trim()
    .replace(/^€\s*|\s*(€|eur)$/i, '')
    .replace(/\s/g, '');
  if (s === '') return { ok: true, value: null };
  let normalised: string;
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(s)) normalised = s.replace(/\./g, '').replace(',', '.');
  else if (/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(s)) normalised = s.replace(/,/g, '');
  else if (/^\d+([.,]\d{1,2})?$/.test(s)) normalised = s.replace(',', '.');
  else return { ok: false, code: 'invalid_amount' };
  const cents = Math.round(Number(normalised) * 100);
  if (cents > MAX_TRAVEL_COST_CENTS) return { ok: false, code: 'too_long' };
  return { ok: true, value: cents };
}

/** Cents as the field shows them: "1234.50" (a dot, whatever the language: the field accepts both). */
export function formatEuros(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '';
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** Days as typed ("2", "1.5", "1,5"): half-day steps. */
export function parseDays(text: string): Parsed {
  const s = text.trim();
  if (s === '') return { ok: true, value: null };
  if (!/^\d+([.,]\d+)?$/.test(s)) return { ok: false, code: 'invalid_amount' };
  const days = Number(s.replace(',', '.'));
  if (Math.abs(days * 2 - Math.round(days * 2)) > 1e-9) return { ok: false, code: 'half_days' };
  if (days > MAX_TRAVEL_DAYS) return { ok: false, code: 'too_long' };
  return { ok: true, value: days };
}

const MESSAGES: Record<EffortProblemCode, string> = {
  invalid_duration: 'Enter hours like 1.5, 1:30 or 90m.',
  quarter_hours: 'Use quarter-hour steps (for example 0:45 or 1:15).',
  too_long: 'That is more than one record can hold.',
  invalid_amount: 'Enter a number, for example 1.5 or 1234,50.',
  half_days: 'Use half-day steps (for example 1 or 1.5).',
};

/**
 * A field that takes its stored integer (a number) or the officer's text (a string), and stores the integer.
 * Optional without a default: a record that never had effort keeps exactly the fields it had (imports of older
 * bundles store the records as carried).
 */
function effortField(parse: (text: string) => Parsed, check: (n: number) => Parsed) {
  return z
    .union([z.number(), z.string()])
    .nullable()
    .transform((value, ctx): number | null => {
      const parsed =
        value === null ? ({ ok: true, value: null } as const) : typeof value === 'string' ? parse(value) : check(value);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: 'custom', message: MESSAGES[parsed.code], params: { code: parsed.code } });
      return z.NEVER;
    })
    .optional();
}

/** Minutes (a number) or the officer's text; stored as whole minutes in quarter-hour steps. */
export const TimeSpentMinutes = effortField(parseTimeSpent, checkMinutes);
/** Days (a number) or text; half-day steps. */
export const TravelDays = effortField(parseDays, (n) => parseDays(String(n)));
/** Cents (a number) or the officer's text in euros; stored as whole cents. */
export const TravelCostCents = effortField(parseEuros, (n) =>
  Number.isInteger(n) && n >= 0
    ? n > MAX_TRAVEL_COST_CENTS
      ? { ok: false, code: 'too_long' }
      : { ok: true, value: n }
    : { ok: false, code: 'invalid_amount' },
);

/** The effort fields engagements and requests share (all optional). */
export const EFFORT_FIELDS = {
  timeSpentMinutes: TimeSpentMinutes,
  travelDays: TravelDays,
  travelCostCents: TravelCostCents,
};
