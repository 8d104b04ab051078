import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { config, PASSPHRASE, QUICK } from './config';
import type { FilledHq } from './hq';
import { heading } from './report';

// Part (c): the lists' and the unlock's benchmarks, each its own script (scripts/bench-lists.ts,
// scripts/bench-unlock.ts), run when present as a child process (`node --import tsx`), its output shown here.
// Each fills its own folders at its own sizes; this bench sets those sizes from its own unless they are given:
//   lists:  BENCH_LISTS_LARGE = BENCH_HQ_RECORDS (its 1,000 and 100,000 stay); quick: BENCH_LISTS_SIZES=1000,5000
//   unlock: BENCH_UNLOCK_RECORDS = BENCH_HQ_RECORDS; quick: 5,000 records, BENCH_UNLOCK_RUNS=1; and
//           BENCH_UNLOCK_ENTRY=source (the working tree's backend, not an out/ build older than it)
// and hands it the HQ folders this run filled through the real import, should it want them:
//   BENCH_HQ_DIR, BENCH_HQ_RECORDS_FILLED (large), BENCH_HQ_SMALL_DIR, BENCH_HQ_SMALL_FILLED, BENCH_PASSPHRASE.

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function sizes(name: 'lists' | 'unlock'): Record<string, string> {
  if (name === 'lists') {
    if (QUICK) return { BENCH_LISTS_SIZES: '1000,5000' };
    return config.hqRecords > 100_000 ? { BENCH_LISTS_LARGE: String(config.hqRecords) } : {};
  }
  // The working tree's backend, not an out/ build that may be older than it.
  const entry = { BENCH_UNLOCK_ENTRY: 'source' };
  return QUICK
    ? { ...entry, BENCH_UNLOCK_RECORDS: '5000', BENCH_UNLOCK_RUNS: '1' }
    : { ...entry, BENCH_UNLOCK_RECORDS: String(config.hqRecords) };
}

export async function benchOther(name: 'lists' | 'unlock', large?: FilledHq, small?: FilledHq): Promise<void> {
  const script = path.join(ROOT, 'scripts', `bench-${name}.ts`);
  heading(`(c) ${name}: scripts/bench-${name}.ts`);
  if (!fs.existsSync(script)) {
    console.log(`  scripts/bench-${name}.ts is not there: skipped.`);
    return;
  }
  const env: NodeJS.ProcessEnv = {
    ...sizes(name),
    ...process.env,
    ...(large && small
      ? {
          BENCH_HQ_DIR: large.dir,
          BENCH_HQ_RECORDS_FILLED: String(large.records),
          BENCH_HQ_SMALL_DIR: small.dir,
          BENCH_HQ_SMALL_FILLED: String(small.records),
          BENCH_PASSPHRASE: PASSPHRASE,
        }
      : {}),
  };
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env, stdio: 'inherit' });
    child.on('exit', (status) => resolve(status));
    child.on('error', () => resolve(null));
  });
  if (code !== 0) console.log(`  scripts/bench-${name}.ts ended with exit code ${code}: its figures are incomplete.`);
}
