import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileReport } from '../../../shared/exchange/schema';
import { check, createTally, createWorld, fuzzOne, judge, type Verdict, type World } from './fuzz-harness';
import type { FuzzInput } from './fuzz-mutations';

// The import fuzzer with a fixed seed: a few hundred inputs made from valid bundles (flipped, cut, spliced,
// grown, re-signed with oversized or mistyped fields, envelopes edited, garbage), each imported into a real
// HQ through the contract and judged by fuzz-harness.ts: rejected with a documented reason and the database
// untouched, or imported exactly as specified, never an internal error. `npm run fuzz` runs the same fuzzer
// for as long as asked (scripts/fuzz.ts). The last block keeps the inputs that once broke the importer.

const SEED = 20_261_206;
const INPUTS = 700;

let world: World;

beforeAll(async () => {
  world = await createWorld();
}, 60_000);

afterAll(() => world?.close());

function input(bytes: Uint8Array, candidates: string[], mutation = 'hand-made'): FuzzInput {
  return { index: 0, seed: 0, family: 'payload', mutation, bytes, candidates };
}

/** A payload as these tests edit it (only what they touch is typed). */
interface Editable {
  manifest: { exportId: string; sequence: number; timeZone: string; counts: Record<string, number> };
  records: { revision: number; fields: Record<string, unknown> }[];
  aggregates: Record<string, unknown>;
}

/** A payload of one of the world's valid bundles, changed and signed by the enrolled post, encrypted to HQ. */
async function signed(sourceName: string, change: (payload: Editable) => void) {
  const source = world.kit.sources.find((s) => s.name === sourceName)!;
  const payload = JSON.parse(source.payloadText) as Editable;
  payload.manifest.exportId = randomUUID();
  payload.manifest.sequence = 500;
  change(payload);
  const text = JSON.stringify(payload);
  return input(await world.kit.encrypt(world.kit.sign(text)), [text]);
}

function failuresOf(verdicts: Verdict[]): string[] {
  return verdicts.map((v) => `#${v.input.index} (${v.input.mutation.slice(0, 160)}): ${v.failures.join('; ')}`);
}

describe('the judge', () => {
  it('accepts the valid bundles as they are: new ones imported, those HQ has already imported', async () => {
    const outcomes: Record<string, string> = {};
    for (const source of world.kit.sources) {
      const v = await judge(world, input(source.bytes, [source.payloadText], source.name), true);
      expect(v.failures, source.name).toEqual([]);
      outcomes[source.name] = v.outcome;
    }
    expect(outcomes).toEqual({
      'BOG-full-1': 'already_imported',
      'BOG-full-2': 'imported',
      'BOG-pseudonymised-3': 'imported',
      'BOG-aggregate-4': 'imported',
      'LIM-full-1': 'already_imported',
      'BOG-lifecycle-5': 'imported',
    });
  });

  it('fails an import of anything but the payloads a file was made from, and any change after a rejection', async () => {
    const source = world.kit.sources.find((s) => s.name === 'BOG-full-2')!;
    const foreign = await judge(world, input(source.bytes, []), false);
    expect(foreign.failures.join('\n')).toMatch(/none of the payloads it was made from/);

    const rejected: FileReport = {
      file: 'x',
      outcome: 'rejected',
      reason: 'tampered',
      message: 'altered',
      postId: null,
      exportId: null,
      sequence: null,
      added: 0,
      updated: 0,
      unchanged: 0,
    };
    const setting = [...(world.baseline.tables['setting'] ?? []), { key: 'x', value: '"y"' }];
    const touched = { ...world.baseline, tables: { ...world.baseline.tables, setting } };
    expect(check(world, input(source.bytes, []), rejected, touched, false).join('\n')).toMatch(
      /the database changed \(setting\)/,
    );
    expect(check(world, input(source.bytes, []), { ...rejected, reason: null }, world.baseline, false)).toEqual([
      'rejected without a documented reason (null)',
    ]);
  });
});

describe('import fuzzer', () => {
  it(`${INPUTS} inputs from seed ${SEED}: each rejected with a reason or imported as specified`, async () => {
    const tally = createTally();
    // Format 2's fields (tombstones, restore and continuation, restated figures): how their inputs came out.
    const formatTwo: Record<string, number> = {};
    for (let i = 0; i < INPUTS; i++) {
      const v = await fuzzOne(world, SEED, i);
      tally.add(v);
      for (const name of ['tombstonesEdited', 'seriesEdited', 'restatementsEdited']) {
        if (v.input.mutation.includes(name))
          formatTwo[`${name} ${v.outcome}`] = (formatTwo[`${name} ${v.outcome}`] ?? 0) + 1;
      }
    }
    const s = tally.summary;
    expect(failuresOf(s.failures)).toEqual([]);
    for (const seen of [
      'tombstonesEdited imported',
      'tombstonesEdited rejected',
      'seriesEdited rejected',
      'restatementsEdited imported',
    ]) {
      expect(formatTwo[seen] ?? 0, `${seen}: ${JSON.stringify(formatTwo)}`).toBeGreaterThan(0);
    }
    // The run reached every family and most of the importer's answers, or it proves little.
    expect(Object.keys(s.byFamily).sort()).toEqual(['bytes', 'envelope', 'garbage', 'payload']);
    expect(s.imported).toBeGreaterThan(10);
    for (const reason of [
      'tampered',
      'not_a_bundle',
      'truncated',
      'invalid_record',
      'too_large',
      'not_addressed_to_us',
    ]) {
      expect(s.rejected[reason] ?? 0, reason).toBeGreaterThan(0);
    }
  }, 180_000);
});

