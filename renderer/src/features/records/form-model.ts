import type { z } from 'zod';
import type { FieldProblem } from '../../../../shared/contract/result';
import { fieldProblems } from '../../../../shared/validation/field-problems';

// Forms hold exactly what the officer typed (strings for text and dates, arrays for links, booleans for
// ticks), so nothing is lost when a value is invalid. Conversion to the contract happens on submit.

export type FormValues = Record<string, unknown>;
export type FormErrors = Record<string, FieldProblem>;

/** Checks a candidate with the same schema the backend uses. */
export function validate(schema: z.ZodType, candidate: unknown): { ok: true } | { ok: false; errors: FormErrors } {
  const parsed = schema.safeParse(candidate, { reportInput: true });
  return parsed.success ? { ok: true } : { ok: false, errors: fieldProblems(parsed.error) };
}

/** ISO instant -> `YYYY-MM-DDTHH:mm` on the laptop's clock, as a datetime-local input shows it. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Local wall-clock time to an ISO instant; anything unparseable is passed on so validation names it. */
export function fromLocalInput(local: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return local;
  const d = new Date(local); // no zone designator: the browser reads it as local time
  return Number.isNaN(d.getTime()) ? local : d.toISOString();
}

/** Empty optional instant -> null; otherwise as fromLocalInput. */
export function optionalInstant(local: unknown): string | null {
  return typeof local === 'string' && local.trim() !== '' ? fromLocalInput(local) : null;
}

export function optionalDate(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** A number input's text -> number, or null when empty; unparseable text passes on for validation. */
export function optionalNumber(value: unknown): number | string | null {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const n = Number(value.replace(',', '.'));
  return Number.isFinite(n) ? n : value;
}

export function todayLocal(now = new Date()): string {
  return toLocalInput(now.toISOString()).slice(0, 10);
}

// "Last used" values for quick entry: an officer logging several exchanges with the same country should
// not have to pick it every time. Only country codes are remembered, never record content.
const LAST_USED_KEY = 'liaison-log:last-used';
const REMEMBERED = ['counterpartCountry', 'country'] as const;

export function rememberLastUsed(kind: string, record: Record<string, unknown>): void {
  try {
    const all = JSON.parse(localStorage.getItem(LAST_USED_KEY) ?? '{}') as Record<string, Record<string, string>>;
    const mine = all[kind] ?? {};
    for (const field of REMEMBERED) {
      const value = record[field];
      if (typeof value === 'string' && /^[A-Z]{2}$/.test(value)) mine[field] = value;
    }
    all[kind] = mine;
    localStorage.setItem(LAST_USED_KEY, JSON.stringify(all));
  } catch {
    /* storage unavailable: quick entry simply falls back to the post's host country */
  }
}

export function lastUsed(kind: string, field: (typeof REMEMBERED)[number]): string | undefined {
  try {
    const all = JSON.parse(localStorage.getItem(LAST_USED_KEY) ?? '{}') as Record<string, Record<string, string>>;
    return all[kind]?.[field];
  } catch {
    return undefined;
  }
}
