import { create } from 'zustand';
import type { AppError } from '../../../../shared/contract/result';
import type { Dashboard, DashboardFilters } from '../../../../shared/reports/dashboard';
import { call } from '../../api/bridge';
import { EMPTY_CHOICE, type Choice } from './model';

// The filters chosen on the dashboards (kept while the officer drills into a list and comes back) and the
// figures for them.

interface DashboardsState {
  choice: Choice;
  data: Dashboard | null;
  /** The request the figures on screen answer, as JSON: figures for other filters show as stale. */
  dataKey: string | null;
  /** The filters that produced the figures on screen (their drill-downs use these). */
  dataFilters: DashboardFilters | null;
  loading: boolean;
  /** Why the figures could not be loaded (worded on screen, in the window's language at the time). */
  error: AppError | null;
  /** Posts seen in any answer (code -> name), so the post filter keeps its options while narrowed. */
  posts: Record<string, string>;
  choose: (patch: Partial<Choice>) => void;
  clear: () => void;
  load: (filters: DashboardFilters, silentDays: number) => Promise<void>;
}

let generation = 0;

export function requestKey(filters: DashboardFilters, silentDays: number): string {
  return JSON.stringify({ ...filters, silentDays });
}

export const useDashboards = create<DashboardsState>((set, get) => ({
  choice: EMPTY_CHOICE,
  data: null,
  dataKey: null,
  dataFilters: null,
  loading: false,
  error: null,
  posts: {},
  choose: (patch) => set({ choice: { ...get().choice, ...patch } }),
  clear: () => set({ choice: { ...EMPTY_CHOICE, preset: get().choice.preset, custom: get().choice.custom } }),
  load: async (filters, silentDays) => {
    const mine = ++generation;
    set({ loading: true });
    const result = await call('reports.dashboard', { ...filters, silentDays });
    if (mine !== generation) return; // newer filters were asked for meanwhile
    if (!result.ok) {
      set({ loading: false, error: result.error });
      return;
    }
    const posts = { ...get().posts };
    for (const row of result.value.activity.byPost) if (row.key !== 'own') posts[row.key] ??= row.key;
    for (const post of result.value.completeness) posts[post.postId] = post.postName || post.postId;
    set({
      data: result.value,
      dataKey: requestKey(filters, silentDays),
      dataFilters: filters,
      loading: false,
      error: null,
      posts,
    });
  },
}));
