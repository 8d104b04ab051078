import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useForm } from '../features/records/form-context';
import { termLabel, useTaxonomy } from '../features/taxonomy/taxonomy-store';
import { Field } from './Field';
import { PhenomenonOption, PriorityMark, usePhenomenonMark } from './PhenomenonOption';

/** Phenomena as removable chips plus a grouped "add" list; retired terms stay visible where already used. */
export function PhenomenaField({ name = 'phenomena', label }: { name?: string; label: string }): ReactNode {
  const { t, i18n } = useTranslation();
  const { values, errors, setField } = useForm();
  const terms = useTaxonomy((s) => s.terms.phenomenon);
  const mark = usePhenomenonMark();
  const selected = Array.isArray(values[name]) ? (values[name] as string[]) : [];
  const label_ = (code: string) =>
    termLabel(
      terms.find((x) => x.code === code),
      i18n.language,
      code,
    );
  const groups = terms.filter((x) => x.parentCode === null && x.retiredAt === null);
  const available = (parent: string) =>
    terms.filter(
      (x) => (x.code === parent || x.parentCode === parent) && x.retiredAt === null && !selected.includes(x.code),
    );

  return (
    <Field label={label} problem={errors[name]}>
      {({ id, describedBy, invalid }) => (
        <div className="chips-field">
          {selected.length > 0 && (
            <ul className="chips" aria-label={label}>
              {selected.map((code) => (
                <li key={code} className="chip">
                  {label_(code)}
                  <PriorityMark code={code} />
                  <button
                    type="button"
                    className="chip__remove"
                    aria-label={t('form.remove', { item: label_(code) })}
                    onClick={() =>
                      setField(
                        name,
                        selected.filter((c) => c !== code),
                      )
                    }
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          <select
            id={id}
            value=""
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => {
              if (e.target.value) setField(name, [...selected, e.target.value]);
            }}
          >
            <option value="">{t('form.addPhenomenon')}</option>
            {groups.map((g) => (
              <optgroup
                key={g.code}
                label={mark(g.code, termLabel(g, i18n.language, g.code)).text}
                aria-label={mark(g.code, termLabel(g, i18n.language, g.code)).label}
              >
                {available(g.code).map((x) => (
                  <PhenomenonOption key={x.code} code={x.code} label={termLabel(x, i18n.language, x.code)} />
                ))}
              </optgroup>
            ))}
          </select>
        </div>
      )}
    </Field>
  );
}
