import { z } from 'zod';
import type { Dashboard } from '../reports/dashboard';
import { Objective, SHARE_METRICS, type ObjectiveMetric } from './schema';

// Progress of HQ's objectives (issue 14, item 1): target against actual over the period so far, the trend per
// month, and a projection to the end of the period. The figures are the dashboards' (one dashboard per month
// of the period so far, under the objective's scope); this file holds the arithmetic, so it runs anywhere.

export const PROGRESS_STATUSES = ['not_started', 'on_track', 'behind', 'reached', 'missed'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

/** One month of the period so far: the month's own figure and the figure from the period's start to its end. */
export const ProgressMonth = z.strictObject({
  month: z.string(),
  /** Count metrics: the month's count. Share metrics: the month's share (percent), null when nothing to divide. */
  value: z.number().nullable(),
  cumulative: z.number().nullable(),
  /** Share metrics: the month's numerator and denominator (e.g. via SIENA / EU exchanges); counts: value, 0. */
  part: z.number().int(),
  whole: z.number().int(),
});
export type ProgressMonth = z.output<typeof ProgressMonth>;

export const ObjectiveProgress = z.strictObject({
  objective: Objective,
  kind: z.enum(['count', 'share']),
  /** Whose figures: the network's (HQ, every post) or this post's own (at a post). */
  figuresOf: z.enum(['network', 'post']),
  /** The last day counted: today, or the end of the period when it is over; null before the period starts. */
  through: z.string().nullable(),
  elapsedDays: z.number().int(),
  totalDays: z.number().int(),
  /** Count: the count so far. Share: the share so far (percent), null when nothing to divide yet. */
  actual: z.number().nullable(),
  part: z.number().int(),
  whole: z.number().int(),
  byMonth: z.array(ProgressMonth),
  /**
   * At the end of the period. Count: linear from the pace so far (actual ÷ days elapsed × days in the period).
   * Share: the share so far. Null when there is nothing to project from.
   */
  projection: z.number().nullable(),
  projectionMethod: z.enum(['linear_pace', 'share_so_far']),
  /** Share: change in percentage points per month (least squares over the months with a denominator). */
  trendPerMonth: z.number().nullable(),
  status: z.enum(PROGRESS_STATUSES),
});
export type ObjectiveProgress = z.output<typeof ObjectiveProgress>;

export const ObjectivesProgress = z.strictObject({
  role: z.enum(['post', 'hq']).nullable(),
  /** The configuration version the objectives come from (HQ: latest published; post: applied); null if none. */
  configVersion: z.number().int().nullable(),
  today: z.string(),
  objectives: z.array(ObjectiveProgress),
});
export type ObjectivesProgress = z.output<typeof ObjectivesProgress>;

export const ObjectivesProgressInput = z.strictObject({});

/** The part and whole a metric takes from one dashboard (counts: the count and 0). */
export function metricFigures(
  metric: ObjectiveMetric,
  d: Dashboard,
  resultKind?: string,
): { part: number; whole: number } {
  switch (metric) {
    case 'siena_share':
      return { part: d.channels.euViaSiena, whole: d.channels.euExchanges };
    case 'answered_in_time_share':
      return d.timeliness.byUrgency.reduce((s, u) => ({ part: s.part + u.inTime, whole: s.whole + u.answered }), {
        part: 0,
        whole: 0,
      });
    case 'results_count':
      return {
        part:
          resultKind === undefined ? d.results.total : (d.results.byKind.find((k) => k.key === resultKind)?.count ?? 0),
        whole: 0,
      };
    case 'operational_engagements':
      return { part: d.activity.engagements.operational, whole: 0 };
    case 'engagements_count':
      return { part: d.activity.engagements.operational + d.activity.engagements.nonOperational, whole: 0 };
    case 'requests_count':
      return { part: d.activity.byMonth.reduce((s, m) => s + m.requests, 0), whole: 0 };
  }
}

const DAY = 86_400_000;
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY);
const dateOf = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from) + 1;
}

