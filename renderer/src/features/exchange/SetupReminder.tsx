import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { routeHash } from '../../app/router';
import { useExchange } from './exchange-store';
import './exchange.css';

/**
 * A small, non-blocking note for other pages (e.g. Needs attention): shown only while this laptop has no
 * role yet, with a link to the exchange page. Renders nothing otherwise.
 */
export function SetupReminder(): ReactNode {
  const { t } = useTranslation('exchange');
  const { identity, load } = useExchange();

  useEffect(() => {
    if (!identity) void load();
  }, [identity, load]);

  if (!identity || identity.role !== null) return null;
  return (
    <aside className="setup-reminder" aria-label={t('reminder.label')}>
      <span className="setup-reminder__icon" aria-hidden="true">
        ⇄
      </span>
      <p>
        {t('reminder.text')} <a href={routeHash({ view: 'exchange', id: null })}>{t('reminder.link')}</a>
      </p>
    </aside>
  );
}
