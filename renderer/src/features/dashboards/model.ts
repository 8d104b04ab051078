import type { RecordKind } from '../../../../shared/records/kinds';
import type { RecordFilters } from '../../../../shared/records/queries';
import type { DashboardFilters } from '../../../../shared/reports/dashboard';
import type { ChannelCode } from '../../../../shared/taxonomy/channels';
import type { Term } from '../../../../shared/taxonomy/terms';
import { canDrill, type Drill } from '../overview/drill';
import { periodProblem, presetPeriod, type Period, type PeriodPreset } from '../../ui/period';

// What the dashboards ask for, and from a figure to the records behind it. Pure, so it can be reasoned
// about apart from the page.

/** The filters as chosen on the page (empty string: all). */
export interface Choice {
  preset: PeriodPreset | 'custom';
  /** The dates as typed when the period is custom. */
  custom: Period;
  phenomenon: string;
  country: string;
  /** A post code, "own" for this installation's own records, or "" for all. */
  post: string;
  channel: ChannelCode | '';
  /** As typed; used when it is a whole number of days from 1 to 3650. */
  silentDays: string;
}

export const DEFAULT_SILENT_DAYS = 45;

export const EMPTY_CHOICE: Choice = {
  preset: 'last12Months',
  custom: { from: '', to: '' },
  phenomenon: '',
  country: '',
  post: '',
  channel: '',
  silentDays: String(DEFAULT_SILENT_DAYS),
};

export function choicePeriod(choice: Choice, today: string): Period {
  return choice.preset === 'custom' ? choice.custom : presetPeriod(choice.preset, today);
}

export function silentDaysOf(choice: Choice): number | null {
  if (!/^\d{1,4}$/.test(choice.silentDays.trim())) return null;
  const n = Number(choice.silentDays);
  return n >= 1 && n <= 3650 ? n : null;
}

/** The filters for the backend, or why there are none yet (a custom period being typed). */
export function filtersOf(
  choice: Choice,
  today: string,
):
  | { filters: DashboardFilters; problem: null }
  | { filters: null; problem: NonNullable<ReturnType<typeof periodProblem>> } {
  const period = choicePeriod(choice, today);
  const problem = periodProblem(period);
  if (problem) return { filters: null, problem };
  const filters: DashboardFilters = { from: period.from, to: period.to };
  if (choice.phenomenon) filters.phenomenon = choice.phenomenon;
  if (choice.country) filters.country = choice.country;
  if (choice.post) filters.post = choice.post;
  if (choice.channel) filters.channel = choice.channel;
  return { filters, problem: null };
}

/**
 * The record list that shows exactly the records behind a figure, or null when no list can. Engagements
 * and results cannot be narrowed by partner country; the channel filter only narrows requests (the
 * dashboards ignore it for engagements and results too).
 */
export function drillFor(kind: RecordKind, f: DashboardFilters, extra: RecordFilters = {}): Drill | null {
  const filters: RecordFilters = { from: f.from, to: f.to };
  if (f.post) filters.post = f.post;
  if (f.phenomenon) filters.phenomenon = f.phenomenon;
  if (kind === 'request') {
    if (f.country) filters.country = f.country;
    if (f.channel) filters.channel = f.channel;
  } else if (f.country) {
    return null;
  }
  const drill: Drill = { kind, filters: { ...filters, ...extra } };
  return canDrill(drill) ? drill : null;
}

/**
 * The list behind one row of a breakdown by phenomenon. A row counts the records tagged with exactly that
 * phenomenon (among those the phenomenon filter lets through); the list for it finds them when the row's
 * phenomenon is the filter itself or falls under it, and has no sub-phenomena of its own.
 */
export function phenomenonDrill(
  kind: RecordKind,
  f: DashboardFilters,
  code: string,
  terms: readonly Term[],
): Drill | null {
  if (!code) return null;
  if (terms.some((t) => t.parentCode === code)) return null;
  if (f.phenomenon && f.phenomenon !== code) {
    const term = terms.find((t) => t.code === code);
    if (term?.parentCode !== f.phenomenon) return null;
  }
  return drillFor(kind, f, { phenomenon: code });
}

/** "5.2 h" below two days, "3.1 days" from there, in the officer's language. */
export function durationParts(hours: number): { unit: 'hours' | 'days'; value: number } {
  return hours < 48 ? { unit: 'hours', value: hours } : { unit: 'days', value: hours / 24 };
}

/** "2026-03" as "Mar 2026" / "mrt 2026". */
export function monthLabel(month: string, locale: string): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
}

/** Every month from `from` to `to` (YYYY-MM-DD), so months without activity show as zero, not as a gap. */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  let [y = 0, m = 1] = period.from.split('-').map(Number);
  const [ty = 0, tm = 1] = period.to.split('-').map(Number);
  while ((y < ty || (y === ty && m <= tm)) && months.length < 600) {
    months.push(`${String(y)}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return months;
}
