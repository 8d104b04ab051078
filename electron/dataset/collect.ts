import type { Database } from 'better-sqlite3-multiple-ciphers';
import { timeLimit, directiveApplies, type Accessibility, type Urgency } from '../../shared/deadlines/directive';
import type { Measure } from '../../shared/dataset/tables';
import { CHANNEL_CODES } from '../../shared/taxonomy/channels';
import { DEFAULT_COUNTRIES, findCountry } from '../../shared/taxonomy/countries';
import { periodParams } from '../records/period';
import type { Fact } from './aggregate';
import type { Cell } from './csv';

// Reads what the dataset holds from the database: only the columns it writes (codes, counts, moments), never a
// record's free text. Each kind of record is read in chunks along its time index, with a pause between chunks so
// that the backend keeps answering (and a cancel is heard) while a large logbook is read.

export type Obj = Record<string, Cell>;

export interface Collected {
  readonly tables: Map<string, Obj[]>;
  readonly facts: Fact[];
}

export interface CollectOptions {
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  readonly homeCountry: string;
  readonly pseudonym: (kind: string, id: string) => string;
  /** Called between chunks: reports progress, yields to other calls, throws when cancelled. */
  readonly pause: (done: number) => Promise<void>;
}

const CHUNK = 20_000;

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
      if (cache.size > 100_000) cache.clear();
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

