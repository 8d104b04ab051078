import { z } from 'zod';

// What HQ and the post see of effort and cost (issue 14, item 2): figures per post, country or phenomenon and
// year, from the maintained aggregates of migration 015; a post's budget and staffing per year. Definitions
// (what is operational, what a result is, what a post costs) in docs/efficiency.md.

export const BudgetYear = z.number().int().min(2000).max(2100);

/** A post's budget and staffing for one year. */
export const PostBudgetInput = z.strictObject({
  year: BudgetYear,
  /** The year's budget in euro cents (staff, housing, operations: what the post costs besides travel). */
  budgetCents: z.number().int().min(0).max(100_000_000_000),
  /** Staffing in hundredths of a full-time equivalent (1.5 FTE = 150). */
  fteHundredths: z.number().int().min(0).max(100_000),
});
export type PostBudgetInput = z.input<typeof PostBudgetInput>;

export const PostBudget = z.strictObject({
  ...PostBudgetInput.shape,
  /** '' for this installation; at HQ, the post's code. */
  post: z.string(),
  revision: z.number().int().positive(),
  updatedAt: z.string(),
});
export type PostBudget = z.output<typeof PostBudget>;

export const RemoveBudgetInput = z.strictObject({ year: BudgetYear });

export const EFFICIENCY_DIMENSIONS = ['post', 'country', 'phenomenon'] as const;
export type EfficiencyDimension = (typeof EFFICIENCY_DIMENSIONS)[number];

export const EfficiencyInput = z.strictObject({
  year: BudgetYear,
  by: z.enum(EFFICIENCY_DIMENSIONS).default('post'),
  /** Only one post's records ('' this installation's own); absent: every post. */
  post: z.string().max(64).optional(),
});
export type EfficiencyInput = z.input<typeof EfficiencyInput>;

/** The sums an aggregate row holds (migration 015), for one group. */
export const EffortSums = z.strictObject({
  engagements: z.number().int(),
  requests: z.number().int(),
  results: z.number().int(),
  answered: z.number().int(),
  /** Engagements and requests with time spent recorded. */
  timed: z.number().int(),
  opMinutes: z.number().int(),
  nonOpMinutes: z.number().int(),
  opTravelCents: z.number().int(),
  nonOpTravelCents: z.number().int(),
  travelHalfDays: z.number().int(),
});
export type EffortSums = z.output<typeof EffortSums>;

export const EfficiencyRow = z.strictObject({
  /** The post code, country code or phenomenon code ('' none: records without a country or phenomenon). */
  key: z.string(),
  label: z.string(),
  sums: EffortSums,
  figures: z.strictObject({
    hoursPerResult: z.number().nullable(),
    costPerResultCents: z.number().nullable(),
    operationalShare: z.number().nullable(),
    travelCents: z.number().int(),
    hours: z.number(),
  }),
});
export type EfficiencyRow = z.output<typeof EfficiencyRow>;

/** What each post costs in a year against what it delivered. */
export const PostCostRow = z.strictObject({
  post: z.string(),
  label: z.string(),
  budgetCents: z.number().int().nullable(),
  fteHundredths: z.number().int().nullable(),
  travelCents: z.number().int(),
  costCents: z.number().int(),
  results: z.number().int(),
  answered: z.number().int(),
  costPerResultCents: z.number().nullable(),
  costPerAnsweredCents: z.number().nullable(),
});
export type PostCostRow = z.output<typeof PostCostRow>;

export const EfficiencyView = z.strictObject({
  year: z.number().int(),
  by: z.enum(EFFICIENCY_DIMENSIONS),
  rows: z.array(EfficiencyRow),
  total: EfficiencyRow,
  posts: z.array(PostCostRow),
});
export type EfficiencyView = z.output<typeof EfficiencyView>;

export const ZERO_SUMS: EffortSums = {
  engagements: 0,
  requests: 0,
  results: 0,
  answered: 0,
  timed: 0,
  opMinutes: 0,
  nonOpMinutes: 0,
  opTravelCents: 0,
  nonOpTravelCents: 0,
  travelHalfDays: 0,
};

export function addSums(a: EffortSums, b: EffortSums): EffortSums {
  const out = { ...a };
  for (const k of Object.keys(ZERO_SUMS) as (keyof EffortSums)[]) out[k] = a[k] + b[k];
  return out;
}

/**
 * The figures of a group (docs/efficiency.md):
 * - hours per operational result: hours on operational work (operational engagements and all requests) / results;
 * - cost per result: travel cost of operational work / results (a post's whole cost per result: PostCostRow);
 * - operational share: operational minutes / all minutes recorded.
 * None (null) where the divisor is zero.
 */
export function efficiencyFigures(s: EffortSums): EfficiencyRow['figures'] {
  const minutes = s.opMinutes + s.nonOpMinutes;
  return {
    hoursPerResult: s.results > 0 ? s.opMinutes / 60 / s.results : null,
    costPerResultCents: s.results > 0 ? s.opTravelCents / s.results : null,
    operationalShare: minutes > 0 ? s.opMinutes / minutes : null,
    travelCents: s.opTravelCents + s.nonOpTravelCents,
    hours: minutes / 60,
  };
}

/** A post's year: budget plus all travel, against results and answered requests. */
export function postCost(
  post: string,
  label: string,
  budget: { budgetCents: number; fteHundredths: number } | undefined,
  s: EffortSums,
): PostCostRow {
  const travelCents = s.opTravelCents + s.nonOpTravelCents;
  const costCents = (budget?.budgetCents ?? 0) + travelCents;
  return {
    post,
    label,
    budgetCents: budget?.budgetCents ?? null,
    fteHundredths: budget?.fteHundredths ?? null,
    travelCents,
    costCents,
    results: s.results,
    answered: s.answered,
    costPerResultCents: s.results > 0 ? costCents / s.results : null,
    costPerAnsweredCents: s.answered > 0 ? costCents / s.answered : null,
  };
}
