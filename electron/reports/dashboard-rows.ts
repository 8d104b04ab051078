import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import type { DashboardInput } from '../../shared/reports/dashboard';

// The reads behind the dashboards, from the aggregates of migration 005. A period is cut into whole local
// months, read from the monthly aggregates, and the days around them, read from the daily aggregates (or,
// under a phenomenon filter, from dashboard_fact by its primary key, day first). Either way the rows come
// back in one shape, grouped by month and every dimension the dashboards break down by; dashboard.ts folds
// them into the figures. Every statement starts with a comment naming it, which `npm run bench` prints
// beside its time and query plan.

export type DashboardFiltersInput = z.output<typeof DashboardInput>;
type Params = Record<string, string | number>;

/** Engagements, requests and results of one local month that share every dimension. */
export interface CountRow {
  month: string;
  kind: string;
  /** '' for this installation's own records. */
  post: string;
  /** JSON array of country codes. */
  countries: string;
  channel: string;
  /** Engagement purpose, result kind. */
  sub: string;
  urgency: string;
  reason: string;
  n: number;
  answered: number;
  inTime: number;
}

export interface PhenomenonRow {
  kind: string;
  code: string;
  n: number;
}

export interface DayRange {
  from: string;
  to: string;
}

/** The period as whole months (YYYY-MM) and the days around them, all inclusive. */
export interface PeriodParts {
  months: DayRange | null;
  days: DayRange[];
}

const monthOf = (date: string) => date.slice(0, 7);

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

export function periodParts(from: string, to: string): PeriodParts {
  if (from > to) return { months: null, days: [] };
  const first = from.endsWith('-01') ? monthOf(from) : shiftMonth(monthOf(from), 1);
  const last = to === lastDay(monthOf(to)) ? monthOf(to) : shiftMonth(monthOf(to), -1);
  if (first > last) return { months: null, days: [{ from, to }] };
  const days: DayRange[] = [];
  if (monthOf(from) < first) days.push({ from, to: lastDay(monthOf(from)) });
  if (monthOf(to) > last) days.push({ from: `${monthOf(to)}-01`, to });
  return { months: { from: first, to: last }, days };
}

const DIMENSIONS = 'kind, post, countries, channel, sub, urgency, reason';

