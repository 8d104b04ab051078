import type { z } from 'zod';
import type { FieldProblem } from '../../../../shared/contract/result';
import { instantToWallClock, todayIn, wallClockToInstant } from '../../../../shared/time/clock';
import { fieldProblems } from '../../../../shared/validation/field-problems';
import { checkDateText, checkDateTimeText } from '../../ui/datetime/parse';
import { useSettings } from '../settings/settings-store';

// Forms hold exactly what the officer typed (strings for text and dates, arrays for links, booleans for
// ticks), so nothing is lost when a value is invalid. Conversion to the contract happens on submit.

export type FormValues = Record<string, unknown>;
export type FormErrors = Record<string, FieldProblem>;

/**
 * Checks a candidate with the same schema the backend uses. A date or time that did not read (see `ClockProblem`)
 * is that field's problem, by its own code; the candidate is then never valid, so it is never sent.
 */
export function validate(schema: z.ZodType, candidate: unknown): { ok: true } | { ok: false; errors: FormErrors } {
  const clock = clockProblems(candidate);
  const parsed = schema.safeParse(candidate, { reportInput: true });
  if (parsed.success && Object.keys(clock).length === 0) return { ok: true };
  return { ok: false, errors: { ...(parsed.success ? {} : fieldProblems(parsed.error)), ...clock } };
}

// Times: the form holds the wall clock on the post's clock (`YYYY-MM-DDTHH:mm`, dates `YYYY-MM-DD`) as the app's
// own inputs give it, or the text as typed when it does not read. The post's zone (settings.timeZone: at HQ the
// same setting is HQ's zone) turns it into an instant here, through shared/time, never the laptop's clock.

/** The post's IANA zone (HQ's at HQ), as the settings hold it. */
export function postTimeZone(): string {
  return useSettings.getState().settings.timeZone;
}

/** The codes of a date or time that has no value, translated in the `datetime` namespace. */
export type ClockProblemCode = 'date_format' | 'time_format' | 'dst_gap';

/**
 * What a date or time field turns into when it has no value: text that does not read as a date or time, or a
 * wall-clock time the clocks jumped over on the post's clock. It is neither raw text nor a shifted instant:
 * `validate` makes it the field's problem, and the schema refuses it should anything else look at it.
 */
export class ClockProblem {
  constructor(
    readonly code: ClockProblemCode,
    /** For `dst_gap`: the wall-clock times either side of the jump (`YYYY-MM-DDTHH:mm`). */
    readonly params?: { from: string; to: string },
  ) {}

  toFieldProblem(): FieldProblem {
    return this.params
      ? { code: this.code, message: CLOCK_MESSAGES[this.code], params: this.params }
      : { code: this.code, message: CLOCK_MESSAGES[this.code] };
  }
}

/** English, for logs; the window shows the `datetime:problem.<code>` text. */
const CLOCK_MESSAGES: Record<ClockProblemCode, string> = {
  date_format: 'Not a date (day-month-year).',
  time_format: 'Not a time on the 24-hour clock.',
  dst_gap: "This time did not exist on the post's clock (the clocks went forward).",
};

function clockProblems(candidate: unknown): FormErrors {
  if (typeof candidate !== 'object' || candidate === null) return {};
  const errors: FormErrors = {};
  for (const [name, value] of Object.entries(candidate)) {
    if (value instanceof ClockProblem) errors[name] = value.toFieldProblem();
  }
  return errors;
}

/** ISO instant -> `YYYY-MM-DDTHH:mm` on the post's clock, as the date-time input holds it; '' when none. */
export function toLocalInput(iso: string | null | undefined, timeZone: string = postTimeZone()): string {
  if (!iso) return '';
  return instantToWallClock(iso, timeZone) ?? '';
}

/**
 * The post's wall clock -> the ISO instant it names. Empty stays empty (the schema says it is required); text
 * that does not read, or a time the clocks jumped over, is a `ClockProblem`. A time the clocks showed twice
 * (autumn) is the earlier instant.
 */
export function fromLocalInput(wall: string, timeZone: string = postTimeZone()): string | ClockProblem {
  if (wall.trim() === '') return '';
  const checked = checkDateTimeText(wall, 'en');
  if (checked.problem) return new ClockProblem(checked.problem.code);
  const result = wallClockToInstant(checked.value, timeZone);
  if (result.ok) return result.instant;
  return result.problem.code === 'dst_gap'
    ? new ClockProblem('dst_gap', { from: result.problem.from, to: result.problem.to })
    : new ClockProblem('time_format');
}

/** Empty optional instant -> null; otherwise as fromLocalInput. */
export function optionalInstant(local: unknown, timeZone: string = postTimeZone()): string | ClockProblem | null {
  return typeof local === 'string' && local.trim() !== '' ? fromLocalInput(local, timeZone) : null;
}

/** Empty optional date -> null; a calendar day -> `YYYY-MM-DD`; anything else a `date_format` problem. */
export function optionalDate(value: unknown): string | ClockProblem | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const checked = checkDateText(value);
  return checked.problem ? new ClockProblem('date_format') : checked.value;
}

/** A number input's text -> number, or null when empty; unparseable text passes on for validation. */
export function optionalNumber(value: unknown): number | string | null {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const n = Number(value.replace(',', '.'));
  return Number.isFinite(n) ? n : value;
}

/** Today on the post's clock (`YYYY-MM-DD`). */
export function todayLocal(now = new Date(), timeZone: string = postTimeZone()): string {
  return todayIn(timeZone, now);
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
