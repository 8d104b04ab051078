// Unlock to first answer, on encrypted data folders at the production settings (scrypt work factor 18, the
// backend in its own process as the app runs it): an empty folder against one with N records
// (BENCH_UNLOCK_RECORDS, default 100,000), each with the daily automatic backup due and not due, medians of
// BENCH_UNLOCK_RUNS runs (default 3). Printed per case: the unlock's own answer, the first answer after it
// (`settings.get`, the first call the window makes once unlocked), the first screen (`attention.get`, the
// default page), and when the background check and backup were done (the maintenance's own status); then each
// figure of the N-record folder as a ratio to the empty folder's.
//
// How the folder is filled, so that a million records take minutes rather than hours: 2,000 demo records are
// made through the record store (the realistic mix of kinds, links, phenomena, audit entries and search
// entries), then cloned by direct SQL inserts (new ids and rowids; the same data, links, phenomena, search
// terms and audit entries, with every trigger of the schema firing as it does for the store's writes) until
// there are N. The import path is not what is measured here; issue 12's other benchmarks time it.
//
// The backend is the built one (out/main/backend.js, with its maintenance worker beside it) when the app is
// built, else the TypeScript entry through tsx; BENCH_UNLOCK_ENTRY=source forces the latter, and
// BENCH_UNLOCK_ENTRY=FILE times another build's backend entry (say, one built from an earlier commit) on the same
// folders. BENCH_UNLOCK_DIR=DIR keeps the prepared folders there and reuses them in the next run (filling a
// million records takes a while); without it they are made in the temp folder and removed.
// BENCH_UNLOCK_FOLDER=DIR times an existing locked folder (say, the HQ the import bench filled with a million
// records through the real import, or a copy of it: its automatic backups are removed and faked) against the
// empty one, with BENCH_UNLOCK_PASSPHRASE (default: the bench's own, which the import bench's HQ also uses).
//
// Besides wall clock, each figure has the backend's CPU time (ms) to its answer: its main thread's (where calls
// are answered; a load on the machine does not inflate it) and the whole process's (the background check and
// backup on the maintenance worker included), both from /proc on Linux.
//
//   npx tsx scripts/bench-unlock.ts
//   BENCH_UNLOCK_RECORDS=1000000 BENCH_UNLOCK_RUNS=1 BENCH_UNLOCK_DIR=/tmp/unlock npx tsx scripts/bench-unlock.ts
//   BENCH_UNLOCK_FOLDER=/tmp/hq-1m BENCH_UNLOCK_RUNS=5 BENCH_UNLOCK_DIR=/tmp/unlock npx tsx scripts/bench-unlock.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackendHost, type BackendHost } from '../electron/process/backend-host';
import { nodeBackendSpawner } from '../electron/process/node-child';
import { createSession } from '../electron/session/session';
import { generateDemo } from '../electron/demo/generate';
import { defaultBackupDir, listBackups } from '../electron/backup/index';
import { formatBackupName } from '../electron/backup/names';
import type { Database } from '../electron/db/open';
import type { Result } from '../shared/contract/result';
import { cpuMs } from './bench/memory';

const ROOT = path.resolve(import.meta.dirname, '..');
const RECORDS = Number(process.env['BENCH_UNLOCK_RECORDS'] ?? 100_000);
const RUNS = Number(process.env['BENCH_UNLOCK_RUNS'] ?? 3);
const SEED_RECORDS = 2_000;
const FOLDER = process.env['BENCH_UNLOCK_FOLDER'];
/** BENCH_UNLOCK_SETTLE=0: stop each backend once its first screen answered, without waiting for its check and
 * backup (a million records' take minutes on a loaded machine); the check+backup column is then empty. */
const SETTLE = process.env['BENCH_UNLOCK_SETTLE'] !== '0';
/** BENCH_UNLOCK_BACKUP=due or not-due: time only that case (default both). */
const CASES = [false, true].filter((due) => {
  const only = process.env['BENCH_UNLOCK_BACKUP'];
  return !only || only === (due ? 'due' : 'not-due');
});
const PASSPHRASE = process.env['BENCH_UNLOCK_PASSPHRASE'] ?? 'benchmark passphrase, long enough';

