import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import type { Dashboard, DashboardInput } from '../../../shared/reports/dashboard';
import { DEFAULT_COUNTRIES } from '../../../shared/taxonomy/countries';
import { postStatuses } from '../../../electron/exchange/posts';
import { localMidnight, periodParams } from '../../../electron/records/period';
import { isEuMemberState } from '../../../shared/taxonomy/countries';
import type { Breakdown, Overview } from '../../../shared/overview/schema';

// The oracle for the aggregate-based dashboards: reports.dashboard as it was before migration 005, grouped
// queries straight on `record` (its links and phenomena), kept unchanged so that tests can compare the
// figures the aggregates give with a count of the records themselves. Slow at scale; exact by construction.

type Input = z.output<typeof DashboardInput>;
type Params = Record<string, string | number>;

const EU_CODES = JSON.stringify(DEFAULT_COUNTRIES.filter((c) => c.eu).map((c) => c.code));

/** WHERE for one kind of record under the dashboard filters. Country and channel mean what they can. */
function scope(kind: 'engagement' | 'request' | 'result', f: Input, p: ReturnType<typeof periodParams>) {
  const where = [`r.kind = '${kind}'`, 'r.deleted_at IS NULL'];
  const params: Params = {};
  if (kind === 'result') {
    where.push('r.occurred_at >= @fromDate AND r.occurred_at < @toDateExclusive');
    Object.assign(params, { fromDate: p.fromDate, toDateExclusive: p.toDateExclusive });
  } else {
    where.push('r.occurred_at >= @fromInstant AND r.occurred_at < @toInstantExclusive');
    Object.assign(params, { fromInstant: p.fromInstant, toInstantExclusive: p.toInstantExclusive });
  }
  if (f.post) {
    where.push(f.post === 'own' ? 'r.origin_post IS NULL' : 'r.origin_post = @post');
    if (f.post !== 'own') params['post'] = f.post;
  }
  if (f.phenomenon) {
    // Per record of the period, by primary key: the cost follows the period, not every record ever tagged.
    where.push(`EXISTS (SELECT 1 FROM record_phenomenon ph WHERE ph.record_n = r.n AND (ph.code = @phenomenon OR
      ph.code IN (SELECT code FROM taxonomy_term WHERE taxonomy = 'phenomenon' AND parent_code = @phenomenon)))`);
    params['phenomenon'] = f.phenomenon;
  }
  if (f.country) {
    params['country'] = f.country;
    if (kind === 'request') where.push('r.country = @country');
    else if (kind === 'engagement') {
      // An engagement's country is that of the partner organisations it involved.
      where.push(`EXISTS (SELECT 1 FROM record_link l JOIN record o ON o.id = l.to_id
        WHERE l.from_n = r.n AND l.role = 'organisation' AND o.country = @country)`);
    } else {
      // A result's country is that of the requests that led to it.
      where.push(`EXISTS (SELECT 1 FROM record_link l JOIN record q ON q.id = l.to_id
        WHERE l.from_n = r.n AND l.role = 'request' AND q.country = @country)`);
    }
  }
  if (f.channel && kind === 'request') {
    where.push('r.channel = @channel');
    params['channel'] = f.channel;
  }
  return { where: where.join(' AND '), params };
}

/**
 * The month (YYYY-MM) of a moment on HQ's clock, as SQL: the period is cut at local midnight, so its months
 * are too. A CASE over the local starts of the period's months (bound as parameters); dates need none.
 */
function localMonth(from: string, to: string, timeZone: string, params: Params): string {
  const months: string[] = [];
  for (
    let [y, m] = from.split('-').map(Number) as [number, number];
    `${y}-${String(m).padStart(2, '0')}` <= to.slice(0, 7);
  ) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  const branches = months
    .map((month, i) => {
      params[`month${i}`] = localMidnight(`${month}-01`, timeZone);
      return `WHEN r.occurred_at >= @month${i} THEN '${month}'`;
    })
    .reverse();
  return `CASE ${branches.join(' ')} ELSE substr(r.occurred_at, 1, 7) END`;
}

function percentile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return Math.round((a + (b - a) * (at - lo)) * 10) / 10;
}

