import fc from 'fast-check';
import { z } from 'zod';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { CHANNELS, contract, type Channel } from '../../../shared/contract/ipc';
import { findCountry } from '../../../shared/taxonomy/countries';
import { CHANNEL_CODES } from '../../../shared/taxonomy/channels';
import { REQUEST_DIRECTIONS, REQUEST_STATUSES } from '../../../shared/requests/schema';
import type { Database } from '../../../electron/db/open';
import { createSession, type Session } from '../../../electron/session/session';
import { validRequestInput } from '../helpers/backend';
import { dumpDatabase, type DatabaseDump } from '../helpers/db-dump';
import { sha256File } from '../helpers/files';
import { TEST_PASSPHRASE, TEST_WORK_FACTOR } from '../helpers/session';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir';

// Every channel of the IPC contract is fed payloads that break it: wrong types, missing and extra fields,
// oversized text, prototype-pollution keys, and fast-check's generated values (fixed seed). Each must be
// answered with ok:false before any handler runs, and the database must be exactly as it was. The calls go
// through the unlock session, as IPC's do, so the session.* channels are attacked too; their files on disk
// (vault.json, key files) must not change either.

const SEED = 20_260_301;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HUGE = 'x'.repeat(1_000_000);
const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'];
/** Keys an attacker would try: pollution, Object.prototype names, and server-owned record fields. */
const HOSTILE_KEYS = [
  ...POLLUTION_KEYS,
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'isAdmin',
  'id',
  'revision',
  'createdAt',
  'updatedAt',
  'deletedAt',
  'dueAt',
  'kind',
  'sql',
  '',
  ' ',
];

// ---------------------------------------------------------------------------------------------------------
// Looking at the contract's own schemas, only to learn each channel's field names (never to judge validity).

/**
 * The object schema(s) behind a channel's input: one, or each option of a union of objects (a channel that
 * takes one of two shapes, e.g. backups.restore). `object` is undefined when the input is anything else.
 */
function unwrap(schema: z.ZodType): { object: z.ZodObject | undefined; options: z.ZodObject[]; optional: boolean } {
  let s: z.ZodType = schema;
  let optional = false;
  for (;;) {
    if (s instanceof z.ZodOptional) {
      optional = true;
      s = s.unwrap() as z.ZodType;
    } else if (s instanceof z.ZodDefault || s instanceof z.ZodNullable) {
      s = s.unwrap() as z.ZodType;
    } else if (s instanceof z.ZodPipe) {
      s = s.in as z.ZodType;
    } else break;
  }
  if (s instanceof z.ZodUnion) {
    const options = (s.options as z.ZodType[]).map((o) => unwrap(o).object);
    if (options.length > 0 && options.every((o): o is z.ZodObject => o !== undefined)) {
      return { object: options[0], options, optional };
    }
    return { object: undefined, options: [], optional };
  }
  return s instanceof z.ZodObject
    ? { object: s, options: [s], optional }
    : { object: undefined, options: [], optional };
}

function inputShape(channel: Channel) {
  const { options, optional } = unwrap(contract[channel].input as z.ZodType);
  const keys = [...new Set(options.flatMap((o) => Object.keys(o.shape)))];
  const nested: Record<string, string[]> = {};
  for (const o of options) {
    for (const [key, field] of Object.entries(o.shape)) {
      const inner = unwrap(field as z.ZodType).object;
      if (inner) nested[key] = Object.keys(inner.shape);
    }
  }
  return { isObject: options.length > 0, acceptsUndefined: optional, keys, nested };
}

// ---------------------------------------------------------------------------------------------------------
// Payload builders.

/** Adds an own, enumerable property even for "__proto__" (as JSON.parse and structured clone do). */
function withOwn(base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...base };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

function without(base: Record<string, unknown>, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(base).filter(([k]) => k !== key));
}

const anyValue = fc.anything({ maxDepth: 2, maxKeys: 4, withBigInt: true, withNullPrototype: true });
/** Values that are not objects at all, or are arrays: no object-shaped contract input accepts them. */
const nonObject = (includeUndefined: boolean) =>
  fc.oneof(
    fc.constantFrom<unknown>(null, true, false, 0, -0, 1, -1, NaN, Infinity, -Infinity, '', '{}', 'null'),
    fc.integer(),
    fc.double(),
    fc.bigInt(),
    fc.string(),
    fc.array(anyValue, { maxLength: 4 }),
    ...(includeUndefined ? [fc.constant(undefined)] : []),
  );

const notIn = (values: readonly unknown[]) => anyValue.filter((v) => !values.includes(v));
const notString = anyValue.filter((v) => typeof v !== 'string');
const notNumberOrUndefined = anyValue.filter((v) => typeof v !== 'number' && v !== undefined);
const nonInteger = fc.oneof(
  fc.double({ noInteger: true }),
  fc.constantFrom(NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 53), 1e308),
);
/** Text that is required: blank (after trimming), over the limit, or not text. */
const badRequiredText = (max: number) =>
  fc.oneof(
    notString,
    fc.constantFrom('', ' ', '\t\n ', '\u00a0\u2003'),
    fc.string({ minLength: max + 1, maxLength: max + 40 }).filter((s) => s.trim().length > max),
    fc.constant(`${'y'.repeat(max)}z`),
  );
