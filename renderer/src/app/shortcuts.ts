import { useEffect } from 'react';
import { useRoute } from './router';
import { configForView } from '../features/records/registry';
import { useSession } from '../features/session/session-store';

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
        window.dispatchEvent(new Event('liaison-log:palette'));
      } else if (mod && !event.shiftKey && event.key.toLowerCase() === 'n') {
        event.preventDefault();
        const { view, navigate } = useRoute.getState();
        navigate(configForView(view) ? view : 'requests', 'new');
      } else if (mod && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        void useSession.getState().lock();
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
