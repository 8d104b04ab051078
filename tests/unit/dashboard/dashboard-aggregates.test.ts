import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import type { Backend } from '../../../electron/backend/create-backend';
import { generateDemo } from '../../../electron/demo/generate';
import { fillPostsDirectly } from '../../../electron/demo/posts';
import { seededRandom } from '../../../electron/demo/random';
import { createOverviewService } from '../../../electron/overview/service';
import { localMidnight } from '../../../electron/records/period';
import { dashboard } from '../../../electron/reports/dashboard';
import { periodParts } from '../../../electron/reports/dashboard-rows';
import { Dashboard, DashboardInput } from '../../../shared/reports/dashboard';
import { CHANNEL_CODES } from '../../../shared/taxonomy/channels';
import { expectAggregatesTrue } from './aggregate-recount';
import { dashboardFromRecords, normalisedDashboard, overviewFromRecords } from './dashboard-oracle';
import {
  DEMO_UNTIL,
  exportBundle,
  importFiles,
  initHq,
  initPost,
  ok,
  pair,
  useInstallations,
  WHOLE_PERIOD,
} from '../exchange/helpers';
import {
  engagementInput,
  manualClock,
  organisationInput,
  requestInput,
  resultInput,
  type Rec,
} from '../logbook/helpers';

// The dashboards read maintained aggregates (migration 005); before that they counted the records on every
// read. The old queries are kept as the oracle (dashboard-oracle.ts): for random periods and filters, both
// must give the same dashboard. The data: a post's records through the real exchange, two posts' as HQ's
// import writes them, HQ's own, and records packed around local midnight at the turn of every month in three
// time zones (UTC+1/+2, UTC-5, UTC+5:30). It is then edited in every way the aggregates must follow (edits,
// trash, restore, newer revisions from a post, organisations and requests changing country, a phenomenon
// moving to a group), and the time zone changes twice.

const installations = useInstallations();
const HQ_NOW = '2026-07-15T12:00:00.000Z';
const clock = manualClock(HQ_NOW);
const ZONES = ['Europe/Amsterdam', 'America/Bogota', 'Asia/Kolkata'] as const;
let hq: Backend;

const PHENOMENA = ['cocaine', 'cannabis', 'synthetic_drugs', 'money_laundering', 'hvt', 'thb', 'online_fraud'];
const FILTER_PHENOMENA = [...PHENOMENA, 'drugs', 'economic_financial', 'online_crime', 'hrcn', 'terrorism', 'fentanyl'];
const COUNTRIES = ['DE', 'FR', 'BE', 'ES', 'NL', 'CO', 'MA', 'US'];
const POSTS = ['P01', 'P02', 'own', 'LIM'];

// --- comparing dashboards -------------------------------------------------------------------------------

const normalised = normalisedDashboard;

/** Largest first, ties by key. */
function expectRanked<T extends { key: string }>(xs: readonly T[], size: (x: T) => number): void {
  for (let i = 1; i < xs.length; i++) {
    const [a, b] = [xs[i - 1] as T, xs[i] as T];
    expect(size(a) > size(b) || (size(a) === size(b) && a.key < b.key), JSON.stringify(xs)).toBe(true);
  }
}

function expectOrdered(d: Dashboard): void {
  const count = (x: { count: number }) => x.count;
  const all = (x: { engagements: number; requests: number; results: number }) => x.engagements + x.requests + x.results;
  const answered = (x: { answered: number }) => x.answered;
  expectRanked(d.activity.byPhenomenon, all);
  expectRanked(d.activity.byPost, all);
  for (const list of [d.activity.byCountry, d.channels.mix, d.channels.nonSienaReasons, d.results.byKind]) {
    expectRanked(list, count);
  }
  for (const list of [d.results.byPhenomenon, d.results.byPost, d.results.byCountry]) expectRanked(list, count);
  expectRanked(d.timeliness.byUrgency, answered);
  expectRanked(d.timeliness.byCountry, answered);
  const months = d.activity.byMonth.map((m) => m.month);
  expect(months).toEqual([...months].sort());
}

// --- random filters -------------------------------------------------------------------------------------

