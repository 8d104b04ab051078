import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { KIND_PREFIX } from '../../../../shared/records/kinds';
import type { ErasureOutcome, PersonData } from '../../../../shared/retention/schema';
import { call } from '../../api/bridge';
import { routeHash, useRoute } from '../../app/router';
import { formatDateTime, formatDay } from '../../i18n/format';
import { problemText } from '../../i18n/lookup';
import { ConfirmActions } from './ConfirmActions';
import { BackupsAfterPurge } from './RetentionPage';
import './retention.css';

// "Everything about this person" (issue 13, item 5): a printable view for a data-protection officer's request,
// saved as JSON or CSV through the host's save dialog, and erasure of the person across records after the
// officer reviewed every mention of their name.

const FIELDS = [
  'name',
  'role',
  'email',
  'phone',
  'notes',
  'organisation',
  'createdAt',
  'updatedAt',
  'deletedAt',
] as const;

export function PersonDataPage(): ReactNode {
  const { t, i18n } = useTranslation(['retention', 'common']);
  const id = useRoute((s) => s.id);
  const [data, setData] = useState<PersonData | null>(null);
  const [gone, setGone] = useState(false);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [redact, setRedact] = useState<Set<string>>(new Set());
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [erased, setErased] = useState<ErasureOutcome | null>(null);

  const load = useCallback(async () => {
    if (!id) return;
    const r = await call('person.data', { id });
    if (r.ok) {
      setData(r.value);
      setError('');
    } else if (r.error.code === 'not_found') setGone(true);
    else setError(problemText(r.error));
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  async function save(format: 'json' | 'csv') {
    if (!id) return;
    const r = await call('person.saveData', { id, format });
    if (r.ok) setStatus(t('person.saved', { path: r.value.savedTo }));
    else if (r.error.code !== 'cancelled') setStatus(t('person.saveFailed', { message: problemText(r.error) }));
  }

  async function erase() {
    if (!id) return;
    setBusy(true);
    const r = await call('person.erase', { id, redactIn: [...redact] });
    setBusy(false);
    setAsking(false);
    if (r.ok) {
      setErased(r.value);
      setData(null);
      setStatus(t('person.erase.done', { unlinked: r.value.unlinked, redacted: r.value.redacted }));
    } else setStatus(t('person.erase.failed', { message: problemText(r.error) }));
  }

  const value = (field: (typeof FIELDS)[number]): string => {
    const v = data?.person[field];
    if (v === null || v === undefined || v === '') return t('person.none');
    return field.endsWith('At') ? formatDateTime(v, i18n.language) : v;
  };

  return (
    <div className="page retention person-data">
      <header className="page__header">
        <div>
          <h1>{t('person.title')}</h1>
          <p className="muted">{t('person.intro')}</p>
        </div>
        {data && (
          <div className="person-data__actions no-print">
            <button type="button" className="button" onClick={() => window.print()}>
              {t('person.print')}
            </button>
            <button type="button" className="button" onClick={() => void save('json')}>
              {t('person.saveJson')}
            </button>
            <button type="button" className="button" onClick={() => void save('csv')}>
              {t('person.saveCsv')}
            </button>
          </div>
        )}
      </header>
      <p role="status" className="retention-status" data-testid="person-status">
        {status}
      </p>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      {(gone || erased) && !data && <p className="empty">{t('person.erase.gone')}</p>}
      {erased && <BackupsAfterPurge olderBackups={erased.olderBackups} />}
      {data && (
        <>
          <p className="no-print">
            <a href={routeHash({ view: 'people', id: data.person.id })}>{t('person.back')}</a>
          </p>
          <p className="muted small">
            {t('person.generated', { when: formatDateTime(data.generatedAt, i18n.language) })}
          </p>
          <section className="retention-section">
            <h2>{t('person.details')}</h2>
            <dl className="person-data__fields">
              {FIELDS.map((f) => (
                <div key={f}>
                  <dt>{t(`person.fields.${f}`)}</dt>
                  <dd>{value(f)}</dd>
                </div>
              ))}
            </dl>
          </section>
          <section className="retention-section">
            <h2>{t('person.linked')}</h2>
            {data.linked.length === 0 ? (
              <p className="empty">{t('person.linkedNone')}</p>
            ) : (
              <ul>
                {data.linked.map((r) => (
                  <li key={r.id}>
                    {t(`common:kinds.${r.kind}_one`)}:{' '}
                    <a href={routeHash({ view: KIND_PREFIX[r.kind], id: r.id })}>{r.title}</a>
                    {r.occurredAt && <span className="muted"> · {formatDay(r.occurredAt, i18n.language)}</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="retention-section">
            <h2>{t('person.mentions')}</h2>
            {data.mentions.length === 0 ? (
              <p className="empty">{t('person.mentionsNone')}</p>
            ) : (
              <ul className="person-data__mentions" data-testid="mentions">
                {data.mentions.map((m) => (
                  <li key={m.record.id}>
                    <label className="no-print-control">
                      <input
                        type="checkbox"
                        className="no-print"
                        checked={redact.has(m.record.id)}
                        aria-label={t('person.erase.redact', { title: m.record.title })}
                        onChange={() =>
                          setRedact((s) => {
                            const next = new Set(s);
                            if (next.has(m.record.id)) next.delete(m.record.id);
                            else next.add(m.record.id);
                            return next;
                          })
                        }
                      />{' '}
                      {t(`common:kinds.${m.record.kind}_one`)}:{' '}
                    </label>
                    <a href={routeHash({ view: KIND_PREFIX[m.record.kind], id: m.record.id })}>{m.record.title}</a>{' '}
                    <span className="muted small">
                      ({m.fields.join(', ')}) …{m.excerpt}…
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="retention-section">
            <h2>{t('person.history')}</h2>
            <ul>
              {data.history.map((h) => (
                <li key={`${h.at}-${h.revision}-${h.action}`}>
                  {t('person.historyEntry', {
                    when: formatDateTime(h.at, i18n.language),
                    action: h.action,
                    revision: h.revision,
                    fields: h.fields.join(', '),
                  })}
                </li>
              ))}
            </ul>
          </section>
          <section className="retention-section">
            <h2>{t('person.elsewhere')}</h2>
            <p>{t('person.backups', { count: data.elsewhere.backups })}</p>
            <p>{t('person.exports', { count: data.elsewhere.exportedAt.length })}</p>
          </section>
          <section className="retention-section no-print" aria-labelledby="person-erase-title">
            <h2 id="person-erase-title">{t('person.erase.heading')}</h2>
            <p className="muted">{t('person.erase.intro')}</p>
            {!asking ? (
              <button type="button" className="button button--danger" onClick={() => setAsking(true)}>
                {t('person.erase.button')}
              </button>
            ) : (
              <div className="retention-confirm" role="alertdialog" aria-labelledby="person-erase-confirm">
                <h3 id="person-erase-confirm">{t('person.erase.confirmTitle', { name: data.person.name })}</h3>
                <p>{t('person.erase.confirmText', { linked: data.linked.length, redacted: redact.size })}</p>
                <ConfirmActions
                  submit={t('person.erase.submit')}
                  working={t('person.erase.working')}
                  busy={busy}
                  onConfirm={() => void erase()}
                  onCancel={() => setAsking(false)}
                />
              </div>
            )}
          </section>
        </>
      )}
    </div>
  );
}
