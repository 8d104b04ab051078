import { TZDate } from '@date-fns/tz';

// Periods are calendar days on the post's wall clock: "February" at a post in Bogotá starts at local
// midnight there, not in UTC. Records with a moment (engagements, requests) compare against instants;
// records with a date (results, follow-ups) compare against dates.

/** The day after a YYYY-MM-DD date: periods include `to`, so queries compare with `< nextDay(to)`. */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Local midnight at the start of `date` in `timeZone`, as a UTC ISO instant. */
export function localMidnight(date: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, timeZone).getTime()).toISOString();
}

/** Today's date (YYYY-MM-DD) on the post's clock. */
export function localToday(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** SQL parameters for a period: instants for moments, dates for dated records. */
export function periodParams(from: string, to: string, timeZone: string) {
  return {
    fromInstant: localMidnight(from, timeZone),
    toInstantExclusive: localMidnight(nextDay(to), timeZone),
    fromDate: from,
    toDateExclusive: nextDay(to),
  };
}

/** Results carry a date; engagements and requests a moment. */
export function isDated(kind: string): boolean {
  return kind === 'result';
}
