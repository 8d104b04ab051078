import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { EnrolledKey, PostStatus } from '../../shared/exchange/schema';
import { missingSequences } from './sequence-gaps';

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
      'SELECT post_id, key_id, sequence, file_sha256, previous_hash, period_from, period_to, created_at FROM imported_bundle ORDER BY key_id, sequence',
    )
    .all() as {
    post_id: string;
    key_id: string;
    sequence: number;
    file_sha256: string;
    previous_hash: string | null;
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
  const byKey = new Map<string, typeof bundles>();
  for (const b of bundles) {
    const post = posts.get(b.post_id);
    if (!post) continue;
    post.bundles += 1;
    if (!post.lastExportAt || b.created_at > post.lastExportAt) {
      post.lastExportAt = b.created_at;
      post.lastPeriod = { from: b.period_from, to: b.period_to };
    }
    const list = byKey.get(b.key_id);
    if (list) list.push(b);
    else byKey.set(b.key_id, [b]);
  }
  for (const [keyId, list] of byKey) {
    const post = posts.get(list[0]?.post_id ?? '');
    if (!post) continue;
    const bySeq = new Map(list.map((b) => [b.sequence, b]));
    // The first 1000 holes only: a signed bundle may carry sequence 2^31, and counting up to it hung HQ.
    const missing = missingSequences(list.map((b) => b.sequence));
    if (missing.length) post.gaps.push({ keyId, missing });
    // Each bundle names the hash of the one before it: a mismatch means a different file was sent as that one.
    for (const b of list) {
      const before = bySeq.get(b.sequence - 1);
      if (before && b.previous_hash !== before.file_sha256) post.brokenChains.push({ keyId, sequence: b.sequence });
    }
  }
  return [...posts.values()];
}