export function createDashboardReader(db: Database, input: DashboardFiltersInput) {
  // Filters on the columns every aggregate and dashboard_fact share.
  const params: Params = {};
  const where: string[] = [];
  if (input.post !== undefined) {
    where.push('post = @post');
    params['post'] = input.post === 'own' ? '' : input.post;
  }
  if (input.country !== undefined) {
    // Countries are a JSON array of two-letter codes: the quoted code is found only as a whole element.
    where.push('instr(countries, @countryQuoted) > 0');
    params['countryQuoted'] = `"${input.country}"`;
  }
  if (input.channel !== undefined) {
    // Only requests have a channel: engagements and results stay whatever the channel filter.
    where.push("(kind <> 'request' OR channel = @channel)");
    params['channel'] = input.channel;
  }
  // The aggregates hold each filter a record satisfies (a group such as drugs takes in cocaine, cannabis...);
  // a fact lists them in `matches`.
  const filterCode = input.phenomenon ?? '';
  const filters = where.map((w) => ` AND ${w}`).join('');
  const factFilters = input.phenomenon === undefined ? filters : `${filters} AND instr(matches, @filterQuoted) > 0`;
  Object.assign(params, { filterCode, filterQuoted: JSON.stringify(filterCode) });

  const parts = periodParts(input.from, input.to);
  const all = <T>(sql: string, p: Params): T[] => db.prepare(sql).all(p) as T[];
  const range = (r: DayRange) => ({ ...params, from: r.from, to: r.to });

  // Days outside whole months: the daily aggregates hold no phenomenon filter, the facts do.
  const dayCounts =
    input.phenomenon === undefined
      ? `/* counts: days */
         SELECT substr(day, 1, 7) AS month, ${DIMENSIONS}, sum(n) AS n, sum(answered) AS answered,
           sum(in_time) AS inTime
         FROM dashboard_day WHERE day BETWEEN @from AND @to${filters} GROUP BY month, ${DIMENSIONS}`
      : `/* counts: days (records) */
         SELECT substr(day, 1, 7) AS month, ${DIMENSIONS}, count(*) AS n, sum(answered) AS answered,
           sum(in_time) AS inTime
         FROM dashboard_fact WHERE day BETWEEN @from AND @to${factFilters} GROUP BY month, ${DIMENSIONS}`;
  const dayPhenomena =
    input.phenomenon === undefined
      ? `SELECT kind, code, n FROM dashboard_phenomenon_day WHERE day BETWEEN @from AND @to${filters}`
      : `SELECT kind, j.value AS code, 1 AS n FROM dashboard_fact, json_each(phenomena) j
         WHERE day BETWEEN @from AND @to${factFilters}`;

  /** Counts per month and dimension. */
  function counts(): CountRow[] {
    const rows: CountRow[] = [];
    if (parts.months) {
      rows.push(
        ...all<CountRow>(
          `/* counts: whole months */
           SELECT month, ${DIMENSIONS}, n, answered, in_time AS inTime FROM dashboard_month
           WHERE filter_code = @filterCode AND month BETWEEN @from AND @to${filters}`,
          range(parts.months),
        ),
      );
    }
    for (const days of parts.days) rows.push(...all<CountRow>(dayCounts, range(days)));
    return rows;
  }

  /** Records per kind and phenomenon code (a record with two codes counts under both). */
  function byPhenomenon(): PhenomenonRow[] {
    const rows: PhenomenonRow[] = [];
    if (parts.months) {
      rows.push(
        ...all<PhenomenonRow>(
          `/* phenomena: whole months */
           SELECT kind, code, sum(n) AS n FROM dashboard_phenomenon_month
           WHERE filter_code = @filterCode AND month BETWEEN @from AND @to${filters} GROUP BY kind, code`,
          range(parts.months),
        ),
      );
    }
    for (const days of parts.days) {
      rows.push(
        ...all<PhenomenonRow>(
          `/* phenomena: days${input.phenomenon === undefined ? '' : ' (records)'} */
           SELECT kind, code, sum(n) AS n FROM (${dayPhenomena}) GROUP BY kind, code`,
          range(days),
        ),
      );
    }
    return rows;
  }

  const wholePeriod = { ...params, from: input.from, to: input.to };

  /**
   * The median and the 90th percentile of the hours to the answer of the incoming requests answered or
   * refused in the period: between the two values around position (N - 1) * q of the sorted hours, as a
   * straight line (what spreadsheets call PERCENTILE.INC). SQLite finds each value with percentile_disc,
   * which returns the value at position floor((N - 1) * P); asking at the middle of each position
   * (P = (k + 0.5) / (N - 1)) makes that position k whatever the rounding. It sorts the numbers in C, where
   * sorting rows (ORDER BY, GROUP BY) or handing them to JavaScript costs several times more.
   */
  function responseTimes(): { median: number | null; p90: number | null } {
    const where = `hours IS NOT NULL AND day BETWEEN @from AND @to${factFilters}`;
    const n = db
      .prepare(`/* timeliness: how many answered (records) */ SELECT count(*) FROM dashboard_fact WHERE ${where}`)
      .pluck()
      .get(wholePeriod) as number;
    if (n === 0) return { median: null, p90: null };
    const positions = [0.5, 0.9].flatMap((q) => [Math.floor((n - 1) * q), Math.ceil((n - 1) * q)]);
    const p = positions.map((k) => (n === 1 ? 0 : Math.min(1, (k + 0.5) / (n - 1))));
    const values = db
      .prepare(
        `/* timeliness: median, 90th percentile (records) */
         SELECT ${p.map((_, i) => `percentile_disc(hours, @p${i})`).join(', ')} FROM dashboard_fact WHERE ${where}`,
      )
      .raw()
      .get({ ...wholePeriod, ...Object.fromEntries(p.map((v, i) => [`p${i}`, v])) }) as number[];
    const at = (q: number, lo: number, hi: number) => {
      const exact = (n - 1) * q;
      const a = values[lo] ?? 0;
      const b = values[hi] ?? a;
      return Math.round((a + (b - a) * (exact - Math.floor(exact))) * 10) / 10;
    };
    return { median: at(0.5, 0, 1), p90: at(0.9, 2, 3) };
  }

  /**
   * Requests of the period still open after their deadline: overdue as shared/deadlines/outcome.ts has it, so an
   * open request with an answer time recorded counts as answered (met or missed), not as overdue. The answer
   * time is read from the record itself (by its row number): open requests past their deadline are few.
   */
  function openOverdue(now: Date): number {
    return db
      .prepare(
        `/* timeliness: open past the deadline (records) */
         SELECT count(*) FROM dashboard_fact f
         WHERE open_due IS NOT NULL AND day BETWEEN @from AND @to AND open_due < @now${factFilters}
           AND (SELECT json_extract(r.data, '$.answeredAt') FROM record r WHERE r.n = f.record_n) IS NULL`,
      )
      .pluck()
      .get({ ...wholePeriod, now: now.toISOString() }) as number;
  }

  return { counts, byPhenomenon, responseTimes, openOverdue };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Counts by key, listed largest first (ties by key, so the order is the same every time). */
export class Tally {
  private readonly counts = new Map<string, number>();
  add(key: string, n: number): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }
  list(): { key: string; count: number }[] {
    return [...this.counts]
      .map(([key, count]) => ({ key, count }))
      .sort((a, b) => b.count - a.count || compare(a.key, b.key));
  }
}

