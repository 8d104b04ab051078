import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RetentionDue } from '../../../../shared/retention/schema';
import { call } from '../../api/bridge';
import { routeHash } from '../../app/router';

/** Needs attention: records (or personal data) past their retention period, with a link to review them. */
export function RetentionReminder(): ReactNode {
  const { t } = useTranslation('retention');
  const [due, setDue] = useState<RetentionDue | null>(null);
  useEffect(() => {
    void call('retention.due', {}).then((r) => {
      if (r.ok) setDue(r.value);
    });
  }, []);
  if (!due || (due.records.length === 0 && due.personalData.length === 0)) return null;
  return (
    <section className="retention-reminder" aria-label={t('title')} data-testid="retention-reminder">
      <p>
        {due.records.length > 0 && <span>{t('attention.text', { count: due.records.length })} </span>}
        {due.personalData.length > 0 && <span>{t('attention.personal', { count: due.personalData.length })} </span>}
        <a href={routeHash({ view: 'retention', id: null })}>{t('attention.open')}</a>
      </p>
    </section>
  );
}
