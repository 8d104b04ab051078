import { create } from 'zustand';
import type { Progress } from '../../../../shared/contract/progress';
import type { AppError } from '../../../../shared/contract/result';
import type { SheetMapping } from '../../../../shared/sheet-import/mapping';
import type {
  CellEdit,
  PreviewCounts,
  PreviewRow,
  SheetBatch,
  SheetImportReport,
  SheetOpened,
  UndoReport,
} from '../../../../shared/sheet-import/schema';
import { call, callTracked } from '../../api/bridge';

// The spreadsheet import screen's state: the file the backend opened (the window never reads it), the mapping
// being edited, the officer's cell fixes, and the preview, fetched a page at a time as the list scrolls.

export type PreviewFilter = 'all' | 'problems' | 'ready' | 'already_imported';
export const PAGE = 100;

interface PreviewState {
  headers: string[];
  samples: string[][];
  counts: PreviewCounts;
  total: number;
}

interface SheetImportState {
  opened: SheetOpened | null;
  mapping: SheetMapping | null;
  edits: CellEdit[];
  filter: PreviewFilter;
  preview: PreviewState | null;
  pages: Record<number, PreviewRow[]>;
  /** A problem with the file, the sheet or the mapping as a whole (the preview cannot be shown). */
  error: AppError | null;
  busy: 'open' | 'preview' | 'run' | 'undo' | null;
  progress: Progress | null;
  report: SheetImportReport | null;
  batches: SheetBatch[] | null;
  undone: UndoReport | null;
  cancel: (() => void) | null;
  open: () => Promise<void>;
  setMapping: (mapping: SheetMapping) => Promise<void>;
  setFilter: (filter: PreviewFilter) => Promise<void>;
  fixRow: (row: number, cells: Record<string, string>) => Promise<void>;
  ensureRange: (first: number, last: number) => void;
  run: (dryRun: boolean, saveMapping: boolean) => Promise<void>;
  loadBatches: () => Promise<void>;
  undo: (batchId: string) => Promise<void>;
}

let generation = 0;
const loading = new Set<number>();

export const useSheetImport = create<SheetImportState>((set, get) => {
  /** Reads the first page (and the counts) again after a change of mapping, fixes or filter. */
  async function refresh(): Promise<void> {
    const { opened, mapping, edits, filter } = get();
    if (!opened || !mapping) return;
    const mine = ++generation;
    loading.clear();
    set({ busy: 'preview' });
    const r = await call('sheetImport.preview', {
      token: opened.token,
      mapping,
      edits,
      filter,
      offset: 0,
      limit: PAGE,
    });
    if (mine !== generation) return;
    if (!r.ok) {
      set({ busy: null, error: r.error, preview: null, pages: {} });
      return;
    }
    const { rows, ...rest } = r.value;
    set({ busy: null, error: null, preview: rest, pages: { 0: rows } });
  }

  async function loadPage(page: number): Promise<void> {
    const { opened, mapping, edits, filter } = get();
    if (!opened || !mapping || loading.has(page)) return;
    loading.add(page);
    const mine = generation;
    const r = await call('sheetImport.preview', {
      token: opened.token,
      mapping,
      edits,
      filter,
      offset: page * PAGE,
      limit: PAGE,
    });
    loading.delete(page);
    if (mine !== generation || !r.ok) return;
    set((s) => ({ pages: { ...s.pages, [page]: r.value.rows } }));
  }

  return {
    opened: null,
    mapping: null,
    edits: [],
    filter: 'all',
    preview: null,
    pages: {},
    error: null,
    busy: null,
    progress: null,
    report: null,
    batches: null,
    undone: null,
    cancel: null,

    open: async () => {
      set({ busy: 'open', progress: null, error: null, report: null, undone: null });
      const tracked = callTracked('sheetImport.open', {}, (progress) => set({ progress }));
      set({ cancel: () => tracked.cancel() });
      const r = await tracked.result;
      set({ busy: null, progress: null, cancel: null });
      if (!r.ok) {
        // The officer closed the dialog: nothing to say.
        if (r.error.code === 'cancelled') return;
        set({ error: r.error });
        return;
      }
      set({ opened: r.value, mapping: r.value.mapping, edits: [], filter: 'all', preview: null, pages: {} });
      await refresh();
    },

    setMapping: async (mapping) => {
      set({ mapping, report: null });
      await refresh();
    },

    setFilter: async (filter) => {
      set({ filter });
      await refresh();
    },

    fixRow: async (row, cells) => {
      const others = get().edits.filter((e) => e.row !== row || !(e.column in cells));
      const edits = [...others, ...Object.entries(cells).map(([column, value]) => ({ row, column, value }))];
      set({ edits, report: null });
      await refresh();
    },

    ensureRange: (first, last) => {
      const { pages, preview } = get();
      if (!preview) return;
      for (let page = Math.floor(first / PAGE); page <= Math.floor(last / PAGE); page++) {
        if (!pages[page] && page * PAGE < preview.total) void loadPage(page);
      }
    },

    run: async (dryRun, saveMapping) => {
      const { opened, mapping, edits } = get();
      if (!opened || !mapping) return;
      set({ busy: 'run', progress: null, report: null });
      const tracked = callTracked(
        'sheetImport.run',
        { token: opened.token, mapping, edits, dryRun, saveMapping: saveMapping && !dryRun },
        (progress) => set({ progress }),
      );
      set({ cancel: () => tracked.cancel() });
      const r = await tracked.result;
      set({ busy: null, progress: null, cancel: null });
      if (!r.ok) {
        set({ error: r.error });
        return;
      }
      set({ report: r.value });
      if (!dryRun) {
        await refresh();
        await get().loadBatches();
      }
    },

    loadBatches: async () => {
      const r = await call('sheetImport.batches', {});
      if (r.ok) set({ batches: r.value });
    },

    undo: async (batchId) => {
      set({ busy: 'undo', undone: null });
      const r = await call('sheetImport.undo', { batchId });
      set({ busy: null });
      if (!r.ok) {
        set({ error: r.error });
        return;
      }
      set({ undone: r.value, report: null });
      await get().loadBatches();
      await refresh();
    },
  };
});
