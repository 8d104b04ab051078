import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { SavedConfigCopy } from '../../shared/contract/ipc';
import { messageRef, type MessageRef } from '../../shared/contract/messages';
import type { ExportLevel, HqRecipient } from '../../shared/exchange/formats';
import {
  CONFIG_FORMAT,
  CONFIG_FORMAT_VERSION,
  ConfigDraft,
  MAX_CONFIG_BYTES,
  type ApplyOutcome,
  type ConfigEnvelope,
  type ConfigPayload,
  type ConfigPreview,
  type ConfigTerm,
  type NetworkConfigStatus,
  type ReportingPeriod,
  type TermMarks,
} from '../../shared/network-config/schema';
import { DEFAULT_RETENTION, type RetentionRules } from '../../shared/retention/rules';
import { writeFileAtomic } from '../exchange/atomic-write';
import { sha256Hex } from '../exchange/fingerprint';
import {
  ensureHqSigningKey,
  hqSigner,
  newHqSigningKey,
  pinSigner,
  pinnedSigner,
  retireHqSigningKeysBut,
  signConfig,
} from './keys';
import { currentNetworkConfig } from './store';
import { ConfigError, readEnvelope, refuseUnusableRecipients, verifyEnvelope, type VerifiedConfig } from './verify';
import { createPrivateKey } from 'node:crypto';

// HQ publishes a signed configuration; a post checks one, previews what it changes, and applies it in one
// transaction (docs/network-config.md). A refused file changes nothing.

export { ConfigError } from './verify';
export { currentNetworkConfig, exportsDue } from './store';

/** The folder in the data folder where HQ's published configurations are written (the window's publish). */
export const PUBLISHED_FOLDER = 'network-config';

interface TermRow {
  code: string;
  label_en: string;
  label_nl: string;
  parent_code: string | null;
  iccs: string;
  sort: number;
  retired_at: string | null;
}

interface MarkRow {
  code: string;
  hq: number;
  priority_rank: number | null;
  maps_to: string | null;
}

interface AppliedRow {
  version: number;
  issued_at: string;
  expires_at: string;
  hq_name: string;
  payload: string;
  applied_at: string;
}

interface PublishedRow {
  version: number;
  issued_at: string;
  expires_at: string;
  file: string;
  sha256: string;
  payload: string;
}

/** A published version that cannot be saved as a copy: never published, or its stored file gone or changed. */
export class ConfigCopyError extends Error {
  constructor(
    readonly ref: MessageRef,
    readonly family: 'not_found' | 'conflict',
  ) {
    super(ref.code);
    this.name = 'ConfigCopyError';
  }
}

/**
 * The stored published file's bytes; null when it is not there (or not a file); 'too_large' when it is larger
 * than any configuration a post accepts (so not the file published: it is never read into memory).
 */
