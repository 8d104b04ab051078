import { describe, expect, it } from 'vitest';
import { completion, plannedByQuarter, PlannedActivityInput } from '../../../shared/workplan/schema';

// A planned count spread over its quarters, and done counted against planned (shared/workplan/schema.ts).

describe('planned by quarter', () => {
  it('spreads the count evenly, the remainder to the earliest quarters', () => {
    expect(plannedByQuarter(4, [1, 2, 3, 4])).toEqual([1, 1, 1, 1]);
    expect(plannedByQuarter(5, [2, 1])).toEqual([3, 2, 0, 0]);
    expect(plannedByQuarter(7, [4, 2, 3])).toEqual([0, 3, 2, 2]);
    expect(plannedByQuarter(1, [3, 4])).toEqual([0, 0, 1, 0]);
  });

  it('counts done up to what was planned per quarter', () => {
    // Planned 2 in Q1 and 2 in Q2; done 3 in Q1 and none in Q2: 2 of 4, not 3 of 4.
    expect(completion([2, 2, 0, 0], [3, 0, 0, 0])).toBe(0.5);
    expect(completion([0, 0, 0, 0], [1, 0, 0, 0])).toBeNull();
    expect(completion([1, 1, 1, 1], [1, 1, 1, 1])).toBe(1);
  });

  it('keeps quarters once and in order, and wants at least one', () => {
    const base = { year: 2026, title: 'Plan', type: 'training', plannedCount: 2 } as const;
    expect(PlannedActivityInput.parse({ ...base, quarters: [3, 1, 3] }).quarters).toEqual([1, 3]);
    expect(PlannedActivityInput.safeParse({ ...base, quarters: [] }).success).toBe(false);
    expect(PlannedActivityInput.safeParse({ ...base, quarters: [5] }).success).toBe(false);
  });
});
