import type { Database } from 'better-sqlite3-multiple-ciphers';
import { expect } from 'vitest';
import { localToday } from '../../../electron/records/period';
import { settleDashboards } from '../../../electron/reports/dashboard-batch';
import { deadlineOutcome, timelinessCounts } from '../../../shared/deadlines/outcome';

// The dashboards' aggregates (migration 005) counted again from the records, in JavaScript and without the
// migration's SQL: local days through Intl rather than the clock table, sets through Set. Tests compare the
// tables with this recount after every kind of write.

interface RecordRow {
  n: number;
  id: string;
  kind: string;
  occurred_at: string | null;
  origin_post: string | null;
  country: string | null;
  channel: string | null;
  status: string | null;
  direction: string | null;
  due_at: string | null;
  data: string;
  deleted_at: string | null;
}

export interface Fact {
  day: string;
  record_n: number;
  kind: string;
  post: string;
  countries: string;
  channel: string;
  phenomena: string;
  matches: string;
  sub: string;
  urgency: string;
  reason: string;
  answered: number;
  in_time: number;
  hours: number | null;
  open_due: string | null;
}

const sortedJson = (values: Iterable<string>) => JSON.stringify([...new Set(values)].sort());

/** Migration 016's slices exist (the breakdowns keyed by a country, post or channel filter too). */
export function hasSlices(db: Database): boolean {
  return (
    db.prepare("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'dashboard_slices_refill')").pluck().get() === 1
  );
}

/** Migration 009's aggregates exist (and its facts: open_due only for open requests without an answer time). */
export function hasBreakdowns(db: Database): boolean {
  return (
    db.prepare("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'dashboard_by_kind_month')").pluck().get() === 1
  );
}

/** What every live engagement, request and result should contribute, worked out from the record tables. */
export function expectedFacts(db: Database, timeZone: string): Fact[] {
  const records = db.prepare('SELECT * FROM record').all() as RecordRow[];
  const byId = new Map(records.map((r) => [r.id, r]));
  const codes = new Map<number, string[]>();
  for (const p of db.prepare('SELECT record_n, code FROM record_phenomenon').all() as {
    record_n: number;
    code: string;
  }[]) {
    codes.set(p.record_n, [...(codes.get(p.record_n) ?? []), p.code]);
  }
  const links = new Map<number, { role: string; to_id: string }[]>();
  for (const l of db.prepare('SELECT from_n, role, to_id FROM record_link').all() as {
    from_n: number;
    role: string;
    to_id: string;
  }[]) {
    links.set(l.from_n, [...(links.get(l.from_n) ?? []), l]);
  }
  const parent = new Map(
    (
      db
        .prepare(
          "SELECT code, parent_code FROM taxonomy_term WHERE taxonomy = 'phenomenon' AND parent_code IS NOT NULL",
        )
        .all() as { code: string; parent_code: string }[]
    ).map((t) => [t.code, t.parent_code]),
  );

  const breakdowns = hasBreakdowns(db);
  const facts: Fact[] = [];
  for (const r of records) {
    if (!['engagement', 'request', 'result'].includes(r.kind) || r.deleted_at !== null || r.occurred_at === null)
      continue;
    const data = JSON.parse(r.data) as Record<string, unknown>;
    const own = codes.get(r.n) ?? [];
    const role = r.kind === 'engagement' ? 'organisation' : 'request';
    const countries =
      r.kind === 'request'
        ? r.country === null
          ? []
          : [r.country]
        : (links.get(r.n) ?? [])
            .filter((l) => l.role === role)
            .map((l) => byId.get(l.to_id)?.country)
            .filter((c): c is string => typeof c === 'string');
    const answeredAt = typeof data['answeredAt'] === 'string' ? data['answeredAt'] : null;
    // Met or missed by the one rule the form and the list use (shared/deadlines/outcome.ts).
    const timeliness =
      r.kind === 'request' && r.direction === 'incoming' && r.occurred_at !== null
        ? timelinessCounts(
            deadlineOutcome(
              { exchangedAt: r.occurred_at, dueAt: r.due_at, answeredAt, status: r.status ?? '' },
              new Date(0),
            ),
          )
        : { answered: 0, inTime: 0 };
    const answered = timeliness.answered;
    facts.push({
      day: r.kind === 'result' ? r.occurred_at.slice(0, 10) : localToday(new Date(r.occurred_at), timeZone),
      record_n: r.n,
      kind: r.kind,
      post: r.origin_post ?? '',
      countries: r.kind === 'request' ? JSON.stringify(countries) : sortedJson(countries),
      channel: r.channel ?? '',
      phenomena: sortedJson(own),
      matches: sortedJson(['', ...own, ...own.flatMap((c) => (parent.has(c) ? [parent.get(c) as string] : []))]),
      sub: r.kind === 'request' ? '' : (r.status ?? ''),
      urgency: answered ? ((data['urgency'] as string | undefined) ?? 'non_urgent') : '',
      reason:
        r.kind === 'request' && r.channel !== null && r.channel !== 'siena' && r.channel !== 'sis_sirene'
          ? ((data['nonSienaReason'] as string | null) ?? 'none')
          : '',
      answered,
      in_time: timeliness.inTime,
      hours:
        r.kind === 'request' && r.direction === 'incoming' && answeredAt !== null
          ? (Date.parse(answeredAt) - Date.parse(r.occurred_at)) / 3_600_000
          : null,
      open_due: r.kind === 'request' && r.status === 'open' && (!breakdowns || answeredAt === null) ? r.due_at : null,
    });
  }
  return facts.sort((a, b) => a.record_n - b.record_n);
}

