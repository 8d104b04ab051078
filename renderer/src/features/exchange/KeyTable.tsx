import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Identity } from '../../../../shared/exchange/schema';
import { formatDateTime } from '../../i18n/format';
import { keyLabel } from './display';
import { Fingerprint } from './parts';

/** HQ keys: at HQ its own, at a post the ones it trusts. Retired keys are greyed but kept in view. */
export function KeyTable({ keys, caption }: { keys: Identity['hqKeys']; caption: string }): ReactNode {
  const { t, i18n } = useTranslation('exchange');
  return (
    <table className="exchange-table exchange-keytable">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('keyCol.label')}</th>
          <th scope="col">{t('keyCol.fingerprint')}</th>
          <th scope="col">{t('keyCol.since')}</th>
          <th scope="col">{t('keyCol.status')}</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => (
          <tr key={k.fingerprint} className={k.retired ? 'is-retired' : undefined}>
            <th scope="row">
              {k.retired && k.label === 'primary' ? t('keyLabel.earlierPrimary') : keyLabel(t, k.label)}
            </th>
            <td>
              <Fingerprint value={k.fingerprint} />
            </td>
            <td className="nowrap">{formatDateTime(k.createdAt, i18n.language)}</td>
            <td>
              <span className={`exchange-pill exchange-pill--${k.retired ? 'muted' : 'ok'}`}>
                {t(`keyStatus.${k.retired ? 'retired' : 'active'}`)}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
