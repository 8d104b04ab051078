import { describe, it, expect, beforeAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import type { Backend } from '../../../electron/backend/create-backend';
import { runCli, type CliIo } from '../../../electron/cli/main';
import { createSession } from '../../../electron/session/session';
import {
  demoPeriod,
  demoPostSeed,
  demoPostShare,
  exportSlices,
  fillPostsDirectly,
  type PostsDemoSummary,
} from '../../../electron/demo/posts';
import { Dashboard } from '../../../shared/reports/dashboard';
import { useInstallations } from '../exchange/helpers';
import { cliTestSetup, openDatabaseWithPassphrase, TEST_PASSPHRASE, TEST_WORK_FACTOR } from '../helpers/session';

// `liaison-log demo --records N --posts P` at HQ: P temporary post installations generate N records in all,
// export them and HQ imports the bundles, through the same calls as the Exchange page. Small N here (300
// records, 3 posts); the benchmark runs the big sizes.

const installations = useInstallations();
const UNTIL = '2026-06-30';
// HQ's data folder is encrypted like any other: the passphrase comes from the environment.
const secrets = cliTestSetup(installations.dir());

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t) };
  const code = await runCli(args, io, secrets.env, secrets.options);
  return { code, out, err };
}

/** A new HQ data folder, set up through the command line. */
async function hqFolder(): Promise<string> {
  const dir = installations.dir();
  expect((await cli(['--data-dir', dir, 'init', '--role', 'hq'])).code).toBe(0);
  return dir;
}

const tempFolders = () =>
  fs
    .readdirSync(os.tmpdir())
    .filter((n) => n.startsWith('liaison-log-demo-posts-'))
    .sort();

