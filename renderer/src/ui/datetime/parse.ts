import { isCalendarDate, isWallClock, wallClockToInstant, type WallClockProblem } from '../../../../shared/time/clock';

// What the app's date and time inputs accept and show. Officers type day-month-year in both languages
// (Dutch `dd-mm-jjjj`, English `dd/mm/yyyy`) and a 24-hour time; typing is lenient: `7-3-2026`, `07/03/2026`,
// `7.3.2026`, `07032026`, ISO `2026-03-07`, `7 mrt 2026` / `7 Mar 2026`, times `9:05`, `9.05`, `0905`, `9`,
// `9:05 pm`. The value handed to the form is the wall clock (`YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`) on the post's
// clock; shared/time turns it into an instant on submit. Plain functions, no React: tested with vitest.

export type DateProblemCode = 'date_format' | 'time_format' | 'dst_gap';

export interface DateInputProblem {
  code: DateProblemCode;
  /** For `dst_gap`: the wall-clock times either side of the jump, as the input shows them. */
  params?: { from: string; to: string };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: DateInputProblem };

/** Years an officer can mean; anything else is a typing slip (0202, 20266). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

const MONTHS_EN = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTHS_NL = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

/** A month named in English or Dutch, in full or from its first three letters (`mrt` too); null otherwise. */
function monthFromName(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w === 'mrt') return 3;
  if (w.length < 3) return null;
  for (let i = 0; i < 12; i++) {
    if ((MONTHS_EN[i] ?? '').startsWith(w) || (MONTHS_NL[i] ?? '').startsWith(w)) return i + 1;
  }
  return null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function calendarDate(y: number, m: number, d: number): string | null {
  if (y < MIN_YEAR || y > MAX_YEAR) return null;
  const date = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  return isCalendarDate(date) ? date : null;
}

const DATE_PATTERNS: readonly ((text: string) => string | null)[] = [
  // ISO: 2026-03-07 (also 2026-3-7, 2026/03/07)
  (t) => {
    const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
    return m ? calendarDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  },
  // Day first: 7-3-2026, 07/03/2026, 7.3.2026, 7 3 2026
  (t) => {
    const m = /^(\d{1,2})\s*[-/. ]\s*(\d{1,2})\s*[-/. ]\s*(\d{4})$/.exec(t);
    return m ? calendarDate(Number(m[3]), Number(m[2]), Number(m[1])) : null;
  },
  // Month by name: 7 mrt 2026, 7 March 2026, 7-Mar-2026
  (t) => {
    const m = /^(\d{1,2})[\s-]*([a-z]+\.?)[\s-]*(\d{4})$/i.exec(t);
    const month = m ? monthFromName(m[2] ?? '') : null;
    return m && month ? calendarDate(Number(m[3]), month, Number(m[1])) : null;
  },
  // Eight digits: 07032026 (day first) or 20260307 (ISO); no eight digits are valid both ways.
  (t) => {
    if (!/^\d{8}$/.test(t)) return null;
    return (
      calendarDate(Number(t.slice(4)), Number(t.slice(2, 4)), Number(t.slice(0, 2))) ??
      calendarDate(Number(t.slice(0, 4)), Number(t.slice(4, 6)), Number(t.slice(6)))
    );
  },
];

/** Typed date text -> `YYYY-MM-DD`. Empty text is empty, not a problem: whether it is required is the form's. */
export function parseDateText(text: string): Parsed<string> {
  const t = text.trim();
  if (t === '') return { ok: true, value: '' };
  for (const pattern of DATE_PATTERNS) {
    const date = pattern(t);
    if (date) return { ok: true, value: date };
  }
  return { ok: false, problem: { code: 'date_format' } };
}

// A time: hours, optionally minutes after `:`, `.` or `h`/`u` (9:05, 9.05, 9h05, 9u05) or straight after
// them (0905, 905), then optionally am/pm, or `uur`/`u`/`h` (Dutch "9.05 uur").
const MERIDIEM = String.raw`(am|pm|a\.m\.|p\.m\.|uur|u|h)?`;
const TIME_TEXT = String.raw`(?:\d{1,2}(?:\s*[:.hu]\s*\d{2})?|\d{3,4})\s*` + MERIDIEM.replace('(', '(?:');
const TIME = [
  new RegExp(String.raw`^(\d{1,2})(?:\s*[:.hu]\s*(\d{2}))?\s*` + MERIDIEM + '$'),
  new RegExp(String.raw`^(\d{1,2})(\d{2})\s*` + MERIDIEM + '$'),
];