const FIRST_DAY = Date.UTC(2024, 11, 1);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const monthStart = (m: number) => iso(Date.UTC(2024, 11 + m, 1));
const monthEnd = (m: number) => iso(Date.UTC(2024, 12 + m, 0));
const date = fc.oneof(
  fc.integer({ min: 0, max: 640 }).map((d) => iso(FIRST_DAY + d * 86_400_000)),
  fc.integer({ min: 0, max: 20 }).map(monthStart),
  fc.integer({ min: 0, max: 20 }).map(monthEnd),
);
const input = fc
  .record(
    {
      dates: fc.tuple(date, date),
      phenomenon: fc.constantFrom(...FILTER_PHENOMENA),
      country: fc.constantFrom(...COUNTRIES),
      post: fc.constantFrom(...POSTS),
      channel: fc.constantFrom(...CHANNEL_CODES),
    },
    { requiredKeys: ['dates'] },
  )
  .map(({ dates: [a, b], ...filters }) => ({ from: a <= b ? a : b, to: a <= b ? b : a, ...filters }));

/** For many random inputs: the aggregates give what the records give. */
function compareWithRecords(runs: number): void {
  const settings = hq.services.settings.read();
  fc.assert(
    fc.property(input, (raw) => {
      const parsed = DashboardInput.parse(raw);
      const fromAggregates = Dashboard.parse(dashboard(hq.db, parsed, settings, clock.now()));
      const fromRecords = Dashboard.parse(dashboardFromRecords(hq.db, parsed, settings, clock.now()));
      expect(normalised(fromAggregates)).toEqual(normalised(fromRecords));
      expectOrdered(fromAggregates);
      // The officer's overview of the same period reads the same aggregates.
      const { from, to } = parsed;
      expect(
        createOverviewService(hq.db, clock.now).overview(from, to, settings.homeCountry, settings.timeZone),
      ).toEqual(overviewFromRecords(hq.db, clock.now, from, to, settings.homeCountry, settings.timeZone));
    }),
    { numRuns: runs },
  );
}

// --- the data -------------------------------------------------------------------------------------------

const rnd = seededRandom(20_260_715);
const ownIds: { kind: 'engagement' | 'request' | 'result'; id: string }[] = [];
const orgs: string[] = [];
const requests: string[] = [];

/** Moments a millisecond and half an hour either side of local midnight on the first of each month. */
function edgeMoments(): string[] {
  const out: string[] = [];
  for (let m = 1; m <= 19; m++) {
    for (const zone of ZONES) {
      const midnight = Date.parse(localMidnight(monthStart(m), zone));
      for (const offset of [-1_800_000, -1, 0, 1, 1_800_000]) out.push(new Date(midnight + offset).toISOString());
    }
  }
  return out;
}

function randomPhenomena(): string[] {
  return [...new Set(Array.from({ length: rnd.int(0, 3) }, () => rnd.pick(PHENOMENA)))];
}

async function addEdgeRecords(): Promise<void> {
  for (const [name, country] of [
    ['Bundeskriminalamt', 'DE'],
    ['OFAST', 'FR'],
    ['DIJIN', 'CO'],
    ['DGSN', 'MA'],
    ['Federale Politie', 'BE'],
  ] as const) {
    orgs.push((await ok(hq.call('organisations.create', organisationInput({ name, country }) as never))).id);
  }
  for (const at of edgeMoments()) {
    if (!rnd.chance(0.6)) continue;
    if (rnd.chance(0.5)) {
      const picked = [...new Set([rnd.pick(orgs), rnd.pick(orgs), rnd.pick(orgs)].slice(0, rnd.int(0, 3)))];
      const e = await ok(
        hq.call(
          'engagements.create',
          engagementInput({
            occurredAt: at,
            purpose: rnd.pick(['operational', 'relationship', 'strategic']),
            organisationIds: picked,
            phenomena: randomPhenomena(),
          }) as never,
        ),
      );
      ownIds.push({ kind: 'engagement', id: e.id });
    } else {
      const status = rnd.pick(['open', 'answered', 'refused', 'withdrawn'] as const);
      const channel = rnd.pick(CHANNEL_CODES);
      const urgent = rnd.chance(0.3);
      const q = await ok(
        hq.call(
          'requests.create',
          requestInput({
            direction: rnd.chance(0.7) ? 'incoming' : 'outgoing',
            counterpartCountry: rnd.pick(COUNTRIES),
            channel,
            exchangedAt: at,
            status,
            urgency: urgent ? 'urgent' : 'non_urgent',
            urgencyGround: urgent ? 'life_or_integrity' : null,
            accessibility: rnd.chance(0.5) ? 'direct' : 'indirect',
            nonSienaReason: channel !== 'siena' && rnd.chance(0.5) ? rnd.pick(['urgency', 'third_party']) : null,
            refusalGround: status === 'refused' ? 'f' : null,
            answeredAt:
              status === 'answered' || status === 'refused'
                ? new Date(Date.parse(at) + rnd.int(1, 400) * 1_800_000).toISOString()
                : null,
            phenomena: randomPhenomena(),
          }) as never,
        ),
      );
      ownIds.push({ kind: 'request', id: q.id });
      requests.push(q.id);
    }
  }
  for (let i = 0; i < 40; i++) {
    const day = rnd.chance(0.5) ? monthStart(rnd.int(1, 19)) : monthEnd(rnd.int(0, 18));
    const x = await ok(
      hq.call(
        'results.create',
        resultInput({
          kind: rnd.pick(['arrest', 'hvt_identified', 'assets_frozen']),
          achievedOn: day,
          requestIds: [...new Set([rnd.pick(requests), rnd.pick(requests)].slice(0, rnd.int(0, 2)))],
          phenomena: randomPhenomena(),
        }) as never,
      ),
    );
    ownIds.push({ kind: 'result', id: x.id });
  }
}