describe('inputs that once broke the importer (found by the fuzzer)', () => {
  it('a validly signed bundle with sequence 2^31 is imported, and the gap report stops at 1000', async () => {
    const sequence = 2 ** 31;
    const made = await signed('BOG-full-2', (p) => (p.manifest.sequence = sequence));
    const v = await judge(world, made, true);
    expect(v.failures).toEqual([]);
    expect(v.outcome).toBe('imported');
    // The same, looked at from the report: missing numbers from 2 up, 1000 of them (1 is already there).
    world.hq.db.exec('BEGIN');
    try {
      const answer = await world.hq.invoke('imports.run', {
        files: [{ name: 'far ahead', bytes: made.bytes }],
      });
      expect(answer.ok).toBe(true);
      const gaps = (answer as { value: { gaps: { postId: string; missing: number[] }[] } }).value.gaps;
      const bog = gaps.find((g) => g.postId === 'BOG')!;
      expect(bog.missing).toHaveLength(1000);
      expect(bog.missing.slice(0, 3)).toEqual([2, 3, 4]);
      // The posts overview (and the dashboard's completeness built on it) once counted up to 2^31 itself.
      const posts = await world.hq.invoke('posts.list', {});
      expect(posts.ok).toBe(true);
      const status = (posts as { value: { postId: string; gaps: { missing: number[] }[] }[] }).value.find(
        (p) => p.postId === 'BOG',
      )!;
      expect(status.gaps.map((g) => g.missing)).toEqual([bog.missing]);
    } finally {
      world.hq.db.exec('ROLLBACK');
    }
  });

  it('aggregates that are not the documented overview (nested 100,000 deep, or unknown keys) are rejected', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const source = world.kit.sources.find((s) => s.name === 'BOG-aggregate-4')!;
    const payload = JSON.parse(source.payloadText) as Editable;
    payload.manifest.exportId = randomUUID();
    const text = JSON.stringify(payload).replace('"aggregates":{', `"aggregates":{"extra":${deep},`);
    const v = await judge(world, input(await world.kit.encrypt(world.kit.sign(text)), [text]), true);
    expect(v.failures).toEqual([]);
    expect([v.outcome, v.reason]).toEqual(['rejected', 'not_a_bundle']);
    expect(v.message).toMatch(/aggregates are invalid at aggregates/);

    const nested = await signed('BOG-aggregate-4', (p) => (p.aggregates['engagements'] = { total: [[[[1]]]] }));
    const w = await judge(world, nested, false);
    expect([w.outcome, w.reason, w.failures]).toEqual(['rejected', 'not_a_bundle', []]);
    expect(w.message).toMatch(/aggregates\.engagements/);
  });

  it('a key named "__proto__" in a record or in the counts is rejected, not silently dropped', async () => {
    const inRecord = await signed('BOG-full-2', (p) => {
      Object.defineProperty(p.records[3]!.fields, '__proto__', { value: 'x', enumerable: true });
    });
    const v = await judge(world, inRecord, true);
    expect([v.outcome, v.reason, v.failures]).toEqual(['rejected', 'invalid_record', []]);
    expect(v.message).toBe('Record 4 is invalid: it holds a key named "__proto__" (at fields.__proto__).');
    const inCounts = await signed('BOG-aggregate-4', (p) => {
      Object.defineProperty(p.manifest.counts, '__proto__', { value: 3, enumerable: true });
    });
    const w = await judge(world, inCounts, false);
    expect([w.outcome, w.reason, w.failures]).toEqual(['rejected', 'not_a_bundle', []]);
    expect(w.message).toMatch(/manifest\.counts\.__proto__/);
  });

  it('a manifest time zone the platform does not know is rejected, not thrown in the middle of the merge', async () => {
    for (const timeZone of ['Mars/Olympus_Mons', '', 'Europe/']) {
      const made = await signed('BOG-full-1', (p) => {
        p.manifest.timeZone = timeZone;
        for (const r of p.records) r.revision += 1; // new to HQ, so deadlines are counted again
      });
      const v = await judge(world, made, true);
      expect(v.failures, timeZone).toEqual([]);
      expect([v.outcome, v.reason], timeZone).toEqual(['rejected', 'not_a_bundle']);
      expect(v.message).toContain('is not a known time zone');
    }
  });
});
