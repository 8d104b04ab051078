import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Dashboard } from '../../shared/reports/dashboard';
import { DEFAULT_COUNTRIES } from '../../shared/taxonomy/countries';
import { postStatuses } from '../exchange/posts';
import { keepDashboardCurrent } from './dashboard-upkeep';
import {
  breakdownsAnswer,
  createBreakdownReader,
  createDashboardReader,
  Tally,
  type CountRow,
  type DashboardFiltersInput,
  type PhenomenonRow,
} from './dashboard-rows';

// The dashboards, from maintained aggregates (see dashboard-rows.ts). With at most one country, post or channel
// filter (with or without a phenomenon filter), each figure reads the narrow aggregate of migration 009 that
// breaks down by what it shows, in the slice of that filter (migration 016): rows bounded by the period and that
// breakdown, nothing read per record. With two of those filters at once (a country and a post, say), the
// figures are folded from migration 005's aggregates, which hold every
// combination of every dimension: reads of monthly groups, records only for the odd days at the edges of the
// period, and two record-level reads on indexes bounded by the period (response times for the median and the
// 90th percentile, open requests past their deadline).

const EU = new Set(DEFAULT_COUNTRIES.filter((c) => c.eu).map((c) => c.code));

type Kind = 'engagement' | 'request' | 'result';
const FIELD = { engagement: 'engagements', request: 'requests', result: 'results' } as const;
type Triple = { key: string; engagements: number; requests: number; results: number };

class TripleTally {
  private readonly rows = new Map<string, Triple>();
  add(key: string, kind: string, n: number): void {
    const row = this.rows.get(key) ?? { key, engagements: 0, requests: 0, results: 0 };
    row[FIELD[kind as Kind]] += n;
    this.rows.set(key, row);
  }
  list(): Triple[] {
    const total = (t: Triple) => t.engagements + t.requests + t.results;
    return [...this.rows.values()].sort((a, b) => total(b) - total(a) || compare(a.key, b.key));
  }
}

