import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import type { SaveTermInput, Taxonomy, Term } from '../../shared/taxonomy/terms';

interface Row {
  taxonomy: Taxonomy;
  code: string;
  label_en: string;
  label_nl: string;
  parent_code: string | null;
  iccs: string;
  retired_at: string | null;
}

const toTerm = (r: Row): Term => ({
  taxonomy: r.taxonomy,
  code: r.code,
  labelEn: r.label_en,
  labelNl: r.label_nl,
  parentCode: r.parent_code,
  iccs: r.iccs,
  retiredAt: r.retired_at,
});

export class TaxonomyError extends Error {
  constructor(
    readonly field: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Editable taxonomies. Terms are never deleted, only retired, so old records keep their meaning. */
export function createTaxonomyRepository(db: Database, now: () => Date) {
  const list = db.prepare<[string], Row>('SELECT * FROM taxonomy_term WHERE taxonomy = ? ORDER BY sort, code');
  const one = db.prepare<[string, string], Row>('SELECT * FROM taxonomy_term WHERE taxonomy = ? AND code = ?');
  const nextSort = db.prepare<[string], { s: number }>(
    'SELECT coalesce(max(sort), 0) + 1 AS s FROM taxonomy_term WHERE taxonomy = ?',
  );
  const upsert = db.prepare(`INSERT INTO taxonomy_term (taxonomy, code, label_en, label_nl, parent_code, iccs, sort)
    VALUES (@taxonomy, @code, @labelEn, @labelNl, @parentCode, @iccs, @sort)
    ON CONFLICT (taxonomy, code) DO UPDATE SET label_en = excluded.label_en, label_nl = excluded.label_nl,
      parent_code = excluded.parent_code, iccs = excluded.iccs`);
  const retire = db.prepare('UPDATE taxonomy_term SET retired_at = ? WHERE taxonomy = ? AND code = ?');
  const hasMembers = db.prepare<[string, string], { ok: number }>(
    'SELECT 1 AS ok FROM taxonomy_term WHERE taxonomy = ? AND parent_code = ? LIMIT 1',
  );
  // HQ's network configuration (electron/network-config/, migration 012): its terms are HQ's to change, and its
  // priority phenomena come first in every list, each group with its members.
  const hqManaged = db.prepare<[string], { ok: number }>('SELECT 1 AS ok FROM config_term WHERE code = ? AND hq = 1');
  const priorities = db.prepare<[], { code: string; priority_rank: number }>(
    'SELECT code, priority_rank FROM config_term WHERE priority_rank IS NOT NULL',
  );
  function refuseHqTerm(taxonomy: Taxonomy, code: string): void {
    if (taxonomy === 'phenomenon' && hqManaged.get(code)) {
      throw new TaxonomyError('code', 'hq_managed', `Term "${code}" is managed by HQ's network configuration.`);
    }
  }

  return {
    list: (taxonomy: Taxonomy): Term[] => {
      const terms = list.all(taxonomy).map(toTerm);
      if (taxonomy !== 'phenomenon') return terms;
      const rank = new Map(priorities.all().map((p) => [p.code, p.priority_rank]));
      return rank.size === 0 ? terms : priorityFirst(terms, rank);
    },
    save: db.transaction((term: z.output<typeof SaveTermInput>): Term => {
      refuseHqTerm(term.taxonomy, term.code);
      if (term.parentCode !== null) {
        if (term.parentCode === term.code) {
          throw new TaxonomyError('parentCode', 'invalid', 'A term cannot be its own group.');
        }
        const parent = one.get(term.taxonomy, term.parentCode);
        if (!parent) throw new TaxonomyError('parentCode', 'unknown_term', 'The group does not exist.');
        if (parent.parent_code !== null) {
          throw new TaxonomyError('parentCode', 'invalid', 'Groups are one level deep: choose a top-level term.');
        }
        if (hasMembers.get(term.taxonomy, term.code)) {
          throw new TaxonomyError('parentCode', 'invalid', 'Groups are one level deep: this term is a group itself.');
        }
      }
      upsert.run({ ...term, sort: nextSort.get(term.taxonomy)?.s ?? 1 });
      return toTerm(one.get(term.taxonomy, term.code) as Row);
    }),
    setRetired: db.transaction((taxonomy: Taxonomy, code: string, retired: boolean): Term | undefined => {
      if (!one.get(taxonomy, code)) return undefined;
      refuseHqTerm(taxonomy, code);
      retire.run(retired ? now().toISOString() : null, taxonomy, code);
      return toTerm(one.get(taxonomy, code) as Row);
    }),
  };
}

/**
 * Priority phenomena first: groups holding a priority (or being one) before the others, by their best rank; each
 * group followed by its members, priorities first by rank, then in their own order. Members whose group is missing
 * come last. Without priorities the order is the stored one.
 */
export function priorityFirst(terms: readonly Term[], rank: ReadonlyMap<string, number>): Term[] {
  const order = new Map(terms.map((t, i) => [t.code, i]));
  const byRank = (a: Term, b: Term) =>
    (rank.get(a.code) ?? Infinity) - (rank.get(b.code) ?? Infinity) ||
    (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0);
  const members = (group: Term) => terms.filter((t) => t.parentCode === group.code).sort(byRank);
  const best = (group: Term) =>
    Math.min(rank.get(group.code) ?? Infinity, ...members(group).map((m) => rank.get(m.code) ?? Infinity));
  const groups = terms
    .filter((t) => t.parentCode === null)
    .sort((a, b) => best(a) - best(b) || (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0));
  const out = groups.flatMap((g) => [g, ...members(g)]);
  const placed = new Set(out.map((t) => t.code));
  return [...out, ...terms.filter((t) => !placed.has(t.code))];
}
