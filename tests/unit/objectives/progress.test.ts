import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/create-backend';
import { ObjectivesProgress, type ObjectiveProgress } from '../../../shared/objectives/progress';
import type { Objective } from '../../../shared/objectives/schema';
import { exportBundle, importFiles, initHq, initPost, ok, pair, useInstallations } from '../exchange/helpers';
import { create, manualClock, requestInput, resultInput } from '../logbook/helpers';

// objectives.progress at HQ and at a post on a hand-built data set, every answer worked out below by hand.
//
// The objectives' period is 1 March - 28 June 2026: 31 + 30 + 31 + 28 = 120 days. HQ's clock says 29 April 2026
// 12:00 UTC (14:00 in Amsterdam): 31 + 29 = 60 days counted, half the period. Two posts, BOG and RBA, send
// their records through the real exchange (signed, encrypted bundles) and HQ imports them.
//
// Results (records; "arrest" is the kind the count objective counts)
//   BOG 10 Mar arrest, 12 Mar hvt_identified (another kind), 20 Mar arrest, 5 Apr arrest
//   RBA 25 Feb arrest (before the period), 15 Apr arrest
// Requests with EU partners (incoming; NL is the home country, CO is not in the EU)
//   BOG Mar: DE siena, FR siena, ES bilateral (not SIENA), CO siena (not EU: left out)
//   BOG Apr: DE siena, BE siena
//   RBA Apr: IT bilateral (not SIENA)
//
// Objectives (HQ publishes them in its network configuration)
//   ARRESTS  results_count arrest, network, target 10
//            HQ:  Mar 2, Apr 2 (cumulative 2, 4); actual 4; projection 4 / 60 × 120 = 8 < 10: behind
//            BOG (its own figures): Mar 2, Apr 1; actual 3; projection 6: behind
//   SIENA_BOG siena_share, post BOG, target 75
//            Mar 2/3 = 66.67 %, Apr 2/2 = 100 %; cumulative 66.67, 80; actual 80; projection 80 (the share so
//            far) >= 75: on track; trend +33.33 points a month (two months: 100 - 66.67)
//   SIENA_NET siena_share, network, target 75
//            HQ: Mar 2/3, Apr 2/3 (RBA's IT bilateral); cumulative 66.67, 66.67; actual 66.67: behind; trend 0
//   REQ_RBA  requests_count, post RBA, target 2
//            HQ: Mar 0, Apr 1; actual 1; projection 1 / 60 × 120 = 2 >= 2: on track. Not shown at BOG.
//   LATER    engagements_count, network, 1 Jul - 31 Dec 2026: not started, nothing counted

const HQ_NOW = '2026-04-29T12:00:00.000Z';
const PERIOD = { from: '2026-03-01', to: '2026-06-28' } as const;

const objectives: Objective[] = [
  {
    id: 'arrests',
    labelEn: 'Arrests',
    labelNl: 'Aanhoudingen',
    metric: 'results_count',
    resultKind: 'arrest',
    target: 10,
    scope: { type: 'network' },
    period: PERIOD,
  },
  {
    id: 'siena_bog',
    labelEn: 'SIENA at Bogotá',
    labelNl: 'SIENA in Bogotá',
    metric: 'siena_share',
    target: 75,
    scope: { type: 'post', postId: 'BOG' },
    period: PERIOD,
  },
  {
    id: 'siena_net',
    labelEn: 'SIENA in the network',
    labelNl: 'SIENA in het netwerk',
    metric: 'siena_share',
    target: 75,
    scope: { type: 'network' },
    period: PERIOD,
  },
  {
    id: 'req_rba',
    labelEn: 'Requests at Rabat',
    labelNl: 'Verzoeken in Rabat',
    metric: 'requests_count',
    target: 2,
    scope: { type: 'post', postId: 'RBA' },
    period: PERIOD,
  },
  {
    id: 'later',
    labelEn: 'Engagements later',
    labelNl: 'Contacten later',
    metric: 'engagements_count',
    target: 50,
    scope: { type: 'network' },
    period: { from: '2026-07-01', to: '2026-12-31' },
  },
];

const installations = useInstallations();
let hq: Backend;
let bog: Backend;

function byId(p: ObjectivesProgress, id: string): ObjectiveProgress {
  const found = p.objectives.find((o) => o.objective.id === id);
  if (!found) throw new Error(`no progress for ${id}`);
  return found;
}

async function progress(b: Backend): Promise<ObjectivesProgress> {
  return ObjectivesProgress.parse(await ok(b.call('objectives.progress', {})));
}

