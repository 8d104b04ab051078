import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoute } from '../../app/router';
import { RECORD_PAGE_NAMESPACES, type KindConfig } from './kind-config';
import { recordPageStore } from './record-page-store';
import { OriginBadge } from './RecordOrigin';

const ROW_HEIGHT = 58;

/**
 * The virtual list: only the rows in view exist in the DOM, and their pages are fetched as they scroll
 * in, so 100,000 records scroll as smoothly as ten. Arrow keys move between rows. Where the list has not
 * counted its end yet ("1,000+"), one more row waits at the bottom: scrolled into view, it fetches the next
 * page, and the list grows.
 */
export function RecordList({ config }: { config: KindConfig }): ReactNode {
  const { t } = useTranslation(RECORD_PAGE_NAMESPACES);
  const useStore = recordPageStore(config);
  const { rows, total, more, listError, ensureRange, selection } = useStore();
  const { navigate } = useRoute();
  const parent = useRef<HTMLDivElement>(null);
  const count = total + (more ? 1 : 0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (count > 0) ensureRange(first, last);
  }, [first, last, count, ensureRange]);

  const selectedId = selection.mode === 'edit' ? selection.record.id : null;

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = Array.from(parent.current?.querySelectorAll<HTMLButtonElement>('button.record-row') ?? []);
    const at = buttons.findIndex((b) => b === document.activeElement);
    const next = buttons[at + (event.key === 'ArrowDown' ? 1 : -1)];
    if (next) {
      event.preventDefault();
      next.focus();
      next.scrollIntoView({ block: 'nearest' });
    }
  }

  if (listError) {
    return (
      <p className="notice notice--error" role="alert">
        {listError}
      </p>
    );
  }
  if (count === 0) return <p className="empty">{t(`${config.ns}:empty`)}</p>;

  return (
    <div ref={parent} className="record-list" onKeyDown={onKeyDown}>
      <ul
        className="record-list__inner"
        style={{ height: virtualizer.getTotalSize() }}
        aria-label={t(`${config.ns}:title`)}
      >
        {items.map((item) => {
          const record = rows[item.index];
          return (
            <li
              key={item.key}
              className="record-list__item"
              style={{ transform: `translateY(${String(item.start)}px)`, height: ROW_HEIGHT }}
            >
              {record ? (
                <button
                  type="button"
                  className={record.id === selectedId ? 'record-row is-selected' : 'record-row'}
                  aria-current={record.id === selectedId ? 'true' : undefined}
                  onClick={() => navigate(config.view, record.id)}
                >
                  <config.Row record={record} />
                  <OriginBadge record={record} />
                </button>
              ) : (
                <div className="record-row record-row--loading" aria-hidden="true" />
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