async function must<T>(answer: Promise<Result<T>>, what: string): Promise<T> {
  const r = await answer;
  if (!r.ok) throw new Error(`${what}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Copies the first `seedMax` rowids' records (and what hangs off them) until `total` records exist. */
export function cloneRecords(db: Database, total: number): void {
  const seedMax = db.prepare('SELECT max(n) FROM record').pluck().get() as number;
  const seedCount = db.prepare('SELECT count(*) FROM record').pluck().get() as number;
  const columns = (db.pragma('table_info(record)') as { name: string }[])
    .map((c) => c.name)
    .filter((c) => c !== 'n' && c !== 'id');
  const list = columns.join(', ');
  // A version 4 UUID, as the store makes them.
  const uuid = `lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||
    substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) ||
    substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))`;
  const records = db.prepare(
    `INSERT INTO record (n, id, ${list}) SELECT n + @offset, ${uuid}, ${list} FROM record WHERE n <= @seedMax
     ORDER BY n LIMIT @limit`,
  );
  const phenomena = db.prepare(
    `INSERT INTO record_phenomenon (record_n, code) SELECT record_n + @offset, code FROM record_phenomenon
     WHERE record_n <= @last`,
  );
  const links = db.prepare(
    `INSERT INTO record_link (from_n, role, to_id) SELECT from_n + @offset, role, to_id FROM record_link
     WHERE from_n <= @last`,
  );
  const search = db.prepare(
    `INSERT INTO record_search (rowid, title, body) SELECT n + @offset, title,
       coalesce(json_extract(data, '$.notes'), '') || ' ' || coalesce(json_extract(data, '$.counterpartAgency'), '')
     FROM record WHERE n <= @last`,
  );
  const audit = db.prepare(
    `INSERT INTO audit_entry (record_id, at, action, revision, changes)
     SELECT c.id, a.at, a.action, a.revision, a.changes FROM audit_entry a
       JOIN record s ON s.id = a.record_id AND s.n <= @last JOIN record c ON c.n = s.n + @offset
     ORDER BY a.seq`,
  );
  let have = seedCount;
  let copy = 1;
  while (have < total) {
    const limit = Math.min(seedCount, total - have);
    const offset = copy * seedMax;
    db.transaction(() => {
      records.run({ offset, seedMax, limit });
      const last = (db.prepare('SELECT max(n) FROM record').pluck().get() as number) - offset;
      phenomena.run({ offset, last });
      links.run({ offset, last });
      search.run({ offset, last });
      audit.run({ offset, last });
    })();
    have += limit;
    copy += 1;
    if (copy % 50 === 0) process.stdout.write(`  ${have.toLocaleString('en')} records\r`);
  }
}

/** A locked data folder at the production work factor with `records` records (0: set up, nothing else). */
export async function prepare(dir: string, records: number): Promise<void> {
  const session = createSession({ dataDir: dir, version: 'bench', log: () => undefined, automaticBackups: false });
  await must(session.setup(PASSPHRASE, false), 'setup');
  const backend = session.backend();
  if (!backend) throw new Error('The session did not unlock.');
  if (records > 0) {
    const started = performance.now();
    backend.db.transaction(() =>
      generateDemo(backend.db, backend.services.store, {
        records: Math.min(records, SEED_RECORDS),
        seed: 12,
        until: new Date(),
      }),
    )();
    cloneRecords(backend.db, records);
    // What the dashboards would do at their first read, done here: the folder is as the app leaves it.
    await must(backend.call('attention.get', {}), 'attention');
    await must(
      backend.call('overview.get', { from: '2000-01-01', to: new Date().toISOString().slice(0, 10) }),
      'overview',
    );
    const counts = await must(backend.call('stats.counts', {}), 'counts');
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(
      `  filled ${total.toLocaleString('en')} records in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  await session.lock();
}

