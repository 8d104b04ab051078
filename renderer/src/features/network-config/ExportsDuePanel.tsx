import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attention } from '../../../../shared/overview/schema';
import { routeHash } from '../../app/router';
import { formatDay } from '../../i18n/format';

// Needs attention → Exports due: the reporting periods of HQ's calendar this post has not exported yet (overdue
// after their due date). Shown only when there is a calendar with something due.

export function ExportsDuePanel({ items }: { items: NonNullable<Attention['exportsDue']> }): ReactNode {
  const { t, i18n } = useTranslation('networkConfig');
  if (items.length === 0) return null;
  const day = (d: string) => formatDay(d, i18n.language);
  return (
    <section className="attention-panel attention-panel--alert" aria-labelledby="attention-exports-due">
      <h2 id="attention-exports-due" className="attention-panel__title">
        <span>{t('attention.title')}</span>
        <span className="attention-panel__count">{items.length}</span>
      </h2>
      <p className="attention-panel__hint">{t('attention.hint')}</p>
      <ul className="attention-list">
        {items.map((x) => (
          <li key={`${x.from}-${x.to}`} className="attention-item">
            <a className="attention-item__title" href={routeHash({ view: 'exchange', id: null })}>
              {t('attention.item', { from: day(x.from), to: day(x.to) })}
            </a>
            <span className="attention-item__meta">
              <span className={`attention-when attention-when--${x.overdue ? 'alert' : 'warn'}`}>
                {t(x.overdue ? 'attention.overdue' : 'attention.due', { due: day(x.due) })}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
