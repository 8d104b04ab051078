import { appendFileSync } from 'node:fs';

// Timing, statistics and the printed figures. Every figure the bench prints is a pair, the app and what it is
// compared with (the raw pipeline on the same data, or the same thing at the small size), and their ratio;
// the summary at the end repeats them all in one table.

export const now = (): number => performance.now();

export const median = (xs: readonly number[]): number => percentile(xs, 50);

/** The nearest-rank percentile (p in 0..100) of xs. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? 0;
}

export const fmtMs = (x: number): string => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(2)} ms`);
export const fmtRate = (perSecond: number): string => `${Math.round(perSecond).toLocaleString('en')} rec/s`;
export const fmtInt = (n: number): string => Math.round(n).toLocaleString('en');
export const fmtMb = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MB`;
export const fmtRatio = (x: number): string =>
  // Below 0.01 (a view against a recount, say) two significant digits, not "0.00x".
  Number.isFinite(x) ? `${x > 0 && x < 0.01 ? x.toPrecision(2) : x.toFixed(x >= 10 ? 0 : 2)}x` : 'n/a';

/** Milliseconds `run` takes, median of `runs` (after one warm-up run that is not counted). */
export async function timeMedian(runs: number, run: () => unknown): Promise<{ median: number; all: number[] }> {
  await run();
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = now();
    await run();
    all.push(now() - start);
  }
  return { median: median(all), all };
}

export interface Figure {
  /** What was measured. */
  what: string;
  /** The app's figure, as printed. */
  app: string;
  /** What it is compared with, as printed (e.g. "raw pipeline 25,582 rec/s", "at 10,000: 5.1 ms"). */
  versus: string;
  /** app / versus in the sense "how many times worse" (time over time, or rate over rate inverted). */
  ratio: number;
  /** The goal for this ratio, if it sets one (e.g. "<= 1.5x"). */
  goal?: string;
}

const figures: Figure[] = [];

/**
 * Set when the bench runs a script of its own as a child process (scripts/bench/scripts.ts): the child's figures
 * are also appended there, one JSON line each, for the bench's summary.
 */
const FIGURES_FILE = process.env['BENCH_FIGURES_FILE'];

/** Records a figure for the summary and prints it in its part's table. */
export function figure(f: Figure): void {
  figures.push(f);
  if (FIGURES_FILE) appendFileSync(FIGURES_FILE, `${JSON.stringify(f)}\n`);
  console.log(
    `  ${f.what.padEnd(48)} ${f.app.padStart(22)}   vs ${f.versus.padEnd(34)} ${fmtRatio(f.ratio).padStart(7)}`,
  );
}

/** Adds figures printed elsewhere (a child process's) to the summary, without printing them again. */
export function addFigures(more: readonly Figure[]): void {
  figures.push(...more);
}

export function heading(text: string): void {
  console.log(`\n== ${text}\n`);
}

export function printSummary(): void {
  if (figures.length === 0) return;
  heading('Summary: each figure next to its baseline (ratio = how many times slower the app is; 1x = as fast)');
  const rows = figures.map((f) => [f.what, f.app, f.versus, fmtRatio(f.ratio), f.goal ?? '']);
  const head = ['figure', 'app', 'compared with', 'ratio', 'goal'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 3 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(' | ')} |`;
  console.log(line(head));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const r of rows) console.log(line(r));
}
