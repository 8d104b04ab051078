// `tsx scripts/bench-lists.ts`: does the first page of a record list stay flat as the data grows? For every
// record kind it times the first page (100 rows, as the list screens ask for it) of every filter the list
// screens offer, alone and in pairs, under the default sort, and of every sort the screen offers, with no
// filter and with each filter alone; plus the HQ post filter, the search box and the linked-records panel.
// Each at 1,000 and 100,000 records (and 1,000,000 with BENCH_LISTS_LARGE=1000000), printed with the ratio
// to the 1,000-record figure.
//
// The data folders are ENCRYPTED, opened the way the app opens them (a raw 32-byte key handed to
// openDatabase through createBackend, as electron/session/session.ts does after unlocking; SQLite3
// MultipleCiphers' default cipher), at the production settings (output checks off, as the installed app's
// backend process runs). Times are through the same channel the window calls (`requests.list`...), median of
// BENCH_LISTS_RUNS runs (default 7) after one untimed run; the first (cold) run is shown apart.
//
// The fill is fast, not the app's path: electron/demo/generate.ts makes the records (the same realistic
// records as the demo data: its mix of kinds, countries, channels, statuses, phenomena and links) and this
// script writes each one with direct SQL inserts of the rows the store would write (record with its facets
// from electron/records/kind-specs.ts, record_phenomenon, record_link, record_search and one audit entry), as
// records HQ imported from 20 posts (P01..P20; one record in 20 stays HQ's own), tied to one bundle per post
// and chunk so each record's origin reads as in the app. Migration 005's dashboard triggers run as they do
// for any insert. Chunks of 100,000 records: the first covers the 18 months before 2026-11-20, each further
// chunk the 18 months before that (1,000,000 records = ten chunks = fifteen years, as HQ holds years), so
// the 1,000 and 100,000 folders differ in density (more posts' data per day) and the 1,000,000 folder in
// length (more years).
//
// Environment:
//   BENCH_LISTS_SIZES   comma-separated record counts (default 1000,100000)
//   BENCH_LISTS_LARGE   one more size, e.g. 1000000
//   BENCH_LISTS_RUNS    timed runs per query (default 7)
//   BENCH_LISTS_CACHE   PRAGMA cache_size to set after opening (e.g. -16000 for 16 MB), to measure the cache
//   BENCH_LISTS_DIR     keep the filled folders here and reuse them on the next run (default: temp, removed)
//   BENCH_LISTS_ONLY    run only the queries whose label contains this text
//   BENCH_LISTS_CLOCK   wall (default): elapsed time; cpu: this process's CPU time (user + system) for each
//                       call, which other programs on a busy machine do not inflate (a list runs synchronously
//                       in this process, so on an idle machine the two agree)
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { createBackend, type Backend } from '../electron/backend/create-backend';
import { generateDemo, type DemoSink } from '../electron/demo/generate';
import { KIND_SPECS, type FacetContext, type KindSpec } from '../electron/records/kind-specs';
import { KIND_PREFIX, type RecordKind } from '../shared/records/kinds';
import { ListRecordsInput } from '../shared/records/queries';

/** Whether lists take `count` (since issue 12); run in a checkout from before, this times the old lists. */
const COUNTS = 'count' in ListRecordsInput.shape;

const env = (name: string): number | undefined =>
  process.env[name] === undefined || process.env[name] === '' ? undefined : Number(process.env[name]);
const SIZES = [
  ...(process.env['BENCH_LISTS_SIZES'] ?? '1000,100000').split(',').map(Number),
  ...(env('BENCH_LISTS_LARGE') ? [env('BENCH_LISTS_LARGE') as number] : []),
];
const RUNS = env('BENCH_LISTS_RUNS') ?? 7;
const CACHE = env('BENCH_LISTS_CACHE');
const KEEP = process.env['BENCH_LISTS_DIR'];
const ONLY = process.env['BENCH_LISTS_ONLY'];
const CPU = process.env['BENCH_LISTS_CLOCK'] === 'cpu';
/** Now, in nanoseconds, on the chosen clock. */
function clock(): bigint {
  if (!CPU) return process.hrtime.bigint();
  const used = process.cpuUsage();
  return BigInt(used.user + used.system) * 1000n;
}
const CHUNK = 100_000;
const POSTS = 20;
const DAY = 86_400_000;
const until = new Date('2026-11-20T12:00:00Z');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const post = (i: number) => `P${String(i + 1).padStart(2, '0')}`;