beforeAll(async () => {
  hq = installations.fresh(manualClock(HQ_NOW).now);
  await initHq(hq);
  bog = installations.fresh(manualClock(HQ_NOW).now);
  const rba = installations.fresh(manualClock(HQ_NOW).now);
  await initPost(bog, 'BOG', 'CO');
  await initPost(rba, 'RBA', 'MA');
  for (const post of [bog, rba]) await pair(post, hq);

  const at = (day: string) => `${day}T10:00:00.000Z`;
  const arrest = (b: Backend, day: string, kind = 'arrest') =>
    create(b, 'results', resultInput({ kind, achievedOn: day }));
  const req = (b: Backend, day: string, country: string, channel: string) =>
    create(
      b,
      'requests',
      requestInput({
        counterpartCountry: country,
        channel,
        exchangedAt: at(day),
        ...(channel === 'siena' ? {} : { nonSienaReason: 'urgency' }),
      }),
    );
  await arrest(bog, '2026-03-10');
  await arrest(bog, '2026-03-12', 'hvt_identified');
  await arrest(bog, '2026-03-20');
  await arrest(bog, '2026-04-05');
  await arrest(rba, '2026-02-25');
  await arrest(rba, '2026-04-15');
  await req(bog, '2026-03-03', 'DE', 'siena');
  await req(bog, '2026-03-04', 'FR', 'siena');
  await req(bog, '2026-03-05', 'ES', 'bilateral');
  await req(bog, '2026-03-06', 'CO', 'siena');
  await req(bog, '2026-04-03', 'DE', 'siena');
  await req(bog, '2026-04-04', 'BE', 'siena');
  await req(rba, '2026-04-06', 'IT', 'bilateral');

  const period = { from: '2026-01-01', to: '2026-04-28' };
  const files = [];
  for (const [name, post] of [
    ['bog', bog],
    ['rba', rba],
  ] as const) {
    const { bytes } = await exportBundle(post, 'full', period);
    files.push({ name: `${name}.llx`, bytes });
  }
  await importFiles(hq, files);

  const published = await ok(hq.call('networkConfig.publish', { draft: { objectives } }));
  await ok(bog.call('networkConfig.apply', { bytes: fs.readFileSync(published.file) }));
});

describe('objectives.progress at HQ (the latest published configuration, every post)', () => {
  it('counts arrests per month, projects linearly from the pace so far, and says behind', async () => {
    const p = await progress(hq);
    expect(p.role).toBe('hq');
    expect(p.today).toBe('2026-04-29');
    expect(p.objectives.map((o) => o.objective.id)).toEqual(['arrests', 'siena_bog', 'siena_net', 'req_rba', 'later']);
    const a = byId(p, 'arrests');
    expect(a).toMatchObject({
      kind: 'count',
      figuresOf: 'network',
      through: '2026-04-29',
      elapsedDays: 60,
      totalDays: 120,
      actual: 4,
      projection: 8,
      projectionMethod: 'linear_pace',
      trendPerMonth: null,
      status: 'behind',
    });
    expect(a.byMonth.map((m) => [m.month, m.value, m.cumulative])).toEqual([
      ['2026-03', 2, 2],
      ['2026-04', 2, 4],
    ]);
  });

  it('takes a post-scoped share from that post only, with its monthly trend, on track', async () => {
    const s = byId(await progress(hq), 'siena_bog');
    expect(s).toMatchObject({
      kind: 'share',
      actual: 80,
      part: 4,
      whole: 5,
      projection: 80,
      projectionMethod: 'share_so_far',
      trendPerMonth: 33.33,
      status: 'on_track',
    });
    expect(s.byMonth.map((m) => [m.month, m.value, m.cumulative, m.part, m.whole])).toEqual([
      ['2026-03', 66.67, 66.67, 2, 3],
      ['2026-04', 100, 80, 2, 2],
    ]);
  });

  it('takes a network share from every post, and a post-scoped count from its post', async () => {
    const p = await progress(hq);
    const n = byId(p, 'siena_net');
    expect(n).toMatchObject({ actual: 66.67, part: 4, whole: 6, trendPerMonth: 0, status: 'behind' });
    expect(n.byMonth.map((m) => m.value)).toEqual([66.67, 66.67]);
    const r = byId(p, 'req_rba');
    expect(r).toMatchObject({ actual: 1, projection: 2, status: 'on_track' });
    expect(r.byMonth.map((m) => [m.value, m.cumulative])).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it('shows an objective whose period has not started as not started, with nothing counted', async () => {
    const l = byId(await progress(hq), 'later');
    expect(l).toMatchObject({ through: null, elapsedDays: 0, actual: 0, projection: null, status: 'not_started' });
    expect(l.byMonth).toEqual([]);
  });
});

describe('objectives.progress at a post (the applied configuration, its own figures)', () => {
  it('leaves out objectives scoped to another post and counts only its own records', async () => {
    const p = await progress(bog);
    expect(p.role).toBe('post');
    expect(p.objectives.map((o) => o.objective.id)).toEqual(['arrests', 'siena_bog', 'siena_net', 'later']);
    const a = byId(p, 'arrests');
    expect(a).toMatchObject({ figuresOf: 'post', actual: 3, projection: 6, status: 'behind' });
    expect(a.byMonth.map((m) => m.value)).toEqual([2, 1]);
    expect(byId(p, 'siena_bog')).toMatchObject({ actual: 80, status: 'on_track' });
    expect(byId(p, 'siena_net')).toMatchObject({ figuresOf: 'post', actual: 80 });
  });
});
