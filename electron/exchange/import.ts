import { verify } from 'node:crypto';
import fs from 'node:fs';
import { Decrypter } from 'age-encryption';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  BundlePayload,
  MAX_BUNDLE_BYTES,
  MAX_BUNDLE_RECORDS,
  Envelope,
  SIGNATURE_CONTEXT,
} from '../../shared/exchange/formats';
import type { FileReport, ImportReport } from '../../shared/exchange/schema';
import { Overview } from '../../shared/overview/schema';
import { TimeZone } from '../../shared/settings/schema';
import { CaseInput } from '../../shared/records/case';
import { EngagementInput } from '../../shared/records/engagement';
import type { RecordKind } from '../../shared/records/kinds';
import { OrganisationInput } from '../../shared/records/organisation';
import { PersonInput } from '../../shared/records/person';
import { OperationalResultInput } from '../../shared/records/result';
import { InformationRequestInput } from '../../shared/requests/schema';
import { englishText, messageRef, type MessageRef } from '../../shared/contract/messages';
import { CancelledError } from '../backend/dispatch';
import { ForeignRecordError, type RecordStore } from '../records/store';
import { holdCatchUp, inDashboardBatch } from '../reports/dashboard-batch';
import { sha256Hex } from './fingerprint';
import { ed25519FromRaw, type IdentityService } from './identity';
import { missingSequences } from './sequence-gaps';
import { carriesKind, fieldsForLevel } from './levels';

// HQ's import: decrypt, verify, check, then merge in one transaction. Each rejection names its reason and
// changes nothing. Limits keep a hostile file from exhausting memory: the file size is checked before
// anything is read into the parser, and the record count before anything is merged.

export { MAX_BUNDLE_BYTES } from '../../shared/exchange/formats';
const MAX_RECORDS = MAX_BUNDLE_RECORDS;
const AGE_MAGIC = 'age-encryption.org/v1\n';

const SCHEMAS: Record<RecordKind, z.ZodType> = {
  organisation: OrganisationInput,
  person: PersonInput,
  engagement: EngagementInput,
  request: InformationRequestInput,
  result: OperationalResultInput,
  case: CaseInput,
};

/** A file refused for `reason`; `detail` says exactly why, by stable code (its English text is the message). */
class Rejection extends Error {
  constructor(
    readonly reason: NonNullable<FileReport['reason']>,
    readonly detail: MessageRef,
  ) {
    super(englishText(detail));
  }
}

/** A file's report with its outcome's message, in English and by code. */
function withDetail(report: FileReport, detail: MessageRef): FileReport {
  return { ...report, message: englishText(detail), detail };
}

/** How far ahead of HQ's clock a bundle's creation time may be (see verifyEnvelope). */
export const MAX_CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

class DryRunRollback extends Error {}

/** A file that passed every check, with the merge that writes it (run inside the file's transaction). */
interface Checked {
  readonly report: FileReport;
  readonly exportId: string;
  readonly keyId: string;
  readonly sequence: number;
  readonly merge: () => FileReport;
}

/**
 * What the files merged earlier in a run brought: in a dry run their merges were rolled back, so HQ's tables
 * no longer say so, but a later file repeating one of them must be reported as the real run would.
 */
interface RunMemory {
  /** export id -> the key that signed it */
  readonly exports: Map<string, string>;
  /** "key id:sequence" -> export id */
  readonly sequences: Map<string, string>;
}

/** A file the run did not reach because it was cancelled after earlier files were imported. */
function cancelledReport(file: string): FileReport {
  return withDetail({ ...blankReport(file), reason: 'cancelled' }, messageRef('import.cancelled_before'));
}

/** A file's report before anything is known of it. */
function blankReport(file: string): FileReport {
  return {
    file,
    outcome: 'rejected',
    reason: null,
    message: '',
    postId: null,
    exportId: null,
    sequence: null,
    added: 0,
    updated: 0,
    unchanged: 0,
  };
}

