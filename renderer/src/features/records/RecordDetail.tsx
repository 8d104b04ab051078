import { useEffect, useMemo, useState, type ReactNode, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoute } from '../../app/router';
import { formatDateTime } from '../../i18n/format';
import { FormContext } from './form-context';
import { problemText, dataLabel } from '../../i18n/lookup';
import { RECORD_PAGE_NAMESPACES, type KindConfig } from './kind-config';
import { LinkedRecords } from './LinkedRecords';
import { HistoryPanel } from './HistoryPanel';
import { recordPageStore } from './record-page-store';
import { OriginBanner, originOf, ReadOnlyScope } from './RecordOrigin';
import './records.css';
import { firstField } from '../../app/type-ahead';

/** The right-hand panel: the record's form with its actions, then what is linked to it and its history. */
export function RecordDetail({ config }: { config: KindConfig }): ReactNode {
  const { t, i18n } = useTranslation(RECORD_PAGE_NAMESPACES);
  const useStore = recordPageStore(config);
  const { selection, values, errors, formError, notice, saving, setField, save, remove, close } = useStore();
  const { navigate } = useRoute();
  const [tab, setTab] = useState<'linked' | 'history'>('linked');
  const editing = selection.mode === 'edit' ? selection.record : null;
  // At HQ a record imported from a post is the post's: shown, never changed here (the backend refuses too).
  const origin = originOf(editing ?? undefined);
  const readOnly = origin !== null;
  const binding = useMemo(
    () => ({ values, errors, setField: readOnly ? ignoreChange : setField, readOnly }),
    [values, errors, setField, readOnly],
  );
  const errorCount = Object.keys(errors).length;

  useEffect(() => setTab('linked'), [editing?.id]);

  // Quick entry: a new record puts the cursor in its first field, so typing can start at once.
  useEffect(() => {
    if (selection.mode === 'new') {
      requestAnimationFrame(() => {
        const form = document.querySelector('.record-form');
        // Ctrl+N put the cursor there at once and the officer may be typing on, fields ahead: never pull it back.
        if (!form || form.contains(document.activeElement)) return;
        firstField(form)?.focus();
      });
    }
  }, [selection.mode]);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (readOnly) return;
    const saved = await save();
    if (saved) navigate(config.view, saved.id);
    else
      requestAnimationFrame(() => document.querySelector<HTMLElement>('.record-form [aria-invalid="true"]')?.focus());
  }

  if (selection.mode === 'none') {
    return (
      <div className="detail-empty">
        <p className="empty">{formError ? problemText(formError) : t(`${config.ns}:notSelected`)}</p>
      </div>
    );
  }

  return (
    <div className="detail">
      <form
        className={readOnly ? 'record-form record-form--readonly' : 'record-form'}
        onSubmit={(e) => void onSubmit(e)}
        noValidate
        aria-labelledby="record-form-title"
      >
        <div className="detail__header">
          <h2 id="record-form-title">{editing ? t(`${config.ns}:editTitle`) : t(`${config.ns}:newTitle`)}</h2>
          {editing && (
            <p className="muted small">
              {t('revision', {
                revision: editing.revision,
                when: formatDateTime(editing.updatedAt, i18n.language),
              })}
            </p>
          )}
        </div>
        {editing && origin && <OriginBanner origin={origin} revision={editing.revision} />}
        {notice && (
          <p className="notice notice--ok" role="status">
            {t(notice === 'saved' ? 'saved' : 'updated')}
          </p>
        )}
        {errorCount > 0 && (
          <div className="notice notice--error">
            <p role="alert">{t('fixErrors', { count: errorCount })}</p>
            {/* Every problem is named here too, so one on a field that is not on screen is never silent. */}
            <ul className="error-summary">
              {Object.entries(errors).map(([field, problem]) => (
                <li key={field}>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => document.querySelector<HTMLElement>(`.record-form [name="${field}"]`)?.focus()}
                  >
                    {dataLabel(config.ns, `fields.${field}`, field)}
                  </button>
                  : {problemText(problem)}
                </li>
              ))}
            </ul>
          </div>
        )}
        {formError && (
          <p className="notice notice--error" role="alert">
            {problemText(formError, t('error.generic', { message: formError.message }))}
          </p>
        )}
        <FormContext.Provider value={binding}>
          {readOnly ? (
            <ReadOnlyScope key={editing?.id}>
              <config.Form />
            </ReadOnlyScope>
          ) : (
            <config.Form />
          )}
        </FormContext.Provider>
        <div className="form-actions">
          {!readOnly && (
            <button type="submit" className="button button--primary" disabled={saving}>
              {editing ? t('saveChanges') : t(`${config.ns}:save`)}
            </button>
          )}
          <button
            type="button"
            className="button"
            onClick={() => {
              close();
              navigate(config.view);
            }}
          >
            {t('cancel')}
          </button>
          {editing && !readOnly && (
            <button
              type="button"
              className="button button--danger"
              onClick={() => void remove().then(() => navigate(config.view))}
            >
              {t('delete')}
            </button>
          )}
        </div>
      </form>
      {editing && (
        <section className="detail__related" aria-label={t('related')}>
          <div className="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === 'linked'} onClick={() => setTab('linked')}>
              {t('linked')}
            </button>
            <button type="button" role="tab" aria-selected={tab === 'history'} onClick={() => setTab('history')}>
              {t('history')}
            </button>
          </div>
          <div role="tabpanel">
            {tab === 'linked' ? (
              <LinkedRecords record={editing} kind={config.kind} />
            ) : (
              <HistoryPanel config={config} />
            )}
          </div>
        </section>
      )}
    </div>
  );
}

/** The form's change handler for a read-only record: nothing changes. */
function ignoreChange(): void {}
