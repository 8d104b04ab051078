import { useEffect } from 'react';
import { flushSync } from 'react-dom';
import { useRoute, type View } from './router';
import { configForView } from '../features/records/registry';
import { recordPageStore } from '../features/records/record-page-store';
import { useSession } from '../features/session/session-store';
import { firstField, holdTypeAhead } from './type-ahead';

/** The window event that opens (or closes) the command palette: Ctrl+K and the top bar's button. */
export const PALETTE_EVENT = 'liaison-log:palette';

/**
 * Opens the command palette, or closes it when open. The palette listens synchronously (it renders and takes
 * the cursor before this returns), so keys typed straight after Ctrl+K reach its text box.
 */
export function togglePalette(): void {
  window.dispatchEvent(new Event(PALETTE_EVENT));
}

/**
 * Starts a new record of the kind `view` lists, with the cursor in its first field before this returns where
 * the page can render at once; keys typed before the cursor gets there are held and typed into the field.
 */
export function startNewRecord(view: View): void {
  const config = configForView(view);
  if (!config) return;
  const store = recordPageStore(config);
  const isNewForm = () => useRoute.getState().view === view && store.getState().selection.mode === 'new';
  holdTypeAhead((element) => isNewForm() && element.closest('.record-form') !== null);
  flushSync(() => useRoute.getState().navigate(view, 'new'));
  const form = document.querySelector('.record-form');
  if (!form || !isNewForm()) return; // not rendered yet: the page puts the cursor there, the hold keeps the keys
  if (document.activeElement && form.contains(document.activeElement)) return;
  firstField(form)?.focus();
}

/**
 * Keyboard first: Ctrl/Cmd+K opens the command palette, Ctrl/Cmd+N starts a new record of the kind on
 * screen (or a new request elsewhere), Ctrl/Cmd+L locks the data at once, Escape closes what is open.
 */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const mod = event.ctrlKey || event.metaKey;
      if (mod && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        togglePalette();
      } else if (mod && !event.shiftKey && event.key.toLowerCase() === 'n') {
        event.preventDefault();
        const { view } = useRoute.getState();
        startNewRecord(configForView(view) ? view : 'requests');
      } else if (mod && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        void useSession.getState().lock();
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
