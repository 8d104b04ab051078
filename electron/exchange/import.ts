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
  MAX_BUNDLE_TOMBSTONES,
  Envelope,
  SIGNATURE_CONTEXT,
  type Manifest,
  type Tombstone,
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
import { notePurgeTombstone, purgeRecords } from '../records/purge';
import { ForeignRecordError, type RecordStore } from '../records/store';
import { holdCatchUp, inDashboardBatch, noteWritten } from '../reports/dashboard-batch';
import { sha256Hex } from './fingerprint';
import { ed25519FromRaw, type IdentityService } from './identity';
import { postSeriesFacts } from './sequence-gaps';
// The programme (budgets, work plans; issue 14, items 2 and 3).
import { importProgramme } from '../effort/exchange';
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
  return withDetail(
    { ...blankReport(file), outcome: 'not_reached', reason: 'cancelled' },
    messageRef('import.cancelled_before'),
  );
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

/** One bundle of a key as the series placement sees it. */
interface KeyBundle {
  export_id: string;
  sequence: number;
  run_id: string | null;
  restore: string | null;
  superseded_by: string | null;
  file_sha256: string;
}

type RestoreDeclaration = NonNullable<Manifest['restore']>;

/**
 * Where a bundle stands in its key's series, given every bundle of the key HQ holds and the new one: which
 * bundles are superseded, and by which restore (docs/export-format.md, "Restores"). A bundle is superseded when
 * a restore declared by another run of the key, made later than the restore that began the bundle's own run
 * (a run that began without one is the earliest), continues after a sequence number below the bundle's. The
 * rule reads only the declarations, so it gives the same answer whatever order the bundles arrive in.
 */
export function placeInSeries(
  held: readonly KeyBundle[],
  incoming: KeyBundle,
): { superseded: Map<string, string | null>; clash: KeyBundle | undefined } {
  const all = [...held, incoming];
  const runs = new Map<string, { restore: RestoreDeclaration; by: string }>();
  for (const b of all) {
    if (b.run_id === null || b.restore === null || runs.has(b.run_id)) continue;
    runs.set(b.run_id, { restore: JSON.parse(b.restore) as RestoreDeclaration, by: b.export_id });
  }
  const superseded = new Map<string, string | null>();
  for (const b of all) {
    const own = b.run_id === null ? undefined : runs.get(b.run_id);
    const since = own?.restore.restoredAt ?? '';
    let by: string | null = null;
    for (const [runId, r] of runs) {
      if (runId === b.run_id || r.restore.restoredAt <= since) continue;
      if (b.sequence > r.restore.continuesAfter) {
        by = r.by;
        break;
      }
    }
    superseded.set(b.export_id, by);
  }
  const clash = superseded.get(incoming.export_id)
    ? undefined
    : held.find((b) => b.sequence === incoming.sequence && superseded.get(b.export_id) === null);
  return { superseded, clash };
}

/** An instant as the day it falls on in UTC, for a report line. */
const dayOf = (instant: string) => instant.slice(0, 10);