/** Makes the daily backup due (no automatic backup in the folder) or not due (one made a minute ago). */
function setBackupDue(dir: string, due: boolean): void {
  const backups = defaultBackupDir(dir);
  for (const b of listBackups(backups)) if (b.kind === 'auto') fs.rmSync(b.file);
  for (const name of fs.existsSync(backups) ? fs.readdirSync(backups) : []) {
    if (name.startsWith('.')) fs.rmSync(path.join(backups, name), { force: true });
  }
  if (due) return;
  fs.mkdirSync(backups, { recursive: true });
  // Only its name and first bytes are read to decide whether a backup is due; its content is never opened.
  const name = formatBackupName({
    kind: 'auto',
    createdAt: new Date(Date.now() - 60_000),
    sequence: 1,
    schemaVersion: 1,
  });
  fs.writeFileSync(path.join(backups, name), Buffer.alloc(4096, 0x5a));
}

interface Timing {
  unlock: number;
  first: number;
  screen: number;
  /** CPU ms of the backend's main thread, from sending the passphrase to the unlock's and the first answer. */
  unlockCpu: number;
  firstCpu: number;
  /** CPU ms of the whole backend process (every thread) to the first answer. */
  firstCpuAll: number;
  /** When the background check and backup were done, or NaN where the session has no such status. */
  settled: number;
}

/** The backend entry to time: a file (built JavaScript, or TypeScript run through tsx). */
function backendEntry(): string {
  const chosen = process.env['BENCH_UNLOCK_ENTRY'];
  const source = path.join(ROOT, 'electron', 'process', 'backend-entry.ts');
  if (chosen === 'source') return source;
  if (chosen) return path.resolve(chosen);
  const built = path.join(ROOT, 'out', 'main', 'backend.js');
  return fs.existsSync(built) ? built : source;
}

function spawnHost(dir: string): BackendHost {
  const entry = backendEntry();
  return createBackendHost({
    spawn: nodeBackendSpawner({ entry, execArgv: entry.endsWith('.ts') ? ['--import', 'tsx'] : [], stdio: 'inherit' }),
    // As the installed app starts it (electron/shell/main.ts): answers not checked against the contract.
    init: { dataDir: dir, version: 'bench', checkOutputs: false },
  });
}

async function once(dir: string): Promise<Timing> {
  const host = spawnHost(dir);
  try {
    await host.ready();
    const pid = host.pid;
    const cpu = (thread?: number): number => (pid === undefined ? NaN : (cpuMs(pid, thread) ?? NaN));
    const cpuStart = cpu(pid);
    const cpuStartAll = cpu();
    const start = performance.now();
    const status = await must(host.call('session.unlock', { passphrase: PASSPHRASE }), 'unlock');
    if (status.state !== 'unlocked') throw new Error(`unlock: the session is ${status.state}`);
    const unlock = performance.now() - start;
    const unlockCpu = cpu(pid) - cpuStart;
    await must(host.call('settings.get', {}), 'settings.get');
    const first = performance.now() - start;
    const firstCpu = cpu(pid) - cpuStart;
    const firstCpuAll = cpu() - cpuStartAll;
    await must(host.call('attention.get', {}), 'attention.get');
    const screen = performance.now() - start;
    const settled = SETTLE ? await waitForMaintenance(host, start) : NaN;
    return { unlock, first, screen, unlockCpu, firstCpu, firstCpuAll, settled };
  } finally {
    await host.stop();
  }
}

