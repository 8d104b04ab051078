import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Result } from '../../shared/contract/result';
import { MAX_BUNDLE_BYTES, MAX_BUNDLE_RECORDS } from '../../shared/exchange/formats';
import type { RecordKind } from '../../shared/records/kinds';
import { createBackend, type Backend } from '../backend/create-backend';
import { callWithFiles, openedContent, savedContent } from '../files/trusted';
import type { FacetContext } from '../records/kind-specs';
import { generateDemo, type DemoSink, type DemoSummary } from './generate';

// HQ's demo data as if posts had sent it. Each post is a real, temporary installation: set up as a post,
// it trusts this HQ's key file and HQ enrols it; it gets its own demo records, exports them (full level,
// the whole period) and HQ imports the bundles through the same calls as the Exchange page and the
// command line. The temporary installations are removed afterwards; HQ keeps what it imported.

export const MAX_DEMO_POSTS = 99;

/** Host countries the demo posts sit in, in order: P01 in Colombia, P02 in Ecuador... */
const HOSTS = ['CO', 'EC', 'BR', 'MA', 'TR', 'AE', 'US', 'GB', 'PE', 'MX', 'TH', 'ZA'] as const;

/** mulberry32's step: see demoPostSeed. */
const MULBERRY_STEP = 0x6d2b79f5;
const DAY = 86_400_000;

/** P01, P02, ... */
export function demoPostId(index: number): string {
  return `P${String(index + 1).padStart(2, '0')}`;
}

/**
 * The seed of post `index` of `posts`. The demo generator (mulberry32) walks one cycle of 2^32 states in
 * equal steps, so any two seeds give the same stream, shifted: seeds picked carelessly (seed + 1, seed + 2)
 * could make two posts draw the same record ids. Starting the posts evenly spaced along the cycle keeps
 * their streams apart for 2^32 / posts draws each (about 45 draws per record). Post 0 gets `seed` itself.
 */
export function demoPostSeed(seed: number, index: number, posts: number): number {
  const spacing = Math.floor(2 ** 32 / posts);
  return (seed + (Math.imul(index * spacing, MULBERRY_STEP) >>> 0)) >>> 0;
}

/** How many of `records` post `index` of `posts` generates: N / P each, the remainder to the first posts. */
export function demoPostShare(records: number, index: number, posts: number): number {
  return Math.floor(records / posts) + (index < records % posts ? 1 : 0);
}

/** The period that holds every demo record (activity spreads over the 548 days before `until`), with margin. */
export function demoPeriod(until: Date): { from: string; to: string } {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: day(until.getTime() - 550 * DAY), to: day(until.getTime() + DAY) };
}

export interface PostsDemoOptions {
  /** Records in all, shared out over the posts. */
  records: number;
  posts: number;
  seed: number;
  until: Date;
  version?: string;
  /** Called after each post has been generated, exported and imported. */
  onPost?: (report: PostDemoReport) => void;
}

export interface PostDemoReport {
  postId: string;
  postName: string;
  seed: number;
  /** What the post's generator made. */
  generated: DemoSummary;
  bundles: number;
  /** What its bundles carried, by kind (organisations, people and cases travel with what links to them). */
  exported: Record<string, number>;
  /** What HQ's import did with them. */
  imported: { added: number; updated: number; unchanged: number };
}

export interface PostsDemoSummary {
  posts: PostDemoReport[];
  /** Records HQ added from all posts. */
  added: number;
}

async function must<T>(answer: Promise<Result<T>>, what: string): Promise<T> {
  const r = await answer;
  if (!r.ok) throw new Error(`${what}: ${r.error.message}`);
  return r.value;
}

/** Estimating a bundle's size: each record's fields, plus its kind, id, revision and timestamps... */
const RECORD_OVERHEAD = 160;
/** ...and the payload is a JSON string inside the envelope, so its quotes come escaped. */
const ESCAPING = 1.25;

/**
 * The period, cut into consecutive slices whose bundles stay well under the import limits (bytes and
 * records). Small posts export the whole period at once; a post with hundreds of thousands of records
 * exports it in several bundles, as a real post exports month by month. Organisations, people and cases
 * travel with every bundle that links to them, so each slice budgets for all of them.
 */
export function exportSlices(post: Backend, period: { from: string; to: string }): { from: string; to: string }[] {
  const refs = post.db
    .prepare(
      `SELECT count(*) AS n, coalesce(sum(length(data)), 0) AS bytes FROM record
       WHERE deleted_at IS NULL AND kind IN ('organisation', 'person', 'case')`,
    )
    .get() as { n: number; bytes: number };
  const days = post.db
    .prepare(
      `SELECT substr(occurred_at, 1, 10) AS day, count(*) AS n, sum(length(data)) AS bytes FROM record
       WHERE deleted_at IS NULL AND origin_post IS NULL AND kind IN ('engagement', 'request', 'result')
       GROUP BY day ORDER BY day`,
    )
    .all() as { day: string; n: number; bytes: number }[];
  const size = (n: number, bytes: number) => (bytes + n * RECORD_OVERHEAD) * ESCAPING;
  const byteBudget = MAX_BUNDLE_BYTES / 2 - size(refs.n, refs.bytes);
  const countBudget = MAX_BUNDLE_RECORDS / 2 - refs.n;
  if (byteBudget < MAX_BUNDLE_BYTES / 10 || countBudget < 1000) {
    throw new Error('Too many records per post for its bundles: use more posts.');
  }
  const out: { from: string; to: string }[] = [];
  let from = period.from;
  let n = 0;
  let bytes = 0;
  for (const d of days) {
    if (n > 0 && d.day > from && (size(n + d.n, bytes + d.bytes) > byteBudget || n + d.n > countBudget)) {
      const before = new Date(Date.parse(`${d.day}T00:00:00Z`) - DAY).toISOString().slice(0, 10);
      out.push({ from, to: before });
      from = d.day;
      n = 0;
      bytes = 0;
    }
    n += d.n;
    bytes += d.bytes;
  }
  out.push({ from, to: period.to });
  return out;
}

