import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/contract/result';
import type { Art18Report } from '../../../../shared/reports/art18';
import { call } from '../../api/bridge';
import { countryName } from '../../i18n/format';
import { useToasts } from '../../ui/toast-store';
import { isKeyOf, useProblemText } from '../../i18n/lookup';
import { en as requestsEn } from '../requests/i18n';
import { DatasetExportButton } from './DatasetExport';
import './reports.css';

/** The Article 18 statistics for a calendar year: the four required tables, what was counted, saving as files. */
export function ReportsPage(): ReactNode {
  const { t, i18n } = useTranslation(['reports', 'requests']);
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear - 1);
  const [report, setReport] = useState<Art18Report | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const problemText = useProblemText();
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
    } else setError(result.error);
  }, []);

  useEffect(() => {
    void load(year);
  }, [load, year]);

  async function save(format: 'xlsx' | 'csv' | 'json') {
    // The window's host asks where to save (its own dialog) and the backend writes the file there.
    const result = await call('reports.saveArt18', { year, format });
    if (!result.ok) {
      if (result.error.code !== 'cancelled') setError(result.error);
      return;
    }
    setError(null);
    showToast({ message: t('savedTo', { path: result.value.savedTo }) });
  }

  return (
    <div className="page reports">
      <header className="page__header">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted">{t('intro')}</p>
        </div>
      </header>
      <div className="reports__bar">
        <label className="filter">
          <span>{t('year')}</span>
          <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <p className="muted">{t('due', { next: year + 1 })}</p>
        <div className="reports__downloads" role="group" aria-label={t('download')}>
          <span>{t('download')}:</span>
          {(['xlsx', 'csv', 'json'] as const).map((f) => (
            <button key={f} type="button" className="button button--small" onClick={() => void save(f)}>
              {t(f)}
            </button>
          ))}
          <DatasetExportButton year={year} />
        </div>
      </div>
      {error && (
        <p className="notice notice--error" role="alert">
          {problemText(error)}
        </p>
      )}
      <div aria-live="polite" aria-busy={busy}>
        {busy && !report && <p className="muted">{t('loading')}</p>}
        {report && (
          <div className="reports__grid">
            <Section title={t('a')} empty={report.submitted.total === 0} year={year}>
              <CountsByState
                rows={report.submitted.byMemberState}
                total={report.submitted.total}
                country={country}
                number={number}
              />
            </Section>
            <Section title={t('b')} empty={report.received.total === 0} year={year}>
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('memberState')}</th>
                    <th scope="col" className="num">
                      {t('receivedUrgent')}
                    </th>
                    <th scope="col" className="num">
                      {t('receivedNonUrgent')}
                    </th>
                    <th scope="col" className="num">
                      {t('answeredUrgent')}
                    </th>
                    <th scope="col" className="num">
                      {t('answeredNonUrgent')}
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
                    <th scope="row">{t('total')}</th>
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
            <Section title={t('c')} empty={report.refusals.total === 0} year={year}>
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('memberState')}</th>
                    <th scope="col">{t('ground')}</th>
                    <th scope="col" className="num">
                      {t('count')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.refusals.byMemberStateAndGround.map((r) => (
                    <tr key={`${r.memberState}-${r.ground}`}>
                      <th scope="row">{country(r.memberState)}</th>
                      <td>
                        {isKeyOf(requestsEn.refusalGround, r.ground)
                          ? t(`requests:refusalGround.${r.ground}`)
                          : r.ground}
                      </td>
                      <td className="num">{number(r.count)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('total')}</th>
                    <td />
                    <td className="num">{number(report.refusals.total)}</td>
                  </tr>
                </tfoot>
              </table>
            </Section>
            <Section title={t('d')} empty={report.deviations.total === 0} year={year}>
              <CountsByState
                rows={report.deviations.byMemberState}
                total={report.deviations.total}
                country={country}
                number={number}
              />
            </Section>
            <section className="reports__basis" aria-labelledby="reports-basis">
              <h2 id="reports-basis">{t('basis')}</h2>
              <p>
                {t('basisText', {
                  year,
                  timeZone: report.timeZone,
                  inYear: number(report.basis.requestsInYear),
                  counted: number(report.basis.counted),
                  nonEu: number(report.basis.excluded.notAMemberState),
                  home: number(report.basis.excluded.homeCountry),
                  judicial: number(report.basis.excluded.judicialChannel),
                })}
              </p>
              <p className="muted">{t('basisRules')}</p>
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
  const { t } = useTranslation(['reports', 'requests']);
  const id = useId();
  return (
    <section className="reports__section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {empty ? <p className="muted">{t('none', { year })}</p> : children}
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
  const { t } = useTranslation(['reports', 'requests']);
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">{t('memberState')}</th>
          <th scope="col" className="num">
            {t('count')}
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
          <th scope="row">{t('total')}</th>
          <td className="num">{number(total)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