export async function collect(db: Database, o: CollectOptions): Promise<Collected> {
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

  const requests: Obj[] = [];
  const engagements: Obj[] = [];
  const results: Obj[] = [];
  const facts: Fact[] = [];
  const recordPhenomena: { table: string; column: string; id: string; codes: string[] }[] = [];
  const caseRefs: { row: Obj; caseId: string }[] = [];
  const orgLinks: { engagement: string; orgId: string }[] = [];
  const resultLinks: { result: string; kind: 'engagement' | 'request'; targetId: string }[] = [];
  const requestIds = new Map<string, string>();
  const engagementIds = new Map<string, string>();

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
        json_extract(data, '$.caseId') AS case_id, json_extract(data, '$.phenomena') AS phenomena
      FROM record WHERE kind = 'request' AND deleted_at IS NULL AND ${where}`,
    { from: p.fromInstant, toExclusive: p.toInstantExclusive },
    o.pause,
    (rows) => {
      // The rows are the shape the SQL above selects.
      for (const r of rows as RequestRow[]) {
        const id = o.pseudonym('request', r.id);
        requestIds.set(r.id, id);
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
          case_id: null,
        };
        requests.push(row);
        if (r.case_id) caseRefs.push({ row, caseId: r.case_id });
        const codes = ids(r.phenomena);
        recordPhenomena.push({ table: 'request_phenomena', column: 'request_id', id, codes });
        facts.push({
          post,
          month: row['month'] as string,
          phenomena: codes,
          measures: [r.direction === 'incoming' ? 'requests_incoming' : 'requests_outgoing'],
        });
      }
    },
  );

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
  }
  await readChunked(
    db,
    (where) => `SELECT n, id, origin_post, occurred_at,
        json_extract(data, '$.kind') AS kind, json_extract(data, '$.purpose') AS purpose,
        json_extract(data, '$.organisationIds') AS organisations,
        json_array_length(data, '$.personIds') AS people,
        json_extract(data, '$.followUpOn') AS follow_up_on, json_extract(data, '$.followUpDone') AS follow_up_done,
        json_extract(data, '$.caseId') AS case_id, json_extract(data, '$.phenomena') AS phenomena
      FROM record WHERE kind = 'engagement' AND deleted_at IS NULL AND ${where}`,
    { from: p.fromInstant, toExclusive: p.toInstantExclusive },
    o.pause,
    (rows) => {
      // The rows are the shape the SQL above selects.
      for (const r of rows as EngagementRow[]) {
        const id = o.pseudonym('engagement', r.id);
        engagementIds.set(r.id, id);
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
          case_id: null,
        };
        engagements.push(row);
        if (r.case_id) caseRefs.push({ row, caseId: r.case_id });
        for (const orgId of new Set(organisations)) orgLinks.push({ engagement: id, orgId });
        const codes = ids(r.phenomena);
        recordPhenomena.push({ table: 'engagement_phenomena', column: 'engagement_id', id, codes });
        const measures: Measure[] = operational ? ['engagements', 'engagements_operational'] : ['engagements'];
        facts.push({ post, month: row['month'] as string, phenomena: codes, measures });
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
          case_id: null,
        };
        results.push(row);
        if (r.case_id) caseRefs.push({ row, caseId: r.case_id });
        for (const t of linkedEngagements) resultLinks.push({ result: id, kind: 'engagement', targetId: t });
        for (const t of linkedRequests) resultLinks.push({ result: id, kind: 'request', targetId: t });
        const codes = ids(r.phenomena);
        recordPhenomena.push({ table: 'result_phenomena', column: 'result_id', id, codes });
        facts.push({ post, month: row['month'] as string, phenomena: codes, measures: ['results'] });
      }
    },
  );

  // ---- Cases and organisations the records in the period point at (and that are not in the trash)
  const wantedCases = new Set(caseRefs.map((r) => r.caseId));
  const cases: Obj[] = [];
  const caseIds = new Map<string, string>();
  for (const c of db
    .prepare(
      `SELECT id, origin_post, status, json_extract(data, '$.phenomena') AS phenomena
       FROM record WHERE kind = 'case' AND deleted_at IS NULL`,
    )
    .iterate() as IterableIterator<{ id: string; origin_post: string | null; status: string; phenomena: string }>) {
    if (!wantedCases.has(c.id)) continue;
    const id = o.pseudonym('case', c.id);
    caseIds.set(c.id, id);
    cases.push({ case_id: id, post_id: postId(postOf(c.origin_post)), status: c.status });
    recordPhenomena.push({ table: 'case_phenomena', column: 'case_id', id, codes: ids(c.phenomena) });
  }
  for (const ref of caseRefs) ref.row['case_id'] = caseIds.get(ref.caseId) ?? null;
  await o.pause(0);

  const wantedOrganisations = new Set(orgLinks.map((l) => l.orgId));
  const organisations: Obj[] = [];
  const organisationIds = new Map<string, string>();
  for (const org of db
    .prepare(
      `SELECT id, origin_post, country, json_extract(data, '$.type') AS type
       FROM record WHERE kind = 'organisation' AND deleted_at IS NULL`,
    )
    .iterate() as IterableIterator<{ id: string; origin_post: string | null; country: string; type: string }>) {
    if (!wantedOrganisations.has(org.id)) continue;
    const id = o.pseudonym('organisation', org.id);
    organisationIds.set(org.id, id);
    organisations.push({
      organisation_id: id,
      post_id: postId(postOf(org.origin_post)),
      country: org.country,
      type: org.type,
    });
  }
  await o.pause(0);

  // ---- Links between records that are both in the dataset
  const engagementOrganisations: Obj[] = [];
  for (const l of orgLinks) {
    const org = organisationIds.get(l.orgId);
    if (org) engagementOrganisations.push({ engagement_id: l.engagement, organisation_id: org });
  }
  const resultEngagements: Obj[] = [];
  const resultRequests: Obj[] = [];
  for (const l of resultLinks) {
    if (l.kind === 'engagement') {
      const e = engagementIds.get(l.targetId);
      if (e) resultEngagements.push({ result_id: l.result, engagement_id: e });
    } else {
      const r = requestIds.get(l.targetId);
      if (r) resultRequests.push({ result_id: l.result, request_id: r });
    }
  }
  const links = new Map<string, Obj[]>();
  const usedPhenomena = new Set<string>();
  for (const rp of recordPhenomena) {
    const rows = links.get(rp.table) ?? [];
    links.set(rp.table, rows);
    for (const code of new Set(rp.codes)) {
      rows.push({ [rp.column]: rp.id, phenomenon: code });
      usedPhenomena.add(code);
    }
  }

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
  const phenomena: Obj[] = [];
  const phenomenonTerms = terms('phenomenon');
  const knownPhenomena = new Set(phenomenonTerms.map((t) => t.code));
  for (const t of phenomenonTerms) {
    phenomena.push({
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
      phenomena.push({ code, parent_code: null, label_en: null, label_nl: null, iccs: null, retired: false });
    }
  }
  const organisationTypes: Obj[] = [];
  const typeTerms = terms('organisation_type');
  const knownTypes = new Set(typeTerms.map((t) => t.code));
  for (const t of typeTerms) {
    organisationTypes.push({
      code: t.code,
      label_en: t.label_en,
      label_nl: t.label_nl,
      retired: t.retired_at !== null,
    });
  }
  for (const code of [...new Set(organisations.map((org) => org['type'] as string))].sort()) {
    if (!knownTypes.has(code)) organisationTypes.push({ code, label_en: null, label_nl: null, retired: false });
  }

  const dutch = new Intl.DisplayNames(['nl'], { type: 'region', fallback: 'none' });
  const countries: Obj[] = DEFAULT_COUNTRIES.map((c) => {
    let nl: string | undefined;
    try {
      nl = dutch.of(c.code);
    } catch {
      nl = undefined;
    }
    return { code: c.code, name_en: c.name, name_nl: nl ?? c.name, eu_member: c.eu };
  });
  const channels: Obj[] = CHANNEL_CODES.map((code) => ({
    code,
    label_en: CHANNEL_LABELS[code][0],
    label_nl: CHANNEL_LABELS[code][1],
  }));

  const enrolledCountry = db.prepare<[string], { country: string | null }>(
    'SELECT country FROM enrolled_key WHERE post_id = ? AND country IS NOT NULL ORDER BY enrolled_at DESC LIMIT 1',
  );
  const posts: Obj[] = [...postIds].map(([key, pseudo]) => {
    const own = key === ownPost;
    const country = own ? (installation?.country ?? null) : (enrolledCountry.get(key)?.country ?? null);
    return {
      post_id: pseudo,
      role: own ? role : 'post',
      host_country: country !== null && findCountry(country) ? country.toUpperCase() : null,
    };
  });

  const byId = (column: string) => (a: Obj, b: Obj) => ((a[column] as string) < (b[column] as string) ? -1 : 1);
  const tables = new Map<string, Obj[]>([
    ['countries', countries],
    ['channels', channels],
    ['phenomena', phenomena],
    ['organisation_types', organisationTypes],
    ['posts', posts.sort(byId('post_id'))],
    ['cases', cases.sort(byId('case_id'))],
    ['organisations', organisations.sort(byId('organisation_id'))],
    ['requests', requests.sort(byId('request_id'))],
    ['engagements', engagements.sort(byId('engagement_id'))],
    ['results', results.sort(byId('result_id'))],
    ['engagement_organisations', engagementOrganisations],
    ['result_engagements', resultEngagements],
    ['result_requests', resultRequests],
    ...[...links],
  ]);
  return { tables, facts };
}
