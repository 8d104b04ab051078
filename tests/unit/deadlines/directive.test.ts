import { describe, it, expect } from 'vitest';
import {
  deadlineState,
  directiveApplies,
  dueAt,
  timeLimit,
  type Accessibility,
  type Urgency,
} from '../../../shared/deadlines/directive';
import { DEFAULT_COUNTRIES } from '../../../shared/taxonomy/countries';

// Directive (EU) 2023/977, Art. 5(1): urgent + directly accessible 8 hours; urgent + indirectly accessible
// 3 calendar days; everything else 7 calendar days. Days are counted on the post's wall clock, hours are
// absolute. Every expected instant below is worked out by hand from the UTC offsets of the zone:
//   Europe/Amsterdam: CET = UTC+1, CEST = UTC+2; 2026 changes on Sun 29 March (02:00 CET -> 03:00 CEST,
//   i.e. at 01:00Z) and Sun 25 October (03:00 CEST -> 02:00 CET, i.e. at 01:00Z).
//   America/Bogota: UTC-5, no daylight saving. Asia/Tokyo: UTC+9, no daylight saving.

const AMS = 'Europe/Amsterdam';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const ms = (iso: string) => Date.parse(iso);

describe('timeLimit: the three limits of Art. 5(1)', () => {
  it.each<[Urgency, Accessibility, ReturnType<typeof timeLimit>]>([
    ['urgent', 'direct', { hours: 8 }],
    ['urgent', 'indirect', { days: 3 }],
    ['non_urgent', 'direct', { days: 7 }],
    ['non_urgent', 'indirect', { days: 7 }],
  ])('%s + %s -> %o', (urgency, accessibility, limit) => {
    expect(timeLimit(urgency, accessibility)).toEqual(limit);
  });
});

describe('dueAt: ordinary days (no clock change in between)', () => {
  it('urgent, directly accessible: exactly 8 hours later', () => {
    expect(dueAt('2026-05-12T09:15:00.000Z', 'urgent', 'direct', AMS)).toBe('2026-05-12T17:15:00.000Z');
  });

  it('urgent, indirectly accessible: the same wall-clock time 3 days later', () => {
    // Tue 12 May 16:00 CEST -> Fri 15 May 16:00 CEST
    expect(dueAt('2026-05-12T14:00:00.000Z', 'urgent', 'indirect', AMS)).toBe('2026-05-15T14:00:00.000Z');
  });

  it('not urgent: the same wall-clock time 7 days later, whatever the accessibility', () => {
    expect(dueAt('2026-05-12T14:00:00.000Z', 'non_urgent', 'direct', AMS)).toBe('2026-05-19T14:00:00.000Z');
    expect(dueAt('2026-05-12T14:00:00.000Z', 'non_urgent', 'indirect', AMS)).toBe('2026-05-19T14:00:00.000Z');
  });

  it('accepts an instant with an offset and answers in UTC with milliseconds', () => {
    expect(dueAt('2026-05-12T16:00+02:00', 'non_urgent', 'direct', AMS)).toBe('2026-05-19T14:00:00.000Z');
  });
});

describe('dueAt: around midnight on the post’s wall clock', () => {
  it('received at 23:59 local: due at 23:59 local, not rolled over to the next day', () => {
    // Thu 14 May 23:59 CEST = 21:59Z -> Thu 21 May 23:59 CEST
    expect(dueAt('2026-05-14T21:59:00.000Z', 'non_urgent', 'direct', AMS)).toBe('2026-05-21T21:59:00.000Z');
    expect(dueAt('2026-05-14T21:59:00.000Z', 'urgent', 'indirect', AMS)).toBe('2026-05-17T21:59:00.000Z');
  });

  it('received at 00:00 local (the previous day in UTC): counted from the local day', () => {
    // Fri 15 May 00:00 CEST = Thu 14 May 22:00Z -> Fri 22 May 00:00 CEST = 21 May 22:00Z
    expect(dueAt('2026-05-14T22:00:00.000Z', 'non_urgent', 'direct', AMS)).toBe('2026-05-21T22:00:00.000Z');
  });

  it('the 8-hour limit across midnight is 8 real hours', () => {
    // 20:30 CEST -> 04:30 CEST the next morning
    expect(dueAt('2026-05-14T18:30:00.000Z', 'urgent', 'direct', AMS)).toBe('2026-05-15T02:30:00.000Z');
  });
});

