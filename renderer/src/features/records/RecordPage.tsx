import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoute } from '../../app/router';
import { RECORD_PAGE_NAMESPACES, type KindConfig } from './kind-config';
import { RecordDetail } from './RecordDetail';
import { RecordFilters } from './RecordFilters';
import { RecordList } from './RecordList';
import { recordPageStore } from './record-page-store';

/** A list of one kind of record beside the open record: the same page for every kind. */
export function RecordPage({ config }: { config: KindConfig }): ReactNode {
  const { t } = useTranslation(RECORD_PAGE_NAMESPACES);
  const useStore = recordPageStore(config);
  const { reload, open, startNew, close, selection } = useStore();
  const { id, navigate } = useRoute();

  useEffect(() => {
    void reload();
  }, [reload]);

  // The URL decides what is open: #/requests/new, #/requests/<id>, or nothing.
  useEffect(() => {
    if (id === 'new') {
      if (selection.mode !== 'new') startNew();
    } else if (id) {
      if (selection.mode !== 'edit' || selection.record.id !== id) void open(id);
    } else if (selection.mode === 'edit') {
      close();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- react to the route only
  }, [id]);

  return (
    <div className="page">
      <header className="page__header">
        <h1>{t(`${config.ns}:title`)}</h1>
        <button type="button" className="button button--primary" onClick={() => navigate(config.view, 'new')}>
          + {t(`${config.ns}:new`)}
        </button>
      </header>
      <RecordFilters config={config} />
      <div className="split">
        <section className="split__list" aria-label={t(`${config.ns}:listLabel`)}>
          <RecordList config={config} />
        </section>
        <section className="split__detail" aria-label={t('detail')}>
          <RecordDetail config={config} />
        </section>
      </div>
    </div>
  );
}