class TimelinessTally {
  private readonly rows = new Map<string, { key: string; answered: number; inTime: number }>();
  add(key: string, answered: number, inTime: number): void {
    const row = this.rows.get(key) ?? { key, answered: 0, inTime: 0 };
    row.answered += answered;
    row.inTime += inTime;
    this.rows.set(key, row);
  }
  list() {
    return [...this.rows.values()].sort((a, b) => b.answered - a.answered || compare(a.key, b.key));
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type Settings = { timeZone: string; homeCountry: string };
type Figures = Omit<Dashboard, 'filters' | 'completeness'>;

export function dashboard(db: Database, input: DashboardFiltersInput, settings: Settings, now: Date): Dashboard {
  return dashboardVia(db, input, settings, now, breakdownsAnswer(input) ? 'breakdowns' : 'cubes');
}

/**
 * The dashboard read from the breakdowns of migrations 009 and 016 (at most one country, post or channel filter)
 * or from 005's cubes (any filters): `npm run bench` times both on the same folder.
 */
export function dashboardVia(
  db: Database,
  input: DashboardFiltersInput,
  settings: Settings,
  now: Date,
  via: 'breakdowns' | 'cubes',
): Dashboard {
  if (via === 'breakdowns' && !breakdownsAnswer(input))
    throw new Error('The breakdowns answer one country, post or channel filter at most.');
  keepDashboardCurrent(db, settings.timeZone);
  const figures = via === 'breakdowns' ? fromBreakdowns(db, input, settings, now) : fromCubes(db, input, settings, now);
  const silentBefore = new Date(now.getTime() - input.silentDays * 86_400_000).toISOString();
  return {
    filters: { ...input },
    ...figures,
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

/** The figures from the breakdowns (migrations 009 and 016: at most one country, post or channel filter). */
function fromBreakdowns(db: Database, input: DashboardFiltersInput, settings: Settings, now: Date): Figures {
  const read = createBreakdownReader(db, input);
  const months = new Map<string, { month: string; engagements: number; requests: number; results: number }>();
  let operational = 0;
  let engagements = 0;
  let resultsTotal = 0;
  const mix = new Tally();
  const byUrgency = new TimelinessTally();
  const resultKinds = new Tally();
  for (const row of read.kinds()) {
    const m = months.get(row.month) ?? { month: row.month, engagements: 0, requests: 0, results: 0 };
    m[FIELD[row.kind as Kind]] += row.n;
    months.set(row.month, m);
    if (row.kind === 'engagement') {
      engagements += row.n;
      if (row.sub === 'operational') operational += row.n;
    } else if (row.kind === 'request') {
      mix.add(row.sub, row.n);
      if (row.answered > 0) byUrgency.add(row.urgency, row.answered, row.inTime);
    } else {
      resultsTotal += row.n;
      resultKinds.add(row.sub, row.n);
    }
  }

  const byCountry = new Tally();
  const resultCountries = new Tally();
  for (const row of read.countries()) {
    if (row.kind === 'engagement') byCountry.add(row.country, row.n);
    else resultCountries.add(row.country, row.n);
  }
  const siena = new Map<string, { month: string; eu: number; siena: number }>();
  const reasons = new Tally();
  const timelyByCountry = new TimelinessTally();
  for (const row of read.requests()) {
    byCountry.add(row.country, row.n);
    // The SIENA share counts exchanges with other EU member states, not mutual legal assistance.
    if (EU.has(row.country) && row.country !== settings.homeCountry && row.via !== 'mla_eio') {
      const s = siena.get(row.month) ?? { month: row.month, eu: 0, siena: 0 };
      s.eu += row.n;
      if (row.via === 'siena') s.siena += row.n;
      siena.set(row.month, s);
      if (row.via === 'other') reasons.add(row.reason, row.n);
    }
    if (row.answered > 0) timelyByCountry.add(row.country, row.answered, row.inTime);
  }

  const byPost = new TripleTally();
  const resultPosts = new Tally();
  for (const row of read.posts()) {
    byPost.add(row.post || 'own', row.kind, row.n);
    if (row.kind === 'result') resultPosts.add(row.post || 'own', row.n);
  }
  return assemble(
    {
      months,
      siena,
      operational,
      engagements,
      resultsTotal,
      byCountry,
      byPost,
      mix,
      reasons,
      byUrgency,
      timelyByCountry,
      resultKinds,
      resultPosts,
      resultCountries,
    },
    read.phenomena(),
    read.responseTimes(),
    read.openOverdue(now),
  );
}

/** The figures folded from migration 005's aggregates (any filters). */
function fromCubes(db: Database, input: DashboardFiltersInput, settings: Settings, now: Date): Figures {
  const read = createDashboardReader(db, input);
  const rows = read.counts();
  const phenomena = read.byPhenomenon();
  const hours = read.responseTimes();
  const parsed = new Map<string, string[]>();
  const list = (json: string): string[] => {
    let codes = parsed.get(json);
    if (!codes) parsed.set(json, (codes = JSON.parse(json) as string[]));
    return codes;
  };

  const months = new Map<string, { month: string; engagements: number; requests: number; results: number }>();
  const siena = new Map<string, { month: string; eu: number; siena: number }>();
  let operational = 0;
  let engagements = 0;
  let resultsTotal = 0;
  const byCountry = new Tally();
  const byPost = new TripleTally();
  const mix = new Tally();
  const reasons = new Tally();
  const byUrgency = new TimelinessTally();
  const timelyByCountry = new TimelinessTally();
  const resultKinds = new Tally();
  const resultPosts = new Tally();
  const resultCountries = new Tally();

  for (const row of rows as readonly CountRow[]) {
    const m = months.get(row.month) ?? { month: row.month, engagements: 0, requests: 0, results: 0 };
    m[FIELD[row.kind as Kind]] += row.n;
    months.set(row.month, m);
    byPost.add(row.post || 'own', row.kind, row.n);
    const countries = list(row.countries);
    if (row.kind === 'engagement') {
      engagements += row.n;
      if (row.sub === 'operational') operational += row.n;
      for (const c of countries) byCountry.add(c, row.n);
    } else if (row.kind === 'request') {
      const country = countries[0] ?? '';
      byCountry.add(country, row.n);
      mix.add(row.channel, row.n);
      // The SIENA share counts exchanges with other EU member states, not mutual legal assistance.
      if (EU.has(country) && country !== settings.homeCountry && row.channel !== 'mla_eio') {
        const s = siena.get(row.month) ?? { month: row.month, eu: 0, siena: 0 };
        s.eu += row.n;
        if (row.channel === 'siena') s.siena += row.n;
        siena.set(row.month, s);
        if (row.channel !== 'siena' && row.channel !== 'sis_sirene') reasons.add(row.reason, row.n);
      }
      if (row.answered > 0) {
        byUrgency.add(row.urgency, row.answered, row.inTime);
        timelyByCountry.add(country, row.answered, row.inTime);
      }
    } else {
      resultsTotal += row.n;
      resultKinds.add(row.sub, row.n);
      resultPosts.add(row.post || 'own', row.n);
      for (const c of countries) resultCountries.add(c, row.n);
    }
  }

  return assemble(
    {
      months,
      siena,
      operational,
      engagements,
      resultsTotal,
      byCountry,
      byPost,
      mix,
      reasons,
      byUrgency,
      timelyByCountry,
      resultKinds,
      resultPosts,
      resultCountries,
    },
    phenomena as readonly PhenomenonRow[],
    hours,
    read.openOverdue(now),
  );
}

/** What both readers fold their rows into, before `assemble` shapes it as the dashboard's figures. */
interface Folded {
  months: Map<string, { month: string; engagements: number; requests: number; results: number }>;
  siena: Map<string, { month: string; eu: number; siena: number }>;
  operational: number;
  engagements: number;
  resultsTotal: number;
  byCountry: Tally;
  byPost: TripleTally;
  mix: Tally;
  reasons: Tally;
  byUrgency: TimelinessTally;
  timelyByCountry: TimelinessTally;
  resultKinds: Tally;
  resultPosts: Tally;
  resultCountries: Tally;
}

/** The dashboard's figures from the folded rows, the phenomena rows, the response times and the overdue count. */
function assemble(
  f: Folded,
  phenomena: Iterable<PhenomenonRow>,
  hours: { median: number | null; p90: number | null },
  openOverdue: number,
): Figures {
  const byPhenomenon = new TripleTally();
  const resultPhenomena = new Tally();
  for (const p of phenomena) {
    byPhenomenon.add(p.code, p.kind, p.n);
    if (p.kind === 'result') resultPhenomena.add(p.code, p.n);
  }
  const sienaByMonth = [...f.siena.values()].sort((a, b) => compare(a.month, b.month));
  return {
    activity: {
      byMonth: [...f.months.values()].sort((a, b) => compare(a.month, b.month)),
      engagements: { operational: f.operational, nonOperational: f.engagements - f.operational },
      byPhenomenon: byPhenomenon.list(),
      byCountry: f.byCountry.list(),
      byPost: f.byPost.list(),
    },
    channels: {
      mix: f.mix.list(),
      euExchanges: sienaByMonth.reduce((n, m) => n + m.eu, 0),
      euViaSiena: sienaByMonth.reduce((n, m) => n + m.siena, 0),
      sienaByMonth,
      nonSienaReasons: f.reasons.list(),
    },
    timeliness: {
      byUrgency: f.byUrgency.list(),
      byCountry: f.timelyByCountry.list(),
      medianHours: hours.median,
      p90Hours: hours.p90,
      openOverdue,
    },
    results: {
      total: f.resultsTotal,
      byKind: f.resultKinds.list(),
      byPhenomenon: resultPhenomena.list(),
      byPost: f.resultPosts.list(),
      byCountry: f.resultCountries.list(),
    },
  };
}
