import { create } from 'zustand';

// Where the officer is, kept in the URL hash (#/requests/<id>) so reload and back/forward just work.

export const VIEWS = [
  'attention',
  'overview',
  'dashboards',
  'reports',
  'engagements',
  'requests',
  'results',
  'organisations',
  'people',
  'cases',
  'trash',
  'exchange',
  'settings',
  // Retention and data-subject duties (issue 13, item 5).
  'retention',
  'person-data',
  // Spreadsheet import (issue 14, item 5).
  'sheet-import',
  // Effort and cost, work plans (issue 14, items 2 and 3).
  'efficiency',
  'workplan',
] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  view: View;
  /** An open record, or `new` for a new one. */
  id: string | null;
}

function parse(hash: string): Route {
  const [, view, id] = hash.replace(/^#/, '').split('/');
  const known = VIEWS.find((v) => v === view);
  // Home is what needs the officer now: deadlines, follow-ups, partners losing touch.
  return { view: known ?? 'attention', id: known && id ? decodeURIComponent(id) : null };
}

export function routeHash(route: Route): string {
  return `#/${route.view}${route.id ? `/${encodeURIComponent(route.id)}` : ''}`;
}

interface RouteState extends Route {
  navigate: (view: View, id?: string | null) => void;
}

/**
 * No window when a Node test loads a form's module (the list-scale test reads the kinds' configs, and the person
 * form follows the route): the route is then home, and nothing listens.
 */
const hasWindow = typeof window !== 'undefined';

export const useRoute = create<RouteState>((set) => ({
  ...parse(hasWindow ? window.location.hash : ''),
  navigate: (view, id = null) => {
    const hash = routeHash({ view, id });
    if (window.location.hash !== hash) window.location.hash = hash;
    set({ view, id });
  },
}));

if (hasWindow) {
  window.addEventListener('hashchange', () => {
    const next = parse(window.location.hash);
    const { view, id } = useRoute.getState();
    if (next.view !== view || next.id !== id) useRoute.setState(next);
  });
}
