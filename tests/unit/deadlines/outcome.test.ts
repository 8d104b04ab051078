import { describe, it, expect } from 'vitest';
import { dueAt } from '../../../shared/deadlines/directive';
import { deadlineOutcome, span, timelinessCounts, type DeadlineInputs } from '../../../shared/deadlines/outcome';

// The deadline outcome of one request (shared/deadlines/outcome.ts): the state and the figures the form and
// the list show. Every expected value is worked out by hand. Europe/Amsterdam changes to summer time on
// Sunday 29 March 2026 at 01:00Z, so a 7-day limit received on 25 March is 167 hours long.

const HOUR = 3_600_000;
const MIN = 60_000;
const DAY = 24 * HOUR;
const AMS = 'Europe/Amsterdam';

function request(overrides: Partial<DeadlineInputs> = {}): DeadlineInputs {
  return {
    exchangedAt: '2026-05-12T09:00:00.000Z',
    dueAt: '2026-05-12T17:00:00.000Z',
    answeredAt: null,
    status: 'open',
    urgency: 'urgent',
    accessibility: 'direct',
    ...overrides,
  };
}

describe('span: minutes under an hour, hours under two days, then days; whole units, never 0 for time', () => {
  it.each([
    [0, 'minutes', 0],
    [1, 'minutes', 1],
    [59 * MIN + 59_000, 'minutes', 59],
    [HOUR, 'hours', 1],
    [6 * HOUR + 59 * MIN, 'hours', 6],
    [47 * HOUR + 59 * MIN, 'hours', 47],
    [2 * DAY, 'days', 2],
    [7 * DAY - 1, 'days', 6],
    [-5 * HOUR, 'minutes', 0],
  ] as const)('%d ms -> %s %d', (ms, unit, value) => {
    expect(span(ms)).toMatchObject({ unit, value });
  });
});

