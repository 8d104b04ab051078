import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackend } from '../electron/backend/create-backend';
import { generateDemo } from '../electron/demo/generate';
import { demoPostId, importAsPostSink } from '../electron/demo/posts';
import { withDemoEffort } from '../electron/effort/demo-effort';
import { effortAggregates } from '../electron/effort/service';
import { inDashboardBatch, settleDashboards } from '../electron/reports/dashboard-batch';

// The CPU time of a bulk write (docs/bench.md, the effort trigger's section): BENCH_EFFORT_RECORDS records
// (20,000) of one post written through store.importRecord in one dashboard batch, as HQ's import writes a
// bundle, then the catch-up. "per-row": migration 017's two triggers given back migration 015's names, so a batch
// does not set them aside and the catch-up writes no effort facts (the tree before 017); "batched": as migrated.
// Modes interleave, BENCH_RUNS (2) each, fresh folders; the facts and sums are checked against a recount after
// each run. Run with `npx tsx scripts/bench-effort-batch.ts`.

const RECORDS = Number(process.env['BENCH_EFFORT_RECORDS'] ?? 20_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 2);
const UNTIL = new Date('2026-06-30T12:00:00Z');
const NOW = new Date('2026-07-01T08:00:00Z');
const ZONE = 'Europe/Amsterdam';
type Mode = 'per-row' | 'batched';

function cpuSince(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

async function run(mode: Mode): Promise<{ write: number; settle: number; facts: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-effort-batch-'));
  const backend = createBackend({ dataDir, now: () => NOW, checkOutputs: false, log: () => undefined });
  try {
    const init = await backend.call('identity.init', { role: 'hq', hqName: 'Bench HQ' });
    if (!init.ok) throw new Error(init.error.message);
    await backend.call('settings.update', { timeZone: ZONE });
    const db = backend.db;
    if (mode === 'per-row') {
      const rename = (from: string, to: string) => {
        const sql = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").pluck().get(from);
        db.exec(`DROP TRIGGER ${from}; ${(sql as string).replace(from, to)}`);
      };
      rename('dashboard_effort_record_added', 'effort_record_added');
      rename('dashboard_effort_record_changed', 'effort_record_changed');
    }
    const ctx = { timeZone: ZONE, homeCountry: 'NL' };
    const sink = importAsPostSink(backend, demoPostId(0), ctx, {
      at: UNTIL.toISOString(),
      fields: (kind, fields, id) => withDemoEffort(kind, fields, id),
    });
    const start = process.cpuUsage();
    inDashboardBatch(db, () => generateDemo(db, sink, { records: RECORDS, seed: 1, until: UNTIL }));
    const write = cpuSince(start);
    settleDashboards(db);
    const settle = cpuSince(start) - write;
    const { actual, recount } = effortAggregates(db);
    if (JSON.stringify(actual) !== JSON.stringify(recount)) throw new Error(`${mode}: sums differ from a recount`);
    const facts = db.prepare('SELECT count(*) FROM effort_fact').pluck().get() as number;
    return { write, settle, facts };
  } finally {
    backend.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  for (let i = 0; i < RUNS; i++) {
    for (const mode of ['per-row', 'batched'] as const) {
      const r = await run(mode);
      console.log(
        `${mode.padEnd(8)} run ${i + 1}: ${RECORDS} records, CPU ${(r.write / 1000).toFixed(2)} s writing, ` +
          `${(r.settle / 1000).toFixed(2)} s catch-up, ${((r.write + r.settle) / 1000).toFixed(2)} s in all ` +
          `(${r.facts} effort facts, sums = recount)`,
      );
    }
  }
}

void main();
