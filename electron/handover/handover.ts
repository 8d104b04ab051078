import { randomUUID, sign, verify } from 'node:crypto';
import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import { messageRef, type MessageRef } from '../../shared/contract/messages';
import type { BundleRecord } from '../../shared/exchange/formats';
import {
  HANDOVER_FORMAT,
  HANDOVER_FORMAT_VERSION,
  HANDOVER_SIGNATURE_CONTEXT,
  HandoverEnvelope,
  HandoverPayload,
  MAX_HANDOVER_BYTES,
  MAX_HANDOVER_RECORDS,
  SUCCESSOR_FORMAT,
  SuccessorFile,
  type HandoverManifest,
} from '../../shared/handover/formats';
import type { HandoverEntry, HandoverImported, HandoverStatus } from '../../shared/handover/schema';
import { CaseInput } from '../../shared/records/case';
import { EngagementInput } from '../../shared/records/engagement';
import type { RecordKind } from '../../shared/records/kinds';
import { OrganisationInput } from '../../shared/records/organisation';
import { PersonInput } from '../../shared/records/person';
import { OperationalResultInput } from '../../shared/records/result';
import { InformationRequestInput } from '../../shared/requests/schema';
import type { Term } from '../../shared/taxonomy/terms';
import { LATEST_SCHEMA_VERSION } from '../db/migrations/index';
import { fingerprint, sha256Hex } from '../exchange/fingerprint';
import { ed25519FromRaw, ExchangeError, type IdentityService } from '../exchange/identity';
import type { RecordStore } from '../records/store';
import { inDashboardBatch } from '../reports/dashboard-batch';

// Handover to a successor (issue 13, item 6; docs/handover.md). The successor installation (a new post profile
// for the same post id on the successor's laptop) makes a successor file: its signing key and an age X25519
// recipient made for receiving the package. The outgoing officer opens it, compares fingerprints by phone,
// and makes the package: the post's working records, signed with the outgoing Ed25519 key (context string
// `liaison-log-handover-v1\n`) and age-encrypted to the successor's recipient only. The successor opens it,
// checks that it was made for this installation, compares the outgoing key's fingerprint with the one read out
// and only then merges everything in one transaction, and records the series it continues.

const AGE_MAGIC = 'age-encryption.org/v1\n';

const SCHEMAS: Record<RecordKind, z.ZodType> = {
  organisation: OrganisationInput,
  person: PersonInput,
  engagement: EngagementInput,
  request: InformationRequestInput,
  result: OperationalResultInput,
  case: CaseInput,
};

/** The order records are written in at the successor, so that every link points at a record already there. */
const WRITE_ORDER: readonly RecordKind[] = ['organisation', 'person', 'case', 'request', 'engagement', 'result'];

/** The link fields of each kind (kind-specs.ts), to drop links to records that do not travel (in the trash). */
const LINK_FIELDS: Partial<Record<RecordKind, { one: string[]; many: string[] }>> = {
  person: { one: ['organisationId'], many: [] },
  engagement: { one: ['caseId'], many: ['organisationIds', 'personIds'] },
  request: { one: ['caseId'], many: [] },
  result: { one: ['caseId'], many: ['engagementIds', 'requestIds'] },
};

function refused(ref: MessageRef, code: 'invalid_file' | 'conflict' = 'invalid_file'): ExchangeError {
  return new ExchangeError(code, ref);
}

interface RecordRow {
  id: string;
  kind: RecordKind;
  revision: number;
  data: string;
  created_at: string;
  updated_at: string;
}

export interface HandoverDeps {
  db: Database;
  store: RecordStore;
  identity: IdentityService;
  now: () => Date;
  appVersion: string;
}

/** A package opened and verified, not yet written: what the successor sees before confirming. */
export interface OpenedPackage {
  readonly manifest: HandoverManifest;
  readonly signerKeyId: string;
  readonly fileSha256: string;
  readonly payload: HandoverPayload;
}

