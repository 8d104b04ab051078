import { create } from 'zustand';
import type { Taxonomy, Term } from '../../../../shared/taxonomy/terms';
import { call } from '../../api/bridge';

// The editable taxonomies (phenomena, organisation types), loaded once and refreshed after edits.

interface TaxonomyState {
  terms: Record<Taxonomy, Term[]>;
  loaded: boolean;
  load: () => Promise<void>;
}

export const useTaxonomy = create<TaxonomyState>((set) => ({
  terms: { phenomenon: [], organisation_type: [] },
  loaded: false,
  load: async () => {
    const [phenomena, types] = await Promise.all([
      call('taxonomy.list', { taxonomy: 'phenomenon' }),
      call('taxonomy.list', { taxonomy: 'organisation_type' }),
    ]);
    set({
      terms: {
        phenomenon: phenomena.ok ? phenomena.value : [],
        organisation_type: types.ok ? types.value : [],
      },
      loaded: true,
    });
  },
}));

export function termLabel(term: Term | undefined, language: string, fallback: string): string {
  if (!term) return fallback;
  return language === 'nl' ? term.labelNl : term.labelEn;
}

/** Label of a code in the officer's language; the code itself if the term is unknown. */
export function useTermLabel(): (taxonomy: Taxonomy, code: string, language: string) => string {
  const terms = useTaxonomy((s) => s.terms);
  return (taxonomy, code, language) =>
    termLabel(
      terms[taxonomy].find((t) => t.code === code),
      language,
      code,
    );
}
