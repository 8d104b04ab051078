import { TZDate, tzOffset } from '@date-fns/tz';
import { format } from 'date-fns';

// The one place that converts between the post's wall clock and instants. Officers type and read times on the
// post's configured time zone (HQ: HQ's), never on the laptop's: a laptop left on home time while posted
// abroad must not move a request into another day, deadline or statistical year. Everything here takes the
// time zone as an argument and never reads the laptop's own zone; nothing here parses a string without a zone
// designator with `new Date(...)`.
//
// Terms:
//   wall clock  `YYYY-MM-DDTHH:mm`, a time as a clock on the wall of the post shows it (no zone in the text)
//   instant     an ISO 8601 moment with `Z` or an offset, stored as UTC with milliseconds
//   date        `YYYY-MM-DD`, a calendar day on the post's clock

/** `YYYY-MM-DDTHH:mm`: what a date-time input holds. */
export type WallClock = string;

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** An instant must say where it is: `Z` or an offset. Text without one would be read on the laptop's clock. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Why a wall-clock time has no instant. */
export type WallClockProblem =
  /** Not `YYYY-MM-DDTHH:mm`, or not a real calendar moment (30 February, 24:10). */
  | { code: 'wall_clock_format' }
  /** The zone is not an IANA time zone this platform knows. */
  | { code: 'invalid_time_zone' }
  /**
   * The clocks were put forward across this time: it never happened on that wall. `from` and `to` are the
   * wall-clock times either side of the jump (Amsterdam, 29 March 2026: from 02:00 to 03:00).
   */
  | { code: 'dst_gap'; from: WallClock; to: WallClock };

export type WallClockResult =
  | {
      ok: true;
      /** UTC ISO instant with milliseconds, as the contract stores it. */
      instant: string;
      /**
       * True when the clocks were put back across this time, so the wall showed it twice. The earlier of the
       * two instants is chosen (the first time the clock showed it, still on summer time): a deadline counted
       * from it is never later than the officer could have meant.
       */
      ambiguous: boolean;
    }
  | { ok: false; problem: WallClockProblem };

/** The parts of a wall-clock or date text, or null when it is not a real calendar moment. */
function wallParts(text: string): [number, number, number, number, number] | null {
  const m = WALL_CLOCK.exec(text) ?? DATE.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59) return null;
  return [y, mo, d, h, mi];
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for `YYYY-MM-DDTHH:mm` naming a real calendar moment (not 30 February, not 24:00). */
export function isWallClock(text: unknown): text is WallClock {
  return typeof text === 'string' && WALL_CLOCK.test(text) && wallParts(text) !== null;
}

/** True for `YYYY-MM-DD` naming a real calendar day. */
export function isCalendarDate(text: unknown): text is string {
  return typeof text === 'string' && DATE.test(text) && wallParts(text) !== null;
}

const knownZones = new Map<string, boolean>();

/** True when the platform knows the IANA zone. */
export function isTimeZone(timeZone: string): boolean {
  let known = knownZones.get(timeZone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
      known = true;
    } catch {
      known = false;
    }
    if (knownZones.size < 1000) knownZones.set(timeZone, known);
  }
  return known;
}

/** The zone's UTC offset at a moment, in milliseconds (Bogotá: -5 h). */
function offsetAt(timeZone: string, ms: number): number {
  return Math.round(tzOffset(timeZone, new Date(ms)) * MINUTE);
}

