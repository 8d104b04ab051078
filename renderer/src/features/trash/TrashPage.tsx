import { useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { KIND_PREFIX, RECORD_KINDS, type RecordKind } from '../../../../shared/records/kinds';
import type { RecordSummary } from '../../../../shared/records/queries';
import { routeHash } from '../../app/router';
import { formatDateTime, formatDay } from '../../i18n/format';
import { useTrash } from './trash-store';
import { problemText as errorText } from '../../i18n/lookup';
import './trash.css';

/** What trash.list returns at most; when it is full, older records exist that are not shown. */
const LIST_LIMIT = 500;

/** Records moved to the trash, each with Restore (and Open once restored). */
export function TrashPage(): ReactNode {
  const { t, i18n } = useTranslation('trash');
  const { items, loading, error, restores, load, restore } = useTrash();
  const [kind, setKind] = useState<RecordKind | ''>('');
  const [announcement, setAnnouncement] = useState('');
  const filterId = useId();

  useEffect(() => {
    void load();
  }, [load]);

  const shown = (items ?? []).filter((item) => kind === '' || item.kind === kind);
  const present = RECORD_KINDS.filter((k) => items?.some((item) => item.kind === k));
  const title = (item: RecordSummary) => item.title || t('untitled');
  const failure = (state: { code: string; message: string }) => t('restoreFailed', { message: errorText(state) });

  async function onRestore(item: RecordSummary) {
    const ok = await restore(item);
    const state = useTrash.getState().restores[item.id];
    setAnnouncement(
      ok ? t('restoredAnnounce', { title: title(item) }) : state?.status === 'failed' ? failure(state) : '',
    );
    // Keep the keyboard where it was: the button becomes the Open link of the same row.
    if (ok) requestAnimationFrame(() => document.getElementById(`trash-open-${item.id}`)?.focus());
  }

  return (
    <div className="page trash">
      <header className="page__header trash__header">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted">{t('intro')}</p>
        </div>
      </header>

      <p className="visually-hidden" role="status">
        {announcement}
      </p>

      {error && (
        <p className="notice notice--error" role="alert">
          {t('loadError', { message: error })}{' '}
          <button type="button" className="link-button" onClick={() => void load()}>
            {t('retry')}
          </button>
        </p>
      )}
      {!items && !error && <p className="muted">{t('loading')}</p>}

      {items && items.length === 0 && (
        <div className="trash__empty">
          <p>{t('empty')}</p>
        </div>
      )}

      {items && items.length > 0 && (
        <section className="trash__panel" aria-labelledby={`${filterId}-caption`} aria-busy={loading}>
          <div className="trash__bar">
            <p className="trash__count" id={`${filterId}-caption`}>
              {t('count', { count: items.length })}
            </p>
            <label className="trash__filter">
              <span>{t('kindFilter')}</span>
              <select value={kind} onChange={(e) => setKind(e.target.value as RecordKind | '')}>
                <option value="">{t('allKinds')}</option>
                {present.map((k) => (
                  <option key={k} value={k}>
                    {t(`kinds.${k}_other`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {items.length >= LIST_LIMIT && <p className="muted small">{t('limited', { count: items.length })}</p>}
          {shown.length === 0 ? (
            <p className="empty">{t('emptyKind')}</p>
          ) : (
            <table className="trash__table">
              <caption className="visually-hidden">{t('listLabel')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('column.kind')}</th>
                  <th scope="col">{t('column.title')}</th>
                  <th scope="col">{t('column.date')}</th>
                  <th scope="col">{t('column.deletedAt')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('column.action')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((item) => {
                  const state = restores[item.id];
                  const restored = state?.status === 'restored';
                  return (
                    <tr key={item.id} className={restored ? 'is-restored' : undefined}>
                      <td className="nowrap">{t(`kinds.${item.kind}_one`)}</td>
                      <th scope="row" className="trash__title">
                        {title(item)}
                      </th>
                      <td className="nowrap">{item.occurredAt ? formatDay(item.occurredAt, i18n.language) : '–'}</td>
                      <td className="nowrap">{item.deletedAt ? formatDateTime(item.deletedAt, i18n.language) : '–'}</td>
                      <td className="trash__action">
                        {restored ? (
                          <span className="trash__restored">
                            <span className="trash__done">✓ {t('restored')}</span>
                            <a
                              id={`trash-open-${item.id}`}
                              className="button button--small"
                              href={routeHash({ view: KIND_PREFIX[item.kind], id: item.id })}
                              aria-label={t('openLabel', { title: title(item) })}
                            >
                              {t('open')}
                            </a>
                          </span>
                        ) : (
                          <button
                            type="button"
                            className="button button--small"
                            disabled={state?.status === 'restoring'}
                            aria-label={t('restoreLabel', { title: title(item) })}
                            onClick={() => void onRestore(item)}
                          >
                            {state?.status === 'restoring' ? t('restoring') : t('restore')}
                          </button>
                        )}
                        {state?.status === 'failed' && <p className="field__error trash__error">{failure(state)}</p>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
      )}
    </div>
  );
}
