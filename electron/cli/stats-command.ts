import type { Backend } from '../backend/create-backend';
import type { Database } from '../db/open';
import { generateDemo } from '../demo/generate';
import { generatePostsDemo, MAX_DEMO_POSTS, type PostDemoReport } from '../demo/posts';
import type { CliIo } from './io';
import { isRealDateTime } from '../../shared/validation/primitives';

// `stats` and `demo` on the command line. The record counts come from the same `stats.counts` call as
// the UI; the breakdown (per kind, phenomenon, channel, country and post) is a handful of GROUP BY
// queries that the partial indexes on `record` answer without reading the records themselves.

/** Per key: how many records in all, and how many of each kind. */
export type KindCounts = { total: number } & Record<string, number>;

export interface StatsBreakdown {
  /** Records not in the trash. */
  total: number;
  byKind: Record<string, number>;
  /** Engagements, requests, results and cases, by their phenomena (a record with two counts under both). */
  byPhenomenon: Record<string, KindCounts>;
  /** Requests, by channel. */
  byChannel: Record<string, KindCounts>;
  /** Requests by counterpart country, organisations by their country. */
  byCountry: Record<string, KindCounts>;
  /** By the post a record came from; "own" for this installation's own records. */
  byPost: Record<string, KindCounts>;
}

/** The GROUP BY behind each breakdown. Each names `deleted_at IS NULL`, so the partial indexes apply. */
export const BREAKDOWN_SQL = {
  byKind: 'SELECT kind AS key, kind, count(*) AS n FROM record WHERE deleted_at IS NULL GROUP BY kind',
  // Records first (through a partial index, so the trash is skipped), then each one's phenomena by primary
  // key: two to three times faster than walking the phenomena and looking up each record.
  byPhenomenon: `SELECT p.code AS key, r.kind AS kind, count(*) AS n
    FROM record r CROSS JOIN record_phenomenon p ON p.record_n = r.n
    WHERE r.deleted_at IS NULL GROUP BY p.code, r.kind`,
  byChannel: `SELECT channel AS key, kind, count(*) AS n FROM record
    WHERE deleted_at IS NULL AND channel IS NOT NULL GROUP BY kind, channel`,
  byCountry: `SELECT country AS key, kind, count(*) AS n FROM record
    WHERE deleted_at IS NULL AND country IS NOT NULL GROUP BY kind, country`,
  byPost: `SELECT coalesce(origin_post, 'own') AS key, kind, count(*) AS n FROM record
    WHERE deleted_at IS NULL GROUP BY origin_post, kind`,
} as const;

export function statsBreakdown(db: Database): StatsBreakdown {
  const grouped = (sql: string): Record<string, KindCounts> => {
    const rows = db.prepare(sql).all() as { key: string; kind: string; n: number }[];
    const out = new Map<string, KindCounts>();
    for (const r of rows) {
      const entry = out.get(r.key) ?? { total: 0 };
      entry[r.kind] = (entry[r.kind] ?? 0) + r.n;
      entry.total += r.n;
      out.set(r.key, entry);
    }
    // Keys in order, and kinds in order within each, so the output reads (and diffs) the same every time.
    return Object.fromEntries(
      [...out]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, counts]) => [
          key,
          Object.fromEntries(
            Object.entries(counts).sort(([a], [b]) => (a === 'total' ? -1 : b === 'total' ? 1 : a < b ? -1 : 1)),
          ) as KindCounts,
        ]),
    );
  };
  const byKind = Object.fromEntries(Object.entries(grouped(BREAKDOWN_SQL.byKind)).map(([k, v]) => [k, v.total]));
  return {
    total: Object.values(byKind).reduce((s, n) => s + n, 0),
    byKind,
    byPhenomenon: grouped(BREAKDOWN_SQL.byPhenomenon),
    byChannel: grouped(BREAKDOWN_SQL.byChannel),
    byCountry: grouped(BREAKDOWN_SQL.byCountry),
    byPost: grouped(BREAKDOWN_SQL.byPost),
  };
}

export function formatCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([kind, n]) => `${kind}: ${n}\n`)
    .join('');
}

function formatBreakdown(b: StatsBreakdown): string {
  const section = (title: string, rows: Record<string, KindCounts>) =>
    `${title}:\n${
      Object.entries(rows)
        .map(([key, { total, ...kinds }]) => {
          const parts = Object.entries(kinds).map(([kind, n]) => `${kind} ${n}`);
          return `  ${key}: ${total}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}\n`;
        })
        .join('') || '  (none)\n'
    }`;
  return [
    `\nTotal: ${b.total}\n`,
    `By kind:\n${Object.entries(b.byKind)
      .map(([kind, n]) => `  ${kind}: ${n}\n`)
      .join('')}`,
    section('By phenomenon', b.byPhenomenon),
    section('By channel', b.byChannel),
    section('By country', b.byCountry),
    section('By post', b.byPost),
  ].join('');
}

