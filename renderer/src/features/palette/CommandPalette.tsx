import { flushSync } from 'react-dom';
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { KIND_PREFIX, type RecordKind } from '../../../../shared/records/kinds';
import type { RecordSummary } from '../../../../shared/records/queries';
import { call } from '../../api/bridge';
import { useRoute, VIEWS, type View } from '../../app/router';
import { PALETTE_EVENT, startNewRecord } from '../../app/shortcuts';
import { formatDay } from '../../i18n/format';
import './palette.css';

// The command palette (Ctrl+K): commands to start a record or go somewhere, and full-text search over the
// logbook, in one modal dialog driven from its text box with the arrow keys and Enter.

const NEW_KINDS: readonly RecordKind[] = ['engagement', 'request', 'result', 'organisation', 'person', 'case'];
const MIN_SEARCH = 2;
const SEARCH_DELAY_MS = 150;
const SEARCH_LIMIT = 12;

type Option =
  | { type: 'command'; id: string; label: string; haystack: string; run: () => void }
  | { type: 'record'; id: string; record: RecordSummary; run: () => void };

/** Case- and accent-insensitive: "geweld" finds "Géweld", "new req" finds "New information request". */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

function matches(haystack: string, query: string): boolean {
  return fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/** Mount once, anywhere in the app: opens on the palette event, renders nothing while closed. */
export function CommandPalette(): ReactNode {
  const [open, setOpen] = useState(false);
  const openRef = useRef(false);
  const returnTo = useRef<HTMLElement | null>(null);

  const close = useCallback((how: 'cancel' | 'ran') => {
    openRef.current = false;
    // Close synchronously: while the modal dialog is still open the page behind it cannot take focus.
    flushSync(() => setOpen(false));
    const target = how === 'cancel' ? returnTo.current : document.getElementById('main');
    const giveBack = () => {
      if (openRef.current) return; // opened again meanwhile: the cursor stays in the palette
      if (target?.isConnected) target.focus();
      else document.getElementById('main')?.focus();
    };
    if (how === 'cancel') {
      giveBack();
      return;
    }
    requestAnimationFrame(() => {
      // A command may already have put the cursor somewhere useful (a new record's first field): keep it.
      const settled = document.activeElement !== null && document.activeElement !== document.body;
      if (!settled) giveBack();
    });
  }, []);

  useEffect(() => {
    function onToggle() {
      if (openRef.current) {
        close('cancel');
        return;
      }
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      openRef.current = true;
      // Open synchronously, inside the Ctrl+K keydown: the dialog is shown and its text box has the cursor
      // before the browser dispatches the next key, so an officer typing straight on loses nothing.
      flushSync(() => setOpen(true));
    }
    window.addEventListener(PALETTE_EVENT, onToggle);
    return () => window.removeEventListener(PALETTE_EVENT, onToggle);
  }, [close]);

  if (!open) return null;
  return <PaletteDialog onCancel={() => close('cancel')} onRan={() => close('ran')} />;
}

function PaletteDialog({ onCancel, onRan }: { onCancel: () => void; onRan: () => void }): ReactNode {
  const { t, i18n } = useTranslation('palette');
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const [search, setSearch] = useState<{ query: string; items: RecordSummary[]; error: string | null } | null>(null);
  const baseId = useId();
  const listId = `${baseId}-list`;
  const titleId = `${baseId}-title`;
  const query = text.trim();

  // A real modal: the rest of the page is inert while it is open, and it sits above everything. Shown and
  // focused in the commit itself (a layout effect), not after the browser paints.
  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    inputRef.current?.focus();
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);

  // Full-text search as the officer types, a moment after the last key.
  useEffect(() => {
    if (query.length < MIN_SEARCH) return;
    let current = true;
    const timer = window.setTimeout(() => {
      void call('search.query', { text: query, limit: SEARCH_LIMIT }).then((result) => {
        if (!current) return;
        setSearch(
          result.ok ? { query, items: result.value, error: null } : { query, items: [], error: result.error.message },
        );
      });
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [query]);

  const english = useMemo(() => i18n.getFixedT('en', 'palette'), [i18n]);
  const commands = useMemo<Option[]>(() => {
    const { navigate } = useRoute.getState();
    const news: Option[] = NEW_KINDS.map((kind) => {
      const label = t(`new.${kind}`);
      return {
        type: 'command',
        id: `new-${kind}`,
        label,
        haystack: fold(`${label} ${english(`new.${kind}`)}`),
        run: () => startNewRecord(KIND_PREFIX[kind]),
      };
    });
    const gos: Option[] = VIEWS.map((view: View) => {
      const label = t('goTo', { place: t(`nav.${view}`) });
      return {
        type: 'command',
        id: `go-${view}`,
        label,
        haystack: fold(`${label} ${english('goTo', { place: english(`nav.${view}`) })}`),
        run: () => navigate(view),
      };
    });
    return [...news, ...gos];
  }, [t, english]);

  const shownCommands = query ? commands.filter((c) => c.type === 'command' && matches(c.haystack, query)) : commands;
  const searching = query.length >= MIN_SEARCH && search?.query !== query;
  const found = query.length >= MIN_SEARCH && search?.query === query ? search : null;
  const records: Option[] = (found?.items ?? []).map((record) => ({
    type: 'record',
    id: `record-${record.id}`,
    record,
    run: () => useRoute.getState().navigate(KIND_PREFIX[record.kind], record.id),
  }));
  const options = [...shownCommands, ...records];
  const activeIndex = options.length === 0 ? -1 : Math.min(active, options.length - 1);
  const activeOption = activeIndex >= 0 ? options[activeIndex] : undefined;
  const optionId = (option: Option) => `${baseId}-${option.id}`;

  useEffect(() => {
    if (activeOption) document.getElementById(optionId(activeOption))?.scrollIntoView({ block: 'nearest' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- optionId only joins strings
  }, [activeOption?.id]);

  function run(option: Option | undefined) {
    if (!option) return;
    onRan();
    option.run();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const count = options.length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (count > 0) setActive((activeIndex + 1) % count);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (count > 0) setActive((activeIndex - 1 + count) % count);
        break;
      case 'PageDown':
        event.preventDefault();
        if (count > 0) setActive(Math.min(count - 1, activeIndex + 5));
        break;
      case 'PageUp':
        event.preventDefault();
        if (count > 0) setActive(Math.max(0, activeIndex - 5));
        break;
      case 'Enter': {
        event.preventDefault();
        // A fast typist can press Enter before the list has caught up with the last keys: then run the
        // first command matching what is actually in the box, never an option from a shorter query.
        const typed = event.currentTarget.value.trim();
        if (typed !== query) run(commands.find((c) => c.type === 'command' && matches(c.haystack, typed)));
        else run(activeOption);
        break;
      }
      case 'Escape':
        event.preventDefault();
        onCancel();
        break;
      case 'Tab':
        // The text box is the dialog's only stop: focus stays in the dialog.
        event.preventDefault();
        break;
    }
  }

  // A day as it is, an instant by the day it falls on at the post (the one clock).
  const formatWhen = (value: string | null) => (value ? formatDay(value, i18n.language) : null);

  let recordStatus: string;
  if (query.length < MIN_SEARCH) {
    recordStatus = shownCommands.length === 0 ? `${t('noCommands')} ${t('typeMore')}` : t('typeMore');
  } else if (searching) recordStatus = t('searching');
  else if (found?.error) recordStatus = t('searchFailed', { message: found.error });
  else if (records.length === 0) recordStatus = t('noRecords', { text: query });
  else recordStatus = t('found', { count: records.length });

  const renderOption = (option: Option, index: number) => {
    const selected = index === activeIndex;
    return (
      <div
        key={option.id}
        id={optionId(option)}
        role="option"
        aria-selected={selected}
        className={selected ? 'palette__option is-active' : 'palette__option'}
        onMouseDown={(e) => e.preventDefault()}
        onMouseMove={() => {
          if (!selected) setActive(index);
        }}
        onClick={() => run(option)}
      >
        {option.type === 'command' ? (
          <span className="palette__label">{option.label}</span>
        ) : (
          <>
            <span className="palette__kind">{t(`kinds.${option.record.kind}_one`)}</span>
            <span className="palette__label">{option.record.title || '–'}</span>
            {formatWhen(option.record.occurredAt) && (
              <span className="palette__date">{formatWhen(option.record.occurredAt)}</span>
            )}
          </>
        )}
      </div>
    );
  };

  return (
    <dialog
      ref={dialogRef}
      className="palette"
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget) onCancel();
      }}
    >
      <div className="palette__box">
        <h2 id={titleId} className="visually-hidden">
          {t('title')}
        </h2>
        <div className="palette__search">
          <svg className="palette__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
            <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
            <path d="M12.6 12.6 17 17" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
          <input
            ref={inputRef}
            type="text"
            className="palette__input"
            role="combobox"
            aria-label={t('inputLabel')}
            aria-expanded={options.length > 0}
            aria-controls={options.length > 0 ? listId : undefined}
            aria-autocomplete="list"
            aria-activedescendant={activeOption ? optionId(activeOption) : undefined}
            placeholder={t('placeholder')}
            autoComplete="off"
            spellCheck={false}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
        </div>
        {options.length > 0 && (
          <div id={listId} role="listbox" aria-label={t('title')} className="palette__list">
            {shownCommands.length > 0 && (
              <div role="group" aria-labelledby={`${baseId}-commands`}>
                <div role="presentation" id={`${baseId}-commands`} className="palette__group">
                  {t('commands')}
                </div>
                {shownCommands.map((option, index) => renderOption(option, index))}
              </div>
            )}
            {records.length > 0 && (
              <div role="group" aria-labelledby={`${baseId}-records`}>
                <div role="presentation" id={`${baseId}-records`} className="palette__group">
                  {t('records')}
                </div>
                {records.map((option, index) => renderOption(option, shownCommands.length + index))}
              </div>
            )}
          </div>
        )}
        <p className="palette__status" role="status">
          {query !== '' ? recordStatus : ''}
        </p>
        <p className="palette__help" aria-hidden="true">
          <kbd>↑</kbd> <kbd>↓</kbd> {t('keys.move')} · <kbd>Enter</kbd> {t('keys.run')} · <kbd>Esc</kbd>{' '}
          {t('keys.close')}
        </p>
      </div>
    </dialog>
  );
}
