import { create } from 'zustand';
import type { RecordSummary } from '../../../../shared/records/queries';
import { call } from '../../api/bridge';
import { records } from '../../api/records';

// The trash: records moved there, and what happened to each restore on this visit.

export type RestoreState =
  { status: 'restoring' } | { status: 'restored' } | { status: 'failed'; code: string; message: string };

interface TrashState {
  items: RecordSummary[] | null;
  loading: boolean;
  error: string | null;
  restores: Record<string, RestoreState>;
  load: () => Promise<void>;
  restore: (item: RecordSummary) => Promise<boolean>;
}

export const useTrash = create<TrashState>((set, get) => ({
  items: null,
  loading: false,
  error: null,
  restores: {},
  load: async () => {
    set({ loading: true });
    const result = await call('trash.list', {});
    if (result.ok) set({ items: result.value, loading: false, error: null, restores: {} });
    else set({ loading: false, error: result.error.message });
  },
  restore: async (item) => {
    set({ restores: { ...get().restores, [item.id]: { status: 'restoring' } } });
    const result = await records.restore(item.kind, item.id);
    const next: RestoreState = result.ok
      ? { status: 'restored' }
      : { status: 'failed', code: result.error.code, message: result.error.message };
    set({ restores: { ...get().restores, [item.id]: next } });
    return result.ok;
  },
}));
