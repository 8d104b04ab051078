import { useCallback, useEffect, useId, useState, type ReactNode, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ACTIVITY_TYPES,
  QUARTERS,
  completion,
  type ActivityType,
  type WorkplanView,
} from '../../../../shared/workplan/schema';
import type { AppError } from '../../../../shared/contract/result';
import { call } from '../../api/bridge';
import { routeHash } from '../../app/router';
import { countryName, useCountryOptions } from '../../i18n/format';
import { problemText } from '../../i18n/lookup';
import { PageHeader } from '../../ui/PageHeader';
import { FormOutcome, PlainTextField } from '../../ui/SmallForm';
import { YearField } from '../../ui/YearField';
import { formatTimeSpent } from '../../../../shared/effort/time-spent';
import { useExchange } from '../exchange/exchange-store';
import { termLabel, useTaxonomy } from '../taxonomy/taxonomy-store';
import './workplan.css';

// The post's yearly work plan (issue 14, item 3): planned activities and, per quarter, how many engagements
// carried each one out against what was planned. At HQ the same view per post (plans arrive with the exports).

export function WorkplanPage(): ReactNode {
  const { t, i18n } = useTranslation('workplan');
  const role = useExchange((s) => s.identity?.role ?? null);
  const [year, setYear] = useState(new Date().getFullYear());
  const [post, setPost] = useState('');
  const [view, setView] = useState<WorkplanView | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const postId = useId();

  const load = useCallback(async () => {
    const r = await call('workplan.view', { year, post });
    if (r.ok) {
      setView(r.value);
      setError(null);
    } else setError(r.error);
  }, [year, post]);
  useEffect(() => {
    void load();
  }, [load]);
  // HQ: the first post with a plan, once known.
  useEffect(() => {
    if (role === 'hq' && post === '' && view && view.posts.length > 0 && !view.posts.some((p) => p.code === '')) {
      setPost(view.posts[0]?.code ?? '');
    }
  }, [role, post, view]);

  const language = i18n.language;
  const percent = new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { style: 'percent' });
  const done = view ? completion(view.planned, view.done) : null;

  return (
    <div className="page workplan">
      <PageHeader
        title={t('title')}
        intro={t('intro')}
        link={{ href: routeHash({ view: 'efficiency', id: null }), label: t('openEfficiency') }}
      />
      <div className="efficiency-controls">
        <YearField label={t('year')} value={year} onChange={setYear} />
        {role === 'hq' && view && view.posts.length > 0 && (
          <div className="field">
            <label htmlFor={postId}>{t('post')}</label>
            <select id={postId} value={post} onChange={(e) => setPost(e.target.value)}>
              {view.posts.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.code === '' ? t('own') : p.name || p.code}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <div aria-live="polite">
        {error && (
          <p className="notice notice--error" role="alert">
            {t('loadError', { message: problemText(error) })}
          </p>
        )}
      </div>
      {view && <PlanTable view={view} canEdit={role !== 'hq' && post === ''} onChange={() => void load()} />}
      {view && done !== null && (
        <p data-testid="workplan-completion">{t('completion', { percent: percent.format(done) })}</p>
      )}
      {role !== 'hq' && <AddActivity year={year} onAdded={() => void load()} />}
    </div>
  );
}

function PlanTable({
  view,
  canEdit,
  onChange,
}: {
  view: WorkplanView;
  canEdit: boolean;
  onChange: () => void;
}): ReactNode {
  const { t, i18n } = useTranslation('workplan');
  const terms = useTaxonomy((s) => s.terms.phenomenon);
  const language = i18n.language;
  if (view.activities.length === 0) return <p className="empty">{t('empty', { year: view.year })}</p>;
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const cell = (done: number, planned: number) => (
    <td
      className={
        planned > 0 ? (done >= planned ? 'plan-cell plan-cell--met' : 'plan-cell') : 'plan-cell plan-cell--unplanned'
      }
      aria-label={t('plannedDoneLabel', { done, planned })}
    >
      {planned === 0 && done === 0 ? '' : t('plannedDone', { done, planned })}
    </td>
  );
  const remove = async (id: string) => {
    const r = await call('workplan.remove', { id });
    if (r.ok) onChange();
  };
  return (
    <table className="efficiency-table workplan-table" data-testid="workplan-table">
      <thead>
        <tr>
          <th scope="col">{t('col.activity')}</th>
          <th scope="col">{t('col.type')}</th>
          <th scope="col">{t('col.phenomenon')}</th>
          <th scope="col">{t('col.partner')}</th>
          {QUARTERS.map((q) => (
            <th scope="col" key={q}>
              {t('col.quarter', { q })}
            </th>
          ))}
          <th scope="col">{t('col.total')}</th>
          <th scope="col">{t('col.time')}</th>
          {canEdit && (
            <th scope="col">
              <span className="visually-hidden">{t('remove')}</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {view.activities.map(({ activity: a, planned, done, minutes }) => (
          <tr key={a.id} data-activity={a.title}>
            <th scope="row">{a.title}</th>
            <td>{t(`type.${a.type}`)}</td>
            <td>
              {a.phenomenon
                ? termLabel(
                    terms.find((x) => x.code === a.phenomenon),
                    language,
                    a.phenomenon,
                  )
                : ''}
            </td>
            <td>{a.partnerCountry ? countryName(a.partnerCountry, language) : ''}</td>
            {QUARTERS.map((q) => cell(done[q - 1] ?? 0, planned[q - 1] ?? 0))}
            {cell(sum(done), sum(planned))}
            <td>{minutes > 0 ? formatTimeSpent(minutes) : ''}</td>
            {canEdit && (
              <td>
                <button
                  type="button"
                  className="link-button"
                  aria-label={t('removeLabel', { title: a.title })}
                  onClick={() => void remove(a.id)}
                >
                  {t('remove')}
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={4}>
            {t('total')}
          </th>
          {QUARTERS.map((q) => cell(view.done[q - 1] ?? 0, view.planned[q - 1] ?? 0))}
          {cell(sum(view.done), sum(view.planned))}
          <td />
          {canEdit && <td />}
        </tr>
      </tfoot>
    </table>
  );
}

function AddActivity({ year, onAdded }: { year: number; onAdded: () => void }): ReactNode {
  const { t, i18n } = useTranslation('workplan');
  const terms = useTaxonomy((s) => s.terms.phenomenon);
  const countries = useCountryOptions(i18n.language);
  const [title, setTitle] = useState('');
  const [type, setType] = useState<ActivityType>('operational');
  const [phenomenon, setPhenomenon] = useState('');
  const [country, setCountry] = useState('');
  const [quarters, setQuarters] = useState<number[]>([1, 2, 3, 4]);
  const [count, setCount] = useState('4');
  const [problem, setProblem] = useState<string | null>(null);
  const [added, setAdded] = useState(false);
  const ids = { type: useId(), phenomenon: useId(), country: useId() };

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setAdded(false);
    const n = Number(count);
    if (title.trim() === '') {
      setProblem(t('errors.required'));
      return;
    }
    if (quarters.length === 0) {
      setProblem(t('errors.quarters'));
      return;
    }
    if (!Number.isInteger(n) || n < 1 || n > 1000) {
      setProblem(t('errors.plannedCount'));
      return;
    }
    const r = await call('workplan.save', {
      fields: {
        year,
        title: title.trim(),
        type,
        phenomenon: phenomenon || null,
        partnerCountry: country || null,
        quarters: quarters as (1 | 2 | 3 | 4)[],
        plannedCount: n,
      },
    });
    if (!r.ok) {
      setProblem(problemText(r.error));
      return;
    }
    setProblem(null);
    setTitle('');
    setAdded(true);
    onAdded();
  };

  return (
    <section className="workplan-add" aria-labelledby="workplan-add">
      <h2 id="workplan-add">{t('form.title')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <PlainTextField
          label={t('form.activity')}
          value={title}
          onChange={setTitle}
          maxLength={200}
          className="workplan-add__title"
        />
        <div className="field">
          <label htmlFor={ids.type}>{t('form.type')}</label>
          <select id={ids.type} value={type} onChange={(e) => setType(e.target.value as ActivityType)}>
            {ACTIVITY_TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`type.${x}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.phenomenon}>{t('form.phenomenon')}</label>
          <select id={ids.phenomenon} value={phenomenon} onChange={(e) => setPhenomenon(e.target.value)}>
            <option value="">{t('form.none')}</option>
            {terms
              .filter((x) => x.retiredAt === null)
              .map((x) => (
                <option key={x.code} value={x.code}>
                  {termLabel(x, i18n.language, x.code)}
                </option>
              ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.country}>{t('form.partnerCountry')}</label>
          <select id={ids.country} value={country} onChange={(e) => setCountry(e.target.value)}>
            <option value="">{t('form.none')}</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="workplan-add__quarters">
          <legend>{t('form.quarters')}</legend>
          {QUARTERS.map((q) => (
            <label key={q}>
              <input
                type="checkbox"
                checked={quarters.includes(q)}
                onChange={(e) =>
                  setQuarters((qs) => (e.target.checked ? [...qs, q].sort() : qs.filter((x) => x !== q)))
                }
              />{' '}
              {t('col.quarter', { q })}
            </label>
          ))}
        </fieldset>
        <PlainTextField label={t('form.plannedCount')} value={count} onChange={setCount} inputMode="numeric" />
        <button type="submit" className="button button--primary">
          {t('form.add')}
        </button>
      </form>
      <FormOutcome problem={problem} done={added ? t('form.added') : null} />
    </section>
  );
}
