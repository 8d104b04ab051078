import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogsOutput } from '../../../../shared/logs/schema';
import { call } from '../../api/bridge';
import { formatDateTimeSeconds } from '../../i18n/format';
import './logs.css';
import { problemText } from '../../i18n/lookup';

// Settings → Logs: the recent lines of the log file in the data folder's logs/ (newest first), where the
// file is, and a Refresh button. The log holds what went wrong and where, never records, passphrases or
// keys, and nothing sends it anywhere: the officer decides whether to pass the file on.

const SHOWN_LINES = 200;

/** A log line's time in the officer's language, to the second (a log is read second by second). */
function formatLogTime(iso: string, language: string): string {
  return formatDateTimeSeconds(iso, language);
}

export function LogsSection(): ReactNode {
  const { t, i18n } = useTranslation('settings');
  const [logs, setLogs] = useState<LogsOutput | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    const result = await call('logs.read', { maxLines: SHOWN_LINES });
    setLoading(false);
    if (result.ok) {
      setLogs(result.value);
      setFailure(null);
    } else {
      setFailure(problemText(result.error));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const lines = logs ? [...logs.lines].reverse() : [];

  return (
    <section className="settings-section logs" aria-labelledby="settings-logs-title">
      <h2 id="settings-logs-title">{t('logs.title')}</h2>
      <p className="muted settings-section__intro">{t('logs.intro')}</p>
      {logs && (
        <dl className="logs__facts">
          <dt>{t('logs.folder')}</dt>
          <dd translate="no">{logs.folder}</dd>
        </dl>
      )}
      <div className="logs__bar">
        <p className="muted" role="status">
          {loading && !logs
            ? t('logs.loading')
            : logs && lines.length > 0
              ? `${t('logs.count', { count: lines.length })} ${t('logs.english')}`
              : ''}
        </p>
        <button type="button" className="button" onClick={() => void load()} disabled={loading}>
          {t('logs.refresh')}
        </button>
      </div>
      {failure && (
        <p className="notice notice--error" role="alert">
          {t('logs.failed', { message: failure })}
        </p>
      )}
      {logs && lines.length === 0 && <p className="muted logs__empty">{t('logs.empty')}</p>}
      {lines.length > 0 && (
        <div className="logs__scroll" tabIndex={0} role="region" aria-label={t('logs.caption')}>
          <table className="logs__table">
            <caption className="visually-hidden">{t('logs.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('logs.column.at')}</th>
                <th scope="col">{t('logs.column.level')}</th>
                <th scope="col">{t('logs.column.source')}</th>
                <th scope="col">{t('logs.column.code')}</th>
                <th scope="col">{t('logs.column.message')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line, index) => (
                <tr key={`${line.at}-${index}`} className={`logs__row logs__row--${line.level}`}>
                  <td className="logs__time">
                    <time dateTime={line.at}>{formatLogTime(line.at, i18n.language)}</time>
                  </td>
                  <td>
                    <span className={`logs__level logs__level--${line.level}`}>{t(`logs.level.${line.level}`)}</span>
                  </td>
                  <td>{t(`logs.source.${line.source}`)}</td>
                  <td>
                    <code translate="no">{line.code}</code>
                  </td>
                  <td translate="no">
                    {line.message}
                    {line.error && <div className="logs__error muted">{line.error}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
