import { create } from 'zustand';
import type { Attention } from '../../../../shared/overview/schema';
import { call } from '../../api/bridge';
import { problemText } from '../../i18n/lookup';

// What needs the officer now, fetched each time the page opens (and on "Refresh").

interface AttentionState {
  data: Attention | null;
  /** When the lists were fetched: relative times ("in 5 hours") are counted from here. */
  fetchedAt: Date | null;
  loading: boolean;
  error: string | null;
  load: () => Promise<void>;
}

let generation = 0;

export const useAttention = create<AttentionState>((set) => ({
  data: null,
  fetchedAt: null,
  loading: false,
  error: null,
  load: async () => {
    const mine = ++generation;
    set({ loading: true });
    const result = await call('attention.get', { dueWithinHours: 48 });
    if (mine !== generation) return;
    if (result.ok) set({ data: result.value, fetchedAt: new Date(), loading: false, error: null });
    else set({ loading: false, error: problemText(result.error) });
  },
}));
