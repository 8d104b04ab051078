import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { routeHash } from '../../app/router';
import './efficiency.css';

/** Links to the efficiency figures and the work plan (issue 14, items 2 and 3), for the dashboards' header. */
export function EfficiencyLinks(): ReactNode {
  const { t } = useTranslation('common');
  return (
    <nav className="page-links" aria-label={t('nav.efficiency')}>
      <a href={routeHash({ view: 'efficiency', id: null })}>{t('nav.efficiency')}</a>
      <a href={routeHash({ view: 'workplan', id: null })}>{t('nav.workplan')}</a>
    </nav>
  );
}
