import { z } from 'zod';
import { findCountry } from '../taxonomy/countries';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-](\d{2}):(\d{2})))?$/;

/**
 * True when the text names a real calendar moment: JavaScript's Date would quietly turn 30 February into
 * 2 March and 24:00 into the next day, so the parts are checked before anything is parsed.
 */
export function isRealDateTime(text: string, withTime: boolean): boolean {
  const m = DATE_TIME.exec(text);
  if (!m || Boolean(m[4]) !== withTime) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false;
  if (!withTime) return true;
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  const [offsetHours, offsetMinutes] = [Number(m[8] ?? 0), Number(m[9] ?? 0)];
  return hour < 24 && minute < 60 && second < 60 && offsetHours < 24 && offsetMinutes < 60;
}

/** A moment in time, always stored and exchanged as UTC ISO 8601 with milliseconds: 2026-03-01T09:30:00.000Z */
export const Instant = z
  .string()
  .refine((s) => isRealDateTime(s, true), {
    error: 'Enter a valid date and time.',
    params: { code: 'invalid_date' },
  })
  .transform((s) => new Date(s).toISOString());

/** Record ids are UUIDs, stored in lower case; an upper-case id from elsewhere still finds its record. */
export const Id = z.uuid({ error: 'Not a valid record id.' }).transform((id) => id.toLowerCase());

export const CountryCode = z.string().refine((c) => findCountry(c) !== undefined, {
  error: 'Choose a country from the list.',
  params: { code: 'invalid_country' },
});

/** Trimmed single-line text with a length limit; empty is "required". */
export function requiredText(max: number) {
  return z.string().trim().min(1).max(max);
}

export function optionalText(max: number) {
  return z.string().trim().max(max);
}
