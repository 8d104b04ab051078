import { describe, expect, it } from 'vitest';
import { aggregate, type AggRow, type Fact } from '../../../electron/dataset/aggregate';
import type { Measure } from '../../../shared/dataset/tables';

// Suppression in the aggregate tables, on a hand-built set of records whose answer is written out below.
// Threshold 5: a count from 1 to 4 is "c". Posts A, B, C; incoming requests unless said otherwise.
//
//   January   A: 10 cocaine, 6 thb      B: 3 cocaine, 8 thb      C: 7 cocaine
//             cocaine total 20, thb total 14; A's month 16, B's 11, C's 7.
//     primary:   B cocaine (3).
//     secondary: cocaine total 20 shows, one of its cells hidden (B 3): hide the smallest other, C cocaine (7).
//                B's month 11 shows, one cell hidden (B cocaine): hide B thb (8).
//                C's month 7 shows, its only cell hidden: nothing else to hide, so the total itself.
//                thb total 14 shows, one cell hidden (B thb): hide A thb (6).
//                A's month 16 shows, one cell hidden (A thb): hide A cocaine (10).
//     Every shown total now has 0 or at least 2 hidden cells: 5 unknowns, 4 equations, no cell can be worked out.
//   February  A: 2 cocaine   B: 3 cocaine.  The cocaine total 5 shows (two hidden cells under it); the post
//             months 2 and 3 are hidden themselves (primary).
//   March     A: 6 operational engagements on cocaine (shown, and zeros shown as 0), and one request on both
//             cocaine and thb: it counts under each phenomenon and once in A's month; all those 1s hidden.

const facts: Fact[] = [];
function add(post: string, month: string, phenomena: string[], n: number, measures: Measure[] = ['requests_incoming']) {
  for (let i = 0; i < n; i++) facts.push({ post, month, phenomena, measures });
}
add('A', '2026-01', ['cocaine'], 10);
add('A', '2026-01', ['thb'], 6);
add('B', '2026-01', ['cocaine'], 3);
add('B', '2026-01', ['thb'], 8);
add('C', '2026-01', ['cocaine'], 7);
add('A', '2026-02', ['cocaine'], 2);
add('B', '2026-02', ['cocaine'], 3);
add('A', '2026-03', ['cocaine'], 6, ['engagements', 'engagements_operational']);
add('A', '2026-03', ['cocaine', 'thb'], 1);

/** A table as "key: measure=value" lines, with "c" for hidden counts (only non-zero measures besides requests). */
function show<K extends string>(rows: readonly AggRow<K>[], measures: Measure[]): string[] {
  return rows.map(
    (r) =>
      `${Object.values<string>(r.key).join(' ')}: ` +
      measures.map((m) => `${m}=${r.counts[m].state === 'shown' ? r.counts[m].value : 'c'}`).join(' '),
  );
}

describe('suppression in the aggregate tables', () => {
  const a = aggregate(facts, 5);
  const M: Measure[] = ['requests_incoming', 'engagements', 'engagements_operational', 'results'];

  it('hides counts under the threshold and the cells that would give them away', () => {
    expect(show(a.postPhenomenonMonth, M)).toEqual([
      'A cocaine 2026-01: requests_incoming=c engagements=0 engagements_operational=0 results=0',
      'A cocaine 2026-02: requests_incoming=c engagements=0 engagements_operational=0 results=0',
      'A cocaine 2026-03: requests_incoming=c engagements=6 engagements_operational=6 results=0',
      'A thb 2026-01: requests_incoming=c engagements=0 engagements_operational=0 results=0',
      'A thb 2026-03: requests_incoming=c engagements=0 engagements_operational=0 results=0',
      'B cocaine 2026-01: requests_incoming=c engagements=0 engagements_operational=0 results=0',
      'B cocaine 2026-02: requests_incoming=c engagements=0 engagements_operational=0 results=0',
      'B thb 2026-01: requests_incoming=c engagements=0 engagements_operational=0 results=0',
      'C cocaine 2026-01: requests_incoming=c engagements=0 engagements_operational=0 results=0',
    ]);
    expect(show(a.phenomenonMonth, M)).toEqual([
      'cocaine 2026-01: requests_incoming=20 engagements=0 engagements_operational=0 results=0',
      'cocaine 2026-02: requests_incoming=5 engagements=0 engagements_operational=0 results=0',
      'cocaine 2026-03: requests_incoming=c engagements=6 engagements_operational=6 results=0',
      'thb 2026-01: requests_incoming=14 engagements=0 engagements_operational=0 results=0',
      'thb 2026-03: requests_incoming=c engagements=0 engagements_operational=0 results=0',
    ]);
    expect(show(a.postMonth, M)).toEqual([
      'A 2026-01: requests_incoming=16 engagements=0 engagements_operational=0 results=0',
      'A 2026-02: requests_incoming=c engagements=0 engagements_operational=0 results=0',
      'A 2026-03: requests_incoming=c engagements=6 engagements_operational=6 results=0',
      'B 2026-01: requests_incoming=11 engagements=0 engagements_operational=0 results=0',
      'B 2026-02: requests_incoming=c engagements=0 engagements_operational=0 results=0',
      'C 2026-01: requests_incoming=c engagements=0 engagements_operational=0 results=0',
    ]);
  });

  it('says which were hidden for being small, and which to protect them', () => {
    // Primary: B cocaine Jan; A and B cocaine Feb and their months; the five 1s of March.
    // Secondary: C cocaine, B thb, A thb, A cocaine (January) and C's January total.
    expect(a.suppressed).toEqual({ primary: 10, secondary: 5 });
    const states = a.postPhenomenonMonth
      .filter((r) => r.key.month === '2026-01')
      .map((r) => `${r.key.post} ${r.key.phenomenon}: ${r.counts.requests_incoming.state}`);
    expect(states).toEqual([
      'A cocaine: secondary',
      'A thb: secondary',
      'B cocaine: primary',
      'B thb: secondary',
      'C cocaine: secondary',
    ]);
    expect(a.postMonth.find((r) => r.key.post === 'C')?.counts.requests_incoming.state).toBe('secondary');
  });

  it('no shown total leaves exactly one hidden cell under it', () => {
    const hidden = (r: AggRow<string>) => r.counts.requests_incoming.state !== 'shown';
    for (const t of a.phenomenonMonth.filter((r) => !hidden(r))) {
      const under = a.postPhenomenonMonth.filter(
        (c) => c.key.phenomenon === t.key.phenomenon && c.key.month === t.key.month,
      );
      expect(under.filter(hidden).length, JSON.stringify(t.key)).not.toBe(1);
    }
    for (const t of a.postMonth.filter((r) => !hidden(r))) {
      const under = a.postPhenomenonMonth.filter((c) => c.key.post === t.key.post && c.key.month === t.key.month);
      expect(under.filter(hidden).length, JSON.stringify(t.key)).not.toBe(1);
    }
  });

  it('follows the threshold asked for: 1 hides nothing', () => {
    const none = aggregate(facts, 1);
    expect(none.suppressed).toEqual({ primary: 0, secondary: 0 });
    expect(show(none.postMonth, ['requests_incoming'])).toEqual([
      'A 2026-01: requests_incoming=16',
      'A 2026-02: requests_incoming=2',
      'A 2026-03: requests_incoming=1',
      'B 2026-01: requests_incoming=11',
      'B 2026-02: requests_incoming=3',
      'C 2026-01: requests_incoming=7',
    ]);
  });
});