function readStoredConfig(file: string): Buffer | 'too_large' | null {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return null;
    if (stat.size > MAX_CONFIG_BYTES) return 'too_large';
    return fs.readFileSync(file);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

export interface PublishResult {
  readonly version: number;
  readonly text: string;
  readonly file: string;
  readonly sha256: string;
}

const LEVEL_ORDER: readonly ExportLevel[] = ['aggregate', 'pseudonymised', 'full'];

function role(db: Database): { role: 'post' | 'hq' | null; hq_name: string } {
  return (
    db
      .prepare<[], { role: 'post' | 'hq' | null; hq_name: string }>(
        'SELECT role, hq_name FROM installation WHERE singleton = 1',
      )
      .get() ?? { role: null, hq_name: '' }
  );
}

function requireRole(db: Database, wanted: 'post' | 'hq'): void {
  const r = role(db).role;
  if (r === null) throw new ConfigError(messageRef('config.not_set_up'), 'conflict');
  if (r !== wanted) {
    throw new ConfigError(messageRef(r === 'hq' ? 'config.wrong_role.hq' : 'config.wrong_role.post'), 'conflict');
  }
}

const samePeriod = (a: ReportingPeriod, b: ReportingPeriod) => a.from === b.from && a.to === b.to && a.due === b.due;

export function createNetworkConfig(db: Database, options: { now: () => Date; dataDir?: string }) {
  const { now } = options;
  const phenomena = db.prepare<[], TermRow>(
    "SELECT code, label_en, label_nl, parent_code, iccs, sort, retired_at FROM taxonomy_term WHERE taxonomy = 'phenomenon' ORDER BY sort, code",
  );
  const marks = db.prepare<[], MarkRow>('SELECT * FROM config_term');
  const applied = db.prepare<[], AppliedRow>('SELECT * FROM config_applied ORDER BY version DESC LIMIT 1');
  const published = db.prepare<[], PublishedRow>('SELECT * FROM config_published ORDER BY version DESC LIMIT 1');

  /**
   * Records not in the trash that carry each of `codes`: every record with the code, read from the phenomenon
   * index alone (no record is visited), less those in the trash (few, from the trash's own index). A record visited
   * per use made the preview and the apply grow with the records (100,000 lookups for a term used 100,000 times).
   */
  function recordCounts(codes: readonly string[]): Map<string, number> {
    if (codes.length === 0) return new Map();
    const list = JSON.stringify(codes);
    const all = db
      .prepare<[string], { code: string; n: number }>(
        `SELECT code, count(*) AS n FROM record_phenomenon INDEXED BY record_phenomenon_by_code
         WHERE code IN (SELECT value FROM json_each(?)) GROUP BY code`,
      )
      .all(list);
    const trashed = db
      .prepare<[string], { code: string; n: number }>(
        `SELECT p.code, count(*) AS n FROM record r INDEXED BY record_in_trash
         JOIN record_phenomenon p ON p.record_n = r.n
         WHERE r.deleted_at IS NOT NULL AND p.code IN (SELECT value FROM json_each(?)) GROUP BY p.code`,
      )
      .all(list);
    const counts = new Map(all.map((r) => [r.code, r.n]));
    for (const r of trashed) counts.set(r.code, (counts.get(r.code) ?? 0) - r.n);
    return counts;
  }

  function preview(v: VerifiedConfig): ConfigPreview {
    const p = v.payload;
    const before = new Map(phenomena.all().map((t) => [t.code, t]));
    const mark = new Map(marks.all().map((m) => [m.code, m]));
    const listed = new Map(p.taxonomy.phenomena.map((t) => [t.code, t]));
    const previous = currentNetworkConfig(db);
    const added: ConfigTerm[] = [];
    const relabelled: { t: ConfigTerm; old: TermRow }[] = [];
    const retired: { code: string; labelEn: string; labelNl: string }[] = [];
    const reinstated: ConfigTerm[] = [];
    const regrouped: { t: ConfigTerm; from: string | null }[] = [];
    for (const t of p.taxonomy.phenomena) {
      const old = before.get(t.code);
      if (!old) {
        if (!t.retired) added.push(t);
        continue;
      }
      if (old.label_en !== t.labelEn || old.label_nl !== t.labelNl) relabelled.push({ t, old });
      if (t.retired && old.retired_at === null) retired.push(t);
      if (!t.retired && old.retired_at !== null) reinstated.push(t);
      if (old.parent_code !== t.parentCode) regrouped.push({ t, from: old.parent_code });
    }
    // HQ's terms of an earlier configuration that it no longer lists are withdrawn: retired here.
    for (const [code, m] of mark) {
      const old = before.get(code);
      if (m.hq === 1 && !listed.has(code) && old && old.retired_at === null) {
        retired.push({ code, labelEn: old.label_en, labelNl: old.label_nl });
      }
    }
    const local = [...before.values()].filter((t) => !listed.has(t.code) && mark.get(t.code)?.hq !== 1);
    const counts = recordCounts([
      ...relabelled.map((x) => x.t.code),
      ...retired.map((x) => x.code),
      ...reinstated.map((x) => x.code),
      ...regrouped.map((x) => x.t.code),
      ...local.map((x) => x.code),
    ]);
    const term = (t: { code: string; labelEn: string; labelNl: string }) => ({
      code: t.code,
      labelEn: t.labelEn,
      labelNl: t.labelNl,
      records: counts.get(t.code) ?? 0,
    });
    const previousPriorities = [...mark.values()]
      .filter((m) => m.priority_rank !== null)
      .sort((a, b) => (a.priority_rank ?? 0) - (b.priority_rank ?? 0))
      .map((m) => m.code);
    const oldCalendar = previous?.calendar ?? [];
    const trusted = db
      .prepare<[], { fingerprint: string; label: string }>(
        'SELECT fingerprint, label FROM trusted_hq_key WHERE retired_at IS NULL',
      )
      .all();
    const trustedSet = new Set(trusted.map((k) => k.fingerprint));
    const newKeys = new Set(p.recipients.map((r) => r.fingerprint));
    const oldObjectives = new Map((previous?.objectives ?? []).map((o) => [o.id, JSON.stringify(o)]));
    // Named in the preview: as they will be, and those removed as they were.
    const objectiveLabels = Object.fromEntries(
      [...(previous?.objectives ?? []), ...p.objectives].map((o) => [o.id, { labelEn: o.labelEn, labelNl: o.labelNl }]),
    );
    const newObjectives = new Map(p.objectives.map((o) => [o.id, JSON.stringify(o)]));
    const retentionBefore = previous?.retention ?? null;
    // Without an earlier configuration the post keeps its defaults: a change is a change from those.
    const retentionBase = retentionBefore ?? DEFAULT_RETENTION;
    return {
      version: p.version,
      previousVersion: applied.get()?.version ?? null,
      hqName: p.hqName,
      issuedAt: p.issuedAt,
      expiresAt: p.expiresAt,
      signerFingerprint: v.signer.fingerprint,
      rotatedTo: v.rotatedTo?.fingerprint ?? null,
      terms: {
        added: added.map(term),
        relabelled: relabelled.map(({ t, old }) => ({ ...term(t), beforeEn: old.label_en, beforeNl: old.label_nl })),
        retired: retired.map(term),
        reinstated: reinstated.map(term),
        regrouped: regrouped.map(({ t, from }) => ({ ...term(t), from, to: t.parentCode })),
        local: local.map((t) => ({
          ...term({ code: t.code, labelEn: t.label_en, labelNl: t.label_nl }),
          mapsTo: mark.get(t.code)?.maps_to ?? null,
        })),
      },
      priorities: {
        added: p.priorities.filter((c) => !previousPriorities.includes(c)),
        removed: previousPriorities.filter((c) => !p.priorities.includes(c)),
        all: p.priorities,
      },
      calendar: {
        added: p.calendar.filter((x) => !oldCalendar.some((y) => samePeriod(x, y))),
        removed: oldCalendar.filter((x) => !p.calendar.some((y) => samePeriod(x, y))),
        all: p.calendar,
      },
      keys: {
        added: p.recipients
          .filter((r) => !trustedSet.has(r.fingerprint))
          .map((r) => ({ fingerprint: r.fingerprint, label: r.label })),
        retired: trusted.filter((k) => !newKeys.has(k.fingerprint)),
      },
      minimumLevel: { before: previous?.minimumLevel ?? null, after: p.minimumLevel },
      retention: {
        before: retentionBefore,
        after: p.retention,
        changed: !sameRetention(retentionBase, p.retention),
      },
      objectives: {
        added: [...newObjectives.keys()].filter((id) => !oldObjectives.has(id)),
        removed: [...oldObjectives.keys()].filter((id) => !newObjectives.has(id)),
        changed: [...newObjectives]
          .filter(([id, o]) => oldObjectives.has(id) && oldObjectives.get(id) !== o)
          .map(([id]) => id),
        count: p.objectives.length,
        labels: objectiveLabels,
      },
    };
  }

  /** Refuses a version this post holds already (or a newer one): TUF's rollback rule. */
  function refuseRollback(version: number): void {
    const current = applied.get()?.version;
    if (current === undefined) return;
    if (version === current) throw new ConfigError(messageRef('config.already_applied', { version }), 'conflict');
    if (version < current) throw new ConfigError(messageRef('config.rollback', { version, current }), 'conflict');
  }

  /** Every check, in the documented order; returns the verified configuration or throws a ConfigError. */
  async function check(bytes: Uint8Array): Promise<{ verified: VerifiedConfig; sha256: string }> {
    const envelope = readEnvelope(bytes);
    requireRole(db, 'post');
    const verified = verifyEnvelope(envelope, pinnedSigner(db));
    refuseRollback(verified.payload.version);
    if (verified.payload.expiresAt <= now().toISOString()) {
      throw new ConfigError(messageRef('config.expired', { expiresAt: verified.payload.expiresAt }));
    }
    await refuseUnusableRecipients(verified.payload);
    return { verified, sha256: sha256Hex(bytes) };
  }

  function applyTaxonomy(p: ConfigPayload, at: string): void {
    const before = new Map(phenomena.all().map((t) => [t.code, t]));
    const previousHq = new Set(
      marks
        .all()
        .filter((m) => m.hq === 1)
        .map((m) => m.code),
    );
    const listed = new Set(p.taxonomy.phenomena.map((t) => t.code));
    const upsert = db.prepare(
      `INSERT INTO taxonomy_term (taxonomy, code, label_en, label_nl, parent_code, iccs, sort, retired_at)
       VALUES ('phenomenon', @code, @labelEn, @labelNl, @parentCode, @iccs, @sort, @retiredAt)
       ON CONFLICT (taxonomy, code) DO UPDATE SET label_en = excluded.label_en, label_nl = excluded.label_nl,
         parent_code = excluded.parent_code, iccs = excluded.iccs, sort = excluded.sort,
         retired_at = excluded.retired_at`,
    );
    // Only what changes is written: an unchanged term is not touched (and its records are not recounted).
    p.taxonomy.phenomena.forEach((t, sort) => {
      const old = before.get(t.code);
      const retiredAt = t.retired ? (old?.retired_at ?? at) : null;
      if (
        old &&
        old.label_en === t.labelEn &&
        old.label_nl === t.labelNl &&
        old.parent_code === t.parentCode &&
        old.iccs === t.iccs &&
        old.sort === sort &&
        old.retired_at === retiredAt
      ) {
        return;
      }
      upsert.run({ ...t, sort, retiredAt });
    });
    // Withdrawn: HQ listed it before and no longer does. Retired, never deleted (records keep their codes).
    const retire = db.prepare(
      "UPDATE taxonomy_term SET retired_at = ? WHERE taxonomy = 'phenomenon' AND code = ? AND retired_at IS NULL",
    );
    for (const code of previousHq) if (!listed.has(code)) retire.run(at, code);
    // The post's own terms follow HQ's, in their own order, and stay in a group that is still a group.
    const hqTerms = new Map(p.taxonomy.phenomena.map((t) => [t.code, t]));
    const local = phenomena.all().filter((t) => !listed.has(t.code));
    const moveLocal = db.prepare(
      "UPDATE taxonomy_term SET sort = ?, parent_code = ? WHERE taxonomy = 'phenomenon' AND code = ?",
    );
    local.forEach((t, i) => {
      const group = t.parent_code ? hqTerms.get(t.parent_code) : undefined;
      const parent = group && group.parentCode !== null ? group.parentCode : t.parent_code;
      if (t.sort !== p.taxonomy.phenomena.length + i || parent !== t.parent_code) {
        moveLocal.run(p.taxonomy.phenomena.length + i, parent, t.code);
      }
    });
    // The marks: HQ's terms, the priorities by rank; a local term HQ now defines itself is no longer mapped.
    db.prepare('UPDATE config_term SET hq = 0, priority_rank = NULL').run();
    const mark = db.prepare(
      `INSERT INTO config_term (code, hq, priority_rank, maps_to) VALUES (?, 1, ?, NULL)
       ON CONFLICT (code) DO UPDATE SET hq = 1, priority_rank = excluded.priority_rank, maps_to = NULL`,
    );
    const rank = new Map(p.priorities.map((c, i) => [c, i + 1]));
    for (const t of p.taxonomy.phenomena) mark.run(t.code, rank.get(t.code) ?? null);
    // A local term mapped onto a code HQ no longer lists keeps the mapping (the code stays on HQ's records).
  }

  function applyRecipients(recipients: readonly HqRecipient[], hqName: string, at: string): void {
    db.prepare('UPDATE trusted_hq_key SET retired_at = ? WHERE retired_at IS NULL').run(at);
    const upsert = db.prepare(`INSERT INTO trusted_hq_key (fingerprint, recipient, label, hq_name, imported_at)
      VALUES (?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO UPDATE SET retired_at = NULL, label = excluded.label`);
    for (const r of recipients) upsert.run(r.fingerprint, r.recipient, r.label, hqName, at);
  }

  function publishedStatus(): NetworkConfigStatus['current'] {
    const r = published.get();
    if (!r) return null;
    const p = currentNetworkConfig(db) as ConfigPayload;
    return {
      version: r.version,
      issuedAt: r.issued_at,
      expiresAt: r.expires_at,
      hqName: p.hqName,
      appliedAt: r.issued_at,
      expired: r.expires_at <= now().toISOString(),
      priorities: p.priorities,
      calendar: p.calendar,
      minimumLevel: p.minimumLevel,
      retention: p.retention,
      objectives: p.objectives,
      file: r.file,
    };
  }

  function storedDraft(): ConfigDraft | null {
    const row = db.prepare<[], { draft: string }>('SELECT draft FROM config_draft WHERE singleton = 1').get();
    return row ? ConfigDraft.parse(JSON.parse(row.draft)) : null;
  }

  /** HQ: the draft refers to HQ's own active phenomena only. */
  function checkDraft(draft: ConfigDraft): void {
    const active = new Set(
      phenomena
        .all()
        .filter((t) => t.retired_at === null)
        .map((t) => t.code),
    );
    draft.priorities.forEach((code, i) => {
      if (!active.has(code)) {
        throw new ConfigError(
          messageRef('config.draft_invalid', {
            at: `priorities.${i}`,
            problem: `${code} is not an active phenomenon.`,
          }),
        );
      }
    });
    draft.calendar.forEach((p, i) => {
      if (p.to < p.from || p.due < p.to) {
        throw new ConfigError(
          messageRef('config.draft_invalid', {
            at: `calendar.${i}`,
            problem: 'the period ends before it starts, or is due before it ends.',
          }),
        );
      }
    });
    if (new Set(draft.objectives.map((o) => o.id)).size !== draft.objectives.length) {
      throw new ConfigError(
        messageRef('config.draft_invalid', { at: 'objectives', problem: 'an id is listed twice.' }),
      );
    }
  }

  return {
    status(): NetworkConfigStatus {
      const r = role(db).role;
      if (r === 'hq') {
        return { role: r, signingKey: ensureHqSigningKey(db, now), current: publishedStatus(), draft: storedDraft() };
      }
      const row = applied.get();
      const p = row ? (currentNetworkConfig(db) as ConfigPayload) : null;
      return {
        role: r,
        signingKey: r === 'post' ? pinnedSigner(db) : null,
        current:
          row && p
            ? {
                version: row.version,
                issuedAt: row.issued_at,
                expiresAt: row.expires_at,
                hqName: row.hq_name,
                appliedAt: row.applied_at,
                expired: row.expires_at <= now().toISOString(),
                priorities: p.priorities,
                calendar: p.calendar,
                minimumLevel: p.minimumLevel,
                retention: p.retention,
                objectives: p.objectives,
                file: null,
              }
            : null,
        draft: null,
      };
    },

    /** Post: check a file and say what applying it would change. Throws ConfigError on any refusal. */
    async preview(bytes: Uint8Array): Promise<ConfigPreview> {
      const { verified } = await check(bytes);
      return preview(verified);
    },

    /** Post: check, then apply in one transaction (or, with dryRun, only check and preview). */
    async apply(bytes: Uint8Array, dryRun = false): Promise<ApplyOutcome> {
      const { verified, sha256 } = await check(bytes);
      const p = verified.payload;
      return db.transaction((): ApplyOutcome => {
        // Checked again inside the transaction: another apply may have come in between.
        refuseRollback(p.version);
        const shown = preview(verified);
        if (dryRun) return { applied: false, preview: shown };
        const at = now().toISOString();
        if (verified.rotatedTo) pinSigner(db, verified.rotatedTo, 'rotation', now);
        applyTaxonomy(p, at);
        applyRecipients(p.recipients, p.hqName, at);
        db.prepare(
          `INSERT INTO config_applied (version, issued_at, expires_at, hq_name, signer, sha256, payload, applied_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          p.version,
          p.issuedAt,
          p.expiresAt,
          p.hqName,
          verified.signer.fingerprint,
          sha256,
          verified.payloadText,
          at,
        );
        return { applied: true, preview: shown };
      })();
    },

    /** HQ: keep the draft the next publication starts from. */
    saveDraft(input: ConfigDraft): ConfigDraft {
      requireRole(db, 'hq');
      const draft = ConfigDraft.parse(input);
      checkDraft(draft);
      db.prepare(
        'INSERT INTO config_draft (singleton, draft) VALUES (1, ?) ON CONFLICT (singleton) DO UPDATE SET draft = excluded.draft',
      ).run(JSON.stringify(draft));
      return draft;
    },

    /**
     * HQ: sign and write the next version. `out` is the file to write (the command line); without it the file goes
     * to the data folder's network-config/ folder. With `rotateSigningKey`, a new signing key is made, announced in
     * this configuration and signed by the old and the new key; the old key is retired.
     */
    publish(input: { draft?: ConfigDraft | undefined; rotateSigningKey?: boolean; out?: string }): PublishResult {
      requireRole(db, 'hq');
      return db.transaction((): PublishResult => {
        const draft = input.draft ? ConfigDraft.parse(input.draft) : (storedDraft() ?? ConfigDraft.parse({}));
        checkDraft(draft);
        db.prepare(
          'INSERT INTO config_draft (singleton, draft) VALUES (1, ?) ON CONFLICT (singleton) DO UPDATE SET draft = excluded.draft',
        ).run(JSON.stringify(draft));
        const old = hqSigner(db, now);
        const signers = [old];
        if (input.rotateSigningKey) {
          const fresh = newHqSigningKey(db, now);
          signers.push({
            key: { publicKey: fresh.public_key, fingerprint: fresh.key_id, createdAt: fresh.created_at },
            privateKey: createPrivateKey({
              key: Buffer.from(fresh.private_key, 'base64'),
              format: 'der',
              type: 'pkcs8',
            }),
          });
        }
        const signingKey = (signers[signers.length - 1] as (typeof signers)[number]).key;
        const version = (published.get()?.version ?? 0) + 1;
        const issued = now();
        const terms = phenomena.all();
        const tops = terms.filter((t) => t.parent_code === null);
        const grouped = [...tops.flatMap((g) => [g, ...terms.filter((t) => t.parent_code === g.code)])];
        const rest = terms.filter((t) => !grouped.includes(t));
        const recipients = db
          .prepare<[], { public_key: string; key_id: string; label: string; created_at: string }>(
            "SELECT * FROM own_key WHERE purpose = 'hq_encryption' AND retired_at IS NULL ORDER BY created_at DESC",
          )
          .all()
          .map((k) => ({ recipient: k.public_key, fingerprint: k.key_id, label: k.label, createdAt: k.created_at }));
        const payload: ConfigPayload = {
          formatVersion: CONFIG_FORMAT_VERSION,
          version,
          issuedAt: issued.toISOString(),
          expiresAt: new Date(issued.getTime() + draft.validDays * 86_400_000).toISOString(),
          hqName: role(db).hq_name,
          signingKey,
          taxonomy: {
            phenomena: [...grouped, ...rest].map((t) => ({
              code: t.code,
              labelEn: t.label_en,
              labelNl: t.label_nl,
              parentCode: t.parent_code,
              iccs: t.iccs,
              retired: t.retired_at !== null,
            })),
          },
          priorities: draft.priorities,
          calendar: draft.calendar,
          recipients,
          minimumLevel: draft.minimumLevel,
          retention: draft.retention ?? currentNetworkConfig(db)?.retention ?? DEFAULT_RETENTION,
          objectives: draft.objectives,
        };
        const payloadText = JSON.stringify(payload);
        const envelope: ConfigEnvelope = {
          format: CONFIG_FORMAT,
          formatVersion: CONFIG_FORMAT_VERSION,
          payload: payloadText,
          signatures: signers.map((s) => ({
            algorithm: 'Ed25519' as const,
            keyId: s.key.fingerprint,
            value: signConfig(payloadText, s.privateKey),
          })),
        };
        const text = `${JSON.stringify(envelope, null, 2)}\n`;
        const file =
          input.out ?? path.join(options.dataDir ?? '.', PUBLISHED_FOLDER, `liaison-log-config-v${version}.llconfig`);
        const sha256 = sha256Hex(Buffer.from(text, 'utf8'));
        db.prepare(
          'INSERT INTO config_published (version, issued_at, expires_at, file, sha256, payload) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(version, payload.issuedAt, payload.expiresAt, path.resolve(file), sha256, payloadText);
        if (input.rotateSigningKey) retireHqSigningKeysBut(db, signingKey.fingerprint, now);
        // HQ's own forms and filters show its priorities as the posts' do.
        db.prepare('UPDATE config_term SET priority_rank = NULL').run();
        const rank = db.prepare(
          'INSERT INTO config_term (code, priority_rank) VALUES (?, ?) ON CONFLICT (code) DO UPDATE SET priority_rank = excluded.priority_rank',
        );
        draft.priorities.forEach((code, i) => rank.run(code, i + 1));
        // Written last, inside the transaction: a file that cannot be written publishes nothing.
        writeFileAtomic(file, text);
        return { version, text, file: path.resolve(file), sha256 };
      })();
    },

    /** How the configuration marks the phenomena (priorities, HQ's terms, the post's own terms and their mapping). */
    termMarks(): TermMarks {
      const all = marks.all();
      const isPost = role(db).role === 'post';
      const hq = new Set(all.filter((m) => m.hq === 1).map((m) => m.code));
      const mapped = new Map(all.map((m) => [m.code, m.maps_to]));
      const local: Record<string, string | null> = {};
      // Only a post that applied a configuration has HQ's terms to map onto.
      if (isPost && hq.size > 0) {
        for (const t of phenomena.all()) if (!hq.has(t.code)) local[t.code] = mapped.get(t.code) ?? null;
      }
      return {
        priorities: all
          .filter((m) => m.priority_rank !== null)
          .sort((a, b) => (a.priority_rank ?? 0) - (b.priority_rank ?? 0))
          .map((m) => m.code),
        hq: [...hq],
        local,
      };
    },

    /** Post: map one of its own terms onto an HQ code (or clear the mapping). */
    mapTerm(code: string, mapsTo: string | null): TermMarks {
      requireRole(db, 'post');
      const all = new Map(marks.all().map((m) => [m.code, m]));
      if (all.get(code)?.hq === 1 || !phenomena.all().some((t) => t.code === code)) {
        throw new ConfigError(messageRef('config.not_local', { code }));
      }
      if (mapsTo !== null && all.get(mapsTo)?.hq !== 1) {
        throw new ConfigError(messageRef('config.unknown_term', { code: mapsTo }));
      }
      db.prepare(
        'INSERT INTO config_term (code, maps_to) VALUES (?, ?) ON CONFLICT (code) DO UPDATE SET maps_to = excluded.maps_to',
      ).run(code, mapsTo);
      return this.termMarks();
    },

    /** The minimum export level in force, or null (no configuration). */
    minimumLevel(): ExportLevel | null {
      return currentNetworkConfig(db)?.minimumLevel ?? null;
    },

    /**
     * HQ: "Save a copy as…" of a published version (the newest when `version` is left out) at `target`, the path
     * the officer chose in the host's save dialog. The stored file is copied byte for byte, written atomically
     * (complete or absent); a version never published, or a stored file gone or changed since it was published
     * (its sha256 no longer the one recorded), is refused and nothing is written.
     */
    saveCopy(version: number | undefined, target: string): SavedConfigCopy {
      requireRole(db, 'hq');
      const row =
        version === undefined
          ? published.get()
          : db.prepare<[number], PublishedRow>('SELECT * FROM config_published WHERE version = ?').get(version);
      if (!row) {
        throw new ConfigCopyError(
          version === undefined
            ? messageRef('config.copy.nothing_published')
            : messageRef('config.copy.unknown_version', { version }),
          'not_found',
        );
      }
      const stored = readStoredConfig(row.file);
      if (stored === null) {
        throw new ConfigCopyError(
          messageRef('config.copy.file_gone', { version: row.version, file: row.file }),
          'not_found',
        );
      }
      const sha256 = stored === 'too_large' ? null : sha256Hex(stored);
      if (stored === 'too_large' || sha256 !== row.sha256) {
        throw new ConfigCopyError(
          messageRef('config.copy.file_changed', { version: row.version, file: row.file }),
          'conflict',
        );
      }
      writeFileAtomic(target, stored);
      return {
        savedTo: target,
        fileName: path.basename(target),
        version: row.version,
        bytes: stored.byteLength,
        sha256: row.sha256,
      };
    },
  };
}

/** Whether two sets of retention rules say the same (whatever the order of their keys). */
function sameRetention(a: RetentionRules, b: RetentionRules): boolean {
  return (
    a.personalData === b.personalData &&
    (Object.keys(a.kinds) as (keyof RetentionRules['kinds'])[]).every((k) => a.kinds[k] === b.kinds[k])
  );
}

/** Whether `level` meets the configuration's minimum (for the export's checks). */
export function meetsMinimumLevel(level: ExportLevel, minimum: ExportLevel | null): boolean {
  return minimum === null || LEVEL_ORDER.indexOf(level) >= LEVEL_ORDER.indexOf(minimum);
}

export type NetworkConfig = ReturnType<typeof createNetworkConfig>;
