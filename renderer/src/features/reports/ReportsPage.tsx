import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Art18Report } from '../../../../shared/reports/art18';
import { call } from '../../api/bridge';
import { countryName } from '../../i18n/format';
import { useToasts } from '../../ui/toast-store';
import './reports.css';

/** The Article 18 statistics for a calendar year: the four required tables, what was counted, saving as files. */
export function ReportsPage(): ReactNode {
  const { t, i18n } = useTranslation();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear - 1);
  const [report, setReport] = useState<Art18Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const showToast = useToasts((s) => s.show);
  const years = Array.from({ length: Math.max(1, thisYear - 2023 + 1) }, (_, i) => thisYear - i);
  const country = (code: string) => countryName(code, i18n.language);
  const number = (n: number) => new Intl.NumberFormat(i18n.language === 'nl' ? 'nl-NL' : 'en-GB').format(n);

  const load = useCallback(async (y: number) => {
    setBusy(true);
    const result = await call('reports.art18', { year: y });
    setBusy(false);
    if (result.ok) {
      setReport(result.value);
      setError(null);
    } else setError(result.error.message);
  }, []);

  useEffect(() => {
    void load(year);
  }, [load, year]);

  async function save(format: 'xlsx' | 'csv' | 'json') {
    // The window's host asks where to save (its own dialog) and the backend writes the file there.
    const result = await call('reports.saveArt18', { year, format });
    if (!result.ok) {
      if (result.error.code !== 'cancelled') setError(result.error.message);
      return;
    }
    setError(null);
    showToast({ message: t('reports.savedTo', { path: result.value.savedTo }) });
  }

  return (
    <div className="page reports">
      <header className="page__header">
        <div>
          <h1>{t('reports.title')}</h1>
          <p className="muted">{t('reports.intro')}</p>
        </div>
      </header>
      <div className="reports__bar">
        <label className="filter">
          <span>{t('reports.year')}</span>
          <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <p className="muted">{t('reports.due', { next: year + 1 })}</p>
        <div className="reports__downloads" role="group" aria-label={t('reports.download')}>
          <span>{t('reports.download')}:</span>
          {(['xlsx', 'csv', 'json'] as const).map((f) => (
            <button key={f} type="button" className="button button--small" onClick={() => void save(f)}>
              {t(`reports.${f}`)}
            </button>
          ))}
        </div>
      </div>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      <div aria-live="polite" aria-busy={busy}>
        {busy && !report && <p className="muted">{t('reports.loading')}</p>}
        {report && (
          <div className="reports__grid">
            <Section title={t('reports.a')} empty={report.submitted.total === 0} year={year}>
              <CountsByState
                rows={report.submitted.byMemberState}
                total={report.submitted.total}
                country={country}
                number={number}
              />
            </Section>
            <Section title={t('reports.b')} empty={report.received.total === 0} year={year}>
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('reports.memberState')}</th>
                    <th scope="col" className="num">
                      {t('reports.receivedUrgent')}
                    </th>
                    <th scope="col" className="num">
                      {t('reports.receivedNonUrgent')}
                    </th>
                    <th scope="col" className="num">
                      {t('reports.answeredUrgent')}
                    </th>
                    <th scope="col" className="num">
                      {t('reports.answeredNonUrgent')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.received.byMemberState.map((r) => (
                    <tr key={r.memberState}>
                      <th scope="row">{country(r.memberState)}</th>
                      <td className="num">{number(r.receivedUrgent)}</td>
                      <td className="num">{number(r.receivedNonUrgent)}</td>
                      <td className="num">{number(r.answeredUrgent)}</td>
                      <td className="num">{number(r.answeredNonUrgent)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('reports.total')}</th>
                    {(['receivedUrgent', 'receivedNonUrgent', 'answeredUrgent', 'answeredNonUrgent'] as const).map(
                      (key) => (
                        <td key={key} className="num">
                          {number(report.received.byMemberState.reduce((n, r) => n + r[key], 0))}
                        </td>
                      ),
                    )}
                  </tr>
                </tfoot>
              </table>
            </Section>
            <Section title={t('reports.c')} empty={report.refusals.total === 0} year={year}>
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('reports.memberState')}</th>
                    <th scope="col">{t('reports.ground')}</th>
                    <th scope="col" className="num">
                      {t('reports.count')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.refusals.byMemberStateAndGround.map((r) => (
                    <tr key={`${r.memberState}-${r.ground}`}>
                      <th scope="row">{country(r.memberState)}</th>
                      <td>{t(`requests.refusalGround.${r.ground}`, { defaultValue: r.ground })}</td>
                      <td className="num">{number(r.count)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('reports.total')}</th>
                    <td />
                    <td className="num">{number(report.refusals.total)}</td>
                  </tr>
                </tfoot>
              </table>
            </Section>
            <Section title={t('reports.d')} empty={report.deviations.total === 0} year={year}>
              <CountsByState
                rows={report.deviations.byMemberState}
                total={report.deviations.total}
                country={country}
                number={number}
              />
            </Section>
            <section className="reports__basis" aria-labelledby="reports-basis">
              <h2 id="reports-basis">{t('reports.basis')}</h2>
              <p>
                {t('reports.basisText', {
                  year,
                  timeZone: report.timeZone,
                  inYear: number(report.basis.requestsInYear),
                  counted: number(report.basis.counted),
                  nonEu: number(report.basis.excluded.notAMemberState),
                  home: number(report.basis.excluded.homeCountry),
                  judicial: number(report.basis.excluded.judicialChannel),
                })}
              </p>
              <p className="muted">{t('reports.basisRules')}</p>
            </section>
          </div>
        )}
      </div>
    </div>
  );
}

function Section({
  title,
  empty,
  year,
  children,
}: {
  title: string;
  empty: boolean;
  year: number;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="reports__section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {empty ? <p className="muted">{t('reports.none', { year })}</p> : children}
    </section>
  );
}

/** Member state and count, with a total: tables (a) and (d) have this shape. */
function CountsByState({
  rows,
  total,
  country,
  number,
}: {
  rows: readonly { memberState: string; count: number }[];
  total: number;
  country: (code: string) => string;
  number: (n: number) => string;
}) {
  const { t } = useTranslation();
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">{t('reports.memberState')}</th>
          <th scope="col" className="num">
            {t('reports.count')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.memberState}>
            <th scope="row">{country(r.memberState)}</th>
            <td className="num">{number(r.count)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('reports.total')}</th>
          <td className="num">{number(total)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