const badCountry = fc.oneof(
  notString,
  fc.string({ maxLength: 4 }).filter((s) => findCountry(s) === undefined),
  fc.constantFrom('de', 'De', 'DEU', 'UK', 'EU', 'ZZ', ' DE', 'DE '),
);
const badInstant = fc.oneof(
  notString,
  fc.string().filter((s) => Number.isNaN(Date.parse(s))),
  // Real dates in a shape the contract does not take: no time, or no zone (ambiguous local time).
  fc
    .date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .chain((d) => fc.constantFrom(d.toISOString().slice(0, 10), d.toISOString().slice(0, 19), d.toUTCString())),
);
const badId = fc.oneof(
  notString,
  fc.string().filter((s) => !UUID_RE.test(s)),
  fc.uuid().map((u) => `${u}0`),
  fc.uuid().map((u) => u.replaceAll('-', '')),
  fc.uuid().map((u) => ` ${u}`),
  fc.constant(HUGE),
);
const badRevision = fc.oneof(
  fc.integer({ max: 0 }),
  nonInteger,
  anyValue.filter((v) => typeof v !== 'number'),
);
const badLimit = fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 1001 }), nonInteger, notNumberOrUndefined);
const badOffset = fc.oneof(fc.integer({ max: -1 }), nonInteger, notNumberOrUndefined);

/** A passphrase being checked: not text, empty, or beyond any passphrase's length. */
const badPassphrase = fc.oneof(notString, fc.constant(''), fc.constant('p'.repeat(1025)), fc.constant(HUGE));
/** A passphrase being chosen: the above, or under ten characters. */
const badNewPassphrase = fc.oneof(
  badPassphrase,
  fc.string({ minLength: 1, maxLength: 9 }),
  fc.constant('ééééé東東東東'),
);
const notBoolean = anyValue.filter((v) => v !== undefined && typeof v !== 'boolean');

const unknownKey = (known: readonly string[]) =>
  fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 12 })).filter((k) => !known.includes(k));

/** A field-by-field recipe for breaking one valid payload. */
type Breakers = Record<string, fc.Arbitrary<unknown>>;

const requestFieldBreakers: Breakers = {
  direction: notIn(REQUEST_DIRECTIONS),
  counterpartCountry: badCountry,
  counterpartAgency: badRequiredText(200),
  channel: notIn(CHANNEL_CODES),
  exchangedAt: badInstant,
  subject: badRequiredText(300),
  status: notIn(REQUEST_STATUSES),
};
const REQUIRED_REQUEST_FIELDS = Object.keys(requestFieldBreakers);

/** Payloads for one object, each broken in exactly one way relative to a valid `base`. */
function brokenObject(
  base: Record<string, unknown>,
  known: readonly string[],
  breakers: Breakers,
  required: readonly string[],
): fc.Arbitrary<Record<string, unknown>> {
  const options: fc.Arbitrary<Record<string, unknown>>[] = [
    fc.tuple(unknownKey(known), anyValue).map(([k, v]) => withOwn(base, k, v)),
  ];
  const breakable = Object.keys(breakers);
  if (breakable.length > 0) {
    options.push(
      fc
        .constantFrom(...breakable)
        .chain((key) =>
          breakers[key]!.map((value) => (value === undefined ? without(base, key) : { ...base, [key]: value })),
        ),
    );
  }
  if (required.length > 0) options.push(fc.constantFrom(...required).map((key) => without(base, key)));
  return fc.oneof(...options);
}

// ---------------------------------------------------------------------------------------------------------
// The data folder under attack: real data in every table the seed can reach.

let session: Session;
let db: Database;
let dataDir: string;
let vaultBaseline: Record<string, string>;
let seededRequest: { id: string; revision: number };
let baseline: DatabaseDump;
const logged: unknown[] = [];

async function seed(target: Pick<Session, 'invoke'>) {
  const first = await target.invoke('requests.create', validRequestInput());
  const second = await target.invoke(
    'requests.create',
    validRequestInput({ direction: 'outgoing', subject: 'Second' }),
  );
  if (!first.ok || !second.ok) throw new Error(`Seeding failed: ${JSON.stringify([first, second])}`);
  const id = (first.value as { id: string }).id;
  const updated = await target.invoke('requests.update', {
    id,
    revision: 1,
    fields: validRequestInput({ subject: 'Edited once' }),
  });
  if (!updated.ok) throw new Error(`Seeding failed: ${JSON.stringify(updated)}`);
  const settings = await target.invoke('settings.update', { language: 'nl' });
  if (!settings.ok) throw new Error(`Seeding failed: ${JSON.stringify(settings)}`);
  return { id, revision: (updated.value as { revision: number }).revision };
}