describe('dueAt: daylight-saving changes in Europe/Amsterdam (2026)', () => {
  it('spring forward (29 March): 7 calendar days are 7×24 − 1 hours', () => {
    // Fri 27 March 16:00 CET = 15:00Z -> Fri 3 April 16:00 CEST = 14:00Z
    const received = '2026-03-27T15:00:00.000Z';
    const due = dueAt(received, 'non_urgent', 'direct', AMS);
    expect(due).toBe('2026-04-03T14:00:00.000Z');
    expect(ms(due) - ms(received)).toBe(7 * DAY - HOUR);
  });

  it('spring forward: 3 calendar days are 3×24 − 1 hours', () => {
    // Sat 28 March 16:00 CET = 15:00Z -> Tue 31 March 16:00 CEST = 14:00Z
    const due = dueAt('2026-03-28T15:00:00.000Z', 'urgent', 'indirect', AMS);
    expect(due).toBe('2026-03-31T14:00:00.000Z');
    expect(ms(due) - ms('2026-03-28T15:00:00.000Z')).toBe(3 * DAY - HOUR);
  });

  it('fall back (25 October): 7 calendar days are 7×24 + 1 hours', () => {
    // Fri 23 October 16:00 CEST = 14:00Z -> Fri 30 October 16:00 CET = 15:00Z
    const received = '2026-10-23T14:00:00.000Z';
    const due = dueAt(received, 'non_urgent', 'direct', AMS);
    expect(due).toBe('2026-10-30T15:00:00.000Z');
    expect(ms(due) - ms(received)).toBe(7 * DAY + HOUR);
  });

  it('fall back: received just after local midnight on the night of the change', () => {
    // Sun 25 October 00:30 CEST = Sat 24 October 22:30Z -> Wed 28 October 00:30 CET = 27 October 23:30Z
    expect(dueAt('2026-10-24T22:30:00.000Z', 'urgent', 'indirect', AMS)).toBe('2026-10-27T23:30:00.000Z');
  });

  it('received at 23:59 local the evening before spring forward', () => {
    // Sat 28 March 23:59 CET = 22:59Z -> Sat 4 April 23:59 CEST = 21:59Z
    expect(dueAt('2026-03-28T22:59:00.000Z', 'non_urgent', 'direct', AMS)).toBe('2026-04-04T21:59:00.000Z');
  });

  it('received at 00:00 local on the day of spring forward', () => {
    // Sun 29 March 00:00 CET = 28 March 23:00Z -> Sun 5 April 00:00 CEST = 4 April 22:00Z
    expect(dueAt('2026-03-28T23:00:00.000Z', 'non_urgent', 'direct', AMS)).toBe('2026-04-04T22:00:00.000Z');
  });

  it('received after the change on the same night keeps its wall-clock time', () => {
    // Sun 29 March 03:30 CEST = 01:30Z -> Sun 5 April 03:30 CEST = 01:30Z (exactly 7×24 h: both CEST)
    expect(dueAt('2026-03-29T01:30:00.000Z', 'non_urgent', 'direct', AMS)).toBe('2026-04-05T01:30:00.000Z');
  });

  it('a due time that falls in the skipped hour still lies after the receipt and within a day of 7×24 h', () => {
    // Sun 22 March 02:30 CET -> Sun 29 March 02:30 does not exist on the wall clock.
    const received = '2026-03-22T01:30:00.000Z';
    const due = ms(dueAt(received, 'non_urgent', 'direct', AMS));
    expect(Math.abs(due - (ms(received) + 7 * DAY))).toBeLessThanOrEqual(HOUR);
  });

  it('the 8-hour limit across spring forward stays absolute (the wall clock shows 9 hours later)', () => {
    // Sat 28 March 21:00 CET = 20:00Z; +8 h = 29 March 04:00Z = 06:00 CEST
    expect(dueAt('2026-03-28T20:00:00.000Z', 'urgent', 'direct', AMS)).toBe('2026-03-29T04:00:00.000Z');
  });

  it('the 8-hour limit across fall back stays absolute (the wall clock shows 7 hours later)', () => {
    // Sat 24 October 22:00 CEST = 20:00Z; +8 h = 25 October 04:00Z = 05:00 CET
    expect(dueAt('2026-10-24T20:00:00.000Z', 'urgent', 'direct', AMS)).toBe('2026-10-25T04:00:00.000Z');
  });

  it('is not a fixed number of hours: the same receipt gives different results in a zone without DST', () => {
    const received = '2026-03-27T15:00:00.000Z';
    expect(dueAt(received, 'non_urgent', 'direct', 'UTC')).toBe('2026-04-03T15:00:00.000Z');
    expect(dueAt(received, 'non_urgent', 'direct', AMS)).not.toBe(dueAt(received, 'non_urgent', 'direct', 'UTC'));
  });
});