/**
 * A file to import: its bytes (dropped onto the page, or read by a trusted caller), or a path the officer
 * chose in the host's dialog, read only when its turn comes (one bundle in memory at a time).
 */
export type ImportSource = { name: string; bytes: Uint8Array } | { name: string; path: string };

/** Reads a chosen bundle file, refusing one too large to be a bundle on its size, before reading it. */
async function readBundleFile(file: string): Promise<Uint8Array> {
  let size: number;
  try {
    const stat = await fs.promises.stat(file);
    if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    size = stat.size;
    if (size <= MAX_BUNDLE_BYTES) {
      const bytes = await fs.promises.readFile(file);
      if (bytes.length <= MAX_BUNDLE_BYTES) return bytes;
      size = bytes.length;
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new Rejection(
      'unreadable',
      messageRef('import.unreadable', { error: typeof code === 'string' ? code : 'error' }),
    );
  }
  throw new Rejection('too_large', messageRef('import.too_large.file', { size, limit: MAX_BUNDLE_BYTES }));
}

export interface ImportDeps {
  db: Database;
  store: RecordStore;
  identity: IdentityService;
  now: () => Date;
}

export function createImportService(deps: ImportDeps) {
  const { db } = deps;
  const enrolled = db.prepare<[string], { public_key: string; post_id: string; revoked_at: string | null }>(
    'SELECT public_key, post_id, revoked_at FROM enrolled_key WHERE key_id = ?',
  );
  const already = db.prepare<[string], { export_id: string; key_id: string }>(
    'SELECT export_id, key_id FROM imported_bundle WHERE export_id = ?',
  );
  const sameSequence = db.prepare<[string, number], { export_id: string }>(
    'SELECT export_id FROM imported_bundle WHERE key_id = ? AND sequence = ?',
  );
  const insertBundle = db.prepare(`INSERT INTO imported_bundle (export_id, post_id, key_id, sequence, file_sha256,
      previous_hash, period_from, period_to, level, created_at, imported_at, counts, aggregates, file_name)
    VALUES (@exportId, @postId, @keyId, @sequence, @sha, @previousHash, @from, @to, @level, @createdAt, @importedAt,
      @counts, @aggregates, @fileName)`);

  async function decrypt(bytes: Uint8Array): Promise<string> {
    const head = new TextDecoder().decode(bytes.subarray(0, AGE_MAGIC.length));
    if (head !== AGE_MAGIC) {
      // Cut short inside its very first line, a bundle still starts like one.
      if (bytes.length > 0 && bytes.length < AGE_MAGIC.length && AGE_MAGIC.startsWith(head))
        throw new Rejection('truncated', messageRef('import.truncated.first_line'));
      throw new Rejection('not_a_bundle', messageRef('import.not_a_bundle.not_age'));
    }
    const headerEnd = findHeaderEnd(bytes);
    if (headerEnd < 0) {
      // The header is text and the encrypted content after it is binary: a file that is all text was cut
      // short inside its header; one with binary content but no header end had its header altered.
      if (bytes.every((b) => b === 0x0a || (b >= 0x20 && b < 0x7f)))
        throw new Rejection('truncated', messageRef('import.truncated.header'));
      throw new Rejection('tampered', messageRef('import.tampered.header_end'));
    }
    // After the header come a 16-byte nonce and at least one chunk with its 16-byte authentication tag.
    if (bytes.length < headerEnd + 32) throw new Rejection('truncated', messageRef('import.truncated.content'));
    const decrypter = new Decrypter();
    for (const k of deps.identity.hqSecrets()) decrypter.addIdentity(k.secret);
    try {
      // The header on its own first, so that a damaged header is not reported as damaged content.
      await decrypter.decryptHeader(bytes.subarray(0, headerEnd));
    } catch (error) {
      const message = (error as Error).message;
      if (message.includes('no identity matched')) {
        throw new Rejection('not_addressed_to_us', messageRef('import.not_addressed_to_us.keys'));
      }
      if (message.includes('header HMAC')) throw new Rejection('tampered', messageRef('import.tampered.header_mac'));
      throw new Rejection('tampered', messageRef('import.tampered.header_invalid'));
    }
    try {
      return await decrypter.decrypt(bytes, 'text');
    } catch {
      throw new Rejection('tampered', messageRef('import.tampered.content_mac'));
    }
  }

  /**
   * Reads, hashes and decrypts a file. Its bytes stay inside this function, so that they can be let go as soon
   * as it returns: with the decrypted text and the envelope (once verified), only one parsed bundle is held
   * at a time.
   */
  async function openBundle(source: ImportSource): Promise<{ sha: string; text: string }> {
    const bytes = 'path' in source ? await readBundleFile(source.path) : source.bytes;
    if (bytes.length > MAX_BUNDLE_BYTES) {
      throw new Rejection(
        'too_large',
        messageRef('import.too_large.file', { size: bytes.length, limit: MAX_BUNDLE_BYTES }),
      );
    }
    return { sha: sha256Hex(bytes), text: await decrypt(bytes) };
  }

  /** A file opened and its envelope verified; the text it came from is let go when this returns. */
  async function openVerified(source: ImportSource) {
    const { sha, text } = await openBundle(source);
    return { sha, ...verifyEnvelope(text) };
  }

  function verifyEnvelope(text: string): { payload: z.output<typeof BundlePayload>; keyId: string; postId: string } {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Rejection('not_a_bundle', messageRef('import.not_a_bundle.not_json'));
    }
    const format = (json as { format?: unknown; formatVersion?: unknown } | null) ?? {};
    if (format.format !== BUNDLE_FORMAT)
      throw new Rejection('not_a_bundle', messageRef('import.not_a_bundle.wrong_format'));
    if (typeof format.formatVersion === 'number' && format.formatVersion > BUNDLE_FORMAT_VERSION) {
      throw new Rejection(
        'version_too_new',
        messageRef('import.version_too_new.envelope', {
          version: format.formatVersion,
          supported: BUNDLE_FORMAT_VERSION,
        }),
      );
    }
    const envelope = Envelope.safeParse(json);
    if (!envelope.success) throw new Rejection('not_a_bundle', messageRef('import.not_a_bundle.envelope'));
    const { keyId, value } = envelope.data.signature;
    const key = enrolled.get(keyId);
    if (!key) throw new Rejection('unknown_post', messageRef('import.unknown_post.unknown_key', { keyId }));
    if (key.revoked_at) throw new Rejection('unknown_post', messageRef('import.unknown_post.revoked_key', { keyId }));
    const signed = Buffer.from(SIGNATURE_CONTEXT + envelope.data.payload, 'utf8');
    if (!verify(null, signed, ed25519FromRaw(Buffer.from(key.public_key, 'base64')), Buffer.from(value, 'base64'))) {
      throw new Rejection('tampered', messageRef('import.tampered.signature'));
    }
    let payloadJson: unknown;
    try {
      payloadJson = JSON.parse(envelope.data.payload);
    } catch {
      throw new Rejection('not_a_bundle', messageRef('import.not_a_bundle.payload_not_json'));
    }
    const version = (payloadJson as { manifest?: { formatVersion?: unknown } } | null)?.manifest?.formatVersion;
    if (typeof version === 'number' && version > BUNDLE_FORMAT_VERSION) {
      throw new Rejection(
        'version_too_new',
        messageRef('import.version_too_new.manifest', { version, supported: BUNDLE_FORMAT_VERSION }),
      );
    }
    const count = (payloadJson as { records?: unknown[] } | null)?.records?.length ?? 0;
    if (count > MAX_RECORDS)
      throw new Rejection('too_large', messageRef('import.too_large.records', { count, limit: MAX_RECORDS }));
    refuseProtoKeys(payloadJson);
    const payload = BundlePayload.safeParse(payloadJson);
    if (!payload.success) {
      const issue = payload.error.issues[0];
      const at = issue?.path ?? [];
      if (at[0] === 'records' && typeof at[1] === 'number') {
        throw new Rejection(
          'invalid_record',
          messageRef('import.invalid_record.schema', {
            record: at[1] + 1,
            problem: issue?.message ?? '',
            at: at.slice(2).join('.'),
          }),
        );
      }
      throw new Rejection(
        'not_a_bundle',
        messageRef('import.not_a_bundle.manifest_invalid', {
          at: at.join('.') || 'the top',
          problem: issue?.message ?? '',
        }),
      );
    }
    // The aggregates are the post's overview of the period, as documented (docs/export-format.md). Checked
    // here because the payload's own schema takes any object: one nested 1000 deep there failed the merge
    // with an internal error instead of a rejection (found by tests/unit/exchange/fuzz.test.ts).
    const aggregates = Overview.safeParse(payload.data.aggregates);
    if (!aggregates.success) {
      const issue = aggregates.error.issues[0];
      throw new Rejection(
        'not_a_bundle',
        messageRef('import.not_a_bundle.aggregates_invalid', {
          at: ['aggregates', ...(issue?.path ?? [])].join('.'),
          problem: issue?.message ?? '',
        }),
      );
    }
    // HQ counts the post's deadlines on the post's clock: a zone the platform does not know made that
    // throw in the middle of the merge (found by the fuzzer).
    if (!TimeZone.safeParse(payload.data.manifest.timeZone).success) {
      throw new Rejection(
        'not_a_bundle',
        messageRef('import.not_a_bundle.time_zone', { timeZone: JSON.stringify(payload.data.manifest.timeZone) }),
      );
    }
    if (payload.data.manifest.signerKeyId !== keyId) {
      throw new Rejection('tampered', messageRef('import.tampered.signer_mismatch'));
    }
    if (payload.data.manifest.postId !== key.post_id) {
      throw new Rejection(
        'unknown_post',
        messageRef('import.unknown_post.post_mismatch', {
          keyId,
          enrolledPost: key.post_id,
          claimedPost: payload.data.manifest.postId,
        }),
      );
    }
    checkManifest(payload.data, deps.now());
    return { payload: payload.data, keyId, postId: key.post_id };
  }

  /**
   * Reads, decrypts, verifies and checks one file, writing nothing: the slow part of an import, which a cancel
   * may stop between files. Answers the file's final report (rejected, already imported) or the merge to run
   * in the file's own transaction.
   */
  async function check(name: string, source: ImportSource, run: RunMemory): Promise<FileReport | Checked> {
    const report = blankReport(name);
    try {
      const { sha, payload, keyId, postId } = await openVerified(source);
      const m = payload.manifest;
      Object.assign(report, { postId, exportId: m.exportId, sequence: m.sequence });
      const ours = new Set(deps.identity.identity().hqKeys.map((k) => k.fingerprint));
      if (!m.recipients.some((f) => ours.has(f))) {
        throw new Rejection('not_addressed_to_us', messageRef('import.not_addressed_to_us.recipients'));
      }
      const seen = alreadyHere(m.exportId, m.sequence, keyId, report, run);
      if (seen) return seen;
      // Check every record before writing any. A bundle must hold no more than its level allows: records
      // and personal data beyond it mean the post's software or the file is not what it claims.
      if (m.level === 'aggregate' && payload.records.length > 0) {
        throw new Rejection('invalid_record', messageRef('import.invalid_record.aggregate_with_records'));
      }
      payload.records.forEach((r, i) => {
        if (m.level !== 'full') {
          const where = { record: i + 1, kind: r.kind, id: r.id, level: m.level };
          if (!carriesKind(m.level, r.kind)) {
            throw new Rejection('invalid_record', messageRef('import.invalid_record.whole_record_beyond_level', where));
          }
          const extra = Object.keys(r.fields).filter((k) => !(k in fieldsForLevel(m.level, r.kind, { [k]: true })));
          if (extra.length > 0) {
            throw new Rejection(
              'invalid_record',
              messageRef('import.invalid_record.beyond_level', { ...where, fields: extra.join(', ') }),
            );
          }
        }
        const parsed = SCHEMAS[r.kind].safeParse(r.fields);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new Rejection(
            'invalid_record',
            messageRef('import.invalid_record.fields', {
              record: i + 1,
              kind: r.kind,
              id: r.id,
              problem: issue?.message ?? '',
              at: issue?.path.join('.') ?? '',
            }),
          );
        }
        r.fields = parsed.data as Record<string, unknown>;
      });
      const ctx = { timeZone: m.timeZone, homeCountry: m.homeCountry };
      const merge = (): FileReport => {
        // Checked again inside the file's transaction: another import may have brought this export, this
        // sequence number, or records of another post with the same ids since the check.
        const again = alreadyHere(m.exportId, m.sequence, keyId, report, run);
        if (again) return again;
        const counted = { ...report };
        // One dashboard batch: the aggregates are settled every few thousand records rather than per row.
        inDashboardBatch(db, () => {
          const level = m.level === 'full' ? 'full' : 'pseudonymised';
          payload.records.forEach((r, i) => {
            try {
              counted[deps.store.importRecord(r.kind, r, { post: postId, level, exportId: m.exportId }, ctx)] += 1;
            } catch (error) {
              // A record of another post (or of HQ, or of another kind) with this id: the file's transaction
              // rolls back whatever this file wrote before it.
              if (!(error instanceof ForeignRecordError)) throw error;
              throw new Rejection(
                'invalid_record',
                messageRef('import.invalid_record.overwrite', { record: i + 1, id: r.id }),
              );
            }
          });
          insertBundle.run({
            exportId: m.exportId,
            postId,
            keyId,
            sequence: m.sequence,
            sha,
            previousHash: m.previousHash,
            from: m.period.from,
            to: m.period.to,
            level: m.level,
            createdAt: m.createdAt,
            importedAt: deps.now().toISOString(),
            counts: JSON.stringify(m.counts),
            aggregates: JSON.stringify(payload.aggregates),
            fileName: name,
          });
        });
        return withDetail({ ...counted, outcome: 'imported' }, messageRef('import.imported'));
      };
      return { report, exportId: m.exportId, keyId, sequence: m.sequence, merge };
    } catch (error) {
      if (error instanceof Rejection)
        return withDetail({ ...report, outcome: 'rejected', reason: error.reason }, error.detail);
      throw error;
    }
  }

  /** The report of a file whose export (or sequence number) HQ already holds, or undefined. */
  function alreadyHere(
    exportId: string,
    sequence: number,
    keyId: string,
    report: FileReport,
    run: RunMemory,
  ): FileReport | undefined {
    const earlierKey = run.exports.get(exportId);
    const before = already.get(exportId) ?? (earlierKey === undefined ? undefined : { key_id: earlierKey });
    if (before) {
      // The same export id from another key is not a replay but a forgery.
      if (before.key_id !== keyId) {
        throw new Rejection('tampered', messageRef('import.tampered.export_reused', { exportId }));
      }
      return withDetail({ ...report, outcome: 'already_imported' }, messageRef('import.already_imported'));
    }
    const earlier = run.sequences.get(`${keyId}:${sequence}`);
    const clash = sameSequence.get(keyId, sequence) ?? (earlier === undefined ? undefined : { export_id: earlier });
    if (clash) {
      throw new Rejection(
        'tampered',
        messageRef('import.tampered.sequence_reused', { exportId: clash.export_id, sequence }),
      );
    }
    return undefined;
  }

  /**
   * Runs a file's merge in a transaction of its own (rolled back in a dry run), turning a refusal into the
   * file's report.
   */
  function mergeOne(checked: Checked, dryRun: boolean, run: RunMemory): FileReport {
    let report: FileReport | undefined;
    try {
      db.transaction(() => {
        report = checked.merge();
        if (dryRun) throw new DryRunRollback();
      })();
    } catch (error) {
      if (error instanceof Rejection) {
        return withDetail({ ...checked.report, outcome: 'rejected', reason: error.reason }, error.detail);
      }
      if (!(error instanceof DryRunRollback)) throw error;
    }
    if (!report) throw new Error('The merge ended without a report.');
    if (report.outcome === 'imported') {
      run.exports.set(checked.exportId, checked.keyId);
      run.sequences.set(`${checked.keyId}:${checked.sequence}`, checked.exportId);
      if (dryRun) return withDetail(report, messageRef('import.dry_run_ok'));
    }
    return report;
  }

  /** Sequence numbers missing per post and key (the first 1000): export 7 arrived, 6 never did. */
  function gaps(): ImportReport['gaps'] {
    const rows = db
      .prepare('SELECT post_id, key_id, sequence FROM imported_bundle ORDER BY post_id, key_id, sequence')
      .all() as { post_id: string; key_id: string; sequence: number }[];
    const byKey = new Map<string, { postId: string; seqs: number[] }>();
    for (const r of rows) {
      const k = byKey.get(r.key_id) ?? { postId: r.post_id, seqs: [] };
      k.seqs.push(r.sequence);
      byKey.set(r.key_id, k);
    }
    const out: ImportReport['gaps'] = [];
    for (const [keyId, { postId, seqs }] of byKey) {
      const missing = missingSequences(seqs);
      if (missing.length) out.push({ postId, keyId, missing });
    }
    return out;
  }

  return {
    gaps,
    /**
     * Each file in turn: checked (read, decrypt, verify, validate: the slow part, which a cancel may stop
     * between files), then merged in a transaction of its own, so that only one file's records are in memory
     * at a time and each file is imported whole or not at all. A cancel stops before the next file: if none was
     * merged yet, nothing was imported; otherwise the report says which files were and which were not. A dry
     * run checks each file against what HQ holds and rolls its merge back; files of the same run that repeat
     * an export or a sequence number are caught too.
     */
    async run(
      files: ImportSource[],
      options: { dryRun: boolean; signal?: AbortSignal; onProgress?: (done: number, total: number) => void },
    ): Promise<ImportReport> {
      deps.identity.require('hq');
      const reports: FileReport[] = [];
      const run: RunMemory = { exports: new Map(), sequences: new Map() };
      // The dashboards catch up once the whole run is done, not between its files.
      const release = holdCatchUp(db);
      try {
        return await runFiles(files, options, reports, run);
      } finally {
        release();
      }
    },
  };

  async function runFiles(
    files: ImportSource[],
    options: { dryRun: boolean; signal?: AbortSignal; onProgress?: (done: number, total: number) => void },
    reports: FileReport[],
    run: RunMemory,
  ): Promise<ImportReport> {
    for (const [i, f] of files.entries()) {
      // Let a cancel (a message from the host) in between files.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (options.signal?.aborted) {
        if (!reports.some((r) => r.outcome === 'imported')) {
          throw new CancelledError('The import was cancelled. Nothing was imported.');
        }
        for (const rest of files.slice(i)) reports.push(cancelledReport(rest.name));
        break;
      }
      const checked = await check(f.name, f, run);
      reports.push('merge' in checked ? mergeOne(checked, options.dryRun, run) : checked);
      options.onProgress?.(i + 1, files.length);
    }
    return summarize(reports, gaps(), options.dryRun);
  }
}

