import { describe, expect, it } from 'vitest';
import {
  checkDateText,
  checkDateTimeText,
  displayText,
  formatDateText,
  formatDateTimeText,
  parseDateText,
  parseDateTimeText,
  parseTimeText,
  shiftWallClock,
} from '../../../renderer/src/ui/datetime/parse';

// What the app's own date and time inputs accept: day-month-year in both languages, 24-hour times, typed
// leniently; the value is the wall clock, and text that does not read keeps what was typed with a code.

describe('parseDateText', () => {
  it('reads day-first dates with any separator, ISO dates, month names and eight digits', () => {
    const march7 = { ok: true, value: '2026-03-07' };
    for (const text of [
      '7-3-2026',
      '07-03-2026',
      '07/03/2026',
      '7/3/2026',
      '7.3.2026',
      '7 3 2026',
      ' 7-3-2026 ',
      '2026-03-07',
      '2026-3-7',
      '7 mrt 2026',
      '7 maart 2026',
      '7 Mar 2026',
      '7 March 2026',
      '7-mrt.-2026',
      '07032026',
      '20260307',
    ]) {
      expect(parseDateText(text), text).toEqual(march7);
    }
    expect(parseDateText('28 okt 2026')).toEqual({ ok: true, value: '2026-10-28' });
    expect(parseDateText('1 mei 2026')).toEqual({ ok: true, value: '2026-05-01' });
    expect(parseDateText('29-02-2028')).toEqual({ ok: true, value: '2028-02-29' });
  });

  it('reads 03/07 as 3 July in English too: day first, as the hint says', () => {
    expect(parseDateText('03/07/2026')).toEqual({ ok: true, value: '2026-07-03' });
  });

  it('is empty, not wrong, when nothing is typed', () => {
    expect(parseDateText('')).toEqual({ ok: true, value: '' });
    expect(parseDateText('   ')).toEqual({ ok: true, value: '' });
  });

  it('refuses days that do not exist, two-digit and far-off years, and words', () => {
    for (const text of [
      '29-02-2026',
      '31-04-2026',
      '0-3-2026',
      '7-13-2026',
      '7-3-26',
      '7-3-0202',
      '7-3-20266',
      'morgen',
      '7 ma 2026',
      '2026-03-07T09:00',
    ]) {
      expect(parseDateText(text), text).toEqual({ ok: false, problem: { code: 'date_format' } });
    }
  });
});

describe('parseTimeText', () => {
  it('reads the 24-hour clock and a few ways of writing it', () => {
    const cases: Record<string, string> = {
      '9:05': '09:05',
      '09:05': '09:05',
      '9.05': '09:05',
      '9h05': '09:05',
      '9u05': '09:05',
      '9.05 uur': '09:05',
      '905': '09:05',
      '0905': '09:05',
      '9': '09:00',
      '23:59': '23:59',
      '0:00': '00:00',
      '9:05 pm': '21:05',
      '12:30 am': '00:30',
      '12 pm': '12:00',
    };
    for (const [text, value] of Object.entries(cases)) expect(parseTimeText(text), text).toEqual({ ok: true, value });
  });

  it('refuses times that are not on the clock', () => {
    for (const text of ['24:00', '9:60', '13 pm', '0 am', '9:5', 'noon', '']) {
      expect(parseTimeText(text), text).toEqual({ ok: false, problem: { code: 'time_format' } });
    }
  });
});

describe('parseDateTimeText', () => {
  it('reads the examples officers type', () => {
    const cases: Record<string, string> = {
      '7-3-2026 9:05': '2026-03-07T09:05',
      '07/03/2026 9:05': '2026-03-07T09:05',
      '07-03-2026 09:05': '2026-03-07T09:05',
      '2026-03-07T09:05': '2026-03-07T09:05',
      '2026-03-07 09:05': '2026-03-07T09:05',
      '7 mrt 2026, 14:05': '2026-03-07T14:05',
      '28 Nov 2026, 14:05': '2026-11-28T14:05',
      '7 3 2026 9': '2026-03-07T09:00',
      '07032026 0905': '2026-03-07T09:05',
      '7-3-2026 9:05 pm': '2026-03-07T21:05',
    };
    for (const [text, value] of Object.entries(cases)) {
      expect(parseDateTimeText(text), text).toEqual({ ok: true, value });
    }
  });

  it('blames the part that is wrong', () => {
    expect(parseDateTimeText('7-3-2026')).toEqual({ ok: false, problem: { code: 'time_format' } });
    expect(parseDateTimeText('7 3 2026')).toEqual({ ok: false, problem: { code: 'time_format' } });
    expect(parseDateTimeText('7-3-2026 25:00')).toEqual({ ok: false, problem: { code: 'time_format' } });
    expect(parseDateTimeText('31-02-2026 10:00')).toEqual({ ok: false, problem: { code: 'date_format' } });
    expect(parseDateTimeText('03/07 9:05')).toEqual({ ok: false, problem: { code: 'date_format' } });
    expect(parseDateTimeText('yesterday')).toEqual({ ok: false, problem: { code: 'date_format' } });
    expect(parseDateTimeText('')).toEqual({ ok: true, value: '' });
  });
});

