import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createBackend, type Backend } from '../../electron/backend/create-backend';
import { generateDemo } from '../../electron/demo/generate';
import { config, UNTIL } from './config';
import { figure, fmtInt, fmtMs, fmtRate, heading, now, timeMedian } from './report';

// Part 'post': a post's own records (BENCH_SMALL and BENCH_LARGE), made through its record store (the demo
// path), each folder encrypted with its own key and opened with the app's pragmas (createBackend with a key:
// electron/db/open.ts), output checks off. The channels the post's screens call, timed at both sizes.

const QUERIES: [string, string, unknown][] = [
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

function fillPost(work: string, records: number): { backend: Backend; dir: string; ms: number } {
  const dir = path.join(work, `post-${records}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const backend = createBackend({
    dataDir: dir,
    key: randomBytes(32),
    version: 'bench',
    checkOutputs: false,
    log: () => undefined,
  });
  const start = now();
  generateDemo(backend.db, backend.services.store, { records, seed: config.seed, until: UNTIL });
  return { backend, dir, ms: now() - start };
}

export async function benchPost(work: string): Promise<void> {
  const { postSmall: small, postLarge: large } = config;
  heading(`The post: its own records, ${fmtInt(small)} and ${fmtInt(large)} (encrypted)`);
  const a = fillPost(work, small);
  const b = fillPost(work, large);
  try {
    figure({
      what: `post: ${fmtInt(large)} records through the store`,
      app: fmtRate(large / (b.ms / 1000)),
      versus: `at ${fmtInt(small)}: ${fmtRate(small / (a.ms / 1000))}`,
      ratio: b.ms / large / (a.ms / small),
    });
    for (const [label, channel, input] of QUERIES) {
      const time = async (backend: Backend) =>
        (
          await timeMedian(config.runs, async () => {
            const r = await backend.invoke(channel, input);
            if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
          })
        ).median;
      const s = await time(a.backend);
      const l = await time(b.backend);
      figure({
        what: `post: ${label}`,
        app: `${fmtMs(l)} at ${fmtInt(large)}`,
        versus: `${fmtMs(s)} at ${fmtInt(small)}`,
        ratio: l / s,
      });
    }
  } finally {
    for (const f of [a, b]) {
      f.backend.close();
      fs.rmSync(f.dir, { recursive: true, force: true });
    }
  }
}
