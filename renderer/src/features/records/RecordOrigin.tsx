import { useLayoutEffect, useRef, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RecordOrigin } from '../../../../shared/records/origin';
import { formatDateIn } from '../../../../shared/time/format';
import type { AnyRecord } from '../../api/records';
import { useRoute } from '../../app/router';
import { useSettings } from '../settings/settings-store';

// Records have an owner. At HQ a record imported from a post belongs to that post: it opens read-only, says
// which post, export and revision it is, and offers the bundle it came from. HQ's own records and every record
// at a post have `origin: null` and stay editable.

/** The post and import a record came from, or null for this installation's own record. */
export function originOf(record: AnyRecord | undefined): RecordOrigin | null {
  const parsed = RecordOrigin.safeParse(record?.['origin']);
  return parsed.success ? parsed.data : null;
}

/** "From post Bogotá (BOG) · export 2 · revision 3 · imported 7 Dec 2026", with the way to its bundle. */
export function OriginBanner({ origin, revision }: { origin: RecordOrigin; revision: number }): ReactNode {
  const { t, i18n } = useTranslation('records');
  const timeZone = useSettings((s) => s.settings.timeZone);
  const { navigate } = useRoute();
  const post = origin.postName
    ? t('origin.fromPost', { name: origin.postName, post: origin.post })
    : t('origin.fromPostId', { post: origin.post });
  const parts = [
    origin.exportSeq !== null ? t('origin.export', { sequence: origin.exportSeq }) : null,
    t('revisionShort', { revision }),
    origin.importedAt !== null
      ? t('origin.imported', { date: formatDateIn(origin.importedAt, timeZone, i18n.language) })
      : null,
  ].filter((p): p is string => p !== null);
  const { importId } = origin;
  return (
    <div className="origin-banner" role="note" aria-labelledby="origin-banner-line">
      <p id="origin-banner-line" className="origin-banner__line">
        <strong>{post}</strong>
        {parts.map((part) => (
          <span key={part}> · {part}</span>
        ))}
      </p>
      <p className="origin-banner__why">{t('origin.readOnly')}</p>
      {importId !== null && (
        <p>
          <a
            className="origin-banner__bundle"
            href={`#/exchange/${encodeURIComponent(importId)}`}
            onClick={(event) => {
              event.preventDefault();
              navigate('exchange', importId);
            }}
          >
            {t('origin.openBundle')}
          </a>
        </p>
      )}
    </div>
  );
}

/** The post an imported record came from, small, in its list row; nothing for this installation's own. */
export function OriginBadge({ record }: { record: AnyRecord }): ReactNode {
  const { t } = useTranslation('records');
  const origin = originOf(record);
  if (!origin) return null;
  return (
    <span className="badge badge--post" title={t('origin.badge', { name: origin.postName || origin.post })}>
      <span className="visually-hidden">{t('origin.badge', { name: origin.postName || origin.post })}</span>
      <span aria-hidden="true">{origin.post}</span>
    </span>
  );
}

const isChoice = (el: EventTarget): el is HTMLSelectElement | HTMLInputElement =>
  el instanceof HTMLSelectElement ||
  (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio'));

/** Keys that move focus or copy, and so may reach a read-only choice. */
const PASSING_KEYS = new Set(['Tab', 'Shift', 'Control', 'Meta', 'Alt', 'Escape']);

/**
 * The record's own form, read-only: every value stays on screen, readable and focusable (to copy from), but
 * nothing can change. Text fields become `readonly`; selects, check boxes and radios announce `aria-readonly`
 * and ignore clicks and keys that would change them; the buttons that add or remove links and terms are
 * disabled. The form's controls are the app's shared fields (ui/fields.tsx), so this is done on the rendered
 * controls, including those a field shows later.
 */
export function ReadOnlyScope({ children }: { children: ReactNode }): ReactNode {
  const root = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const scope = root.current;
    if (!scope) return;
    const mark = () => {
      for (const el of scope.querySelectorAll<HTMLElement>('input, textarea, select, button')) {
        if (isChoice(el)) el.setAttribute('aria-readonly', 'true');
        else if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.readOnly = true;
        else if (el instanceof HTMLButtonElement) el.disabled = true;
      }
    };
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(scope, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);

  function onClickCapture(event: MouseEvent) {
    // A click on a check box or radio (or on its label) would change it.
    const target = event.target;
    const control = target instanceof HTMLLabelElement ? target.control : target;
    if (control && isChoice(control) && !(control instanceof HTMLSelectElement)) event.preventDefault();
  }
  function onMouseDownCapture(event: MouseEvent) {
    // A select's list would open; focus it instead, so its value can still be read out.
    if (event.target instanceof HTMLSelectElement) {
      event.preventDefault();
      event.target.focus();
    }
  }
  function onKeyDownCapture(event: KeyboardEvent) {
    if (!isChoice(event.target)) return;
    if (PASSING_KEYS.has(event.key) || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
  }

  return (
    <div
      ref={root}
      className="record-form__readonly"
      onClickCapture={onClickCapture}
      onMouseDownCapture={onMouseDownCapture}
      onKeyDownCapture={onKeyDownCapture}
    >
      {children}
    </div>
  );
}
