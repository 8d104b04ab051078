import { describe, expect, it } from 'vitest';
import { delayAfter, MAX_DELAY_SECONDS, remainingDelay } from '../../../electron/vault/delay';

describe('rising delay', () => {
  it('no wait for three wrong passphrases, then 2, 4, 8 ... seconds, at most five minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10, 11, 12, 50, 1e6].map(delayAfter)).toEqual([
      0, 0, 0, 0, 2, 4, 8, 128, 256, 300, 300, 300,
    ]);
    expect(MAX_DELAY_SECONDS).toBe(300);
  });

  it('counts down from the stored time, and never beyond the rule (clock set back, edited file)', () => {
    const now = new Date('2026-05-01T08:00:00.000Z');
    expect(remainingDelay(4, null, now)).toBe(0);
    expect(remainingDelay(4, '2026-05-01T08:00:02.000Z', now)).toBe(2);
    expect(remainingDelay(4, '2026-05-01T08:00:01.200Z', now)).toBe(2); // rounded up: never "0 seconds"
    expect(remainingDelay(4, '2026-05-01T07:59:59.000Z', now)).toBe(0);
    expect(remainingDelay(4, '2026-05-02T08:00:00.000Z', now)).toBe(2);
    expect(remainingDelay(20, '2099-01-01T00:00:00.000Z', now)).toBe(300);
    expect(remainingDelay(2, '2026-05-01T08:01:00.000Z', now)).toBe(0);
    expect(remainingDelay(5, 'not a time', now)).toBe(0);
  });
});