// What the list screens offer (renderer/src/features/*/…-config.tsx: `filters`, `timeless`; RecordFilters.tsx
// offers the sorts newest/oldest unless timeless, title always, due where the overdue filter is offered).
type Filter = 'period' | 'phenomenon' | 'country' | 'channel' | 'direction' | 'status' | 'overdue' | 'post';
type Sort = 'newest' | 'oldest' | 'title' | 'due';
const SCREENS: Record<RecordKind, { filters: Filter[]; sorts: Sort[]; status?: string }> = {
  request: {
    filters: ['period', 'phenomenon', 'country', 'channel', 'direction', 'status', 'overdue', 'post'],
    sorts: ['newest', 'oldest', 'title', 'due'],
    status: 'open',
  },
  engagement: {
    filters: ['period', 'phenomenon', 'status', 'overdue', 'post'],
    sorts: ['newest', 'oldest', 'title', 'due'],
    status: 'operational',
  },
  result: {
    filters: ['period', 'phenomenon', 'status', 'post'],
    sorts: ['newest', 'oldest', 'title'],
    status: 'seizure',
  },
  organisation: { filters: ['country'], sorts: ['title'] },
  person: { filters: [], sorts: ['title'] },
  case: { filters: ['phenomenon', 'status'], sorts: ['title'], status: 'active' },
};

function filterValue(kind: RecordKind, f: Filter): Record<string, unknown> {
  switch (f) {
    case 'period':
      return { from: '2026-07-01', to: '2026-09-30' };
    case 'phenomenon':
      return { phenomenon: 'drugs' };
    case 'country':
      return { country: 'DE' };
    case 'channel':
      return { channel: 'siena' };
    case 'direction':
      return { direction: 'incoming' };
    case 'status':
      return { status: SCREENS[kind].status };
    case 'overdue':
      return { overdue: true };
    case 'post':
      return { post: 'P03' };
  }
}

interface Query {
  label: string;
  channel: string;
  input: Record<string, unknown>;
}

function queries(): Query[] {
  const out: Query[] = [];
  for (const [kind, screen] of Object.entries(SCREENS) as [RecordKind, (typeof SCREENS)[RecordKind]][]) {
    const channel = `${KIND_PREFIX[kind]}.list`;
    const add = (filters: Filter[], sort: Sort, extra: Record<string, unknown> = {}) => {
      const input = {
        filters: Object.assign({}, ...filters.map((f) => filterValue(kind, f)), extra),
        sort,
        limit: 100,
      };
      const what = [...filters, ...Object.keys(extra)].join(' + ') || 'all';
      out.push({ label: `${KIND_PREFIX[kind]}: ${what}, ${sort}`, channel, input });
    };
    const sorts = screen.sorts;
    const byDefault = sorts[0] as Sort;
    for (const sort of sorts) add([], sort);
    for (const f of screen.filters) for (const sort of sorts) add([f], sort);
    for (let i = 0; i < screen.filters.length; i++) {
      for (let j = i + 1; j < screen.filters.length; j++)
        add([screen.filters[i], screen.filters[j]] as Filter[], byDefault);
    }
    if (screen.filters.includes('post')) add([], byDefault, { post: 'own' });
    // One phenomenon of a dozen, not a group: fewer matches, so more records to pass for a page.
    if (screen.filters.includes('phenomenon')) add([], byDefault, { phenomenon: 'thb' });
    add([], byDefault, { text: 'container' });
  }
  // The overview's drill-downs: a period with up to four filters at once.
  out.push({
    label: 'requests: period + post + phenomenon + country + channel, newest',
    channel: 'requests.list',
    input: {
      filters: {
        from: '2026-07-01',
        to: '2026-09-30',
        post: 'P03',
        phenomenon: 'drugs',
        country: 'DE',
        channel: 'siena',
      },
      limit: 100,
    },
  });
  return ONLY ? out.filter((q) => q.label.includes(ONLY)) : out;
}

