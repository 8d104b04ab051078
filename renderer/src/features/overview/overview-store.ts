import { create } from 'zustand';
import type { Overview } from '../../../../shared/overview/schema';
import { call } from '../../api/bridge';
import type { Period, PeriodPreset } from './period';
import { problemText } from '../../i18n/lookup';

// The period the officer chose (kept while moving around the app) and the figures for it.

interface OverviewState {
  preset: PeriodPreset | 'custom';
  /** The dates as typed when the period is custom; checked before they are asked for. */
  custom: Period;
  data: Overview | null;
  loading: boolean;
  error: string | null;
  choosePreset: (preset: PeriodPreset) => void;
  /** Switches to a custom period, starting from the one on screen. */
  setCustom: (patch: Partial<Period>, current: Period) => void;
  load: (period: Period) => Promise<void>;
}

let generation = 0;

export const useOverview = create<OverviewState>((set, get) => ({
  preset: 'thisQuarter',
  custom: { from: '', to: '' },
  data: null,
  loading: false,
  error: null,
  choosePreset: (preset) => set({ preset }),
  setCustom: (patch, current) => set({ preset: 'custom', custom: { ...current, ...patch } }),
  load: async (period) => {
    const mine = ++generation;
    set({ loading: true });
    const result = await call('overview.get', period);
    if (mine !== generation) return; // a newer period was asked for meanwhile
    if (result.ok) set({ data: result.value, loading: false, error: null });
    else set({ loading: false, error: problemText(result.error), data: get().data });
  },
}));
