import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../electron/demo/random';
import { integrityCheck, quickCheck } from '../../../electron/db/integrity';
import { DATABASE_FILE, openDatabase } from '../../../electron/db/open';
import { useTempDirs } from '../helpers/temp-dir';
import { bundleChildScript, REPO_ROOT as REPO } from './bundle';

// Every write the backend acknowledged must survive the process being killed at any moment, and the
// database must stay intact. A child process runs the real backend on an encrypted database and writes
// without pause (creates and updates through the validated channels), printing each acknowledged write;
// the test kills it with SIGKILL at a moment drawn from a fixed seed, copies the files as the kill left
// them, opens the copy (SQLite recovers from the WAL) and checks it; the next child starts on the crashed
// files themselves. Some kills land while the child is still opening the database or migrating it.
//
// SIGKILL proves what an application crash leaves: the operating system still writes out what it was
// given. A power cut is what synchronous=FULL (set by openDatabase, checked in tests/unit/db) is for.

const ROUNDS = 25;
const SEED = 20260504;

interface Round {
  readonly acks: string[];
  readonly ready: boolean;
  readonly stderr: string;
}

describe('crash safety: SIGKILL during continuous writes', () => {
  const tempDir = useTempDirs();
  let writer: string;
  let dispose: (() => void) | undefined;

  beforeAll(async () => {
    ({ file: writer, dispose } = await bundleChildScript(path.join(import.meta.dirname, 'writer.ts')));
  }, 60_000);

  afterAll(() => dispose?.());

  function runAndKill(dataDir: string, key: Buffer, seed: number, killAfter: number, fromReady: boolean) {
    return new Promise<Round>((resolve, reject) => {
      const child = spawn(process.execPath, [writer, dataDir, key.toString('hex'), String(seed)], {
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      let ready = false;
      let timer: NodeJS.Timeout | undefined;
      const kill = () => child.kill('SIGKILL');
      child.stdout.setEncoding('utf8');
      child.stderr.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        if (!ready && stdout.startsWith('ready\n')) {
          ready = true;
          if (fromReady) timer = setTimeout(kill, killAfter);
        }
      });
      child.stderr.on('data', (chunk: string) => (stderr += chunk));
      if (!fromReady) timer = setTimeout(kill, killAfter);
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        if (signal !== 'SIGKILL') {
          reject(new Error(`the writer stopped on its own (exit ${code}, signal ${signal}):\n${stderr}`));
          return;
        }
        // Only whole lines count: a line is written with one write(2), so a kill cannot split one.
        const lines = stdout.split('\n').slice(0, -1);
        resolve({ acks: lines.filter((l) => l !== 'ready'), ready, stderr });
      });
    });
  }

  it(`keeps every acknowledged write and passes integrity_check after ${ROUNDS} kills`, async () => {
    const key = crypto.randomBytes(32);
    const dataDir = tempDir('liaison-log-crash-');
    const file = path.join(dataDir, DATABASE_FILE);
    const random = seededRandom(SEED);
    const acked = new Map<string, number>(); // id -> last acknowledged revision
    let ackedCreates = 0;
    let roundsWithWrites = 0;
    let killedDuringStart = 0;

    for (let round = 0; round < ROUNDS; round++) {
      // One round in five is killed at a moment counted from the start (possibly mid-open or mid-migration),
      // the others while writing: a random 20 to 400 ms after the backend said it was ready.
      const duringStart = round === 0 || random.chance(0.2);
      const killAfter = duringStart ? random.int(0, 1500) : random.int(20, 400);
      const result = await runAndKill(dataDir, key, SEED + round, killAfter, !duringStart);
      if (!result.ready) killedDuringStart++;
      if (result.acks.length > 0) roundsWithWrites++;
      for (const line of result.acks) {
        const [op, id, rest] = line.split(' ');
        if (!id || (op !== 'C' && op !== 'U')) throw new Error(`unexpected line from the writer: ${line}`);
        if (op === 'C') {
          acked.set(id, 1);
          ackedCreates++;
        } else {
          acked.set(id, Number(rest));
        }
      }
      if (!fs.existsSync(file)) {
        expect(result.acks, `round ${round}`).toEqual([]);
        continue;
      }

      // Check a copy of the files exactly as the kill left them; the next child recovers the originals.
      const copyDir = tempDir('liaison-log-crash-copy-');
      const copy = path.join(copyDir, DATABASE_FILE);
      for (const suffix of ['', '-wal']) {
        if (fs.existsSync(file + suffix)) fs.copyFileSync(file + suffix, copy + suffix);
      }
      const db = openDatabase(copy, { key });
      try {
        expect(quickCheck(db), `round ${round}`).toEqual({ ok: true });
        expect(integrityCheck(db), `round ${round}`).toEqual({ ok: true });
        const rows = new Map(
          db
            .prepare<[], { id: string; revision: number }>('SELECT id, revision FROM record')
            .all()
            .map((r) => [r.id, r.revision]),
        );
        for (const [id, revision] of acked) {
          expect(rows.has(id), `round ${round}: acknowledged record ${id} is missing`).toBe(true);
          // At most the one write that was in flight when the kill came may have landed unacknowledged.
          expect(rows.get(id), `round ${round}: revision of ${id}`).toBeGreaterThanOrEqual(revision);
          expect(rows.get(id), `round ${round}: revision of ${id}`).toBeLessThanOrEqual(revision + 1);
        }
        expect(rows.size).toBeGreaterThanOrEqual(ackedCreates);
        expect(rows.size).toBeLessThanOrEqual(ackedCreates + round + 1);
        // Each write is one transaction: the record and its audit entry land together or not at all.
        const torn = db
          .prepare(
            `SELECT id FROM record r
                WHERE r.revision != (SELECT count(*) FROM audit_entry a WHERE a.record_id = r.id)`,
          )
          .all();
        expect(torn, `round ${round}`).toEqual([]);
        // The full-text index agrees with its own structure.
        db.prepare("INSERT INTO record_search (record_search) VALUES ('integrity-check')").run();
      } finally {
        db.close();
      }
      fs.rmSync(copyDir, { recursive: true, force: true });
    }

    // The test is only as good as its kills: most rounds must have died mid-write, some mid-start.
    expect(roundsWithWrites).toBeGreaterThanOrEqual(ROUNDS / 2);
    expect(killedDuringStart).toBeGreaterThanOrEqual(1);
    expect(ackedCreates).toBeGreaterThan(ROUNDS);

    // And the originals, recovered by a last open, hold the same.
    const db = openDatabase(file, { key });
    try {
      expect(integrityCheck(db)).toEqual({ ok: true });
      const ids = new Set(
        db
          .prepare<[], { id: string }>('SELECT id FROM record')
          .all()
          .map((r) => r.id),
      );
      for (const id of acked.keys()) expect(ids.has(id)).toBe(true);
    } finally {
      db.close();
    }
  }, 180_000);
});
