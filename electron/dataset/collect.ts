import type { Database } from 'better-sqlite3-multiple-ciphers';
import { timeLimit, directiveApplies, type Accessibility, type Urgency } from '../../shared/deadlines/directive';
import type { Measure } from '../../shared/dataset/tables';
import { CHANNEL_CODES } from '../../shared/taxonomy/channels';
import { DEFAULT_COUNTRIES, findCountry } from '../../shared/taxonomy/countries';
import { plannedByQuarter } from '../../shared/workplan/schema';
import { periodParams } from '../records/period';
import { keepDashboardCurrent } from '../reports/dashboard-upkeep';
import type { EffortFact, Fact } from './aggregate';
import type { Obj } from './writer';

// Reads what the dataset holds from the database: only the columns it writes (codes, counts, moments), never a
// record's free text. Each kind of record is read in chunks along its time index, with a pause between chunks so
// that the backend keeps answering (and a cancel is heard) while a large logbook is read.
//
// Nothing here grows with the period: each row is handed to `emit` as it is read (the export writes it to its
// CSV file at once, electron/dataset/writer.ts) and each record's fact to `count`. What is kept is bounded by the
// other records and codes: the pseudonyms of the cases, organisations and planned activities the records point
// at, the posts, the phenomena and agency types used.

export type { Obj } from './writer';

export interface CollectOptions {
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  readonly homeCountry: string;
  readonly pseudonym: (kind: string, id: string) => string;
  /** Called between chunks: reports progress, yields to other calls, throws when cancelled. */
  readonly pause: (done: number) => Promise<void>;
  /** A row of a table (by name): written as it comes; the record tables are sorted by the writer. */
  readonly emit: (table: string, row: Obj) => void;
  /** A record's fact for the aggregate tables. */
  readonly count: (fact: Fact) => void;
  /** An engagement's or request's time and travel (null: not recorded), for agg_effort_post_year. */
  readonly effort: (fact: EffortFact) => void;
}

const CHUNK = 5_000;

interface Base {
  n: number;
  id: string;
  origin_post: string | null;
  occurred_at: string;
}

/** Reads the rows of one kind in the period, chunk by chunk along (occurred_at, n). */
async function readChunked(
  db: Database,
  sql: (where: string) => string,
  range: { from: string; toExclusive: string },
  pause: (done: number) => Promise<void>,
  onRows: (rows: Base[]) => void,
): Promise<void> {
  const first = db.prepare<[string, string], Base>(
    sql('occurred_at >= ? AND occurred_at < ?') + ` ORDER BY occurred_at, n LIMIT ${CHUNK}`,
  );
  const next = db.prepare<[string, string, number], Base>(
    sql('occurred_at < ? AND (occurred_at, n) > (?, ?)') + ` ORDER BY occurred_at, n LIMIT ${CHUNK}`,
  );
  let rows = first.all(range.from, range.toExclusive);
  while (rows.length > 0) {
    onRows(rows);
    await pause(rows.length);
    const last = rows[rows.length - 1] as Base;
    if (rows.length < CHUNK) break;
    rows = next.all(range.toExclusive, last.occurred_at, last.n);
  }
}

/** The month (YYYY-MM) of a UTC instant on a wall clock; cached per minute, as offsets change on minutes. */
function monthOnClock(timeZone: string): (instant: string) => string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
  const cache = new Map<string, string>();
  return (instant) => {
    const minute = instant.slice(0, 16);
    let month = cache.get(minute);
    if (month === undefined) {
      const parts = format.formatToParts(new Date(instant));
      month = `${parts.find((p) => p.type === 'year')?.value ?? ''}-${parts.find((p) => p.type === 'month')?.value ?? ''}`;
      if (cache.size > 10_000) cache.clear();
      cache.set(minute, month);
    }
    return month;
  };
}

function ids(json: string | null): string[] {
  if (!json) return [];
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
}

const bool = (v: number | null): boolean => v === 1;

const CHANNEL_LABELS: Record<(typeof CHANNEL_CODES)[number], [string, string]> = {
  siena: ['SIENA (Europol)', 'SIENA (Europol)'],
  interpol: ['Interpol I-24/7', 'Interpol I-24/7'],
  sis_sirene: ['SIS / SIRENE', 'SIS / SIRENE'],
  bilateral: ['Bilateral (direct)', 'Bilateraal (rechtstreeks)'],
  mla_eio: ['Mutual legal assistance / EIO', 'Rechtshulp / EOB'],
  other: ['Other', 'Overig'],
};

