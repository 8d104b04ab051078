import { describe, it, expect, beforeAll } from 'vitest';
import type { Backend } from '../../../electron/backend/create-backend';
import { Dashboard, type DashboardFilters } from '../../../shared/reports/dashboard';
import { exportBundle, importFiles, initHq, initPost, ok, pair, useInstallations } from '../exchange/helpers';
import {
  create,
  engagementInput,
  manualClock,
  organisationInput,
  requestInput,
  resultInput,
  value,
} from '../logbook/helpers';

// reports.dashboard at HQ on a hand-built data set, with every answer worked out below by hand.
//
// Two posts send their records through the real exchange (keys, enrolment, signed and encrypted bundles,
// import): BOG (Bogotá) and RBA (Rabat). A third post, LIM, is enrolled but has never sent anything. HQ also
// keeps records of its own ("own"). Settings everywhere are the defaults: home country NL, wall clock
// Europe/Amsterdam. HQ's "now" is 20 April 2026 12:00 UTC. The dashboard period is 1 Dec 2025 - 31 Mar 2026.
//
// Engagements (organisations' countries in brackets)
//   E1 BOG 10 Dec  operational        cocaine              [CO]
//   E2 BOG 20 Jan  relationship       money_laundering     [CO, CO]  two Colombian partners: CO once
//   E3 BOG  5 Mar  operational        cocaine, m_laundering [DE, CO]
//   E4 RBA  8 Jan  capacity_building  migrant_smuggling    [MA]
//   E5 RBA 12 Feb  operational        cannabis             [MA, FR]
//   E6 own  3 Feb  strategic          -                    [ES]
//   (own 2 Apr: outside the period; own 10 Feb: in the trash)
//
// Requests (all 10:00 UTC unless noted; deadlines on the Amsterdam clock: 7 calendar days, urgent 8 h direct
// or 3 days indirect; none outside the EU, with the home country or via MLA/EIO)
//   Q1  BOG in  DE siena      30 Dec, answered  5 Jan   due  6 Jan  in time  (crosses the year)  cocaine
//   Q2  BOG in  ES bilateral  12 Jan, answered 22 Jan   due 19 Jan  late     reason: urgency     cocaine
//   Q3  BOG in  FR siena       2 Feb, REFUSED   4 Feb   due  9 Feb  in time  (a refusal answers)  m_laundering
//   Q4  BOG in  CO siena      10 Feb, answered 11 Feb   no deadline (not EU)                     cocaine
//   Q5  BOG out DE siena       2 Mar, open              due  9 Mar  overdue (outgoing)           hvt
//   Q6  BOG in  DE sis_sirene 16 Mar urgent+direct, answered 17:00, due 18:00   in time
//   Q13 BOG in  FR bilateral  25 Mar, open, reason: third_party; due 1 Apr 09:00 UTC (11:00 CEST,
//                             across the clock change): overdue on 20 Apr                       cannabis
//   Q7  own in  IT siena      15 Jan, open              due 22 Jan  overdue                      synthetic_drugs
//   Q8  own out NL siena      20 Feb, open              no deadline (home country)               cocaine
//   Q9  own in  DE mla_eio    10 Mar, answered 18 Mar 04:00 (186 h)   no deadline (MLA)
//   Q10 own in  BE bilateral  12 Mar urgent+indirect, no reason given, answered 16 Mar, due 15 Mar: late
//   Q11 RBA in  ES siena      25 Jan, answered 26 Jan   due  1 Feb  in time                      cannabis
//   Q12 RBA in  MA interpol   15 Feb, answered 22:00 (12 h)  no deadline (not EU)                migrant_smuggling
//   (own 5 Apr: outside the period; own 1 Feb: in the trash)
//
// Results (countries through the requests they came from)
//   X1 BOG 10 Jan seizure        cocaine           <- Q1 (DE), E1
//   X2 BOG 20 Mar arrest         cocaine           <- Q1 (DE), Q4 (CO)
//   X3 RBA 20 Feb arrest         migrant_smuggling <- Q12 (MA)
//   X4 own 31 Mar assets_frozen  money_laundering  <- Q9 (DE)     the last day of the period counts
//   (own 1 Apr: outside the period)
//
// Bundles: BOG #1 (Dec-Jan, made 1 Feb), #2 (Feb, made 1 Mar, never arrives), #3 (1 Feb-19 Apr, made
// 10 Apr); RBA #1 (Dec-Feb, made 1 Mar). HQ imports BOG #1, BOG #3 and RBA #1: BOG misses #2.

const HQ_NOW = '2026-04-20T12:00:00.000Z';
const PERIOD = { from: '2025-12-01', to: '2026-03-31' } as const;

const installations = useInstallations();
const hqClock = manualClock(HQ_NOW);
let hq: Backend;
const ids: Record<string, string> = {};

async function dashboard(filters: Partial<DashboardFilters> & { silentDays?: number } = {}): Promise<Dashboard> {
  const answer = await ok(hq.call('reports.dashboard', { ...PERIOD, ...filters }));
  // The answer keeps to its declared shape (the dispatcher checks inputs only).
  return Dashboard.parse(answer);
}

