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

  return {
    list: (taxonomy: Taxonomy): Term[] => list.all(taxonomy).map(toTerm),
    save: db.transaction((term: z.output<typeof SaveTermInput>): Term => {
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
      retire.run(retired ? now().toISOString() : null, taxonomy, code);
      return toTerm(one.get(taxonomy, code) as Row);
    }),
  };
}
