import { useCallback, useEffect, useId, useState, type ReactNode, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  EFFICIENCY_DIMENSIONS,
  type EfficiencyDimension,
  type EfficiencyRow,
  type EfficiencyView,
  type PostBudget,
} from '../../../../shared/effort/schema';
import { parseEuros } from '../../../../shared/effort/time-spent';
import type { AppError } from '../../../../shared/contract/result';
import { call } from '../../api/bridge';
import { routeHash } from '../../app/router';
import { countryName } from '../../i18n/format';
import { problemText } from '../../i18n/lookup';
import { PageHeader } from '../../ui/PageHeader';
import { FormOutcome, PlainTextField } from '../../ui/SmallForm';
import { isYearInRange, YearField } from '../../ui/YearField';
import { useExchange } from '../exchange/exchange-store';
import { termLabel, useTaxonomy } from '../taxonomy/taxonomy-store';
import './efficiency.css';

// Effort and cost (issue 14, item 2): for a year, by post, country or phenomenon, the hours and travel cost per
// operational result and the operational share of the time recorded; what each post cost against what it
// delivered; at a post, its budget and staffing per year. docs/efficiency.md defines each figure.

const thisYear = () => new Date().getFullYear();

function useFormats(language: string) {
  const locale = language === 'nl' ? 'nl-NL' : 'en-GB';
  const euro = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
  const one = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const fte = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return {
    euros: (cents: number | null) => (cents === null ? null : euro.format(cents / 100)),
    hours: (h: number | null) => (h === null ? null : one.format(h)),
    count: (n: number) => whole.format(n),
    percent: (share: number | null) => (share === null ? null : percent.format(share)),
    fte: (hundredths: number | null) => (hundredths === null ? null : fte.format(hundredths / 100)),
  };
}

