import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordKind } from '../../../shared/records/kinds';
import { records, type AnyRecord } from '../api/records';
import { useForm } from '../features/records/form-context';
import { Field } from './Field';

const titles = new Map<string, string>();

export function recordTitle(record: AnyRecord): string {
  const r = record as Record<string, unknown>;
  const pick = (k: string) => (typeof r[k] === 'string' ? r[k] : '');
  if (pick('reference')) return `${pick('reference')} · ${pick('name')}`;
  return pick('subject') || pick('name') || pick('description') || record.id;
}

/**
 * Links to other records: chips for what is linked, and a search box that offers matches to add.
 * `multiple: false` stores a single id (or null) instead of a list.
 */
export function RecordLinksField({
  name,
  label,
  kind,
  multiple = true,
}: {
  name: string;
  label: string;
  kind: RecordKind;
  multiple?: boolean;
}): ReactNode {
  const { t } = useTranslation();
  const { values, errors, setField } = useForm();
  const raw = values[name];
  // Memoised: a fresh array on every render would re-run the effects below on every render.
  const selected = useMemo(
    () => (multiple ? (Array.isArray(raw) ? (raw as string[]) : []) : typeof raw === 'string' ? [raw] : []),
    [multiple, raw],
  );
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<AnyRecord[]>([]);
  const [, setLoadedTitles] = useState(0);

  useEffect(() => {
    const missing = selected.filter((id) => !titles.has(id));
    if (missing.length === 0) return;
    void Promise.all(missing.map((id) => records.get(kind, id))).then((results) => {
      results.forEach((r, i) => titles.set(missing[i] ?? '', r.ok ? recordTitle(r.value) : t('form.missingRecord')));
      setLoadedTitles((n) => n + 1);
    });
  }, [selected, kind, t]);

  useEffect(() => {
    const text = query.trim();
    if (text.length < 1) {
      setMatches([]);
      return;
    }
    let current = true;
    const timer = window.setTimeout(() => {
      void records.list(kind, { filters: { text }, sort: 'title', limit: 8 }).then((r) => {
        if (current && r.ok) setMatches(r.value.items.filter((m) => !selected.includes(m.id)));
      });
    }, 120);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [query, kind, selected]);

  const add = (record: AnyRecord) => {
    titles.set(record.id, recordTitle(record));
    setField(name, multiple ? [...selected, record.id] : record.id);
    setQuery('');
    setMatches([]);
  };
  const remove = (id: string) => setField(name, multiple ? selected.filter((x) => x !== id) : null);

  return (
    <Field label={label} problem={errors[name]}>
      {({ id, describedBy, invalid }) => (
        <div className="chips-field">
          {selected.length > 0 && (
            <ul className="chips" aria-label={label}>
              {selected.map((sid) => (
                <li key={sid} className="chip">
                  {titles.get(sid) ?? '…'}
                  <button
                    type="button"
                    // With a single link chosen there is no search box: the label then names this button.
                    id={!multiple ? id : undefined}
                    className="chip__remove"
                    aria-label={t('form.remove', { item: titles.get(sid) ?? '' })}
                    onClick={() => remove(sid)}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          {(multiple || selected.length === 0) && (
            <input
              id={id}
              type="search"
              autoComplete="off"
              placeholder={t('form.searchToLink')}
              value={query}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                const first = matches[0];
                if (e.key === 'Enter' && first) {
                  e.preventDefault();
                  add(first);
                }
              }}
            />
          )}
          {matches.length > 0 && (
            <ul className="link-matches" aria-label={t('form.matches')}>
              {matches.map((m) => (
                <li key={m.id}>
                  <button type="button" className="link-button" onClick={() => add(m)}>
                    {recordTitle(m)}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Field>
  );
}