describe('dueAt: far time zones', () => {
  it('America/Bogota (UTC−5): 23:59 local on the last day of February is in March in UTC', () => {
    // Sat 28 Feb 23:59 COT = 1 March 04:59Z -> Sat 7 March 23:59 COT = 8 March 04:59Z
    expect(dueAt('2026-03-01T04:59:00.000Z', 'non_urgent', 'direct', 'America/Bogota')).toBe(
      '2026-03-08T04:59:00.000Z',
    );
  });

  it('America/Bogota has no DST, so European clock changes do not move its deadlines', () => {
    const received = '2026-03-27T15:00:00.000Z';
    expect(ms(dueAt(received, 'non_urgent', 'direct', 'America/Bogota')) - ms(received)).toBe(7 * DAY);
    expect(ms(dueAt(received, 'urgent', 'indirect', 'America/Bogota')) - ms(received)).toBe(3 * DAY);
  });

  it('Asia/Tokyo (UTC+9): 00:00 local is the previous day in UTC', () => {
    // Wed 1 April 00:00 JST = 31 March 15:00Z -> Sat 4 April 00:00 JST = 3 April 15:00Z
    expect(dueAt('2026-03-31T15:00:00.000Z', 'urgent', 'indirect', 'Asia/Tokyo')).toBe('2026-04-03T15:00:00.000Z');
  });

  it('the 8-hour limit is the same instant in every zone', () => {
    const received = '2026-10-24T20:00:00.000Z';
    const expected = '2026-10-25T04:00:00.000Z';
    for (const zone of [AMS, 'America/Bogota', 'Asia/Tokyo', 'UTC']) {
      expect(dueAt(received, 'urgent', 'direct', zone)).toBe(expected);
    }
  });
});

describe('directiveApplies: exchanges with other EU member states, outside MLA/EIO', () => {
  it('applies to another member state through SIENA, Interpol, SIS/SIRENE, bilateral or other', () => {
    for (const channel of ['siena', 'interpol', 'sis_sirene', 'bilateral', 'other']) {
      expect(directiveApplies({ counterpartCountry: 'DE', channel, homeCountry: 'NL' }), channel).toBe(true);
    }
  });

  it('does not apply to mutual legal assistance / EIO', () => {
    expect(directiveApplies({ counterpartCountry: 'DE', channel: 'mla_eio', homeCountry: 'NL' })).toBe(false);
  });

  it('does not apply to countries outside the EU (including Schengen and former members)', () => {
    for (const country of ['CO', 'US', 'GB', 'CH', 'NO', 'TR', 'MA']) {
      expect(directiveApplies({ counterpartCountry: country, channel: 'siena', homeCountry: 'NL' }), country).toBe(
        false,
      );
    }
  });

  it('does not apply to the post’s own country (domestic, not cross-border)', () => {
    expect(directiveApplies({ counterpartCountry: 'NL', channel: 'siena', homeCountry: 'NL' })).toBe(false);
    expect(directiveApplies({ counterpartCountry: 'BE', channel: 'siena', homeCountry: 'BE' })).toBe(false);
    expect(directiveApplies({ counterpartCountry: 'NL', channel: 'siena', homeCountry: 'BE' })).toBe(true);
  });

  it('knows exactly 27 member states', () => {
    const members = DEFAULT_COUNTRIES.filter((c) =>
      directiveApplies({ counterpartCountry: c.code, channel: 'siena', homeCountry: 'XK' }),
    ).map((c) => c.code);
    expect(members).toHaveLength(27);
    expect(members).toEqual(expect.arrayContaining(['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI']));
    expect(members).toEqual(expect.arrayContaining(['FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT']));
    expect(members).toEqual(expect.arrayContaining(['NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK']));
  });

  it('an unknown country code is not a member state', () => {
    expect(directiveApplies({ counterpartCountry: 'ZZ', channel: 'siena', homeCountry: 'NL' })).toBe(false);
  });
});

describe('deadlineState', () => {
  const due = '2026-05-10T12:00:00.000Z';
  const now = new Date('2026-05-08T12:00:00.000Z');

  it('none without a deadline, answered or not', () => {
    expect(deadlineState(null, null, now)).toBe('none');
    expect(deadlineState(null, '2026-05-09T00:00:00.000Z', now)).toBe('none');
  });

  it('met when answered before or exactly at the deadline, whatever the time now', () => {
    expect(deadlineState(due, '2026-05-09T08:00:00.000Z', now)).toBe('met');
    expect(deadlineState(due, due, new Date('2027-01-01T00:00:00.000Z'))).toBe('met');
  });

  it('missed when answered after the deadline, even by a millisecond', () => {
    expect(deadlineState(due, '2026-05-10T12:00:00.001Z', now)).toBe('missed');
  });

  it('open while more than the warning window is left', () => {
    expect(deadlineState(due, null, now)).toBe('open');
    expect(deadlineState(due, null, new Date(ms(due) - 24 * HOUR - 1))).toBe('open');
  });

  it('due_soon within the warning window (24 hours by default), including the deadline itself', () => {
    expect(deadlineState(due, null, new Date(ms(due) - 24 * HOUR))).toBe('due_soon');
    expect(deadlineState(due, null, new Date(ms(due) - HOUR))).toBe('due_soon');
    expect(deadlineState(due, null, new Date(ms(due)))).toBe('due_soon');
  });

  it('the warning window can be changed', () => {
    expect(deadlineState(due, null, now, 48)).toBe('due_soon');
    expect(deadlineState(due, null, new Date(ms(due) - 2 * HOUR), 1)).toBe('open');
  });

  it('overdue once the deadline has passed without an answer', () => {
    expect(deadlineState(due, null, new Date(ms(due) + 1))).toBe('overdue');
  });
});
