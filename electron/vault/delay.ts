// The rising delay after wrong passphrases. It slows down someone guessing at the keyboard of a running
// laptop; an offline attacker is slowed by scrypt instead (docs/data-protection.md).

/** Wrong passphrases allowed without any wait: typing mistakes happen. */
export const FREE_ATTEMPTS = 3;
export const MAX_DELAY_SECONDS = 300;

/** Seconds to wait after `failures` wrong passphrases in a row: 0, 0, 0, 2, 4, 8, ... at most 5 minutes. */
export function delayAfter(failures: number): number {
  if (failures <= FREE_ATTEMPTS) return 0;
  return Math.min(2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_SECONDS);
}

/**
 * Seconds still to wait. Never more than the delay itself, so a clock that jumped back (or a far-future
 * time written into the file) cannot lock the officer out for longer than the rule says.
 */
export function remainingDelay(failures: number, notBefore: string | null, now: Date): number {
  if (!notBefore) return 0;
  const until = Date.parse(notBefore);
  if (Number.isNaN(until)) return 0;
  const seconds = Math.ceil((until - now.getTime()) / 1000);
  return Math.max(0, Math.min(seconds, delayAfter(failures)));
}
