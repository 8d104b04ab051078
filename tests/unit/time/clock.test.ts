import { describe, expect, it } from 'vitest';
import {
  dateInZone,
  instantToWallClock,
  isWallClock,
  offsetMinutes,
  parseInstant,
  sameWallClock,
  startOfDateInZone,
  todayIn,
  wallClockToInstant,
} from '../../../shared/time/clock';

// The post's wall clock <-> instants. Every expected instant is worked out by hand from the zone's offsets:
//   Europe/Amsterdam  CET UTC+1, CEST UTC+2; 2026: forward Sun 29 March 02:00 -> 03:00 (01:00Z),
//                     back Sun 25 October 03:00 -> 02:00 (01:00Z), so 02:00-02:59 happens twice.
//   America/Bogota    UTC-5, no daylight saving.      Asia/Tokyo  UTC+9, no daylight saving.
//   Pacific/Chatham   UTC+12:45, summer UTC+13:45; 2026: forward Sun 27 September 02:45 -> 03:45,
//                     back Sun 5 April 03:45 -> 02:45.
//   Pacific/Apia      crossed the date line: Thursday 29 December 2011 23:59 (UTC-10) was followed by
//                     Saturday 31 December 00:00 (UTC+14); 30 December 2011 never happened there.
//   America/Santiago  forward at midnight: 2026-09-06 00:00 -> 01:00 (UTC-4 -> UTC-3).
// This file runs again under other laptop zones (laptop-zone.test.ts): nothing here may depend on TZ.

const AMS = 'Europe/Amsterdam';

function instant(wall: string, zone: string): string {
  const result = wallClockToInstant(wall, zone);
  if (!result.ok) throw new Error(`${wall} in ${zone}: ${JSON.stringify(result.problem)}`);
  return result.instant;
}

describe('the laptop this runs on', () => {
  it('is the zone the laptop-zone test asked for', () => {
    // laptop-zone.test.ts sets LAPTOP_ZONE together with TZ: prove the child really ran on that clock.
    const asked = process.env['LAPTOP_ZONE'];
    if (asked) expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(asked);
  });
});

