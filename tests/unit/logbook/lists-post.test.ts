import { beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/create-backend';
import {
  demo,
  exportBundle,
  importFiles,
  initHq,
  initPost,
  ok,
  pair,
  recordRows,
  useInstallations,
  WHOLE_PERIOD,
} from '../exchange/helpers';
import { create, engagementInput, list, requestInput } from './helpers';

// The post filter on the lists at HQ: records imported from one post, or HQ's own (no origin post). The
// right answers come straight from the record table's origin_post column, and the dashboards' figures per
// post must equal the list a drill-down opens.

const installs = useInstallations();
let hq: Backend;

const KINDS = [
  ['request', 'requests'],
  ['engagement', 'engagements'],
  ['result', 'results'],
] as const;

beforeAll(async () => {
  hq = installs.fresh();
  await initHq(hq);
  const files = [];
  for (const [postId, country, seed] of [
    ['BOG', 'CO', 1],
    ['LIM', 'PE', 2],
  ] as const) {
    const post = installs.fresh();
    await initPost(post, postId, country);
    await pair(post, hq);
    demo(post, 60, seed);
    files.push({ name: `${postId}.llbundle`, bytes: (await exportBundle(post, 'full')).bytes });
  }
  const report = await importFiles(hq, files);
  expect(report.files.every((f) => f.outcome === 'imported')).toBe(true);
  // HQ's own records, in the period and not.
  await create(hq, 'requests', requestInput({ subject: 'HQ own request', exchangedAt: '2026-02-01T12:00:00.000Z' }));
  await create(hq, 'requests', requestInput({ subject: 'HQ old request', exchangedAt: '2020-02-01T12:00:00.000Z' }));
  await create(hq, 'engagements', engagementInput({ occurredAt: '2026-03-01T12:00:00.000Z' }));
}, 60_000);

const sorted = (ids: string[]) => [...ids].sort();

async function listed(prefix: string, filters: Record<string, unknown>): Promise<string[]> {
  const page = await list(hq, prefix, { filters, limit: 1000 });
  expect(page.items).toHaveLength(page.total);
  return sorted(page.items.map((r) => r.id));
}

describe('post filter', () => {
  for (const [kind, prefix] of KINDS) {
    it(`lists only one post's ${prefix}, or only HQ's own`, async () => {
      const live = `kind = '${kind}' AND deleted_at IS NULL`;
      const bog = recordRows(hq, `${live} AND origin_post = 'BOG'`).map((r) => r.id);
      const lim = recordRows(hq, `${live} AND origin_post = 'LIM'`).map((r) => r.id);
      const own = recordRows(hq, `${live} AND origin_post IS NULL`).map((r) => r.id);
      expect(bog.length).toBeGreaterThan(0);
      expect(lim.length).toBeGreaterThan(0);

      expect(await listed(prefix, { post: 'BOG' })).toEqual(sorted(bog));
      expect(await listed(prefix, { post: 'LIM' })).toEqual(sorted(lim));
      expect(await listed(prefix, { post: 'own' })).toEqual(sorted(own));
      expect(await listed(prefix, { post: 'XYZ' })).toEqual([]);
      expect((await list(hq, prefix, { limit: 1000 })).total).toBe(bog.length + lim.length + own.length);
    });
  }

  it('HQ has own requests and engagements in the test data', async () => {
    expect(await listed('requests', { post: 'own' })).toHaveLength(2);
    expect(await listed('engagements', { post: 'own' })).toHaveLength(1);
  });

  it('combines with the other filters', async () => {
    const own = await listed('requests', { post: 'own', ...WHOLE_PERIOD });
    expect(own).toHaveLength(1);
    const [row] = recordRows(hq, `id = '${own[0] ?? ''}'`);
    expect(row?.title).toContain('HQ own request');
  });

  it('refuses a post id longer than a post id can be', async () => {
    const answer = await hq.invoke('requests.list', { filters: { post: 'X'.repeat(33) } });
    expect(answer.ok).toBe(false);
  });

  it('matches the dashboards figures per post', async () => {
    const dashboard = await ok(hq.call('reports.dashboard', { ...WHOLE_PERIOD }));
    const byPost = dashboard.activity.byPost;
    expect(byPost.map((r) => r.key).sort()).toEqual(['BOG', 'LIM', 'own']);
    for (const row of byPost) {
      const filters = { ...WHOLE_PERIOD, post: row.key };
      expect((await list(hq, 'requests', { filters })).total).toBe(row.requests);
      expect((await list(hq, 'engagements', { filters })).total).toBe(row.engagements);
      expect((await list(hq, 'results', { filters })).total).toBe(row.results);
      const results = dashboard.results.byPost.find((r) => r.key === row.key)?.count ?? 0;
      expect(results).toBe(row.results);
    }
  });
});