/** Every way the aggregates must follow a change. */
async function editEverything(): Promise<void> {
  const prefix = { engagement: 'engagements', request: 'requests', result: 'results' } as const;
  const strip = (r: Rec) => {
    const {
      id: _id,
      revision: _r,
      createdAt: _c,
      updatedAt: _u,
      deletedAt: _d,
      origin: _o,
      dueAt: _due,
      ...fields
    } = r;
    return fields;
  };
  for (const { kind, id } of ownIds.filter(() => rnd.chance(0.2))) {
    const r = await ok(hq.call(`${prefix[kind]}.get` as 'engagements.get', { id }));
    const fields = strip(r);
    const changed =
      kind === 'engagement'
        ? {
            ...fields,
            organisationIds: [rnd.pick(orgs)],
            phenomena: randomPhenomena(),
            occurredAt: rnd.pick(edgeMoments()),
          }
        : kind === 'request'
          ? { ...fields, counterpartCountry: rnd.pick(COUNTRIES), phenomena: randomPhenomena() }
          : { ...fields, requestIds: [rnd.pick(requests)], achievedOn: monthEnd(rnd.int(0, 18)) };
    await ok(
      hq.call(`${prefix[kind]}.update` as 'engagements.update', { id, revision: r.revision, fields: changed } as never),
    );
  }
  const trashed = ownIds.filter(() => rnd.chance(0.15));
  for (const { kind, id } of trashed) await ok(hq.call(`${prefix[kind]}.delete` as 'engagements.delete', { id }));
  for (const { kind, id } of trashed.filter(() => rnd.chance(0.4))) {
    await ok(hq.call(`${prefix[kind]}.restore` as 'engagements.restore', { id }));
  }
  // Organisations move country: their engagements follow.
  for (const id of orgs.slice(0, 2)) {
    const o = await ok(hq.call('organisations.get', { id }));
    await ok(
      hq.call('organisations.update', {
        id,
        revision: o.revision,
        fields: organisationInput({ name: o.name, country: rnd.pick(COUNTRIES) }),
      } as never),
    );
  }
  // Newer revisions from a post: other phenomena, another day.
  const fromPost = hq.db
    .prepare(
      "SELECT id, kind, revision, data FROM record WHERE origin_post = 'P02' AND kind IN ('engagement', 'request') LIMIT 40",
    )
    .all() as { id: string; kind: 'engagement' | 'request'; revision: number; data: string }[];
  for (const r of fromPost) {
    const data = JSON.parse(r.data) as Record<string, unknown>;
    const moment = rnd.pick(edgeMoments());
    hq.services.store.importRecord(
      r.kind,
      {
        id: r.id,
        revision: r.revision + 1,
        createdAt: HQ_NOW,
        updatedAt: HQ_NOW,
        fields: {
          ...data,
          phenomena: randomPhenomena(),
          ...(r.kind === 'engagement' ? { occurredAt: moment } : { exchangedAt: moment }),
        },
      },
      { post: 'P02', level: 'full' },
      { timeZone: 'America/Bogota', homeCountry: 'NL' },
    );
  }
  // A phenomenon moves into a group; a new one joins another and gets records.
  await ok(
    hq.call('taxonomy.save', {
      taxonomy: 'phenomenon',
      code: 'money_laundering',
      labelEn: 'Money laundering',
      labelNl: 'Witwassen',
      parentCode: 'economic_financial',
    }),
  );
  await ok(
    hq.call('taxonomy.save', {
      taxonomy: 'phenomenon',
      code: 'fentanyl',
      labelEn: 'Fentanyl',
      labelNl: 'Fentanyl',
      parentCode: 'drugs',
    }),
  );
  for (const at of edgeMoments().filter(() => rnd.chance(0.1))) {
    await ok(
      hq.call('requests.create', requestInput({ exchangedAt: at, phenomena: ['fentanyl', 'cocaine'] }) as never),
    );
  }
}