export function dashboardFromRecords(
  db: Database,
  input: Input,
  settings: { timeZone: string; homeCountry: string },
  now: Date,
): Dashboard {
  const p = periodParams(input.from, input.to, settings.timeZone);
  const all = <T>(sql: string, params: Params): T[] => db.prepare(sql).all(params) as T[];
  const one = (sql: string, params: Params): number => (db.prepare(sql).get(params) as { n: number | null }).n ?? 0;
  const eng = scope('engagement', input, p);
  const req = scope('request', input, p);
  const res = scope('result', input, p);
  const counts = (sql: string, params: Params) =>
    all<{ key: string | null; count: number }>(sql, params).map((r) => ({ key: r.key ?? '', count: r.count }));

  // Activity ------------------------------------------------------------------------------------------
  const months = new Map<string, { month: string; engagements: number; requests: number; results: number }>();
  const monthParams: Params = {};
  const month = localMonth(input.from, input.to, settings.timeZone, monthParams);
  const perMonth = (s: { where: string; params: Params }, field: 'engagements' | 'requests' | 'results') => {
    const dated = field === 'results';
    for (const r of all<{ month: string; n: number }>(
      `SELECT ${dated ? 'substr(r.occurred_at, 1, 7)' : month} AS month, count(*) AS n FROM record r
       WHERE ${s.where} GROUP BY month`,
      dated ? s.params : { ...s.params, ...monthParams },
    )) {
      const m = months.get(r.month) ?? { month: r.month, engagements: 0, requests: 0, results: 0 };
      m[field] = r.n;
      months.set(r.month, m);
    }
  };
  perMonth(eng, 'engagements');
  perMonth(req, 'requests');
  perMonth(res, 'results');

  const triple = (
    sqlFor: (s: { where: string }) => string,
  ): { key: string; engagements: number; requests: number; results: number }[] => {
    const map = new Map<string, { key: string; engagements: number; requests: number; results: number }>();
    for (const [s, field] of [
      [eng, 'engagements'],
      [req, 'requests'],
      [res, 'results'],
    ] as const) {
      for (const r of all<{ key: string | null; n: number }>(sqlFor(s), s.params)) {
        const key = r.key ?? 'own';
        const m = map.get(key) ?? { key, engagements: 0, requests: 0, results: 0 };
        m[field] = r.n;
        map.set(key, m);
      }
    }
    return [...map.values()].sort(
      (a, b) => b.engagements + b.requests + b.results - (a.engagements + a.requests + a.results),
    );
  };

  const operational = one(
    `SELECT count(*) AS n FROM record r WHERE ${eng.where} AND r.status = 'operational'`,
    eng.params,
  );
  const engagementsTotal = one(`SELECT count(*) AS n FROM record r WHERE ${eng.where}`, eng.params);

  const byCountry = new Map<string, number>();
  for (const r of all<{ key: string; n: number }>(
    `SELECT r.country AS key, count(*) AS n FROM record r WHERE ${req.where} GROUP BY r.country`,
    req.params,
  ))
    byCountry.set(r.key, (byCountry.get(r.key) ?? 0) + r.n);
  for (const r of all<{ key: string; n: number }>(
    `SELECT o.country AS key, count(DISTINCT r.n) AS n FROM record r
     JOIN record_link l ON l.from_n = r.n AND l.role = 'organisation' JOIN record o ON o.id = l.to_id
     WHERE ${eng.where} GROUP BY o.country`,
    eng.params,
  ))
    byCountry.set(r.key, (byCountry.get(r.key) ?? 0) + r.n);

  // Channels ------------------------------------------------------------------------------------------
  const euScope = `${req.where} AND r.country IN (SELECT value FROM json_each(@eu)) AND r.country <> @home
    AND r.channel <> 'mla_eio'`;
  const euParams = { ...req.params, eu: EU_CODES, home: settings.homeCountry };
  const sienaByMonth = all<{ month: string; eu: number; siena: number }>(
    `SELECT ${month} AS month, count(*) AS eu, sum(r.channel = 'siena') AS siena
     FROM record r WHERE ${euScope} GROUP BY month ORDER BY month`,
    { ...euParams, ...monthParams },
  );

  // Timeliness ----------------------------------------------------------------------------------------
  const answeredScope = `${req.where} AND r.direction = 'incoming' AND r.due_at IS NOT NULL
    AND json_extract(r.data, '$.answeredAt') IS NOT NULL`;
  const timely = (group: string) =>
    all<{ key: string; answered: number; inTime: number }>(
      `SELECT ${group} AS key, count(*) AS answered,
         coalesce(sum(json_extract(r.data, '$.answeredAt') <= r.due_at), 0) AS inTime
       FROM record r WHERE ${answeredScope} GROUP BY key ORDER BY answered DESC`,
      req.params,
    );
  const hours = all<{ h: number }>(
    `SELECT (julianday(json_extract(r.data, '$.answeredAt')) - julianday(r.occurred_at)) * 24 AS h
     FROM record r WHERE ${req.where} AND r.direction = 'incoming' AND json_extract(r.data, '$.answeredAt') IS NOT NULL
     ORDER BY h`,
    req.params,
  ).map((r) => r.h);

  // Completeness --------------------------------------------------------------------------------------
  const silentBefore = new Date(now.getTime() - input.silentDays * 86_400_000).toISOString();

  return {
    filters: { ...input },
    activity: {
      byMonth: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
      engagements: { operational, nonOperational: engagementsTotal - operational },
      byPhenomenon: triple(
        (s) =>
          `SELECT ph.code AS key, count(*) AS n FROM record r JOIN record_phenomenon ph ON ph.record_n = r.n
           WHERE ${s.where} GROUP BY ph.code`,
      ),
      byCountry: [...byCountry].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count),
      byPost: triple(
        (s) => `SELECT r.origin_post AS key, count(*) AS n FROM record r WHERE ${s.where} GROUP BY r.origin_post`,
      ),
    },
    channels: {
      mix: counts(
        `SELECT r.channel AS key, count(*) AS count FROM record r WHERE ${req.where} GROUP BY r.channel ORDER BY count DESC`,
        req.params,
      ),
      euExchanges: sienaByMonth.reduce((n, m) => n + m.eu, 0),
      euViaSiena: sienaByMonth.reduce((n, m) => n + m.siena, 0),
      sienaByMonth,
      nonSienaReasons: counts(
        `SELECT coalesce(json_extract(r.data, '$.nonSienaReason'), 'none') AS key, count(*) AS count
         FROM record r WHERE ${euScope} AND r.channel NOT IN ('siena', 'sis_sirene') GROUP BY key ORDER BY count DESC`,
        euParams,
      ),
    },
    timeliness: {
      byUrgency: timely(`coalesce(json_extract(r.data, '$.urgency'), 'non_urgent')`),
      byCountry: timely('r.country'),
      medianHours: percentile(hours, 0.5),
      p90Hours: percentile(hours, 0.9),
      openOverdue: one(
        `SELECT count(*) AS n FROM record r WHERE ${req.where} AND r.status = 'open' AND r.due_at < @now
           AND json_extract(r.data, '$.answeredAt') IS NULL`,
        { ...req.params, now: now.toISOString() },
      ),
    },
    results: {
      total: one(`SELECT count(*) AS n FROM record r WHERE ${res.where}`, res.params),
      byKind: counts(
        `SELECT r.status AS key, count(*) AS count FROM record r WHERE ${res.where} GROUP BY r.status ORDER BY count DESC`,
        res.params,
      ),
      byPhenomenon: counts(
        `SELECT ph.code AS key, count(*) AS count FROM record r JOIN record_phenomenon ph ON ph.record_n = r.n
         WHERE ${res.where} GROUP BY ph.code ORDER BY count DESC`,
        res.params,
      ),
      byPost: counts(
        `SELECT coalesce(r.origin_post, 'own') AS key, count(*) AS count FROM record r WHERE ${res.where}
         GROUP BY r.origin_post ORDER BY count DESC`,
        res.params,
      ),
      byCountry: counts(
        `SELECT q.country AS key, count(DISTINCT r.n) AS count FROM record r
         JOIN record_link l ON l.from_n = r.n AND l.role = 'request' JOIN record q ON q.id = l.to_id
         WHERE ${res.where} GROUP BY q.country ORDER BY count DESC`,
        res.params,
      ),
    },
    completeness: postStatuses(db).map((post) => ({
      postId: post.postId,
      postName: post.postName,
      lastExportAt: post.lastExportAt,
      lastPeriod: post.lastPeriod,
      missing: post.gaps.flatMap((g) => g.missing),
      silent: post.lastExportAt === null || post.lastExportAt < silentBefore,
    })),
  };
}

