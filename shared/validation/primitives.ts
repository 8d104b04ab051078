import { z } from 'zod';
import { findCountry } from '../taxonomy/countries';

/** A moment in time, always stored and exchanged as UTC ISO 8601 with milliseconds: 2026-03-01T09:30:00.000Z */
export const Instant = z
  .string()
  .refine(
    (s) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
    {
      error: 'Enter a valid date and time.',
      params: { code: 'invalid_date' },
    },
  )
  .transform((s) => new Date(s).toISOString());

export const Id = z.uuid({ error: 'Not a valid record id.' });

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
