import { describe, expect, it } from 'vitest';
import {
  formatCalendarDate,
  formatDateIn,
  formatDateTimeIn,
  formatTimeIn,
  zoneCity,
  zoneLabel,
} from '../../../shared/time/format';

// Times as officers read them: on the post's clock, in the app's language, whatever the laptop's zone and
// locale. Dutch day-month-year with a 24-hour clock; English day month year with a 24-hour clock.
// This file runs again under other laptop zones (laptop-zone.test.ts).

const AT = '2026-11-28T19:05:00.000Z'; // 14:05 in Bogotá, 20:05 in Amsterdam, 04:05 next day in Tokyo

describe('formatDateTimeIn', () => {
  it('writes Dutch as 28-11-2026 14:05 and English as 28 Nov 2026, 14:05, on the post clock', () => {
    expect(formatDateTimeIn(AT, 'America/Bogota', 'nl')).toBe('28-11-2026 14:05');
    expect(formatDateTimeIn(AT, 'America/Bogota', 'en')).toBe('28 Nov 2026, 14:05');
    expect(formatDateTimeIn(AT, 'Europe/Amsterdam', 'nl')).toBe('28-11-2026 20:05');
    expect(formatDateTimeIn(AT, 'Asia/Tokyo', 'en')).toBe('29 Nov 2026, 04:05');
    expect(formatDateTimeIn(AT, 'Asia/Tokyo', 'nl')).toBe('29-11-2026 04:05');
  });

  it('pads Dutch days and months, not English days, and never uses AM/PM', () => {
    const morning = '2026-03-07T00:05:00.000Z';
    expect(formatDateTimeIn(morning, 'Asia/Tokyo', 'nl')).toBe('07-03-2026 09:05');
    expect(formatDateTimeIn(morning, 'Asia/Tokyo', 'en')).toBe('7 Mar 2026, 09:05');
    expect(formatDateTimeIn(morning, 'America/Bogota', 'en')).toBe('6 Mar 2026, 19:05');
  });

  it('tells the two 02:30s of the autumn night apart only by the instant, not the text', () => {
    expect(formatDateTimeIn('2026-10-25T00:30:00.000Z', 'Europe/Amsterdam', 'nl')).toBe('25-10-2026 02:30');
    expect(formatDateTimeIn('2026-10-25T01:30:00.000Z', 'Europe/Amsterdam', 'nl')).toBe('25-10-2026 02:30');
  });

  it('gives back text that is not an instant rather than a wrong time', () => {
    expect(formatDateTimeIn('2026-11-28T14:05', 'America/Bogota', 'nl')).toBe('2026-11-28T14:05');
    expect(formatDateTimeIn('nonsense', 'America/Bogota', 'en')).toBe('nonsense');
  });
});

describe('dates and times apart', () => {
  it('formats the day and the time of an instant on the post clock', () => {
    expect(formatDateIn(AT, 'Asia/Tokyo', 'nl')).toBe('29-11-2026');
    expect(formatDateIn(AT, 'America/Bogota', 'en')).toBe('28 Nov 2026');
    expect(formatTimeIn(AT, 'Pacific/Chatham', 'en')).toBe('08:50'); // +13:45 in November
  });

  it('formats a stored calendar day without any zone', () => {
    expect(formatCalendarDate('2026-03-07', 'nl')).toBe('07-03-2026');
    expect(formatCalendarDate('2026-03-07', 'en')).toBe('7 Mar 2026');
    expect(formatCalendarDate('2026-12-31', 'en')).toBe('31 Dec 2026');
    expect(formatCalendarDate('2026-02-30', 'en')).toBe('2026-02-30');
  });
});

describe('zone labels', () => {
  it('names the city of the zone in the reader language', () => {
    expect(zoneLabel('America/Bogota', 'en')).toBe('Bogotá time');
    expect(zoneLabel('America/Bogota', 'nl')).toBe('tijd Bogotá');
    expect(zoneLabel('Asia/Tokyo', 'en')).toBe('Tokyo time');
    expect(zoneLabel('Asia/Tokyo', 'nl')).toBe('tijd Tokio');
    expect(zoneLabel('America/Argentina/Buenos_Aires', 'nl')).toBe('tijd Buenos Aires');
    expect(zoneLabel('Europe/Brussels', 'nl')).toBe('tijd Brussel');
    expect(zoneLabel('Pacific/Chatham', 'en')).toBe('Chatham Islands time');
    expect(zoneLabel('UTC', 'nl')).toBe('UTC');
    expect(zoneCity('America/Sao_Paulo', 'nl')).toBe('São Paulo');
    expect(zoneCity('America/New_York', 'en')).toBe('New York');
  });
});
