import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { countryName, formatDateTime } from '../../i18n/format';
import { useRequests } from './requests-store';

export function RequestList(): ReactNode {
  const { t, i18n } = useTranslation();
  const { items, mode, open, loadError } = useRequests();
  const selectedId = mode.kind === 'edit' ? mode.id : null;

  if (loadError) {
    return (
      <p className="notice notice--error" role="alert">
        {loadError}
      </p>
    );
  }
  if (items.length === 0) return <p className="empty">{t('requests.empty')}</p>;

  return (
    <table className="record-table" aria-label={t('requests.listLabel')}>
      <thead>
        <tr>
          <th scope="col">{t('requests.column.date')}</th>
          <th scope="col">{t('requests.field.direction')}</th>
          <th scope="col">{t('requests.field.counterpartCountry')}</th>
          <th scope="col">{t('requests.field.subject')}</th>
          <th scope="col">{t('requests.field.status')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((r) => (
          <tr key={r.id} aria-current={r.id === selectedId ? 'true' : undefined} className={r.id === selectedId ? 'is-selected' : undefined}>
            <td className="nowrap">{formatDateTime(r.exchangedAt, i18n.language)}</td>
            <td>
              <span className={`badge badge--${r.direction}`}>{t(`requests.directionShort.${r.direction}`)}</span>
            </td>
            <td>
              {countryName(r.counterpartCountry, i18n.language)}
              <span className="muted"> · {r.counterpartAgency}</span>
            </td>
            <td>
              <button type="button" className="link-button" onClick={() => void open(r.id)}>
                {r.subject}
              </button>
            </td>
            <td>
              <span className={`status status--${r.status}`}>{t(`requests.status.${r.status}`)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
