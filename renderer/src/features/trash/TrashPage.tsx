import { useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { KIND_PREFIX, RECORD_KINDS, type RecordKind } from '../../../../shared/records/kinds';
import type { RecordSummary } from '../../../../shared/records/queries';
import { routeHash } from '../../app/router';
import { formatDateTime, formatDay } from '../../i18n/format';
import { useTrash } from './trash-store';
import { problemText as errorText } from '../../i18n/lookup';
import { BackupsAfterPurge } from '../retention/RetentionPage';
import { call } from '../../api/bridge';
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
  const { t: tr } = useTranslation('retention');
  // Emptying the trash (issue 13, item 5): the records shown, removed for good after a confirmation.
  const [emptying, setEmptying] = useState<'no' | 'asking' | 'busy'>('no');
  const [emptied, setEmptied] = useState<{ count: number; olderBackups: number } | null>(null);

  async function onEmpty() {
    const ids = (items ?? []).map((item) => item.id);
    setEmptying('busy');
    const result = await call('trash.empty', { ids });
    setEmptying('no');
    if (result.ok) {
      setEmptied({ count: result.value.purged, olderBackups: result.value.olderBackups });
      setAnnouncement(tr('trash.done', { count: result.value.purged }));
      await load();
    } else setAnnouncement(tr('trash.failed', { message: errorText(result.error) }));
  }

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
          <p className="small">
            <a href={routeHash({ view: 'retention', id: null })}>{tr('trash.retention')}</a>
          </p>
        </div>
        {items && items.length > 0 && emptying === 'no' && (
          <button type="button" className="button button--danger" onClick={() => setEmptying('asking')}>
            {tr('trash.empty')}
          </button>
        )}
      </header>

      {items && items.length > 0 && emptying !== 'no' && (
        <div className="retention-confirm" role="alertdialog" aria-labelledby="trash-empty-title">
          <h2 id="trash-empty-title">{tr('trash.confirmTitle')}</h2>
          <p>{tr('trash.confirmText', { count: items.length })}</p>
          <p className="muted">{tr('confirm.hq')}</p>
          <div className="retention-confirm__actions">
            <button
              type="button"
              className="button button--danger"
              disabled={emptying === 'busy'}
              onClick={() => void onEmpty()}
            >
              {emptying === 'busy' ? tr('trash.working') : tr('trash.submit')}
            </button>
            <button type="button" className="button" onClick={() => setEmptying('no')}>
              {tr('trash.cancel')}
            </button>
          </div>
        </div>
      )}
      {emptied && (
        <>
          <p className="notice notice--ok" data-testid="trash-emptied">
            {tr('trash.done', { count: emptied.count })}
          </p>
          <BackupsAfterPurge olderBackups={emptied.olderBackups} />
        </>
      )}

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