beforeAll(async () => {
  dataDir = makeTempDir('liaison-log-hostile-');
  session = createSession({ dataDir, kdfWorkFactor: TEST_WORK_FACTOR, log: (_m, e) => logged.push(e) });
  const set = await session.setup(TEST_PASSPHRASE, false);
  const open = session.backend();
  if (!set.ok || !open) throw new Error(`Setup failed: ${JSON.stringify(set)}`);
  db = open.db;
  seededRequest = await seed(session);
  baseline = dumpDatabase(db);
  vaultBaseline = vaultFiles();
});

afterAll(async () => {
  await session.lock();
  removeTempDir(dataDir);
});

/** The session's own files, by content: a refused session.* call must not touch them. */
function vaultFiles(): Record<string, string> {
  return Object.fromEntries(
    ['vault.json', 'key.age', 'key.recovery.age'].map((name) => [name, sha256File(`${dataDir}/${name}`)]),
  );
}

function totalChanges(): number {
  return db.prepare('SELECT total_changes() AS n').pluck().get() as number;
}

function describeValue(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, 80) : typeof value;
}

/** One hostile call: must be refused as invalid input, without a single row written. */
async function expectRefused(channel: unknown, payload: unknown, code = 'invalid_input'): Promise<void> {
  const before = totalChanges();
  const result = await session.invoke(channel, payload);
  expect(result.ok, `accepted a payload for ${describeValue(channel)}`).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe(code);
  expect(typeof result.error.message).toBe('string');
  if (code === 'invalid_input') {
    const fields = result.error.fields;
    expect(fields).toBeDefined();
    expect(Object.keys(fields ?? {}).length).toBeGreaterThan(0);
    for (const problem of Object.values(fields ?? {})) {
      expect(typeof problem.code).toBe('string');
      expect(typeof problem.message).toBe('string');
    }
  }
  expect(totalChanges()).toBe(before);
}

// ---------------------------------------------------------------------------------------------------------
// Valid payloads for the channels whose fields these tests know in detail; each is proved valid below.

function validBase(channel: Channel): Record<string, unknown> | undefined {
  const shape = inputShape(channel);
  if (channel === 'requests.create') return validRequestInput();
  if (channel === 'requests.update') {
    return {
      id: seededRequest.id,
      revision: seededRequest.revision,
      fields: validRequestInput({ subject: 'Hostile' }),
    };
  }
  if (channel === 'settings.update') return { language: 'en' };
  // A backup that is not there: valid input, refused as not found (nothing is restored).
  if (channel === 'backups.restore') return { fileName: 'liaison-log-manual-20260101T000000Z-s5.db' };
  // The file channels: valid input, refused because no host dialog granted a file (nothing is written).
  if (channel === 'backups.saveCopy') return { fileName: 'liaison-log-manual-20260101T000000Z-s5.db' };
  if (channel === 'exports.saveCopy') return { exportId: '00000000-0000-4000-8000-000000000000' };
  if (channel === 'imports.run') return { fromDialog: true };
  if (channel === 'posts.enrol') return {};
  if (channel === 'reports.saveArt18') return { year: 2026, format: 'csv' };
  if (channel === 'networkConfig.saveCopy') return { version: 1 };
  if (channel === 'reports.saveTable') {
    return { name: 'Table', columns: [{ key: 'n', header: 'N' }], rows: [{ n: 1 }], format: 'csv' };
  }
  if (channel === 'session.setup') return { passphrase: TEST_PASSPHRASE, osBind: false };
  if (channel === 'session.unlock') return { passphrase: TEST_PASSPHRASE };
  if (channel === 'session.changePassphrase') {
    return { oldPassphrase: 'not the passphrase, but long', newPassphrase: 'another passphrase entirely' };
  }
  if (channel === 'session.recover')
    return { secret: 'not a recovery code', newPassphrase: 'another passphrase entirely' };
  if (shape.keys.length === 1 && shape.keys[0] === 'id') return { id: seededRequest.id };
  if (shape.keys.length === 0) return {};
  if (['filters', 'sort', 'limit', 'offset'].every((k) => shape.keys.includes(k)) || channel === 'requests.list') {
    return { limit: 10, offset: 0 };
  }
  return undefined;
}

