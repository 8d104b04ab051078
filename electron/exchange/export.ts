import { randomUUID, sign } from 'node:crypto';
import path from 'node:path';
import fs from 'node:fs';
import { Encrypter } from 'age-encryption';
import { messageRef } from '../../shared/contract/messages';
import type { Progress } from '../../shared/contract/progress';
import { CancelledError } from '../backend/dispatch';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  SIGNATURE_CONTEXT,
  type BundlePayload,
  type BundleRecord,
  type Envelope,
  type Manifest,
} from '../../shared/exchange/formats';
import type { ExportEntry, ExportPreview, ExportRequest } from '../../shared/exchange/schema';
import type { RecordKind } from '../../shared/records/kinds';
import type { Settings } from '../../shared/settings/schema';
import { LATEST_SCHEMA_VERSION } from '../db/migrations/index';
import type { createOverviewService } from '../overview/service';
import { periodParams } from '../records/period';
import { writeFileAtomic } from './atomic-write';
import { sha256Hex } from './fingerprint';
import { ExchangeError, type IdentityService } from './identity';
import { carriesKind, carriesRecords, fieldsForLevel, leftOut } from './levels';

// A post's export: the period's records at the chosen level of detail, plus aggregates, signed with the
// installation's Ed25519 key (inside) and encrypted with age to every trusted HQ key (outside).
// docs/export-format.md describes the result byte for byte.

interface Row {
  n: number;
  id: string;
  kind: RecordKind;
  revision: number;
  data: string;
  created_at: string;
  updated_at: string;
}

export interface ExportDeps {
  db: Database;
  dataDir: string;
  identity: IdentityService;
  overview: ReturnType<typeof createOverviewService>;
  settings: () => Settings;
  now: () => Date;
  appVersion: string;
}

/** How a caller follows and stops an export (the handler passes its call context's). */
export interface ExportSteps {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: Progress) => void;
}