async function postsDemo(dir: string, seed: number, records = 300, posts = 3): Promise<PostsDemoSummary> {
  const r = await cli([
    '--data-dir',
    dir,
    'demo',
    '--records',
    String(records),
    '--posts',
    String(posts),
    '--seed',
    String(seed),
    '--until',
    UNTIL,
    '--json',
  ]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as PostsDemoSummary;
}

type Row = { id: string; kind: string; data: string; origin_post: string | null; occurred_at: string | null };

async function rows(dir: string): Promise<Row[]> {
  const db = await openDatabaseWithPassphrase(dir);
  try {
    return db
      .prepare('SELECT id, kind, data, origin_post, occurred_at FROM record WHERE deleted_at IS NULL ORDER BY id')
      .all() as Row[];
  } finally {
    db.close();
  }
}

describe('liaison-log demo --posts at HQ', () => {
  let dir: string;
  let summary: PostsDemoSummary;
  let before: string[];
  let hqRows: Row[];
  beforeAll(async () => {
    dir = await hqFolder();
    before = tempFolders();
    summary = await postsDemo(dir, 5);
    hqRows = await rows(dir);
    // Posts made by the command line, each with its scrypt and its catch-up: slow on a busy machine.
  }, 60_000);

  it('makes posts P01..P03 with N/P records each, from distinct seeds', () => {
    expect(summary.posts.map((p) => p.postId)).toEqual(['P01', 'P02', 'P03']);
    for (const p of summary.posts) expect(Object.values(p.generated).reduce((s, n) => s + n, 0)).toBe(100);
    expect(new Set(summary.posts.map((p) => p.seed)).size).toBe(3);
    expect(summary.posts[0]?.seed).toBe(5);
  });

  it('every post’s engagements, requests and results reach HQ; the records linked to them come along', () => {
    for (const p of summary.posts) {
      expect(p.bundles).toBe(1);
      expect(p.exported).toMatchObject({
        engagement: p.generated.engagements,
        request: p.generated.requests,
        result: p.generated.results,
      });
      // Organisations, people and cases travel only with what links to them.
      expect(p.exported['organisation'] ?? 0).toBeLessThanOrEqual(p.generated.organisations);
      expect(p.exported['person'] ?? 0).toBeLessThanOrEqual(p.generated.people);
      expect(p.exported['case'] ?? 0).toBeLessThanOrEqual(p.generated.cases);
      const carried = Object.values(p.exported).reduce((s, n) => s + n, 0);
      expect(p.imported).toEqual({ added: carried, updated: 0, unchanged: 0 });
    }
  });

  it('the counts by post add up: HQ holds exactly what each post’s bundles carried, under its code', () => {
    const byPost = new Map<string, Record<string, number>>();
    for (const r of hqRows) {
      const post = r.origin_post ?? 'own';
      const counts = byPost.get(post) ?? {};
      counts[r.kind] = (counts[r.kind] ?? 0) + 1;
      byPost.set(post, counts);
    }
    expect([...byPost.keys()].sort()).toEqual(['P01', 'P02', 'P03']);
    for (const p of summary.posts) expect(byPost.get(p.postId)).toEqual(p.exported);
    expect(hqRows).toHaveLength(summary.added);
    expect(summary.added).toBe(summary.posts.reduce((s, p) => s + p.imported.added, 0));
  });

  it('stats --json --breakdown shows the same per post', async () => {
    const r = await cli(['--data-dir', dir, 'stats', '--json', '--breakdown']);
    const b = (JSON.parse(r.out) as { breakdown: { total: number; byPost: Record<string, { total: number }> } })
      .breakdown;
    expect(b.total).toBe(summary.added);
    for (const p of summary.posts) expect(b.byPost[p.postId]?.total).toBe(p.imported.added);
  });

  it('the dashboard’s completeness lists the posts, each with one export and no gap; activity adds up', async () => {
    const period = demoPeriod(new Date(`${UNTIL}T12:00:00Z`));
    const session = createSession({ dataDir: dir, kdfWorkFactor: TEST_WORK_FACTOR, log: () => undefined });
    let dash: Dashboard;
    try {
      if (!(await session.unlock(TEST_PASSPHRASE)).ok) expect.fail('HQ did not unlock');
      const answer = await session.invoke('reports.dashboard', period);
      if (!answer.ok) expect.fail(answer.error.message);
      dash = Dashboard.parse(answer.value);
    } finally {
      await session.lock();
    }
    expect(dash.completeness.map((c) => [c.postId, c.postName, c.missing, c.silent])).toEqual([
      ['P01', 'Demo post P01', [], false],
      ['P02', 'Demo post P02', [], false],
      ['P03', 'Demo post P03', [], false],
    ]);
    for (const c of dash.completeness) expect(c.lastPeriod).toEqual(period);
    for (const p of summary.posts) {
      expect(dash.activity.byPost.find((x) => x.key === p.postId)).toEqual({
        key: p.postId,
        engagements: p.generated.engagements,
        requests: p.generated.requests,
        results: p.generated.results,
      });
    }
  });

  it('removes its temporary post installations', () => {
    expect(tempFolders()).toEqual(before);
  });

  it('is deterministic: the same seed gives the same records (ids and data) in another HQ', async () => {
    const other = await hqFolder();
    await postsDemo(other, 5);
    const strip = (rs: Row[]) => rs.map((r) => ({ id: r.id, kind: r.kind, data: r.data, post: r.origin_post }));
    expect(strip(await rows(other))).toEqual(strip(hqRows));
  });

  it('another seed gives other records', async () => {
    const other = await hqFolder();
    await postsDemo(other, 6);
    const ids = new Set(hqRows.map((r) => r.id));
    const theirs = await rows(other);
    expect(theirs.length).toBeGreaterThan(250);
    expect(theirs.filter((r) => ids.has(r.id))).toEqual([]);
  });

  it('writes the posts’ progress as text without --json', async () => {
    const other = await hqFolder();
    const r = await cli(['--data-dir', other, 'demo', '--records', '40', '--posts', '2', '--until', UNTIL]);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^P01: generated 20 records \(seed 1\); 1 bundle\(s\) carried .*; HQ added \d+/);
    expect(lines[1]).toMatch(/^P02: generated 20 records/);
    expect(lines[2]).toMatch(/^HQ added \d+ records\.$/);
  });
});

