import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';
import { integrityCheck, quickCheck } from '../../../electron/db/integrity';
import { DATABASE_FILE, openDatabase } from '../../../electron/db/open';
import { generateDemo } from '../../../electron/demo/generate';
import { seededRandom } from '../../../electron/demo/random';
import { createSettingsRepository } from '../../../electron/settings/repository';
import { expectAggregatesTrue } from '../dashboard/aggregate-recount';
import {
  decryptWith,
  DEMO_UNTIL,
  editRecord,
  exportBundle,
  hqSecrets,
  initHq,
  initPost,
  pair,
  parseEnvelope,
} from '../exchange/helpers';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir';
import { bundleChildScript, REPO_ROOT as REPO } from './bundle';

// Nothing HQ's import acknowledged may be lost when the process is killed, and no bundle may be left half
// merged. Each file is checked and merged in a transaction of its own, inside a dashboard batch that drops
// migration 005's triggers and creates them again before the commit (electron/reports/dashboard-batch.ts);
// the records it wrote are counted into the aggregates afterwards, in steps between calls. A kill can land
// in any of these: mid-merge, between a merge and its catch-up, in a catch-up step, while a single edit runs.
//
// A child process (importer.ts) runs the real backend as HQ on an encrypted database and imports a sequence
// of real bundles, two posts' demo records exported in halves and then again with newer revisions, one file
// per run, with single edits of HQ's own records between files. It prints each file's report as it is
// answered. The test kills it with SIGKILL at moments drawn from a fixed seed (some counted from the first
// record its merge writes, which the child reports through a probe), copies the files as the kill left them,
// opens the copy and checks it: every acknowledged file wholly there, the file in flight wholly there or wholly
// absent, the database intact, the dashboard triggers all present, the aggregates equal to a recount once
// settled. The next child starts on the crashed files themselves with the files not yet acknowledged.

const SEED = 20261207;
const KILL_ROUNDS = 8;
const RECORDS_PER_POST = 2500;
const HALVES = [
  { from: '2024-12-01', to: '2025-09-30' },
  { from: '2025-10-01', to: '2026-07-01' },
] as const;
const WHOLE = { from: '2024-12-01', to: '2026-07-01' } as const;

interface BundleFile {
  readonly name: string;
  readonly path: string;
  readonly exportId: string;
  /** id -> revision, as the file carries them. */
  readonly records: ReadonlyMap<string, number>;
}

interface Round {
  readonly lines: string[];
  readonly ready: boolean;
  readonly finished: boolean;
  readonly stderr: string;
}

type KillPlan =
  | { readonly at: 'spawn'; readonly ms: number }
  | { readonly at: 'ready'; readonly ms: number }
  | { readonly at: 'merge'; readonly ms: number }
  | { readonly at: 'ack'; readonly ms: number }
  | { readonly at: 'never' };

/** What HQ should hold when exactly `imported` of `files` were imported, in the files' order. */
function expectedState(files: readonly BundleFile[], imported: ReadonlySet<string>) {
  const records = new Map<string, { revision: number; exportId: string; writes: number }>();
  const reports = new Map<string, { added: number; updated: number; unchanged: number }>();
  for (const f of files) {
    if (!imported.has(f.exportId)) continue;
    const report = { added: 0, updated: 0, unchanged: 0 };
    for (const [id, revision] of f.records) {
      const held = records.get(id);
      if (held && held.revision >= revision) report.unchanged += 1;
      else {
        records.set(id, { revision, exportId: f.exportId, writes: (held?.writes ?? 0) + 1 });
        report[held ? 'updated' : 'added'] += 1;
      }
    }
    reports.set(f.exportId, report);
  }
  return { records, reports };
}

const triggers = (db: Database) =>
  db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as {
    name: string;
    sql: string;
  }[];