/**
 * Fills an HQ installation as if `posts` posts had exported `records` records in all, through the real
 * exchange: temporary post installations, key files, enrolment, signed and encrypted bundles, import.
 */
export async function generatePostsDemo(hq: Backend, options: PostsDemoOptions): Promise<PostsDemoSummary> {
  if (hq.services.exchange.identity.identity().role !== 'hq') {
    throw new Error('Demo posts fill an HQ installation: set this one up as HQ first.');
  }
  const settings = hq.services.settings.read();
  const period = demoPeriod(options.until);
  const keyFile = await must(savedContent(hq.invoke, 'keys.saveHqKeyFile', {}), 'HQ key file');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-demo-posts-'));
  const reports: PostDemoReport[] = [];
  try {
    for (let i = 0; i < options.posts; i++) {
      const postId = demoPostId(i);
      const postName = `Demo post ${postId}`;
      const seed = demoPostSeed(options.seed, i, options.posts);
      const post = createBackend({
        dataDir: path.join(root, postId),
        version: options.version ?? 'dev',
        log: () => undefined,
      });
      try {
        await must(
          post.call('identity.init', {
            role: 'post',
            postId,
            postName,
            officer: 'Demo officer',
            country: HOSTS[i % HOSTS.length] ?? null,
          }),
          `${postId} setup`,
        );
        // Same home country and clock as HQ, so deadlines read the same on both sides.
        await must(
          post.call('settings.update', { homeCountry: settings.homeCountry, timeZone: settings.timeZone }),
          `${postId} settings`,
        );
        await must(openedContent(post.invoke, 'keys.importHq', {}, keyFile), `${postId} trusting HQ`);
        const enrolment = await must(savedContent(post.invoke, 'keys.saveEnrolmentFile', {}), `${postId} enrolment`);
        await must(openedContent(hq.invoke, 'posts.enrol', {}, enrolment), `enrolling ${postId}`);

        const generated = generateDemo(post.db, post.services.store, {
          records: demoPostShare(options.records, i, options.posts),
          seed,
          until: options.until,
        });
        const report: PostDemoReport = {
          postId,
          postName,
          seed,
          generated,
          bundles: 0,
          exported: {},
          imported: { added: 0, updated: 0, unchanged: 0 },
        };
        for (const slice of exportSlices(post, period)) {
          const entry = await must(post.call('exports.create', { ...slice, level: 'full' }), `${postId} export`);
          const answer = await must(
            callWithFiles(hq.invoke, 'imports.run', { fromDialog: true }, { open: [entry.path] }),
            `importing ${entry.fileName}`,
          );
          fs.rmSync(entry.path, { force: true });
          const file = answer.files[0];
          if (file?.outcome !== 'imported') {
            throw new Error(`HQ did not import ${entry.fileName}: ${file?.message ?? 'no report'}`);
          }
          report.bundles += 1;
          for (const [kind, n] of Object.entries(entry.counts))
            report.exported[kind] = (report.exported[kind] ?? 0) + n;
          report.imported.added += file.added;
          report.imported.updated += file.updated;
          report.imported.unchanged += file.unchanged;
        }
        reports.push(report);
        options.onPost?.(report);
      } finally {
        post.close();
      }
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  return { posts: reports, added: reports.reduce((n, r) => n + r.imported.added, 0) };
}

/**
 * A demo sink writing each record into `hq`'s store as post `post`'s import of a bundle writes it
 * (store.importRecord, full level), at `revision` with both stamps `at`; `fields` may add to the demo's fields
 * (the effort benches give time and travel). For benchmarks and tests of HQ's bulk path.
 */
export function importAsPostSink(
  hq: Backend,
  post: string,
  ctx: FacetContext,
  options: { at: string; revision?: number; fields?: (kind: RecordKind, fields: unknown, id: string) => unknown },
): DemoSink {
  const { at, revision = 1, fields: extend } = options;
  return {
    create: (kind, fields, id) =>
      hq.services.store.importRecord(
        kind,
        { id, revision, createdAt: at, updatedAt: at, fields: extend ? extend(kind, fields, id) : fields },
        { post, level: 'full' },
        ctx,
      ),
  };
}

/**
 * For benchmarks at sizes where bundles would take too long: the same records the posts would generate
 * (same post codes, same seeds), written straight into HQ's store as imported records of those posts,
 * without keys, bundles or the import's checks. tests/unit/dashboard/demo-posts.test.ts shows that it
 * yields the records the real path yields.
 */
export function fillPostsDirectly(hq: Backend, options: Omit<PostsDemoOptions, 'version' | 'onPost'>): DemoSummary[] {
  const s = hq.services.settings.read();
  const ctx = { timeZone: s.timeZone, homeCountry: s.homeCountry };
  const out: DemoSummary[] = [];
  for (let i = 0; i < options.posts; i++) {
    const sink = importAsPostSink(hq, demoPostId(i), ctx, { at: new Date().toISOString() });
    out.push(
      generateDemo(hq.db, sink, {
        records: demoPostShare(options.records, i, options.posts),
        seed: demoPostSeed(options.seed, i, options.posts),
        until: options.until,
      }),
    );
  }
  return out;
}
