import { createPrivateKey, sign } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Decrypter, Encrypter } from 'age-encryption';
import type { z } from 'zod';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';
import { generateDemo } from '../../../electron/demo/generate';
import { openedContent, savedContent } from '../../../electron/files/trusted';
import { PostId, SIGNATURE_CONTEXT, type BundlePayload } from '../../../shared/exchange/formats';
import { ImportReport, REJECTION_REASONS, type FileReport } from '../../../shared/exchange/schema';
import { CaseInput } from '../../../shared/records/case';
import { EngagementInput } from '../../../shared/records/engagement';
import type { RecordKind } from '../../../shared/records/kinds';
import { OrganisationInput } from '../../../shared/records/organisation';
import { PersonInput } from '../../../shared/records/person';
import { OperationalResultInput } from '../../../shared/records/result';
import { InformationRequestInput } from '../../../shared/requests/schema';
import { Id } from '../../../shared/validation/primitives';
import { purgeRecords, withoutLinkTo } from '../../../electron/records/purge';
import { dumpDatabase, type DatabaseDump } from '../helpers/db-dump';
import { inputSeed, makeInput, type FuzzInput, type Source, type Toolkit } from './fuzz-mutations';

// The import fuzzer's world and judge, shared by tests/unit/exchange/fuzz.test.ts and scripts/fuzz.ts (no
// vitest here). The world is real: an HQ and two posts on SQLite files in a temporary folder, real keys,
// bundles made by the posts' own export. HQ has already imported one bundle of each post, so replays,
// sequence clashes and records of another post are all within reach of a mutation.
//
// Every input goes through the contract (`imports.run`, as the UI sends it). The judge then requires:
//  - an answer (no exception, no `internal` error, nothing in the backend's error log), shaped as the contract
//    says;
//  - rejected: a reason from the documented list, a message, and a database equal to the one before, table
//    by table and row by row;
//  - already imported: an export HQ really had, and a database equal to the one before;
//  - imported: one of the payloads the file was made from (never anything else), with exactly its records
//    merged by the documented rule (newest revision wins) and nothing else touched;
//  - a dry run predicts the real run and changes nothing.
// Each input runs inside a transaction that is rolled back afterwards (the importer's own transactions become
// savepoints in it), so every input meets the same HQ and can be replayed on its own from its seed.

export const DEMO_UNTIL = new Date('2026-06-30T12:00:00Z');
const WHOLE_PERIOD = { from: '2024-12-01', to: '2026-06-30' } as const;

/**
 * Tables an import may write: the records, what is derived from them (links, phenomena, search, the dashboards'
 * tables), the audit trail and the bundle log. Every other table (keys, enrolments, settings...) must come out
 * exactly as it went in; a new table an import writes belongs here, with a reason: held_aggregate,
 * received_tombstone and purged_record hold what a bundle's figures and tombstones said (migration 011 and 010);
 * effort_* are derived from the records by triggers (migration 015).
 */
const IMPORT_TABLES =
  /^(record|record_link|record_phenomenon|record_search.*|dashboard_.*|audit_entry|imported_bundle|held_aggregate|received_tombstone|purged_record|effort_.*)$/;

const SCHEMAS: Record<RecordKind, z.ZodType> = {
  organisation: OrganisationInput,
  person: PersonInput,
  engagement: EngagementInput,
  request: InformationRequestInput,
  result: OperationalResultInput,
  case: CaseInput,
};

export interface World {
  readonly hq: Backend;
  readonly kit: Toolkit;
  /** HQ's database as every input finds it. */
  readonly baseline: DatabaseDump;
  /** Everything the HQ backend passed to its error log (an exception inside a handler). */
  readonly logged: unknown[];
  readonly root: string;
  /** Closes HQ and removes the folder, unless `keep` (to look at it after a failure). */
  close(keep?: boolean): void;
}

type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/**
 * One setup call. `file`: 'save' runs a save channel into a temporary file and answers its content; bytes
 * are written to a temporary file and granted to an open channel (as the host does after its dialog).
 */
async function call<T>(backend: Backend, channel: string, input: unknown, file?: 'save' | Uint8Array): Promise<T> {
  const answer = (
    file === 'save'
      ? await savedContent(backend.invoke, channel as 'keys.saveHqKeyFile', input as never)
      : file
        ? await openedContent(backend.invoke, channel as 'keys.importHq', input as never, file)
        : await backend.invoke(channel, input)
  ) as Answer<T>;
  if (!answer.ok) throw new Error(`setting up the fuzz world: ${channel} failed: ${answer.error.message}`);
  return answer.value;
}