/** The stretch of the period counted so far (from the start to today or the end), or null before the start. */
export function countedSpan(period: { from: string; to: string }, today: string): { from: string; to: string } | null {
  if (today < period.from) return null;
  return { from: period.from, to: today < period.to ? today : period.to };
}

/** The months of a span, each clipped to it: [{ month: '2026-03', from: '2026-03-01', to: '2026-03-31' }, ...]. */
export function monthsOf(span: { from: string; to: string }): { month: string; from: string; to: string }[] {
  const out: { month: string; from: string; to: string }[] = [];
  let start = span.from;
  while (start <= span.to) {
    const [y, m] = start.split('-').map(Number) as [number, number];
    const last = dateOf(Math.round(Date.UTC(y, m, 0) / DAY));
    const end = last < span.to ? last : span.to;
    out.push({ month: start.slice(0, 7), from: start, to: end });
    start = dateOf(dayNumber(end) + 1);
  }
  return out;
}

const share = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : null);
const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;

/** Least-squares slope of the shares of the months that have a denominator (points per month); null under 2. */
function slope(points: { x: number; y: number }[]): number | null {
  if (points.length < 2) return null;
  const mx = points.reduce((s, p) => s + p.x, 0) / points.length;
  const my = points.reduce((s, p) => s + p.y, 0) / points.length;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  return sxx === 0 ? null : sxy / sxx;
}

/**
 * An objective's progress from the figures of each month of the period so far (`months` as `monthsOf` lists
 * them, each with the dashboards' part and whole for the metric).
 *
 * Status: before the start `not_started`. A count is `reached` once the count so far meets the target (a count
 * only grows); a share is `reached` only when the period is over and the share meets it (a share can still
 * fall). While the period runs: `on_track` when the projection meets the target, else `behind`. Over and not
 * reached: `missed`.
 */
export function computeProgress(
  objective: Objective,
  today: string,
  months: readonly { month: string; part: number; whole: number }[],
  figuresOf: 'network' | 'post',
): ObjectiveProgress {
  const kind = SHARE_METRICS.has(objective.metric) ? 'share' : 'count';
  const totalDays = daysBetween(objective.period.from, objective.period.to);
  const span = countedSpan(objective.period, today);
  const elapsedDays = span ? daysBetween(span.from, span.to) : 0;
  const over = today > objective.period.to;
  let part = 0;
  let whole = 0;
  const byMonth: ProgressMonth[] = months.map((m) => {
    part += m.part;
    whole += m.whole;
    return kind === 'share'
      ? {
          month: m.month,
          value: nullableRound(share(m.part, m.whole)),
          cumulative: nullableRound(share(part, whole)),
          part: m.part,
          whole: m.whole,
        }
      : { month: m.month, value: m.part, cumulative: part, part: m.part, whole: 0 };
  });
  const actual = kind === 'share' ? nullableRound(share(part, whole)) : part;
  const projection = kind === 'share' ? actual : elapsedDays > 0 ? round((part / elapsedDays) * totalDays, 1) : null;
  const trend =
    kind === 'share' ? slope(byMonth.flatMap((m, i) => (m.value === null ? [] : [{ x: i, y: m.value }]))) : null;
  let status: ProgressStatus;
  if (!span) status = 'not_started';
  else if (actual !== null && actual >= objective.target && (kind === 'count' || over)) status = 'reached';
  else if (over) status = 'missed';
  else status = projection !== null && projection >= objective.target ? 'on_track' : 'behind';
  return {
    objective,
    kind,
    figuresOf,
    through: span?.to ?? null,
    elapsedDays,
    totalDays,
    actual,
    part,
    whole,
    byMonth,
    projection,
    projectionMethod: kind === 'share' ? 'share_so_far' : 'linear_pace',
    trendPerMonth: trend === null ? null : round(trend),
    status,
  };
}

function nullableRound(n: number | null): number | null {
  return n === null ? null : round(n);
}