function breakersFor(channel: Channel): { breakers: Breakers; required: string[] } {
  const shape = inputShape(channel);
  if (channel === 'requests.create') return { breakers: requestFieldBreakers, required: REQUIRED_REQUEST_FIELDS };
  if (channel === 'requests.update') {
    return {
      breakers: {
        id: badId,
        revision: badRevision,
        fields: fc.oneof(
          nonObject(true),
          brokenObject(
            validRequestInput(),
            shape.nested['fields'] ?? [],
            requestFieldBreakers,
            REQUIRED_REQUEST_FIELDS,
          ),
        ),
      },
      required: ['id', 'revision', 'fields'],
    };
  }
  if (channel === 'session.setup') {
    return { breakers: { passphrase: badNewPassphrase, osBind: notBoolean }, required: ['passphrase'] };
  }
  if (channel === 'session.unlock') return { breakers: { passphrase: badPassphrase }, required: ['passphrase'] };
  if (channel === 'imports.run') {
    return { breakers: { fromDialog: notIn([true, undefined]), dryRun: notBoolean }, required: ['fromDialog'] };
  }
  if (channel === 'backups.saveCopy') {
    return {
      breakers: {
        fileName: fc.oneof(
          notString,
          fc.constantFrom('../key.age', '/etc/passwd', 'liaison-log-manual-20260101T000000Z-s5.db/../x', HUGE),
        ),
      },
      required: ['fileName'],
    };
  }
  if (channel === 'session.changePassphrase') {
    return {
      breakers: { oldPassphrase: badPassphrase, newPassphrase: badNewPassphrase },
      required: ['oldPassphrase', 'newPassphrase'],
    };
  }
  if (channel === 'session.recover') {
    return {
      breakers: {
        secret: fc.oneof(
          notString,
          fc.constantFrom('', '   ', '\n\t'),
          fc.constant('A'.repeat(201)),
          fc.constant(HUGE),
        ),
        newPassphrase: badNewPassphrase,
        osBind: notBoolean,
      },
      required: ['secret', 'newPassphrase'],
    };
  }
  if (channel === 'settings.update') {
    const settingBreakers: Breakers = {
      language: anyValue.filter((v) => v !== undefined && v !== 'en' && v !== 'nl'),
    };
    const extra: Breakers = {
      postName: fc.oneof(
        notString.filter((v) => v !== undefined),
        fc.constant('p'.repeat(101)),
      ),
      homeCountry: badCountry.filter((v) => v !== undefined),
      hostCountry: badCountry.filter((v) => v !== undefined && v !== null),
      timeZone: fc.oneof(
        notString.filter((v) => v !== undefined),
        fc.constantFrom('Mars/Olympus_Mons', 'Europe/', HUGE),
      ),
      quietDays: fc.oneof(fc.integer({ max: 6 }), fc.integer({ min: 3651 }), nonInteger, notNumberOrUndefined),
      autoLockMinutes: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 241 }), nonInteger, notNumberOrUndefined),
    };
    for (const [key, arb] of Object.entries(extra)) if (shape.keys.includes(key)) settingBreakers[key] = arb;
    return { breakers: settingBreakers, required: [] };
  }
  if (shape.keys.length === 1 && shape.keys[0] === 'id') return { breakers: { id: badId }, required: ['id'] };
  if (shape.keys.includes('limit') && shape.keys.includes('offset')) {
    const listBreakers: Breakers = { limit: badLimit, offset: badOffset };
    if (shape.keys.includes('filters')) {
      listBreakers['filters'] = fc.oneof(
        nonObject(false).filter((v) => v !== undefined),
        fc.tuple(unknownKey(shape.nested['filters'] ?? []), anyValue).map(([k, v]) => withOwn({}, k, v)),
        badCountry.filter((v) => v !== undefined).map((country) => ({ country })),
        badId.filter((v) => v !== undefined).map((linkedTo) => ({ linkedTo })),
        fc.constant({ text: HUGE }),
      );
    }
    if (shape.keys.includes('sort'))
      listBreakers['sort'] = anyValue.filter((v) => v !== undefined && typeof v !== 'string');
    return { breakers: listBreakers, required: [] };
  }
  return { breakers: {}, required: [] };
}

/**
 * The channels whose valid starting payload is refused for what it names, with the code each must answer:
 * never invalid_input (the payload is valid) and never internal (nothing may fail unexpectedly).
 */