describe('what the form keeps', () => {
  it('keeps the wall clock when the text reads, and the text as typed when it does not', () => {
    expect(checkDateTimeText('7-3-2026 9:05', 'nl', 'America/Bogota')).toEqual({
      value: '2026-03-07T09:05',
      problem: null,
    });
    expect(checkDateTimeText('7-3-2026 9:65', 'nl', 'America/Bogota')).toEqual({
      value: '7-3-2026 9:65',
      problem: { code: 'time_format' },
    });
    expect(checkDateText('31-4-2026')).toEqual({ value: '31-4-2026', problem: { code: 'date_format' } });
    expect(checkDateText('1-4-2026')).toEqual({ value: '2026-04-01', problem: null });
  });

  it('reports a time the post clock jumped over, in the language of the input', () => {
    expect(checkDateTimeText('29-3-2026 2:30', 'nl', 'Europe/Amsterdam')).toEqual({
      value: '2026-03-29T02:30',
      problem: { code: 'dst_gap', params: { from: '29-03-2026 02:00', to: '29-03-2026 03:00' } },
    });
    expect(checkDateTimeText('29/3/2026 2:30', 'en', 'Europe/Amsterdam').problem).toEqual({
      code: 'dst_gap',
      params: { from: '29/03/2026 02:00', to: '29/03/2026 03:00' },
    });
    // The same wall clock is fine at a post without daylight saving, and without a zone nothing is checked.
    expect(checkDateTimeText('29-3-2026 2:30', 'nl', 'America/Bogota').problem).toBeNull();
    expect(checkDateTimeText('29-3-2026 2:30', 'nl').problem).toBeNull();
    // The autumn 02:30 exists (twice): no problem here; shared/time picks the earlier.
    expect(checkDateTimeText('25-10-2026 2:30', 'nl', 'Europe/Amsterdam').problem).toBeNull();
  });
});

describe('what the input shows', () => {
  it('writes values out in the language of the app', () => {
    expect(formatDateText('2026-03-07', 'nl')).toBe('07-03-2026');
    expect(formatDateText('2026-03-07', 'en')).toBe('07/03/2026');
    expect(formatDateTimeText('2026-03-07T09:05', 'nl')).toBe('07-03-2026 09:05');
    expect(formatDateTimeText('2026-03-07T09:05', 'en')).toBe('07/03/2026 09:05');
    expect(displayText('2026-03-07', 'nl')).toBe('07-03-2026');
    expect(displayText('2026-03-07T21:05', 'en')).toBe('07/03/2026 21:05');
    expect(displayText('7-3-2026 9:65', 'en')).toBe('7-3-2026 9:65');
    expect(displayText('', 'en')).toBe('');
  });

  it('reads back everything it writes, in both languages', () => {
    for (const language of ['nl', 'en']) {
      for (const wall of ['2026-03-07T09:05', '2028-02-29T00:00', '2026-12-31T23:59']) {
        expect(parseDateTimeText(formatDateTimeText(wall, language))).toEqual({ ok: true, value: wall });
        expect(parseDateText(formatDateText(wall.slice(0, 10), language))).toEqual({
          ok: true,
          value: wall.slice(0, 10),
        });
      }
    }
  });

  it('steps the wall clock by days and minutes for the arrow keys', () => {
    expect(shiftWallClock('2026-02-28', { days: 1 })).toBe('2026-03-01');
    expect(shiftWallClock('2026-01-01', { days: -1 })).toBe('2025-12-31');
    expect(shiftWallClock('2026-03-07T23:59', { minutes: 1 })).toBe('2026-03-08T00:00');
    expect(shiftWallClock('2026-03-29T01:59', { minutes: 1 })).toBe('2026-03-29T02:00');
    expect(shiftWallClock('2026-03-07T09:05', { days: -7 })).toBe('2026-02-28T09:05');
    expect(shiftWallClock('2199-12-31', { days: 1 })).toBe('2199-12-31');
    expect(shiftWallClock('7-3-2026', { days: 1 })).toBe('7-3-2026');
  });
});
