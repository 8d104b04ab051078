import { createHash, randomUUID, sign } from 'node:crypto';
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
  BUNDLE_FORMAT_VERSION_1,
  EXPORT_LEVELS,
  MAX_BUNDLE_RESTATEMENTS,
  SIGNATURE_CONTEXT,
  type BundlePayload,
  type BundleRecord,
  type Envelope,
  type Manifest,
  type Tombstone,
} from '../../shared/exchange/formats';
import type { Overview } from '../../shared/overview/schema';
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
// The programme (budgets, work plans; issue 14, items 2 and 3).
import { programmeForExport } from '../effort/exchange';
import { currentNetworkConfig } from '../network-config/store';

// A post's export: the period's records at the chosen level of detail, plus aggregates, signed with the
// installation's Ed25519 key (inside) and encrypted with age to every trusted HQ key (outside).
// docs/export-format.md describes the result byte for byte.
//
// Besides the period, an export carries what changed since the export before it that carried the same kinds
// (docs/export-format.md, "Tombstones"): records moved to the trash or purged (tombstones) and records taken
// back out of the trash (their new revision), and the restated figures of earlier periods sent at the
// aggregate level whose figures changed since. It says which run of the signing key's series it belongs to:
// a laptop restored from a backup finds out (the series ledger, a file outside the database, is ahead of the
// restored database) and begins a new run that declares the restore.

/** The series ledger: written beside the exports at every export, outside the database a restore replaces. */
export const SERIES_LEDGER_FILE = 'series.json';
const LEDGER_FORMAT = 'liaison-log-series-ledger';

interface Ledger {
  format: typeof LEDGER_FORMAT;
  version: 1;
  installationId: string;
  keyId: string;
  runId: string;
  sequence: number;
  sha256: string | null;
  exportId: string | null;
  createdAt: string;
}

type RestoreDeclaration = NonNullable<Manifest['restore']>;
type Continuation = NonNullable<Manifest['continues']>;

interface SeriesRow {
  run_id: string;
  started_at: string;
  restore: string | null;
  restore_hint: string | null;
  ledger_written: number;
}

/** Kinds other than people travel at both record levels; people at "full" only. */
const RECORD_LEVELS = ['pseudonymised', 'full'];
const PERSON_LEVELS = ['full'];

/**
 * The figures of an overview that a change of records moves: all of it but the open overdue requests, which
 * grow by themselves as days pass. A period is restated when these differ from what was sent.
 */
