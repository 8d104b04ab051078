import type { Database } from 'better-sqlite3-multiple-ciphers';
import { localToday, periodParams } from '../records/period';
import { isEuMemberState } from '../../shared/taxonomy/countries';
import type { Attention, Breakdown, Overview } from '../../shared/overview/schema';

// The officer's overview and the "needs attention" lists, as grouped queries on indexed columns.

type Params = Record<string, string | number>;

export function createOverviewService(db: Database, now: () => Date) {
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

  function overview(from: string, to: string, homeCountry: string, timeZone: string): Overview {
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
          `SELECT count(*) AS n FROM record r WHERE ${req} AND r.status = 'open' AND r.due_at < @now`,
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

  function attention(dueWithinHours: number, quietDays: number, timeZone: string): Attention {
    const at = now();
    const nowIso = at.toISOString();
    const soon = new Date(at.getTime() + dueWithinHours * 3_600_000).toISOString();
    const quietSince = new Date(at.getTime() - quietDays * 86_400_000).toISOString();
    type Item = { id: string; title: string; at: string | null; country: string | null };
    const requests = (cond: string, p: Params) =>
      rows<Item>(
        `SELECT r.id, r.title, r.due_at AS at, r.country FROM record r
         WHERE r.kind = 'request' AND r.deleted_at IS NULL AND r.status = 'open' AND r.due_at IS NOT NULL AND ${cond}
         ORDER BY r.due_at LIMIT 200`,
        p,
      );
    return {
      overdueRequests: requests('r.due_at < @now', { now: nowIso }),
      dueSoonRequests: requests('r.due_at >= @now AND r.due_at <= @soon', { now: nowIso, soon }),
      followUps: rows<Item>(
        `SELECT r.id, r.title, r.due_at AS at, NULL AS country FROM record r
         WHERE r.kind = 'engagement' AND r.deleted_at IS NULL AND r.due_at IS NOT NULL AND r.due_at <= @until
         ORDER BY r.due_at LIMIT 200`,
        { until: localToday(new Date(at.getTime() + 7 * 86_400_000), timeZone) },
      ),
      quietOrganisations: rows<Item>(
        `SELECT o.id, o.title, last.at AS at, o.country FROM record o
         LEFT JOIN (SELECT l.to_id, max(e.occurred_at) AS at FROM record_link l JOIN record e ON e.n = l.from_n
                    WHERE l.role = 'organisation' AND e.kind = 'engagement' AND e.deleted_at IS NULL
                    GROUP BY l.to_id) last ON last.to_id = o.id
         WHERE o.kind = 'organisation' AND o.deleted_at IS NULL AND (last.at IS NULL OR last.at < @quietSince)
         ORDER BY last.at IS NOT NULL, last.at LIMIT 200`,
        { quietSince },
      ),
    };
  }

  return { overview, attention };
}
