import { useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';

// Whether the page is being printed. Charts measure their box on screen; a printed page is narrower, and
// the browser lays it out before any resize could reach them. So at "beforeprint" the charts re-render
// synchronously at a fixed paper width, and go back to following their box after printing.

/** Width of a chart on paper: A4 or Letter, portrait, within the default margins. */
export const PRINT_WIDTH = 680;

let printing = false;
const listeners = new Set<() => void>();

function set(value: boolean): void {
  if (printing === value) return;
  printing = value;
  flushSync(() => {
    for (const listener of listeners) listener();
  });
}

if (typeof window !== 'undefined') {
  window.addEventListener('beforeprint', () => set(true));
  window.addEventListener('afterprint', () => set(false));
}

export function usePrinting(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => printing,
  );
}
