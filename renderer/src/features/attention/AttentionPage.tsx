import { SetupReminder } from '../exchange/SetupReminder';
// Retention and data-subject duties (issue 13, item 5).
import { RetentionReminder } from '../retention/RetentionReminder';
import { useEffect, useId, useState, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attention } from '../../../../shared/overview/schema';
import { routeHash, type View } from '../../app/router';
import { locale } from '../../i18n';
import { countryName, formatDateTime, formatDay } from '../../i18n/format';
import { canDrill, drillDown, drillHref, type Drill } from '../overview/drill';
import { todayIn } from '../overview/period';
import { useSettings } from '../settings/settings-store';
import { useAttention } from './attention-store';
import { relativeDay, relativeTime } from './when';
import './attention.css';
// HQ's network configuration (issue 13, item 4): exports due by its reporting calendar.
import { ExportsDuePanel } from '../network-config/ExportsDuePanel';

type Item = Attention['overdueRequests'][number];

/** How many items a list shows before "Show all". */
const TOP_ITEMS = 8;

/** The officer's home: overdue and nearly due requests, follow-ups, and partners losing touch. */
export function AttentionPage(): ReactNode {
  const { t, i18n } = useTranslation('attention');
  const { data, fetchedAt, loading, error, load } = useAttention();
  const { quietDays, timeZone } = useSettings((s) => s.settings);
  const loc = locale(i18n.language);

  useEffect(() => {
    void load();
  }, [load, quietDays]);

  const now = fetchedAt ?? new Date();
  const today = todayIn(timeZone, now);
  const where = (item: Item) => (item.country ? countryName(item.country, i18n.language) : null);
  const overdueDrill: Drill = { kind: 'request', filters: { overdue: true } };

  return (
    <div className="page attention">
      <header className="page__header attention__header">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted">{t('intro')}</p>
        </div>
        <div className="attention__refresh">
          {fetchedAt && (
            <span className="muted small" aria-live="polite">
              {t('asOf', { when: formatDateTime(fetchedAt.toISOString(), i18n.language) })}
            </span>
          )}
          <button type="button" className="button" onClick={() => void load()} disabled={loading}>
            {t('refresh')}
          </button>
        </div>
      </header>
      <SetupReminder />
      <RetentionReminder />

      {error && (
        <p className="notice notice--error" role="alert">
          {t('loadError', { message: error })}{' '}
          <button type="button" className="link-button" onClick={() => void load()}>
            {t('retry')}
          </button>
        </p>
      )}
      {!data && !error && <p className="muted">{t('loading')}</p>}

      {data && (
        <div className="attention__grid" aria-busy={loading}>
          <ExportsDuePanel items={data.exportsDue ?? []} />
          <Panel
            title={t('overdue.title')}
            hint={t('overdue.hint')}
            empty={t('overdue.empty')}
            items={data.overdueRequests}
            view="requests"
            tone="alert"
            describe={(item) => (
              <>
                {where(item) && <span>{where(item)} · </span>}
                {item.at && (
                  <Moment iso={item.at} className="attention-when attention-when--alert">
                    {t('overdue.when', { when: relativeTime(new Date(item.at), now, loc) })}
                  </Moment>
                )}
              </>
            )}
            footer={
              data.overdueRequests.length > 0 && canDrill(overdueDrill) ? (
                <a
                  href={drillHref(overdueDrill)}
                  onClick={(event: MouseEvent<HTMLAnchorElement>) => {
                    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
                    event.preventDefault();
                    drillDown(overdueDrill);
                  }}
                >
                  {t('overdue.openList')}
                </a>
              ) : null
            }
          />
          <Panel
            title={t('dueSoon.title')}
            hint={t('dueSoon.hint')}
            empty={t('dueSoon.empty')}
            items={data.dueSoonRequests}
            view="requests"
            tone="warn"
            describe={(item) => (
              <>
                {where(item) && <span>{where(item)} · </span>}
                {item.at && (
                  <Moment iso={item.at} className="attention-when attention-when--warn">
                    {t('dueSoon.when', { when: relativeTime(new Date(item.at), now, loc) })}
                  </Moment>
                )}
              </>
            )}
          />
          <Panel
            title={t('followUps.title')}
            hint={t('followUps.hint')}
            empty={t('followUps.empty')}
            items={data.followUps}
            view="engagements"
            tone="normal"
            describe={(item) =>
              item.at && (
                <time
                  dateTime={item.at}
                  className={item.at < today ? 'attention-when attention-when--alert' : 'attention-when'}
                >
                  {t('followUps.when', { when: relativeDay(item.at, today, loc) })}
                  <span className="attention-when__exact"> ({formatDay(item.at, i18n.language)})</span>
                </time>
              )
            }
          />
          <Panel
            title={t('quiet.title', { days: quietDays })}
            hint={
              <>
                {t('quiet.hint', { days: quietDays })}{' '}
                <a href={routeHash({ view: 'settings', id: null })}>{t('quiet.settings')}</a>
              </>
            }
            empty={t('quiet.empty')}
            items={data.quietOrganisations}
            view="organisations"
            tone="normal"
            describe={(item) => (
              <>
                {where(item) && <span>{where(item)} · </span>}
                {item.at ? (
                  <Moment iso={item.at} className="attention-when" dateOnly>
                    {t('quiet.when', { when: relativeTime(new Date(item.at), now, loc) })}
                  </Moment>
                ) : (
                  <span className="attention-when">{t('quiet.never')}</span>
                )}
              </>
            )}
          />
        </div>
      )}
    </div>
  );
}