export function createHandoverService(deps: HandoverDeps) {
  const { db, identity, now } = deps;

  function requirePost() {
    const who = identity.identity();
    if (who.role !== 'post') throw refused(messageRef('handover.wrong_role'), 'conflict');
    return identity.require('post');
  }

  const receivingKeys = db.prepare<[], { fingerprint: string; recipient: string; private_key: string }>(
    'SELECT fingerprint, recipient, private_key FROM handover_identity ORDER BY created_at DESC',
  );

  /** The age identity a successor receives its package with: made once, kept (a package may come late). */
  async function receivingKey(): Promise<{ recipient: string; fingerprint: string }> {
    const existing = receivingKeys.all()[0];
    if (existing) return existing;
    const secret = await generateX25519Identity();
    const recipient = await identityToRecipient(secret);
    const fp = fingerprint(recipient);
    db.prepare(
      'INSERT INTO handover_identity (fingerprint, recipient, private_key, created_at) VALUES (?, ?, ?, ?)',
    ).run(fp, recipient, secret, now().toISOString());
    return { recipient, fingerprint: fp };
  }

  /** Successor: this installation's successor file (its signing key and where to send the package). */
  async function successorFile(): Promise<SuccessorFile> {
    const r = requirePost();
    const k = identity.signingKey();
    const receiving = await receivingKey();
    return SuccessorFile.parse({
      format: SUCCESSOR_FORMAT,
      version: 1,
      postId: r.post_id,
      officer: r.officer,
      installationId: r.installation_id,
      publicKey: k.publicRaw.toString('base64'),
      keyId: k.keyId,
      recipient: receiving.recipient,
      recipientFingerprint: receiving.fingerprint,
      createdAt: now().toISOString(),
    });
  }

  /** Outgoing: a successor file's content, checked, for the fingerprint comparison before anything is made. */
  function readSuccessorFile(content: string): SuccessorFile {
    const r = requirePost();
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch {
      throw refused(messageRef('handover.successor_not_json'));
    }
    const parsed = SuccessorFile.safeParse(json);
    if (!parsed.success) throw refused(messageRef('handover.successor_damaged'));
    const file = parsed.data;
    if (
      fingerprint(Buffer.from(file.publicKey, 'base64')) !== file.keyId ||
      fingerprint(file.recipient) !== file.recipientFingerprint
    ) {
      throw refused(messageRef('handover.successor_key_mismatch'));
    }
    if (file.postId !== r.post_id) {
      throw refused(messageRef('handover.successor_other_post', { filePost: file.postId, ownPost: r.post_id ?? '' }));
    }
    if (file.keyId === identity.signingKey().keyId || file.installationId === r.installation_id) {
      throw refused(messageRef('handover.successor_is_self'));
    }
    return file;
  }

  /**
   * The records that travel. Always: every organisation and person (the post's network), open requests, active
   * cases and engagements with an open follow-up, each with its notes. With `closedHistory`: every record of the
   * post that is not in the trash. Records they link to travel too (a closed case an open request belongs to);
   * a link to a record in the trash is dropped, as that record does not travel.
   */
  function selectRecords(closedHistory: boolean): BundleRecord[] {
    const own = db
      .prepare(
        `SELECT id, kind, revision, data, created_at, updated_at, status, due_at FROM record
          WHERE origin_post IS NULL AND deleted_at IS NULL ORDER BY kind, id`,
      )
      .all() as (RecordRow & { status: string | null; due_at: string | null })[];
    const byId = new Map(own.map((r) => [r.id, r]));
    const chosen = new Set<string>();
    for (const r of own) {
      const open =
        r.kind === 'organisation' ||
        r.kind === 'person' ||
        (r.kind === 'case' && r.status === 'active') ||
        (r.kind === 'request' && r.status === 'open') ||
        (r.kind === 'engagement' && r.due_at !== null);
      if (closedHistory || open) chosen.add(r.id);
    }
    const links = db.prepare<[string], { to_id: string }>(
      'SELECT l.to_id FROM record_link l JOIN record r ON r.n = l.from_n WHERE r.id = ?',
    );
    const queue = [...chosen];
    while (queue.length > 0) {
      const id = queue.pop() as string;
      for (const { to_id } of links.all(id)) {
        if (!chosen.has(to_id) && byId.has(to_id)) {
          chosen.add(to_id);
          queue.push(to_id);
        }
      }
    }
    return own
      .filter((r) => chosen.has(r.id))
      .map((r) => ({
        kind: r.kind,
        id: r.id,
        revision: r.revision,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        fields: dropLinksNotIn(r.kind, JSON.parse(r.data) as Record<string, unknown>, chosen),
      }));
  }

  /** The post's own taxonomy terms that the records use, so the successor can add those it lacks. */
  function termsUsed(records: BundleRecord[]): Term[] {
    const codes = new Set<string>();
    const types = new Set<string>();
    for (const r of records) {
      const f = r.fields as { phenomena?: unknown; type?: unknown };
      if (Array.isArray(f.phenomena)) for (const c of f.phenomena) if (typeof c === 'string') codes.add(c);
      if (r.kind === 'organisation' && typeof f.type === 'string') types.add(f.type);
    }
    const rows = db
      .prepare('SELECT taxonomy, code, label_en, label_nl, parent_code, iccs, retired_at FROM taxonomy_term')
      .all() as {
      taxonomy: Term['taxonomy'];
      code: string;
      label_en: string;
      label_nl: string;
      parent_code: string | null;
      iccs: string;
      retired_at: string | null;
    }[];
    const wanted = (t: (typeof rows)[number]) =>
      (t.taxonomy === 'phenomenon' && codes.has(t.code)) || (t.taxonomy === 'organisation_type' && types.has(t.code));
    // A used term's parent goes along, so the successor's groups are the same.
    const parents = new Set(rows.filter(wanted).map((t) => `${t.taxonomy}:${t.parent_code ?? ''}`));
    return rows
      .filter((t) => wanted(t) || parents.has(`${t.taxonomy}:${t.code}`))
      .map((t) => ({
        taxonomy: t.taxonomy,
        code: t.code,
        labelEn: t.label_en,
        labelNl: t.label_nl,
        parentCode: t.parent_code,
        iccs: t.iccs,
        retiredAt: t.retired_at,
      }));
  }

  /** Outgoing: the package for `successor`, signed and encrypted to it only, and its entry in the log. */
  async function createPackage(
    successor: SuccessorFile,
    closedHistory: boolean,
  ): Promise<{ bytes: Uint8Array; entry: HandoverEntry; lastHash: string | null }> {
    const r = requirePost();
    const key = identity.signingKey();
    const last = db
      .prepare<[string], { sequence: number; sha256: string }>(
        'SELECT sequence, sha256 FROM export_log WHERE key_id = ? ORDER BY sequence DESC LIMIT 1',
      )
      .get(key.keyId);
    const records = selectRecords(closedHistory);
    const counts: Record<string, number> = {};
    for (const rec of records) counts[rec.kind] = (counts[rec.kind] ?? 0) + 1;
    const manifest: HandoverManifest = {
      formatVersion: HANDOVER_FORMAT_VERSION,
      handoverId: randomUUID(),
      postId: r.post_id ?? '',
      postName: r.post_name,
      createdAt: now().toISOString(),
      outgoing: { officer: r.officer, keyId: key.keyId, installationId: r.installation_id },
      successor: {
        officer: successor.officer,
        keyId: successor.keyId,
        installationId: successor.installationId,
        recipientFingerprint: successor.recipientFingerprint,
      },
      series: { keyId: key.keyId, lastSequence: last?.sequence ?? 0, lastHash: last?.sha256 ?? null },
      closedHistory,
      counts,
      schemaVersion: LATEST_SCHEMA_VERSION,
      appVersion: deps.appVersion.slice(0, 40),
    };
    const payload = JSON.stringify({ manifest, terms: termsUsed(records), records });
    const signature = sign(null, Buffer.from(HANDOVER_SIGNATURE_CONTEXT + payload, 'utf8'), key.privateKey);
    const envelope = JSON.stringify({
      format: HANDOVER_FORMAT,
      formatVersion: HANDOVER_FORMAT_VERSION,
      payload,
      signature: {
        algorithm: 'Ed25519',
        keyId: key.keyId,
        publicKey: key.publicRaw.toString('base64'),
        value: signature.toString('base64'),
      },
    });
    const encrypter = new Encrypter();
    encrypter.addRecipient(successor.recipient);
    const bytes = await encrypter.encrypt(envelope);
    const entry: HandoverEntry = {
      handoverId: manifest.handoverId,
      direction: 'sent',
      postId: manifest.postId,
      outgoingKeyId: key.keyId,
      outgoingOfficer: r.officer,
      successorKeyId: successor.keyId,
      successorOfficer: successor.officer,
      lastSequence: manifest.series.lastSequence,
      closedHistory,
      counts,
      at: manifest.createdAt,
    };
    return { bytes, entry, lastHash: manifest.series.lastHash };
  }

  /** Outgoing: the package was written where the officer chose: record it. */
  function recordSent(entry: HandoverEntry, bytes: Uint8Array, lastHash: string | null): void {
    insertLog(entry, sha256Hex(bytes), lastHash);
  }

  function insertLog(entry: HandoverEntry, fileSha: string, lastHash: string | null): void {
    db.prepare(
      `INSERT INTO handover_log (handover_id, direction, post_id, outgoing_key_id, outgoing_officer, successor_key_id,
        successor_officer, last_sequence, last_hash, closed_history, counts, file_sha256, at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      entry.handoverId,
      entry.direction,
      entry.postId,
      entry.outgoingKeyId,
      entry.outgoingOfficer,
      entry.successorKeyId,
      entry.successorOfficer,
      entry.lastSequence,
      lastHash,
      entry.closedHistory ? 1 : 0,
      JSON.stringify(entry.counts),
      fileSha,
      entry.at,
    );
  }

  /**
   * Successor: decrypt, verify and check a package, writing nothing. Refuses a file that is not a package, one
   * not encrypted to this installation, a signature that does not verify (altered or damaged), and a package
   * whose signed successor or post is not this installation.
   */
  async function openPackage(bytes: Uint8Array): Promise<OpenedPackage> {
    const r = requirePost();
    if (bytes.length > MAX_HANDOVER_BYTES) {
      throw refused(messageRef('handover.too_large', { size: bytes.length, limit: MAX_HANDOVER_BYTES }));
    }
    if (new TextDecoder().decode(bytes.subarray(0, AGE_MAGIC.length)) !== AGE_MAGIC) {
      throw refused(messageRef('handover.not_a_package'));
    }
    const identities = receivingKeys.all();
    if (identities.length === 0) throw refused(messageRef('handover.no_receiving_key'), 'conflict');
    const decrypter = new Decrypter();
    for (const k of identities) decrypter.addIdentity(k.private_key);
    let text: string;
    try {
      text = await decrypter.decrypt(bytes, 'text');
    } catch (error) {
      if ((error as Error).message.includes('no identity matched')) throw refused(messageRef('handover.not_for_us'));
      throw refused(messageRef('handover.tampered'));
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw refused(messageRef('handover.not_a_package'));
    }
    const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
    if (typeof version === 'number' && version > HANDOVER_FORMAT_VERSION) {
      throw refused(messageRef('handover.version_too_new', { version, supported: HANDOVER_FORMAT_VERSION }));
    }
    const envelope = HandoverEnvelope.safeParse(json);
    if (!envelope.success) throw refused(messageRef('handover.not_a_package'));
    const { keyId, publicKey, value } = envelope.data.signature;
    const raw = Buffer.from(publicKey, 'base64');
    const signed = Buffer.from(HANDOVER_SIGNATURE_CONTEXT + envelope.data.payload, 'utf8');
    if (fingerprint(raw) !== keyId || !verify(null, signed, ed25519FromRaw(raw), Buffer.from(value, 'base64'))) {
      throw refused(messageRef('handover.tampered'));
    }
    let payloadJson: unknown;
    try {
      payloadJson = JSON.parse(envelope.data.payload);
    } catch {
      throw refused(messageRef('handover.not_a_package'));
    }
    const count = (payloadJson as { records?: unknown[] } | null)?.records?.length ?? 0;
    if (count > MAX_HANDOVER_RECORDS) throw refused(messageRef('handover.not_a_package'));
    const manifestVersion = (payloadJson as { manifest?: { formatVersion?: unknown } } | null)?.manifest?.formatVersion;
    if (typeof manifestVersion === 'number' && manifestVersion > HANDOVER_FORMAT_VERSION) {
      throw refused(
        messageRef('handover.version_too_new', { version: manifestVersion, supported: HANDOVER_FORMAT_VERSION }),
      );
    }
    const payload = HandoverPayload.safeParse(payloadJson);
    if (!payload.success) {
      const issue = payload.error.issues[0];
      const at = issue?.path ?? [];
      if (at[0] === 'records' && typeof at[1] === 'number') {
        const rec = (payloadJson as { records: { kind?: unknown; id?: unknown }[] }).records[at[1]];
        throw refused(
          messageRef('handover.invalid_record', {
            record: at[1] + 1,
            kind: typeof rec?.kind === 'string' ? rec.kind : '',
            id: typeof rec?.id === 'string' ? rec.id : '',
            problem: issue?.message ?? '',
          }),
        );
      }
      throw refused(messageRef('handover.not_a_package'));
    }
    const m = payload.data.manifest;
    if (m.outgoing.keyId !== keyId) throw refused(messageRef('handover.tampered'));
    // Signed for a successor: a package someone decrypted and re-encrypted to this installation names another.
    const mine = new Set(identities.map((k) => k.fingerprint));
    if (
      m.successor.keyId !== identity.signingKey().keyId ||
      m.successor.installationId !== r.installation_id ||
      !mine.has(m.successor.recipientFingerprint)
    ) {
      throw refused(messageRef('handover.other_successor', { keyId: m.successor.keyId }));
    }
    if (m.postId !== r.post_id) {
      throw refused(messageRef('handover.other_post', { packagePost: m.postId, ownPost: r.post_id ?? '' }));
    }
    // Every record against its kind's schema before anything is written.
    for (const [i, rec] of payload.data.records.entries()) {
      const checked = SCHEMAS[rec.kind].safeParse(rec.fields);
      if (!checked.success) {
        throw refused(
          messageRef('handover.invalid_record', {
            record: i + 1,
            kind: rec.kind,
            id: rec.id,
            problem: checked.error.issues[0]?.message ?? '',
          }),
        );
      }
    }
    return { manifest: m, signerKeyId: keyId, fileSha256: sha256Hex(bytes), payload: payload.data };
  }

  /**
   * Successor: write an opened package, once the outgoing key's fingerprint was compared (`expectedKeyId`, as
   * the outgoing officer read it out). One transaction: terms the successor lacks, then every record with its
   * id, revision and dates (so HQ keeps merging it as the same record), the series it continues, the log.
   */
  function commitPackage(opened: OpenedPackage, expectedKeyId: string): HandoverImported {
    const r = requirePost();
    const m = opened.manifest;
    if (opened.signerKeyId !== expectedKeyId) {
      throw refused(
        messageRef('handover.fingerprint_mismatch', { actual: opened.signerKeyId, expected: expectedKeyId }),
      );
    }
    const before = db
      .prepare<[string], { at: string }>('SELECT at FROM handover_log WHERE handover_id = ?')
      .get(m.handoverId);
    if (before) throw refused(messageRef('handover.already_imported', { at: before.at }), 'conflict');
    const own = identity.signingKey().keyId;
    const at = now().toISOString();
    let added = 0;
    let unchanged = 0;
    const exists = db.prepare<[string], { n: number }>('SELECT n FROM record WHERE id = ?');
    const fixRevision = db.prepare('UPDATE record SET revision = ?, created_at = ?, updated_at = ? WHERE id = ?');
    const fixAudit = db.prepare('UPDATE audit_entry SET revision = ? WHERE record_id = ?');
    const maxSort = db.prepare<[string], { s: number | null }>(
      'SELECT max(sort) AS s FROM taxonomy_term WHERE taxonomy = ?',
    );
    const addTerm = db.prepare(`INSERT OR IGNORE INTO taxonomy_term
      (taxonomy, code, label_en, label_nl, parent_code, iccs, sort, retired_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    inDashboardBatch(db, () => {
      // Parents before children, so a group exists before its members.
      const terms = [...opened.payload.terms].sort(
        (a, b) => Number(a.parentCode !== null) - Number(b.parentCode !== null),
      );
      for (const t of terms) {
        const sort = (maxSort.get(t.taxonomy)?.s ?? 0) + 1;
        addTerm.run(t.taxonomy, t.code, t.labelEn, t.labelNl, t.parentCode, t.iccs, sort, t.retiredAt);
      }
      for (const kind of WRITE_ORDER) {
        for (const rec of opened.payload.records.filter((x) => x.kind === kind)) {
          if (exists.get(rec.id)) {
            unchanged += 1;
            continue;
          }
          const fields: unknown = SCHEMAS[kind].parse(rec.fields);
          deps.store.insertInTransaction(kind, fields, rec.id);
          fixRevision.run(rec.revision, rec.createdAt, rec.updatedAt, rec.id);
          fixAudit.run(rec.revision, rec.id);
          added += 1;
        }
      }
      db.prepare(
        `INSERT INTO series_continuation (key_id, continues_key_id, continues_sequence, continues_hash, handover_id,
          recorded_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (key_id) DO UPDATE SET continues_key_id = excluded.continues_key_id,
          continues_sequence = excluded.continues_sequence, continues_hash = excluded.continues_hash,
          handover_id = excluded.handover_id, recorded_at = excluded.recorded_at`,
      ).run(own, m.series.keyId, m.series.lastSequence, m.series.lastHash, m.handoverId, at);
      insertLog(
        {
          handoverId: m.handoverId,
          direction: 'received',
          postId: m.postId,
          outgoingKeyId: m.outgoing.keyId,
          outgoingOfficer: m.outgoing.officer,
          successorKeyId: m.successor.keyId,
          successorOfficer: r.officer,
          lastSequence: m.series.lastSequence,
          closedHistory: m.closedHistory,
          counts: m.counts,
          at,
        },
        opened.fileSha256,
        m.series.lastHash,
      );
    });
    return {
      handoverId: m.handoverId,
      direction: 'received',
      postId: m.postId,
      outgoingKeyId: m.outgoing.keyId,
      outgoingOfficer: m.outgoing.officer,
      successorKeyId: m.successor.keyId,
      successorOfficer: r.officer,
      lastSequence: m.series.lastSequence,
      closedHistory: m.closedHistory,
      counts: m.counts,
      at,
      added,
      unchanged,
    };
  }

  /**
   * The series this installation's signing key continues, from a received package: its first export declares
   * it (the outgoing key and its last sequence), so HQ follows the post's series across the change of laptop.
   */
  function continuation(): { keyId: string; sequence: number; hash: string | null } | null {
    const k = identity.identity().signingKeyId;
    if (!k) return null;
    const row = db
      .prepare<[string], { continues_key_id: string; continues_sequence: number; continues_hash: string | null }>(
        'SELECT continues_key_id, continues_sequence, continues_hash FROM series_continuation WHERE key_id = ?',
      )
      .get(k);
    return row ? { keyId: row.continues_key_id, sequence: row.continues_sequence, hash: row.continues_hash } : null;
  }

  function status(): HandoverStatus {
    const who = identity.identity();
    const log = db.prepare('SELECT * FROM handover_log ORDER BY at DESC').all() as {
      handover_id: string;
      direction: 'sent' | 'received';
      post_id: string;
      outgoing_key_id: string;
      outgoing_officer: string;
      successor_key_id: string;
      successor_officer: string;
      last_sequence: number;
      closed_history: number;
      counts: string;
      at: string;
    }[];
    return {
      receivingKey: receivingKeys.all()[0]?.fingerprint ?? null,
      signingKeyId: who.signingKeyId,
      log: log.map((l) => ({
        handoverId: l.handover_id,
        direction: l.direction,
        postId: l.post_id,
        outgoingKeyId: l.outgoing_key_id,
        outgoingOfficer: l.outgoing_officer,
        successorKeyId: l.successor_key_id,
        successorOfficer: l.successor_officer,
        lastSequence: l.last_sequence,
        closedHistory: l.closed_history === 1,
        counts: JSON.parse(l.counts) as Record<string, number>,
        at: l.at,
      })),
      continues: who.role === 'post' ? continuation() : null,
    };
  }

  return {
    successorFile,
    readSuccessorFile,
    createPackage,
    recordSent,
    openPackage,
    commitPackage,
    continuation,
    status,
  };
}

export type HandoverService = ReturnType<typeof createHandoverService>;

/** A record's fields without links to records outside `kept` (in the trash at the outgoing post). */
function dropLinksNotIn(kind: RecordKind, fields: Record<string, unknown>, kept: Set<string>): Record<string, unknown> {
  const spec = LINK_FIELDS[kind];
  if (!spec) return fields;
  const out = { ...fields };
  for (const f of spec.one) if (typeof out[f] === 'string' && !kept.has(out[f])) out[f] = null;
  for (const f of spec.many) {
    const ids = out[f];
    if (Array.isArray(ids)) out[f] = ids.filter((id) => typeof id === 'string' && kept.has(id));
  }
  return out;
}
