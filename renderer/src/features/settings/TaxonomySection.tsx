import { Fragment, useEffect, useRef, useState, type KeyboardEvent, type ReactNode, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../../../../shared/contract/result';
import { SaveTermInput, TAXONOMIES, type Taxonomy, type Term } from '../../../../shared/taxonomy/terms';
import { fieldProblems } from '../../../../shared/validation/field-problems';
import { call } from '../../api/bridge';
import { formatDay } from '../../i18n/format';
import { termLabel, useTaxonomy } from '../taxonomy/taxonomy-store';
import { problemText as errorText, useProblemText } from '../../i18n/lookup';
import { FormField } from './FormField';
import { NetworkConfigSection } from '../network-config/NetworkConfigSection';

// The editable taxonomies: a table of terms per taxonomy with edit, add and retire/reinstate. After each
// change the taxonomy store is reloaded, so every form and filter offers the new list at once. Once a post applied
// HQ's network configuration, HQ's phenomena are HQ's (marked, not editable here), priorities are marked, and each
// of the post's own phenomena can be mapped onto an HQ code. The network configuration's own section comes first.

const editButtonId = (taxonomy: Taxonomy, code: string) => `term-${taxonomy}-${code}-edit`;
const ADD_BUTTON_ID = 'term-add';

/** Groups first, each followed by its members; terms whose group is missing come last. */
function ordered(terms: readonly Term[]): Term[] {
  const top = terms.filter((t) => t.parentCode === null);
  const out: Term[] = [];
  for (const group of top) {
    out.push(group, ...terms.filter((t) => t.parentCode === group.code));
  }
  return [...out, ...terms.filter((t) => !out.includes(t))];
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
}

export function TaxonomySection(): ReactNode {
  const { t } = useTranslation('settings');
  const [active, setActive] = useState<Taxonomy>('phenomenon');
  const [announcement, setAnnouncement] = useState('');
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const last = TAXONOMIES.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    const taxonomy = TAXONOMIES[next];
    if (taxonomy) setActive(taxonomy);
    tabs.current[next]?.focus();
  }

  return (
    <>
      <NetworkConfigSection />
      <section className="settings-section" aria-labelledby="settings-taxonomy-title">
        <h2 id="settings-taxonomy-title">{t('taxonomy.title')}</h2>
        <p className="muted settings-section__intro">{t('taxonomy.intro')}</p>
        <p className="visually-hidden" role="status">
          {announcement}
        </p>
        <div className="tabs settings-tabs" role="tablist" aria-labelledby="settings-taxonomy-title">
          {TAXONOMIES.map((taxonomy, index) => (
            <button
              key={taxonomy}
              ref={(el) => {
                tabs.current[index] = el;
              }}
              type="button"
              role="tab"
              id={`taxonomy-tab-${taxonomy}`}
              aria-selected={taxonomy === active}
              aria-controls={`taxonomy-panel-${taxonomy}`}
              tabIndex={taxonomy === active ? 0 : -1}
              onClick={() => setActive(taxonomy)}
              onKeyDown={(e) => onTabKey(e, index)}
            >
              {t(`taxonomy.tabs.${taxonomy}`)}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`taxonomy-panel-${active}`} aria-labelledby={`taxonomy-tab-${active}`}>
          <TermTable key={active} taxonomy={active} announce={setAnnouncement} />
        </div>
      </section>
    </>
  );
}

function TermTable({ taxonomy, announce }: { taxonomy: Taxonomy; announce: (text: string) => void }): ReactNode {
  const { t, i18n } = useTranslation('settings');
  const terms = useTaxonomy((s) => s.terms[taxonomy]);
  const marks = useTaxonomy((s) => s.marks);
  const { t: tNet } = useTranslation('networkConfig');
  const isHq = (code: string) => taxonomy === 'phenomenon' && marks.hq.includes(code);
  const isPriority = (code: string) => taxonomy === 'phenomenon' && marks.priorities.includes(code);
  const isLocal = (code: string) => taxonomy === 'phenomenon' && Object.hasOwn(marks.local, code);
  const hqTerms = terms.filter((x) => isHq(x.code) && x.retiredAt === null);
  const [editing, setEditing] = useState<string | null>(null); // a code, or 'new' (never a valid code: no '+')
  const [busy, setBusy] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ code: string; text: string } | null>(null);
  const rows = ordered(terms);
  const withIccs = taxonomy === 'phenomenon';
  const columns = withIccs ? 7 : 6;
  const label = (term: Term) => termLabel(term, i18n.language, term.code);
  const NEW = '+new';

  function close(focusId: string) {
    setEditing(null);
    requestAnimationFrame(() => document.getElementById(focusId)?.focus());
  }

  async function toggleRetired(term: Term) {
    const retire = term.retiredAt === null;
    setBusy(term.code);
    setRowError(null);
    const result = await call('taxonomy.retire', { taxonomy, code: term.code, retired: retire });
    if (result.ok) await useTaxonomy.getState().load();
    setBusy(null);
    if (!result.ok) {
      const text = t('taxonomy.failed', {
        label: label(term),
        message: errorText(result.error),
      });
      setRowError({ code: term.code, text });
      announce(text);
      return;
    }
    announce(t(retire ? 'taxonomy.retiredDone' : 'taxonomy.reinstatedDone', { label: label(term) }));
    // The button changes its name (Retire <-> Reinstate) but keeps its place; keep the focus on it.
    requestAnimationFrame(() => document.getElementById(`term-${taxonomy}-${term.code}-retire`)?.focus());
  }

  return (
    <div className="terms">
      <div className="terms__bar">
        <p className="terms__count">{t('taxonomy.count', { count: terms.length })}</p>
        <button
          type="button"
          id={ADD_BUTTON_ID}
          className="button"
          aria-expanded={editing === NEW}
          onClick={() => setEditing(NEW)}
          disabled={editing === NEW}
        >
          + {t('taxonomy.add')}
        </button>
      </div>
      {editing === NEW && (
        <div className="terms__new">
          <TermForm
            taxonomy={taxonomy}
            term={null}
            terms={terms}
            onSaved={(saved) => {
              announce(t('taxonomy.saved', { label: label(saved) }));
              close(editButtonId(taxonomy, saved.code));
            }}
            onCancel={() => close(ADD_BUTTON_ID)}
          />
        </div>
      )}
      {terms.length === 0 ? (
        <p className="empty">{t('taxonomy.empty')}</p>
      ) : (
        <div className="terms__scroll">
          <table className="terms__table">
            <caption className="visually-hidden">{t(`taxonomy.tabs.${taxonomy}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('taxonomy.column.code')}</th>
                <th scope="col">{t('taxonomy.column.labelEn')}</th>
                <th scope="col">{t('taxonomy.column.labelNl')}</th>
                <th scope="col">{t('taxonomy.column.group')}</th>
                {withIccs && <th scope="col">{t('taxonomy.column.iccs')}</th>}
                <th scope="col">{t('taxonomy.column.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('taxonomy.column.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((term) => {
                const group = term.parentCode ? terms.find((x) => x.code === term.parentCode) : undefined;
                const retired = term.retiredAt !== null;
                const Header = i18n.language === 'nl' ? 'td' : 'th';
                const HeaderNl = i18n.language === 'nl' ? 'th' : 'td';
                return (
                  <Fragment key={term.code}>
                    <tr className={`${retired ? 'is-retired' : ''}${term.parentCode ? ' is-member' : ''}`}>
                      <td>
                        <code className="terms__code">{term.code}</code>
                      </td>
                      <Header scope={Header === 'th' ? 'row' : undefined} className="terms__label" lang="en">
                        {term.labelEn}
                      </Header>
                      <HeaderNl scope={HeaderNl === 'th' ? 'row' : undefined} className="terms__label" lang="nl">
                        {term.labelNl}
                      </HeaderNl>
                      <td>{group ? label(group) : (term.parentCode ?? '–')}</td>
                      {withIccs && <td className="nowrap">{term.iccs || '–'}</td>}
                      <td className="terms__status">
                        {retired && term.retiredAt ? (
                          <span className="terms__retired">
                            {t('taxonomy.retiredOn', { date: formatDay(term.retiredAt, i18n.language) })}
                          </span>
                        ) : (
                          t('taxonomy.active')
                        )}
                        {isPriority(term.code) && (
                          <span className="terms__mark terms__mark--priority">★ {tNet('priority')}</span>
                        )}
                        {isHq(term.code) && <span className="terms__mark">{tNet('hqTerm')}</span>}
                        {isLocal(term.code) && (
                          <label className="terms__maps-to">
                            <span className="visually-hidden">{tNet('mapsTo')}</span>
                            <select
                              aria-label={`${tNet('mapsTo')}: ${label(term)}`}
                              value={marks.local[term.code] ?? ''}
                              onChange={(e) =>
                                void call('networkConfig.mapTerm', {
                                  code: term.code,
                                  mapsTo: e.target.value === '' ? null : e.target.value,
                                }).then(() => useTaxonomy.getState().load())
                              }
                            >
                              <option value="">
                                {tNet('mapsTo')}: {tNet('notMapped')}
                              </option>
                              {hqTerms.map((h) => (
                                <option key={h.code} value={h.code}>
                                  → {label(h)}
                                </option>
                              ))}
                            </select>
                          </label>
                        )}
                      </td>
                      <td className="terms__actions">
                        <button
                          type="button"
                          id={editButtonId(taxonomy, term.code)}
                          className="button button--small"
                          aria-label={t('taxonomy.editLabel', { label: label(term) })}
                          aria-expanded={editing === term.code}
                          disabled={isHq(term.code)}
                          onClick={() => setEditing(term.code)}
                        >
                          {t('taxonomy.edit')}
                        </button>
                        <button
                          type="button"
                          id={`term-${taxonomy}-${term.code}-retire`}
                          className="button button--small"
                          disabled={busy === term.code || isHq(term.code)}
                          aria-label={t(retired ? 'taxonomy.reinstateLabel' : 'taxonomy.retireLabel', {
                            label: label(term),
                          })}
                          onClick={() => void toggleRetired(term)}
                        >
                          {t(retired ? 'taxonomy.reinstate' : 'taxonomy.retire')}
                        </button>
                      </td>
                    </tr>
                    {rowError?.code === term.code && (
                      <tr>
                        <td colSpan={columns}>
                          <p className="field__error">{rowError.text}</p>
                        </td>
                      </tr>
                    )}
                    {editing === term.code && (
                      <tr className="terms__editor-row">
                        <td colSpan={columns}>
                          <TermForm
                            taxonomy={taxonomy}
                            term={term}
                            terms={terms}
                            onSaved={(saved) => {
                              announce(t('taxonomy.saved', { label: label(saved) }));
                              close(editButtonId(taxonomy, saved.code));
                            }}
                            onCancel={() => close(editButtonId(taxonomy, term.code))}
                          />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

interface TermValues {
  code: string;
  labelEn: string;
  labelNl: string;
  parentCode: string;
  iccs: string;
}

function TermForm({
  taxonomy,
  term,
  terms,
  onSaved,
  onCancel,
}: {
  taxonomy: Taxonomy;
  /** null for a new term. */
  term: Term | null;
  terms: readonly Term[];
  onSaved: (term: Term) => void;
  onCancel: () => void;
}): ReactNode {
  const { t, i18n } = useTranslation('settings');
  const problemText = useProblemText('settings');
  const [values, setValues] = useState<TermValues>({
    code: term?.code ?? '',
    labelEn: term?.labelEn ?? '',
    labelNl: term?.labelNl ?? '',
    parentCode: term?.parentCode ?? '',
    iccs: term?.iccs ?? '',
  });
  const [codeTouched, setCodeTouched] = useState(false);
  const [errors, setErrors] = useState<Record<string, FieldProblem>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const members = term ? terms.filter((x) => x.parentCode === term.code).length : 0;
  const groups = terms.filter(
    (x) => x.parentCode === null && x.code !== term?.code && (x.retiredAt === null || x.code === term?.parentCode),
  );
  const titleId = `term-form-${taxonomy}-${term?.code ?? 'new'}`;
  const withIccs = taxonomy === 'phenomenon';

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input:not([disabled])')?.focus();
  }, []);

  function set(key: keyof TermValues, value: string) {
    setValues((v) => {
      const next = { ...v, [key]: value };
      if (key === 'labelEn' && !term && !codeTouched) next.code = slug(value);
      return next;
    });
    const derivesCode = key === 'labelEn' && !term && !codeTouched;
    setErrors((previous) =>
      Object.fromEntries(
        Object.entries(previous).filter(([field]) => field !== key && !(derivesCode && field === 'code')),
      ),
    );
    if (key === 'code') setCodeTouched(true);
  }

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const candidate = {
      taxonomy,
      code: values.code.trim(),
      labelEn: values.labelEn,
      labelNl: values.labelNl,
      parentCode: values.parentCode === '' ? null : values.parentCode,
      iccs: withIccs ? values.iccs : (term?.iccs ?? ''),
    };
    const problems: Record<string, FieldProblem> = {};
    const checked = SaveTermInput.safeParse(candidate);
    if (!checked.success) Object.assign(problems, fieldProblems(checked.error));
    if (!term && !problems['code'] && terms.some((x) => x.code === candidate.code)) {
      problems['code'] = { code: 'duplicate', message: 'This code is already in use.' };
    }
    if (Object.keys(problems).length > 0 || !checked.success) {
      setErrors(problems);
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setSaving(true);
    const result = await call('taxonomy.save', checked.data);
    if (!result.ok) {
      setSaving(false);
      if (result.error.fields) {
        setErrors({ ...result.error.fields });
        requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      } else {
        setFormError(
          t('saveFailed', {
            message: errorText(result.error),
          }),
        );
      }
      return;
    }
    await useTaxonomy.getState().load();
    setSaving(false);
    onSaved(result.value);
  }

  const props = (key: keyof TermValues) => ({
    label: t(`taxonomy.field.${key}`),
    error: problemText(errors[key], key),
  });

  return (
    <form
      ref={formRef}
      className="term-form"
      noValidate
      aria-labelledby={titleId}
      onSubmit={(e) => void onSubmit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <h3 id={titleId}>
        {term ? t('taxonomy.editTitle', { label: termLabel(term, i18n.language, term.code) }) : t('taxonomy.newTitle')}
      </h3>
      {formError && (
        <p className="notice notice--error" role="alert">
          {formError}
        </p>
      )}
      <div className="term-form__grid">
        <FormField {...props('labelEn')}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              type="text"
              lang="en"
              autoComplete="off"
              value={values.labelEn}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => set('labelEn', e.target.value)}
            />
          )}
        </FormField>
        <FormField {...props('labelNl')}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              type="text"
              lang="nl"
              autoComplete="off"
              value={values.labelNl}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => set('labelNl', e.target.value)}
            />
          )}
        </FormField>
        {term ? (
          <div className="field">
            <span className="term-form__static-label">{t('taxonomy.field.code')}</span>
            <code className="terms__code term-form__static">{term.code}</code>
          </div>
        ) : (
          <FormField {...props('code')} hint={t('taxonomy.hint.code')}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                type="text"
                autoComplete="off"
                spellCheck={false}
                value={values.code}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(e) => set('code', e.target.value)}
              />
            )}
          </FormField>
        )}
        <FormField
          {...props('parentCode')}
          hint={members > 0 ? t('taxonomy.hint.isGroup', { count: members }) : t('taxonomy.hint.parentCode')}
        >
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              value={values.parentCode}
              disabled={members > 0}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => set('parentCode', e.target.value)}
            >
              <option value="">{t('taxonomy.topLevel')}</option>
              {groups.map((g) => (
                <option key={g.code} value={g.code}>
                  {termLabel(g, i18n.language, g.code)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {withIccs && (
          <FormField {...props('iccs')} hint={t('taxonomy.hint.iccs')}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                className="term-form__iccs"
                value={values.iccs}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(e) => set('iccs', e.target.value)}
              />
            )}
          </FormField>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? t('taxonomy.saving') : t('taxonomy.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('taxonomy.cancel')}
        </button>
      </div>
    </form>
  );
}