export function createImportService(deps: ImportDeps) {
  const { db } = deps;
  const enrolled = db.prepare<[string], { public_key: string; post_id: string; revoked_at: string | null }>(
    'SELECT public_key, post_id, revoked_at FROM enrolled_key WHERE key_id = ?',
  );
  const already = db.prepare<[string], { export_id: string; key_id: string }>(
    'SELECT export_id, key_id FROM imported_bundle WHERE export_id = ?',
  );
  const keyBundles = db.prepare<[string], KeyBundle>(
    `SELECT export_id, sequence, run_id, restore, superseded_by, file_sha256 FROM imported_bundle WHERE key_id = ?
     ORDER BY sequence, rowid`,
  );
  const hasColumn = (table: string, column: string) =>
    (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).some(
      (c) => c.name === column,
    );
  const hasTable = (table: string) =>
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
  // Migration 013 records the signed recipients of each bundle (HQ key retirement reads them).
  const recipientsColumn = hasColumn('imported_bundle', 'recipients');
  const insertBundle = db.prepare(`INSERT INTO imported_bundle (export_id, post_id, key_id, sequence, file_sha256,
      previous_hash, period_from, period_to, level, created_at, imported_at, counts, aggregates, file_name, run_id,
      restore, continues, superseded_by${recipientsColumn ? ', recipients' : ''})
    VALUES (@exportId, @postId, @keyId, @sequence, @sha, @previousHash, @from, @to, @level, @createdAt, @importedAt,
      @counts, @aggregates, @fileName, @runId, @restore, @continues, @supersededBy${recipientsColumn ? ', @recipients' : ''})`);
  const setSuperseded = db.prepare('UPDATE imported_bundle SET superseded_by = ? WHERE export_id = ?');
  const recordState = db.prepare<
    [string],
    { n: number; kind: string; revision: number; origin_post: string | null; deleted_at: string | null }
  >('SELECT n, kind, revision, origin_post, deleted_at FROM record WHERE id = ?');
  const heldTombstone = db.prepare<[string], { revision: number }>(
    'SELECT revision FROM received_tombstone WHERE record_id = ?',
  );
  const dropTombstone = db.prepare('DELETE FROM received_tombstone WHERE record_id = ?');
  // purge.ts's isPurged, with its statement prepared once (it is asked for every record and tombstone).
  const purgedStatement = db.prepare<[string], { one: number }>(
    'SELECT 1 AS one FROM purged_record WHERE record_id = ?',
  );
  const purgedHere = (id: string) => purgedStatement.get(id) !== undefined;
  const keepTombstone = db.prepare(`INSERT INTO received_tombstone (record_id, post_id, kind, revision, trashed_at,
      export_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (record_id) DO UPDATE SET revision = excluded.revision,
      trashed_at = excluded.trashed_at, export_id = excluded.export_id WHERE excluded.revision > revision`);
  const trashAtHq = db.prepare(
    'UPDATE record SET deleted_at = ?, updated_at = ?, revision = ?, origin_export_id = ? WHERE n = ?',
  );
  const audit = db.prepare('INSERT INTO audit_entry (record_id, at, action, revision, changes) VALUES (?, ?, ?, ?, ?)');
  const holdFigures = db.prepare(`INSERT INTO held_aggregate (post_id, period_from, period_to, aggregates, as_of,
      export_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (post_id, period_from, period_to) DO UPDATE SET
      aggregates = excluded.aggregates, as_of = excluded.as_of, export_id = excluded.export_id
      WHERE excluded.as_of > held_aggregate.as_of`);
  const revocationReason = (keyId: string): string => {
    if (!hasTable('key_event')) return '';
    const row = db
      .prepare<[string], { reason: string }>(
        "SELECT reason FROM key_event WHERE key_id = ? AND action = 'revoked' ORDER BY seq DESC LIMIT 1",
      )
      .get(keyId);
    return row?.reason ?? '';
  };

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
    if (key.revoked_at) {
      // Refused whatever date the bundle carries: its creation time is the signer's word, and a stolen laptop's
      // key can sign any (docs/export-format.md, "Revoked keys").
      throw new Rejection(
        'revoked',
        messageRef('import.revoked.key', { keyId, revokedAt: key.revoked_at, reason: revocationReason(keyId) }),
      );
    }
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
    const tombstones = (payloadJson as { tombstones?: unknown } | null)?.tombstones;
    if (Array.isArray(tombstones) && tombstones.length > MAX_BUNDLE_TOMBSTONES) {
      throw new Rejection(
        'too_large',
        messageRef('import.too_large.tombstones', { count: tombstones.length, limit: MAX_BUNDLE_TOMBSTONES }),
      );
    }
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
    checkFormatFields(payload.data);
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
      const seen = alreadyHere(m, sha, keyId, postId, report, run);
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
      const tombstones = payload.tombstones ?? [];
      checkTombstones(tombstones, payload.records, m.level);
      const ctx = { timeZone: m.timeZone, homeCountry: m.homeCountry };
      const merge = (): FileReport => {
        // Checked again inside the file's transaction: another import may have brought this export, this
        // sequence number, or records of another post with the same ids since the check.
        const again = alreadyHere(m, sha, keyId, postId, report, run);
        if (again) return again;
        const counted = { ...report };
        const notes: MessageRef[] = [];
        const placement = placeInSeries(keyBundles.all(keyId), incomingOf(m, sha));
        // Bundles a restore in this bundle supersedes are marked first: the live sequence numbers stay unique.
        const before = new Map(keyBundles.all(keyId).map((b) => [b.export_id, b.superseded_by]));
        const newlySuperseded: number[] = [];
        for (const b of keyBundles.all(keyId)) {
          const by = placement.superseded.get(b.export_id) ?? null;
          if (by !== before.get(b.export_id)) {
            setSuperseded.run(by, b.export_id);
            if (by !== null) newlySuperseded.push(b.sequence);
          }
        }
        const supersededBy = placement.superseded.get(m.exportId) ?? null;
        let trashed = 0;
        let purged = 0;
        const toPurge: Tombstone[] = [];
        // One dashboard batch: the aggregates are settled every few thousand records rather than per row.
        inDashboardBatch(db, () => {
          const level = m.level === 'full' ? 'full' : 'pseudonymised';
          payload.records.forEach((r, i) => {
            // A purge is final, and a record in the trash at a newer revision than this one stays there: an older
            // bundle replayed later brings nothing back.
            if (purgedHere(r.id) || (heldTombstone.get(r.id)?.revision ?? 0) >= r.revision) {
              counted.unchanged += 1;
              return;
            }
            try {
              const outcome = deps.store.importRecord(r.kind, r, { post: postId, level, exportId: m.exportId }, ctx);
              counted[outcome] += 1;
              if (outcome !== 'unchanged') dropTombstone.run(r.id);
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
          tombstones.forEach((t, i) => {
            const held = recordState.get(t.id);
            if (held && (held.origin_post !== postId || held.kind !== t.kind)) {
              throw new Rejection(
                'invalid_record',
                messageRef('import.invalid_record.tombstone_overwrite', { tombstone: i + 1, id: t.id }),
              );
            }
            if (t.state === 'purged') {
              if (held || !purgedHere(t.id)) toPurge.push(t);
              return;
            }
            if (purgedHere(t.id) || t.revision === null) return;
            if (!held) {
              // Not here (yet): remembered, so that an older bundle carrying the record does not bring it in.
              if ((heldTombstone.get(t.id)?.revision ?? 0) < t.revision) {
                keepTombstone.run(t.id, postId, t.kind, t.revision, t.at, m.exportId);
                trashed += 1;
              }
              return;
            }
            if (held.revision >= t.revision) return;
            trashAtHq.run(t.at, t.at, t.revision, m.exportId, held.n);
            noteWritten(db, held.n);
            audit.run(t.id, deps.now().toISOString(), 'delete', t.revision, '{}');
            trashed += 1;
          });
        });
        // Purges delete rows, which a dashboard batch must not do: the triggers count them out. One call for all
        // the records HQ holds; the others are only remembered.
        const heldIds: string[] = [];
        for (const t of toPurge) {
          if (recordState.get(t.id) !== undefined) heldIds.push(t.id);
          else
            notePurgeTombstone(db, {
              recordId: t.id,
              kind: t.kind,
              originPost: postId,
              purgedAt: t.at,
              reason: 'tombstone',
            });
          dropTombstone.run(t.id);
          purged += 1;
        }
        if (heldIds.length > 0) purgeRecords(db, heldIds, 'tombstone', { now: deps.now() });
        // The figures HQ holds for each period: the newest statement wins, whatever order bundles come in.
        let restated = 0;
        holdFigures.run(
          postId,
          m.period.from,
          m.period.to,
          JSON.stringify(payload.aggregates),
          m.createdAt,
          m.exportId,
        );
        for (const o of payload.restatements ?? []) {
          const info = holdFigures.run(postId, o.from, o.to, JSON.stringify(o), m.createdAt, m.exportId);
          restated += info.changes;
        }
        // The post's budgets and work plans (issue 14, items 2 and 3), newest revisions winning.
        if (payload.programme) importProgramme(db, postId, payload.programme, deps.now);
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
          runId: m.run ?? null,
          restore: m.restore ? JSON.stringify(m.restore) : null,
          continues: m.continues ? JSON.stringify(m.continues) : null,
          supersededBy,
          ...(recipientsColumn ? { recipients: JSON.stringify(m.recipients) } : {}),
        });
        if (m.restore && (m.sequence === m.restore.continuesAfter + 1 || newlySuperseded.length > 0)) {
          const backupOf = dayOf(m.restore.backupOf);
          const from = m.restore.continuesAfter + 1;
          const to = Math.max(m.restore.lastIssued ?? 0, ...newlySuperseded, ...supersededSequences(keyId, m.run));
          notes.push(
            to >= from
              ? messageRef('import.restored.superseded', { backupOf, from, to })
              : messageRef('import.restored.none_superseded', { backupOf }),
          );
        }
        if (supersededBy !== null) {
          const by = keyBundles.all(keyId).find((b) => b.export_id === supersededBy);
          const restore = by?.restore ? (JSON.parse(by.restore) as RestoreDeclaration) : undefined;
          notes.push(messageRef('import.superseded_on_arrival', { backupOf: dayOf(restore?.backupOf ?? '') }));
        }
        if (m.continues) {
          notes.push(
            messageRef('import.series_continues', { keyId: m.continues.keyId, sequence: m.continues.sequence }),
          );
        }
        if (trashed + purged > 0) notes.push(messageRef('import.tombstones', { trashed, purged }));
        if (restated > 0) notes.push(messageRef('import.restated', { count: restated }));
        const done = withDetail(
          { ...counted, outcome: 'imported', removed: trashed + purged },
          messageRef('import.imported'),
        );
        return notes.length > 0 ? { ...done, notes } : done;
      };
      return { report, exportId: m.exportId, keyId, sequence: m.sequence, merge };
    } catch (error) {
      if (error instanceof Rejection)
        return withDetail({ ...report, outcome: 'rejected', reason: error.reason }, error.detail);
      throw error;
    }
  }

  /** The sequence numbers of a key superseded so far by restores other than `run`'s own bundles. */
  function supersededSequences(keyId: string, run: string | undefined): number[] {
    return keyBundles
      .all(keyId)
      .filter((b) => b.superseded_by !== null && b.run_id !== (run ?? null))
      .map((b) => b.sequence);
  }

  /** The new bundle as its key's series sees it. */
  function incomingOf(m: Manifest, sha: string): KeyBundle {
    return {
      export_id: m.exportId,
      sequence: m.sequence,
      run_id: m.run ?? null,
      restore: m.restore ? JSON.stringify(m.restore) : null,
      superseded_by: null,
      file_sha256: sha,
    };
  }

  /**
   * The report of a file whose export HQ already holds, or undefined; a refusal of a sequence number that another
   * export of the key holds without a restore that supersedes it, of a restore that does not fit the chain, or of
   * a continuation of another post's key.
   */
  function alreadyHere(
    m: Manifest,
    sha: string,
    keyId: string,
    postId: string,
    report: FileReport,
    run: RunMemory,
  ): FileReport | undefined {
    const { exportId, sequence } = m;
    const earlierKey = run.exports.get(exportId);
    const before = already.get(exportId) ?? (earlierKey === undefined ? undefined : { key_id: earlierKey });
    if (before) {
      // The same export id from another key is not a replay but a forgery.
      if (before.key_id !== keyId) {
        throw new Rejection('tampered', messageRef('import.tampered.export_reused', { exportId }));
      }
      return withDetail({ ...report, outcome: 'already_imported' }, messageRef('import.already_imported'));
    }
    const held = keyBundles.all(keyId);
    if (m.restore) checkRestore(m, m.restore, held);
    if (m.continues) checkContinuation(m.continues, keyId, postId);
    const { clash } = placeInSeries(held, incomingOf(m, sha));
    // Within a dry run, an earlier file of the run with this number (its merge was rolled back).
    // (In a real run it is in HQ's tables, and the series placement above has judged it.)
    const remembered = m.restore ? undefined : run.sequences.get(`${keyId}:${sequence}`);
    const earlier = remembered !== undefined && !already.get(remembered) ? remembered : undefined;
    const other = clash?.export_id ?? earlier;
    if (other !== undefined) {
      throw new Rejection('tampered', messageRef('import.tampered.sequence_reused', { exportId: other, sequence }));
    }
    return undefined;
  }

  /**
   * A restore declaration must fit the bundle and the chain HQ holds: the run's bundles follow the sequence it
   * continues after; the earlier run issued at least that many; the restore came before the bundle; and the run's
   * first bundle names, as its previous file, the very file HQ holds under that number (none for 0).
   */
  function checkRestore(m: Manifest, r: RestoreDeclaration, held: readonly KeyBundle[]): void {
    const fits =
      m.sequence > r.continuesAfter &&
      (r.lastIssued === null || r.lastIssued >= r.continuesAfter) &&
      r.restoredAt <= m.createdAt &&
      r.backupOf <= r.restoredAt;
    if (!fits) {
      throw new Rejection(
        'tampered',
        messageRef('import.tampered.restore_invalid', { sequence: m.sequence, continuesAfter: r.continuesAfter }),
      );
    }
    if (m.sequence !== r.continuesAfter + 1) return;
    const base = r.continuesAfter;
    const previous =
      base === 0
        ? null
        : (held.find((b) => b.sequence === base && b.run_id === r.previousRun) ??
          held.find((b) => b.sequence === base && b.superseded_by === null));
    const mismatch =
      base === 0
        ? m.previousHash !== null
        : previous !== undefined && previous !== null && previous.file_sha256 !== m.previousHash;
    if (mismatch) throw new Rejection('tampered', messageRef('import.tampered.restore_chain', { sequence: base }));
  }

  /** A key continues the series of another key of the same post, after a bundle HQ holds as that one (if it does). */
  function checkContinuation(c: NonNullable<Manifest['continues']>, keyId: string, postId: string): void {
    const other = enrolled.get(c.keyId);
    if (!other || other.post_id !== postId || c.keyId === keyId) {
      throw new Rejection('tampered', messageRef('import.tampered.continues_other_post', { keyId: c.keyId, postId }));
    }
    if (c.hash === null || c.sequence === 0) return;
    const held = keyBundles.all(c.keyId).find((b) => b.sequence === c.sequence && b.superseded_by === null);
    if (held && held.file_sha256 !== c.hash) {
      throw new Rejection(
        'tampered',
        messageRef('import.tampered.continues_chain', { keyId: c.keyId, sequence: c.sequence }),
      );
    }
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

  /**
   * Sequence numbers missing per post and key (the first 1000): export 7 arrived, 6 never did. Per post series:
   * superseded numbers are not missing, and a key another key of the post continues is expected up to the number
   * the continuation names.
   */
  function gaps(): ImportReport['gaps'] {
    return postSeriesFacts(db).gaps;
  }

  /** The figures HQ holds for a post's period (the newest statement of them), or undefined. */
  function heldFigures(
    postId: string,
    from: string,
    to: string,
  ): { aggregates: unknown; asOf: string; exportId: string } | undefined {
    const row = db
      .prepare<[string, string, string], { aggregates: string; as_of: string; export_id: string }>(
        'SELECT aggregates, as_of, export_id FROM held_aggregate WHERE post_id = ? AND period_from = ? AND period_to = ?',
      )
      .get(postId, from, to);
    return row
      ? { aggregates: JSON.parse(row.aggregates) as unknown, asOf: row.as_of, exportId: row.export_id }
      : undefined;
  }

  return {
    gaps,
    heldFigures,
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
      notReached: count('not_reached'),
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
 * Format 1 knows none of format 2's fields, and format 2 names its run: a bundle that says otherwise is not what
 * it claims to be. Restated periods must be in order like the bundle's own.
 */
function checkFormatFields(payload: z.output<typeof BundlePayload>): void {
  const m = payload.manifest;
  const v2Fields = [
    m.run !== undefined && 'manifest.run',
    m.restore !== undefined && 'manifest.restore',
    m.continues !== undefined && 'manifest.continues',
    payload.tombstones !== undefined && 'tombstones',
    payload.restatements !== undefined && 'restatements',
    payload.programme !== undefined && 'programme',
  ].filter((f): f is string => typeof f === 'string');
  if (m.formatVersion < 2 && v2Fields.length > 0) {
    throw new Rejection(
      'not_a_bundle',
      messageRef('import.not_a_bundle.series_fields', { version: m.formatVersion, fields: v2Fields.join(', ') }),
    );
  }
  if (m.formatVersion >= 2 && m.run === undefined) {
    throw new Rejection(
      'not_a_bundle',
      messageRef('import.not_a_bundle.series_fields', { version: m.formatVersion, fields: 'manifest.run' }),
    );
  }
  for (const o of payload.restatements ?? []) {
    if (o.from > o.to)
      throw new Rejection('period_reversed', messageRef('import.period_reversed', { from: o.from, to: o.to }));
  }
}

/**
 * Tombstones carry only what their level carries (none at the aggregate level, people at "full" only), and a
 * record is named once: as a record or as a tombstone, never both, never twice.
 */
function checkTombstones(
  tombstones: readonly Tombstone[],
  records: readonly { id: string }[],
  level: Manifest['level'],
): void {
  const ids = new Set(records.map((r) => r.id));
  tombstones.forEach((t, i) => {
    if (!carriesKind(level, t.kind)) {
      throw new Rejection(
        'invalid_record',
        messageRef('import.invalid_record.tombstone_beyond_level', { tombstone: i + 1, kind: t.kind, id: t.id, level }),
      );
    }
    if (ids.has(t.id))
      throw new Rejection('invalid_record', messageRef('import.invalid_record.tombstone_twice', { id: t.id }));
    ids.add(t.id);
  });
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
