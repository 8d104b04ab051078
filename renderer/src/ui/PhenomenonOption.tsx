import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePriorityRank } from '../features/taxonomy/taxonomy-store';

// HQ's priority phenomena carry ★ wherever a phenomenon is picked (the form's picker, the lists' filter), as in the
// configuration preview and the Taxonomy settings, and are named as priorities to a screen reader. The backend
// already lists them first.

/** For a phenomenon's code and label: how to show it (with ★ when a priority) and, for a priority, its spoken name. */
export function usePhenomenonMark(): (code: string, label: string) => { text: string; label: string | undefined } {
  const { t } = useTranslation('common');
  const rank = usePriorityRank();
  return (code, label) =>
    rank(code) > 0
      ? { text: t('phenomena.marked', { label }), label: t('phenomena.markedLabel', { label }) }
      : { text: label, label: undefined };
}

/** One phenomenon in a picker or a filter: `prefix` (an indent) then its label, marked when a priority. */
export function PhenomenonOption({
  code,
  label,
  prefix = '',
}: {
  code: string;
  label: string;
  prefix?: string;
}): ReactNode {
  const mark = usePhenomenonMark()(code, label);
  return (
    <option value={code} aria-label={mark.label}>
      {prefix}
      {mark.text}
    </option>
  );
}

/** The ★ of a priority beside its label (a chip), with "priority" for a screen reader. */
export function PriorityMark({ code }: { code: string }): ReactNode {
  const { t } = useTranslation('common');
  const rank = usePriorityRank();
  if (rank(code) === 0) return null;
  return (
    <>
      {' '}
      <span aria-hidden="true">★</span>
      <span className="visually-hidden">{t('phenomena.priority')}</span>
    </>
  );
}
