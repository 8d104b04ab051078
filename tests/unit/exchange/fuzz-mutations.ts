import { seededRandom, type SeededRandom } from '../../../electron/demo/random';
import { MAX_BUNDLE_RECORDS } from '../../../shared/exchange/formats';

// The import fuzzer's inputs, shared by tests/unit/exchange/fuzz.test.ts (fixed seed, a few hundred inputs)
// and scripts/fuzz.ts (`npm run fuzz`, as many as asked). Plain functions of a seeded random stream: input
// number i of a run with seed S is always made the same way from the same material, so a failure names
// the two numbers that make it again. No vitest and no backend here: fuzz-harness.ts supplies both.
//
// Four families:
//  - bytes:      a valid bundle file damaged as storage, mail or a hostile hand would damage it (bit and byte
//                flips, truncation, a splice of two bundles, chunks duplicated, removed or inserted, the age
//                header's lines edited, a file grown far beyond its content);
//  - payload:    a payload changed *before* signing, then signed with the post's real key and encrypted to HQ:
//                only the importer's own checks stand between it and the database (oversized and mistyped
//                fields, unknown and missing keys, deep nesting, duplicated, dropped and foreign records, a
//                flood of records, odd manifest values);
//  - envelope:   the signed envelope edited without signing again, re-encrypted to HQ;
//  - garbage:    files that were never a bundle.

export type Rng = SeededRandom;

