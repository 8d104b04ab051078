import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { config, QUICK } from './config';
import { addFigures, heading, type Figure } from './report';

// The parts that are scripts of their own, each also runnable alone (its npm script):
//   efficiency    scripts/bench-efficiency.ts    the efficiency views, a post's work plan and the objectives'
//                                                progress at BENCH_HQ_RECORDS vs BENCH_HQ_SMALL (from BENCH_POSTS)
//   sheet-import  scripts/bench-sheet-import.ts  a spreadsheet of 100,000 rows imported, vs exceljs's bare read
//   tombstones    scripts/bench-tombstones.ts    a bundle of 10,000 tombstones imported at HQ, 100,000 vs 10,000
//   config        scripts/bench-config.ts        a network configuration applied at a post, 100,000 vs 10,000
// Each runs as a child process (`node --import tsx`, its own memory and database connections), its output shown
// here; its figures (scripts/bench/report.ts `figure`) come back through BENCH_FIGURES_FILE for the summary.
// This bench sets each script's sizes from its own unless they are given (BENCH_QUICK: small ones), and hands
// BENCH_DIR on (the efficiency folders are kept there and reused: filling a million records takes longest).

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export const SCRIPT_PARTS = ['efficiency', 'sheet-import', 'tombstones', 'config'] as const;
export type ScriptPart = (typeof SCRIPT_PARTS)[number];

function sizes(part: ScriptPart): Record<string, string> {
  switch (part) {
    case 'efficiency':
      return {
        BENCH_EFFICIENCY_LARGE: String(config.hqRecords),
        BENCH_EFFICIENCY_SMALL: String(config.hqSmall),
        BENCH_EFFICIENCY_POSTS: String(config.posts),
        BENCH_RUNS: String(config.runs),
      };
    case 'sheet-import':
      return QUICK ? { BENCH_SHEET_ROWS: '5000' } : {};
    case 'tombstones':
      return QUICK ? { BENCH_TOMBSTONE_SIZES: '2000,6000', BENCH_TOMBSTONES: '1000' } : {};
    case 'config':
      return QUICK ? { BENCH_CONFIG_SIZES: '1000,5000', BENCH_CONFIG_RUNS: '3' } : {};
  }
}

/** Runs scripts/bench-<part>.ts as a child process and adds its figures to the summary. */
export async function benchScript(part: ScriptPart, work: string): Promise<void> {
  const script = path.join(ROOT, 'scripts', `bench-${part}.ts`);
  heading(`${part}: scripts/bench-${part}.ts`);
  const figuresFile = path.join(work, `figures-${part}-${process.pid}.jsonl`);
  fs.rmSync(figuresFile, { force: true });
  const env: NodeJS.ProcessEnv = {
    ...sizes(part),
    ...process.env,
    BENCH_DIR: config.dir ?? work,
    BENCH_FIGURES_FILE: figuresFile,
  };
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env, stdio: 'inherit' });
    child.on('exit', (status) => resolve(status));
    child.on('error', () => resolve(null));
  });
  if (fs.existsSync(figuresFile)) {
    const lines = fs.readFileSync(figuresFile, 'utf8').split('\n').filter(Boolean);
    addFigures(lines.map((l) => JSON.parse(l) as Figure));
    fs.rmSync(figuresFile, { force: true });
  }
  if (code !== 0) console.log(`  scripts/bench-${part}.ts ended with exit code ${code}: its figures are incomplete.`);
}
