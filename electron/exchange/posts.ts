import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { EnrolledKey, PostStatus } from '../../shared/exchange/schema';
import type { KeyEvent, PostHistory, RetireHqPreview } from '../../shared/handover/schema';
import { postSeriesFacts } from './sequence-gaps';

/** HQ: every enrolled post, its keys, its last export, and what is missing from its sequence. */
export function postStatuses(db: Database): PostStatus[] {
  const keys = db.prepare('SELECT * FROM enrolled_key ORDER BY post_id, enrolled_at').all() as {
    key_id: string;
    post_id: string;
    post_name: string;
    officer: string;
    country: string | null;
    enrolled_at: string;
    revoked_at: string | null;
  }[];
  const bundles = db
    .prepare(
      'SELECT post_id, key_id, sequence, period_from, period_to, created_at FROM imported_bundle ORDER BY key_id, sequence',
    )
    .all() as {
    post_id: string;
    key_id: string;
    sequence: number;
    period_from: string;
    period_to: string;
    created_at: string;
  }[];

  const posts = new Map<string, PostStatus>();
  for (const k of keys) {
    const post =
      posts.get(k.post_id) ??
      ({
        postId: k.post_id,
        postName: k.post_name,
        country: k.country,
        keys: [],
        lastExportAt: null,
        lastPeriod: null,
        bundles: 0,
        gaps: [],
        brokenChains: [],
      } satisfies PostStatus);
    const key: EnrolledKey = {
      keyId: k.key_id,
      postId: k.post_id,
      postName: k.post_name,
      officer: k.officer,
      country: k.country,
      enrolledAt: k.enrolled_at,
      revokedAt: k.revoked_at,
    };
    post.keys.push(key);
    post.postName = k.post_name;
    posts.set(k.post_id, post);
  }
  for (const b of bundles) {
    const post = posts.get(b.post_id);
    if (!post) continue;
    post.bundles += 1;
    if (!post.lastExportAt || b.created_at > post.lastExportAt) {
      post.lastExportAt = b.created_at;
      post.lastPeriod = { from: b.period_from, to: b.period_to };
    }
  }
  // Gaps and broken chains per post series, as the import report counts them (electron/exchange/sequence-gaps.ts):
  // exports a restore superseded are not missing, and a key a later key continues is expected up to where it
  // stopped. Counted per key here, they showed a legitimate restore as a broken chain.
  const facts = postSeriesFacts(db);
  for (const g of facts.gaps) posts.get(g.postId)?.gaps.push({ keyId: g.keyId, missing: g.missing });
  for (const c of facts.brokenChains) posts.get(c.postId)?.brokenChains.push({ keyId: c.keyId, sequence: c.sequence });
  return [...posts.values()];
}

/**
 * HQ: each post's keys with their state (active, replaced by a later key of the post, revoked: with who, when
 * and why), its officers over time (from the enrolment of each key to the next), and what HQ decided about
 * its keys. A replacement laptop or a successor enrols under the same post id: its key becomes the active one.
 */