/** The seed of input `index` in a run seeded `runSeed`: each input can be made again on its own. */
export function inputSeed(runSeed: number, index: number): number {
  let h = (Math.imul(runSeed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export function rngFor(runSeed: number, index: number): Rng {
  return seededRandom(inputSeed(runSeed, index));
}

/** One valid bundle and what is inside it, as the harness made it with real backends. */
export interface Source {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** The decrypted envelope (JSON text) and its payload string, exactly as signed. */
  readonly envelopeText: string;
  readonly payloadText: string;
}

/** What the fuzzer may use besides its sources: the real keys of a post HQ has enrolled, and HQ's recipient. */
export interface Toolkit {
  readonly sources: readonly Source[];
  /** Signs a payload string with the enrolled post's key (envelope as documented); returns the envelope text. */
  sign(payloadText: string): string;
  /** Encrypts text or bytes to HQ's current key, as a post would. */
  encrypt(plaintext: string | Uint8Array): Promise<Uint8Array>;
  /** Record ids HQ holds that no bundle of the signing post may overwrite (another post's, HQ's own). */
  readonly foreignRecordIds: readonly string[];
}

export type Family = 'bytes' | 'payload' | 'envelope' | 'garbage';

export interface FuzzInput {
  readonly index: number;
  readonly seed: number;
  readonly family: Family;
  /** What was done, e.g. "bytes/bitFlips on BOG-full (3 bits at 112, 4051, 9000)". */
  readonly mutation: string;
  readonly bytes: Uint8Array;
  /**
   * The payloads this file may legitimately be imported as: the authentic payloads it was made from (a
   * damaged copy can at best be one of them) or, for the payload family, the payload signed for it.
   */
  readonly candidates: readonly string[];
}

// ---------------------------------------------------------------------------------------------------------
// Bytes

const AGE_MAGIC = 'age-encryption.org/v1\n';
const INTERESTING_BYTES = [0x00, 0xff, 0x0a, 0x0d, 0x20, 0x2d, 0x3e, 0x7f, 0x80, 0x3d];

function randomBytes(rnd: Rng, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = rnd.int(0, 255);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Where the age header ends (just after its "--- MAC" line), or the whole length if it has none. */
export function headerEnd(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 65_536))).toString('latin1');
  const mac = text.indexOf('\n--- ');
  if (mac < 0) return bytes.length;
  const end = text.indexOf('\n', mac + 1);
  return end < 0 ? bytes.length : end + 1;
}

/** A position, half the time inside the age header (small, and where parsing happens), else anywhere. */
function position(rnd: Rng, bytes: Uint8Array): number {
  if (bytes.length === 0) return 0;
  const header = Math.min(headerEnd(bytes) + 32, bytes.length);
  return rnd.chance(0.5) ? rnd.int(0, header - 1) : rnd.int(0, bytes.length - 1);
}

type ByteMutation = (rnd: Rng, bytes: Uint8Array, other: Uint8Array) => { bytes: Uint8Array; detail: string };

export const BYTE_MUTATIONS: Record<string, ByteMutation> = {
  bitFlips(rnd, bytes) {
    const out = Uint8Array.from(bytes);
    const at: string[] = [];
    for (let n = rnd.int(1, 8); n > 0; n--) {
      const p = position(rnd, out);
      const bit = rnd.int(0, 7);
      out[p] = (out[p] ?? 0) ^ (1 << bit);
      at.push(`${p}.${bit}`);
    }
    return { bytes: out, detail: `bits ${at.join(', ')}` };
  },
  byteFlips(rnd, bytes) {
    const out = Uint8Array.from(bytes);
    const at: string[] = [];
    for (let n = rnd.int(1, 8); n > 0; n--) {
      const p = position(rnd, out);
      out[p] = rnd.chance(0.5) ? rnd.pick(INTERESTING_BYTES) : rnd.int(0, 255);
      at.push(`${p}=${out[p]}`);
    }
    return { bytes: out, detail: `bytes ${at.join(', ')}` };
  },
  truncate(rnd, bytes) {
    const cut = rnd.chance(0.3) ? rnd.int(0, headerEnd(bytes)) : rnd.int(0, Math.max(0, bytes.length - 1));
    return { bytes: bytes.subarray(0, cut), detail: `cut at ${cut} of ${bytes.length}` };
  },
  splice(rnd, bytes, other) {
    const i = position(rnd, bytes);
    const j = rnd.chance(0.5) ? Math.min(i, other.length) : rnd.int(0, Math.max(0, other.length - 1));
    return { bytes: concat(bytes.subarray(0, i), other.subarray(j)), detail: `first ${i} bytes + other from ${j}` };
  },
  duplicateChunk(rnd, bytes) {
    const start = position(rnd, bytes);
    const length = rnd.int(1, Math.max(1, Math.min(bytes.length - start, rnd.pick([16, 256, 4096, 70_000]))));
    const chunk = bytes.subarray(start, start + length);
    const at = rnd.int(0, bytes.length);
    return {
      bytes: concat(bytes.subarray(0, at), chunk, bytes.subarray(at)),
      detail: `${length} bytes from ${start} copied to ${at}`,
    };
  },
  removeChunk(rnd, bytes) {
    const start = position(rnd, bytes);
    const length = rnd.int(1, Math.max(1, Math.min(bytes.length - start, rnd.pick([1, 16, 256, 4096, 70_000]))));
    return {
      bytes: concat(bytes.subarray(0, start), bytes.subarray(start + length)),
      detail: `${length} bytes removed at ${start}`,
    };
  },
  insertGarbage(rnd, bytes) {
    const at = position(rnd, bytes);
    const junk = randomBytes(rnd, rnd.int(1, 64));
    return { bytes: concat(bytes.subarray(0, at), junk, bytes.subarray(at)), detail: `${junk.length} at ${at}` };
  },
  /** Far more bytes than the bundle holds: a file padded out, or two files glued together. */
  oversize(rnd, bytes, other) {
    const size = rnd.pick([65_536, 1_048_576, 8_388_608]);
    const tail = rnd.chance(0.5) ? new Uint8Array(size) : randomBytes(rnd, Math.min(size, 65_536));
    const grown = rnd.chance(0.3) ? concat(bytes, other) : concat(bytes, tail);
    return { bytes: grown, detail: `grown from ${bytes.length} to ${grown.length}` };
  },
  /** The age header's lines edited as text: a stanza dropped, repeated, reordered, renamed or made up. */
  headerLines(rnd, bytes) {
    const end = headerEnd(bytes);
    const header = Buffer.from(bytes.subarray(0, end)).toString('latin1');
    const lines = header.split('\n').slice(0, -1); // the header ends with a line feed
    const body = bytes.subarray(end);
    const i = rnd.int(1, Math.max(1, lines.length - 2)); // not the version line nor the MAC line, mostly
    const edits: [string, () => void][] = [
      ['drop a line', () => lines.splice(i, 1)],
      ['repeat a line', () => lines.splice(i, 0, lines[i] ?? '')],
      ['swap two lines', () => ([lines[i], lines[i + 1]] = [lines[i + 1] ?? '', lines[i] ?? ''])],
      [
        'rename the stanza type',
        () => (lines[i] = (lines[i] ?? '').replace('X25519', rnd.pick(['scrypt', 'x25519', 'X25519X', 'mlkem768']))),
      ],
      [
        'a made-up stanza',
        () => lines.splice(i, 0, `-> ${rnd.pick(['grease', 'X25519', 'piv-p256'])} abc def`, 'AAAA'),
      ],
      ['a very long line', () => lines.splice(i, 0, `-> X25519 ${'A'.repeat(rnd.pick([100, 10_000, 70_000]))}`)],
      ['the MAC line emptied', () => (lines[lines.length - 1] = '---')],
      ['the version line changed', () => (lines[0] = rnd.pick(['age-encryption.org/v2', 'age-encryption.org/v1 ']))],
    ];
    const [name, edit] = rnd.pick(edits);
    edit();
    return {
      bytes: concat(Buffer.from(`${lines.join('\n')}\n`, 'latin1'), body),
      detail: `${name} (line ${i} of ${lines.length})`,
    };
  },
};

// ---------------------------------------------------------------------------------------------------------
// Garbage

function garbage(rnd: Rng): { bytes: Uint8Array; detail: string } {
  const kinds: [string, () => Uint8Array][] = [
    ['empty', () => new Uint8Array(0)],
    ['random bytes', () => randomBytes(rnd, rnd.int(1, 8192))],
    ['age magic, then random bytes', () => concat(Buffer.from(AGE_MAGIC), randomBytes(rnd, rnd.int(0, 4096)))],
    ['part of the age magic', () => Buffer.from(AGE_MAGIC.slice(0, rnd.int(1, AGE_MAGIC.length - 1)))],
    [
      'an age header of random stanzas',
      () =>
        concat(
          Buffer.from(
            `${AGE_MAGIC}-> X25519 ${Buffer.from(randomBytes(rnd, 32)).toString('base64').replace(/=+$/, '')}\n` +
              `${Buffer.from(randomBytes(rnd, 32)).toString('base64').replace(/=+$/, '')}\n` +
              `--- ${Buffer.from(randomBytes(rnd, 32)).toString('base64').replace(/=+$/, '')}\n`,
          ),
          randomBytes(rnd, rnd.int(0, 200)),
        ),
    ],
    ['plain JSON', () => Buffer.from(JSON.stringify({ format: 'liaison-log-bundle', formatVersion: 1 }))],
    ['UTF-8 text', () => Buffer.from(rnd.pick(TRICKY_STRINGS).repeat(rnd.int(1, 100)))],
    ['a ZIP header', () => concat(Buffer.from('PK\x03\x04', 'latin1'), randomBytes(rnd, 512))],
  ];
  const [name, make] = rnd.pick(kinds);
  const bytes = make();
  return { bytes, detail: `${name} (${bytes.length} bytes)` };
}

// ---------------------------------------------------------------------------------------------------------
// JSON values: payloads and envelopes

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Strings that have broken parsers, databases, file names and time zone code before. */
export const TRICKY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '\u202egnp.exe',
  '🚓👮‍♀️',
  'ǅ',
  'Ⅻ',
  '../../../../etc/passwd',
  'C:\\Windows\\win.ini',
  "'; DROP TABLE record; --",
  '%s%n%x',
  '{{constructor.constructor("return process")()}}',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'NaN',
  '-0',
  '1e309',
  'Mars/Olympus_Mons',
  'Europe/',
  'UTC',
  'Etc/GMT+14',
  '2026-02-30',
  '2026-02-30T25:61:61.000Z',
  '0000-01-01T00:00:00.000Z',
  '+275760-09-13T00:00:00.000Z',
  '9999-12-31',
  'ZZ',
  'de',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
  'age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq',
];

