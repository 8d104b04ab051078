import type { Database } from 'better-sqlite3-multiple-ciphers';

// Which of a post's bundles never arrived at HQ: export 7 arrived, 6 did not. Shared by the import report and
// the posts overview so both list the same numbers.
//
// Gaps are found per post series, not per key (docs/export-format.md, "The series"): a bundle superseded by a
// restore (a run of exports a restored laptop replaced) is neither counted nor missing, and a key that a later
// key of the post continues (a replacement laptop, a successor) is expected up to the sequence number the later
// key declares, so exports of the old laptop that never arrived show as missing.

/** How many missing sequence numbers are listed per key. */
export const MAX_LISTED_GAPS = 1000;

/**
 * The numbers from 1 up to the highest in `sequences` (or `upTo`, if higher) that are not in it, in order, the
 * first `limit` only. It walks the holes between the numbers HQ has rather than counting up to the highest: a
 * validly signed bundle may carry sequence 2^31, and counting up to it exhausted HQ's memory (found by
 * tests/unit/exchange/fuzz.test.ts).
 */
export function missingSequences(sequences: readonly number[], limit = MAX_LISTED_GAPS, upTo = 0): number[] {
  const missing: number[] = [];
  let previous = 0;
  for (const s of [...sequences].sort((a, b) => a - b)) {
    for (let m = previous + 1; m < s && missing.length < limit; m++) missing.push(m);
    if (missing.length >= limit) break;
    previous = Math.max(previous, s);
  }
  for (let m = previous + 1; m <= upTo && missing.length < limit; m++) missing.push(m);
  return missing;
}

/** One imported bundle as the series sees it (a row of imported_bundle). */
export interface SeriesBundle {
  readonly post_id: string;
  readonly key_id: string;
  readonly sequence: number;
  readonly file_sha256: string;
  readonly previous_hash: string | null;
  /** The continuation the bundle declares (JSON of the manifest's `continues`), or null. */
  readonly continues: string | null;
  /** The restore that superseded this bundle (its export id), or null while it is live. */
  readonly superseded_by: string | null;
}

export interface SeriesFacts {
  /** Per post and key: sequence numbers that never arrived (superseded ones are not missing). */
  readonly gaps: { postId: string; keyId: string; missing: number[] }[];
  /** Per post and key: live bundles whose previousHash differs from the live bundle before them. */
  readonly brokenChains: { postId: string; keyId: string; sequence: number }[];
}

/** The gaps and broken chains of every post's series, from its bundles. */
export function seriesFacts(bundles: readonly SeriesBundle[]): SeriesFacts {
  const byKey = new Map<string, { postId: string; live: SeriesBundle[] }>();
  /** key id -> the highest sequence a later key of the same post declares it continues after. */
  const expectedUpTo = new Map<string, { postId: string; upTo: number }>();
  for (const b of bundles) {
    const entry = byKey.get(b.key_id) ?? { postId: b.post_id, live: [] };
    if (b.superseded_by === null) entry.live.push(b);
    byKey.set(b.key_id, entry);
    const continued = parseContinues(b.continues);
    if (continued && continued.keyId !== b.key_id) {
      const before = expectedUpTo.get(continued.keyId);
      if (!before || continued.sequence > before.upTo)
        expectedUpTo.set(continued.keyId, { postId: b.post_id, upTo: continued.sequence });
    }
  }
  // A continued key HQ holds nothing of: every number up to the declared one is missing.
  for (const [keyId, { postId }] of expectedUpTo) if (!byKey.has(keyId)) byKey.set(keyId, { postId, live: [] });

  const gaps: SeriesFacts['gaps'] = [];
  const brokenChains: SeriesFacts['brokenChains'] = [];
  for (const [keyId, { postId, live }] of byKey) {
    const missing = missingSequences(
      live.map((b) => b.sequence),
      MAX_LISTED_GAPS,
      expectedUpTo.get(keyId)?.upTo ?? 0,
    );
    if (missing.length) gaps.push({ postId, keyId, missing });
    // Each bundle names the hash of the one before it: a mismatch means a different file was sent as that one.
    const bySeq = new Map(live.map((b) => [b.sequence, b]));
    for (const b of [...live].sort((x, y) => x.sequence - y.sequence)) {
      const before = bySeq.get(b.sequence - 1);
      if (before && b.previous_hash !== before.file_sha256) brokenChains.push({ postId, keyId, sequence: b.sequence });
    }
  }
  gaps.sort((a, b) => a.postId.localeCompare(b.postId) || a.keyId.localeCompare(b.keyId));
  return { gaps, brokenChains };
}

/** The series facts of every post HQ holds bundles of. */
export function postSeriesFacts(db: Database): SeriesFacts {
  const rows = db
    .prepare(
      `SELECT post_id, key_id, sequence, file_sha256, previous_hash, continues, superseded_by FROM imported_bundle
       ORDER BY post_id, key_id, sequence`,
    )
    .all() as SeriesBundle[];
  return seriesFacts(rows);
}

function parseContinues(text: string | null): { keyId: string; sequence: number } | null {
  if (text === null) return null;
  try {
    const v = JSON.parse(text) as { keyId?: unknown; sequence?: unknown };
    return typeof v.keyId === 'string' && typeof v.sequence === 'number'
      ? { keyId: v.keyId, sequence: v.sequence }
      : null;
  } catch {
    return null;
  }
}