describe('liaison-log demo --posts elsewhere, and its arguments', () => {
  it('in a post installation keeps the old behaviour: the post’s own records (with a note)', async () => {
    const dir = installations.dir();
    await cli(['--data-dir', dir, 'init', '--role', 'post', '--post-id', 'BOG', '--post-name', 'B', '--officer', 'O']);
    const r = await cli(['--data-dir', dir, 'demo', '--records', '50', '--posts', '2', '--until', UNTIL, '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/--posts is for an HQ installation/);
    const summary = JSON.parse(r.out) as Record<string, number>;
    expect(Object.values(summary).reduce((s, n) => s + n, 0)).toBe(50);
    const own = await rows(dir);
    expect(own).toHaveLength(50);
    expect(own.every((x) => x.origin_post === null)).toBe(true);
  });

  it('without --posts, HQ gets demo records of its own, as before', async () => {
    const dir = await hqFolder();
    const r = await cli(['--data-dir', dir, 'demo', '--records', '30', '--until', UNTIL, '--json']);
    expect(r.code).toBe(0);
    const hqOwn = await rows(dir);
    expect(hqOwn.every((x) => x.origin_post === null)).toBe(true);
    expect(hqOwn).toHaveLength(30);
  });

  it('in a folder not yet set up, --posts exits 2 and adds no records', async () => {
    const dir = installations.dir();
    const r = await cli(['--data-dir', dir, 'demo', '--records', '30', '--posts', '3']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/init --role hq/);
    expect(await rows(dir)).toEqual([]);
  });

  it.each([['0'], ['100'], ['two'], ['1.5'], ['-1'], ['31']])(
    '--posts %s exits 2 before anything is written',
    async (posts) => {
      const dir = installations.dir();
      const r = await cli(['--data-dir', dir, 'demo', '--records', '30', '--posts', posts]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/--posts/);
      expect(fs.readdirSync(dir)).toEqual([]);
    },
  );
});

describe('demo posts, the parts', () => {
  it('shares N over P posts so that they add up to N', () => {
    expect([0, 1, 2].map((i) => demoPostShare(300, i, 3))).toEqual([100, 100, 100]);
    expect([0, 1, 2].map((i) => demoPostShare(301, i, 3))).toEqual([101, 100, 100]);
    expect([0, 1, 2, 3].map((i) => demoPostShare(10, i, 4))).toEqual([3, 3, 2, 2]);
  });

  it('spaces the posts’ seeds along the generator’s cycle: post 0 keeps the seed; none repeats', () => {
    expect(demoPostSeed(7, 0, 5)).toBe(7);
    const seeds = Array.from({ length: 99 }, (_, i) => demoPostSeed(1, i, 99));
    expect(new Set(seeds).size).toBe(99);
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
    // Seeds one apart would draw the same stream shifted by one: the spacing must not produce that.
    expect(demoPostSeed(1, 1, 2)).not.toBe(2);
  });

  it('cuts a large post’s period into consecutive slices under the bundle limits; a small one is one slice', () => {
    const post = installations.fresh();
    const period = demoPeriod(new Date(`${UNTIL}T12:00:00Z`));
    expect(exportSlices(post, period)).toEqual([period]);
    // Make every record look large (about 4 KB each) so that 10 000 of them need more than one bundle.
    post.db.exec(`CREATE TEMP TABLE big (n INTEGER)`);
    const insert = post.db.prepare(`INSERT INTO record (id, kind, revision, data, title, occurred_at, created_at,
      updated_at) VALUES (?, 'engagement', 1, json_object('x', ?), 't', ?, 'now', 'now')`);
    post.db.transaction(() => {
      for (let i = 0; i < 10_000; i++) {
        const day = new Date(Date.parse('2025-01-05T10:00:00Z') + (i % 500) * 86_400_000).toISOString();
        insert.run(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, 'y'.repeat(4000), day);
      }
    })();
    const slices = exportSlices(post, period);
    expect(slices.length).toBeGreaterThan(1);
    expect(slices[0]?.from).toBe(period.from);
    expect(slices.at(-1)?.to).toBe(period.to);
    for (let i = 1; i < slices.length; i++) {
      const dayAfter = new Date(Date.parse(`${slices[i - 1]?.to ?? ''}T00:00:00Z`) + 86_400_000);
      expect(slices[i]?.from).toBe(dayAfter.toISOString().slice(0, 10));
    }
  });

  it('the direct fill for benchmarks writes the records the real import path writes', async () => {
    const real = await hqFolder();
    await postsDemo(real, 9, 240, 2);
    const direct = installations.fresh();
    fillPostsDirectly(direct, { records: 240, posts: 2, seed: 9, until: new Date(`${UNTIL}T12:00:00Z`) });
    const facets = (db: Backend['db']) =>
      db
        .prepare(
          `SELECT id, kind, data, origin_post, origin_level, occurred_at, country, channel, status, direction, due_at
           FROM record ORDER BY id`,
        )
        .all() as (Row & Record<string, unknown>)[];
    const hqDb = await openDatabaseWithPassphrase(real);
    let viaImport: ReturnType<typeof facets>;
    try {
      viaImport = facets(hqDb);
    } finally {
      hqDb.close();
    }
    const viaStore = facets(direct.db);
    const imported = new Set(viaImport.map((r) => r.id));
    // The direct fill also holds the few organisations, people and cases no bundle carried (nothing links to
    // them); everything else is identical, field by field.
    const extra = viaStore.filter((r) => !imported.has(r.id));
    for (const r of extra) expect(['organisation', 'person', 'case']).toContain(r.kind);
    expect(viaStore.filter((r) => imported.has(r.id))).toEqual(viaImport);
  }, 60_000);
});