/** A relative time with the exact moment beside it. */
function Moment({
  iso,
  className,
  dateOnly = false,
  children,
}: {
  iso: string;
  className: string;
  dateOnly?: boolean;
  children: ReactNode;
}): ReactNode {
  const { i18n } = useTranslation('attention');
  const exact = dateOnly ? formatDay(iso, i18n.language) : formatDateTime(iso, i18n.language);
  return (
    <time dateTime={iso} className={className}>
      {children}
      <span className="attention-when__exact"> ({exact})</span>
    </time>
  );
}

function Panel({
  title,
  hint,
  empty,
  items,
  view,
  tone,
  describe,
  footer,
}: {
  title: string;
  hint: ReactNode;
  empty: string;
  items: readonly Item[];
  view: View;
  tone: 'alert' | 'warn' | 'normal';
  describe: (item: Item) => ReactNode;
  footer?: ReactNode;
}): ReactNode {
  const { t, i18n } = useTranslation('attention');
  const [expanded, setExpanded] = useState(false);
  const headingId = useId();
  const listId = useId();
  const visible = expanded ? items : items.slice(0, TOP_ITEMS);
  const count = new Intl.NumberFormat(locale(i18n.language)).format(items.length);
  const toneClass = items.length > 0 ? ` attention-panel--${tone}` : '';

  return (
    <section className={`attention-panel${toneClass}`} aria-labelledby={headingId}>
      <h2 id={headingId} className="attention-panel__title">
        <span>{title}</span>
        <span className="attention-panel__count">{count}</span>
      </h2>
      <p className="attention-panel__hint">{hint}</p>
      {items.length === 0 ? (
        <p className="attention-panel__empty">
          <span className="attention-panel__check" aria-hidden="true">
            ✓
          </span>
          {empty}
        </p>
      ) : (
        <ul className="attention-list" id={listId}>
          {visible.map((item) => (
            <li key={item.id} className="attention-item">
              <a className="attention-item__title" href={routeHash({ view, id: item.id })}>
                {item.title || t('untitled')}
              </a>
              <span className="attention-item__meta">{describe(item)}</span>
            </li>
          ))}
        </ul>
      )}
      {(items.length > TOP_ITEMS || footer) && (
        <div className="attention-panel__footer">
          {items.length > TOP_ITEMS && (
            <button
              type="button"
              className="link-button"
              aria-controls={listId}
              aria-expanded={expanded}
              onClick={() => setExpanded(!expanded)}
            >
              {expanded ? t('showFewer') : t('showAll', { count: items.length })}
            </button>
          )}
          {footer}
        </div>
      )}
    </section>
  );
}