/** Polls the session's maintenance status until the background work is done (NaN where there is none). */
async function waitForMaintenance(host: BackendHost, start: number): Promise<number> {
  const ask = (): Promise<Result<unknown>> => host.invoke('session.maintenance', {});
  const first = await ask();
  if (!first.ok) return NaN; // a session from before the background check
  for (;;) {
    const r = await ask();
    if (r.ok && !(r.value as { running: boolean }).running) return performance.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * Each folder's medians with the backup due or not: runs interleaved (empty, full, empty, full...), so that on a
 * shared machine both folders meet the same load.
 */
async function measure(dirs: readonly string[], due: boolean): Promise<Timing[]> {
  const runs: Timing[][] = dirs.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    for (const [k, dir] of dirs.entries()) {
      setBackupDue(dir, due);
      const t = await once(dir);
      runs[k]?.push(t);
      if (process.env['BENCH_UNLOCK_VERBOSE'])
        console.log(`    run ${i + 1} ${path.basename(dir)}: ${JSON.stringify(t)}`);
    }
  }
  return runs.map(medians);
}

function medians(runs: Timing[]): Timing {
  return {
    unlock: median(runs.map((r) => r.unlock)),
    first: median(runs.map((r) => r.first)),
    screen: median(runs.map((r) => r.screen)),
    unlockCpu: median(runs.map((r) => r.unlockCpu)),
    firstCpu: median(runs.map((r) => r.firstCpu)),
    firstCpuAll: median(runs.map((r) => r.firstCpuAll)),
    settled: median(runs.map((r) => r.settled)),
  };
}

const seconds = (ms: number): string => (Number.isNaN(ms) ? '   -  ' : `${(ms / 1000).toFixed(2).padStart(6)}`);
const ratio = (a: number, b: number): string => (Number.isNaN(a) ? '  -  ' : `${(a / b).toFixed(2)}x`);
const cpuText = (ms: number): string => (Number.isNaN(ms) ? '   -' : `${ms.toFixed(0).padStart(4)}`);

async function main(): Promise<void> {
  const kept = process.env['BENCH_UNLOCK_DIR'];
  const root = kept ? path.resolve(kept) : fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-bench-unlock-'));
  try {
    const empty = path.join(root, 'empty');
    const full = FOLDER ? path.resolve(FOLDER) : path.join(root, `records-${RECORDS}`);
    const label = FOLDER ? path.basename(full) : `${RECORDS.toLocaleString('en')} records`;
    console.log(`Backend: ${path.relative(process.cwd(), backendEntry()) || backendEntry()}`);
    for (const [dir, records] of [
      [empty, 0],
      [full, RECORDS],
    ] as const) {
      // Kept from an earlier run (BENCH_UNLOCK_DIR), or given (BENCH_UNLOCK_FOLDER).
      if (fs.existsSync(path.join(dir, 'vault.json'))) continue;
      if (dir === full && FOLDER) throw new Error(`BENCH_UNLOCK_FOLDER: ${full} holds no data folder.`);
      console.log(`Preparing an encrypted folder with ${records.toLocaleString('en')} records...`);
      fs.rmSync(dir, { recursive: true, force: true });
      await prepare(dir, records);
    }
    const dbSize = fs.statSync(path.join(full, 'liaison-log.db')).size;
    console.log(`  database: ${(dbSize / 1e6).toFixed(0)} MB${FOLDER ? ` (${full})` : ''}`);
    console.log(`\nUnlock to first answer, medians of ${RUNS} (seconds from sending the passphrase):`);
    console.log(
      '  folder           backup   unlock  first  screen  check+backup done   CPU ms: unlock first (main thread) first (process)',
    );
    const rows: [string, boolean, Timing][] = [];
    for (const due of CASES) {
      const timings = await measure([empty, full], due);
      for (const [name, t] of [
        ['empty', timings[0]],
        [label, timings[1]],
      ] as const) {
        if (!t) continue;
        rows.push([name, due, t]);
        console.log(
          `  ${name.padEnd(16)} ${(due ? 'due' : 'not due').padEnd(8)} ${seconds(t.unlock)} ${seconds(t.first)} ${seconds(t.screen)}  ${seconds(t.settled)}` +
            `              ${cpuText(t.unlockCpu)}  ${cpuText(t.firstCpu)}              ${cpuText(t.firstCpuAll)}`,
        );
      }
    }
    console.log(`\nRatios, ${label} to the empty folder (required: first answer within 1.3x):`);
    for (const due of CASES) {
      const [, , e] = rows.find(([n, d]) => n === 'empty' && d === due) as [string, boolean, Timing];
      const [, , f] = rows.find(([n, d]) => n !== 'empty' && d === due) as [string, boolean, Timing];
      console.log(
        `  backup ${(due ? 'due' : 'not due').padEnd(8)} unlock ${ratio(f.unlock, e.unlock)}  first answer ${ratio(f.first, e.first)}  first screen ${ratio(f.screen, e.screen)}` +
          `  CPU to first answer: main thread ${ratio(f.firstCpu, e.firstCpu)}, process ${ratio(f.firstCpuAll, e.firstCpuAll)}`,
      );
    }
  } finally {
    if (!kept) fs.rmSync(root, { recursive: true, force: true });
  }
}

// Run when started as a script (not when another script imports the fill).
if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) await main();