export function figuresHash(overview: Record<string, unknown>): string {
  const requests = (overview['requests'] ?? {}) as Record<string, unknown>;
  const figures = { ...overview, requests: { ...requests, openOverdue: 0 } };
  return createHash('sha256').update(JSON.stringify(figures)).digest('hex');
}

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

  /**
   * Since when an export carries the lifecycle changes of records of a kind: the creation of the last export
   * that carried that kind (people at "full" only, other kinds at both record levels), or the beginning.
   */
  const lastCarrying = db.prepare<[string], { at: string | null }>(
    'SELECT max(created_at) AS at FROM export_log WHERE level IN (SELECT value FROM json_each(?))',
  );
  function since(levels: readonly string[]): string {
    return lastCarrying.get(JSON.stringify(levels))?.at ?? '';
  }

  /** Own records taken back out of the trash since the last export that carried their kind. */
  function restoredRows(level: ExportRequest['level']): Row[] {
    const read = db.prepare<{ since: string; person: number }, Row>(
      `SELECT n, id, kind, revision, data, created_at, updated_at FROM record r
       WHERE r.origin_post IS NULL AND r.deleted_at IS NULL AND r.updated_at >= @since
         AND (r.kind = 'person') = (@person = 1)
         AND EXISTS (SELECT 1 FROM audit_entry a WHERE a.record_id = r.id AND a.action = 'restore' AND a.at >= @since)`,
    );
    const out = read.all({ since: since(RECORD_LEVELS), person: 0 });
    if (carriesKind(level, 'person')) out.push(...read.all({ since: since(PERSON_LEVELS), person: 1 }));
    return out;
  }

  /**
   * The tombstones an export at this level carries: own records moved to the trash, and own records purged, since
   * the last export that carried their kind. None at the aggregate level (its figures are restated instead).
   */
  function tombstones(level: ExportRequest['level']): Tombstone[] {
    if (!carriesRecords(level)) return [];
    const trashed = db.prepare<
      { since: string; person: number },
      { id: string; kind: RecordKind; revision: number; at: string }
    >(
      `SELECT id, kind, revision, deleted_at AS at FROM record
       WHERE deleted_at IS NOT NULL AND deleted_at >= @since AND origin_post IS NULL AND (kind = 'person') = (@person = 1)`,
    );
    const purged = db.prepare<
      { since: string; person: number },
      { id: string; kind: RecordKind; revision: number | null; at: string }
    >(
      `SELECT p.record_id AS id, p.kind, p.purged_at AS at,
         (SELECT a.revision FROM audit_entry a WHERE a.record_id = p.record_id AND a.action = 'purge'
          ORDER BY a.seq DESC LIMIT 1) AS revision
       FROM purged_record p
       WHERE p.origin_post IS NULL AND p.purged_at >= @since AND (p.kind = 'person') = (@person = 1)`,
    );
    const windows = [{ since: since(RECORD_LEVELS), person: 0 }];
    if (carriesKind(level, 'person')) windows.push({ since: since(PERSON_LEVELS), person: 1 });
    const out: Tombstone[] = [];
    for (const w of windows) {
      for (const r of trashed.all(w))
        out.push({ kind: r.kind, id: r.id, state: 'trashed', revision: r.revision, at: r.at });
      for (const r of purged.all(w))
        out.push({ kind: r.kind, id: r.id, state: 'purged', revision: r.revision ?? null, at: r.at });
    }
    return out.sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
  }

  /**
   * Earlier periods sent at the aggregate level whose figures changed since they were last sent (a record of the
   * period trashed, restored, purged or edited): their overview as it is now. The period being exported is not
   * restated (its aggregates are the bundle's own).
   */
  function restatements(req: ExportRequest): Overview[] {
    const s = deps.settings();
    const sent = db
      .prepare<[string, string], { period_from: string; period_to: string; sha256: string }>(
        `SELECT period_from, period_to, sha256 FROM sent_aggregate
         WHERE level = 'aggregate' AND NOT (period_from = ? AND period_to = ?) ORDER BY period_from, period_to`,
      )
      .all(req.from, req.to);
    const out: Overview[] = [];
    for (const p of sent) {
      if (out.length >= MAX_BUNDLE_RESTATEMENTS) break;
      const now = deps.overview.overview(p.period_from, p.period_to, s.homeCountry, s.timeZone);
      if (figuresHash(now) !== p.sha256) out.push(now);
    }
    return out;
  }

  /** The period's own records (not imported ones), and what they link to, in a stable order. */
  function collect(req: ExportRequest): BundleRecord[] {
    const level = req.level;
    if (!carriesRecords(level)) return [];
    const p = periodParams(req.from, req.to, deps.settings().timeZone);
    const inPeriod = db
      .prepare(
        `SELECT n, id, kind, revision, data, created_at, updated_at FROM record r
         WHERE r.deleted_at IS NULL AND r.origin_post IS NULL AND (
           (r.kind IN ('engagement', 'request') AND r.occurred_at >= @fromInstant AND r.occurred_at < @toInstantExclusive)
           OR (r.kind = 'result' AND r.occurred_at >= @fromDate AND r.occurred_at < @toDateExclusive))
         ORDER BY r.kind, r.id`,
      )
      .all(p) as Row[];
    // Records taken back out of the trash travel whatever their date: HQ takes them back (a new revision).
    const seen = new Set(inPeriod.map((r) => r.id));
    const rows = [...inPeriod, ...restoredRows(level).filter((r) => !seen.has(r.id))].sort(
      (a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id),
    );
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
    const taken = new Set<string>();
    return [...rows, ...linked, ...extra]
      .filter((r) => carriesKind(level, r.kind) && !taken.has(r.id) && Boolean(taken.add(r.id)))
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

  const lastExport = db.prepare<[string], { sequence: number; sha256: string; export_id: string; created_at: string }>(
    'SELECT sequence, sha256, export_id, created_at FROM export_log WHERE key_id = ? ORDER BY sequence DESC LIMIT 1',
  );

  const ledgerPath = () => path.join(deps.dataDir, 'exports', SERIES_LEDGER_FILE);

  function seriesRow(): SeriesRow {
    const row = db
      .prepare<[], SeriesRow>(
        'SELECT run_id, started_at, restore, restore_hint, ledger_written FROM exchange_series WHERE singleton = 1',
      )
      .get();
    if (row) return row;
    // A database made before migration 011 wrote its row (only the migration tests make one): a run of its own.
    const fresh = { run_id: randomUUID(), started_at: deps.now().toISOString() };
    db.prepare('INSERT INTO exchange_series (singleton, run_id, started_at) VALUES (1, ?, ?)').run(
      fresh.run_id,
      fresh.started_at,
    );
    return { ...fresh, restore: null, restore_hint: null, ledger_written: 0 };
  }

  /** The series ledger, or null when there is none (or it is not a ledger of this installation). */
  function readLedger(installationId: string): Ledger | null {
    let text: string;
    try {
      text = fs.readFileSync(ledgerPath(), 'utf8');
    } catch {
      return null;
    }
    try {
      const v = JSON.parse(text) as Partial<Ledger>;
      if (v.format !== LEDGER_FORMAT || v.installationId !== installationId) return null;
      if (typeof v.keyId !== 'string' || typeof v.runId !== 'string' || typeof v.sequence !== 'number') return null;
      return v as Ledger;
    } catch {
      return null;
    }
  }

  function writeLedger(ledger: Omit<Ledger, 'format' | 'version'>): void {
    writeFileAtomic(ledgerPath(), `${JSON.stringify({ format: LEDGER_FORMAT, version: 1, ...ledger }, null, 2)}\n`);
    db.prepare('UPDATE exchange_series SET ledger_written = 1 WHERE singleton = 1').run();
  }

  /** When the newest change this database holds was made: a restored database's backup is at least this new. */
  function newestChange(): string {
    const at = db
      .prepare<[], { at: string | null }>(
        `SELECT max(at) AS at FROM (
           SELECT max(at) AS at FROM audit_entry
           UNION ALL SELECT max(created_at) FROM export_log
           UNION ALL SELECT max(purged_at) FROM purged_record)`,
      )
      .get()?.at;
    return at ?? deps.now().toISOString();
  }

  /**
   * Whether this database was restored from a backup (or a salvage) since its last export, and if so the
   * declaration its new run makes. Restored means: the restore said so (a hint), or the series ledger outside
   * the database is ahead of the database (another run, a later sequence number, or the same number with
   * another file), or the database once wrote a ledger that is no longer there (restored into another folder).
   * Nothing is written here: the new run begins with the export that declares it.
   */
  function detectRestore(
    installationId: string,
    keyId: string,
    last: { sequence: number; sha256: string } | undefined,
    series: SeriesRow,
    at: string,
  ): RestoreDeclaration | null {
    const hint = series.restore_hint ? (JSON.parse(series.restore_hint) as { backupOf?: string }) : null;
    const ledger = readLedger(installationId);
    const n = last?.sequence ?? 0;
    let restored = hint !== null;
    let lastIssued: number | null = null;
    if (ledger && ledger.keyId === keyId) {
      const ahead =
        ledger.runId !== series.run_id ||
        ledger.sequence > n ||
        (ledger.sequence === n && (ledger.sha256 ?? null) !== (last?.sha256 ?? null));
      if (ahead) {
        restored = true;
        lastIssued = Math.max(ledger.sequence, n);
      }
    } else if (!ledger && series.ledger_written === 1) {
      restored = true;
    }
    if (!restored) return null;
    const stated = typeof hint?.backupOf === 'string' && !Number.isNaN(Date.parse(hint.backupOf));
    return {
      restoredAt: at,
      backupOf: stated ? new Date(hint.backupOf as string).toISOString() : minInstant(newestChange(), at),
      backupOfKnown: stated ? 'stated' : 'newest_change',
      continuesAfter: n,
      previousRun: series.run_id,
      lastIssued,
    };
  }

  /** The series a replacement laptop or a successor continues (migration 013's series_continuation), if any. */
  function continuation(keyId: string): Continuation | undefined {
    const exists = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'series_continuation'")
      .get();
    if (!exists) return undefined;
    const row = db
      .prepare<[string], { continues_key_id: string; continues_sequence: number; continues_hash: string | null }>(
        'SELECT continues_key_id, continues_sequence, continues_hash FROM series_continuation WHERE key_id = ?',
      )
      .get(keyId);
    return row
      ? { keyId: row.continues_key_id, sequence: row.continues_sequence, hash: row.continues_hash ?? null }
      : undefined;
  }

  /**
   * HQ's network configuration may ask for exports at a level or above (docs/network-config.md,
   * `minimumLevel`): a lower level is refused before anything is read, so the officer chooses again.
   */
  function requireMinimumLevel(level: ExportRequest['level']): void {
    const minimum = currentNetworkConfig(db)?.minimumLevel ?? null;
    if (minimum !== null && EXPORT_LEVELS.indexOf(level) < EXPORT_LEVELS.indexOf(minimum)) {
      throw new ExchangeError('conflict', messageRef('exchange.below_minimum_level', { level, minimum }));
    }
  }

  return {
    /** Exactly what would leave the laptop, before anything is written. */
    preview(req: ExportRequest): ExportPreview {
      deps.identity.require('post');
      requireMinimumLevel(req.level);
      const records = collect(req);
      return {
        level: req.level,
        counts: countsOf(records),
        leftOut: leftOut(req.level),
        sample: sampleOf(records).map((r) => ({ ...r.fields, kind: r.kind, id: r.id, revision: r.revision })),
        recipients: deps.identity.trustedRecipients().map((r) => r.fingerprint),
        tombstones: tombstones(req.level).length,
        restated: restatements(req).map((o) => ({ from: o.from, to: o.to })),
      };
    },

    /**
     * Tells the series that this database was just put in place from a backup made at `backupOf` (the restore
     * knows the backup's date; the next export declares the restore with it). Without it the next export still
     * finds the restore from the series ledger, and dates the backup by the newest change it holds.
     */
    noteRestore(backupOf: Date): void {
      db.prepare('UPDATE exchange_series SET restore_hint = ? WHERE singleton = 1').run(
        JSON.stringify({ backupOf: backupOf.toISOString() }),
      );
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
      requireMinimumLevel(req.level);
      await step(0, 'collect');
      const recipients = deps.identity.trustedRecipients();
      const key = deps.identity.signingKey();
      const createdAt = deps.now().toISOString();
      // One read transaction, so records, tombstones and aggregates describe the same moment.
      const { records, agg, gone, restated, programme } = db.transaction(() => ({
        records: collect(req),
        agg: aggregates(req),
        gone: tombstones(req.level),
        restated: restatements(req),
        programme: programmeForExport(db, req.level, deps.now),
      }))();
      const previous = lastExport.get(key.keyId);
      const series = seriesRow();
      const restore = detectRestore(who.installation_id, key.keyId, previous, series, createdAt);
      // A restore begins a new run; every bundle of a run that began with a restore declares it.
      const runId = restore ? randomUUID() : series.run_id;
      const declared = restore ?? (series.restore ? (JSON.parse(series.restore) as RestoreDeclaration) : undefined);
      const continues = continuation(key.keyId);
      // Format 2 as soon as the bundle carries anything format 1 does not know (an HQ of format 1 then says
      // "made by a newer version" rather than refusing an unknown field): tombstones, restated figures, the
      // series facts, or the programme (budgets, work plans).
      const v2 =
        gone.length > 0 ||
        restated.length > 0 ||
        declared !== undefined ||
        continues !== undefined ||
        programme !== undefined;
      const s = deps.settings();
      const manifest: Manifest = {
        formatVersion: v2 ? BUNDLE_FORMAT_VERSION : BUNDLE_FORMAT_VERSION_1,
        exportId: randomUUID(),
        postId: who.post_id ?? '',
        postName: who.post_name,
        officer: who.officer,
        signerKeyId: key.keyId,
        sequence: (previous?.sequence ?? 0) + 1,
        previousHash: previous?.sha256 ?? null,
        period: { from: req.from, to: req.to },
        createdAt,
        level: req.level,
        schemaVersion: LATEST_SCHEMA_VERSION,
        appVersion: deps.appVersion,
        timeZone: s.timeZone,
        homeCountry: s.homeCountry,
        recipients: recipients.map((r) => r.fingerprint),
        counts: countsOf(records),
        ...(v2 ? { run: runId } : {}),
        ...(declared ? { restore: declared } : {}),
        ...(continues ? { continues } : {}),
      };
      const payload: BundlePayload = {
        manifest,
        records,
        aggregates: agg,
        ...(gone.length > 0 ? { tombstones: gone } : {}),
        ...(restated.length > 0 ? { restatements: restated } : {}),
        ...(programme ? { programme } : {}),
      };
      const payloadText = JSON.stringify(payload);
      const signature = sign(null, Buffer.from(SIGNATURE_CONTEXT + payloadText, 'utf8'), key.privateKey);
      const envelope: Envelope = {
        format: BUNDLE_FORMAT,
        formatVersion: manifest.formatVersion,
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
      const sent = db.prepare(`INSERT INTO sent_aggregate (period_from, period_to, level, sha256, export_id, sent_at)
        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (period_from, period_to) DO UPDATE SET
          level = excluded.level, sha256 = excluded.sha256, export_id = excluded.export_id,
          sent_at = excluded.sent_at`);
      try {
        db.transaction(() => {
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
          // The figures sent per period: this period's at this level, and the restated ones (still aggregate).
          sent.run(req.from, req.to, req.level, figuresHash(agg), entry.exportId, createdAt);
          for (const o of restated) sent.run(o.from, o.to, 'aggregate', figuresHash(o), entry.exportId, createdAt);
          if (restore) {
            db.prepare(
              'UPDATE exchange_series SET run_id = ?, started_at = ?, restore = ?, restore_hint = NULL WHERE singleton = 1',
            ).run(runId, restore.restoredAt, JSON.stringify(restore));
          }
        })();
      } catch (error) {
        // Not in the history means not exported: take the file back rather than leave a stray bundle.
        fs.rmSync(target, { force: true });
        throw error;
      }
      // Outside the database, so that a restore of the database does not take it back.
      writeLedger({
        installationId: who.installation_id,
        keyId: key.keyId,
        runId,
        sequence: entry.sequence,
        sha256: entry.sha256,
        exportId: entry.exportId,
        createdAt,
      });
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
        // The ledger follows: the export before it is the last one again (not a restore).
        const before = lastExport.get(row.key_id);
        const who = deps.identity.require('post');
        writeLedger({
          installationId: who.installation_id,
          keyId: row.key_id,
          runId: seriesRow().run_id,
          sequence: before?.sequence ?? 0,
          sha256: before?.sha256 ?? null,
          exportId: before?.export_id ?? null,
          createdAt: before?.created_at ?? deps.now().toISOString(),
        });
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

/** The earlier of two instants (ISO 8601 UTC text sorts in time order). */
function minInstant(a: string, b: string): string {
  return a < b ? a : b;
}

/** A few records of every kind, so the preview shows what each kind looks like when it leaves. */
function sampleOf(records: BundleRecord[], perKind = 4): BundleRecord[] {
  const taken = new Map<string, number>();
  return records.filter((r) => {
    const n = taken.get(r.kind) ?? 0;
    taken.set(r.kind, n + 1);
    return n < perKind;
  });
}