/** One report for a run, from the reports of its files. */
export function summarize(files: FileReport[], gaps: ImportReport['gaps'], dryRun: boolean): ImportReport {
  const sum = (k: 'added' | 'updated' | 'unchanged') => files.reduce((n, r) => n + r[k], 0);
  const count = (o: FileReport['outcome']) => files.filter((r) => r.outcome === o).length;
  return {
    dryRun,
    files,
    totals: {
      imported: count('imported'),
      alreadyImported: count('already_imported'),
      rejected: count('rejected'),
      added: sum('added'),
      updated: sum('updated'),
      unchanged: sum('unchanged'),
    },
    gaps,
  };
}

/**
 * Refuses a payload with a key named "__proto__" anywhere. JSON.parse keeps it as an ordinary key, but the
 * schemas rebuild objects by assignment, where it silently disappears: HQ would store records and counts that
 * differ from what the post signed, where any other unknown key is refused (found by
 * tests/unit/exchange/fuzz.test.ts). No Liaison Log file has such a key.
 * Walked with a stack of its own: a hostile payload can be nested deeper than the call stack.
 */
function refuseProtoKeys(json: unknown): void {
  // Each entry points to its parent, so the path is spelled out only for the message, not for every value.
  interface At {
    value: unknown;
    key: string | number | null;
    parent: At | null;
  }
  const stack: At[] = [{ value: json, key: null, parent: null }];
  for (let at = stack.pop(); at !== undefined; at = stack.pop()) {
    const value = at.value;
    if (value === null || typeof value !== 'object') continue;
    if (!Array.isArray(value) && Object.hasOwn(value, '__proto__')) {
      const path: (string | number)[] = ['__proto__'];
      for (let a: At | null = at; a && a.key !== null; a = a.parent) path.unshift(a.key);
      if (path[0] === 'records' && typeof path[1] === 'number') {
        throw new Rejection(
          'invalid_record',
          messageRef('import.invalid_record.proto', { record: path[1] + 1, at: path.slice(2).join('.') }),
        );
      }
      throw new Rejection('not_a_bundle', messageRef('import.not_a_bundle.proto', { at: path.join('.') }));
    }
    const entries: [string | number, unknown][] = Array.isArray(value) ? [...value.entries()] : Object.entries(value);
    for (const [key, v] of entries) if (v !== null && typeof v === 'object') stack.push({ value: v, key, parent: at });
  }
}