export function createExportService(deps: ExportDeps) {
  const { db } = deps;

  /** The period's own records (not imported ones), and what they link to, in a stable order. */
  function collect(req: ExportRequest): BundleRecord[] {
    const level = req.level;
    if (!carriesRecords(level)) return [];
    const p = periodParams(req.from, req.to, deps.settings().timeZone);
    const rows = db
      .prepare(
        `SELECT n, id, kind, revision, data, created_at, updated_at FROM record r
         WHERE r.deleted_at IS NULL AND r.origin_post IS NULL AND (
           (r.kind IN ('engagement', 'request') AND r.occurred_at >= @fromInstant AND r.occurred_at < @toInstantExclusive)
           OR (r.kind = 'result' AND r.occurred_at >= @fromDate AND r.occurred_at < @toDateExclusive))
         ORDER BY r.kind, r.id`,
      )
      .all(p) as Row[];
    // Whatever those records link to (organisations, people, cases) travels with them, so links resolve.
    const linked = db
      .prepare(
        `SELECT DISTINCT t.n, t.id, t.kind, t.revision, t.data, t.created_at, t.updated_at
         FROM record_link l JOIN record t ON t.id = l.to_id
         WHERE l.from_n IN (SELECT value FROM json_each(?)) AND t.deleted_at IS NULL
           AND t.kind IN ('organisation', 'person', 'case')
         ORDER BY t.kind, t.id`,
      )
      .all(JSON.stringify(rows.map((r) => r.n))) as Row[];
    // A person's organisation comes too.
    const people = linked.filter((r) => r.kind === 'person');
    const orgIds = new Set(linked.filter((r) => r.kind === 'organisation').map((r) => r.id));
    const extraOrgs = people
      .map((r) => (JSON.parse(r.data) as { organisationId: string | null }).organisationId)
      .filter((id): id is string => id !== null && !orgIds.has(id));
    const extra = extraOrgs.length
      ? (db
          .prepare(
            `SELECT n, id, kind, revision, data, created_at, updated_at FROM record
             WHERE id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL`,
          )
          .all(JSON.stringify([...new Set(extraOrgs)])) as Row[])
      : [];
    return [...rows, ...linked, ...extra]
      .filter((r) => carriesKind(level, r.kind))
      .map((r) => ({
        kind: r.kind,
        id: r.id,
        revision: r.revision,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        fields: fieldsForLevel(level, r.kind, JSON.parse(r.data) as Record<string, unknown>),
      }));
  }

  function countsOf(records: BundleRecord[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of records) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
    return counts;
  }

  function aggregates(req: ExportRequest): Record<string, unknown> {
    const s = deps.settings();
    return deps.overview.overview(req.from, req.to, s.homeCountry, s.timeZone);
  }

  const lastExport = db.prepare<[string], { sequence: number; sha256: string }>(
    'SELECT sequence, sha256 FROM export_log WHERE key_id = ? ORDER BY sequence DESC LIMIT 1',
  );

  return {
    /** Exactly what would leave the laptop, before anything is written. */
    preview(req: ExportRequest): ExportPreview {
      deps.identity.require('post');
      const records = collect(req);
      return {
        level: req.level,
        counts: countsOf(records),
        leftOut: leftOut(req.level),
        sample: sampleOf(records).map((r) => ({ ...r.fields, kind: r.kind, id: r.id, revision: r.revision })),
        recipients: deps.identity.trustedRecipients().map((r) => r.fingerprint),
      };
    },

    /**
     * Collects, signs, encrypts and writes one export. Reports each step; a cancel is honoured before the file
     * is written and the sequence number taken, so a cancelled export leaves nothing behind.
     */
    async create(req: ExportRequest, outDir?: string, steps: ExportSteps = {}): Promise<ExportEntry> {
      const step = async (done: number, phase: string) => {
        steps.onProgress?.({ done, total: 3, phase });
        // Let a cancel (a message from the host) in, then honour it.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (steps.signal?.aborted) throw new CancelledError('The export was cancelled. Nothing was written.');
      };
      const who = deps.identity.require('post');
      await step(0, 'collect');
      const recipients = deps.identity.trustedRecipients();
      const key = deps.identity.signingKey();
      // One read transaction, so records and aggregates describe the same moment.
      const { records, agg } = db.transaction(() => ({ records: collect(req), agg: aggregates(req) }))();
      const previous = lastExport.get(key.keyId);
      const s = deps.settings();
      const manifest: Manifest = {
        formatVersion: BUNDLE_FORMAT_VERSION,
        exportId: randomUUID(),
        postId: who.post_id ?? '',
        postName: who.post_name,
        officer: who.officer,
        signerKeyId: key.keyId,
        sequence: (previous?.sequence ?? 0) + 1,
        previousHash: previous?.sha256 ?? null,
        period: { from: req.from, to: req.to },
        createdAt: deps.now().toISOString(),
        level: req.level,
        schemaVersion: LATEST_SCHEMA_VERSION,
        appVersion: deps.appVersion,
        timeZone: s.timeZone,
        homeCountry: s.homeCountry,
        recipients: recipients.map((r) => r.fingerprint),
        counts: countsOf(records),
      };
      const payload: BundlePayload = { manifest, records, aggregates: agg };
      const payloadText = JSON.stringify(payload);
      const signature = sign(null, Buffer.from(SIGNATURE_CONTEXT + payloadText, 'utf8'), key.privateKey);
      const envelope: Envelope = {
        format: BUNDLE_FORMAT,
        formatVersion: BUNDLE_FORMAT_VERSION,
        payload: payloadText,
        signature: { algorithm: 'Ed25519', keyId: key.keyId, value: signature.toString('base64') },
      };
      const encrypter = new Encrypter();
      for (const r of recipients) {
        try {
          encrypter.addRecipient(r.recipient);
        } catch {
          // Only a key trusted before key files were checked can get here; say which one, not "internal".
          throw new ExchangeError(
            'no_hq_key',
            messageRef('exchange.no_hq_key.unusable', { fingerprint: r.fingerprint }),
          );
        }
      }
      await step(1, 'encrypt');
      const bytes = await encrypter.encrypt(JSON.stringify(envelope));
      await step(2, 'write');

      const fileName = `liaison-log_${manifest.postId}_${req.from}_${req.to}_${String(manifest.sequence).padStart(4, '0')}.llbundle`;
      const target = path.join(outDir ?? path.join(deps.dataDir, 'exports'), fileName);
      writeFileAtomic(target, bytes);
      const entry: ExportEntry = {
        exportId: manifest.exportId,
        sequence: manifest.sequence,
        keyId: key.keyId,
        fileName,
        path: target,
        sha256: sha256Hex(bytes),
        from: req.from,
        to: req.to,
        level: req.level,
        counts: manifest.counts,
        createdAt: manifest.createdAt,
      };
      try {
        db.prepare(
          `INSERT INTO export_log (export_id, key_id, sequence, file_name, path, sha256, period_from,
            period_to, level, counts, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          entry.exportId,
          entry.keyId,
          entry.sequence,
          entry.fileName,
          entry.path,
          entry.sha256,
          entry.from,
          entry.to,
          entry.level,
          JSON.stringify(entry.counts),
          entry.createdAt,
        );
      } catch (error) {
        // Not in the history means not exported: take the file back rather than leave a stray bundle.
        fs.rmSync(target, { force: true });
        throw error;
      }
      steps.onProgress?.({ done: 3, total: 3, phase: 'write' });
      return entry;
    },

    /**
     * Takes back the newest export of its signing key when its file could not be delivered (the command line's
     * copy to --out failed): its history row and its file in the exports folder go, so its sequence number is
     * used again and HQ never sees a gap. Refused (false) for any export that is not its key's newest.
     */
    withdraw(exportId: string): boolean {
      return db.transaction(() => {
        const row = db
          .prepare<[string], { key_id: string; sequence: number; path: string }>(
            'SELECT key_id, sequence, path FROM export_log WHERE export_id = ?',
          )
          .get(exportId);
        if (!row || lastExport.get(row.key_id)?.sequence !== row.sequence) return false;
        db.prepare('DELETE FROM export_log WHERE export_id = ?').run(exportId);
        fs.rmSync(row.path, { force: true });
        return true;
      })();
    },

    history(): ExportEntry[] {
      return (
        db.prepare('SELECT * FROM export_log ORDER BY created_at DESC').all() as {
          export_id: string;
          sequence: number;
          key_id: string;
          file_name: string;
          path: string;
          sha256: string;
          period_from: string;
          period_to: string;
          level: ExportEntry['level'];
          counts: string;
          created_at: string;
        }[]
      ).map((r) => ({
        exportId: r.export_id,
        sequence: r.sequence,
        keyId: r.key_id,
        fileName: r.file_name,
        path: r.path,
        sha256: r.sha256,
        from: r.period_from,
        to: r.period_to,
        level: r.level,
        counts: JSON.parse(r.counts) as Record<string, number>,
        createdAt: r.created_at,
      }));
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;

/** A few records of every kind, so the preview shows what each kind looks like when it leaves. */
function sampleOf(records: BundleRecord[], perKind = 4): BundleRecord[] {
  const taken = new Map<string, number>();
  return records.filter((r) => {
    const n = taken.get(r.kind) ?? 0;
    taken.set(r.kind, n + 1);
    return n < perKind;
  });
}
