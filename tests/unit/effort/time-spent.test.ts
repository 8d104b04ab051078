import { describe, expect, it } from 'vitest';
import {
  formatEuros,
  formatTimeSpent,
  parseDays,
  parseEuros,
  parseTimeSpent,
  TimeSpentMinutes,
  TravelCostCents,
} from '../../../shared/effort/time-spent';

// Quick entry of time spent, travel days and cost (shared/effort/time-spent.ts), and the schema fields built on it.

describe('time spent', () => {
  it.each([
    ['1.5', 90],
    ['1,5', 90],
    ['1:30', 90],
    ['90m', 90],
    ['90 min', 90],
    ['45 minuten', 45],
    ['1h30', 90],
    ['1 h 30 m', 90],
    ['2u', 120],
    ['1 uur 15', 75],
    ['0.25', 15],
    ['0:15', 15],
    ['3', 180],
    ['  2:45 ', 165],
    ['0', 0],
    ['100:00', 6000],
  ])('reads %j as %i minutes', (text, minutes) => {
    expect(parseTimeSpent(text)).toEqual({ ok: true, value: minutes });
  });

  it('reads an empty field as none', () => {
    expect(parseTimeSpent('   ')).toEqual({ ok: true, value: null });
  });

  it.each([
    ['1:20', 'quarter_hours'],
    ['20m', 'quarter_hours'],
    ['1.33', 'quarter_hours'],
    ['1:75', 'invalid_duration'],
    ['soon', 'invalid_duration'],
    ['-1', 'invalid_duration'],
    ['1.5.2', 'invalid_duration'],
    ['100:15', 'too_long'],
  ])('refuses %j (%s)', (text, code) => {
    expect(parseTimeSpent(text)).toEqual({ ok: false, code });
  });

  it('shows minutes as h:mm', () => {
    expect([formatTimeSpent(90), formatTimeSpent(15), formatTimeSpent(600), formatTimeSpent(null)]).toEqual([
      '1:30',
      '0:15',
      '10:00',
      '',
    ]);
  });

  it('stores whole minutes from text or a number, and refuses a number off the quarter hours', () => {
    expect(TimeSpentMinutes.parse('1,5')).toBe(90);
    expect(TimeSpentMinutes.parse(45)).toBe(45);
    expect(TimeSpentMinutes.parse(undefined)).toBeUndefined();
    expect(TimeSpentMinutes.parse('')).toBeNull();
    const bad = TimeSpentMinutes.safeParse(50);
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ params: { code: 'quarter_hours' } });
  });
});

describe('travel', () => {
  it.each([
    ['300', 30_000],
    ['300,00', 30_000],
    ['1.234,50', 123_450],
    ['1,234.50', 123_450],
    ['1234.5', 123_450],
    ['€ 80', 8_000],
    ['80 EUR', 8_000],
  ])('reads %j euros as %i cents', (text, cents) => {
    expect(parseEuros(text)).toEqual({ ok: true, value: cents });
  });

  it('refuses what is not an amount, and shows cents as euros', () => {
    expect(parseEuros('12.3.4')).toEqual({ ok: false, code: 'invalid_amount' });
    expect(parseEuros('1,2345')).toEqual({ ok: false, code: 'invalid_amount' });
    expect(formatEuros(123_450)).toBe('1234.50');
    expect(TravelCostCents.parse(99)).toBe(99);
    expect(TravelCostCents.safeParse(1.5).success).toBe(false);
  });

  it('reads days in half-day steps', () => {
    expect(parseDays('2,5')).toEqual({ ok: true, value: 2.5 });
    expect(parseDays('1.25')).toEqual({ ok: false, code: 'half_days' });
    expect(parseDays('')).toEqual({ ok: true, value: null });
  });
});