/** Typed time text -> `HH:mm` on the 24-hour clock. */
export function parseTimeText(text: string): Parsed<string> {
  const t = text.trim().toLowerCase();
  const m = TIME[0]?.exec(t) ?? TIME[1]?.exec(t);
  if (!m) return { ok: false, problem: { code: 'time_format' } };
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  const meridiem = m[3]?.replace(/\./g, '');
  if (meridiem === 'am' || meridiem === 'pm') {
    if (hour < 1 || hour > 12) return { ok: false, problem: { code: 'time_format' } };
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return { ok: false, problem: { code: 'time_format' } };
  return { ok: true, value: `${pad(hour)}:${pad(minute)}` };
}

/** Date, then `T`, a comma or spaces, then the time: the date is what comes before the last time-like word. */
const DATE_TIME = new RegExp(String.raw`^(.*?\d)\s*(?:[T,]\s*|\s+)(` + TIME_TEXT + ')$', 'i');

/**
 * Typed date and time -> `YYYY-MM-DDTHH:mm`. The two are separated by `T`, spaces or a comma
 * (`07/03/2026 9:05`, `2026-03-07T09:05`, `7 Mar 2026, 09:05`). A date without a time is a time problem.
 */
export function parseDateTimeText(text: string): Parsed<string> {
  const t = text.trim();
  if (t === '') return { ok: true, value: '' };
  // The time is the last word (with an optional am/pm after it); what comes before it is the date.
  const split = DATE_TIME.exec(t);
  if (!split) {
    const dateOnly = parseDateText(t);
    return { ok: false, problem: { code: dateOnly.ok ? 'time_format' : 'date_format' } };
  }
  const date = parseDateText(split[1] ?? '');
  if (!date.ok) {
    // `7 3 2026` splits as date `7 3` + time `2026`: try the whole text as a date before blaming the date.
    return { ok: false, problem: { code: parseDateText(t).ok ? 'time_format' : 'date_format' } };
  }
  const time = parseTimeText(split[2] ?? '');
  if (!time.ok) return time;
  return { ok: true, value: `${date.value}T${time.value}` };
}

/** The date as the input shows it: Dutch `07-03-2026`, English `07/03/2026`. Not a date: unchanged. */
export function formatDateText(date: string, language: string): string {
  if (!isCalendarDate(date)) return date;
  const [y, m, d] = date.split('-');
  return language === 'nl' ? `${d}-${m}-${y}` : `${d}/${m}/${y}`;
}

/** Date and time as the input shows them: `07-03-2026 09:05` / `07/03/2026 09:05`. Not a wall clock: unchanged. */
export function formatDateTimeText(wall: string, language: string): string {
  if (!isWallClock(wall)) return wall;
  return `${formatDateText(wall.slice(0, 10), language)} ${wall.slice(11)}`;
}

/**
 * A typed date-time checked against the post's clock: the value the form keeps (the wall clock when it reads,
 * otherwise exactly what was typed) and the problem, if any. A time the clocks jumped over is `dst_gap`, with
 * the times either side as the input shows them; the value stays the wall clock, so the text is kept.
 */
export function checkDateTimeText(
  text: string,
  language: string,
  timeZone?: string,
): { value: string; problem: DateInputProblem | null } {
  const parsed = parseDateTimeText(text);
  if (!parsed.ok) return { value: text, problem: parsed.problem };
  if (parsed.value === '' || !timeZone) return { value: parsed.value, problem: null };
  const instant = wallClockToInstant(parsed.value, timeZone);
  if (instant.ok || instant.problem.code !== 'dst_gap') return { value: parsed.value, problem: null };
  return { value: parsed.value, problem: gapProblem(instant.problem, language) };
}

function gapProblem(problem: Extract<WallClockProblem, { code: 'dst_gap' }>, language: string): DateInputProblem {
  return {
    code: 'dst_gap',
    params: { from: formatDateTimeText(problem.from, language), to: formatDateTimeText(problem.to, language) },
  };
}

/** A typed date checked: the value the form keeps (the date, or the text as typed) and the problem. */
export function checkDateText(text: string): { value: string; problem: DateInputProblem | null } {
  const parsed = parseDateText(text);
  return parsed.ok ? { value: parsed.value, problem: null } : { value: text, problem: parsed.problem };
}

/** What the input shows for a value the form holds: a date or wall clock in the language's form, else as is. */
export function displayText(value: string, language: string): string {
  if (isWallClock(value)) return formatDateTimeText(value, language);
  if (isCalendarDate(value)) return formatDateText(value, language);
  return value;
}

/**
 * A date or wall clock moved by whole days or minutes on the calendar (no zone: the arrow keys step the
 * wall clock the officer reads). Anything else comes back unchanged.
 */
export function shiftWallClock(value: string, by: { days?: number; minutes?: number }): string {
  const dateOnly = isCalendarDate(value);
  if (!dateOnly && !isWallClock(value)) return value;
  const [y, m, d, h, mi] = value.split(/[-T:]/).map(Number) as [number, number, number, number?, number?];
  const ms = Date.UTC(y, m - 1, d + (by.days ?? 0), h ?? 0, (mi ?? 0) + (by.minutes ?? 0));
  const shifted = new Date(ms).toISOString();
  const year = Number(shifted.slice(0, 4));
  if (year < MIN_YEAR || year > MAX_YEAR) return value;
  return dateOnly ? shifted.slice(0, 10) : shifted.slice(0, 16);
}