describe('crash safety: SIGKILL during HQ imports', () => {
  const root = makeTempDir('liaison-log-import-kill-');
  const key = crypto.randomBytes(32);
  const hqDir = path.join(root, 'hq');
  const files: BundleFile[] = [];
  let freshTriggers: { name: string; sql: string }[] = [];
  let importer: string;
  let dispose: (() => void) | undefined;

  beforeAll(async () => {
    ({ file: importer, dispose } = await bundleChildScript(path.join(import.meta.dirname, 'importer.ts')));
    // HQ on an encrypted database, as the app keeps it; two posts enrolled there, each with thousands of demo
    // records, exported in two halves of the period; then newer revisions of a ninth of their records (other
    // countries, phenomena, answers; organisations moving, their engagements with them) and the whole period
    // again. Imported in this order, every file merges thousands of records.
    const hq = createBackend({ dataDir: hqDir, key, log: () => undefined });
    const posts: Backend[] = [];
    try {
      await initHq(hq);
      const bundles: { post: number; bytes: Buffer; name: string }[] = [];
      for (const [i, postId] of ['P01', 'P02'].entries()) {
        const post = createBackend({ dataDir: path.join(root, postId), log: () => undefined });
        posts.push(post);
        await initPost(post, postId, i === 0 ? 'CO' : 'EC');
        await pair(post, hq);
        generateDemo(post.db, post.services.store, { records: RECORDS_PER_POST, seed: SEED + i, until: DEMO_UNTIL });
        for (const half of HALVES) {
          const { entry, bytes } = await exportBundle(post, 'full', half);
          bundles.push({ post: i, bytes, name: entry.fileName });
        }
      }
      for (const post of posts) revise(post);
      for (const [i, post] of posts.entries()) {
        const { entry, bytes } = await exportBundle(post, 'full', WHOLE);
        bundles.push({ post: i, bytes, name: entry.fileName });
      }
      // P01's first half, P02's, P01's second half, P02's, then the newer revisions.
      const order = [bundles[0], bundles[2], bundles[1], bundles[3], bundles[4], bundles[5]];
      const secrets = hqSecrets(hq);
      const bundleDir = path.join(root, 'bundles');
      fs.mkdirSync(bundleDir);
      for (const b of order) {
        if (!b) throw new Error('a bundle is missing');
        const file = path.join(bundleDir, b.name);
        fs.writeFileSync(file, b.bytes);
        const { payload } = parseEnvelope(await decryptWith(b.bytes, ...secrets));
        files.push({
          name: b.name,
          path: file,
          exportId: payload.manifest.exportId,
          records: new Map(payload.records.map((r) => [r.id, r.revision])),
        });
      }
    } finally {
      for (const post of posts) post.close();
      hq.close();
    }
    const fresh = openDatabase(path.join(root, 'fresh', DATABASE_FILE), { key });
    try {
      freshTriggers = triggers(fresh);
    } finally {
      fresh.close();
    }
  }, 90_000);

  afterAll(() => {
    dispose?.();
    removeTempDir(root);
  });

  /** Newer revisions at the post: every ninth organisation, engagement and request changes what it counts. */
  function revise(post: Backend): void {
    const rows = post.db
      .prepare("SELECT id, kind, data FROM record WHERE kind IN ('organisation', 'engagement', 'request') ORDER BY n")
      .all() as { id: string; kind: string; data: string }[];
    const countries = ['DE', 'FR', 'MA', 'ES'];
    post.db.transaction(() => {
      rows.forEach((r, i) => {
        if (i % 9 !== 0) return;
        const data = JSON.parse(r.data) as Record<string, unknown>;
        const country = countries[i % countries.length];
        if (r.kind === 'organisation') editRecord(post, r.id, { country });
        else if (r.kind === 'engagement') editRecord(post, r.id, { phenomena: i % 2 ? ['cocaine', 'hvt'] : [] });
        else {
          const answer =
            data['status'] === 'open' && data['direction'] === 'incoming'
              ? {
                  status: 'answered',
                  answeredAt: new Date(Date.parse(String(data['exchangedAt'])) + 36 * 3_600_000).toISOString(),
                }
              : {};
          editRecord(post, r.id, { counterpartCountry: country, phenomena: ['money_laundering'], ...answer });
        }
      });
    })();
  }

  function runAndKill(list: readonly BundleFile[], seed: number, plan: KillPlan): Promise<Round> {
    const listFile = path.join(root, `list-${seed}.json`);
    fs.writeFileSync(listFile, JSON.stringify(list.map((f) => ({ name: f.name, path: f.path }))));
    return new Promise<Round>((resolve, reject) => {
      const child = spawn(process.execPath, [importer, hqDir, key.toString('hex'), String(seed), listFile], {
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      let timer: NodeJS.Timeout | undefined;
      const kill = () => child.kill('SIGKILL');
      const killIn = (ms: number) => {
        if (timer === undefined) timer = setTimeout(kill, ms);
      };
      // Whatever the plan, no round runs for ever (its trigger may never come: no merge left to do).
      const backstop = setTimeout(kill, 20_000);
      if (plan.at === 'spawn') killIn(plan.ms);
      child.stdout.setEncoding('utf8');
      child.stderr.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        const lines = stdout.split('\n').slice(0, -1);
        if (plan.at === 'ready' && lines.includes('ready')) killIn(plan.ms);
        if (plan.at === 'merge' && lines.some((l) => l.startsWith('M '))) killIn(plan.ms);
        if (plan.at === 'ack' && lines.some((l) => l.startsWith('I ') && l.includes(' imported '))) killIn(plan.ms);
      });
      child.stderr.on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        clearTimeout(backstop);
        fs.rmSync(listFile, { force: true });
        // Only whole lines count: a line is written with one write(2), so a kill cannot split one.
        const lines = stdout.split('\n').slice(0, -1);
        const finished = code === 0 && lines.at(-1) === 'done';
        if (signal !== 'SIGKILL' && !finished) {
          reject(new Error(`the importer stopped on its own (exit ${code}, signal ${signal}):\n${stderr}`));
          return;
        }
        resolve({ lines, ready: lines.includes('ready'), finished, stderr });
      });
    });
  }

  it(`keeps every acknowledged import whole and leaves no half-merged bundle after ${KILL_ROUNDS} kills`, async () => {
    const file = path.join(hqDir, DATABASE_FILE);
    const random = seededRandom(SEED);
    const byName = new Map(files.map((f) => [f.name, f]));
    const acknowledged = new Set<string>(); // export ids whose import was answered
    const own = new Map<string, number>(); // HQ's own record id -> last acknowledged revision
    let heldBefore = new Set<string>(); // export ids the files held when this round's child started
    const stats = { killedInMerge: 0, inFlightLanded: 0, inFlightLost: 0, leftCatchUp: 0, finished: 0 };

    for (let round = 0; round <= KILL_ROUNDS; round++) {
      const last = round === KILL_ROUNDS;
      const list = files.filter((f) => !acknowledged.has(f.exportId));
      // Kills in turn: up to 50 ms after the first record of the round's first merge (a merge of over a
      // thousand records takes longer, even on a fast machine); up to 60 ms after the first file it imports
      // is answered (before or in the catch-up of that file's records; each such round takes the sequence a
      // file further); from the start (opening, migrating, the catch-up a previous kill left); or anywhere.
      // The last round runs to its end and finishes the sequence.
      const turn = (['merge', 'ack', 'merge', 'ack', 'spawn', 'merge', 'ack', 'ready'] as const)[round % 8];
      const plan: KillPlan = last
        ? { at: 'never' }
        : turn === 'merge'
          ? { at: 'merge', ms: random.int(0, 50) }
          : turn === 'ack'
            ? { at: 'ack', ms: random.int(0, 60) }
            : turn === 'spawn'
              ? { at: 'spawn', ms: random.int(0, 1200) }
              : { at: 'ready', ms: random.int(50, 2500) };
      const result = await runAndKill(list, SEED + round, plan);
      if (last) expect(result.finished, `the last round ends by itself:\n${result.stderr}`).toBe(true);
      if (result.finished) stats.finished += 1;

      // What the child said, line by line.
      let inFlight: BundleFile | undefined;
      let merging: BundleFile | undefined;
      for (const line of result.lines) {
        const [op, a, b, ...rest] = line.split(' ');
        if (op === 'ready' || op === 'done') continue;
        if (op === 'C' && a) own.set(a, 1);
        else if (op === 'U' && a) own.set(a, Number(b));
        else if ((op === 'S' || op === 'M' || op === 'I') && a && byName.has(a)) {
          const f = byName.get(a) as BundleFile;
          if (op === 'S') inFlight = f;
          if (op === 'M') merging = f;
          if (op === 'I') {
            inFlight = undefined;
            merging = undefined;
            acknowledged.add(f.exportId);
            // The next round continues on the crashed files: a file the files already held says so, any other
            // one is imported now.
            expect(b, `round ${round}: ${f.name}`).toBe(heldBefore.has(f.exportId) ? 'already_imported' : 'imported');
            const [added, updated, unchanged] = rest.map(Number);
            if (b === 'imported') {
              expect({ added, updated, unchanged }, `round ${round}: report of ${f.name}`).toEqual(
                expectedState(files, new Set([...heldBefore, ...acknowledged])).reports.get(f.exportId),
              );
            }
            heldBefore.add(f.exportId);
          }
        } else throw new Error(`unexpected line from the importer: ${line}`);
      }

      if (!fs.existsSync(file)) throw new Error('HQ has no database file');
      // Check a copy of the files exactly as the kill left them; the next child recovers the originals.
      const copyDir = path.join(root, `copy-${round}`);
      fs.mkdirSync(copyDir);
      const copy = path.join(copyDir, DATABASE_FILE);
      for (const suffix of ['', '-wal']) {
        if (fs.existsSync(file + suffix)) fs.copyFileSync(file + suffix, copy + suffix);
      }
      const db = openDatabase(copy, { key });
      try {
        const at = `round ${round} (${plan.at}${'ms' in plan ? ` +${plan.ms} ms` : ''})`;
        expect(quickCheck(db), at).toEqual({ ok: true });
        expect(integrityCheck(db), at).toEqual({ ok: true });
        // The triggers a batch or a catch-up step set aside are all back, exactly as a new database has them.
        expect(triggers(db), at).toEqual(freshTriggers);
        expect(
          db
            .prepare('SELECT (SELECT count(*) FROM dashboard_settling) + (SELECT count(*) FROM dashboard_staged_fact)')
            .pluck()
            .get(),
          at,
        ).toBe(0);

        // Every acknowledged file is there; the one in flight is there or not; nothing else.
        const held = new Set(db.prepare('SELECT export_id FROM imported_bundle').pluck().all() as string[]);
        for (const id of acknowledged) expect(held.has(id), `${at}: acknowledged export ${id}`).toBe(true);
        for (const id of held) {
          expect(acknowledged.has(id) || id === inFlight?.exportId, `${at}: unexpected export ${id}`).toBe(true);
        }
        if (inFlight) stats[held.has(inFlight.exportId) ? 'inFlightLanded' : 'inFlightLost'] += 1;
        // Killed after the merge wrote its first record and before it committed.
        if (merging && !held.has(merging.exportId)) stats.killedInMerge += 1;
        // Records the catch-up had not counted yet: the next child starts with them waiting.
        if (db.prepare('SELECT EXISTS (SELECT 1 FROM dashboard_dirty)').pluck().get() === 1) stats.leftCatchUp += 1;

        // Each file wholly there or wholly absent: HQ's records of the posts are exactly what the files it holds
        // bring, newest revision winning, each pointing to the export that brought its revision, with one audit
        // entry per revision written.
        const expected = expectedState(files, held);
        const perExport = (ids: Iterable<[string, { exportId: string }]>) => {
          const out: Record<string, number> = {};
          for (const [, r] of ids) out[r.exportId] = (out[r.exportId] ?? 0) + 1;
          return out;
        };
        const stored = db
          .prepare(
            `SELECT id, revision, origin_export_id AS exportId,
              (SELECT count(*) FROM audit_entry a WHERE a.record_id = r.id) AS writes
             FROM record r WHERE origin_post IS NOT NULL`,
          )
          .all() as { id: string; revision: number; exportId: string; writes: number }[];
        const actual = new Map(
          stored.map((r) => [r.id, { revision: r.revision, exportId: r.exportId, writes: r.writes }]),
        );
        for (const f of files) {
          // Counted by the export that brought them, file by file, for a readable failure.
          expect(perExport(actual.entries())[f.exportId] ?? 0, `${at}: records of ${f.name}`).toBe(
            perExport(expected.records.entries())[f.exportId] ?? 0,
          );
        }
        expect(actual, at).toEqual(expected.records);

        // HQ's own single writes: every acknowledged one there, each revision with its audit entry.
        const ownRows = new Map(
          (
            db
              .prepare(
                `SELECT id, revision, (SELECT count(*) FROM audit_entry a WHERE a.record_id = r.id) AS writes
                 FROM record r WHERE origin_post IS NULL`,
              )
              .all() as { id: string; revision: number; writes: number }[]
          ).map((r) => [r.id, r]),
        );
        for (const [id, revision] of own) {
          const row = ownRows.get(id);
          expect(row, `${at}: HQ's acknowledged record ${id}`).toBeDefined();
          expect(row?.revision, `${at}: revision of ${id}`).toBeGreaterThanOrEqual(revision);
          expect(row?.revision, `${at}: revision of ${id}`).toBeLessThanOrEqual(revision + 1);
        }
        for (const row of ownRows.values()) expect(row.writes, `${at}: audit of ${row.id}`).toBe(row.revision);
        db.prepare("INSERT INTO record_search (record_search) VALUES ('integrity-check')").run();

        // Once the records the batches noted are counted, the aggregates are what a recount gives.
        expectAggregatesTrue(db, createSettingsRepository(db).read().timeZone);
        heldBefore = held;
      } finally {
        db.close();
      }
      fs.rmSync(copyDir, { recursive: true, force: true });
    }

    // Every file ended up imported, and the test was as good as its kills.
    expect(acknowledged.size).toBe(files.length);
    expect(stats.killedInMerge, JSON.stringify(stats)).toBeGreaterThanOrEqual(2);
    expect(stats.inFlightLost, JSON.stringify(stats)).toBeGreaterThanOrEqual(1);
    expect(stats.leftCatchUp, JSON.stringify(stats)).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