interface Folder {
  size: number;
  dir: string;
  backend: Backend;
  fillSeconds: number;
  /** An organisation with linked records, for the linked-records panel. */
  organisation: string;
}

/** The rows the store writes for one record, written directly (see the comment at the top). */
function directSink(db: Database, ctx: FacetContext, chunk: number): DemoSink {
  const insertRecord = db.prepare(`INSERT INTO record
    (id, kind, revision, data, title, occurred_at, country, channel, status, direction, due_at, created_at, updated_at,
     origin_post, origin_level, origin_export_id)
    VALUES (@id, @kind, 1, @data, @title, @occurredAt, @country, @channel, @status, @direction, @dueAt,
            @at, @at, @originPost, @originLevel, @exportId)`);
  const phenomenon = db.prepare('INSERT OR IGNORE INTO record_phenomenon (record_n, code) VALUES (?, ?)');
  const link = db.prepare('INSERT OR IGNORE INTO record_link (from_n, role, to_id) VALUES (?, ?, ?)');
  const search = db.prepare('INSERT INTO record_search (rowid, title, body) VALUES (?, ?, ?)');
  const audit = db.prepare(
    "INSERT INTO audit_entry (record_id, at, action, revision, changes) VALUES (?, ?, 'create', 1, '{}')",
  );
  const at = new Date(until.getTime() - chunk * DAY).toISOString();
  return {
    create(kind, fields, id) {
      const spec = KIND_SPECS[kind] as KindSpec<unknown>;
      const facets = spec.facets(fields, ctx);
      // One record in 20 is HQ's own; the others come from 20 posts, picked from the id (stable, even).
      const which = parseInt(id.slice(0, 6), 16) % (POSTS + 1);
      const own = which === POSTS;
      const info = insertRecord.run({
        ...facets,
        id,
        kind,
        data: JSON.stringify(fields),
        at,
        originPost: own ? null : post(which),
        originLevel: own ? null : 'full',
        exportId: own ? null : bundleId(post(which), chunk),
      });
      const n = info.lastInsertRowid;
      for (const code of spec.phenomena(fields)) phenomenon.run(n, code);
      for (const l of spec.links(fields)) link.run(n, l.role, l.toId);
      search.run(n, facets.title, spec.body(fields));
      audit.run(id, at);
      return undefined;
    },
  };
}

const bundleId = (postId: string, chunk: number) => `bench-${postId}-${chunk}`;

function enrolPosts(db: Database, chunks: number): void {
  const key = db.prepare(`INSERT OR IGNORE INTO enrolled_key (key_id, public_key, post_id, post_name, officer, country,
    installation_id, enrolled_at) VALUES (?, 'AAAA', ?, ?, 'Bench officer', 'CO', ?, '2015-01-01T00:00:00.000Z')`);
  const bundle = db.prepare(`INSERT OR IGNORE INTO imported_bundle (export_id, post_id, key_id, sequence, file_sha256,
      previous_hash, period_from, period_to, level, created_at, imported_at, counts, aggregates)
    VALUES (?, ?, ?, ?, 'aa', NULL, ?, ?, 'full', ?, ?, '{}', '{}')`);
  db.transaction(() => {
    for (let p = 0; p < POSTS; p++) {
      key.run(`KEY-${post(p)}`, post(p), `Post ${p + 1}`, crypto.randomUUID());
      for (let c = 0; c < chunks; c++) {
        const end = new Date(until.getTime() - c * 548 * DAY).toISOString();
        const start = new Date(until.getTime() - (c + 1) * 548 * DAY).toISOString();
        bundle.run(
          bundleId(post(p), c),
          post(p),
          `KEY-${post(p)}`,
          chunks - c,
          start.slice(0, 10),
          end.slice(0, 10),
          end,
          end,
        );
      }
    }
  })();
}

function open(dir: string, key: Buffer): Backend {
  const backend = createBackend({ dataDir: dir, key, now: () => until, log: () => undefined, checkOutputs: false });
  if (CACHE !== undefined) backend.db.pragma(`cache_size = ${CACHE}`);
  return backend;
}

