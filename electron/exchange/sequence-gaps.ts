// Which of a signing key's bundles never arrived at HQ: export 7 arrived, 6 did not. Shared by the import
// report and the posts overview so both list the same numbers.

/** How many missing sequence numbers are listed per key. */
export const MAX_LISTED_GAPS = 1000;

/**
 * The numbers from 1 up to the highest in `sequences` that are not in it, in order, the first `limit` only.
 * It walks the holes between the numbers HQ has rather than counting up to the highest: a validly signed
 * bundle may carry sequence 2^31, and counting up to it exhausted HQ's memory (found by
 * tests/unit/exchange/fuzz.test.ts).
 */
export function missingSequences(sequences: readonly number[], limit = MAX_LISTED_GAPS): number[] {
  const missing: number[] = [];
  let previous = 0;
  for (const s of [...sequences].sort((a, b) => a - b)) {
    for (let m = previous + 1; m < s && missing.length < limit; m++) missing.push(m);
    if (missing.length >= limit) break;
    previous = Math.max(previous, s);
  }
  return missing;
}