describe('wallClockToInstant', () => {
  it('reads a time on the post clock, not the laptop one', () => {
    expect(wallClockToInstant('2026-03-07T09:05', 'America/Bogota')).toEqual({
      ok: true,
      instant: '2026-03-07T14:05:00.000Z',
      ambiguous: false,
    });
    expect(instant('2026-03-07T09:05', 'Asia/Tokyo')).toBe('2026-03-07T00:05:00.000Z');
    expect(instant('2026-03-07T09:05', AMS)).toBe('2026-03-07T08:05:00.000Z');
    expect(instant('2026-07-07T09:05', AMS)).toBe('2026-07-07T07:05:00.000Z');
    expect(instant('2026-07-07T09:05', 'UTC')).toBe('2026-07-07T09:05:00.000Z');
  });

  it('refuses a time the clocks jumped over in spring, naming the jump, instead of moving it', () => {
    expect(wallClockToInstant('2026-03-29T02:30', AMS)).toEqual({
      ok: false,
      problem: { code: 'dst_gap', from: '2026-03-29T02:00', to: '2026-03-29T03:00' },
    });
    expect(wallClockToInstant('2026-03-29T02:00', AMS)).toMatchObject({ ok: false, problem: { code: 'dst_gap' } });
    expect(wallClockToInstant('2026-03-29T02:59', AMS)).toMatchObject({ ok: false, problem: { code: 'dst_gap' } });
    // Either side of the jump: the last minute before it and the first after it, one minute apart.
    expect(instant('2026-03-29T01:59', AMS)).toBe('2026-03-29T00:59:00.000Z');
    expect(instant('2026-03-29T03:00', AMS)).toBe('2026-03-29T01:00:00.000Z');
  });

  it('takes the earlier instant of a time the clocks showed twice in autumn, and says so', () => {
    expect(wallClockToInstant('2026-10-25T02:30', AMS)).toEqual({
      ok: true,
      instant: '2026-10-25T00:30:00.000Z', // 02:30 CEST, the first time; the second was 01:30Z
      ambiguous: true,
    });
    expect(wallClockToInstant('2026-10-25T01:59', AMS)).toEqual({
      ok: true,
      instant: '2026-10-24T23:59:00.000Z',
      ambiguous: false,
    });
    expect(wallClockToInstant('2026-10-25T03:00', AMS)).toEqual({
      ok: true,
      instant: '2026-10-25T02:00:00.000Z',
      ambiguous: false,
    });
  });

  it('knows the quarter-hour zone of the Chatham Islands, with its own gap and overlap', () => {
    expect(instant('2026-01-15T12:00', 'Pacific/Chatham')).toBe('2026-01-14T22:15:00.000Z'); // +13:45
    expect(instant('2026-07-15T12:00', 'Pacific/Chatham')).toBe('2026-07-14T23:15:00.000Z'); // +12:45
    expect(wallClockToInstant('2026-09-27T03:00', 'Pacific/Chatham')).toEqual({
      ok: false,
      problem: { code: 'dst_gap', from: '2026-09-27T02:45', to: '2026-09-27T03:45' },
    });
    expect(wallClockToInstant('2026-04-05T03:30', 'Pacific/Chatham')).toEqual({
      ok: true,
      instant: '2026-04-04T13:45:00.000Z', // 03:30 at +13:45, the first time
      ambiguous: true,
    });
  });

  it('refuses the day Samoa skipped when it crossed the date line', () => {
    expect(wallClockToInstant('2011-12-30T12:00', 'Pacific/Apia')).toEqual({
      ok: false,
      problem: { code: 'dst_gap', from: '2011-12-30T00:00', to: '2011-12-31T00:00' },
    });
    expect(instant('2011-12-29T23:59', 'Pacific/Apia')).toBe('2011-12-30T09:59:00.000Z');
    expect(instant('2011-12-31T00:00', 'Pacific/Apia')).toBe('2011-12-30T10:00:00.000Z');
  });

  it('names a gap at midnight', () => {
    expect(wallClockToInstant('2026-09-06T00:30', 'America/Santiago')).toEqual({
      ok: false,
      problem: { code: 'dst_gap', from: '2026-09-06T00:00', to: '2026-09-06T01:00' },
    });
    expect(startOfDateInZone('2026-09-06', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
    expect(startOfDateInZone('2026-03-29', AMS)).toBe('2026-03-28T23:00:00.000Z');
  });

  it('refuses text that is not a wall clock on a real day, and unknown zones', () => {
    for (const bad of [
      '2026-02-30T09:00',
      '2026-03-07T24:00',
      '2026-03-07T09:60',
      '2026-03-07 09:00',
      '2026-03-07T09:00Z',
      '2026-03-07T09:00:00',
      '7-3-2026 09:00',
      '',
    ]) {
      expect(wallClockToInstant(bad, AMS), bad).toEqual({ ok: false, problem: { code: 'wall_clock_format' } });
    }
    expect(wallClockToInstant('2026-03-07T09:00', 'Mars/Olympus')).toEqual({
      ok: false,
      problem: { code: 'invalid_time_zone' },
    });
    expect(isWallClock('2028-02-29T23:59')).toBe(true);
    expect(isWallClock('2026-02-29T23:59')).toBe(false);
  });
});

describe('instantToWallClock and dateInZone', () => {
  it('shows an instant on the post clock', () => {
    expect(instantToWallClock('2026-03-07T14:05:00.000Z', 'America/Bogota')).toBe('2026-03-07T09:05');
    expect(instantToWallClock('2026-03-07T14:05:00.000Z', 'Asia/Tokyo')).toBe('2026-03-07T23:05');
    expect(instantToWallClock('2026-10-25T00:30:00.000Z', AMS)).toBe('2026-10-25T02:30');
    expect(instantToWallClock('2026-10-25T01:30:00.000Z', AMS)).toBe('2026-10-25T02:30');
    expect(instantToWallClock('2026-03-07T09:05:00+09:00', 'UTC')).toBe('2026-03-07T00:05');
  });

  it('puts one instant on different days either side of the date line', () => {
    const at = '2026-06-30T23:30:00.000Z';
    expect(dateInZone(at, 'Pacific/Kiritimati')).toBe('2026-07-01'); // UTC+14
    expect(dateInZone(at, 'Pacific/Pago_Pago')).toBe('2026-06-30'); // UTC-11
    expect(dateInZone(at, 'Pacific/Chatham')).toBe('2026-07-01');
    expect(dateInZone(at, 'America/Bogota')).toBe('2026-06-30');
    // New Year's Eve at a Bogotá post is already the next Article 18 year in Tokyo and Amsterdam.
    const newYear = '2026-12-31T23:30:00.000-05:00';
    expect(dateInZone(newYear, 'America/Bogota')).toBe('2026-12-31');
    expect(dateInZone(newYear, AMS)).toBe('2027-01-01');
  });

  it('never reads text without a zone designator on the laptop clock', () => {
    expect(parseInstant('2026-03-07T09:05')).toBeNull();
    expect(parseInstant('2026-03-07')).toBeNull();
    expect(instantToWallClock('2026-03-07T09:05', AMS)).toBeNull();
    expect(instantToWallClock('not a time', AMS)).toBeNull();
    expect(instantToWallClock('2026-03-07T09:05:00Z', 'Mars/Olympus')).toBeNull();
    expect(parseInstant('2026-03-07T09:05:00.123+0530')).toBe(Date.UTC(2026, 2, 7, 3, 35, 0, 123));
  });

  it('says what day it is on the post clock', () => {
    const now = new Date('2026-03-07T20:00:00.000Z');
    expect(todayIn('America/Bogota', now)).toBe('2026-03-07');
    expect(todayIn('Asia/Tokyo', now)).toBe('2026-03-08');
    expect(() => todayIn('Mars/Olympus', now)).toThrow(RangeError);
  });
});

describe('round trips', () => {
  const zones = [AMS, 'America/Bogota', 'Asia/Tokyo', 'Pacific/Chatham', 'Pacific/Apia', 'America/Santiago', 'UTC'];

  it('every quarter hour of the change days comes back as typed, except the gap, which is refused', () => {
    const days = ['2026-03-29', '2026-10-25', '2026-09-27', '2026-04-05', '2026-09-06', '2026-04-04', '2011-12-30'];
    for (const zone of zones) {
      for (const day of days) {
        for (let minute = 0; minute < 24 * 60; minute += 15) {
          const hh = String(Math.floor(minute / 60)).padStart(2, '0');
          const mm = String(minute % 60).padStart(2, '0');
          const wall = `${day}T${hh}:${mm}`;
          const result = wallClockToInstant(wall, zone);
          if (result.ok) expect(instantToWallClock(result.instant, zone), `${wall} ${zone}`).toBe(wall);
          else expect(result.problem.code, `${wall} ${zone}`).toBe('dst_gap');
        }
      }
    }
  });

  it('every instant of those days comes back from its wall clock, the earlier one where the wall repeats', () => {
    for (const zone of zones) {
      for (const start of [
        '2026-03-28T12:00:00Z',
        '2026-10-24T12:00:00Z',
        '2026-09-26T00:00:00Z',
        '2026-04-04T00:00:00Z',
      ]) {
        for (let k = 0; k < 48 * 4; k++) {
          const at = new Date(Date.parse(start) + k * 15 * 60_000).toISOString();
          const wall = instantToWallClock(at, zone);
          expect(wall).not.toBeNull();
          const back = wallClockToInstant(wall ?? '', zone);
          if (!back.ok) throw new Error(`${at} ${zone}: ${JSON.stringify(back.problem)}`);
          if (back.ambiguous) expect(Date.parse(back.instant)).toBeLessThanOrEqual(Date.parse(at));
          else expect(back.instant, `${at} ${zone}`).toBe(at.replace(/Z$/, '').replace(/(\.\d+)?$/, '.000') + 'Z');
        }
      }
    }
  });
});

describe('whose clock differs', () => {
  it('compares the two zones at that instant, not by name', () => {
    expect(sameWallClock('America/Bogota', 'America/Bogota', '2026-03-07T12:00:00Z')).toBe(true);
    expect(sameWallClock(AMS, 'Europe/Paris', '2026-03-07T12:00:00Z')).toBe(true);
    expect(sameWallClock(AMS, 'America/Bogota', '2026-03-07T12:00:00Z')).toBe(false);
    // London and Lisbon share a clock; Lisbon and Amsterdam differ all year.
    expect(sameWallClock('Europe/London', 'Europe/Lisbon', '2026-07-07T12:00:00Z')).toBe(true);
    // Reykjavik is on UTC all year; London only in winter.
    expect(sameWallClock('Atlantic/Reykjavik', 'Europe/London', '2026-01-07T12:00:00Z')).toBe(true);
    expect(sameWallClock('Atlantic/Reykjavik', 'Europe/London', '2026-07-07T12:00:00Z')).toBe(false);
    expect(offsetMinutes('Pacific/Chatham', '2026-01-07T12:00:00Z')).toBe(825);
    expect(offsetMinutes('America/Bogota', '2026-01-07T12:00:00Z')).toBe(-300);
  });
});