type Row = Record<string, string | number>;
type Sum = 'n' | 'answered' | 'in_time';

/** Groups facts into the rows of one aggregate: key columns per fact (several for lists), sums added up. */
function group(facts: readonly Fact[], keys: (f: Fact) => Row[], sums: readonly Sum[]): Row[] {
  const out = new Map<string, Row>();
  for (const f of facts) {
    for (const key of keys(f)) {
      const id = JSON.stringify(key);
      const row = out.get(id) ?? { ...key, ...Object.fromEntries(sums.map((s) => [s, 0])) };
      for (const s of sums) (row[s] as number) += s === 'n' ? 1 : f[s];
      out.set(id, row);
    }
  }
  // A group whose facts add up to nothing is no row (migration 009's aggregates keep none).
  return sortRows([...out.values()].filter((r) => r['n'] !== 0));
}

function sortRows(rows: Row[]): Row[] {
  const text = (r: Row) => JSON.stringify(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));
  return rows
    .map((r) => ({ text: text(r), r }))
    .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    .map((x) => x.r);
}

const list = (json: string) => JSON.parse(json) as string[];
const dims = (f: Fact) => ({
  kind: f.kind,
  post: f.post,
  countries: f.countries,
  channel: f.channel,
  sub: f.sub,
  urgency: f.urgency,
  reason: f.reason,
});
const phenomenonDims = (f: Fact, code: string) => ({
  kind: f.kind,
  code,
  post: f.post,
  countries: f.countries,
  channel: f.channel,
});

/** Every aggregate table as it should be, from the facts. */
export function expectedAggregates(facts: readonly Fact[]): Record<string, Row[]> {
  const counts = ['n', 'answered', 'in_time'] as const;
  return {
    dashboard_month: group(
      facts,
      (f) => list(f.matches).map((m) => ({ filter_code: m, month: f.day.slice(0, 7), ...dims(f) })),
      counts,
    ),
    dashboard_phenomenon_month: group(
      facts,
      (f) =>
        list(f.matches).flatMap((m) =>
          list(f.phenomena).map((c) => ({ filter_code: m, month: f.day.slice(0, 7), ...phenomenonDims(f, c) })),
        ),
      ['n'],
    ),
    dashboard_day: group(facts, (f) => [{ day: f.day, ...dims(f) }], counts),
    dashboard_phenomenon_day: group(
      facts,
      (f) => list(f.phenomena).map((c) => ({ day: f.day, ...phenomenonDims(f, c) })),
      ['n'],
    ),
  };
}

/** Hours to one significant digit, rounded down (migration 009's buckets), worked out in JavaScript. */
function hoursBucket(h: number): number {
  if (h < 0) return -1;
  for (let scale = 1; scale <= 10_000; scale *= 10) if (h < scale * 10) return Math.trunc(h / scale) * scale;
  return Math.trunc(h / 100_000) * 100_000;
}

/**
 * The other filter a fact satisfies (migration 016's slices): none (''), each of its countries, its post, and
 * a request's channel.
 */
function slicesOf(f: Fact): string[] {
  return [
    '',
    ...list(f.countries).map((c) => `country:${c}`),
    `post:${f.post}`,
    ...(f.kind === 'request' ? [`channel:${f.channel}`] : []),
  ];
}

/**
 * Migration 009's aggregates as they should be: each fact under every phenomenon filter it satisfies ('' for
 * none), per month and per day, for each breakdown; from migration 016 on (`slices`), under every slice too.
 */
