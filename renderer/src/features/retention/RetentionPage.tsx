import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RECORD_KINDS, type RecordKind } from '../../../../shared/records/kinds';
import type { PurgeOutcome, RetentionDue, RetentionView } from '../../../../shared/retention/schema';
import { call } from '../../api/bridge';
import { routeHash } from '../../app/router';
import { formatDateTime, formatDay } from '../../i18n/format';
import { problemText } from '../../i18n/lookup';
import { PageHeader } from '../../ui/PageHeader';
import { ConfirmActions } from './ConfirmActions';
import { useSettings } from '../settings/settings-store';
import './retention.css';

// The retention screen (issue 13, item 5): the periods in force, legal holds, what is due with a confirmation
// before anything is purged, and what a purge means for the backups.

type Problem = Parameters<typeof problemText>[0];

/** The retention periods in force (also shown in Settings). */
export function RetentionRules({ view, link = false }: { view: RetentionView | null; link?: boolean }): ReactNode {
  const { t, i18n } = useTranslation(['retention', 'common']);
  if (!view) return null;
  const period = (days: number | null) =>
    days === null ? t('rules.keep') : t('rules.days', { count: days, years: Math.round((days / 365.25) * 10) / 10 });
  return (
    <section className="retention-section" aria-labelledby="retention-rules-title">
      <h2 id="retention-rules-title">{t('rules.heading')}</h2>
      <p className="muted" data-testid="retention-source">
        {view.source === 'hq' && view.appliedAt
          ? t('rules.sourceHq', { when: formatDateTime(view.appliedAt, i18n.language) })
          : t('rules.sourceDefault')}
      </p>
      <table className="retention-table retention-table--rules">
        <thead>
          <tr>
            <th scope="col">{t('rules.kind')}</th>
            <th scope="col">{t('rules.period')}</th>
          </tr>
        </thead>
        <tbody>
          {RECORD_KINDS.map((kind) => (
            <tr key={kind}>
              <th scope="row">{t(`common:kinds.${kind}_other`)}</th>
              <td>{period(view.rules.kinds[kind])}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('rules.personalData')}</th>
            <td>{period(view.rules.personalData)}</td>
          </tr>
        </tbody>
      </table>
      <p className="muted small">{t('rules.explain')}</p>
      {link && (
        <p>
          <a href={routeHash({ view: 'retention', id: null })}>{t('rules.open')}</a>
        </p>
      )}
    </section>
  );
}

/** For Settings: the periods in force, with a link to the retention screen. */
export function RetentionRulesSection(): ReactNode {
  const [view, setView] = useState<RetentionView | null>(null);
  useEffect(() => {
    void call('retention.view', {}).then((r) => {
      if (r.ok) setView(r.value);
    });
  }, []);
  return <RetentionRules view={view} link />;
}

function Holds({ view, onChange }: { view: RetentionView; onChange: (v: RetentionView) => void }): ReactNode {
  const { t, i18n } = useTranslation('retention');
  const [cases, setCases] = useState<{ id: string; title: string }[]>([]);
  const [caseId, setCaseId] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const id = useId();
  useEffect(() => {
    void call('cases.list', { sort: 'title', limit: 1000 }).then((r) => {
      if (r.ok) setCases(r.value.items.map((c) => ({ id: c.id, title: `${c.reference} ${c.name}` })));
    });
  }, []);
  const held = new Set(view.holds.map((h) => h.caseId));
  async function set(target: string, on: boolean) {
    const r = await call('retention.hold', { caseId: target, held: on, reason: on ? reason : '' });
    if (r.ok) {
      onChange(r.value);
      setError('');
      setCaseId('');
      setReason('');
    } else setError(problemText(r.error));
  }
  return (
    <section className="retention-section" aria-labelledby={`${id}-holds`}>
      <h2 id={`${id}-holds`}>{t('holds.heading')}</h2>
      <p className="muted">{t('holds.intro')}</p>
      {view.holds.length === 0 ? (
        <p className="empty">{t('holds.none')}</p>
      ) : (
        <ul className="retention-holds">
          {view.holds.map((h) => (
            <li key={h.caseId}>
              <a href={routeHash({ view: 'cases', id: h.caseId })}>{h.title}</a>
              {h.reason && <span> · {h.reason}</span>}
              <span className="muted small">
                {' '}
                ·{' '}
                {h.placedBy
                  ? t('holds.placedBy', { when: formatDateTime(h.placedAt, i18n.language), who: h.placedBy })
                  : t('holds.placedAt', { when: formatDateTime(h.placedAt, i18n.language) })}
              </span>{' '}
              <button
                type="button"
                className="button button--small"
                aria-label={t('holds.liftLabel', { title: h.title })}
                onClick={() => void set(h.caseId, false)}
              >
                {t('holds.lift')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="retention-hold-form">
        <label>
          <span>{t('holds.case')}</span>
          <select value={caseId} onChange={(e) => setCaseId(e.target.value)}>
            <option value="">{t('holds.chooseCase')}</option>
            {cases
              .filter((c) => !held.has(c.id))
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
          </select>
        </label>
        <label>
          <span>{t('holds.reason')}</span>
          <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        </label>
        <button type="button" className="button" disabled={!caseId} onClick={() => void set(caseId, true)}>
          {t('holds.place')}
        </button>
      </div>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

/** What a purge means for the backups, and the offer to replace them. */
export function BackupsAfterPurge({ olderBackups }: { olderBackups: number | null }): ReactNode {
  const { t } = useTranslation('retention');
  const { backupKeep, backupIntervalHours } = useSettings((s) => s.settings);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const days = Math.ceil((backupKeep * backupIntervalHours) / 24);
  async function replace() {
    setBusy(true);
    const r = await call('retention.replaceBackups', {});
    setBusy(false);
    setAsking(false);
    setMessage(
      r.ok
        ? t('backups.replaced', { file: r.value.made, count: r.value.removed })
        : t('backups.replaceFailed', { message: problemText(r.error) }),
    );
  }
  return (
    <section className="retention-section" aria-labelledby="retention-backups-title">
      <h2 id="retention-backups-title">{t('backups.heading')}</h2>
      <p className="muted">{t('backups.text', { keep: backupKeep, hours: backupIntervalHours, days })}</p>
      {olderBackups !== null && olderBackups > 0 && (
        <p className="notice" data-testid="older-backups">
          {t('backups.older', { count: olderBackups })}
        </p>
      )}
      {!asking ? (
        <button type="button" className="button" onClick={() => setAsking(true)}>
          {t('backups.replace')}
        </button>
      ) : (
        <div className="retention-confirm" role="group" aria-label={t('backups.replace')}>
          <p>{t('backups.replaceConfirm')}</p>
          <ConfirmActions
            submit={t('backups.replaceSubmit')}
            working={t('backups.replacing')}
            busy={busy}
            onConfirm={() => void replace()}
            onCancel={() => setAsking(false)}
          />
        </div>
      )}
      <p role="status" className="retention-status">
        {message}
      </p>
    </section>
  );
}

/** One row of a due table: a record past its period, or a record whose personal data is. */
interface DueRow {
  id: string;
  kind: RecordKind;
  title: string;
  dueSince: string;
}

/**
 * A table of what is due, each row with its check box (ticked rows are purged): kind, title (and `note` after it),
 * one `detail` column, and the day it fell due.
 */
function DueTable<Row extends DueRow>({
  testId,
  caption,
  rows,
  selected,
  onToggle,
  detail,
  note,
}: {
  testId: string;
  caption: string;
  rows: readonly Row[];
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  detail: { heading: string; nowrap: boolean; cell: (row: Row) => ReactNode };
  note?: (row: Row) => ReactNode;
}): ReactNode {
  const { t, i18n } = useTranslation(['retention', 'common']);
  const title = (s: string) => s || t('due.untitled');
  return (
    <table className="retention-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">{t('due.selectAll')}</span>
          </th>
          <th scope="col">{t('due.kind')}</th>
          <th scope="col">{t('due.title')}</th>
          <th scope="col">{detail.heading}</th>
          <th scope="col">{t('due.dueSince')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td>
              <input
                type="checkbox"
                checked={selected.has(row.id)}
                aria-label={t('due.select', { title: title(row.title) })}
                onChange={() => onToggle(row.id)}
              />
            </td>
            <td className="nowrap">{t(`common:kinds.${row.kind}_one`)}</td>
            <th scope="row">
              {title(row.title)}
              {note?.(row)}
            </th>
            <td className={detail.nowrap ? 'nowrap' : undefined}>{detail.cell(row)}</td>
            <td className="nowrap">{formatDay(row.dueSince, i18n.language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RetentionPage(): ReactNode {
  const { t, i18n } = useTranslation(['retention', 'common']);
  const [view, setView] = useState<RetentionView | null>(null);
  const [due, setDue] = useState<RetentionDue | null>(null);
  const [error, setError] = useState<Problem | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [outcome, setOutcome] = useState<PurgeOutcome | null>(null);

  const load = useCallback(async () => {
    const [v, d] = await Promise.all([call('retention.view', {}), call('retention.due', {})]);
    if (!v.ok || !d.ok) {
      setError(!v.ok ? v.error : d.ok ? null : d.error);
      return;
    }
    setError(null);
    setView(v.value);
    setDue(d.value);
    setSelected(new Set([...d.value.records.map((r) => r.id), ...d.value.personalData.map((p) => p.id)]));
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const records = due?.records ?? [];
  const personal = due?.personalData ?? [];
  const chosenRecords = records.filter((r) => selected.has(r.id)).map((r) => r.id);
  const chosenPersonal = personal.filter((p) => selected.has(p.id)).map((p) => p.id);

  async function purge() {
    setBusy(true);
    const r = await call('retention.purge', { recordIds: chosenRecords, personalDataIds: chosenPersonal });
    setBusy(false);
    setAsking(false);
    if (r.ok) {
      setOutcome(r.value);
      setStatus(t('done', { purged: r.value.purged, stripped: r.value.stripped }));
      await load();
    } else setStatus(t('failed', { message: problemText(r.error) }));
  }

  return (
    <div className="page retention">
      <PageHeader title={t('title')} intro={t('intro')} />
      {error && (
        <p className="notice notice--error" role="alert">
          {t('loadError', { message: problemText(error) })}{' '}
          <button type="button" className="link-button" onClick={() => void load()}>
            {t('retry')}
          </button>
        </p>
      )}
      <p role="status" className="retention-status" data-testid="retention-status">
        {status}
      </p>

      <section className="retention-section" aria-labelledby="retention-due-title">
        <h2 id="retention-due-title">{t('due.heading')}</h2>
        {!due && !error && <p className="muted">{t('due.loading')}</p>}
        {due && records.length === 0 && personal.length === 0 && <p className="empty">{t('due.none')}</p>}
        {due && due.held > 0 && <p className="muted">{t('due.held', { count: due.held })}</p>}
        {due?.limited && <p className="muted small">{t('due.limited')}</p>}
        {records.length > 0 && (
          <DueTable
            testId="due-records"
            caption={t('due.recordsCaption')}
            rows={records}
            selected={selected}
            onToggle={toggle}
            detail={{
              heading: t('due.lastChange'),
              nowrap: true,
              cell: (r) => formatDay(r.lastChange, i18n.language),
            }}
            note={(r) => (
              <>
                {r.inTrash && <span className="muted small"> · {t('due.inTrash')}</span>}
                {r.originPost && <span className="muted small"> · {t('due.fromPost', { post: r.originPost })}</span>}
              </>
            )}
          />
        )}
        {personal.length > 0 && (
          <>
            <p className="muted">{t('due.personalIntro')}</p>
            <DueTable
              testId="due-personal"
              caption={t('due.personalCaption')}
              rows={personal}
              selected={selected}
              onToggle={toggle}
              detail={{
                heading: t('due.what'),
                nowrap: false,
                cell: (p) => p.parts.map((part) => t(`due.parts.${part}`)).join(', '),
              }}
            />
          </>
        )}
        {records.length + personal.length > 0 && !asking && (
          <button
            type="button"
            className="button button--danger"
            disabled={chosenRecords.length + chosenPersonal.length === 0}
            onClick={() => setAsking(true)}
          >
            {t('due.purge')}
          </button>
        )}
        {asking && (
          <div
            className="retention-confirm"
            role="alertdialog"
            aria-modal="false"
            aria-labelledby="retention-confirm-title"
          >
            <h3 id="retention-confirm-title">{t('confirm.title')}</h3>
            <p>{t('confirm.text', { count: chosenRecords.length, stripped: chosenPersonal.length })}</p>
            <p className="muted">{t('confirm.hq')}</p>
            <ConfirmActions
              submit={t('confirm.submit')}
              working={t('confirm.working')}
              busy={busy}
              onConfirm={() => void purge()}
              onCancel={() => setAsking(false)}
            />
          </div>
        )}
      </section>

      {view && (
        <Holds
          view={view}
          onChange={(v) => {
            setView(v);
            void load();
          }}
        />
      )}
      <RetentionRules view={view} />
      <BackupsAfterPurge olderBackups={outcome?.olderBackups ?? null} />
    </div>
  );
}
