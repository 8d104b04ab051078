// `npm run fuzz`: the import fuzzer of tests/unit/exchange/fuzz.test.ts, for as long as asked.
//
//   FUZZ_ITERATIONS   how many inputs (default 20,000)
//   FUZZ_SEED         the run's seed (default: a new one, printed); the same seed makes the same inputs
//   FUZZ_START        the first input's number (default 0): FUZZ_SEED=S FUZZ_START=i FUZZ_ITERATIONS=1 makes
//                     input i of run S again on its own
//   FUZZ_VERBOSE=1    one line per input
//
// It prints a summary: inputs by family, imported, rejected by reason, the slowest inputs, and every failure
// with the seed and number that make it again. Failing inputs are written to test-results/fuzz/ and the
// world's data folders are kept for a look. Exits 1 when any input broke a promise.
// The inputs are made from bundles the run exports with fresh keys, so a failing file replays exactly only
// against the kept folders; the seed and number make an input of the same shape from new keys.
import fs from 'node:fs';
import path from 'node:path';
import { createTally, createWorld, fuzzOne } from '../tests/unit/exchange/fuzz-harness';

const iterations = Number(process.env['FUZZ_ITERATIONS'] ?? 20_000);
const seed = Number(process.env['FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 32));
const start = Number(process.env['FUZZ_START'] ?? 0);
const verbose = process.env['FUZZ_VERBOSE'] === '1';
if (!Number.isInteger(iterations) || iterations < 1 || !Number.isInteger(seed) || !Number.isInteger(start)) {
  console.error('FUZZ_ITERATIONS must be a positive integer, FUZZ_SEED and FUZZ_START integers.');
  process.exit(2);
}

const out = path.resolve(import.meta.dirname, '..', 'test-results', 'fuzz');
const began = performance.now();
console.log(
  `Import fuzzer: seed ${seed}, inputs ${start} to ${start + iterations - 1}. Setting up HQ and two posts...`,
);
const world = await createWorld();
const tally = createTally();
let lastReport = performance.now();
for (let i = start; i < start + iterations; i++) {
  const verdict = await fuzzOne(world, seed, i);
  tally.add(verdict);
  const v = verdict;
  if (verbose || v.failures.length > 0) {
    const what = v.outcome === 'rejected' ? `rejected ${v.reason ?? ''}` : v.outcome;
    console.log(`#${i} ${what} (${v.ms.toFixed(0)} ms): ${v.input.mutation.slice(0, 200)}`);
    for (const f of v.failures) console.log(`    FAILURE: ${f}`);
  }
  if (v.failures.length > 0) {
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, `seed-${seed}-input-${i}.llbundle`), v.input.bytes);
    // The bytes are saved; the summary keeps the rest.
    (v.input as { bytes: Uint8Array }).bytes = new Uint8Array(0);
  }
  if (performance.now() - lastReport > 10_000) {
    lastReport = performance.now();
    const s = tally.summary;
    console.log(`... ${s.inputs} inputs, ${s.failures.length} failures`);
  }
}

const s = tally.summary;
const seconds = (performance.now() - began) / 1000;
const line = (label: string, value: string | number) => console.log(`  ${label.padEnd(18)} ${value}`);
console.log(`\nImport fuzzer summary (seed ${seed}, ${seconds.toFixed(1)} s)`);
line('inputs', s.inputs);
line(
  'by family',
  Object.entries(s.byFamily)
    .map(([k, n]) => `${k} ${n}`)
    .join(', '),
);
line('imported', s.imported);
line('already imported', s.alreadyImported);
const rejected = Object.values(s.rejected).reduce((a, b) => a + b, 0);
line(
  'rejected',
  `${rejected}: ${Object.entries(s.rejected)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')}`,
);
console.log('  slowest:');
for (const x of s.slowest) console.log(`    #${x.index} ${x.ms.toFixed(0)} ms: ${x.mutation.slice(0, 160)}`);
if (s.failures.length === 0) {
  console.log(`  failures           0`);
  world.close();
} else {
  console.log(`  failures           ${s.failures.length}:`);
  for (const v of s.failures) {
    console.log(`    #${v.input.index}: ${v.input.mutation.slice(0, 200)}`);
    for (const f of v.failures) console.log(`        ${f}`);
    console.log(`        again: FUZZ_SEED=${seed} FUZZ_START=${v.input.index} FUZZ_ITERATIONS=1 npm run fuzz`);
  }
  console.log(`  failing inputs in ${path.relative(process.cwd(), out)}; the world's folders kept in ${world.root}`);
  world.close(true);
}
process.exitCode = s.failures.length > 0 ? 1 : 0;