export function expectedBreakdowns(facts: readonly Fact[], slices = false): Record<string, Row[]> {
  const requestCountry = (f: Fact) => list(f.countries)[0] ?? '';
  const specs: { name: string; parts: (f: Fact) => Row[]; sums: readonly Sum[] }[] = [
    {
      name: 'dashboard_by_kind',
      parts: (f) => [{ kind: f.kind, sub: f.kind === 'request' ? f.channel : f.sub, urgency: f.urgency }],
      sums: ['n', 'answered', 'in_time'],
    },
    {
      name: 'dashboard_by_phenomenon',
      parts: (f) => list(f.phenomena).map((code) => ({ kind: f.kind, code })),
      sums: ['n'],
    },
    {
      name: 'dashboard_by_country',
      parts: (f) => (f.kind === 'request' ? [] : list(f.countries).map((country) => ({ kind: f.kind, country }))),
      sums: ['n'],
    },
    { name: 'dashboard_by_post', parts: (f) => [{ kind: f.kind, post: f.post }], sums: ['n'] },
    {
      name: 'dashboard_by_request',
      parts: (f) =>
        f.kind === 'request'
          ? [
              {
                country: requestCountry(f),
                via: ['siena', 'sis_sirene', 'mla_eio'].includes(f.channel) ? f.channel : 'other',
                reason: f.channel === 'mla_eio' ? '' : f.reason,
              },
            ]
          : [],
      sums: ['n', 'answered', 'in_time'],
    },
    {
      name: 'dashboard_hours',
      parts: (f) => (f.hours === null ? [] : [{ bucket: hoursBucket(f.hours) }]),
      sums: ['n'],
    },
    {
      name: 'dashboard_hour_values',
      parts: (f) => (f.hours === null ? [] : [{ bucket: hoursBucket(f.hours), hours: f.hours }]),
      sums: ['n'],
    },
    {
      name: 'dashboard_overdue',
      parts: (f) => (f.open_due === null ? [] : [{ due_day: f.open_due.slice(0, 10) }]),
      sums: ['n'],
    },
    {
      name: 'dashboard_overdue_at',
      parts: (f) => (f.open_due === null ? [] : [{ due_day: f.open_due.slice(0, 10), due_at: f.open_due }]),
      sums: ['n'],
    },
  ];
  const out: Record<string, Row[]> = {};
  const keyed = (f: Fact, time: Row, parts: Row[]) =>
    list(f.matches).flatMap((f_code) =>
      slices
        ? slicesOf(f).flatMap((slice) => parts.map((p) => ({ f_code, slice, ...time, ...p })))
        : parts.map((p) => ({ f_code, ...time, ...p })),
    );
  for (const s of specs) {
    out[`${s.name}_month`] = group(facts, (f) => keyed(f, { month: f.day.slice(0, 7) }, s.parts(f)), s.sums);
    out[`${s.name}_day`] = group(facts, (f) => keyed(f, { day: f.day }, s.parts(f)), s.sums);
  }
  return out;
}

const TABLES_005 = ['dashboard_month', 'dashboard_phenomenon_month', 'dashboard_day', 'dashboard_phenomenon_day'];

/** The aggregate tables as they are (005's, and 009's where they exist). */
export function actualAggregates(db: Database): Record<string, Row[]> {
  const tables = [...TABLES_005, ...(hasBreakdowns(db) ? Object.keys(expectedBreakdowns([])).sort() : [])];
  return Object.fromEntries(tables.map((t) => [t, sortRows(db.prepare(`SELECT * FROM ${t}`).all() as Row[])]));
}

/**
 * Expects dashboard_fact and every aggregate to equal a recount of the records. Hours are compared to the
 * microsecond: SQLite counts them through julian days, JavaScript through milliseconds.
 */
export function expectAggregatesTrue(db: Database, timeZone: string): void {
  // The aggregates as every reader sees them: after records written in batches are counted.
  settleDashboards(db);
  const facts = expectedFacts(db, timeZone);
  const stored = db.prepare('SELECT * FROM dashboard_fact ORDER BY record_n').all() as Fact[];
  const withoutHours = (fs: readonly Fact[]) => fs.map(({ hours: _hours, ...f }) => f);
  expect(withoutHours(stored)).toEqual(withoutHours(facts));
  stored.forEach((f, i) => {
    const hours = facts[i]?.hours ?? null;
    if (hours === null) expect(f.hours).toBeNull();
    else expect(f.hours).toBeCloseTo(hours, 6);
  });
  // Close enough: the aggregates keyed by hours are recounted from the hours as stored (SQLite's julian days).
  const counted = facts.map((f, i) => ({ ...f, hours: f.hours === null ? null : (stored[i]?.hours ?? null) }));
  expect(actualAggregates(db)).toEqual({
    ...expectedAggregates(counted),
    ...(hasBreakdowns(db) ? expectedBreakdowns(counted, hasSlices(db)) : {}),
  });
}
