import { describe, it, expect, beforeAll } from 'vitest';
import type { Backend } from '../../../electron/backend/create-backend';
import { runCli, type CliIo } from '../../../electron/cli/main';
import { BREAKDOWN_SQL, statsBreakdown } from '../../../electron/cli/stats-command';
import { exportBundle, importFiles, initHq, initPost, ok, pair, useInstallations } from '../exchange/helpers';
import { cliTestSetup } from '../helpers/session';
import {
  caseInput,
  create,
  engagementInput,
  organisationInput,
  personInput,
  requestInput,
  resultInput,
  value,
} from '../logbook/helpers';

// `liaison-log stats` at HQ: the record counts as before, then the breakdown per kind, phenomenon, channel,
// country and post. The data set, worked out by hand:
//
//   BOG (imported, full level):
//     organisations  Policía Nacional (CO), and a person there (the post's BKA (DE) is linked to nothing,
//                    so no bundle carries it)
//     case           OP-1 [cocaine]
//     engagement     E1 [cocaine] with the Colombian organisation and the person
//     requests       Q1 DE siena [cocaine, hvt] in case OP-1;  Q2 CO interpol [money_laundering]
//     result         X1 [cocaine] from Q1
//   HQ's own:
//     organisation   Policía Nacional (ES)
//     engagement     E2 [thb]
//     request        Q3 ES bilateral [];  Q4 DE siena [cocaine] in the trash (not counted anywhere)

const installations = useInstallations();
let hqDir: string;
// The command line encrypts HQ's folder at its first run (it was made by plain backends, as before this
// version); the passphrase comes from the environment.
const secrets = cliTestSetup(installations.dir());

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t) };
  const code = await runCli(args, io, secrets.env, secrets.options);
  return { code, out, err };
}

beforeAll(async () => {
  const hq = installations.fresh();
  const bog = installations.fresh();
  await initHq(hq);
  await initPost(bog, 'BOG', 'CO');
  await pair(bog, hq);

  const oCo = (await create(bog, 'organisations', organisationInput({ name: 'Policía Nacional', country: 'CO' }))).id;
  await create(bog, 'organisations', organisationInput({ name: 'Bundeskriminalamt', country: 'DE' }));
  const person = (await create(bog, 'people', personInput({ organisationId: oCo }))).id;
  const op1 = (await create(bog, 'cases', caseInput({ reference: 'OP-1', phenomena: ['cocaine'] }))).id;
  await create(
    bog,
    'engagements',
    engagementInput({
      occurredAt: '2026-03-03T10:00:00.000Z',
      phenomena: ['cocaine'],
      organisationIds: [oCo],
      personIds: [person],
    }),
  );
  const q1 = (
    await create(
      bog,
      'requests',
      requestInput({ counterpartCountry: 'DE', channel: 'siena', phenomena: ['cocaine', 'hvt'], caseId: op1 }),
    )
  ).id;
  await create(
    bog,
    'requests',
    requestInput({
      counterpartCountry: 'CO',
      counterpartAgency: 'DIJIN',
      channel: 'interpol',
      phenomena: ['money_laundering'],
    }),
  );
  await create(bog, 'results', resultInput({ achievedOn: '2026-03-20', phenomena: ['cocaine'], requestIds: [q1] }));
  // The BKA is linked to nothing, so no bundle carries it: only what links to it travels.
  const bundle = await exportBundle(bog, 'full', { from: '2026-03-01', to: '2026-03-31' });
  expect(bundle.entry.counts).toEqual({ case: 1, engagement: 1, organisation: 1, person: 1, request: 2, result: 1 });
  const report = await importFiles(hq, [{ name: bundle.entry.fileName, bytes: bundle.bytes }]);
  expect(report.totals).toMatchObject({ imported: 1, added: 7 });

  await create(hq, 'organisations', organisationInput({ name: 'Policía Nacional', country: 'ES' }));
  await create(hq, 'engagements', engagementInput({ phenomena: ['thb'] }));
  await create(hq, 'requests', requestInput({ counterpartCountry: 'ES', channel: 'bilateral' }));
  const q4 = await create(hq, 'requests', requestInput({ channel: 'siena', phenomena: ['cocaine'] }));
  await value(hq.invoke('requests.delete', { id: q4.id }));
  hqDir = (await ok(hq.call('app.info', {}))).dataDir;
  hq.close();
  bog.close();
});

const COUNTS = { informationRequests: 3, engagements: 2, results: 1, organisations: 2, people: 1, cases: 1 };

const BREAKDOWN = {
  total: 10,
  byKind: { case: 1, engagement: 2, organisation: 2, person: 1, request: 3, result: 1 },
  byPhenomenon: {
    cocaine: { total: 4, case: 1, engagement: 1, request: 1, result: 1 },
    hvt: { total: 1, request: 1 },
    money_laundering: { total: 1, request: 1 },
    thb: { total: 1, engagement: 1 },
  },
  byChannel: {
    bilateral: { total: 1, request: 1 },
    interpol: { total: 1, request: 1 },
    siena: { total: 1, request: 1 },
  },
  byCountry: {
    CO: { total: 2, organisation: 1, request: 1 },
    DE: { total: 1, request: 1 },
    ES: { total: 2, organisation: 1, request: 1 },
  },
  byPost: {
    BOG: { total: 7, case: 1, engagement: 1, organisation: 1, person: 1, request: 2, result: 1 },
    own: { total: 3, engagement: 1, organisation: 1, request: 1 },
  },
};