function fill(size: number): Folder {
  const dir = KEEP
    ? path.join(KEEP, String(size))
    : fs.mkdtempSync(path.join(os.tmpdir(), `liaison-log-lists-${size}-`));
  const keyFile = path.join(dir, 'bench.key');
  const reuse = KEEP !== undefined && fs.existsSync(keyFile);
  fs.mkdirSync(dir, { recursive: true });
  const key = reuse ? fs.readFileSync(keyFile) : crypto.randomBytes(32);
  if (!reuse) fs.writeFileSync(keyFile, key, { mode: 0o600 });
  let backend = open(dir, key);
  const start = process.hrtime.bigint();
  if (!reuse) {
    const s = backend.services.settings.read();
    const ctx = { timeZone: s.timeZone, homeCountry: s.homeCountry };
    const chunks = Math.ceil(size / CHUNK);
    enrolPosts(backend.db, chunks);
    for (let c = 0; c < chunks; c++) {
      const records = Math.min(CHUNK, size - c * CHUNK);
      generateDemo(backend.db, directSink(backend.db, ctx, c), {
        records,
        seed: 1 + c,
        until: new Date(until.getTime() - c * 548 * DAY),
      });
      backend.db.pragma('wal_checkpoint(TRUNCATE)');
      if (chunks > 1) process.stdout.write(`  ${size}: chunk ${c + 1}/${chunks}\r`);
    }
    // Reopen, so the timed runs start from the cache a fresh unlock has.
    backend.close();
    backend = open(dir, key);
  }
  const fillSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const organisation = (
    backend.db
      .prepare(
        `SELECT l.to_id AS id FROM record_link l WHERE l.role = 'organisation' GROUP BY l.to_id ORDER BY count(*) DESC LIMIT 1`,
      )
      .get() as { id: string }
  ).id;
  return { size, dir, backend, fillSeconds, organisation };
}

interface Timing {
  cold: number;
  warm: number;
  rows: number;
  total: string;
}

/** Median of RUNS runs of one call, after a first (cold) run that is kept apart. */
async function time(folder: Folder, channel: string, input: Record<string, unknown>): Promise<Timing> {
  const runs: number[] = [];
  let rows = 0;
  let total = '';
  for (let i = 0; i <= RUNS; i++) {
    const start = clock();
    const result = await folder.backend.invoke(channel, input);
    runs.push(Number(clock() - start) / 1e6);
    if (!result.ok) throw new Error(`${channel} ${JSON.stringify(input)}: ${result.error.message}`);
    const page = result.value as { total: number; items: unknown[]; more?: true };
    rows = page.items.length;
    total = `${page.total}${page.more ? '+' : ''}`;
  }
  return { cold: runs[0] ?? 0, warm: median(runs.slice(1)), rows, total };
}

/** The first page as a list screen asks for it, then the count it asks for once the page is shown. */
async function timeList(folder: Folder, q: Query): Promise<{ page: Timing; count: Timing }> {
  const filters = q.input['filters'] as Record<string, unknown>;
  const input = 'linkedTo' in filters ? { ...q.input, filters: { linkedTo: folder.organisation } } : q.input;
  // Before issue 12 a list had no `count` (it counted every match with each page): time that as it was.
  if (!COUNTS) {
    const page = await time(folder, q.channel, input);
    return { page, count: { ...page, warm: 0, cold: 0 } };
  }
  const page = await time(folder, q.channel, { ...input, count: 'page' });
  const count = await time(folder, q.channel, { ...input, limit: 0, count: 'capped' });
  return { page, count };
}

const cell = (t: Timing) => `${t.warm.toFixed(2).padStart(8)} ${String(t.rows).padStart(3)}`;
const ratioOf = (base: Timing, t: Timing) => t.warm / Math.max(base.warm, 0.001);