export function EfficiencyPage(): ReactNode {
  const { t, i18n } = useTranslation('efficiency');
  const role = useExchange((s) => s.identity?.role ?? null);
  const [year, setYear] = useState(thisYear());
  const [by, setBy] = useState<EfficiencyDimension>('post');
  const [view, setView] = useState<EfficiencyView | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [loading, setLoading] = useState(false);
  const byId = useId();

  const load = useCallback(async () => {
    setLoading(true);
    const r = await call('effort.efficiency', { year, by });
    setLoading(false);
    if (r.ok) {
      setView(r.value);
      setError(null);
    } else setError(r.error);
  }, [year, by]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="page efficiency">
      <PageHeader
        title={t('title')}
        intro={t('intro')}
        link={{ href: routeHash({ view: 'workplan', id: null }), label: t('openWorkplan') }}
      />
      <div className="efficiency-controls">
        <YearField label={t('year')} value={year} onChange={setYear} />
        <div className="field">
          <label htmlFor={byId}>{t('by')}</label>
          <select id={byId} value={by} onChange={(e) => setBy(e.target.value as EfficiencyDimension)}>
            {EFFICIENCY_DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {t(`dimension.${d}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div aria-live="polite">
        {error ? (
          <p className="notice notice--error" role="alert">
            {t('loadError', { message: problemText(error) })}
          </p>
        ) : loading && !view ? (
          <p>{t('loading')}</p>
        ) : null}
      </div>
      {view && <Figures view={view} language={i18n.language} />}
      {view && <PostCosts view={view} language={i18n.language} />}
      {role !== 'hq' && <Budgets onChange={() => void load()} language={i18n.language} />}
    </div>
  );
}

function Figures({ view, language }: { view: EfficiencyView; language: string }): ReactNode {
  const { t } = useTranslation('efficiency');
  const f = useFormats(language);
  const terms = useTaxonomy((s) => s.terms.phenomenon);
  if (view.rows.length === 0) return <p className="empty">{t('empty', { year: view.year })}</p>;
  const label = (row: EfficiencyRow) => {
    if (view.by === 'post') return row.key === '' ? t('own') : row.label || row.key;
    if (row.key === '') return t('none');
    if (view.by === 'country') return countryName(row.key, language);
    return termLabel(
      terms.find((term) => term.code === row.key),
      language,
      row.key,
    );
  };
  const na = t('notAvailable');
  const cells = (row: EfficiencyRow) => [
    f.hours(row.figures.hours),
    f.percent(row.figures.operationalShare) ?? na,
    f.count(row.sums.results),
    f.hours(row.figures.hoursPerResult) ?? na,
    f.euros(row.figures.costPerResultCents === null ? null : Math.round(row.figures.costPerResultCents)) ?? na,
    f.euros(row.figures.travelCents),
    t('timedOf', { timed: f.count(row.sums.timed), items: f.count(row.sums.engagements + row.sums.requests) }),
  ];
  return (
    <table className="efficiency-table" data-testid="efficiency-table">
      <thead>
        <tr>
          <th scope="col">{t(`dimension.${view.by}`)}</th>
          <th scope="col">{t('col.hours')}</th>
          <th scope="col">{t('col.operationalShare')}</th>
          <th scope="col">{t('col.results')}</th>
          <th scope="col">{t('col.hoursPerResult')}</th>
          <th scope="col">{t('col.costPerResult')}</th>
          <th scope="col">{t('col.travel')}</th>
          <th scope="col">{t('col.timed')}</th>
        </tr>
      </thead>
      <tbody>
        {view.rows.map((row) => (
          <tr key={row.key} data-key={row.key}>
            <th scope="row">{label(row)}</th>
            {cells(row).map((c, i) => (
              <td key={i}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
      {view.by !== 'post' && (
        <tfoot>
          <tr>
            <th scope="row">{t('total')}</th>
            {cells(view.total).map((c, i) => (
              <td key={i}>{c}</td>
            ))}
          </tr>
        </tfoot>
      )}
    </table>
  );
}

function PostCosts({ view, language }: { view: EfficiencyView; language: string }): ReactNode {
  const { t } = useTranslation('efficiency');
  const f = useFormats(language);
  if (view.posts.length === 0) return null;
  const na = t('notAvailable');
  const round = (x: number | null) => (x === null ? null : Math.round(x));
  return (
    <section aria-labelledby="efficiency-posts">
      <h2 id="efficiency-posts">{t('postsTitle')}</h2>
      <table className="efficiency-table" data-testid="post-costs">
        <thead>
          <tr>
            <th scope="col">{t('postsCol.post')}</th>
            <th scope="col">{t('postsCol.budget')}</th>
            <th scope="col">{t('postsCol.fte')}</th>
            <th scope="col">{t('postsCol.travel')}</th>
            <th scope="col">{t('postsCol.cost')}</th>
            <th scope="col">{t('postsCol.results')}</th>
            <th scope="col">{t('postsCol.answered')}</th>
            <th scope="col">{t('postsCol.perResult')}</th>
            <th scope="col">{t('postsCol.perAnswered')}</th>
          </tr>
        </thead>
        <tbody>
          {view.posts.map((p) => (
            <tr key={p.post}>
              <th scope="row">{p.post === '' ? t('own') : p.label || p.post}</th>
              <td>{f.euros(p.budgetCents) ?? t('noBudget')}</td>
              <td>{f.fte(p.fteHundredths) ?? na}</td>
              <td>{f.euros(p.travelCents)}</td>
              <td>{f.euros(p.costCents)}</td>
              <td>{f.count(p.results)}</td>
              <td>{f.count(p.answered)}</td>
              <td>{f.euros(round(p.costPerResultCents)) ?? na}</td>
              <td>{f.euros(round(p.costPerAnsweredCents)) ?? na}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** FTE as typed ("1.5", "1,5") to hundredths; null when it does not read. */
function parseFte(text: string): number | null {
  const s = text.trim().replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  return Math.round(Number(s) * 100);
}

/** The post's budget and staffing per year (sent to HQ with every export). */
function Budgets({ onChange, language }: { onChange: () => void; language: string }): ReactNode {
  const { t } = useTranslation('efficiency');
  const f = useFormats(language);
  const [rows, setRows] = useState<PostBudget[]>([]);
  const [year, setYear] = useState(String(thisYear()));
  const [budget, setBudget] = useState('');
  const [fte, setFte] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    void call('effort.budgets', {}).then((r) => r.ok && setRows(r.value));
  }, []);

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setSaved(null);
    const cents = parseEuros(budget);
    const hundredths = parseFte(fte);
    const y = Number(year);
    if (!cents.ok || cents.value === null) {
      setProblem(t('errors.invalid_amount'));
      return;
    }
    if (hundredths === null) {
      setProblem(t('errors.invalid_fte'));
      return;
    }
    if (!isYearInRange(y)) {
      setProblem(t('errors.invalid_amount'));
      return;
    }
    const r = await call('effort.saveBudget', { year: y, budgetCents: cents.value, fteHundredths: hundredths });
    if (!r.ok) {
      setProblem(problemText(r.error));
      return;
    }
    setProblem(null);
    setRows(r.value);
    setSaved(t('budgets.saved', { year: y }));
    onChange();
  };
  const remove = async (y: number) => {
    const r = await call('effort.removeBudget', { year: y });
    if (r.ok) {
      setRows(r.value);
      onChange();
    }
  };

  return (
    <section className="efficiency-budgets" aria-labelledby="efficiency-budgets">
      <h2 id="efficiency-budgets">{t('budgets.title')}</h2>
      <p className="muted">{t('budgets.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <PlainTextField label={t('budgets.year')} value={year} onChange={setYear} inputMode="numeric" />
        <PlainTextField label={t('budgets.budget')} value={budget} onChange={setBudget} inputMode="decimal" />
        <PlainTextField label={t('budgets.fte')} value={fte} onChange={setFte} inputMode="decimal" />
        <button type="submit" className="button button--primary">
          {t('budgets.save')}
        </button>
      </form>
      <FormOutcome problem={problem} done={saved} />
      {rows.length === 0 ? (
        <p className="empty">{t('budgets.empty')}</p>
      ) : (
        <table className="efficiency-table" data-testid="budgets">
          <thead>
            <tr>
              <th scope="col">{t('budgets.year')}</th>
              <th scope="col">{t('budgets.budget')}</th>
              <th scope="col">{t('budgets.fte')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('budgets.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((b) => (
              <tr key={b.year}>
                <th scope="row">{b.year}</th>
                <td>{f.euros(b.budgetCents)}</td>
                <td>{f.fte(b.fteHundredths)}</td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t('budgets.removeLabel', { year: b.year })}
                    onClick={() => void remove(b.year)}
                  >
                    {t('budgets.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
