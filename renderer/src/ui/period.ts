import { isCalendarDate as isRealDate, isTimeZone, todayIn as sharedTodayIn } from '../../../shared/time/clock';

// Periods of the overview and the dashboards as calendar dates (YYYY-MM-DD, `to` inclusive), counted on the
// post's clock (HQ: HQ's), the zone in the settings.

export const PERIOD_PRESETS = ['thisQuarter', 'lastQuarter', 'thisYear', 'last12Months'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export interface Period {
  from: string;
  to: string;
}

/**
 * Today's date on a zone's clock, e.g. the post's: the overview's quarters follow the wall clock there. The one
 * shared conversion (shared/time); a zone the platform does not know falls back to UTC rather than failing.
 */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return isTimeZone(timeZone) ? sharedTodayIn(timeZone, now) : sharedTodayIn('UTC', now);
}

function iso(year: number, monthIndex: number, day: number): string {
  return new Date(Date.UTC(year, monthIndex, day)).toISOString().slice(0, 10);
}

/** The period a quick choice stands for, relative to `today`. */
export function presetPeriod(preset: PeriodPreset, today: string): Period {
  const [y = 1970, m = 1, d = 1] = today.split('-').map(Number);
  const quarterStart = Math.floor((m - 1) / 3) * 3; // month index 0, 3, 6 or 9
  switch (preset) {
    case 'thisQuarter':
      return { from: iso(y, quarterStart, 1), to: iso(y, quarterStart + 3, 0) };
    case 'lastQuarter':
      return { from: iso(y, quarterStart - 3, 1), to: iso(y, quarterStart, 0) };
    case 'thisYear':
      return { from: iso(y, 0, 1), to: iso(y, 11, 31) };
    case 'last12Months':
      return { from: iso(y - 1, m - 1, d + 1), to: today };
  }
}

/** `YYYY-MM-DD` naming a real day (not 30 February). */
export function isCalendarDate(value: string): boolean {
  return isRealDate(value);
}

/** Why a custom period cannot be shown, or null when it can. */
export function periodProblem(period: Period): 'invalid_from' | 'invalid_to' | 'reversed' | null {
  if (!isCalendarDate(period.from)) return 'invalid_from';
  if (!isCalendarDate(period.to)) return 'invalid_to';
  return period.from > period.to ? 'reversed' : null;
}

/** "1 Oct – 31 Dec 2026" in the officer's language. */
export function formatPeriod(period: Period, locale: string): string {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const from = new Date(`${period.from}T00:00:00Z`);
  const to = new Date(`${period.to}T00:00:00Z`);
  return period.from === period.to ? format.format(from) : format.formatRange(from, to);
}