async function main(): Promise<void> {
  const folders: Folder[] = [];
  try {
    for (const size of SIZES) {
      const f = fill(size);
      folders.push(f);
      f.backend.db.pragma('wal_checkpoint(TRUNCATE)');
      const bytes = fs.statSync(path.join(f.dir, 'liaison-log.db')).size;
      const cache = f.backend.db.pragma('cache_size', { simple: true });
      console.log(
        `${String(size).padStart(9)} records: ${(bytes / 1e6).toFixed(1)} MB encrypted, ` +
          `${f.fillSeconds.toFixed(1)} s to ${KEEP && f.fillSeconds < 1 ? 'reopen' : 'fill'}, cache_size ${String(cache)}`,
      );
    }
    const all = [...queries()];
    all.push({
      label: 'linked records of an organisation (engagements)',
      channel: 'engagements.list',
      input: { filters: { linkedTo: '' }, sort: 'newest', limit: 20 },
    });
    const head = SIZES.map((s, i) => `${String(s).padStart(8)}  ms rows${i > 0 ? '   ratio' : ''}`).join('  ');
    console.log(`\nClock: ${CPU ? 'CPU time of this process' : 'elapsed time'}`);
    console.log(
      `First page (count: 'page'), median of ${RUNS} warm runs: ms, rows on the page, ratio to ${SIZES[0]}; then the ` +
        `count to ${SIZES.length > 1 ? 'each size' : ''} asked once the page is shown (count: 'capped', ms) and the totals`,
    );
    console.log(`${'query'.padEnd(64)} ${head}   capped count ms`);
    const worst: { label: string; ratio: number; size: number; full: boolean }[] = [];
    const sums = SIZES.map(() => ({ warm: 0, cold: 0, count: 0 }));
    for (const q of all) {
      const times: { page: Timing; count: Timing }[] = [];
      for (const f of folders) times.push(await timeList(f, q));
      times.forEach(({ page, count }, i) => {
        const sum = sums[i] as { warm: number; cold: number; count: number };
        sum.warm += page.warm;
        sum.cold += page.cold;
        sum.count += count.warm;
      });
      const base = (times[0] as { page: Timing }).page;
      const cells = times
        .map(({ page }, i) => (i === 0 ? cell(page) : `${cell(page)} ${ratioOf(base, page).toFixed(2).padStart(6)}x`))
        .join('  ');
      const counts = times.map(({ count }) => count.warm.toFixed(2)).join(' / ');
      const totals = times.map(({ count }) => count.total).join(' / ');
      console.log(`${q.label.padEnd(64)} ${cells}   ${counts}   total ${totals}`);
      // A full page at every size: the same work on the page, so the ratio is the data size's doing alone.
      const full = times.every(({ page }) => page.rows === base.rows);
      times.forEach(({ page }, i) => {
        if (i > 0) worst.push({ label: q.label, ratio: ratioOf(base, page), size: SIZES[i] as number, full });
      });
    }
    // The page cache's effect shows in the first (cold) runs: each query's first run follows the others'.
    console.log(`\nAll ${all.length} first pages, summed (ms): warm medians / first runs / capped counts`);
    SIZES.forEach((size, i) => {
      const sum = sums[i] as { warm: number; cold: number; count: number };
      console.log(
        `${String(size).padStart(9)} records: ${sum.warm.toFixed(1)} / ${sum.cold.toFixed(1)} / ${sum.count.toFixed(1)}`,
      );
    });
    console.log(`Peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
    for (const size of SIZES.slice(1)) {
      for (const [what, rows] of [
        ['every list', worst.filter((w) => w.size === size)],
        ['lists with as many rows on the page at every size', worst.filter((w) => w.size === size && w.full)],
      ] as const) {
        const mine = [...rows].sort((a, b) => b.ratio - a.ratio);
        console.log(
          `\nAt ${size}, ${what} (${mine.length}): median ratio ${median(mine.map((w) => w.ratio)).toFixed(2)}x, ` +
            `worst ${mine
              .slice(0, 5)
              .map((w) => `${w.ratio.toFixed(2)}x (${w.label})`)
              .join('; ')}`,
        );
      }
    }
  } finally {
    for (const f of folders) {
      f.backend.close();
      if (!KEEP) fs.rmSync(f.dir, { recursive: true, force: true });
    }
  }
}

await main();
