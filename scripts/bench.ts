// `npm run bench`: how the post's queries scale. Fills two data folders (small and large) through the real
// demo path, times each query the UI runs on both in this one run, and prints the ratio large/small.
// A ratio near 1 means the query uses an index and does not scan; near the size ratio means it scans.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackend, type Backend } from '../electron/backend/create-backend';
import { generateDemo } from '../electron/demo/generate';

const SMALL = Number(process.env['BENCH_SMALL'] ?? 10_000);
const LARGE = Number(process.env['BENCH_LARGE'] ?? 100_000);
const until = new Date('2026-11-20T12:00:00Z');

const queries: [string, string, unknown][] = [
  ['requests, newest first', 'requests.list', { limit: 100 }],
  ['requests, by phenomenon group', 'requests.list', { filters: { phenomenon: 'drugs' }, limit: 100 }],
  ['requests, country + channel', 'requests.list', { filters: { country: 'DE', channel: 'siena' }, limit: 100 }],
  ['requests, overdue by deadline', 'requests.list', { filters: { overdue: true }, sort: 'due', limit: 100 }],
  ['requests, words', 'requests.list', { filters: { text: 'container' }, limit: 100 }],
  ['engagements, one quarter', 'engagements.list', { filters: { from: '2026-07-01', to: '2026-09-30' }, limit: 100 }],
  ['search everything', 'search.query', { text: 'bundeskrim' }],
  ['overview, one quarter', 'overview.get', { from: '2026-07-01', to: '2026-09-30' }],
  ['needs attention', 'attention.get', {}],
];

async function time(backend: Backend, channel: string, input: unknown): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const start = process.hrtime.bigint();
    const result = await backend.invoke(channel, input);
    runs.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)] ?? 0; // median
}

function fill(records: number): { backend: Backend; dir: string; seconds: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `liaison-log-bench-${records}-`));
  const backend = createBackend({ dataDir: dir, now: () => until, log: () => undefined });
  const start = process.hrtime.bigint();
  generateDemo(backend.db, backend.services.store, { records, seed: 1, until });
  return { backend, dir, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

const small = fill(SMALL);
const large = fill(LARGE);
console.log(
  `Insert through the store: ${SMALL} records ${small.seconds.toFixed(1)} s, ${LARGE} records ${large.seconds.toFixed(1)} s`,
);
console.log(`(per record: ratio large/small ${(large.seconds / LARGE / (small.seconds / SMALL)).toFixed(2)})\n`);
console.log(`${'query'.padEnd(34)} ${String(SMALL).padStart(9)} ${String(LARGE).padStart(9)}   ratio`);
for (const [label, channel, input] of queries) {
  const a = await time(small.backend, channel, input);
  const b = await time(large.backend, channel, input);
  console.log(
    `${label.padEnd(34)} ${a.toFixed(2).padStart(7)}ms ${b.toFixed(2).padStart(7)}ms   ${(b / Math.max(a, 0.01)).toFixed(1)}x`,
  );
}
small.backend.db.pragma('wal_checkpoint(TRUNCATE)');
large.backend.db.pragma('wal_checkpoint(TRUNCATE)');
const size = (d: string) => fs.statSync(path.join(d, 'liaison-log.db')).size / 1e6;
console.log(
  `\nDatabase size: ${size(small.dir).toFixed(1)} MB and ${size(large.dir).toFixed(1)} MB (ratio ${(size(large.dir) / size(small.dir)).toFixed(1)}x for ${(LARGE / SMALL).toFixed(0)}x records)`,
);
console.log('Counts and aggregates grow with the rows that match (more data per quarter, per country); lists,');
console.log('deadlines and word search use indexes and stay near 1x. A full scan would grow like the data itself.');
for (const { backend, dir } of [small, large]) {
  backend.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
