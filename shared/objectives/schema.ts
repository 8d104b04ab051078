import { z } from 'zod';
import { CalendarDate, TermCode } from '../records/common';
import { RESULT_KINDS } from '../records/result';
import { CountryCode } from '../validation/primitives';

// HQ's measurable objectives (issue 14, item 1). They travel to the posts inside HQ's signed network
// configuration (shared/network-config/schema.ts, docs/network-config.md). This file is only the schema: the
// progress views (target against actual, trend per month, projection) come with issue 14 and compute each
// metric from the dashboards' maintained aggregates (electron/reports/dashboard.ts), so every metric in the
// catalogue below is one the dashboards already count.

/**
 * The fixed catalogue of metrics. Each names what the dashboards compute and how it is measured:
 * - `siena_share`: share of exchanges with EU partners that went through SIENA (percent, 0-100)
 *   (dashboard `channels.euViaSiena / channels.euExchanges`).
 * - `answered_in_time_share`: share of answered requests answered within the Directive (EU) 2023/977 time limits
 *   (percent; dashboard `timeliness`, `inTime / answered`).
 * - `results_count`: number of operational results, of one `resultKind` if given (e.g. `hvt_identified`,
 *   `joint_operation`) (dashboard `results`).
 * - `operational_engagements`: number of operational engagements (dashboard `activity.engagements.operational`).
 * - `engagements_count`: number of engagements (all).
 * - `requests_count`: number of information requests (with a country scope: requests per partner country).
 */
export const OBJECTIVE_METRICS = [
  'siena_share',
  'answered_in_time_share',
  'results_count',
  'operational_engagements',
  'engagements_count',
  'requests_count',
] as const;
export type ObjectiveMetric = (typeof OBJECTIVE_METRICS)[number];

/** Metrics measured as a percentage (a target 0-100); the others are counts over the period. */
export const SHARE_METRICS: ReadonlySet<ObjectiveMetric> = new Set(['siena_share', 'answered_in_time_share']);

/** Where an objective applies: the whole network, one post, one partner country, or one phenomenon. */
export const ObjectiveScope = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('network') }),
  z.strictObject({ type: z.literal('post'), postId: z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/) }),
  z.strictObject({ type: z.literal('country'), country: CountryCode }),
  z.strictObject({ type: z.literal('phenomenon'), code: TermCode }),
]);
export type ObjectiveScope = z.output<typeof ObjectiveScope>;

export const Objective = z
  .strictObject({
    /** HQ's stable code for the objective (kept across configurations, so progress can be followed). */
    id: TermCode,
    labelEn: z.string().trim().min(1).max(200),
    labelNl: z.string().trim().min(1).max(200),
    metric: z.enum(OBJECTIVE_METRICS),
    /** Only with `results_count`: count results of this kind only. */
    resultKind: z.enum(RESULT_KINDS).optional(),
    /** The value to reach by the end of the period: a percentage for share metrics, a count otherwise. */
    target: z.number().min(0).max(1_000_000_000),
    scope: ObjectiveScope,
    /** The period the objective covers, both days included. */
    period: z.strictObject({ from: CalendarDate, to: CalendarDate }),
  })
  .superRefine((o, ctx) => {
    if (o.period.to < o.period.from) {
      ctx.addIssue({ code: 'custom', path: ['period', 'to'], message: 'The period ends before it starts.' });
    }
    if (SHARE_METRICS.has(o.metric) && o.target > 100) {
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'A share is a percentage: at most 100.' });
    }
    if (o.resultKind !== undefined && o.metric !== 'results_count') {
      ctx.addIssue({ code: 'custom', path: ['resultKind'], message: 'A result kind goes with results_count only.' });
    }
  });
export type Objective = z.output<typeof Objective>;

export const Objectives = z.array(Objective).max(200);