/** A list ordered by a figure, largest first: checks that order, then puts ties in key order (code points). */
function ranked<T extends { key: string }>(list: T[], size: (x: T) => number): T[] {
  for (let i = 1; i < list.length; i++) {
    expect(size(list[i - 1] as T), JSON.stringify(list)).toBeGreaterThanOrEqual(size(list[i] as T));
  }
  return [...list].sort((a, b) => size(b) - size(a) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
const byCount = (x: { count: number }) => x.count;
const byAnswered = (x: { answered: number }) => x.answered;
const byAll = (x: { engagements: number; requests: number; results: number }) => x.engagements + x.requests + x.results;

/** The headline figures of a dashboard, to compare filters by. */
function figures(d: Dashboard) {
  const total = (k: 'engagements' | 'requests' | 'results') => d.activity.byMonth.reduce((n, m) => n + m[k], 0);
  return {
    engagements: total('engagements'),
    operational: d.activity.engagements.operational,
    requests: total('requests'),
    results: total('results'),
    posts: d.activity.byPost.map((p) => p.key).sort(),
    euExchanges: d.channels.euExchanges,
    euViaSiena: d.channels.euViaSiena,
    answered: d.timeliness.byUrgency.reduce((n, u) => n + u.answered, 0),
    inTime: d.timeliness.byUrgency.reduce((n, u) => n + u.inTime, 0),
    medianHours: d.timeliness.medianHours,
    p90Hours: d.timeliness.p90Hours,
    openOverdue: d.timeliness.openOverdue,
    resultsTotal: d.results.total,
  };
}

beforeAll(async () => {
  hq = installations.fresh(hqClock.now);
  await initHq(hq);
  const bogClock = manualClock('2026-01-05T08:00:00.000Z');
  const rbaClock = manualClock('2026-01-05T08:00:00.000Z');
  const bog = installations.fresh(bogClock.now);
  const rba = installations.fresh(rbaClock.now);
  const lim = installations.fresh();
  await initPost(bog, 'BOG', 'CO');
  await initPost(rba, 'RBA', 'MA');
  await initPost(lim, 'LIM', 'PE');
  for (const post of [bog, rba, lim]) await pair(post, hq);

  const org = async (b: Backend, name: string, country: string) => {
    ids[name] = (await create(b, 'organisations', organisationInput({ name, country }))).id;
    return ids[name];
  };
  const eng = async (b: Backend, name: string, fields: Record<string, unknown>) => {
    ids[name] = (await create(b, 'engagements', engagementInput(fields))).id;
    return ids[name];
  };
  const req = async (b: Backend, name: string, fields: Record<string, unknown>) => {
    ids[name] = (await create(b, 'requests', requestInput(fields))).id;
    return ids[name];
  };
  const res = async (b: Backend, name: string, fields: Record<string, unknown>) => {
    ids[name] = (await create(b, 'results', resultInput(fields))).id;
    return ids[name];
  };
  const answered = (answeredAt: string) => ({ status: 'answered', answeredAt });

  // BOG ------------------------------------------------------------------------------------------------
  const oCo1 = await org(bog, 'Policía Nacional de Colombia', 'CO');
  const oCo2 = await org(bog, 'Fiscalía General de la Nación', 'CO');
  const oDe = await org(bog, 'Bundeskriminalamt', 'DE');
  await eng(bog, 'E1', {
    occurredAt: '2025-12-10T15:00:00.000Z',
    purpose: 'operational',
    phenomena: ['cocaine'],
    organisationIds: [oCo1],
  });
  await eng(bog, 'E2', {
    occurredAt: '2026-01-20T15:00:00.000Z',
    purpose: 'relationship',
    phenomena: ['money_laundering'],
    organisationIds: [oCo1, oCo2],
  });
  await eng(bog, 'E3', {
    occurredAt: '2026-03-05T15:00:00.000Z',
    purpose: 'operational',
    phenomena: ['cocaine', 'money_laundering'],
    organisationIds: [oDe, oCo1],
  });
  await req(bog, 'Q1', {
    counterpartCountry: 'DE',
    channel: 'siena',
    exchangedAt: '2025-12-30T10:00:00.000Z',
    ...answered('2026-01-05T10:00:00.000Z'),
    phenomena: ['cocaine'],
  });
  await req(bog, 'Q2', {
    counterpartCountry: 'ES',
    counterpartAgency: 'Policía Nacional',
    channel: 'bilateral',
    nonSienaReason: 'urgency',
    exchangedAt: '2026-01-12T10:00:00.000Z',
    ...answered('2026-01-22T10:00:00.000Z'),
    phenomena: ['cocaine'],
  });
  await req(bog, 'Q3', {
    counterpartCountry: 'FR',
    counterpartAgency: 'OFAST',
    channel: 'siena',
    exchangedAt: '2026-02-02T10:00:00.000Z',
    status: 'refused',
    refusalGround: 'f',
    answeredAt: '2026-02-04T10:00:00.000Z',
    phenomena: ['money_laundering'],
  });
  await req(bog, 'Q4', {
    counterpartCountry: 'CO',
    counterpartAgency: 'DIJIN',
    channel: 'siena',
    exchangedAt: '2026-02-10T10:00:00.000Z',
    ...answered('2026-02-11T10:00:00.000Z'),
    phenomena: ['cocaine'],
  });
  await req(bog, 'Q5', {
    direction: 'outgoing',
    counterpartCountry: 'DE',
    channel: 'siena',
    exchangedAt: '2026-03-02T10:00:00.000Z',
    phenomena: ['hvt'],
  });
  await req(bog, 'Q6', {
    counterpartCountry: 'DE',
    channel: 'sis_sirene',
    exchangedAt: '2026-03-16T10:00:00.000Z',
    urgency: 'urgent',
    urgencyGround: 'life_or_integrity',
    accessibility: 'direct',
    ...answered('2026-03-16T17:00:00.000Z'),
  });
  await req(bog, 'Q13', {
    counterpartCountry: 'FR',
    counterpartAgency: 'OFAST',
    channel: 'bilateral',
    nonSienaReason: 'third_party',
    exchangedAt: '2026-03-25T10:00:00.000Z',
    phenomena: ['cannabis'],
  });
  await res(bog, 'X1', {
    kind: 'seizure',
    achievedOn: '2026-01-10',
    description: 'Seizure at the port',
    substance: 'cocaine',
    quantity: 50,
    unit: 'kg',
    count: null,
    phenomena: ['cocaine'],
    requestIds: [ids['Q1']],
    engagementIds: [ids['E1']],
  });
  await res(bog, 'X2', {
    kind: 'arrest',
    achievedOn: '2026-03-20',
    count: 3,
    phenomena: ['cocaine'],
    requestIds: [ids['Q1'], ids['Q4']],
  });

  // RBA ------------------------------------------------------------------------------------------------
  const oMa = await org(rba, 'Direction Générale de la Sûreté Nationale', 'MA');
  const oFr = await org(rba, 'OFAST', 'FR');
  await eng(rba, 'E4', {
    occurredAt: '2026-01-08T10:00:00.000Z',
    purpose: 'capacity_building',
    phenomena: ['migrant_smuggling'],
    organisationIds: [oMa],
  });
  await eng(rba, 'E5', {
    occurredAt: '2026-02-12T10:00:00.000Z',
    purpose: 'operational',
    phenomena: ['cannabis'],
    organisationIds: [oMa, oFr],
  });
  await req(rba, 'Q11', {
    counterpartCountry: 'ES',
    counterpartAgency: 'Guardia Civil',
    channel: 'siena',
    exchangedAt: '2026-01-25T10:00:00.000Z',
    ...answered('2026-01-26T10:00:00.000Z'),
    phenomena: ['cannabis'],
  });
  await req(rba, 'Q12', {
    counterpartCountry: 'MA',
    counterpartAgency: 'DGSN',
    channel: 'interpol',
    exchangedAt: '2026-02-15T10:00:00.000Z',
    ...answered('2026-02-15T22:00:00.000Z'),
    phenomena: ['migrant_smuggling'],
  });
  await res(rba, 'X3', {
    kind: 'arrest',
    achievedOn: '2026-02-20',
    phenomena: ['migrant_smuggling'],
    requestIds: [ids['Q12']],
  });

  // The bundles ----------------------------------------------------------------------------------------
  bogClock.set('2026-02-01T08:00:00.000Z');
  const bog1 = await exportBundle(bog, 'full', { from: '2025-12-01', to: '2026-01-31' });
  bogClock.set('2026-03-01T08:00:00.000Z');
  const bog2 = await exportBundle(bog, 'full', { from: '2026-02-01', to: '2026-02-28' });
  bogClock.set('2026-04-10T08:00:00.000Z');
  const bog3 = await exportBundle(bog, 'full', { from: '2026-02-01', to: '2026-04-19' });
  rbaClock.set('2026-03-01T08:00:00.000Z');
  const rba1 = await exportBundle(rba, 'full', { from: '2025-12-01', to: '2026-02-28' });
  expect([bog1, bog2, bog3, rba1].map((b) => b.entry.sequence)).toEqual([1, 2, 3, 1]);
  const report = await importFiles(
    hq,
    [bog1, bog3, rba1].map((b) => ({ name: b.entry.fileName, bytes: b.bytes })),
  );
  expect(report.totals).toMatchObject({ imported: 3, rejected: 0 });

  // HQ's own records -----------------------------------------------------------------------------------
  const oEs = await org(hq, 'Policía Nacional', 'ES');
  await eng(hq, 'E6', { occurredAt: '2026-02-03T09:00:00.000Z', purpose: 'strategic', organisationIds: [oEs] });
  await eng(hq, 'E7', {
    occurredAt: '2026-04-02T09:00:00.000Z',
    purpose: 'operational',
    phenomena: ['cocaine'],
    organisationIds: [oEs],
  });
  const e8 = await eng(hq, 'E8', {
    occurredAt: '2026-02-10T09:00:00.000Z',
    purpose: 'operational',
    phenomena: ['cocaine'],
    organisationIds: [oEs],
  });
  await value(hq.invoke('engagements.delete', { id: e8 }));
  await req(hq, 'Q7', {
    counterpartCountry: 'IT',
    counterpartAgency: 'Direzione Centrale Servizi Antidroga',
    channel: 'siena',
    exchangedAt: '2026-01-15T10:00:00.000Z',
    phenomena: ['synthetic_drugs'],
  });
  await req(hq, 'Q8', {
    direction: 'outgoing',
    counterpartCountry: 'NL',
    counterpartAgency: 'Landelijke Eenheid',
    channel: 'siena',
    exchangedAt: '2026-02-20T10:00:00.000Z',
    phenomena: ['cocaine'],
  });
  await req(hq, 'Q9', {
    counterpartCountry: 'DE',
    channel: 'mla_eio',
    exchangedAt: '2026-03-10T10:00:00.000Z',
    ...answered('2026-03-18T04:00:00.000Z'),
  });
  await req(hq, 'Q10', {
    counterpartCountry: 'BE',
    counterpartAgency: 'Federale Gerechtelijke Politie',
    channel: 'bilateral',
    exchangedAt: '2026-03-12T10:00:00.000Z',
    urgency: 'urgent',
    urgencyGround: 'public_security',
    accessibility: 'indirect',
    ...answered('2026-03-16T10:00:00.000Z'),
  });
  await req(hq, 'Q14', { counterpartCountry: 'DE', channel: 'siena', exchangedAt: '2026-04-05T10:00:00.000Z' });
  const q15 = await req(hq, 'Q15', {
    counterpartCountry: 'DE',
    channel: 'siena',
    exchangedAt: '2026-02-01T10:00:00.000Z',
  });
  await value(hq.invoke('requests.delete', { id: q15 }));
  await res(hq, 'X4', {
    kind: 'assets_frozen',
    achievedOn: '2026-03-31',
    description: 'Bank accounts frozen',
    count: null,
    quantity: 250_000,
    unit: 'eur',
    phenomena: ['money_laundering'],
    requestIds: [ids['Q9']],
  });
  await res(hq, 'X5', {
    kind: 'seizure',
    achievedOn: '2026-04-01',
    description: 'Seizure at the airport',
    substance: 'MDMA',
    quantity: 2,
    unit: 'kg',
    count: null,
    phenomena: ['synthetic_drugs'],
  });
});

describe('the data set', () => {
  it('reached HQ as built: the posts’ records through their bundles, under their post codes', () => {
    const rows = hq.db
      .prepare(
        `SELECT coalesce(origin_post, 'own') AS post, kind, count(*) AS n FROM record
         WHERE deleted_at IS NULL GROUP BY post, kind ORDER BY post, kind`,
      )
      .all();
    expect(rows).toEqual([
      { post: 'BOG', kind: 'engagement', n: 3 },
      { post: 'BOG', kind: 'organisation', n: 3 },
      { post: 'BOG', kind: 'request', n: 7 },
      { post: 'BOG', kind: 'result', n: 2 },
      { post: 'RBA', kind: 'engagement', n: 2 },
      { post: 'RBA', kind: 'organisation', n: 2 },
      { post: 'RBA', kind: 'request', n: 2 },
      { post: 'RBA', kind: 'result', n: 1 },
      { post: 'own', kind: 'engagement', n: 2 },
      { post: 'own', kind: 'organisation', n: 1 },
      { post: 'own', kind: 'request', n: 5 },
      { post: 'own', kind: 'result', n: 2 },
    ]);
  });

  it('HQ computed the deadline of Q13 on the post’s clock, across the change to summer time', async () => {
    const q13 = await value<{ dueAt: string }>(hq.invoke('requests.get', { id: ids['Q13'] }));
    expect(q13.dueAt).toBe('2026-04-01T09:00:00.000Z');
  });
});

describe('reports.dashboard, no filter', () => {
  let d: Dashboard;
  beforeAll(async () => {
    d = await dashboard();
  });

  it('names the filters that produced it', () => {
    expect(d.filters).toEqual({ ...PERIOD, silentDays: 45 });
  });

  it('activity by month: the records of each kind in each month of the period', () => {
    expect(d.activity.byMonth).toEqual([
      { month: '2025-12', engagements: 1, requests: 1, results: 0 },
      { month: '2026-01', engagements: 2, requests: 3, results: 1 },
      { month: '2026-02', engagements: 2, requests: 4, results: 1 },
      { month: '2026-03', engagements: 1, requests: 5, results: 2 },
    ]);
    // E1, E3, E5 operational; E2, E4, E6 not.
    expect(d.activity.engagements).toEqual({ operational: 3, nonOperational: 3 });
  });

  it('activity by phenomenon: a record with two phenomena counts under both', () => {
    expect(ranked(d.activity.byPhenomenon, byAll)).toEqual([
      { key: 'cocaine', engagements: 2, requests: 4, results: 2 },
      { key: 'money_laundering', engagements: 2, requests: 1, results: 1 },
      { key: 'cannabis', engagements: 1, requests: 2, results: 0 },
      { key: 'migrant_smuggling', engagements: 1, requests: 1, results: 1 },
      { key: 'hvt', engagements: 0, requests: 1, results: 0 },
      { key: 'synthetic_drugs', engagements: 0, requests: 1, results: 0 },
    ]);
  });

  it('activity by country: requests by counterpart, engagements by their organisations’ countries', () => {
    // DE: Q1 Q5 Q6 Q9 + E3; CO: Q4 + E1 E2 E3 (E2 once for its two Colombian partners); ES: Q2 Q11 + E6;
    // FR: Q3 Q13 + E5; MA: Q12 + E4 E5; BE: Q10; IT: Q7; NL: Q8.
    expect(ranked(d.activity.byCountry, byCount)).toEqual([
      { key: 'DE', count: 5 },
      { key: 'CO', count: 4 },
      { key: 'ES', count: 3 },
      { key: 'FR', count: 3 },
      { key: 'MA', count: 3 },
      { key: 'BE', count: 1 },
      { key: 'IT', count: 1 },
      { key: 'NL', count: 1 },
    ]);
  });

  it('activity by post: HQ’s own records under "own"; LIM sent nothing and is absent', () => {
    expect(ranked(d.activity.byPost, byAll)).toEqual([
      { key: 'BOG', engagements: 3, requests: 7, results: 2 },
      { key: 'own', engagements: 1, requests: 4, results: 1 },
      { key: 'RBA', engagements: 2, requests: 2, results: 1 },
    ]);
  });

  it('channel mix: every request of the period by its channel', () => {
    expect(ranked(d.channels.mix, byCount)).toEqual([
      { key: 'siena', count: 7 },
      { key: 'bilateral', count: 3 },
      { key: 'interpol', count: 1 },
      { key: 'mla_eio', count: 1 },
      { key: 'sis_sirene', count: 1 },
    ]);
  });

  it('SIENA share: EU exchanges only; not Colombia (Q4, via SIENA), not the home country (Q8), not MLA (Q9)', () => {
    // EU: Q1 Q2 Q3 Q5 Q6 Q7 Q10 Q11 Q13; via SIENA: Q1 Q3 Q5 Q7 Q11. SIS/SIRENE (Q6) is an EU exchange
    // not via SIENA.
    expect(d.channels.euExchanges).toBe(9);
    expect(d.channels.euViaSiena).toBe(5);
    expect(d.channels.sienaByMonth).toEqual([
      { month: '2025-12', eu: 1, siena: 1 },
      { month: '2026-01', eu: 3, siena: 2 },
      { month: '2026-02', eu: 1, siena: 1 },
      { month: '2026-03', eu: 4, siena: 1 },
    ]);
  });

  it('reasons for not using SIENA: "none" when none was given; SIS/SIRENE is not asked about', () => {
    expect(ranked(d.channels.nonSienaReasons, byCount)).toEqual([
      { key: 'none', count: 1 },
      { key: 'third_party', count: 1 },
      { key: 'urgency', count: 1 },
    ]);
  });

  it('timeliness: incoming requests with a deadline that were answered or refused, and how many in time', () => {
    // Answered with a deadline: Q1 Q2 Q3 Q11 (non-urgent; Q2 late), Q6 Q10 (urgent; Q10 late).
    // Not: Q4 Q12 (outside the EU), Q9 (MLA), Q5 (outgoing), Q7 Q13 (open).
    expect(ranked(d.timeliness.byUrgency, byAnswered)).toEqual([
      { key: 'non_urgent', answered: 4, inTime: 3 },
      { key: 'urgent', answered: 2, inTime: 1 },
    ]);
    expect(ranked(d.timeliness.byCountry, byAnswered)).toEqual([
      { key: 'DE', answered: 2, inTime: 2 },
      { key: 'ES', answered: 2, inTime: 1 },
      { key: 'BE', answered: 1, inTime: 0 },
      { key: 'FR', answered: 1, inTime: 1 },
    ]);
  });

  it('median and 90th percentile of hours to answer, over every incoming request answered or refused', () => {
    // Q6 7, Q12 12, Q4 24, Q11 24, Q3 48, Q10 96, Q1 144, Q9 186, Q2 240 (nine values).
    // Median: the 5th, 48. 90th percentile: position 0.9 * 8 = 7.2, so 186 + 0.2 * (240 - 186) = 196.8.
    expect(d.timeliness.medianHours).toBe(48);
    expect(d.timeliness.p90Hours).toBe(196.8);
  });

  it('open and overdue on 20 April: Q5 (outgoing), Q7, Q13; not Q8 (no deadline) nor Q14 (after the period)', () => {
    expect(d.timeliness.openOverdue).toBe(3);
  });

  it('results: by kind, phenomenon, post, and country through the requests they came from', () => {
    expect(d.results.total).toBe(4);
    expect(ranked(d.results.byKind, byCount)).toEqual([
      { key: 'arrest', count: 2 },
      { key: 'assets_frozen', count: 1 },
      { key: 'seizure', count: 1 },
    ]);
    expect(ranked(d.results.byPhenomenon, byCount)).toEqual([
      { key: 'cocaine', count: 2 },
      { key: 'migrant_smuggling', count: 1 },
      { key: 'money_laundering', count: 1 },
    ]);
    expect(ranked(d.results.byPost, byCount)).toEqual([
      { key: 'BOG', count: 2 },
      { key: 'RBA', count: 1 },
      { key: 'own', count: 1 },
    ]);
    // DE: X1 X2 X4; CO: X2 (also DE, through Q4); MA: X3.
    expect(ranked(d.results.byCountry, byCount)).toEqual([
      { key: 'DE', count: 3 },
      { key: 'CO', count: 1 },
      { key: 'MA', count: 1 },
    ]);
  });

  it('completeness: last export, its period, missing sequence numbers, silence after 45 days', () => {
    expect(d.completeness).toEqual([
      {
        postId: 'BOG',
        postName: 'Post BOG',
        lastExportAt: '2026-04-10T08:00:00.000Z',
        lastPeriod: { from: '2026-02-01', to: '2026-04-19' },
        missing: [2],
        silent: false,
      },
      { postId: 'LIM', postName: 'Post LIM', lastExportAt: null, lastPeriod: null, missing: [], silent: true },
      {
        postId: 'RBA',
        postName: 'Post RBA',
        lastExportAt: '2026-03-01T08:00:00.000Z',
        lastPeriod: { from: '2025-12-01', to: '2026-02-28' },
        missing: [],
        silent: true,
      },
    ]);
  });
});

describe('reports.dashboard, each filter changes the figures as worked out', () => {
  const unfiltered = {
    engagements: 6,
    operational: 3,
    requests: 13,
    results: 4,
    posts: ['BOG', 'RBA', 'own'],
    euExchanges: 9,
    euViaSiena: 5,
    answered: 6,
    inTime: 4,
    medianHours: 48,
    p90Hours: 196.8,
    openOverdue: 3,
    resultsTotal: 4,
  };

  it('no filter', async () => {
    expect(figures(await dashboard())).toEqual(unfiltered);
  });

  it('phenomenon "drugs" (a group) takes in cocaine, cannabis and synthetic drugs', async () => {
    const d = await dashboard({ phenomenon: 'drugs' });
    // E1 E3 E5; Q1 Q2 Q4 Q7 Q8 Q11 Q13; X1 X2. Hours: Q4 24, Q11 24, Q1 144, Q2 240: median 84,
    // 90th percentile 144 + 0.7 * 96 = 211.2.
    expect(figures(d)).toEqual({
      engagements: 3,
      operational: 3,
      requests: 7,
      results: 2,
      posts: ['BOG', 'RBA', 'own'],
      euExchanges: 5,
      euViaSiena: 3,
      answered: 3,
      inTime: 2,
      medianHours: 84,
      p90Hours: 211.2,
      openOverdue: 2,
      resultsTotal: 2,
    });
    // E3 also counts under money laundering: the filter picks records, not phenomena.
    expect(ranked(d.activity.byPhenomenon, byAll)).toEqual([
      { key: 'cocaine', engagements: 2, requests: 4, results: 2 },
      { key: 'cannabis', engagements: 1, requests: 2, results: 0 },
      { key: 'money_laundering', engagements: 1, requests: 0, results: 0 },
      { key: 'synthetic_drugs', engagements: 0, requests: 1, results: 0 },
    ]);
    expect(ranked(d.activity.byPost, byAll)).toEqual([
      { key: 'BOG', engagements: 2, requests: 4, results: 2 },
      { key: 'RBA', engagements: 1, requests: 1, results: 0 },
      { key: 'own', engagements: 0, requests: 2, results: 0 },
    ]);
  });

  it('phenomenon "cocaine" alone', async () => {
    // E1 E3; Q1 Q2 Q4 Q8; X1 X2. Hours 24, 144, 240: median 144, 90th 144 + 0.8 * 96 = 220.8.
    expect(figures(await dashboard({ phenomenon: 'cocaine' }))).toEqual({
      engagements: 2,
      operational: 2,
      requests: 4,
      results: 2,
      posts: ['BOG', 'own'],
      euExchanges: 2,
      euViaSiena: 1,
      answered: 2,
      inTime: 1,
      medianHours: 144,
      p90Hours: 220.8,
      openOverdue: 0,
      resultsTotal: 2,
    });
  });

  it('country DE: requests with DE, engagements with a German partner, results from DE requests', async () => {
    const d = await dashboard({ country: 'DE' });
    // E3; Q1 Q5 Q6 Q9; X1 X2 X4. Hours 7, 144, 186: median 144, 90th 144 + 0.8 * 42 = 177.6.
    expect(figures(d)).toEqual({
      engagements: 1,
      operational: 1,
      requests: 4,
      results: 3,
      posts: ['BOG', 'own'],
      euExchanges: 3,
      euViaSiena: 2,
      answered: 2,
      inTime: 2,
      medianHours: 144,
      p90Hours: 177.6,
      openOverdue: 1,
      resultsTotal: 3,
    });
    expect(ranked(d.activity.byCountry, byCount)).toEqual([
      { key: 'DE', count: 5 },
      { key: 'CO', count: 1 },
    ]);
    expect(ranked(d.results.byCountry, byCount)).toEqual([
      { key: 'DE', count: 3 },
      { key: 'CO', count: 1 },
    ]);
  });

  it('country MA: no EU exchange, nothing answered with a deadline', async () => {
    const d = await dashboard({ country: 'MA' });
    // E4 E5; Q12; X3. One hour figure: Q12, 12.
    expect(figures(d)).toEqual({
      engagements: 2,
      operational: 1,
      requests: 1,
      results: 1,
      posts: ['RBA'],
      euExchanges: 0,
      euViaSiena: 0,
      answered: 0,
      inTime: 0,
      medianHours: 12,
      p90Hours: 12,
      openOverdue: 0,
      resultsTotal: 1,
    });
    expect(d.timeliness.byUrgency).toEqual([]);
    expect(d.channels.sienaByMonth).toEqual([]);
  });

  it('post BOG', async () => {
    // Hours 7, 24, 48, 144, 240: median 48, 90th 144 + 0.6 * 96 = 201.6.
    expect(figures(await dashboard({ post: 'BOG' }))).toEqual({
      engagements: 3,
      operational: 2,
      requests: 7,
      results: 2,
      posts: ['BOG'],
      euExchanges: 6,
      euViaSiena: 3,
      answered: 4,
      inTime: 3,
      medianHours: 48,
      p90Hours: 201.6,
      openOverdue: 2,
      resultsTotal: 2,
    });
  });

  it('post "own": HQ’s own records only', async () => {
    const d = await dashboard({ post: 'own' });
    // E6; Q7 Q8 Q9 Q10; X4. Hours 96, 186: median 141, 90th 96 + 0.9 * 90 = 177.
    expect(figures(d)).toEqual({
      engagements: 1,
      operational: 0,
      requests: 4,
      results: 1,
      posts: ['own'],
      euExchanges: 2,
      euViaSiena: 1,
      answered: 1,
      inTime: 0,
      medianHours: 141,
      p90Hours: 177,
      openOverdue: 1,
      resultsTotal: 1,
    });
    expect(d.channels.nonSienaReasons).toEqual([{ key: 'none', count: 1 }]);
    expect(d.results.byPost).toEqual([{ key: 'own', count: 1 }]);
  });

  it('post RBA, and LIM (which sent nothing)', async () => {
    // Hours 12, 24: median 18, 90th 12 + 0.9 * 12 = 22.8.
    expect(figures(await dashboard({ post: 'RBA' }))).toEqual({
      engagements: 2,
      operational: 1,
      requests: 2,
      results: 1,
      posts: ['RBA'],
      euExchanges: 1,
      euViaSiena: 1,
      answered: 1,
      inTime: 1,
      medianHours: 18,
      p90Hours: 22.8,
      openOverdue: 0,
      resultsTotal: 1,
    });
    const lim = await dashboard({ post: 'LIM' });
    expect(figures(lim)).toEqual({
      engagements: 0,
      operational: 0,
      requests: 0,
      results: 0,
      posts: [],
      euExchanges: 0,
      euViaSiena: 0,
      answered: 0,
      inTime: 0,
      medianHours: null,
      p90Hours: null,
      openOverdue: 0,
      resultsTotal: 0,
    });
    // Completeness is about every post, whatever the filter.
    expect(lim.completeness.map((p) => p.postId)).toEqual(['BOG', 'LIM', 'RBA']);
  });

  it('channel bilateral narrows the requests; engagements and results have no channel and stay', async () => {
    const d = await dashboard({ channel: 'bilateral' });
    // Q2 Q10 Q13, all EU, none via SIENA; Q2 and Q10 answered late. Hours 96, 240: median 168,
    // 90th 96 + 0.9 * 144 = 225.6. Q13 overdue.
    expect(figures(d)).toEqual({
      ...unfiltered,
      requests: 3,
      euExchanges: 3,
      euViaSiena: 0,
      answered: 2,
      inTime: 0,
      medianHours: 168,
      p90Hours: 225.6,
      openOverdue: 1,
    });
    expect(d.channels.mix).toEqual([{ key: 'bilateral', count: 3 }]);
    expect(ranked(d.channels.nonSienaReasons, byCount)).toEqual([
      { key: 'none', count: 1 },
      { key: 'third_party', count: 1 },
      { key: 'urgency', count: 1 },
    ]);
  });

  it('channel siena: a SIENA share of 100 %, and no reasons', async () => {
    const d = await dashboard({ channel: 'siena' });
    // Q1 Q3 Q4 Q5 Q7 Q8 Q11; EU Q1 Q3 Q5 Q7 Q11. Hours 24, 24, 48, 144: median 36, 90th 48 + 0.7 * 96 = 115.2.
    expect(figures(d)).toEqual({
      ...unfiltered,
      requests: 7,
      euExchanges: 5,
      euViaSiena: 5,
      answered: 3,
      inTime: 3,
      medianHours: 36,
      p90Hours: 115.2,
      openOverdue: 2,
    });
    expect(d.channels.nonSienaReasons).toEqual([]);
  });

  it('filters combine: post BOG and phenomenon drugs', async () => {
    const d = await dashboard({ post: 'BOG', phenomenon: 'drugs' });
    expect(d.activity.byPost).toEqual([{ key: 'BOG', engagements: 2, requests: 4, results: 2 }]);
  });
});

describe('reports.dashboard, periods and the clock', () => {
  it('a request received in December and answered in January counts in December', async () => {
    const december = await dashboard({ from: '2025-12-01', to: '2025-12-31' });
    expect(december.activity.byMonth).toEqual([{ month: '2025-12', engagements: 1, requests: 1, results: 0 }]);
    expect(december.timeliness.byUrgency).toEqual([{ key: 'non_urgent', answered: 1, inTime: 1 }]);
    expect([december.timeliness.medianHours, december.timeliness.p90Hours]).toEqual([144, 144]);

    // January: Q2 (late) and Q11 (in time); Q1 was answered in January but received in December.
    // Hours 24, 240: median 132, 90th 24 + 0.9 * 216 = 218.4.
    const january = await dashboard({ from: '2026-01-01', to: '2026-01-31' });
    expect(january.timeliness.byUrgency).toEqual([{ key: 'non_urgent', answered: 2, inTime: 1 }]);
    expect([january.timeliness.medianHours, january.timeliness.p90Hours]).toEqual([132, 218.4]);
    expect(january.channels.sienaByMonth).toEqual([{ month: '2026-01', eu: 3, siena: 2 }]);
  });

  it('the first and the last day of the period are whole days', async () => {
    // 31 March holds X4 (a dated result) only; 1 April holds X5 and nothing else counts.
    const march31 = await dashboard({ from: '2026-03-31', to: '2026-03-31' });
    expect(figures(march31)).toMatchObject({ engagements: 0, requests: 0, results: 1 });
    const april1 = await dashboard({ from: '2026-04-01', to: '2026-04-01' });
    expect(april1.results.byKind).toEqual([{ key: 'seizure', count: 1 }]);
  });

  it('open and overdue depends on now: Q13 falls due at 09:00 UTC on 1 April', async () => {
    try {
      hqClock.set('2026-04-01T08:59:59.999Z');
      expect((await dashboard()).timeliness.openOverdue).toBe(2);
      // At the very moment of the deadline a request is due, not yet overdue.
      hqClock.set('2026-04-01T09:00:00.000Z');
      expect((await dashboard()).timeliness.openOverdue).toBe(2);
      hqClock.set('2026-04-01T09:00:00.001Z');
      expect((await dashboard()).timeliness.openOverdue).toBe(3);
      // Before 9 March 10:00 only Q7 is overdue (Q5 falls due then).
      hqClock.set('2026-03-09T09:00:00.000Z');
      expect((await dashboard()).timeliness.openOverdue).toBe(1);
    } finally {
      hqClock.set(HQ_NOW);
    }
  });

  it('silentDays moves the line: RBA is silent after 45 days, not after 60; BOG after 10, not 11', async () => {
    const silent = async (silentDays: number) =>
      Object.fromEntries((await dashboard({ silentDays })).completeness.map((p) => [p.postId, p.silent]));
    expect(await silent(45)).toEqual({ BOG: false, LIM: true, RBA: true });
    expect(await silent(60)).toEqual({ BOG: false, LIM: true, RBA: false });
    expect(await silent(11)).toEqual({ BOG: false, LIM: true, RBA: true });
    expect(await silent(10)).toEqual({ BOG: true, LIM: true, RBA: true });
    // Silent for longer than silentDays: exactly ten days after BOG's last export it is not silent yet.
    try {
      hqClock.set('2026-04-20T08:00:00.000Z');
      expect((await silent(10))['BOG']).toBe(false);
      hqClock.set('2026-04-20T08:00:00.001Z');
      expect((await silent(10))['BOG']).toBe(true);
    } finally {
      hqClock.set(HQ_NOW);
    }
  });

  it('refuses filters outside the contract', async () => {
    for (const bad of [{ channel: 'fax' }, { country: 'XX' }, { silentDays: 0 }, { from: '2026-02-30' }]) {
      const r = await hq.call('reports.dashboard', { ...PERIOD, ...bad } as never);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('reports.dashboard, months on HQ’s clock', () => {
  // Activity by month and SIENA by month follow the period's clock: an engagement at 00:30 on 1 December
  // in Amsterdam (23:30 UTC on 30 November) belongs to December.
  it('puts a record in the month of its local date, not its UTC date', async () => {
    const b = installations.fresh(manualClock(HQ_NOW).now);
    await initHq(b);
    await create(b, 'engagements', engagementInput({ occurredAt: '2025-11-30T23:30:00.000Z' }));
    await create(b, 'requests', requestInput({ exchangedAt: '2026-01-31T23:30:00.000Z' }));
    const d = Dashboard.parse(await ok(b.call('reports.dashboard', PERIOD)));
    expect(d.activity.byMonth).toEqual([
      { month: '2025-12', engagements: 1, requests: 0, results: 0 },
      { month: '2026-02', engagements: 0, requests: 1, results: 0 },
    ]);
    expect(d.channels.sienaByMonth).toEqual([{ month: '2026-02', eu: 1, siena: 1 }]);
  });
});
