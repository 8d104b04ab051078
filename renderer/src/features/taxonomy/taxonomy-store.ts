import { create } from 'zustand';
import type { TermMarks } from '../../../../shared/network-config/schema';
import type { Taxonomy, Term } from '../../../../shared/taxonomy/terms';
import { call } from '../../api/bridge';

// The editable taxonomies (phenomena, organisation types), loaded once and refreshed after edits. With them, how
// HQ's network configuration marks the phenomena (priorities, HQ's own terms, the post's terms mapped onto HQ's):
// the backend already lists priority phenomena first, so every form and filter offers them first.

const NO_MARKS: TermMarks = { priorities: [], hq: [], local: {} };

interface TaxonomyState {
  terms: Record<Taxonomy, Term[]>;
  marks: TermMarks;
  loaded: boolean;
  load: () => Promise<void>;
}

export const useTaxonomy = create<TaxonomyState>((set) => ({
  terms: { phenomenon: [], organisation_type: [] },
  marks: NO_MARKS,
  loaded: false,
  load: async () => {
    const [phenomena, types, marks] = await Promise.all([
      call('taxonomy.list', { taxonomy: 'phenomenon' }),
      call('taxonomy.list', { taxonomy: 'organisation_type' }),
      call('networkConfig.marks', {}),
    ]);
    set({
      terms: {
        phenomenon: phenomena.ok ? phenomena.value : [],
        organisation_type: types.ok ? types.value : [],
      },
      marks: marks.ok ? marks.value : NO_MARKS,
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

/** Whether a phenomenon is one of HQ's priorities (its rank from 1, or 0). */
export function usePriorityRank(): (code: string) => number {
  const priorities = useTaxonomy((s) => s.marks.priorities);
  return (code) => priorities.indexOf(code) + 1;
}