// --- Migration 009's aggregates -------------------------------------------------------------------------------
//
// With at most one country, post or channel filter, each figure of the dashboard reads the one aggregate that
// breaks down by what it shows (migration 009), under the phenomenon filter asked for ('' for none) and the
// slice of the other filter (migration 016: '' for none): rows bounded by the period and that breakdown,
// however many records. A statement reads the whole months from the _month
// table and the days around them from the _day table.

/** Per month: kind; an engagement's purpose, a result's kind, a request's channel (sub); urgency. */
export interface KindRow {
  month: string;
  kind: string;
  sub: string;
  urgency: string;
  n: number;
  answered: number;
  inTime: number;
}

/** Requests per month and country ('' for none): SIENA, SIS/SIRENE, MLA or other (via), why not SIENA. */
export interface RequestRow {
  month: string;
  country: string;
  via: string;
  reason: string;
  n: number;
  answered: number;
  inTime: number;
}

/**
 * True when the breakdowns can answer these filters: at most one of a country, a post and a channel filter
 * (migration 016's slices), with or without a phenomenon filter.
 */
export const breakdownsAnswer = (input: DashboardFiltersInput) =>
  [input.country, input.post, input.channel].filter((f) => f !== undefined).length <= 1;

/** Which facts an aggregate holds: engagements, requests and results, or requests only, or no requests. */
type Holds = 'all' | 'requests' | 'others';

