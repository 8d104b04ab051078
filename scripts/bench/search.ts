import { ftsQuery } from '../../electron/records/fts-query';
import { config } from './config';
import { appSession, unlocked } from './fill';
import type { FilledHq } from './hq';
import { figure, fmtInt, fmtMs, heading, now, percentile } from './report';

// Part (e): search everything (search.query, through the session, output checks off) against a ranked FTS5
// MATCH with the same join, straight on the same connection: the least a ranked search can do. Each query
// runs BENCH_SEARCH_RUNS times after a warm-up; p50 and p95 are over all runs of all queries.

/** Words an analyst types: partners, topics, names, prefixes that match many records, and a miss. */
const QUERIES = [
  'container',
  'bundeskrim',
  'money mule',
  'garcía',
  'vessel tracking',
  'crypto wallet',
  'seizure',
  'polic',
  'müller',
  'zoll',
  'nothing matches this',
];

const LIMIT = 50;

const RAW_SQL = `SELECT r.kind, r.id, r.title, r.occurred_at, r.origin_post, r.origin_level, r.origin_export_id
  FROM record_search s JOIN record r ON r.n = s.rowid
  WHERE record_search MATCH ? AND r.deleted_at IS NULL ORDER BY s.rank LIMIT ?`;

async function samples(run: (text: string) => unknown): Promise<number[]> {
  const out: number[] = [];
  for (const text of QUERIES) {
    await run(text);
    for (let i = 0; i < config.searchRuns; i++) {
      const start = now();
      await run(text);
      out.push(now() - start);
    }
  }
  return out;
}

/** The app's samples on one folder, opened alone; with `raw`, also the bare ranked query's. */
async function folderSamples(hq: FilledHq, raw: boolean): Promise<{ app: number[]; raw: number[] }> {
  const session = appSession(hq.dir, { automaticBackups: false });
  const backend = await unlocked(session);
  try {
    const bare = backend.db.prepare(RAW_SQL);
    const rawTimes = raw
      ? await samples((text) => {
          const match = ftsQuery(text);
          return match ? bare.all(match, LIMIT) : [];
        })
      : [];
    const app = await samples(async (text) => {
      const r = await session.call('search.query', { text, limit: LIMIT });
      if (!r.ok) throw new Error(`search.query: ${r.error.message}`);
    });
    return { app, raw: rawTimes };
  } finally {
    await session.lock();
  }
}

export async function benchSearch(large: FilledHq, small: FilledHq): Promise<void> {
  heading(`(e) Search: search.query vs a ranked FTS5 MATCH with the same join (${QUERIES.length} queries)`);
  const { app: appSmall } = await folderSamples(small, false);
  const { app: appLarge, raw: rawTimes } = await folderSamples(large, true);
  for (const p of [50, 95]) {
    figure({
      what: `search p${p} (${fmtInt(large.records)})`,
      app: fmtMs(percentile(appLarge, p)),
      versus: `ranked FTS5 MATCH ${fmtMs(percentile(rawTimes, p))}`,
      ratio: percentile(appLarge, p) / percentile(rawTimes, p),
    });
  }
  for (const p of [50, 95]) {
    figure({
      what: `  search p${p}, ${fmtInt(large.records)} vs ${fmtInt(small.records)}`,
      app: fmtMs(percentile(appLarge, p)),
      versus: `${fmtMs(percentile(appSmall, p))} at ${fmtInt(small.records)}`,
      ratio: percentile(appLarge, p) / percentile(appSmall, p),
    });
  }
  console.log(`  (queries: ${QUERIES.join(', ')}; limit ${LIMIT})`);
}