/**
 * What a valid signature does not prove: that the post's software said something sensible. A bundle whose
 * period ends before it starts, whose manifest counts differ from the records it carries, or that claims to
 * have been created more than a day after HQ's clock is refused. A day of skew is allowed because the post's
 * laptop may run on a wrong clock or a wrongly set time zone (at most 14 hours off UTC) and HQ's own clock may
 * be slow; a creation time beyond that is no clock error and would set the post's "last export" in the future.
 */
function checkManifest(payload: z.output<typeof BundlePayload>, now: Date): void {
  const m = payload.manifest;
  if (m.period.from > m.period.to) {
    throw new Rejection(
      'period_reversed',
      messageRef('import.period_reversed', { from: m.period.from, to: m.period.to }),
    );
  }
  const actual: Record<string, number> = {};
  for (const r of payload.records) actual[r.kind] = (actual[r.kind] ?? 0) + 1;
  const kinds = [...new Set([...Object.keys(m.counts), ...Object.keys(actual)])].sort();
  const differ = kinds.filter((k) => (m.counts[k] ?? 0) !== (actual[k] ?? 0));
  if (differ.length > 0) {
    const sum = (c: Record<string, number>) => Object.values(c).reduce((n, v) => n + v, 0);
    throw new Rejection(
      'counts_mismatch',
      messageRef('import.counts_mismatch', {
        claimed: sum(m.counts),
        actual: payload.records.length,
        kinds: differ.join(', '),
      }),
    );
  }
  if (Date.parse(m.createdAt) > now.getTime() + MAX_CLOCK_SKEW_MS) {
    throw new Rejection(
      'created_in_future',
      messageRef('import.created_in_future', { createdAt: m.createdAt, now: now.toISOString() }),
    );
  }
}

/** The age header ends with the line "--- <MAC>\n"; returns the index just after it, or -1. */
function findHeaderEnd(bytes: Uint8Array): number {
  const limit = Math.min(bytes.length, 64 * 1024);
  for (let i = 0; i + 4 < limit; i++) {
    if (
      bytes[i] === 0x0a &&
      bytes[i + 1] === 0x2d &&
      bytes[i + 2] === 0x2d &&
      bytes[i + 3] === 0x2d &&
      bytes[i + 4] === 0x20
    ) {
      const end = bytes.indexOf(0x0a, i + 5);
      return end < 0 ? -1 : end + 1;
    }
  }
  return -1;
}

export type ImportService = ReturnType<typeof createImportService>;