const EXPECTED_REFUSALS: Partial<Record<Channel, string>> = {
  // Answered by the host (Electron's main process), never by the backend.
  'app.restartBackend': 'conflict',
  // The folder is set up already; the passphrase and the recovery secret of the payloads are not its own.
  'session.setup': 'conflict',
  'session.changePassphrase': 'wrong_passphrase',
  'session.recover': 'wrong_recovery_secret',
  // A backup that is not there.
  'backups.restore': 'not_found',
  // Channels that save or open a file: valid input, but no host dialog granted a file.
  ...Object.fromEntries(
    [
      'session.saveRecoveryFile',
      'backups.saveCopy',
      'exports.saveCopy',
      'imports.run',
      'keys.importHq',
      'keys.saveHqKeyFile',
      'keys.saveEnrolmentFile',
      'posts.readEnrolment',
      'posts.enrol',
      'reports.saveTable',
      'reports.saveArt18',
    ].map((channel) => [channel, 'forbidden']),
  ),
  // Handover to a successor (issue 13, item 6): file channels without a granted file.
  'handover.saveSuccessorFile': 'forbidden',
  'handover.readSuccessor': 'forbidden',
  'handover.readPackage': 'forbidden',
  // Revocation (issue 13, item 3): the data folder is not set up as HQ.
  'posts.history': 'conflict',
  // Retention and data-subject duties (issue 13, item 5): the id is an information request's, not a person's.
  'person.data': 'not_found',
  // Spreadsheet import (issue 14, item 5): file channels without a granted file.
  'sheetImport.open': 'forbidden',
  'sheetImport.openMapping': 'forbidden',
  // Work plans (issue 14, item 3): no planned activity has that id.
  'workplan.remove': 'not_found',
  // "Save a copy as…" of a published network configuration (issue 14 leftovers): no file granted by the host.
  'networkConfig.saveCopy': 'forbidden',
  // The id is an information request's: the other kinds' channels that take an id do not find it.
  ...Object.fromEntries(
    ['engagements', 'results', 'organisations', 'people', 'cases'].flatMap((kind) =>
      ['get', 'delete', 'restore', 'history'].map((op) => [`${kind}.${op}`, 'not_found']),
    ),
  ),
};

// ---------------------------------------------------------------------------------------------------------