/**
 * `stats`: the record counts (as before: one number per kind, under the same keys), then the breakdown.
 * With --json the counts are the whole answer unless --breakdown asks for the breakdown too, under the key
 * "breakdown": scripts written for the flat counts keep working.
 */
export async function runStatsCommand(
  backend: Backend,
  options: { json: boolean; breakdown: boolean },
  io: CliIo,
): Promise<number> {
  const counts = await backend.call('stats.counts', {});
  if (!counts.ok) {
    io.err(`liaison-log: ${counts.error.message}\n`);
    return 1;
  }
  if (options.json) {
    const out = options.breakdown ? { ...counts.value, breakdown: statsBreakdown(backend.db) } : counts.value;
    io.out(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    io.out(formatCounts(counts.value) + formatBreakdown(statsBreakdown(backend.db)));
  }
  return 0;
}

export interface DemoArgs {
  records: number;
  seed: number;
  until: Date;
  posts: number | undefined;
  json: boolean;
}

/** Checks the demo's options before anything is opened or written; undefined (and a message) if invalid. */
export function parseDemoArgs(
  values: { records?: string; seed?: string; until?: string; posts?: string; json: boolean },
  io: CliIo,
): DemoArgs | undefined {
  const records = Number(values.records);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (values.until !== undefined && !isRealDateTime(values.until, false)) {
    io.err('liaison-log: --until must be a real date (YYYY-MM-DD).\n');
    return undefined;
  }
  const until = values.until === undefined ? new Date() : new Date(`${values.until}T12:00:00Z`);
  if (!Number.isInteger(records) || records < 1 || records > 5_000_000) {
    io.err('liaison-log: demo needs --records N, a whole number from 1 to 5000000.\n');
    return undefined;
  }
  if (!Number.isInteger(seed) || Number.isNaN(until.getTime())) {
    io.err('liaison-log: --seed must be a whole number and --until a date (YYYY-MM-DD).\n');
    return undefined;
  }
  const posts = values.posts === undefined ? undefined : Number(values.posts);
  if (posts !== undefined && (!Number.isInteger(posts) || posts < 1 || posts > MAX_DEMO_POSTS || posts > records)) {
    io.err(`liaison-log: --posts must be a whole number from 1 to ${MAX_DEMO_POSTS}, and no more than --records.\n`);
    return undefined;
  }
  return { records, seed, until, posts, json: values.json };
}

function postLine(r: PostDemoReport): string {
  const generated = Object.values(r.generated).reduce((s, n) => s + n, 0);
  const exported = Object.entries(r.exported)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  return `${r.postId}: generated ${generated} records (seed ${r.seed}); ${r.bundles} bundle(s) carried ${exported}; HQ added ${r.imported.added}, updated ${r.imported.updated}, unchanged ${r.imported.unchanged}\n`;
}

/**
 * `demo`: fills the data folder with sample data. At HQ with --posts P, as if P posts had exported the
 * records, through real post installations and real bundles (see electron/demo/posts.ts); anywhere else,
 * as this installation's own records.
 */
export async function runDemoCommand(backend: Backend, args: DemoArgs, io: CliIo, version: string): Promise<number> {
  const role = backend.services.exchange.identity.identity().role;
  if (args.posts !== undefined && role === 'hq') {
    const summary = await generatePostsDemo(backend, {
      records: args.records,
      posts: args.posts,
      seed: args.seed,
      until: args.until,
      version,
      onPost: (r) => {
        if (!args.json) io.out(postLine(r));
      },
    });
    io.out(args.json ? `${JSON.stringify(summary, null, 2)}\n` : `HQ added ${summary.added} records.\n`);
    return 0;
  }
  if (args.posts !== undefined && role === null) {
    io.err(
      'liaison-log: demo --posts fills an HQ installation with what posts sent: run init --role hq first (or leave out --posts).\n',
    );
    return 2;
  }
  if (args.posts !== undefined) {
    io.err('liaison-log: --posts is for an HQ installation; this post gets demo records of its own.\n');
  }
  const summary = generateDemo(backend.db, backend.services.store, {
    records: args.records,
    seed: args.seed,
    until: args.until,
  });
  io.out(args.json ? `${JSON.stringify(summary, null, 2)}\n` : formatCounts(summary));
  return 0;
}