// The overview's queries as they were, for the same comparison.

/** The officer's overview of a period, counted from the records (as before migration 005). */
export function overviewFromRecords(
  db: Database,
  now: () => Date,
  from: string,
  to: string,
  homeCountry: string,
  timeZone: string,
): Overview {
  const rows = <T>(sql: string, params: Params): T[] => db.prepare(sql).all(params) as T[];
  const scalar = (sql: string, params: Params): number => (db.prepare(sql).get(params) as { n: number }).n;

  // Engagements and requests have a moment, results a date: each compares with its own period bounds.
  const inPeriod = (kind: string) =>
    kind === 'result'
      ? `r.kind = 'result' AND r.deleted_at IS NULL AND r.occurred_at >= @fromDate AND r.occurred_at < @toDateExclusive`
      : `r.kind = '${kind}' AND r.deleted_at IS NULL AND r.occurred_at >= @fromInstant AND r.occurred_at < @toInstantExclusive`;

  function breakdown(sql: string, params: Params): Breakdown {
    return rows<{ key: string | null; count: number }>(sql, params).map((r) => ({ key: r.key ?? '', count: r.count }));
  }

  function byPhenomenon(kind: string, params: Params): Breakdown {
    return breakdown(
      `SELECT p.code AS key, count(*) AS count FROM record r JOIN record_phenomenon p ON p.record_n = r.n
       WHERE ${inPeriod(kind)} GROUP BY p.code ORDER BY count DESC, key`,
      params,
    );
  }

  {
    const params = periodParams(from, to, timeZone);
    const eng = inPeriod('engagement');
    const req = inPeriod('request');
    const res = inPeriod('result');

    const engTotal = scalar(`SELECT count(*) AS n FROM record r WHERE ${eng}`, params);
    const operational = scalar(`SELECT count(*) AS n FROM record r WHERE ${eng} AND r.status = 'operational'`, params);

    const byChannelCountry = rows<{ country: string; channel: string; n: number }>(
      `SELECT r.country, r.channel, count(*) AS n FROM record r WHERE ${req} GROUP BY r.country, r.channel`,
      params,
    );
    let euExchanges = 0;
    let euViaSiena = 0;
    for (const g of byChannelCountry) {
      if (isEuMemberState(g.country) && g.country !== homeCountry && g.channel !== 'mla_eio') {
        euExchanges += g.n;
        if (g.channel === 'siena') euViaSiena += g.n;
      }
    }
    const timeliness = db
      .prepare(
        `SELECT count(*) AS answered,
           coalesce(sum(json_extract(r.data, '$.answeredAt') <= r.due_at), 0) AS inTime
         FROM record r WHERE ${req} AND r.direction = 'incoming' AND r.due_at IS NOT NULL
           AND json_extract(r.data, '$.answeredAt') IS NOT NULL`,
      )
      .get(params) as { answered: number; inTime: number };

    return {
      from,
      to,
      engagements: {
        total: engTotal,
        operational,
        nonOperational: engTotal - operational,
        byPhenomenon: byPhenomenon('engagement', params),
        byCountry: breakdown(
          `SELECT o.country AS key, count(DISTINCT r.n) AS count FROM record r
           JOIN record_link l ON l.from_n = r.n AND l.role = 'organisation'
           JOIN record o ON o.id = l.to_id
           WHERE ${eng} GROUP BY o.country ORDER BY count DESC, key`,
          params,
        ),
      },
      requests: {
        total: scalar(`SELECT count(*) AS n FROM record r WHERE ${req}`, params),
        incoming: scalar(`SELECT count(*) AS n FROM record r WHERE ${req} AND r.direction = 'incoming'`, params),
        outgoing: scalar(`SELECT count(*) AS n FROM record r WHERE ${req} AND r.direction = 'outgoing'`, params),
        byPhenomenon: byPhenomenon('request', params),
        byCountry: breakdown(
          `SELECT r.country AS key, count(*) AS count FROM record r WHERE ${req} GROUP BY r.country ORDER BY count DESC, key`,
          params,
        ),
        byChannel: breakdown(
          `SELECT r.channel AS key, count(*) AS count FROM record r WHERE ${req} GROUP BY r.channel ORDER BY count DESC, key`,
          params,
        ),
        euExchanges,
        euViaSiena,
        answeredWithDeadline: timeliness.answered,
        answeredInTime: timeliness.inTime,
        openOverdue: scalar(
          `SELECT count(*) AS n FROM record r WHERE ${req} AND r.status = 'open' AND r.due_at < @now
           AND json_extract(r.data, '$.answeredAt') IS NULL`,
          { ...params, now: now().toISOString() },
        ),
      },
      results: {
        total: scalar(`SELECT count(*) AS n FROM record r WHERE ${res}`, params),
        byKind: breakdown(
          `SELECT r.status AS key, count(*) AS count FROM record r WHERE ${res} GROUP BY r.status ORDER BY count DESC, key`,
          params,
        ),
        byPhenomenon: byPhenomenon('result', params),
      },
    };
  }
}

const byKey = <T extends { key: string }>(xs: readonly T[]): T[] =>
  [...xs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/** A dashboard with its lists in key order, to compare with the oracle's (whose queries leave ties unordered). */
export function normalisedDashboard(d: Dashboard) {
  return {
    ...d,
    activity: {
      ...d.activity,
      byPhenomenon: byKey(d.activity.byPhenomenon),
      byCountry: byKey(d.activity.byCountry),
      byPost: byKey(d.activity.byPost),
    },
    channels: { ...d.channels, mix: byKey(d.channels.mix), nonSienaReasons: byKey(d.channels.nonSienaReasons) },
    timeliness: { ...d.timeliness, byUrgency: byKey(d.timeliness.byUrgency), byCountry: byKey(d.timeliness.byCountry) },
    results: {
      ...d.results,
      byKind: byKey(d.results.byKind),
      byPhenomenon: byKey(d.results.byPhenomenon),
      byPost: byKey(d.results.byPost),
      byCountry: byKey(d.results.byCountry),
    },
  };
}
