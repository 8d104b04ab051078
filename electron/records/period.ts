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

/** From `startsAt` (a UTC ISO instant) on, the wall clock of a time zone is `offsetSeconds` ahead of UTC. */
export interface ClockChange {
  startsAt: string;
  offsetSeconds: number;
}

const clockChangesByZone = new Map<string, readonly ClockChange[]>();

/**
 * Every change of a time zone's UTC offset from 1900 to 2100, so that SQL can turn a moment into its local
 * date with plain date arithmetic (SQLite knows no time zones). The first entry starts at year 0 with the
 * offset of 1900: earlier moments take that offset. The zone is sampled once a day and each change found
 * to the second; the result is kept for the life of the process (a few hundred entries per zone).
 */
export function clockChanges(timeZone: string): readonly ClockChange[] {
  const known = clockChangesByZone.get(timeZone);
  if (known) return known;
  const offset = utcOffsetFunction(timeZone);
  const DAY = 86_400_000;
  const start = Date.UTC(1900, 0, 1);
  const end = Date.UTC(2101, 0, 1);
  let previous = offset(start);
  const changes: ClockChange[] = [{ startsAt: '0000-01-01T00:00:00.000Z', offsetSeconds: previous }];
  for (let t = start + DAY; t <= end; t += DAY) {
    const current = offset(t);
    if (current === previous) continue;
    // The offset is `previous` at lo and `current` at hi: narrow down to the second it changed.
    let lo = t - DAY;
    let hi = t;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (offset(mid) === previous) lo = mid;
      else hi = mid;
    }
    changes.push({ startsAt: new Date(hi).toISOString(), offsetSeconds: current });
    previous = current;
  }
  clockChangesByZone.set(timeZone, changes);
  return changes;
}

/** The UTC offset in seconds of `timeZone` at a moment (ms), from the wall-clock fields Intl gives. */
function utcOffsetFunction(timeZone: string): (ms: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return (ms) => {
    const parts: Record<string, number> = {};
    for (const p of format.formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const wall = Date.UTC(
      parts['year'] ?? 1970,
      (parts['month'] ?? 1) - 1,
      parts['day'] ?? 1,
      parts['hour'] ?? 0,
      parts['minute'] ?? 0,
      parts['second'] ?? 0,
    );
    return (wall - Math.floor(ms / 1000) * 1000) / 1000;
  };
}
