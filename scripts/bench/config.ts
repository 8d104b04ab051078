import os from 'node:os';

// The bench's sizes and parts, from environment variables (docs/bench.md lists them). Defaults are the sizes
// of issue 12; BENCH_QUICK=1 swaps in small ones for trying the bench out in a minute or two.

export const QUICK = process.env['BENCH_QUICK'] === '1';

function size(name: string, full: number, quick: number, alias?: string): number {
  const raw = process.env[name] ?? (alias ? process.env[alias] : undefined);
  if (raw === undefined || raw === '') return QUICK ? quick : full;
  const n = Number(raw.replaceAll('_', ''));
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name}=${raw} is not a number.`);
  return Math.floor(n);
}

export const PARTS = [
  'import',
  'batch',
  'lists',
  'unlock',
  'dashboards',
  'search',
  'post',
  'responsiveness',
  // Scripts of their own, run as child processes (scripts/bench/scripts.ts).
  'efficiency',
  'sheet-import',
  'tombstones',
  'config',
] as const;
export type Part = (typeof PARTS)[number];

function parts(): Set<Part> {
  const raw = (process.env['BENCH_PART'] ?? 'all').trim();
  if (raw === 'all' || raw === '') return new Set(PARTS);
  // 'hq' was the old name of the dashboards part.
  const names = raw.split(',').map((p) => (p.trim() === 'hq' ? 'dashboards' : p.trim()));
  const unknown = names.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length > 0)
    throw new Error(`BENCH_PART: unknown part ${unknown.join(', ')} (known: ${PARTS.join(', ')}).`);
  return new Set(names as Part[]);
}

export const config = {
  /** Records HQ imports for the large folder (posts' bundles in all). */
  hqRecords: size('BENCH_HQ_RECORDS', 1_000_000, 20_000, 'BENCH_HQ_LARGE'),
  /** The small twin every large figure is compared with. */
  hqSmall: size('BENCH_HQ_SMALL', 10_000, 2_000),
  /** How many posts share those records (each its own installation, keys and bundles). */
  posts: size('BENCH_POSTS', 10, 2),
  /** The batch of part (b): records in one transaction. */
  batch: size('BENCH_BATCH', 10_000, 2_000),
  /** The post's own records, part 'post': small and large folder. */
  postSmall: size('BENCH_SMALL', 10_000, 1_000),
  postLarge: size('BENCH_LARGE', 100_000, 5_000),
  /** Runs per query (median; search also p95 over all its runs). */
  runs: size('BENCH_RUNS', 5, 3),
  searchRuns: size('BENCH_SEARCH_RUNS', 20, 5),
  /** Times the import of the large folder is repeated, each on a fresh copy (the fill itself is the first). */
  importRuns: size('BENCH_IMPORT_RUNS', 1, 1),
  seed: size('BENCH_SEED', 1, 1),
  /** Posts making their records and bundles side by side (child processes). */
  jobs: size('BENCH_JOBS', Math.min(2, os.availableParallelism()), Math.min(2, os.availableParallelism())),
  /** Per-statement timings and query plans of the dashboards. */
  detail: process.env['BENCH_DETAIL'] === '1',
  /**
   * A folder to keep the posts' bundles and the filled HQ folders in, reused by the next run with the same
   * sizes (the bundles take longest to make). Without it, a temporary folder removed at the end.
   */
  dir: process.env['BENCH_DIR'],
  parts: parts(),
};

/** The last day of demo activity: records spread over the 548 days before it. */
export const UNTIL = new Date('2026-11-20T12:00:00Z');
/** The passphrase every benchmark HQ folder is set up with (production scrypt work factor). */
export const PASSPHRASE = 'benchmark passphrase, long enough';
