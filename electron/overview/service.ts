import type { Database } from 'better-sqlite3-multiple-ciphers';
import { localToday, periodParams } from '../records/period';
import { exportsDue } from '../network-config/store';
import { createBreakdownReader, Tally } from '../reports/dashboard-rows';
import { keepDashboardCurrent } from '../reports/dashboard-upkeep';
import { isEuMemberState } from '../../shared/taxonomy/countries';
import type { Attention, Overview } from '../../shared/overview/schema';

// The officer's overview and the "needs attention" lists. The overview of a period comes from the
// dashboards' maintained aggregates (the narrow breakdowns of migrations 009 and 016, as the unfiltered
// dashboard reads them: rows bounded by the period and one breakdown, however many records), plus two counts
// on an index (requests in and out); the lists are small ordered reads on indexed columns.

type Params = Record<string, string | number>;

export function createOverviewService(db: Database, now: () => Date) {
  const rows = <T>(sql: string, params: Params): T[] => db.prepare(sql).all(params) as T[];
  const scalar = (sql: string, params: Params): number => (db.prepare(sql).get(params) as { n: number }).n;

  function overview(from: string, to: string, homeCountry: string, timeZone: string): Overview {
    keepDashboardCurrent(db, timeZone);
    const read = createBreakdownReader(db, { from, to, silentDays: 1 });
    const engagements = { total: 0, operational: 0, byCountry: new Tally(), byPhenomenon: new Tally() };
    const requests = {
      total: 0,
      byCountry: new Tally(),
      byChannel: new Tally(),
      byPhenomenon: new Tally(),
      euExchanges: 0,
      euViaSiena: 0,
      answered: 0,
      inTime: 0,
    };
    const results = { total: 0, byKind: new Tally(), byPhenomenon: new Tally() };
    // Per kind: an engagement's purpose, a request's channel, a result's kind.
    for (const row of read.kinds()) {
      if (row.kind === 'engagement') {
        engagements.total += row.n;
        if (row.sub === 'operational') engagements.operational += row.n;
      } else if (row.kind === 'request') {
        requests.total += row.n;
        requests.byChannel.add(row.sub, row.n);
        requests.answered += row.answered;
        requests.inTime += row.inTime;
      } else {
        results.total += row.n;
        results.byKind.add(row.sub, row.n);
      }
    }
    for (const row of read.countries()) if (row.kind === 'engagement') engagements.byCountry.add(row.country, row.n);
    for (const row of read.requests()) {
      requests.byCountry.add(row.country, row.n);
      if (isEuMemberState(row.country) && row.country !== homeCountry && row.via !== 'mla_eio') {
        requests.euExchanges += row.n;
        if (row.via === 'siena') requests.euViaSiena += row.n;
      }
    }
    const byPhenomenon = { engagement: engagements, request: requests, result: results } as const;
    for (const p of read.phenomena()) byPhenomenon[p.kind as keyof typeof byPhenomenon].byPhenomenon.add(p.code, p.n);

    // In or out: an index on (kind, direction, time) counts them without reading the requests.
    const period = periodParams(from, to, timeZone);
    const direction = (d: 'incoming' | 'outgoing') =>
      scalar(
        `SELECT count(*) AS n FROM record r WHERE r.kind = 'request' AND r.deleted_at IS NULL AND r.direction = @d
           AND r.occurred_at >= @fromInstant AND r.occurred_at < @toInstantExclusive`,
        { ...period, d },
      );

    return {
      from,
      to,
      engagements: {
        total: engagements.total,
        operational: engagements.operational,
        nonOperational: engagements.total - engagements.operational,
        byPhenomenon: engagements.byPhenomenon.list(),
        byCountry: engagements.byCountry.list(),
      },
      requests: {
        total: requests.total,
        incoming: direction('incoming'),
        outgoing: direction('outgoing'),
        byPhenomenon: requests.byPhenomenon.list(),
        byCountry: requests.byCountry.list(),
        byChannel: requests.byChannel.list(),
        euExchanges: requests.euExchanges,
        euViaSiena: requests.euViaSiena,
        answeredWithDeadline: requests.answered,
        answeredInTime: requests.inTime,
        openOverdue: read.openOverdue(now()),
      },
      results: {
        total: results.total,
        byKind: results.byKind.list(),
        byPhenomenon: results.byPhenomenon.list(),
      },
    };
  }

  function attention(dueWithinHours: number, quietDays: number, timeZone: string): Attention {
    const at = now();
    const nowIso = at.toISOString();
    const soon = new Date(at.getTime() + dueWithinHours * 3_600_000).toISOString();
    const quietSince = new Date(at.getTime() - quietDays * 86_400_000).toISOString();
    type Item = { id: string; title: string; at: string | null; country: string | null };
    const due = exportsDue(db, timeZone, at);
    // Open requests as shared/deadlines/outcome.ts has them: status open and no answer time recorded.
    const requests = (cond: string, p: Params) =>
      rows<Item>(
        `SELECT r.id, r.title, r.due_at AS at, r.country FROM record r
         WHERE r.kind = 'request' AND r.deleted_at IS NULL AND r.status = 'open' AND r.due_at IS NOT NULL
           AND json_extract(r.data, '$.answeredAt') IS NULL AND ${cond}
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
      // This installation's own organisations only: at HQ, the posts' imported organisations are theirs to keep in
      // touch with, and grouping every imported engagement's links made the first screen grow with HQ's data. The
      // last contact is read per organisation through record_link_by_target (to_id, role, from_n).
      quietOrganisations: rows<Item>(
        `SELECT id, title, at, country FROM (
           SELECT o.id, o.title, o.country,
                  (SELECT max(e.occurred_at) FROM record_link l JOIN record e ON e.n = l.from_n
                    WHERE l.to_id = o.id AND l.role = 'organisation' AND e.kind = 'engagement'
                      AND e.deleted_at IS NULL) AS at
           FROM record o
           WHERE o.kind = 'organisation' AND o.deleted_at IS NULL AND o.origin_post IS NULL)
         WHERE at IS NULL OR at < @quietSince
         ORDER BY at IS NOT NULL, at LIMIT 200`,
        { quietSince },
      ),
      // HQ's reporting calendar (network configuration, issue 13 item 4): exports due and not yet made, if any.
      ...(due.length > 0 ? { exportsDue: due } : {}),
    };
  }

  return { overview, attention };
}