/** Text of a JSON number field, or null. */
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export async function collect(db: Database, o: CollectOptions): Promise<void> {
  const p = periodParams(o.from, o.to, o.timeZone);
  const month = monthOnClock(o.timeZone);
  const installation = db.prepare('SELECT role, post_id, country FROM installation WHERE singleton = 1').get() as
    { role: string | null; post_id: string | null; country: string | null } | undefined;
  const role = installation?.role === 'hq' ? 'hq' : 'post';
  // Records logged here belong to this installation: the post itself, or HQ.
  const ownPost = role === 'hq' ? '\u0000hq' : (installation?.post_id ?? '\u0000own');
  const postOf = (originPost: string | null) => originPost ?? ownPost;
  const postIds = new Map<string, string>();
  const postId = (key: string) => {
    let pseudo = postIds.get(key);
    if (pseudo === undefined) postIds.set(key, (pseudo = o.pseudonym('post', key)));
    return pseudo;
  };
  const usedPhenomena = new Set<string>();
  /** A record's phenomena, one row per code, as it is read. */
  const phenomenonRows = (table: string, column: string, id: string, json: string | null): string[] => {
    const codes = ids(json);
    for (const code of new Set(codes)) {
      o.emit(table, { [column]: id, phenomenon: code });
      usedPhenomena.add(code);
    }
    return codes;
  };

  // The cases and organisations records in the period point at: pseudonym when live, null when not (or gone).
  const liveRecord = db.prepare<[string, string], { ok: number }>(
    'SELECT 1 AS ok FROM record WHERE id = ? AND kind = ? AND deleted_at IS NULL',
  );
  const pointedAt = (kind: 'case' | 'organisation', seen: Map<string, string | null>, rawId: string) => {
    let pseudo = seen.get(rawId);
    if (pseudo === undefined) {
      pseudo = liveRecord.get(rawId, kind) ? o.pseudonym(kind, rawId) : null;
      seen.set(rawId, pseudo);
    }
    return pseudo;
  };
  const wantedCases = new Map<string, string | null>();
  const caseOf = (rawId: string | null) => (rawId ? pointedAt('case', wantedCases, rawId) : null);
  const wantedOrganisations = new Map<string, string | null>();
  // The planned activities engagements in the period carry out (raw id -> pseudonym; null: no such activity).
  const activityExists = db.prepare<[string], { ok: number }>('SELECT 1 AS ok FROM workplan_activity WHERE id = ?');
  const linkedActivities = new Map<string, string | null>();

  // ---- Requests
  interface RequestRow extends Base {
    country: string;
    channel: string;
    status: string;
    direction: string;
    due_at: string | null;
    urgency: string | null;
    urgency_ground: string | null;
    accessibility: string | null;
    non_siena_reason: string | null;
    answered_at: string | null;
    refusal_ground: string | null;
    judicial_deviation: number | null;
    spoc_copied: number | null;
    europol_copied: number | null;
    case_id: string | null;
    phenomena: string | null;
    minutes: unknown;
    travel_days: unknown;
    travel_cents: unknown;
  }
  await readChunked(
    db,
    (where) => `SELECT n, id, origin_post, occurred_at, country, channel, status, direction, due_at,
        json_extract(data, '$.urgency') AS urgency, json_extract(data, '$.urgencyGround') AS urgency_ground,
        json_extract(data, '$.accessibility') AS accessibility,
        json_extract(data, '$.nonSienaReason') AS non_siena_reason,
        json_extract(data, '$.answeredAt') AS answered_at, json_extract(data, '$.refusalGround') AS refusal_ground,
        json_extract(data, '$.judicialDeviation') AS judicial_deviation,
        json_extract(data, '$.spocCopied') AS spoc_copied, json_extract(data, '$.europolCopied') AS europol_copied,
        json_extract(data, '$.caseId') AS case_id, json_extract(data, '$.phenomena') AS phenomena,
        json_extract(data, '$.timeSpentMinutes') AS minutes, json_extract(data, '$.travelDays') AS travel_days,
        json_extract(data, '$.travelCostCents') AS travel_cents
      FROM record WHERE kind = 'request' AND deleted_at IS NULL AND ${where}`,
    { from: p.fromInstant, toExclusive: p.toInstantExclusive },
    o.pause,
    (rows) => {
      // The rows are the shape the SQL above selects.
      for (const r of rows as RequestRow[]) {
        const id = o.pseudonym('request', r.id);
        const urgency = (r.urgency ?? 'non_urgent') as Urgency;
        const accessibility = (r.accessibility ?? 'direct') as Accessibility;
        const applies = directiveApplies({
          counterpartCountry: r.country,
          channel: r.channel,
          homeCountry: o.homeCountry,
        });
        const limit = timeLimit(urgency, accessibility);
        const hours =
          r.answered_at === null
            ? null
            : Math.max(0, Math.round((Date.parse(r.answered_at) - Date.parse(r.occurred_at)) / 360_000) / 10);
        const post = postId(postOf(r.origin_post));
        const row: Obj = {
          request_id: id,
          post_id: post,
          direction: r.direction,
          month: month(r.occurred_at),
          counterpart_country: r.country,
          channel: r.channel,
          status: r.status,
          urgency,
          urgency_ground: r.urgency_ground,
          accessibility,
          non_siena_reason: r.non_siena_reason,
          refusal_ground: r.refusal_ground,
          judicial_deviation: bool(r.judicial_deviation),
          spoc_copied: bool(r.spoc_copied),
          europol_copied: bool(r.europol_copied),
          directive_applies: applies,
          time_limit: applies ? ('hours' in limit ? `${limit.hours}_hours` : `${limit.days}_days`) : null,
          hours_to_answer: hours,
          answered_in_time:
            r.due_at !== null && r.answered_at !== null ? Date.parse(r.answered_at) <= Date.parse(r.due_at) : null,
          case_id: caseOf(r.case_id),
        };
        o.emit('requests', row);
        effortRow('request_effort', 'request_id', id, r);
        effortFact(post, row['month'] as string, r);
        const codes = phenomenonRows('request_phenomena', 'request_id', id, r.phenomena);
        o.count({
          post,
          month: row['month'] as string,
          phenomena: codes,
          measures: [r.direction === 'incoming' ? 'requests_incoming' : 'requests_outgoing'],
        });
      }
    },
  );

  /** A record's time, travel and travel cost, when any of them was recorded. */
  function effortRow(
    table: string,
    column: string,
    id: string,
    r: { minutes: unknown; travel_days: unknown; travel_cents: unknown },
  ): void {
    const minutes = num(r.minutes);
    const days = num(r.travel_days);
    const cents = num(r.travel_cents);
    if (minutes === null && days === null && cents === null) return;
    o.emit(table, {
      [column]: id,
      hours: minutes === null ? null : Math.round((minutes / 60) * 10_000) / 10_000,
      travel_days: days,
      travel_cost_eur: cents === null ? null : Math.round(cents) / 100,
    });
  }

  function effortFact(
    post: string,
    month: string,
    r: { minutes: unknown; travel_days: unknown; travel_cents: unknown },
  ): void {
    o.effort({
      post,
      year: Number(month.slice(0, 4)),
      minutes: num(r.minutes),
      travelDays: num(r.travel_days),
      travelCents: num(r.travel_cents),
    });
  }

  // ---- Engagements
  interface EngagementRow extends Base {
    kind: string;
    purpose: string;
    organisations: string | null;
    people: number | null;
    follow_up_on: string | null;
    follow_up_done: number | null;
    case_id: string | null;
    phenomena: string | null;
    minutes: unknown;
    travel_days: unknown;
    travel_cents: unknown;
    activity: string | null;
  }
  await readChunked(
    db,
    (where) => `SELECT n, id, origin_post, occurred_at,
        json_extract(data, '$.kind') AS kind, json_extract(data, '$.purpose') AS purpose,
        json_extract(data, '$.organisationIds') AS organisations,
        json_array_length(data, '$.personIds') AS people,
        json_extract(data, '$.followUpOn') AS follow_up_on, json_extract(data, '$.followUpDone') AS follow_up_done,
        json_extract(data, '$.caseId') AS case_id, json_extract(data, '$.phenomena') AS phenomena,
        json_extract(data, '$.timeSpentMinutes') AS minutes, json_extract(data, '$.travelDays') AS travel_days,
        json_extract(data, '$.travelCostCents') AS travel_cents,
        json_extract(data, '$.plannedActivityId') AS activity
      FROM record WHERE kind = 'engagement' AND deleted_at IS NULL AND ${where}`,
    { from: p.fromInstant, toExclusive: p.toInstantExclusive },
    o.pause,
    (rows) => {
      // The rows are the shape the SQL above selects.
      for (const r of rows as EngagementRow[]) {
        const id = o.pseudonym('engagement', r.id);
        const organisations = ids(r.organisations);
        const post = postId(postOf(r.origin_post));
        const operational = r.purpose === 'operational';
        const row: Obj = {
          engagement_id: id,
          post_id: post,
          month: month(r.occurred_at),
          kind: r.kind,
          purpose: r.purpose,
          operational,
          organisation_count: new Set(organisations).size,
          person_count: r.people ?? 0,
          follow_up_set: r.follow_up_on !== null,
          follow_up_done: bool(r.follow_up_done),
          case_id: caseOf(r.case_id),
        };
        o.emit('engagements', row);
        for (const orgId of new Set(organisations)) {
          const org = pointedAt('organisation', wantedOrganisations, orgId);
          if (org) o.emit('engagement_organisations', { engagement_id: id, organisation_id: org });
        }
        effortRow('engagement_effort', 'engagement_id', id, r);
        effortFact(post, row['month'] as string, r);
        if (typeof r.activity === 'string' && r.activity !== '') {
          let activity = linkedActivities.get(r.activity);
          if (activity === undefined) {
            activity = activityExists.get(r.activity) ? o.pseudonym('activity', r.activity) : null;
            linkedActivities.set(r.activity, activity);
          }
          if (activity) o.emit('engagement_activities', { engagement_id: id, activity_id: activity });
        }
        const codes = phenomenonRows('engagement_phenomena', 'engagement_id', id, r.phenomena);
        const measures: Measure[] = operational ? ['engagements', 'engagements_operational'] : ['engagements'];
        o.count({ post, month: row['month'] as string, phenomena: codes, measures });
      }
    },
  );

  // ---- Results (dated: the period's dates, not its instants)
  interface ResultRow extends Base {
    kind: string;
    count: number | null;
    quantity: number | null;
    unit: string | null;
    engagements: string | null;
    requests: string | null;
    case_id: string | null;
    phenomena: string | null;
  }
  // A linked engagement or request is listed when it is in the dataset: live and in the period.
  const inDataset = db.prepare<[string, string, string, string], { ok: number }>(
    `SELECT 1 AS ok FROM record WHERE id = ? AND kind = ? AND deleted_at IS NULL
       AND occurred_at >= ? AND occurred_at < ?`,
  );
  const listed = (kind: 'engagement' | 'request', rawId: string) =>
    inDataset.get(rawId, kind, p.fromInstant, p.toInstantExclusive) ? o.pseudonym(kind, rawId) : null;
  await readChunked(
    db,
    (where) => `SELECT n, id, origin_post, occurred_at,
        json_extract(data, '$.kind') AS kind, json_extract(data, '$.count') AS count,
        json_extract(data, '$.quantity') AS quantity, json_extract(data, '$.unit') AS unit,
        json_extract(data, '$.engagementIds') AS engagements, json_extract(data, '$.requestIds') AS requests,
        json_extract(data, '$.caseId') AS case_id, json_extract(data, '$.phenomena') AS phenomena
      FROM record WHERE kind = 'result' AND deleted_at IS NULL AND ${where}`,
    { from: p.fromDate, toExclusive: p.toDateExclusive },
    o.pause,
    (rows) => {
      // The rows are the shape the SQL above selects.
      for (const r of rows as ResultRow[]) {
        const id = o.pseudonym('result', r.id);
        const linkedEngagements = [...new Set(ids(r.engagements))];
        const linkedRequests = [...new Set(ids(r.requests))];
        const post = postId(postOf(r.origin_post));
        const row: Obj = {
          result_id: id,
          post_id: post,
          month: r.occurred_at.slice(0, 7),
          kind: r.kind,
          count: r.count,
          quantity: r.quantity,
          unit: r.unit,
          engagement_links: linkedEngagements.length,
          request_links: linkedRequests.length,
          case_id: caseOf(r.case_id),
        };
        o.emit('results', row);
        for (const t of linkedEngagements) {
          const e = listed('engagement', t);
          if (e) o.emit('result_engagements', { result_id: id, engagement_id: e });
        }
        for (const t of linkedRequests) {
          const q = listed('request', t);
          if (q) o.emit('result_requests', { result_id: id, request_id: q });
        }
        const codes = phenomenonRows('result_phenomena', 'result_id', id, r.phenomena);
        o.count({ post, month: row['month'] as string, phenomena: codes, measures: ['results'] });
      }
    },
  );

  // ---- Cases and organisations the records in the period point at (and that are not in the trash)
  for (const c of db
    .prepare(
      `SELECT id, origin_post, status, json_extract(data, '$.phenomena') AS phenomena
       FROM record WHERE kind = 'case' AND deleted_at IS NULL`,
    )
    .iterate() as IterableIterator<{ id: string; origin_post: string | null; status: string; phenomena: string }>) {
    const id = wantedCases.get(c.id);
    if (!id) continue;
    o.emit('cases', { case_id: id, post_id: postId(postOf(c.origin_post)), status: c.status });
    phenomenonRows('case_phenomena', 'case_id', id, c.phenomena);
  }
  await o.pause(0);

  const usedTypes = new Set<string>();
  for (const org of db
    .prepare(
      `SELECT id, origin_post, country, json_extract(data, '$.type') AS type
       FROM record WHERE kind = 'organisation' AND deleted_at IS NULL`,
    )
    .iterate() as IterableIterator<{ id: string; origin_post: string | null; country: string; type: string }>) {
    const id = wantedOrganisations.get(org.id);
    if (!id) continue;
    o.emit('organisations', {
      organisation_id: id,
      post_id: postId(postOf(org.origin_post)),
      country: org.country,
      type: org.type,
    });
    usedTypes.add(org.type);
  }
  await o.pause(0);

  // ---- Work plans and budgets of the years the period touches (issue 14, items 2 and 3)
  const fromYear = Number(o.from.slice(0, 4));
  const toYear = Number(o.to.slice(0, 4));
  const postOfPlan = (post: string) => (post === '' ? ownPost : post);
  for (const b of db
    .prepare<[number, number], { post: string; year: number; budget_cents: number; fte_hundredths: number }>(
      'SELECT post, year, budget_cents, fte_hundredths FROM post_budget WHERE year >= ? AND year <= ?',
    )
    .iterate(fromYear, toYear)) {
    o.emit('post_budgets', {
      post_id: postId(postOfPlan(b.post)),
      year: b.year,
      budget_eur: b.budget_cents / 100,
      fte: b.fte_hundredths / 100,
    });
  }
  // Done per quarter as the Work plan page counts it (migration 015's effort_activity, settled first).
  keepDashboardCurrent(db, o.timeZone);
  const done = db.prepare<[string, string], { quarter: number; n: number }>(
    'SELECT quarter, n FROM effort_activity WHERE activity = ? AND year = ? AND n > 0',
  );
  const organisationType = db.prepare<[string], { type: string | null }>(
    "SELECT json_extract(data, '$.type') AS type FROM record WHERE id = ? AND kind = 'organisation'",
  );
  for (const a of db
    .prepare<[], { id: string; post: string; year: number; data: string; deleted_at: string | null }>(
      'SELECT id, post, year, data, deleted_at FROM workplan_activity',
    )
    .iterate()) {
    const inYears = a.deleted_at === null && a.year >= fromYear && a.year <= toYear;
    if (!inYears && !linkedActivities.get(a.id)) continue;
    // The stored PlannedActivityInput (shared/workplan/schema.ts); its title never leaves this function.
    const data = JSON.parse(a.data) as {
      type?: unknown;
      phenomenon?: unknown;
      partnerCountry?: unknown;
      partnerOrganisationId?: unknown;
      quarters?: unknown;
      plannedCount?: unknown;
    };
    const phenomenon = typeof data.phenomenon === 'string' ? data.phenomenon : null;
    if (phenomenon !== null) usedPhenomena.add(phenomenon);
    const partnerType =
      typeof data.partnerOrganisationId === 'string'
        ? (organisationType.get(data.partnerOrganisationId)?.type ?? null)
        : null;
    if (partnerType !== null) usedTypes.add(partnerType);
    const country = typeof data.partnerCountry === 'string' ? data.partnerCountry.toUpperCase() : null;
    const plannedCount = num(data.plannedCount) ?? 0;
    const quarters = Array.isArray(data.quarters)
      ? data.quarters.filter((q): q is number => typeof q === 'number')
      : [];
    const planned = plannedByQuarter(plannedCount, quarters);
    const doneBy: [number, number, number, number] = [0, 0, 0, 0];
    for (const d of done.all(a.id, String(a.year))) if (d.quarter >= 1 && d.quarter <= 4) doneBy[d.quarter - 1] = d.n;
    o.emit('planned_activities', {
      activity_id: o.pseudonym('activity', a.id),
      post_id: postId(postOfPlan(a.post)),
      year: a.year,
      type: typeof data.type === 'string' ? data.type : null,
      phenomenon,
      partner_country: country !== null && findCountry(country) ? country : null,
      partner_type: partnerType,
      planned_count: plannedCount,
      planned_q1: planned[0],
      planned_q2: planned[1],
      planned_q3: planned[2],
      planned_q4: planned[3],
      done_q1: doneBy[0],
      done_q2: doneBy[1],
      done_q3: doneBy[2],
      done_q4: doneBy[3],
      removed: a.deleted_at !== null,
    });
  }
  await o.pause(0);

  // ---- Reference lists
  const terms = (taxonomy: string) =>
    db
      .prepare(
        `SELECT code, label_en, label_nl, parent_code, iccs, retired_at FROM taxonomy_term
         WHERE taxonomy = ? ORDER BY code`,
      )
      .all(taxonomy) as {
      code: string;
      label_en: string;
      label_nl: string;
      parent_code: string | null;
      iccs: string;
      retired_at: string | null;
    }[];
  const phenomenonTerms = terms('phenomenon');
  const knownPhenomena = new Set(phenomenonTerms.map((t) => t.code));
  for (const t of phenomenonTerms) {
    o.emit('phenomena', {
      code: t.code,
      parent_code: t.parent_code !== null && knownPhenomena.has(t.parent_code) ? t.parent_code : null,
      label_en: t.label_en,
      label_nl: t.label_nl,
      iccs: t.iccs === '' ? null : t.iccs,
      retired: t.retired_at !== null,
    });
  }
  for (const code of [...usedPhenomena].sort()) {
    if (!knownPhenomena.has(code)) {
      o.emit('phenomena', { code, parent_code: null, label_en: null, label_nl: null, iccs: null, retired: false });
    }
  }
  const typeTerms = terms('organisation_type');
  const knownTypes = new Set(typeTerms.map((t) => t.code));
  for (const t of typeTerms) {
    o.emit('organisation_types', {
      code: t.code,
      label_en: t.label_en,
      label_nl: t.label_nl,
      retired: t.retired_at !== null,
    });
  }
  for (const code of [...usedTypes].sort()) {
    if (!knownTypes.has(code)) o.emit('organisation_types', { code, label_en: null, label_nl: null, retired: false });
  }

  const dutch = new Intl.DisplayNames(['nl'], { type: 'region', fallback: 'none' });
  for (const c of DEFAULT_COUNTRIES) {
    let nl: string | undefined;
    try {
      nl = dutch.of(c.code);
    } catch {
      nl = undefined;
    }
    o.emit('countries', { code: c.code, name_en: c.name, name_nl: nl ?? c.name, eu_member: c.eu });
  }
  for (const code of CHANNEL_CODES) {
    o.emit('channels', { code, label_en: CHANNEL_LABELS[code][0], label_nl: CHANNEL_LABELS[code][1] });
  }

  const enrolledCountry = db.prepare<[string], { country: string | null }>(
    'SELECT country FROM enrolled_key WHERE post_id = ? AND country IS NOT NULL ORDER BY enrolled_at DESC LIMIT 1',
  );
  for (const [key, pseudo] of postIds) {
    const own = key === ownPost;
    const country = own ? (installation?.country ?? null) : (enrolledCountry.get(key)?.country ?? null);
    o.emit('posts', {
      post_id: pseudo,
      role: own ? role : 'post',
      host_country: country !== null && findCountry(country) ? country.toUpperCase() : null,
    });
  }
}
