import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RequestForm } from './RequestForm';
import { RequestList } from './RequestList';
import { useRequests } from './requests-store';

export function RequestsPage(): ReactNode {
  const { t } = useTranslation();
  const { total, mode, load, startNew } = useRequests();

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1>{t('requests.title')}</h1>
          <p className="muted" aria-live="polite">
            {t('requests.count', { count: total })}
          </p>
        </div>
        <button type="button" className="button button--primary" onClick={startNew}>
          + {t('requests.new')}
        </button>
      </header>
      <div className="split">
        <section className="split__list" aria-label={t('requests.listLabel')}>
          <RequestList />
        </section>
        <section className="split__detail">
          {mode.kind === 'none' ? <p className="empty">{t('requests.notSelected')}</p> : <RequestForm />}
        </section>
      </div>
    </div>
  );
}