describe('liaison-log stats', () => {
  it('--json prints the record counts exactly as before: the same keys, numbers only', async () => {
    const r = await cli(['--data-dir', hqDir, 'stats', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(COUNTS);
  });

  it('--json --breakdown adds the breakdown per kind, phenomenon, channel, country and post', async () => {
    const r = await cli(['--data-dir', hqDir, 'stats', '--json', '--breakdown']);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.out) as typeof COUNTS & { breakdown: typeof BREAKDOWN };
    expect(parsed).toEqual({ ...COUNTS, breakdown: BREAKDOWN });
    // Keys in order, "total" first within each: the output diffs cleanly from one day to the next.
    expect(Object.keys(parsed.breakdown.byPost)).toEqual(['BOG', 'own']);
    expect(Object.keys(parsed.breakdown.byPhenomenon['cocaine'])).toEqual([
      'total',
      'case',
      'engagement',
      'request',
      'result',
    ]);
  });

  it('the breakdown agrees with the counts: by kind, by post, in all', async () => {
    const b = (
      JSON.parse((await cli(['--data-dir', hqDir, 'stats', '--json', '--breakdown'])).out) as {
        breakdown: typeof BREAKDOWN;
      }
    ).breakdown;
    const sum = (xs: number[]) => xs.reduce((s, n) => s + n, 0);
    expect(sum(Object.values(b.byKind))).toBe(b.total);
    expect(sum(Object.values(b.byPost).map((p) => p.total))).toBe(b.total);
    expect(sum(Object.values(COUNTS))).toBe(b.total);
  });

  it('as text: the counts first (as before), then the breakdown', async () => {
    const r = await cli(['--data-dir', hqDir, 'stats']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'informationRequests: 3',
        'engagements: 2',
        'results: 1',
        'organisations: 2',
        'people: 1',
        'cases: 1',
        '',
        'Total: 10',
        'By kind:',
        '  case: 1',
        '  engagement: 2',
        '  organisation: 2',
        '  person: 1',
        '  request: 3',
        '  result: 1',
        'By phenomenon:',
        '  cocaine: 4 (case 1, engagement 1, request 1, result 1)',
        '  hvt: 1 (request 1)',
        '  money_laundering: 1 (request 1)',
        '  thb: 1 (engagement 1)',
        'By channel:',
        '  bilateral: 1 (request 1)',
        '  interpol: 1 (request 1)',
        '  siena: 1 (request 1)',
        'By country:',
        '  CO: 2 (organisation 1, request 1)',
        '  DE: 1 (request 1)',
        '  ES: 2 (organisation 1, request 1)',
        'By post:',
        '  BOG: 7 (case 1, engagement 1, organisation 1, person 1, request 2, result 1)',
        '  own: 3 (engagement 1, organisation 1, request 1)',
        '',
      ].join('\n'),
    );
  });

  it('an empty data folder: zero counts, an empty breakdown', async () => {
    const dir = installations.dir();
    const json = await cli(['--data-dir', dir, 'stats', '--json', '--breakdown']);
    expect(JSON.parse(json.out)).toEqual({
      informationRequests: 0,
      engagements: 0,
      results: 0,
      organisations: 0,
      people: 0,
      cases: 0,
      breakdown: { total: 0, byKind: {}, byPhenomenon: {}, byChannel: {}, byCountry: {}, byPost: {} },
    });
    const text = await cli(['--data-dir', dir, 'stats']);
    expect(text.out).toContain('Total: 0\nBy kind:\nBy phenomenon:\n  (none)\n');
  });

  it('a misspelt --breakdown is refused (exit 2), not ignored', async () => {
    const r = await cli(['--data-dir', hqDir, 'stats', '--breakdwon']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/breakdwon/);
  });
});

describe('the breakdown queries', () => {
  let hq: Backend;
  beforeAll(() => {
    hq = installations.fresh();
  });

  it('read records through the partial indexes (the trash skipped), never the whole table', () => {
    for (const [name, sql] of Object.entries(BREAKDOWN_SQL)) {
      const plan = (hq.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail);
      const onRecord = plan.filter((d) => /^(SCAN|SEARCH) (record|r)\b/.test(d));
      expect(onRecord.length, `${name}: ${plan.join(' | ')}`).toBeGreaterThan(0);
      for (const d of onRecord) expect(d, name).toMatch(/USING (COVERING )?INDEX record_by_/);
      for (const d of plan.filter((x) => /record_phenomenon|\bp\b/.test(x))) {
        expect(d, name).toMatch(/USING (PRIMARY KEY|COVERING INDEX)/);
      }
    }
  });

  it('statsBreakdown counts a record restored from the trash again, and one trashed no more', async () => {
    const a = await create(hq, 'requests', requestInput({ channel: 'interpol', phenomena: ['thb'] }));
    expect(statsBreakdown(hq.db).byChannel).toEqual({ interpol: { total: 1, request: 1 } });
    await value(hq.invoke('requests.delete', { id: a.id }));
    expect(statsBreakdown(hq.db)).toMatchObject({ total: 0, byChannel: {}, byPhenomenon: {} });
    await value(hq.invoke('requests.restore', { id: a.id }));
    expect(statsBreakdown(hq.db).byPhenomenon).toEqual({ thb: { total: 1, request: 1 } });
  });
});