export function postHistories(db: Database): PostHistory[] {
  const keys = db
    .prepare(
      `SELECT k.key_id, k.post_id, k.post_name, k.officer, k.installation_id, k.enrolled_at, k.revoked_at,
        count(b.export_id) AS bundles, max(b.sequence) AS last_sequence, max(b.created_at) AS last_export_at
      FROM enrolled_key k LEFT JOIN imported_bundle b ON b.key_id = k.key_id
      GROUP BY k.key_id ORDER BY k.post_id, k.enrolled_at, k.key_id`,
    )
    .all() as {
    key_id: string;
    post_id: string;
    post_name: string;
    officer: string;
    installation_id: string;
    enrolled_at: string;
    revoked_at: string | null;
    bundles: number;
    last_sequence: number | null;
    last_export_at: string | null;
  }[];
  const events = db
    .prepare('SELECT key_id, post_id, action, at, by, reason FROM key_event WHERE post_id IS NOT NULL ORDER BY seq')
    .all() as { key_id: string; post_id: string; action: KeyEvent['action']; at: string; by: string; reason: string }[];
  const posts = new Map<string, PostHistory>();
  for (const k of keys) {
    const post = posts.get(k.post_id) ?? {
      postId: k.post_id,
      postName: k.post_name,
      keys: [],
      officers: [],
      events: [],
    };
    post.postName = k.post_name;
    const revokedBy = k.revoked_at
      ? events.filter((e) => e.key_id === k.key_id && e.action === 'revoked').at(-1)
      : undefined;
    post.keys.push({
      keyId: k.key_id,
      officer: k.officer,
      installationId: k.installation_id,
      enrolledAt: k.enrolled_at,
      state: 'active',
      revocation: k.revoked_at ? { at: k.revoked_at, by: revokedBy?.by ?? '', reason: revokedBy?.reason ?? '' } : null,
      bundles: k.bundles,
      lastSequence: k.last_sequence,
      lastExportAt: k.last_export_at,
    });
    posts.set(k.post_id, post);
  }
  for (const post of posts.values()) {
    // The newest key that is not revoked is the post's active one; older ones were replaced.
    const active = post.keys.filter((k) => k.revocation === null).at(-1);
    for (const k of post.keys) k.state = k.revocation ? 'revoked' : k === active ? 'active' : 'replaced';
    post.keys.forEach((k, i) => {
      const next = post.keys[i + 1];
      post.officers.push({ officer: k.officer, keyId: k.keyId, from: k.enrolledAt, until: next?.enrolledAt ?? null });
    });
    post.events = events
      .filter((e) => e.post_id === post.postId)
      .map((e) => ({ keyId: e.key_id, postId: e.post_id, action: e.action, at: e.at, by: e.by, reason: e.reason }));
  }
  return [...posts.values()];
}

/**
 * HQ, before retiring one of its keys: the posts whose latest bundle was sealed to that key only (no other HQ
 * key that stays in use was among its signed recipients). Until such a post imports the new HQ key file, its
 * exports are sealed to the retired key: they still import, because HQ keeps every identity it ever had.
 */
export function retireHqPreview(db: Database, fingerprint: string): RetireHqPreview {
  const own = db.prepare("SELECT key_id, label, retired_at FROM own_key WHERE purpose = 'hq_encryption'").all() as {
    key_id: string;
    label: string;
    retired_at: string | null;
  }[];
  const target = own.find((k) => k.key_id === fingerprint);
  const remaining = new Set(own.filter((k) => k.retired_at === null && k.key_id !== fingerprint).map((k) => k.key_id));
  // Each post's latest bundle by creation time (the newest export tells what the post trusts now).
  const latest = db
    .prepare(
      `SELECT b.post_id, b.created_at, b.recipients, (SELECT post_name FROM enrolled_key k
          WHERE k.post_id = b.post_id ORDER BY enrolled_at DESC LIMIT 1) AS post_name
        FROM imported_bundle b
        WHERE b.created_at = (SELECT max(created_at) FROM imported_bundle c WHERE c.post_id = b.post_id)
        GROUP BY b.post_id ORDER BY b.post_id`,
    )
    .all() as { post_id: string; created_at: string; recipients: string | null; post_name: string | null }[];
  const sealedOnlyToIt: RetireHqPreview['sealedOnlyToIt'] = [];
  const unknown: RetireHqPreview['unknown'] = [];
  for (const b of latest) {
    const entry = { postId: b.post_id, postName: b.post_name ?? b.post_id, lastExportAt: b.created_at };
    if (b.recipients === null) {
      unknown.push(entry);
      continue;
    }
    const recipients = JSON.parse(b.recipients) as string[];
    if (recipients.includes(fingerprint) && !recipients.some((r) => remaining.has(r))) sealedOnlyToIt.push(entry);
  }
  return { fingerprint, label: target?.label ?? '', remaining: remaining.size, sealedOnlyToIt, unknown };
}
