import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { locale } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { formatPeriod } from '../overview/period';
import { formatNumber } from './display';
import { useExchange } from './exchange-store';
import { Done, ErrorNotice, Section } from './parts';
import { saveExportCopy } from './save-copy';

/** Post: every export made on this laptop, newest first, each with "Save a copy". */
export function ExportHistory(): ReactNode {
  const { t, i18n } = useTranslation('exchange');
  const { history, loadHistory } = useExchange();
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);

  async function onSave(entry: { exportId: string; fileName: string }) {
    setStatus('');
    setProblem(null);
    const result = await saveExportCopy(entry);
    if (result.ok) setStatus(t('fileSaved', { path: result.path }));
    else if (!result.cancelled) setProblem(t('failed', { message: result.message }));
  }

  return (
    <Section id="exchange-history" title={t('history.title')}>
      {history === null ? (
        <p className="muted">{t('loading')}</p>
      ) : history.length === 0 ? (
        <p className="muted">{t('history.empty')}</p>
      ) : (
        <div className="exchange-table-wrap">
          <table className="exchange-table">
            <caption className="visually-hidden">{t('history.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('history.col.sequence')}</th>
                <th scope="col">{t('history.col.period')}</th>
                <th scope="col">{t('history.col.level')}</th>
                <th scope="col" className="exchange-num">
                  {t('history.col.records')}
                </th>
                <th scope="col">{t('history.col.created')}</th>
                <th scope="col">{t('history.col.file')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('history.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {history.map((e) => (
                <tr key={e.exportId}>
                  <th scope="row" className="exchange-num">
                    {e.sequence}
                  </th>
                  <td className="nowrap">{formatPeriod({ from: e.from, to: e.to }, locale(i18n.language))}</td>
                  <td>{t(`export.level.${e.level}.label`)}</td>
                  <td className="exchange-num">
                    {formatNumber(
                      Object.values(e.counts).reduce((a, b) => a + b, 0),
                      i18n.language,
                    )}
                  </td>
                  <td className="nowrap">{formatDateTime(e.createdAt, i18n.language)}</td>
                  <td className="exchange-mono small exchange-break">{e.fileName}</td>
                  <td className="exchange-row-actions">
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={t('history.saveCopyOf', { sequence: e.sequence })}
                      onClick={() => void onSave(e)}
                    >
                      {t('history.saveCopy')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="exchange-status" role="status">
        <Done text={status} />
      </p>
      {problem && <ErrorNotice text={problem} />}
    </Section>
  );
}