export function createBreakdownReader(db: Database, input: DashboardFiltersInput) {
  if (!breakdownsAnswer(input)) throw new Error('The breakdowns answer one country, post or channel filter at most.');
  const parts = periodParts(input.from, input.to);
  // The slice (migration 016): the country, post or channel filter, '' for none.
  const slice =
    input.country !== undefined
      ? `country:${input.country}`
      : input.post !== undefined
        ? `post:${input.post === 'own' ? '' : input.post}`
        : input.channel !== undefined
          ? `channel:${input.channel}`
          : '';
  const params: Params = { code: input.phenomenon ?? '', slice };
  // The period's parts, bound once: an absent part reads an empty range.
  const ranges = [parts.months, parts.days[0], parts.days[1]];
  ranges.forEach((r, i) => {
    params[`from${i}`] = r?.from ?? '9';
    params[`to${i}`] = r?.to ?? '0';
  });

  /**
   * The slices an aggregate is read from. Only requests have a channel: under a channel filter, engagements
   * and results count whatever the channel, from slice '' (as the filter on 005's cubes has it).
   */
  function slices(holds: Holds): { slice: string; extra: string[] }[] {
    if (input.channel === undefined || holds === 'requests') return [{ slice: '@slice', extra: [] }];
    if (holds === 'others') return [{ slice: "''", extra: [] }];
    return [
      { slice: '@slice', extra: [] },
      { slice: "''", extra: ["kind <> 'request'"] },
    ];
  }

  /** `columns` (and `t`, the month or day) of an aggregate's rows in the period, under the filters. */
  function period(name: string, columns: string, extra: string[] = [], holds: Holds = 'all'): string {
    const branches: string[] = [];
    for (const s of slices(holds)) {
      const where = ['f_code = @code', `slice = ${s.slice}`, ...extra, ...s.extra].join(' AND ');
      const branch = (level: 'month' | 'day', i: number) =>
        `SELECT ${level} AS t, ${columns} FROM ${name}_${level} WHERE ${where} AND ${level} BETWEEN @from${i} AND @to${i}`;
      branches.push(branch('month', 0), branch('day', 1), branch('day', 2));
    }
    return branches.join('\n       UNION ALL ');
  }

  const all = <T>(sql: string, more: Params = {}): T[] => db.prepare(sql).all({ ...params, ...more }) as T[];

  function kinds(): KindRow[] {
    return all<KindRow>(
      `/* by kind */ SELECT substr(t, 1, 7) AS month, kind, sub, urgency, sum(n) AS n, sum(answered) AS answered,
         sum(in_time) AS inTime
       FROM (${period('dashboard_by_kind', 'kind, sub, urgency, n, answered, in_time')})
       GROUP BY month, kind, sub, urgency`,
    );
  }

  function phenomena(): PhenomenonRow[] {
    return all<PhenomenonRow>(
      `/* by phenomenon */ SELECT kind, code, sum(n) AS n FROM (${period('dashboard_by_phenomenon', 'kind, code, n')})
       GROUP BY kind, code`,
    );
  }

  /** Engagements and results per country of theirs. */
  function countries(): { kind: string; country: string; n: number }[] {
    return all(
      `/* by country */ SELECT kind, country, sum(n) AS n FROM (${period('dashboard_by_country', 'kind, country, n', [], 'others')})
       GROUP BY kind, country`,
    );
  }

  function posts(): { kind: string; post: string; n: number }[] {
    return all(
      `/* by post */ SELECT kind, post, sum(n) AS n FROM (${period('dashboard_by_post', 'kind, post, n')})
       GROUP BY kind, post`,
    );
  }

  function requests(): RequestRow[] {
    return all<RequestRow>(
      `/* requests by country */ SELECT substr(t, 1, 7) AS month, country, via, reason, sum(n) AS n,
         sum(answered) AS answered, sum(in_time) AS inTime
       FROM (${period('dashboard_by_request', 'country, via, reason, n, answered, in_time', [], 'requests')})
       GROUP BY month, country, via, reason`,
    );
  }

  /**
   * The median and the 90th percentile of the hours to the answer of the incoming requests answered or
   * refused in the period: between the two values around position (N - 1) * q of the sorted hours, as a
   * straight line (what spreadsheets call PERCENTILE.INC), rounded to 0.1 h. The counts per bucket say which
   * bucket holds each position; the exact values of that bucket say which value it is.
   */
  function responseTimes(): { median: number | null; p90: number | null } {
    const buckets = all<{ bucket: number; n: number }>(
      `/* timeliness: answered per bucket of hours */ SELECT bucket, sum(n) AS n
       FROM (${period('dashboard_hours', 'bucket, n', [], 'requests')}) GROUP BY bucket ORDER BY bucket`,
    );
    const n = buckets.reduce((s, b) => s + b.n, 0);
    if (n === 0) return { median: null, p90: null };
    const values = new Map<number, { hours: number; n: number }[]>();
    const within = (bucket: number) => {
      let exact = values.get(bucket);
      if (!exact) {
        exact = all<{ hours: number; n: number }>(
          `/* timeliness: hours within a bucket */ SELECT hours, sum(n) AS n
           FROM (${period('dashboard_hour_values', 'hours, n', ['bucket = @bucket'], 'requests')})
           GROUP BY hours ORDER BY hours`,
          { bucket },
        );
        values.set(bucket, exact);
      }
      return exact;
    };
    /** The value at position k (from 0) of the sorted hours. */
    const valueAt = (k: number): number => {
      let at = 0;
      for (const b of buckets) {
        if (k < at + b.n) {
          for (const v of within(b.bucket)) {
            if (k < at + v.n) return v.hours;
            at += v.n;
          }
          break;
        }
        at += b.n;
      }
      throw new Error('The hours to the answer do not add up to their buckets.');
    };
    const at = (q: number) => {
      const exact = (n - 1) * q;
      const a = valueAt(Math.floor(exact));
      const b = valueAt(Math.ceil(exact));
      return Math.round((a + (b - a) * (exact - Math.floor(exact))) * 10) / 10;
    };
    return { median: at(0.5), p90: at(0.9) };
  }

  /**
   * Requests of the period still open after their deadline, without an answer time (overdue as
   * shared/deadlines/outcome.ts has it): those due on a UTC date before today's, and today's before now.
   */
  function openOverdue(now: Date): number {
    const moment = now.toISOString();
    const more = { today: moment.slice(0, 10), now: moment };
    const count = (sql: string) => all<{ n: number | null }>(sql, more)[0]?.n ?? 0;
    return (
      count(
        `/* timeliness: open past the deadline, earlier dates */ SELECT sum(n) AS n
         FROM (${period('dashboard_overdue', 'n', ['due_day < @today'], 'requests')})`,
      ) +
      count(
        `/* timeliness: open past the deadline, today */ SELECT sum(n) AS n
         FROM (${period('dashboard_overdue_at', 'n', ['due_day = @today', 'due_at < @now'], 'requests')})`,
      )
    );
  }

  return { kinds, phenomena, countries, posts, requests, responseTimes, openOverdue };
}