const EDGE_NUMBERS = [0, -1, 1, 2, 1.5, -0, 2 ** 31, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e308, -1e308, 5e-324];

/** Every path to a value inside `value`, objects and arrays included (the root is []). */
function paths(value: Json, at: Path = [], out: Path[] = [], limit = 20_000): Path[] {
  if (out.length >= limit) return out;
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out, limit));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out, limit);
  }
  return out;
}

function get(root: Json, path: Path): Json | undefined {
  let v: Json | undefined = root;
  for (const k of path) v = v === null || typeof v !== 'object' ? undefined : (v as Record<string, Json>)[k];
  return v;
}

/** Sets (or, with `undefined`, deletes) the value at `path`; an own property even for "__proto__". */
function set(root: Json, path: Path, value: Json | undefined): Json {
  if (path.length === 0) return value ?? null;
  const parent = get(root, path.slice(0, -1));
  if (parent === null || typeof parent !== 'object') return root;
  const key = path[path.length - 1]!;
  if (Array.isArray(parent) && typeof key === 'number') {
    if (value === undefined) parent.splice(key, 1);
    else parent[key] = value;
  } else if (value === undefined) delete (parent as Record<string, Json>)[key];
  else Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
  return root;
}

function longString(rnd: Rng): string {
  const length = rnd.pick([101, 301, 1_001, 10_001, 100_000, 1_000_000]);
  const unit = rnd.pick(['x', 'é', '🚓', '\u0000', ' ', '\ud800', 'ab\ncd']);
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

function otherValue(rnd: Rng): Json {
  const kinds: (() => Json)[] = [
    () => null,
    () => rnd.chance(0.5),
    () => rnd.pick(EDGE_NUMBERS),
    () => rnd.pick(TRICKY_STRINGS),
    () => [],
    () => ({}),
    () => [rnd.pick(TRICKY_STRINGS)],
    () => ({ [rnd.pick(['__proto__', 'constructor', 'x', ''])]: rnd.pick(TRICKY_STRINGS) }),
  ];
  return rnd.pick(kinds)();
}

/**
 * Deep nesting is spliced into the payload's text after it is serialised: JSON.stringify recurses, so the
 * fuzzer itself could not serialise the depths that matter. The marker stands where the nesting goes.
 */
const DEEP_MARKER = /"\\u0000deep:(\d+)\\u0000"/g;
function deepMarker(depth: number): string {
  return `\u0000deep:${depth}\u0000`;
}
function spliceDeepNesting(text: string): string {
  return text.replace(DEEP_MARKER, (_m, depth: string) => `${'['.repeat(Number(depth))}${']'.repeat(Number(depth))}`);
}

type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The payload's records array, if it still is one, and its elements that are still objects: a mutation
 * before this one may have replaced either (stacked mutations meet any shape).
 */
function recordsOf(payload: Json): { list: Json[]; objects: JsonObject[] } | undefined {
  const list = isObject(payload) ? payload['records'] : undefined;
  return Array.isArray(list) ? { list, objects: list.filter(isObject) } : undefined;
}

type PayloadMutation = (rnd: Rng, payload: Json, kit: Toolkit) => string;

/** Picks one of `paths` and applies `change` to it, or says there was nothing to change. */
function atPath(rnd: Rng, candidates: Path[], change: (path: Path) => string): string {
  return candidates.length === 0 ? 'nothing to change' : change(rnd.pick(candidates));
}

/** Changes to a payload object; each returns what it did. The payload is then signed as it stands. */
export const PAYLOAD_MUTATIONS: Record<string, PayloadMutation> = {
  stringReplaced(rnd, payload) {
    const strings = paths(payload).filter((p) => typeof get(payload, p) === 'string');
    return atPath(rnd, strings, (target) => {
      const value = rnd.chance(0.7) ? rnd.pick(TRICKY_STRINGS) : String(rnd.pick(EDGE_NUMBERS));
      set(payload, target, value);
      return `${target.join('.')} = ${JSON.stringify(value)}`;
    });
  },
  oversizedString(rnd, payload) {
    const strings = paths(payload).filter((p) => typeof get(payload, p) === 'string');
    return atPath(rnd, strings, (target) => {
      const value = longString(rnd);
      set(payload, target, value);
      return `${target.join('.')} = ${value.length} characters`;
    });
  },
  numberReplaced(rnd, payload) {
    const numbers = paths(payload).filter((p) => typeof get(payload, p) === 'number');
    return atPath(rnd, numbers, (target) => {
      const value = rnd.pick(EDGE_NUMBERS);
      set(payload, target, value);
      return `${target.join('.')} = ${value}`;
    });
  },
  typeChanged(rnd, payload) {
    return atPath(rnd, paths(payload).slice(1), (target) => {
      const value = otherValue(rnd);
      set(payload, target, value);
      return `${target.join('.')} = ${JSON.stringify(value)}`;
    });
  },
  keyRemoved(rnd, payload) {
    const keys = paths(payload).filter((p) => p.length > 0 && typeof p[p.length - 1] === 'string');
    return atPath(rnd, keys, (target) => {
      set(payload, target, undefined);
      return `${target.join('.')} removed`;
    });
  },
  keyAdded(rnd, payload) {
    const objects = paths(payload).filter((p) => isObject(get(payload, p)));
    return atPath(rnd, objects, (at) => {
      const target = [...at, rnd.pick(['__proto__', 'constructor', 'toString', 'extra', '', 'id'])];
      set(payload, target, otherValue(rnd));
      return `${target.join('.')} added`;
    });
  },
  deepNesting(rnd, payload) {
    const target = rnd.pick([
      ['aggregates', 'engagements'],
      ['aggregates', 'extra'],
      ['manifest', 'counts', 'engagement'],
      ['records', 0, 'fields', 'notes'],
      ['records', 0, 'fields'],
    ]);
    const depth = rnd.pick([64, 1_000, 10_000, 100_000]);
    set(payload, target, deepMarker(depth));
    return `${target.join('.')} nested ${depth} deep`;
  },
  /** Newer revisions of some records, or the same records under new ids: HQ must really merge them. */
  recordsRevised(rnd, payload) {
    const records = recordsOf(payload)?.objects ?? [];
    if (records.length === 0) return 'no record';
    const n = rnd.int(1, records.length);
    const asNew = rnd.chance(0.5);
    for (let k = 0; k < n; k++) {
      const r = rnd.pick(records);
      if (asNew) r['id'] = rnd.uuid();
      else r['revision'] = (typeof r['revision'] === 'number' ? r['revision'] : 1) + rnd.int(1, 5);
    }
    return `${n} records ${asNew ? 'given new ids' : 'at newer revisions'}`;
  },
  recordDuplicated(rnd, payload) {
    const records = recordsOf(payload);
    if (!records || records.objects.length === 0) return 'no record to duplicate';
    const copy = structuredClone(rnd.pick(records.objects));
    if (rnd.chance(0.5)) copy['revision'] = rnd.pick([1, 2, 1_000_000]);
    const at = rnd.int(0, records.list.length);
    records.list.splice(at, 0, copy);
    return `a record duplicated at ${at} (revision ${JSON.stringify(copy['revision'])})`;
  },
  recordsDropped(rnd, payload) {
    const records = recordsOf(payload);
    if (!records || !isObject(payload)) return 'no records';
    const keep = rnd.int(0, records.list.length);
    payload['records'] = rnd.chance(0.5) ? records.list.slice(0, keep) : records.list.slice(keep);
    return `${payload['records'].length} records kept`;
  },
  recordKindSwapped(rnd, payload) {
    const records = recordsOf(payload)?.objects ?? [];
    if (records.length === 0) return 'no record';
    const kind = rnd.pick(['organisation', 'person', 'engagement', 'request', 'result', 'case']);
    rnd.pick(records)['kind'] = kind;
    return `a record claims kind ${kind}`;
  },
  foreignRecord(rnd, payload, kit) {
    const records = recordsOf(payload)?.objects ?? [];
    if (records.length === 0 || kit.foreignRecordIds.length === 0) return 'no record';
    const id = rnd.pick(kit.foreignRecordIds);
    const r = rnd.pick(records);
    r['id'] = id;
    r['revision'] = 1_000;
    return `a record takes the id of another's record ${id}`;
  },
  recordFlood(rnd, payload) {
    if (!isObject(payload)) return 'no payload object';
    const n = MAX_BUNDLE_RECORDS + rnd.int(1, 10);
    payload['records'] = new Array<Json>(n).fill({});
    return `${n} records`;
  },
  /** Format 2: tombstones added, doubled, aimed at another's record, at a record of the bundle, or edited. */
  tombstonesEdited(rnd, payload, kit) {
    if (!isObject(payload)) return 'no payload object';
    const m = payload['manifest'];
    if (isObject(m) && rnd.chance(0.8)) {
      m['formatVersion'] = 2;
      m['run'] ??= rnd.uuid();
    }
    const list = Array.isArray(payload['tombstones']) ? payload['tombstones'] : (payload['tombstones'] = []);
    const records = recordsOf(payload)?.objects ?? [];
    const fresh = (): JsonObject => ({
      kind: 'engagement',
      id: rnd.uuid(),
      state: rnd.pick(['trashed', 'purged']),
      revision: rnd.pick([1, 2, 50, null]),
      at: '2026-06-01T10:00:00.000Z',
    });
    const edits: [string, () => void][] = [
      ['a new tombstone', () => list.push(fresh())],
      [
        'a tombstone of a record in the bundle',
        () => {
          const r = records.length > 0 ? rnd.pick(records) : undefined;
          list.push({ ...fresh(), kind: r?.['kind'] ?? 'engagement', id: r?.['id'] ?? rnd.uuid() });
        },
      ],
      [
        'a tombstone of another’s record',
        () => list.push({ ...fresh(), id: rnd.pick([...kit.foreignRecordIds, rnd.uuid()]) }),
      ],
      ['a tombstone doubled', () => list.push(structuredClone(list.length > 0 ? rnd.pick(list) : fresh()))],
      ['a person tombstone', () => list.push({ ...fresh(), kind: 'person' })],
      [
        'a tombstone edited',
        () => {
          const t = list.filter(isObject);
          const target = t.length > 0 ? rnd.pick(t) : fresh();
          target[rnd.pick(['state', 'revision', 'at', 'kind', 'id'])] = otherValue(rnd);
          if (t.length === 0) list.push(target);
        },
      ],
      ['tombstones flood', () => (payload['tombstones'] = new Array<Json>(500_001).fill({}))],
    ];
    const [name, edit] = rnd.pick(edits.slice(0, rnd.chance(0.02) ? edits.length : edits.length - 1));
    edit();
    return name;
  },
  /** Format 2: a restore or a continuation declared, fitting or not. */
  seriesEdited(rnd, payload) {
    const m = isObject(payload) ? payload['manifest'] : undefined;
    if (!isObject(m)) return 'no manifest to edit';
    if (rnd.chance(0.9)) m['formatVersion'] = 2;
    if (rnd.chance(0.9)) m['run'] = rnd.uuid();
    const sequence = typeof m['sequence'] === 'number' ? m['sequence'] : 1;
    if (rnd.chance(0.6)) {
      const continuesAfter = rnd.pick([sequence - 1, 0, sequence, 2 ** 31, -1]);
      if (continuesAfter === 0 && rnd.chance(0.5)) m['sequence'] = 1;
      m['restore'] = {
        restoredAt: rnd.pick(['2026-06-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z', 'x']),
        backupOf: rnd.pick(['2026-05-01T00:00:00.000Z', '2031-01-01T00:00:00.000Z']),
        backupOfKnown: rnd.pick(['stated', 'newest_change', 'guess']),
        continuesAfter,
        previousRun: rnd.pick([null, rnd.uuid(), 'run']),
        lastIssued: rnd.pick([null, 0, sequence, 2 ** 53]),
      };
      if (rnd.chance(0.5)) m['previousHash'] = rnd.pick([null, 'f'.repeat(64)]);
      return `restore after ${continuesAfter}`;
    }
    m['continues'] = {
      keyId: rnd.pick(['0000-0000-0000-0000-0000-0000-0000-0000', 'not a key']),
      sequence: rnd.pick([0, 1, 2 ** 31]),
      hash: rnd.pick([null, 'e'.repeat(64)]),
    };
    return 'continues another key';
  },
  /** Format 2: earlier periods' figures restated, reversed, or not figures at all. */
  restatementsEdited(rnd, payload) {
    if (!isObject(payload)) return 'no payload object';
    const m = payload['manifest'];
    if (isObject(m)) {
      m['formatVersion'] = 2;
      m['run'] ??= rnd.uuid();
    }
    const aggregates = payload['aggregates'];
    const copy = isObject(aggregates) ? structuredClone(aggregates) : {};
    const edits: [string, () => void][] = [
      ['another period', () => Object.assign(copy, { from: '2025-01-01', to: '2025-03-31' })],
      ['reversed', () => Object.assign(copy, { from: '2025-03-31', to: '2025-01-01' })],
      ['not figures', () => Object.assign(copy, { engagements: otherValue(rnd) })],
      ['many', () => (payload['restatements'] = new Array<Json>(1_001).fill(copy))],
    ];
    const [name, edit] = rnd.pick(edits);
    edit();
    if (name !== 'many') payload['restatements'] = [copy];
    return `restatement ${name}`;
  },
  manifestEdited(rnd, payload) {
    const m = isObject(payload) ? payload['manifest'] : undefined;
    if (!isObject(m)) return 'no manifest to edit';
    const edits: [string, () => void][] = [
      ['level', () => (m['level'] = rnd.pick(['aggregate', 'pseudonymised', 'full']))],
      ['period reversed', () => (m['period'] = { from: '2026-06-30', to: '2024-12-01' })],
      ['recipients emptied', () => (m['recipients'] = [])],
      ['recipients of someone else', () => (m['recipients'] = ['0000-0000-0000-0000-0000-0000-0000-0000'])],
      ['sequence', () => (m['sequence'] = rnd.pick([1, 2, 2 ** 31, 2 ** 53 - 1]))],
      ['previousHash', () => (m['previousHash'] = rnd.pick([null, 'f'.repeat(64), 'F'.repeat(64), '']))],
      [
        'timeZone',
        () => (m['timeZone'] = rnd.pick(['Mars/Olympus_Mons', 'UTC', 'Pacific/Kiritimati', '', 'Etc/GMT-14'])),
      ],
      ['homeCountry', () => (m['homeCountry'] = rnd.pick(['ZZ', 'nl', 'NL', 'CO']))],
      ['postId', () => (m['postId'] = rnd.pick(['LIM', 'HQ', 'bog', 'BOG ']))],
      ['schemaVersion', () => (m['schemaVersion'] = rnd.pick([1, 999, 0]))],
      ['counts', () => (m['counts'] = { engagement: -1, ['__proto__']: 3 })],
    ];
    const [name, edit] = rnd.pick(edits);
    edit();
    return `manifest ${name}`;
  },
};

/** A payload string changed as text after it was made (flipped characters, cut short), then signed. */
function payloadTextMutated(rnd: Rng, text: string): { text: string; detail: string } {
  const chars = [...text];
  const kinds: [string, () => void][] = [
    [
      'characters flipped',
      () => {
        for (let n = rnd.int(1, 4); n > 0; n--)
          chars[rnd.int(0, chars.length - 1)] = rnd.pick(['"', '{', '}', ',', '0', 'x', '\\', ' ']);
      },
    ],
    ['cut short', () => chars.splice(rnd.int(0, chars.length - 1))],
    ['trailing text', () => chars.push(rnd.pick([' ', '\n', 'x', '{}', ',']))],
  ];
  const [name, change] = rnd.pick(kinds);
  change();
  return { text: chars.join(''), detail: `payload text ${name}` };
}

type EnvelopeMutation = (rnd: Rng, envelope: Record<string, Json>) => string;

const ENVELOPE_MUTATIONS: Record<string, EnvelopeMutation> = {
  formatVersion(rnd, e) {
    e['formatVersion'] = rnd.pick<Json>([0, 2, -1, 1.5, 2 ** 53, '1', null]);
    return `formatVersion = ${JSON.stringify(e['formatVersion'])}`;
  },
  format(rnd, e) {
    e['format'] = rnd.pick<Json>(['liaison-log-hq-key', 'LIAISON-LOG-BUNDLE', '', null]);
    return `format = ${JSON.stringify(e['format'])}`;
  },
  signatureKeyId(rnd, e) {
    const sig = e['signature'] as Record<string, Json>;
    sig['keyId'] = rnd.pick([
      'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-0000-1111',
      'aaaa',
      '',
      JSON.stringify(sig['keyId']).slice(1, -1).toLowerCase(),
    ]);
    return `signature.keyId = ${JSON.stringify(sig['keyId'])}`;
  },
  signatureValue(rnd, e) {
    const sig = e['signature'] as Record<string, Json>;
    const value = Buffer.from(typeof sig['value'] === 'string' ? sig['value'] : '', 'base64');
    const at = rnd.int(0, value.length - 1);
    value[at] = (value[at] ?? 0) ^ (1 << rnd.int(0, 7));
    sig['value'] = rnd.chance(0.8)
      ? value.toString('base64')
      : rnd.pick(['', '=', 'A'.repeat(86) + '==', 'A'.repeat(10_000)]);
    return 'signature.value changed';
  },
  signatureAlgorithm(rnd, e) {
    (e['signature'] as Record<string, Json>)['algorithm'] = rnd.pick(['Ed448', 'ed25519', 'none', '']);
    return 'signature.algorithm changed';
  },
  signatureRemoved(_rnd, e) {
    delete e['signature'];
    return 'signature removed';
  },
  payloadType(rnd, e) {
    e['payload'] = rnd.pick<Json>([
      null,
      1,
      [],
      {},
      JSON.parse(typeof e['payload'] === 'string' ? e['payload'] : 'null') as Json,
    ]);
    return `payload is ${Array.isArray(e['payload']) ? 'an array' : typeof e['payload']}`;
  },
  keyAdded(rnd, e) {
    Object.defineProperty(e, rnd.pick(['__proto__', 'extra', 'constructor']), {
      value: rnd.pick(TRICKY_STRINGS),
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return 'unknown key added';
  },
};

// ---------------------------------------------------------------------------------------------------------
// Inputs

const FAMILY_WEIGHTS: [Family, number][] = [
  ['bytes', 0.45],
  ['payload', 0.35],
  ['envelope', 0.1],
  ['garbage', 0.1],
];

function pickFamily(rnd: Rng): Family {
  let x = rnd.next();
  for (const [family, weight] of FAMILY_WEIGHTS) {
    if (x < weight) return family;
    x -= weight;
  }
  return 'bytes';
}

/** Makes input number `index` of a run seeded `runSeed` from the toolkit's valid bundles. */
export async function makeInput(kit: Toolkit, runSeed: number, index: number): Promise<FuzzInput> {
  const seed = inputSeed(runSeed, index);
  const rnd = seededRandom(seed);
  const family = pickFamily(rnd);
  const source = rnd.pick(kit.sources);
  const base = { index, seed, family };

  if (family === 'garbage') {
    const g = garbage(rnd);
    return { ...base, mutation: `garbage/${g.detail}`, bytes: g.bytes, candidates: [] };
  }

  if (family === 'bytes') {
    const other = rnd.pick(kit.sources);
    const name = rnd.pick(Object.keys(BYTE_MUTATIONS));
    let bytes = source.bytes;
    const details: string[] = [];
    // Mostly one mutation; sometimes a few stacked, as a file damaged twice would be.
    for (let n = rnd.chance(0.8) ? 1 : rnd.int(2, 4); n > 0; n--) {
      const step = n === 1 || details.length === 0 ? name : rnd.pick(Object.keys(BYTE_MUTATIONS));
      const r = BYTE_MUTATIONS[step]!(rnd, bytes, other.bytes);
      bytes = r.bytes;
      details.push(`${step} ${r.detail}`);
    }
    const candidates = [
      source.payloadText,
      ...(details.some((d) => /splice|oversize/.test(d)) ? [other.payloadText] : []),
    ];
    return { ...base, mutation: `bytes on ${source.name}: ${details.join('; ')}`, bytes, candidates };
  }

  if (family === 'envelope') {
    const envelope = JSON.parse(source.envelopeText) as Record<string, Json>;
    const name = rnd.pick(Object.keys(ENVELOPE_MUTATIONS));
    const detail = ENVELOPE_MUTATIONS[name]!(rnd, envelope);
    const bytes = await kit.encrypt(JSON.stringify(envelope));
    return { ...base, mutation: `envelope of ${source.name}: ${detail}`, bytes, candidates: [source.payloadText] };
  }

  // payload: a fresh export id and sequence, so that a payload that passes every check is imported, not
  // taken for the source it was made from; then the mutation, which may change those too.
  const payload = JSON.parse(source.payloadText) as Json;
  const manifest = isObject(payload) ? payload['manifest'] : undefined;
  if (!isObject(manifest)) throw new Error(`${source.name} has no manifest`);
  manifest['exportId'] = rnd.uuid();
  manifest['sequence'] = rnd.int(100, 2 ** 31);
  let text: string;
  let detail: string;
  if (rnd.chance(0.15)) {
    const t = payloadTextMutated(rnd, JSON.stringify(payload));
    text = t.text;
    detail = t.detail;
  } else {
    // Half the time the records are first made new to HQ, so that what follows meets the merge, not only
    // the checks before it; then one mutation, or a few stacked.
    const steps = rnd.chance(0.5) ? ['recordsRevised'] : [];
    for (let n = rnd.chance(0.7) ? 1 : rnd.int(2, 3); n > 0; n--) steps.push(rnd.pick(Object.keys(PAYLOAD_MUTATIONS)));
    // A flood of records comes last: the other mutations walk the records, and half a million would be slow.
    steps.sort((a, b) => Number(a === 'recordFlood') - Number(b === 'recordFlood'));
    detail = steps.map((name) => `${name}: ${PAYLOAD_MUTATIONS[name]!(rnd, payload, kit)}`).join('; ');
    text = spliceDeepNesting(JSON.stringify(payload));
  }
  const bytes = await kit.encrypt(kit.sign(text));
  return { ...base, mutation: `payload of ${source.name}, signed again: ${detail}`, bytes, candidates: [text] };
}