describe('deadlineOutcome', () => {
  it('no deadline (the Directive does not apply): none, whatever else', () => {
    expect(deadlineOutcome(request({ dueAt: null, answeredAt: '2026-05-12T10:00:00.000Z' }), new Date())).toEqual({
      state: 'none',
    });
  });

  it('answered in time: "Answered in time (6 h of 8 h)"', () => {
    const o = deadlineOutcome(request({ status: 'answered', answeredAt: '2026-05-12T15:00:00.000Z' }), new Date());
    expect(o).toMatchObject({
      state: 'met',
      used: { unit: 'hours', value: 6 },
      limit: { unit: 'hours', value: 8, ms: 8 * HOUR },
      late: null,
    });
  });

  it('answered exactly at the due instant is in time', () => {
    const o = deadlineOutcome(request({ status: 'answered', answeredAt: '2026-05-12T17:00:00.000Z' }), new Date());
    expect(o).toMatchObject({ state: 'met', used: { unit: 'hours', value: 8 }, late: null });
  });

  it('one millisecond after it is late, and says so ("1 min late", never "0")', () => {
    const o = deadlineOutcome(request({ status: 'answered', answeredAt: '2026-05-12T17:00:00.001Z' }), new Date());
    expect(o).toMatchObject({ state: 'missed', late: { unit: 'minutes', value: 1, ms: 1 } });
  });

  it('answered 2 days late: "Answered 2 days late"', () => {
    const r = request({
      urgency: 'non_urgent',
      dueAt: '2026-05-19T09:00:00.000Z',
      status: 'answered',
      answeredAt: '2026-05-21T12:00:00.000Z',
    });
    expect(deadlineOutcome(r, new Date())).toMatchObject({
      state: 'missed',
      used: { unit: 'days', value: 9 },
      limit: { unit: 'days', value: 7 },
      late: { unit: 'days', value: 2, ms: 2 * DAY + 3 * HOUR },
    });
  });

  it('a refusal with its time is judged like an answer; without one it is closed', () => {
    const refused = request({ status: 'refused', answeredAt: '2026-05-12T18:00:00.000Z' });
    expect(deadlineOutcome(refused, new Date()).state).toBe('missed');
    const untimed = deadlineOutcome(request({ status: 'refused' }), new Date('2026-06-01T00:00:00.000Z'));
    expect(untimed).toEqual({ state: 'closed', dueAt: '2026-05-12T17:00:00.000Z', limit: span(8 * HOUR) });
    expect(deadlineOutcome(request({ status: 'withdrawn' }), new Date()).state).toBe('closed');
  });

  it('an answer time recorded wins over a status left open (as the dashboards count it)', () => {
    const o = deadlineOutcome(request({ status: 'open', answeredAt: '2026-05-12T10:00:00.000Z' }), new Date());
    expect(o.state).toBe('met');
  });

  it('open, due in 3 h: "Open, due in 3 h" (due soon within 24 hours)', () => {
    const o = deadlineOutcome(request(), new Date('2026-05-12T14:00:00.000Z'));
    expect(o).toMatchObject({ state: 'due_soon', left: { unit: 'hours', value: 3 } });
  });

  it('open with days to go', () => {
    const r = request({ urgency: 'non_urgent', dueAt: '2026-05-19T09:00:00.000Z' });
    expect(deadlineOutcome(r, new Date('2026-05-13T21:00:00.000Z'))).toMatchObject({
      state: 'open',
      left: { unit: 'days', value: 5 },
      limit: { unit: 'days', value: 7 },
    });
  });

  it('at the due instant it is still due (not yet overdue); a millisecond later it is overdue', () => {
    expect(deadlineOutcome(request(), new Date('2026-05-12T17:00:00.000Z'))).toMatchObject({
      state: 'due_soon',
      left: { value: 0 },
    });
    expect(deadlineOutcome(request(), new Date('2026-05-12T17:00:00.001Z'))).toMatchObject({
      state: 'overdue',
      overdueBy: { unit: 'minutes', value: 1 },
    });
  });

  it('overdue by 5 h', () => {
    expect(deadlineOutcome(request(), new Date('2026-05-12T22:00:00.000Z'))).toMatchObject({
      state: 'overdue',
      overdueBy: { unit: 'hours', value: 5 },
    });
  });

  it('a 7-day limit across the change to summer time (167 hours) still reads 7 days', () => {
    const exchangedAt = '2026-03-25T10:00:00.000Z';
    const due = dueAt(exchangedAt, 'non_urgent', 'direct', AMS);
    expect(Date.parse(due) - Date.parse(exchangedAt)).toBe(167 * HOUR);
    const o = deadlineOutcome(
      request({ exchangedAt, dueAt: due, urgency: 'non_urgent', answeredAt: due, status: 'answered' }),
      new Date(),
    );
    expect(o).toMatchObject({ state: 'met', limit: { unit: 'days', value: 7, ms: 167 * HOUR } });
  });

  it('without urgency and accessibility the limit is the span from receipt to the due instant', () => {
    const o = deadlineOutcome(
      { exchangedAt: '2026-05-12T09:00:00.000Z', dueAt: '2026-05-15T09:00:00.000Z', answeredAt: null, status: 'open' },
      new Date('2026-05-12T09:00:00.000Z'),
    );
    expect(o).toMatchObject({ state: 'open', limit: { unit: 'days', value: 3 } });
  });

  it('timelinessCounts: answered (met or missed) and, of those, in time', () => {
    const at = (answeredAt: string | null, status = 'answered') =>
      timelinessCounts(deadlineOutcome(request({ answeredAt, status }), new Date('2026-05-13T00:00:00.000Z')));
    expect(at('2026-05-12T17:00:00.000Z')).toEqual({ answered: 1, inTime: 1 });
    expect(at('2026-05-12T17:00:01.000Z')).toEqual({ answered: 1, inTime: 0 });
    expect(at(null, 'open')).toEqual({ answered: 0, inTime: 0 });
    expect(at(null, 'withdrawn')).toEqual({ answered: 0, inTime: 0 });
  });
});
