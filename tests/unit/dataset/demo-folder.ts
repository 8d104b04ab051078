import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';
import { DATASET_KEY_SETTING } from '../../../electron/dataset/key';
import { generateDemo } from '../../../electron/demo/generate';
import { fillPostsDirectly } from '../../../electron/demo/posts';
import { initHq, ok } from '../exchange/helpers';

// A deterministic HQ folder of demo records (seeded ids, a fixed dataset key, a fixed clock) whose dataset is the
// same, byte for byte, on every run: for the golden test of the streaming export and its memory benchmark.

export const DEMO_UNTIL = new Date('2026-11-30T00:00:00.000Z');
export const DEMO_PERIOD = { from: '2025-06-01', to: '2026-11-30' } as const;

export async function demoHq(dir: string, records: { posts: number; perPost: number; own: number }): Promise<Backend> {
  const hq = createBackend({
    dataDir: dir,
    now: () => new Date('2026-12-01T09:00:00.000Z'),
    log: (m, e) => console.error(m, e),
  });
  await ok(hq.call('settings.update', { homeCountry: 'NL', timeZone: 'Europe/Amsterdam' }));
  await initHq(hq, 'Demo HQ');
  fillPostsDirectly(hq, {
    posts: records.posts,
    records: records.posts * records.perPost,
    seed: 11,
    until: DEMO_UNTIL,
  });
  generateDemo(hq.db, hq.services.store, { records: records.own, seed: 5, until: DEMO_UNTIL });
  hq.db
    .prepare('INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)')
    .run(DATASET_KEY_SETTING, JSON.stringify(Buffer.alloc(32, 9).toString('base64')));
  return hq;
}

/** SHA-256 of every CSV of a dataset folder, by table name. */
export function csvHashes(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(folder).sort()) {
    if (!f.endsWith('.csv')) continue;
    out[f.replace(/\.csv$/, '')] = createHash('sha256')
      .update(fs.readFileSync(path.join(folder, f)))
      .digest('hex');
  }
  return out;
}
