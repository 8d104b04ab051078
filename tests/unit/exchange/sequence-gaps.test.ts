import { describe, expect, it } from 'vitest';
import { MAX_LISTED_GAPS, missingSequences } from '../../../electron/exchange/sequence-gaps';

// The missing sequence numbers of one signing key, as the import report and the posts overview list them.

describe('missingSequences', () => {
  it('lists the numbers below the highest that never arrived, in order', () => {
    expect(missingSequences([])).toEqual([]);
    expect(missingSequences([1, 2, 3])).toEqual([]);
    expect(missingSequences([3])).toEqual([1, 2]);
    expect(missingSequences([1, 3, 6])).toEqual([2, 4, 5]);
  });

  it('takes the numbers in any order and twice', () => {
    expect(missingSequences([6, 1, 3, 3, 6])).toEqual([2, 4, 5]);
  });

  it(`stops at ${MAX_LISTED_GAPS} without counting up to a huge number`, () => {
    const missing = missingSequences([1, 2 ** 31, 2 ** 53 - 1]);
    expect(missing).toHaveLength(MAX_LISTED_GAPS);
    expect(missing[0]).toBe(2);
    expect(missing.at(-1)).toBe(MAX_LISTED_GAPS + 1);
    // Holes after the cap are not listed, however many there are.
    expect(missingSequences([2, 2 ** 53 - 1], 3)).toEqual([1, 3, 4]);
  });
});
