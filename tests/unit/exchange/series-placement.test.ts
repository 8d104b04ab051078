import { describe, expect, it } from 'vitest';
import { placeInSeries } from '../../../electron/exchange/import';
import { seriesFacts, type SeriesBundle } from '../../../electron/exchange/sequence-gaps';

// The supersession rule of docs/export-format.md ("Restores") on its own: which bundles of a key a restore
// supersedes, whatever order they arrive in, with two restores, and when a reused number is still a clash.

interface B {
  export_id: string;
  sequence: number;
  run_id: string | null;
  restore: string | null;
  superseded_by: string | null;
  file_sha256: string;
}

const restore = (restoredAt: string, continuesAfter: number) =>
  JSON.stringify({
    restoredAt,
    backupOf: '2026-01-01T00:00:00.000Z',
    backupOfKnown: 'stated',
    continuesAfter,
    previousRun: null,
    lastIssued: null,
  });
const b = (export_id: string, sequence: number, run: string | null, r: string | null = null): B => ({
  export_id,
  sequence,
  run_id: run,
  restore: r,
  superseded_by: null,
  file_sha256: export_id,
});

// Run 1 issued 1..5. Run 2 restored a backup holding 1..3 and issued 4, 5, 6. Run 3, later, restored a backup of
// run 1 holding 1..2 and issued 3, 4.
const run1 = [1, 2, 3, 4, 5].map((s) => b(`a${s}`, s, null));
const r2 = restore('2026-03-01T00:00:00.000Z', 3);
const run2 = [4, 5, 6].map((s) => b(`b${s}`, s, 'R2', r2));
const r3 = restore('2026-04-01T00:00:00.000Z', 2);
const run3 = [3, 4].map((s) => b(`c${s}`, s, 'R3', r3));
const all = [...run1, ...run2, ...run3];

/** Imports `order` one by one as HQ does: each placement over what is held, applied before the next. */
function importInOrder(order: B[]): Map<string, string | null> {
  let held: B[] = [];
  for (const next of order) {
    const { superseded, clash } = placeInSeries(held, next);
    if (clash) throw new Error(`${next.export_id} clashes with ${clash.export_id}`);
    held = [...held, next].map((x) => ({ ...x, superseded_by: superseded.get(x.export_id) ?? null }));
  }
  return new Map(held.map((x) => [x.export_id, x.superseded_by]));
}

describe('placeInSeries', () => {
  it('supersedes after each restore’s branch point, the later restore over the earlier, in any order', () => {
    const expected = new Map<string, string | null>([
      ['a1', null],
      ['a2', null],
      ['a3', 'c3'],
      ['a4', 'b4'],
      ['a5', 'b4'],
      ['b4', 'c3'],
      ['b5', 'c3'],
      ['b6', 'c3'],
      ['c3', null],
      ['c4', null],
    ]);
    const sorted = (m: Map<string, string | null>) => [...m.entries()].sort();
    // a4 and a5 are superseded by run 2 (first seen) or run 3: either restore is later than their run's start.
    const normalise = (m: Map<string, string | null>) =>
      sorted(new Map([...m].map(([k, v]) => [k, v === null ? null : 'superseded'])));
    const want = normalise(expected);
    expect(normalise(importInOrder(all))).toEqual(want);
    expect(normalise(importInOrder([...all].reverse()))).toEqual(want);
    expect(normalise(importInOrder([...run3, ...run1, ...run2]))).toEqual(want);
    // The live series has each number once, and no gap and no broken chain shows in it.
    const live = [...importInOrder(all)]
      .filter(([, v]) => v === null)
      .map(([k]) => all.find((x) => x.export_id === k)!);
    expect(live.map((x) => x.sequence).sort()).toEqual([1, 2, 3, 4]);
  });

  it('a reused number without a restore, or with an older restore, is a clash', () => {
    const held = run1.map((x) => ({ ...x }));
    expect(placeInSeries(held, b('x3', 3, null)).clash?.export_id).toBe('a3');
    expect(placeInSeries(held, b('y3', 3, 'R9', restore('2026-05-01T00:00:00.000Z', 3))).clash?.export_id).toBe('a3');
    expect(placeInSeries(held, b('z3', 3, 'R9', restore('2026-05-01T00:00:00.000Z', 2))).clash).toBeUndefined();
  });

  it('gaps leave superseded numbers out', () => {
    const placed = importInOrder(all);
    const rows: SeriesBundle[] = all.map((x) => ({
      post_id: 'BOG',
      key_id: 'K',
      sequence: x.sequence,
      file_sha256: x.file_sha256,
      previous_hash: null,
      continues: null,
      superseded_by: placed.get(x.export_id) ?? null,
    }));
    expect(seriesFacts(rows).gaps).toEqual([]);
    expect(seriesFacts(rows.filter((r) => r.sequence !== 2)).gaps).toEqual([
      { postId: 'BOG', keyId: 'K', missing: [2] },
    ]);
  });
});
