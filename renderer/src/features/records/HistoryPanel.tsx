import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format';
import type { KindConfig } from './kind-config';
import { recordPageStore } from './record-page-store';

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.join(', ');
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The audit trail of one record: who-knows-when is not good enough for police data, so every change shows. */
export function HistoryPanel({ config }: { config: KindConfig }): ReactNode {
  const { t, i18n } = useTranslation();
  const useStore = recordPageStore(config);
  const { history, loadHistory, selection } = useStore();
  const revision = selection.mode === 'edit' ? selection.record.revision : 0;

  useEffect(() => {
    void loadHistory();
  }, [loadHistory, revision]);

  if (!history) return <p className="muted">{t('records.loading')}</p>;
  return (
    <ol className="history">
      {[...history].reverse().map((entry) => (
        <li key={`${entry.revision}-${entry.at}-${entry.action}`}>
          <p>
            <strong>{t(`records.action.${entry.action}`)}</strong>{' '}
            <span className="muted">
              {formatDateTime(entry.at, i18n.language)} · {t('records.revisionShort', { revision: entry.revision })}
            </span>
          </p>
          {entry.action === 'update' && (
            <table className="history__changes">
              <caption className="visually-hidden">{t('records.changes')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('records.field')}</th>
                  <th scope="col">{t('records.before')}</th>
                  <th scope="col">{t('records.after')}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(entry.changes).map(([field, [before, after]]) => (
                  <tr key={field}>
                    <th scope="row">{t(`fields.${field}`, { defaultValue: field })}</th>
                    <td>{show(before)}</td>
                    <td>{show(after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </li>
      ))}
    </ol>
  );
}