describe('contract hostility', () => {
  it('the contract has the channels this suite was written for', () => {
    for (const channel of [
      'app.info',
      'stats.counts',
      'settings.get',
      'settings.update',
      'requests.list',
      'requests.get',
      'requests.create',
      'requests.update',
      'session.status',
      'session.setup',
      'session.unlock',
      'session.lock',
      'session.changePassphrase',
      'session.recover',
      'session.saveRecoveryFile',
      'backups.saveCopy',
      'backups.restore',
      'keys.saveHqKeyFile',
      'keys.saveEnrolmentFile',
      'keys.importHq',
      'posts.readEnrolment',
      'posts.enrol',
      'exports.saveCopy',
      'imports.run',
      'reports.saveTable',
      'reports.saveArt18',
    ]) {
      expect(CHANNELS).toContain(channel);
    }
  });

  it('every channel takes a strict object (or nothing): no other kind of input', () => {
    for (const channel of CHANNELS) {
      const { object, options } = unwrap(contract[channel].input as z.ZodType);
      expect(object, channel).toBeInstanceOf(z.ZodObject);
      // Strict: unknown keys are an error, not silently dropped (in every shape a union offers).
      for (const o of options) expect(o.def.catchall, channel).toBeInstanceOf(z.ZodNever);
    }
  });

  it('the valid payloads used as a starting point are really accepted (on a separate data folder)', async () => {
    const dir = makeTempDir('liaison-log-valid-');
    const otherLogged: unknown[] = [];
    const other = createSession({
      dataDir: dir,
      kdfWorkFactor: TEST_WORK_FACTOR,
      log: (_message, error) => otherLogged.push(error),
    });
    try {
      expect((await other.setup(TEST_PASSPHRASE, false)).ok).toBe(true);
      const seeded = await seed(other);
      // The three that must simply succeed do.
      expect((await other.invoke('requests.create', validBase('requests.create'))).ok).toBe(true);
      expect((await other.invoke('settings.update', validBase('settings.update'))).ok).toBe(true);
      const updated = await other.invoke('requests.update', {
        ...validBase('requests.update'),
        id: seeded.id,
        revision: seeded.revision,
      });
      expect(updated.ok).toBe(true);
      const current = { id: seeded.id, revision: seeded.revision + 1 };
      const refusals: Partial<Record<Channel, string>> = {};
      // session.lock last: after it every other channel would answer `locked`.
      const ordered = [...CHANNELS.filter((c) => c !== 'session.lock'), 'session.lock' as const];
      for (const channel of ordered) {
        const base = validBase(channel);
        if (base === undefined) continue;
        const payload =
          'id' in base
            ? { ...base, id: current.id, ...('revision' in base ? { revision: current.revision } : {}) }
            : base;
        const result = await other.invoke(channel, payload);
        if (!result.ok) refusals[channel] = result.error.code;
        if (channel === 'requests.update' && result.ok) current.revision += 1;
      }
      // Validation passed: each refusal is the specific answer to that data, never invalid_input or internal.
      expect(refusals).toEqual(EXPECTED_REFUSALS);
      expect(otherLogged, 'a handler failed with an internal error').toEqual([]);
      expect(other.status().state).toBe('locked');
    } finally {
      await other.lock();
      removeTempDir(dir);
    }
  });

  describe.each(CHANNELS.map((c) => [c]))('%s', (channel) => {
    const shape = inputShape(channel);

    it('refuses hand-written malformed payloads and changes nothing', async () => {
      const base = validBase(channel) ?? {};
      const payloads: unknown[] = [
        null,
        0,
        -1,
        1.5,
        NaN,
        Infinity,
        '',
        'payload',
        HUGE,
        true,
        false,
        10n,
        Symbol('payload'),
        () => base,
        [],
        [base],
        [[]],
        JSON.parse('{"__proto__": {"polluted": "yes"}}'),
        JSON.parse(`{"__proto__": {"polluted": "yes"}, ${JSON.stringify(base).slice(1, -1) || '"x": 1'}}`),
        withOwn(base, '__proto__', { polluted: 'yes' }),
        withOwn(base, 'constructor', { prototype: { polluted: 'yes' } }),
        withOwn(base, 'prototype', { polluted: 'yes' }),
        withOwn(base, 'toString', 'not a function'),
        withOwn(base, 'hasOwnProperty', 1),
        withOwn(base, 'k'.repeat(10_000), 1),
        withOwn(base, '', 1),
        withOwn(base, HUGE.slice(0, 200), HUGE),
      ];
      if (!shape.acceptsUndefined) payloads.push(undefined);
      for (const key of breakersFor(channel).required) payloads.push(without(base, key));
      for (const key of shape.keys) {
        payloads.push({ ...base, [key]: HUGE });
        payloads.push({ ...base, [key]: [HUGE] });
        payloads.push({ ...base, [key]: { [key]: base[key] } });
        payloads.push(withOwn(base, key, JSON.parse('{"__proto__": {"polluted": "yes"}}')));
      }
      for (const payload of payloads) await expectRefused(channel, payload);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(dumpDatabase(db)).toEqual(baseline);
      expect(vaultFiles()).toEqual(vaultBaseline);
      expect(session.status()).toMatchObject({ state: 'unlocked', failedAttempts: 0 });
    });

    it('refuses generated malformed payloads (fast-check, fixed seed) and changes nothing', async () => {
      const base = validBase(channel);
      const { breakers, required } = breakersFor(channel);
      const generators: fc.Arbitrary<unknown>[] = [
        nonObject(!shape.acceptsUndefined),
        // Any object with a key the channel does not have.
        fc
          .tuple(fc.dictionary(fc.string({ maxLength: 6 }), anyValue, { maxKeys: 3 }), unknownKey(shape.keys), anyValue)
          .map(([obj, k, v]) => withOwn(obj, k, v)),
        // An unknown key one level down, inside a nested object such as `fields` or `filters`.
        ...Object.entries(shape.nested).map(([key, innerKeys]) =>
          fc
            .tuple(unknownKey(innerKeys), anyValue)
            .map(([k, v]) => ({ ...(base ?? {}), [key]: withOwn(key === 'fields' ? validRequestInput() : {}, k, v) })),
        ),
      ];
      if (base !== undefined) generators.push(brokenObject(base, shape.keys, breakers, required));
      await fc.assert(
        fc.asyncProperty(fc.oneof(...generators), async (payload) => {
          await expectRefused(channel, payload);
        }),
        { seed: SEED, numRuns: base !== undefined && Object.keys(breakers).length > 0 ? 300 : 100 },
      );
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(dumpDatabase(db)).toEqual(baseline);
      expect(vaultFiles()).toEqual(vaultBaseline);
      expect(session.status()).toMatchObject({ state: 'unlocked', failedAttempts: 0 });
    });
  });

  describe('file channels: the page can name no path and send no base64', () => {
    const BACKUP = 'liaison-log-manual-20260101T000000Z-s5.db';
    const bytes = new Uint8Array([1, 2, 3]);
    const cases: [Channel, unknown][] = [
      ['backups.restore', { path: '/etc/passwd' }],
      ['backups.restore', { pickFile: true, path: '/tmp/backup.db' }],
      ['backups.restore', { pickFile: false }],
      ['backups.restore', { name: 'copy.db', base64: 'AAAA' }],
      ['backups.saveCopy', { fileName: BACKUP, folder: '/tmp' }],
      ['session.saveRecoveryFile', { savedTo: '/tmp/key.recovery.age' }],
      ['keys.saveHqKeyFile', { path: '/tmp/hq.json' }],
      ['keys.importHq', { content: '{}' }],
      ['keys.importHq', { path: '/etc/passwd' }],
      ['posts.enrol', { content: '{}' }],
      ['posts.enrol', { token: 'not-a-token' }],
      ['exports.saveCopy', { exportId: '00000000-0000-4000-8000-000000000000', fileName: '../../etc/passwd' }],
      ['exports.saveCopy', { exportId: '00000000-0000-4000-8000-000000000000', fileName: '/tmp/x.llbundle' }],
      ['exports.saveCopy', { exportId: '00000000-0000-4000-8000-000000000000', savedTo: '/tmp/x' }],
      ['imports.run', { fromDialog: true, paths: ['/etc/passwd'] }],
      ['imports.run', { files: [{ name: 'a.llbundle', base64: 'AAAA' }] }],
      ['imports.run', { files: [{ name: 'a.llbundle', bytes: 'AAAA' }] }],
      ['imports.run', { files: [{ name: 'a.llbundle', bytes: [1, 2, 3] }] }],
      ['imports.run', { files: [{ name: 'a.llbundle', bytes: { 0: 1, length: 1 } }] }],
      ['imports.run', { files: [{ name: 'a.llbundle', bytes, path: '/etc/passwd' }] }],
      ['imports.run', { files: [{ name: '', bytes }] }],
      ['imports.run', { files: [] }],
      ['imports.run', { files: Array.from({ length: 21 }, (_, i) => ({ name: `f${i}`, bytes })) }],
      ['imports.run', { fromDialog: true, files: [{ name: 'a', bytes }] }],
      ['reports.saveArt18', { year: 2026, format: 'csv', path: '/tmp/a.csv' }],
    ];
    it.each(cases.map(([c, p], i) => [i, c, p] as const))('#%i %s refuses a path or file content', async (_i, c, p) => {
      await expectRefused(c, p);
      expect(dumpDatabase(db)).toEqual(baseline);
    });

    it('a bundle over the size limit is refused by the contract before it reaches the import', async () => {
      // A typed array of the limit + 2 bytes: large, but refused on its length, never parsed.
      const big = new Uint8Array(64 * 1024 * 1024 + 2);
      await expectRefused('imports.run', { files: [{ name: 'big.llbundle', bytes: big }] });
    });

    it('valid input without a file granted by the host is refused as forbidden, and nothing is written', async () => {
      for (const [channel, payload] of [
        ['session.saveRecoveryFile', {}],
        ['keys.saveHqKeyFile', {}],
        ['keys.importHq', {}],
        ['posts.readEnrolment', {}],
        ['backups.saveCopy', { fileName: BACKUP }],
        ['backups.restore', { pickFile: true }],
        ['imports.run', { fromDialog: true }],
        ['reports.saveArt18', { year: 2026, format: 'csv' }],
      ] as const) {
        const before = totalChanges();
        const result = await session.invoke(channel, payload);
        expect([channel, result.ok ? 'ok' : result.error.code]).toEqual([channel, 'forbidden']);
        expect(totalChanges()).toBe(before);
      }
      expect(dumpDatabase(db)).toEqual(baseline);
      expect(vaultFiles()).toEqual(vaultBaseline);
    });
  });

  describe('channel names', () => {
    it('answers unknown_channel to names that are not in the contract, even with a valid payload', async () => {
      const names: unknown[] = [
        'requests.delete_all',
        'db.exec',
        'requests',
        'requests.',
        '.create',
        'Requests.create',
        'REQUESTS.CREATE',
        'requests.create ',
        ' requests.create',
        'requests.create\0',
        'requests/create',
        'requests..create',
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'valueOf',
        '',
        HUGE,
        null,
        undefined,
        0,
        10n,
        Symbol('requests.create'),
        ['requests.create'],
        { channel: 'requests.create' },
        new String('requests.create'),
        Object.create(null),
        (() => {
          const cyclic: Record<string, unknown> = {};
          cyclic['self'] = cyclic;
          return cyclic;
        })(),
      ];
      for (const name of names) await expectRefused(name, validRequestInput(), 'unknown_channel');
      expect(dumpDatabase(db)).toEqual(baseline);
    });

    it('answers unknown_channel to generated names (fast-check, fixed seed)', async () => {
      const name = fc.oneof(
        fc.anything({ maxDepth: 1, withBigInt: true, withNullPrototype: true }),
        fc.constantFrom(...CHANNELS).chain((c) =>
          fc.oneof(
            fc.string({ maxLength: 3, minLength: 1 }).map((s) => c + s),
            fc.string({ maxLength: 3, minLength: 1 }).map((s) => s + c),
            fc.constant(c.toUpperCase()),
          ),
        ),
      );
      await fc.assert(
        fc.asyncProperty(
          name.filter((n) => !(CHANNELS as unknown[]).includes(n)),
          async (n) => {
            await expectRefused(n, validRequestInput(), 'unknown_channel');
          },
        ),
        { seed: SEED, numRuns: 300 },
      );
      expect(dumpDatabase(db)).toEqual(baseline);
    });
  });

  it('no handler failed along the way (every refusal came from validation, not from an exception)', () => {
    expect(logged).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('field problems', () => {
  async function problems(channel: Channel, payload: unknown) {
    const result = await session.invoke(channel, payload);
    expect(result.ok).toBe(false);
    if (result.ok) return {};
    expect(result.error.code).toBe('invalid_input');
    return result.error.fields ?? {};
  }

  it('required: a missing or blank required field', async () => {
    expect(await problems('requests.create', without(validRequestInput(), 'subject'))).toMatchObject({
      subject: { code: 'required' },
    });
    expect(await problems('requests.create', validRequestInput({ subject: '' }))).toMatchObject({
      subject: { code: 'required' },
    });
    expect(await problems('requests.create', validRequestInput({ counterpartAgency: '  \t ' }))).toMatchObject({
      counterpartAgency: { code: 'required' },
    });
    expect(await problems('requests.create', validRequestInput({ exchangedAt: null }))).toMatchObject({
      exchangedAt: { code: 'required' },
    });
  });

  it('too_long: text over its limit, with the limit as a parameter', async () => {
    const fields = await problems(
      'requests.create',
      validRequestInput({ subject: 's'.repeat(301), counterpartAgency: 'a'.repeat(201) }),
    );
    expect(fields).toMatchObject({
      subject: { code: 'too_long', params: { max: 300 } },
      counterpartAgency: { code: 'too_long', params: { max: 200 } },
    });
    // Exactly at the limit is fine, and trimming happens before counting (checked on the contract alone:
    // nothing may be written to the database under attack).
    const atLimit = validRequestInput({ subject: ` ${'s'.repeat(300)} `, counterpartAgency: 'a'.repeat(200) });
    expect(contract['requests.create'].input.safeParse(atLimit).success).toBe(true);
  });

  it('invalid_country: a code that is not in the country list', async () => {
    for (const counterpartCountry of ['ZZ', 'de', 'DEU', 'UK', '']) {
      expect(
        await problems('requests.create', validRequestInput({ counterpartCountry })),
        counterpartCountry,
      ).toMatchObject({
        counterpartCountry: { code: 'invalid_country' },
      });
    }
  });

  it('invalid_date: text that is not a complete instant with a time zone', async () => {
    for (const exchangedAt of [
      'yesterday',
      '2026-03-01',
      '2026-03-01T09:30:00',
      '2026-13-01T09:30:00Z',
      '01/03/2026 09:30',
    ]) {
      expect(await problems('requests.create', validRequestInput({ exchangedAt })), exchangedAt).toMatchObject({
        exchangedAt: { code: 'invalid_date' },
      });
    }
  });

  it('invalid_option: a value outside a fixed list', async () => {
    const fields = await problems(
      'requests.create',
      validRequestInput({ direction: 'sideways', channel: 'fax', status: 'lost' }),
    );
    expect(fields).toMatchObject({
      direction: { code: 'invalid_option' },
      channel: { code: 'invalid_option' },
      status: { code: 'invalid_option' },
    });
    expect(await problems('settings.update', { language: 'fr' })).toMatchObject({
      language: { code: 'invalid_option' },
    });
  });

  it('reports every broken field at once, each at its own path', async () => {
    const fields = await problems(
      'requests.create',
      validRequestInput({
        direction: 'sideways',
        counterpartCountry: 'ZZ',
        counterpartAgency: '',
        exchangedAt: 'soon',
        subject: 's'.repeat(301),
      }),
    );
    expect(fields).toMatchObject({
      direction: { code: 'invalid_option' },
      counterpartCountry: { code: 'invalid_country' },
      counterpartAgency: { code: 'required' },
      exchangedAt: { code: 'invalid_date' },
      subject: { code: 'too_long' },
    });
    expect(fields).not.toHaveProperty('channel');
    expect(fields).not.toHaveProperty('status');
  });

  it('nested fields of an update are reported under fields.<name>', async () => {
    const fields = await problems('requests.update', {
      id: seededRequest.id,
      revision: seededRequest.revision,
      fields: validRequestInput({ subject: '', counterpartCountry: 'XX', exchangedAt: '2026-03-01', status: 'gone' }),
    });
    expect(fields).toMatchObject({
      'fields.subject': { code: 'required' },
      'fields.counterpartCountry': { code: 'invalid_country' },
      'fields.exchangedAt': { code: 'invalid_date' },
      'fields.status': { code: 'invalid_option' },
    });
    expect(Object.keys(fields).every((path) => path.startsWith('fields.'))).toBe(true);
  });

  it('an unknown field is reported as unknown_field on the object that holds it', async () => {
    expect(await problems('requests.create', validRequestInput({ isAdmin: true }))).toEqual({
      _: expect.objectContaining({ code: 'unknown_field' }),
    });
    expect(
      await problems('requests.update', {
        id: seededRequest.id,
        revision: seededRequest.revision,
        fields: validRequestInput({ id: seededRequest.id }),
      }),
    ).toEqual({ fields: expect.objectContaining({ code: 'unknown_field' }) });
  });

  it('bad id and revision are reported at id and revision', async () => {
    const fields = await problems('requests.update', { id: 'not-an-id', revision: 0, fields: validRequestInput() });
    expect(Object.keys(fields).sort()).toEqual(['id', 'revision']);
    expect(await problems('requests.get', { id: 'nope' })).toHaveProperty('id');
  });

  it('the database is still exactly as seeded, and the session unlocked with its files unchanged', () => {
    expect(dumpDatabase(db)).toEqual(baseline);
    expect(vaultFiles()).toEqual(vaultBaseline);
    expect(session.status().state).toBe('unlocked');
  });
});