describe('the aggregate dashboards equal a count of the records', () => {
  beforeAll(async () => {
    hq = installations.fresh(clock.now);
    await initHq(hq);
    // P01 through the real exchange: a post installation, its bundle, HQ's import.
    const post = installations.fresh(manualClock('2026-07-01T08:00:00.000Z').now);
    await initPost(post, 'P01', 'CO');
    await pair(post, hq);
    generateDemo(post.db, post.services.store, { records: 250, seed: 3, until: DEMO_UNTIL });
    const bundle = await exportBundle(post, 'full', WHOLE_PERIOD);
    const report = await importFiles(hq, [{ name: bundle.entry.fileName, bytes: bundle.bytes }]);
    expect(report.totals).toMatchObject({ imported: 1, rejected: 0 });
    // P02 as HQ's import writes records; HQ's own.
    fillPostsDirectly(hq, { records: 600, posts: 2, seed: 9, until: DEMO_UNTIL });
    generateDemo(hq.db, hq.services.store, { records: 300, seed: 5, until: DEMO_UNTIL });
    await addEdgeRecords();
  }, 120_000);

  it('as the records arrived', () => {
    expectAggregatesTrue(hq.db, 'Europe/Amsterdam');
    compareWithRecords(120);
  }, 120_000);

  it('after edits, the trash, newer revisions, organisations moving and a phenomenon changing group', async () => {
    await editEverything();
    expectAggregatesTrue(hq.db, 'Europe/Amsterdam');
    compareWithRecords(120);
  }, 120_000);

  it('on another wall clock, and another (the months of the period move with it)', async () => {
    for (const timeZone of ['America/Bogota', 'Asia/Kolkata']) {
      await ok(hq.call('settings.update', { timeZone }));
      expectAggregatesTrue(hq.db, timeZone);
      compareWithRecords(80);
    }
    // Each change of the clock refills the slices (migration 016): slow on a busy machine.
  }, 180_000);
});

describe('periods: whole months from the monthly aggregates, the rest day by day', () => {
  it('cuts a period into whole months and the days around them, covering each day once', () => {
    expect(periodParts('2025-11-21', '2026-11-20')).toEqual({
      months: { from: '2025-12', to: '2026-10' },
      days: [
        { from: '2025-11-21', to: '2025-11-30' },
        { from: '2026-11-01', to: '2026-11-20' },
      ],
    });
    expect(periodParts('2026-07-01', '2026-09-30')).toEqual({ months: { from: '2026-07', to: '2026-09' }, days: [] });
    expect(periodParts('2026-02-01', '2026-02-28')).toEqual({ months: { from: '2026-02', to: '2026-02' }, days: [] });
    expect(periodParts('2024-02-01', '2024-02-28')).toEqual({
      months: null,
      days: [{ from: '2024-02-01', to: '2024-02-28' }],
    });
    expect(periodParts('2026-09-01', '2026-09-07')).toEqual({
      months: null,
      days: [{ from: '2026-09-01', to: '2026-09-07' }],
    });
    // No whole month: one run of days, across the turn of the month.
    expect(periodParts('2026-01-31', '2026-02-01')).toEqual({
      months: null,
      days: [{ from: '2026-01-31', to: '2026-02-01' }],
    });
    fc.assert(
      fc.property(date, date, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const parts = periodParts(from, to);
        const covered: string[] = [];
        if (parts.months) {
          for (let m = 0; m <= 20; m++) {
            const month = monthStart(m).slice(0, 7);
            if (month >= parts.months.from && month <= parts.months.to) {
              for (let d = Date.parse(monthStart(m)); d <= Date.parse(monthEnd(m)); d += 86_400_000)
                covered.push(iso(d));
            }
          }
        }
        for (const r of parts.days)
          for (let d = Date.parse(r.from); d <= Date.parse(r.to); d += 86_400_000) covered.push(iso(d));
        const expected: string[] = [];
        for (let d = Date.parse(from); d <= Date.parse(to); d += 86_400_000) expected.push(iso(d));
        expect(covered.sort()).toEqual(expected);
      }),
    );
  });
});