async function exportBundle(
  post: Backend,
  level: string,
  period: { from: string; to: string } = WHOLE_PERIOD,
): Promise<Uint8Array> {
  const entry = await call<{ path: string }>(post, 'exports.create', { ...period, level });
  return fs.readFileSync(entry.path);
}

async function importInto(hq: Backend, name: string, bytes: Uint8Array): Promise<void> {
  const report = await call<ImportReport>(hq, 'imports.run', {
    files: [{ name, bytes }],
  });
  if (report.files[0]?.outcome !== 'imported') throw new Error(`setting up the fuzz world: ${name} not imported`);
}

/** An HQ with two enrolled posts (BOG with demo data, LIM), five valid bundles, and the tools to sign more. */
export async function createWorld(): Promise<World> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-fuzz-'));
  const logged: unknown[] = [];
  const open = (name: string) =>
    createBackend({ dataDir: path.join(root, name), now: () => DEMO_UNTIL, log: (_m, error) => logged.push(error) });
  const hq = open('hq');
  const posts: Backend[] = [];
  try {
    await call(hq, 'identity.init', { role: 'hq', hqName: 'Fuzz HQ' });
    const keyFile = await call<Buffer>(hq, 'keys.saveHqKeyFile', {}, 'save');
    const bog = open('bog');
    const lim = open('lim');
    posts.push(bog, lim);
    for (const [post, postId, country] of [
      [bog, 'BOG', 'CO'],
      [lim, 'LIM', 'PE'],
    ] as const) {
      await call(post, 'identity.init', {
        role: 'post',
        postId,
        postName: `Post ${postId}`,
        officer: 'J. de Vries',
        country,
      });
      await call(post, 'keys.importHq', {}, keyFile);
      const enrolment = await call<Buffer>(post, 'keys.saveEnrolmentFile', {}, 'save');
      await call(hq, 'posts.enrol', {}, enrolment);
    }
    generateDemo(bog.db, bog.services.store, { records: 40, seed: 7, until: DEMO_UNTIL });
    generateDemo(lim.db, lim.services.store, { records: 12, seed: 8, until: DEMO_UNTIL });

    const bogFull = await exportBundle(bog, 'full');
    // A later revision of one record, so the next bundles update HQ's copy rather than only repeat it.
    const engagement = bog.db
      .prepare("SELECT id, revision, data FROM record WHERE kind = 'engagement' LIMIT 1")
      .get() as {
      id: string;
      revision: number;
      data: string;
    };
    bog.services.store.update('engagement', engagement.id, engagement.revision, {
      ...(JSON.parse(engagement.data) as Record<string, unknown>),
      subject: 'Changed after the first export',
    });
    const raw: [string, Uint8Array][] = [
      ['BOG-full-1', bogFull],
      ['BOG-full-2', await exportBundle(bog, 'full')],
      ['BOG-pseudonymised-3', await exportBundle(bog, 'pseudonymised')],
      ['BOG-aggregate-4', await exportBundle(bog, 'aggregate')],
      ['LIM-full-1', await exportBundle(lim, 'full')],
    ];
    // Format 2: an engagement HQ holds moved to the trash, another purged, so the next export carries their
    // tombstones and restates the whole period, which was last sent at the aggregate level.
    const [trashed, purged] = bog.db
      .prepare("SELECT id FROM record WHERE kind = 'engagement' AND id <> ? ORDER BY id LIMIT 2")
      .pluck()
      .all(engagement.id) as string[];
    bog.services.store.setTrashed('engagement', trashed!, true);
    purgeRecords(bog.db, [purged!], 'trash_emptied', { now: DEMO_UNTIL });
    raw.push(['BOG-lifecycle-5', await exportBundle(bog, 'full', { from: '2026-06-01', to: '2026-06-30' })]);
    await importInto(hq, 'BOG-full-1', bogFull);
    await importInto(hq, 'LIM-full-1', raw[4]![1]);
    const own = await call<{ id: string }>(hq, 'organisations.create', {
      name: 'HQ’s own partner',
      country: 'NL',
      type: 'police',
    });

    const secrets = (
      hq.db.prepare("SELECT private_key FROM own_key WHERE purpose = 'hq_encryption'").all() as {
        private_key: string;
      }[]
    ).map((r) => r.private_key);
    const recipient = (
      hq.db.prepare("SELECT public_key FROM own_key WHERE purpose = 'hq_encryption'").get() as { public_key: string }
    ).public_key;
    const sources: Source[] = [];
    for (const [name, bytes] of raw) {
      const d = new Decrypter();
      for (const s of secrets) d.addIdentity(s);
      const envelopeText = await d.decrypt(bytes, 'text');
      sources.push({
        name,
        bytes,
        envelopeText,
        payloadText: (JSON.parse(envelopeText) as { payload: string }).payload,
      });
    }
    const signing = bog.db
      .prepare("SELECT key_id, private_key FROM own_key WHERE purpose = 'signing' AND retired_at IS NULL")
      .get() as { key_id: string; private_key: string };
    const privateKey = createPrivateKey({
      key: Buffer.from(signing.private_key, 'base64'),
      format: 'der',
      type: 'pkcs8',
    });
    const limIds = (lim.db.prepare('SELECT id FROM record').all() as { id: string }[]).map((r) => r.id);

    const kit: Toolkit = {
      sources,
      sign(payloadText) {
        const signature = sign(null, Buffer.from(SIGNATURE_CONTEXT + payloadText, 'utf8'), privateKey);
        return JSON.stringify({
          format: 'liaison-log-bundle',
          formatVersion: 1,
          payload: payloadText,
          signature: { algorithm: 'Ed25519', keyId: signing.key_id, value: signature.toString('base64') },
        });
      },
      async encrypt(plaintext) {
        const e = new Encrypter();
        e.addRecipient(recipient);
        return e.encrypt(plaintext);
      },
      foreignRecordIds: [...limIds.slice(0, 3), own.id],
    };
    for (const p of posts) p.close();
    const baseline = dumpDatabase(hq.db);
    return {
      hq,
      kit,
      baseline,
      logged,
      root,
      close(keep = false) {
        if (hq.db.open) hq.close();
        if (!keep) fs.rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    for (const b of [hq, ...posts]) if (b.db.open) b.close();
    fs.rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

export interface Verdict {
  readonly input: FuzzInput;
  readonly outcome: FileReport['outcome'] | 'error';
  readonly reason: FileReport['reason'];
  readonly message: string;
  /** Broken promises; empty when the importer did what it should. */
  readonly failures: string[];
  readonly ms: number;
}

/** Makes input `index` of the run seeded `seed`, imports it into the world's HQ and judges the result. */
export async function fuzzOne(world: World, seed: number, index: number): Promise<Verdict> {
  let input: FuzzInput;
  try {
    input = await makeInput(world.kit, seed, index);
  } catch (error) {
    // A bug in the fuzzer, not in the importer: reported as a failure all the same, so it gets fixed.
    const mutation = 'none: the fuzzer failed to make this input';
    return {
      input: {
        index,
        seed: inputSeed(seed, index),
        family: 'garbage',
        mutation,
        bytes: new Uint8Array(0),
        candidates: [],
      },
      outcome: 'error',
      reason: null,
      message: '',
      failures: [`the fuzzer itself failed: ${describe(error)}`],
      ms: 0,
    };
  }
  return judge(world, input, index % 10 === 0);
}

/** Imports one input (after a dry run of it, if asked) and judges what happened. */
export async function judge(world: World, input: FuzzInput, withDryRun: boolean): Promise<Verdict> {
  const started = performance.now();
  const failures: string[] = [];
  let dry: FileReport | undefined;
  if (withDryRun) {
    const r = await attempt(world, input, true, failures);
    dry = r.report;
  }
  const { report } = await attempt(world, input, false, failures);
  if (dry && report && (dry.outcome !== report.outcome || dry.reason !== report.reason)) {
    failures.push(`the dry run said ${dry.outcome}/${dry.reason}, the real run ${report.outcome}/${report.reason}`);
  }
  return {
    input,
    outcome: report?.outcome ?? 'error',
    reason: report?.reason ?? null,
    message: report?.message ?? '',
    failures,
    ms: performance.now() - started,
  };
}

async function attempt(
  world: World,
  input: FuzzInput,
  dryRun: boolean,
  failures: string[],
): Promise<{ report?: FileReport }> {
  const { hq } = world;
  const loggedBefore = world.logged.length;
  const label = dryRun ? 'dry run: ' : '';
  hq.db.exec('BEGIN');
  try {
    let answer: Awaited<ReturnType<Backend['invoke']>>;
    try {
      answer = await hq.invoke('imports.run', {
        files: [{ name: `input-${input.index}.llbundle`, bytes: input.bytes }],
        dryRun,
      });
    } catch (error) {
      failures.push(`${label}imports.run threw: ${describe(error)}`);
      return {};
    }
    for (const error of world.logged.slice(loggedBefore)) failures.push(`${label}internal error: ${describe(error)}`);
    if (!answer.ok) {
      failures.push(`${label}imports.run answered ${answer.error.code}: ${answer.error.message}`);
      return {};
    }
    const parsed = ImportReport.safeParse(answer.value);
    if (!parsed.success) {
      failures.push(`${label}the report breaks the contract: ${parsed.error.issues[0]?.message ?? ''}`);
      return {};
    }
    const report = parsed.data.files[0];
    if (!report || parsed.data.files.length !== 1) {
      failures.push(`${label}expected a report for one file, got ${parsed.data.files.length}`);
      return {};
    }
    const after = dumpDatabase(hq.db);
    for (const problem of check(world, input, report, after, dryRun)) failures.push(label + problem);
    return { report };
  } finally {
    if (hq.db.inTransaction) hq.db.exec('ROLLBACK');
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.slice(0, 300)}` : String(error).slice(0, 300);
}

/** The judge: what must be true of the report and the database after one import. */
export function check(
  world: World,
  input: FuzzInput,
  report: FileReport,
  after: DatabaseDump,
  dryRun: boolean,
): string[] {
  const problems: string[] = [];
  const unchanged = () => {
    const diff = differingTables(world.baseline, after, () => true);
    if (diff.length > 0) problems.push(`the database changed (${diff.join(', ')}) though it ${report.outcome}`);
  };
  if (report.outcome === 'rejected') {
    if (report.reason === null || !(REJECTION_REASONS as readonly string[]).includes(report.reason)) {
      problems.push(`rejected without a documented reason (${String(report.reason)})`);
    }
    if (report.message.trim() === '') problems.push('rejected without a message');
    if (report.added + report.updated + report.unchanged !== 0) problems.push('rejected, yet counted records');
    unchanged();
    return problems;
  }
  if (report.reason !== null) problems.push(`${report.outcome} with a reason (${report.reason})`);
  const candidate = input.candidates
    .map((text) => parseCandidate(text))
    .find((p) => p !== undefined && p.manifest.exportId === report.exportId);
  if (!candidate) {
    problems.push(
      `${report.outcome} export ${String(report.exportId)}, which is none of the payloads it was made from`,
    );
    return problems;
  }
  if (report.outcome === 'already_imported') {
    const known = world.baseline.tables['imported_bundle']?.some(
      (b) => (b as { export_id: string }).export_id === report.exportId,
    );
    if (!known) problems.push(`already_imported, but HQ never imported ${String(report.exportId)}`);
    unchanged();
    return problems;
  }
  // Imported.
  const m = candidate.manifest;
  const key = world.baseline.tables['enrolled_key']?.find((k) => (k as { key_id: string }).key_id === m.signerKeyId) as
    { post_id: string; revoked_at: string | null } | undefined;
  if (!key || key.revoked_at !== null)
    problems.push(`imported a bundle signed by ${m.signerKeyId}, not an enrolled key`);
  // A post code as the contract reads it (PostId trims surrounding spaces).
  if (report.postId !== key?.post_id || PostId.safeParse(m.postId).data !== key?.post_id) {
    problems.push(`imported for post ${String(report.postId)}, the manifest says ${m.postId}`);
  }
  if (report.sequence !== m.sequence)
    problems.push(`reported sequence ${report.sequence}, the manifest says ${m.sequence}`);
  if (report.added + report.updated + report.unchanged !== candidate.records.length) {
    problems.push(
      `counted ${report.added}+${report.updated}+${report.unchanged} records of ${candidate.records.length} in the bundle`,
    );
  }
  if (dryRun) {
    unchanged();
    return problems;
  }
  problems.push(...checkMerge(world, candidate, key?.post_id ?? '', after));
  return problems;
}

function parseCandidate(text: string): BundlePayload | undefined {
  try {
    const p = JSON.parse(text) as BundlePayload;
    return p && typeof p === 'object' && p.manifest && Array.isArray(p.records) ? p : undefined;
  } catch {
    return undefined;
  }
}

interface RecordRow {
  id: string;
  kind: string;
  revision: number;
  data: string;
  origin_post: string | null;
  origin_level: string | null;
}

/** The database after an import holds exactly the bundle's records merged by the documented rule, and no more. */
function checkMerge(world: World, p: BundlePayload, postId: string, after: DatabaseDump): string[] {
  const problems: string[] = [];
  const other = differingTables(world.baseline, after, (name) => !IMPORT_TABLES.test(name));
  if (other.length > 0) problems.push(`an import changed tables it has no business in: ${other.join(', ')}`);

  // A restore the bundle declares may supersede bundles of its key: only that column of theirs may change, to
  // this bundle's export id, on bundles of the same key numbered after the sequence the restore continues from.
  const bare = (b: unknown) => JSON.stringify({ ...(b as object), superseded_by: null });
  const baseBundles = (world.baseline.tables['imported_bundle'] ?? []) as Record<string, unknown>[];
  const newBundles = (after.tables['imported_bundle'] ?? []).filter(
    (b) => !baseBundles.some((old) => bare(old) === bare(b)),
  ) as Record<string, unknown>[];
  for (const b of after.tables['imported_bundle'] as Record<string, unknown>[]) {
    const old = baseBundles.find((o) => o['export_id'] === b['export_id']);
    if (!old || old['superseded_by'] === b['superseded_by']) continue;
    const fits =
      p.manifest.restore !== undefined &&
      b['superseded_by'] === p.manifest.exportId &&
      b['key_id'] === p.manifest.signerKeyId &&
      (b['sequence'] as number) > p.manifest.restore.continuesAfter;
    if (!fits) problems.push(`bundle ${String(b['export_id'])} superseded by ${String(b['superseded_by'])}`);
  }
  const expectedBundle = {
    export_id: p.manifest.exportId,
    post_id: postId,
    key_id: p.manifest.signerKeyId,
    sequence: p.manifest.sequence,
    previous_hash: p.manifest.previousHash,
    period_from: p.manifest.period.from,
    period_to: p.manifest.period.to,
    level: p.manifest.level,
    created_at: p.manifest.createdAt,
    counts: JSON.stringify(p.manifest.counts),
    aggregates: JSON.stringify(p.aggregates),
  };
  if (newBundles.length !== 1) problems.push(`${newBundles.length} bundles logged for one import`);
  else {
    const logged = Object.fromEntries(Object.keys(expectedBundle).map((k) => [k, newBundles[0]![k]]));
    if (JSON.stringify(logged) !== JSON.stringify(expectedBundle)) {
      problems.push(
        `the bundle log says ${JSON.stringify(logged).slice(0, 300)}, the manifest ${JSON.stringify(expectedBundle).slice(0, 300)}`,
      );
    }
  }

  const rowsBefore = new Map((world.baseline.tables['record'] as RecordRow[]).map((r) => [r.id, r]));
  const rowsAfter = new Map((after.tables['record'] as RecordRow[]).map((r) => [r.id, r]));
  // Format 2 tombstones: a purged record is gone (and links to it out of the records that held them), a record
  // moved to the trash is in HQ's trash at the tombstone's revision when that is newer than HQ's.
  const purged = new Set<string>();
  const trashed = new Map<string, { revision: number; at: string }>();
  for (const t of p.tombstones ?? []) {
    const id = Id.safeParse(t.id).data ?? t.id;
    if (t.state === 'purged') purged.add(id);
    else if (t.revision !== null) trashed.set(id, { revision: t.revision, at: new Date(t.at).toISOString() });
  }
  for (const id of purged) if (rowsAfter.has(id)) problems.push(`record ${id} was purged by the post, yet is here`);
  for (const [id, t] of trashed) {
    const before = rowsBefore.get(id);
    const row = rowsAfter.get(id) as (RecordRow & { deleted_at: string | null }) | undefined;
    if (!before) {
      if (row) problems.push(`record ${id}, trashed at the post, appeared`);
      continue;
    }
    const expected = before.revision < t.revision ? { revision: t.revision, deleted_at: t.at } : undefined;
    if (expected && (row?.revision !== expected.revision || row.deleted_at !== expected.deleted_at)) {
      problems.push(`record ${id} is not in the trash at revision ${t.revision}`);
    }
    if (!expected && JSON.stringify(row) !== JSON.stringify(before)) {
      problems.push(`record ${id} changed though HQ had a newer one than the tombstone`);
    }
  }
  /** A record's data with every link to a purged record taken out. */
  const unlinked = (data: string) => {
    let fields = JSON.parse(data) as Record<string, unknown>;
    for (const id of purged) fields = withoutLinkTo(fields, id).data;
    return JSON.stringify(fields);
  };
  // The newest revision of each id in the bundle (the first of equals), as the post sent it; ids as the
  // contract reads them (Id lower-cases a UUID).
  const newest = new Map<string, BundlePayload['records'][number]>();
  for (const r of p.records) {
    const id = Id.safeParse(r.id).data ?? r.id;
    const seen = newest.get(id);
    if (!seen || r.revision > seen.revision) newest.set(id, r);
  }
  for (const [id, r] of newest) {
    const before = rowsBefore.get(id);
    const row = rowsAfter.get(id);
    const replaces =
      !before ||
      before.revision < r.revision ||
      (before.revision === r.revision && p.manifest.level === 'full' && before.origin_level !== 'full');
    if (!row) {
      problems.push(`record ${id} of the bundle is not in the database`);
      continue;
    }
    if (!replaces) {
      if (JSON.stringify(row) !== JSON.stringify(before))
        problems.push(`record ${id} changed though HQ had a newer one`);
      continue;
    }
    const fields = SCHEMAS[r.kind].safeParse(r.fields);
    const expected = {
      kind: r.kind,
      revision: r.revision,
      data: fields.success ? JSON.stringify(fields.data) : '(invalid fields)',
      origin_post: postId,
      origin_level: p.manifest.level === 'full' ? 'full' : 'pseudonymised',
    };
    const actual = {
      kind: row.kind,
      revision: row.revision,
      data: row.data,
      origin_post: row.origin_post,
      origin_level: row.origin_level,
    };
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      problems.push(
        `record ${id} is stored as ${JSON.stringify(actual).slice(0, 200)}, expected ${JSON.stringify(expected).slice(0, 200)}`,
      );
    }
  }
  for (const [id, row] of rowsAfter) {
    if (newest.has(id) || trashed.has(id)) continue;
    const before = rowsBefore.get(id);
    if (!before) problems.push(`record ${id} appeared though the bundle does not hold it`);
    else if (JSON.stringify(before) !== JSON.stringify(row)) {
      const onlyUnlinked =
        purged.size > 0 && JSON.stringify({ ...before, data: unlinked(before.data) }) === JSON.stringify(row);
      if (!onlyUnlinked) problems.push(`record ${id} changed though the bundle does not hold it`);
    }
  }
  for (const id of rowsBefore.keys())
    if (!rowsAfter.has(id) && !purged.has(id)) problems.push(`record ${id} disappeared`);
  return problems;
}

/** Names of the tables (and schema, user_version) that differ between two dumps, among those `include` names. */
function differingTables(a: DatabaseDump, b: DatabaseDump, include: (table: string) => boolean): string[] {
  const out: string[] = [];
  if (a.userVersion !== b.userVersion) out.push('user_version');
  if (JSON.stringify(a.schema) !== JSON.stringify(b.schema)) out.push('schema');
  for (const name of new Set([...Object.keys(a.tables), ...Object.keys(b.tables)])) {
    if (!include(name)) continue;
    if (JSON.stringify(a.tables[name]) !== JSON.stringify(b.tables[name])) out.push(name);
  }
  return out;
}

/** What a run came to: inputs by family, outcomes and reasons, the failures and the slowest inputs. */
export interface Summary {
  inputs: number;
  byFamily: Record<string, number>;
  imported: number;
  alreadyImported: number;
  rejected: Record<string, number>;
  failures: Verdict[];
  slowest: { index: number; seed: number; mutation: string; ms: number }[];
}

/** Adds verdicts up as they come (a long run keeps no input but the failing ones). */
export function createTally() {
  const summary: Summary = {
    inputs: 0,
    byFamily: {},
    imported: 0,
    alreadyImported: 0,
    rejected: {},
    failures: [],
    slowest: [],
  };
  return {
    summary,
    add(v: Verdict): void {
      summary.inputs += 1;
      summary.byFamily[v.input.family] = (summary.byFamily[v.input.family] ?? 0) + 1;
      if (v.outcome === 'imported') summary.imported += 1;
      else if (v.outcome === 'already_imported') summary.alreadyImported += 1;
      else if (v.outcome === 'rejected')
        summary.rejected[v.reason ?? '(none)'] = (summary.rejected[v.reason ?? '(none)'] ?? 0) + 1;
      if (v.failures.length > 0) summary.failures.push(v);
      const { index, seed, mutation } = v.input;
      summary.slowest.push({ index, seed, mutation, ms: v.ms });
      summary.slowest.sort((a, b) => b.ms - a.ms);
      summary.slowest.length = Math.min(summary.slowest.length, 5);
    },
  };
}