/** Milliseconds of an instant text, or null. Text without `Z` or an offset is refused, never read as local. */
export function parseInstant(iso: string | Date): number | null {
  if (iso instanceof Date) return Number.isNaN(iso.getTime()) ? null : iso.getTime();
  if (typeof iso !== 'string' || !INSTANT.test(iso)) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** `YYYY-MM-DDTHH:mm` of a UTC millisecond count read as if it were a wall clock. */
function wallOfUtc(ms: number): WallClock {
  return new Date(ms).toISOString().slice(0, 16);
}

/**
 * The instant at which the post's clock showed `wall`. A time the clocks jumped over (spring) is a problem,
 * never silently moved; a time the clocks showed twice (autumn) is the earlier instant, flagged `ambiguous`.
 */
export function wallClockToInstant(wall: string, timeZone: string): WallClockResult {
  const parts = WALL_CLOCK.test(wall) ? wallParts(wall) : null;
  if (!parts) return { ok: false, problem: { code: 'wall_clock_format' } };
  if (!isTimeZone(timeZone)) return { ok: false, problem: { code: 'invalid_time_zone' } };
  const [y, mo, d, h, mi] = parts;
  // The wall clock read as UTC; the instant is that minus the zone's offset at the instant. Offsets lie within
  // ±14 h, so the offsets in force a day before, at and a day after are the only candidates (Samoa skipping
  // 30 December 2011 included).
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const offsets = new Set([-1, 0, 1].map((days) => offsetAt(timeZone, asUtc + days * 24 * HOUR)));
  const instants = [...offsets]
    .map((offset) => asUtc - offset)
    .filter((ms) => asUtc - offsetAt(timeZone, ms) === ms)
    .sort((a, b) => a - b);
  const first = instants[0];
  if (first !== undefined) {
    return { ok: true, instant: new Date(first).toISOString(), ambiguous: new Set(instants).size > 1 };
  }
  return { ok: false, problem: gap(asUtc, timeZone) };
}

/** The jump around a wall-clock time that does not exist, as the wall-clock times either side of it. */
function gap(asUtc: number, timeZone: string): WallClockProblem {
  // Offsets lie within ±14 h, so the change happened within a day of the wall clock read as UTC: the offsets
  // a day before and after are the ones either side of it. With `early` < `late`, the change T satisfies
  // asUtc - late < T <= asUtc - early; find its minute.
  const early = offsetAt(timeZone, asUtc - 26 * HOUR);
  const late = offsetAt(timeZone, asUtc + 26 * HOUR);
  let lo = asUtc - late; // still on the early offset
  let hi = asUtc - early; // already on the late one
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (offsetAt(timeZone, mid) === early) lo = mid;
    else hi = mid;
  }
  return { code: 'dst_gap', from: wallOfUtc(hi + early), to: wallOfUtc(hi + late) };
}

/** The post's wall clock (`YYYY-MM-DDTHH:mm`) at an instant; null when the instant or the zone is not valid. */
export function instantToWallClock(iso: string | Date, timeZone: string): WallClock | null {
  const ms = parseInstant(iso);
  if (ms === null || !isTimeZone(timeZone)) return null;
  return format(new TZDate(ms, timeZone), "yyyy-MM-dd'T'HH:mm");
}

/** The calendar day (`YYYY-MM-DD`) on the post's clock at an instant; null when not valid. */
export function dateInZone(iso: string | Date, timeZone: string): string | null {
  return instantToWallClock(iso, timeZone)?.slice(0, 10) ?? null;
}

/** Today on the post's clock. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const today = dateInZone(now, timeZone);
  if (today === null) throw new RangeError(`Not a known time zone: ${timeZone}`);
  return today;
}

/** The instant at which a calendar day begins on the post's clock (the first minute that exists, after a gap). */
export function startOfDateInZone(date: string, timeZone: string): string | null {
  if (!isCalendarDate(date) || !isTimeZone(timeZone)) return null;
  const result = wallClockToInstant(`${date}T00:00`, timeZone);
  if (result.ok) return result.instant;
  if (result.problem.code !== 'dst_gap') return null;
  const after = wallClockToInstant(result.problem.to, timeZone);
  return after.ok ? after.instant : null;
}

/** The zone's UTC offset in minutes at an instant (Bogotá: -300, Chatham in summer: 825). */
export function offsetMinutes(timeZone: string, at: string | Date): number | null {
  const ms = parseInstant(at);
  if (ms === null || !isTimeZone(timeZone)) return null;
  return offsetAt(timeZone, ms) / MINUTE;
}

/**
 * True when two zones show the same wall clock at that instant: the renderer shows the zone's label next to
 * a time only when the post's clock and the laptop's differ.
 */
export function sameWallClock(zoneA: string, zoneB: string, at: string | Date): boolean {
  const a = offsetMinutes(zoneA, at);
  return a !== null && a === offsetMinutes(zoneB, at);
}
