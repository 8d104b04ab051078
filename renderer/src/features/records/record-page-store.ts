import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { ListCount, ListCounted, RecordFilters } from '../../../../shared/records/queries';
import type { AuditEntry } from '../../../../shared/records/queries';
import type { RecordKind } from '../../../../shared/records/kinds';
import { records, type AnyRecord } from '../../api/records';
import { useToasts } from '../../ui/toast-store';
import { useRoute } from '../../app/router';
import { useSettings } from '../settings/settings-store';
import type { KindConfig } from './kind-config';
import { rememberLastUsed, validate, type FormErrors, type FormValues } from './form-model';
import i18next from 'i18next';
import type { AppError } from '../../../../shared/contract/result';
import { problemText } from '../../i18n/lookup';

// One store per kind of record: the list (filters, sort, pages loaded on demand for the virtual list) and
// the record being viewed or edited (form values, field problems, history).

export const PAGE_SIZE = 100;
export type Sort = 'newest' | 'oldest' | 'title' | 'due';

type Selection = { mode: 'none' } | { mode: 'new' } | { mode: 'edit'; record: AnyRecord };

export interface RecordPageState {
  filters: RecordFilters;
  sort: Sort;
  /** The matches counted so far: all of them, or (with `more`) a lower bound. */
  total: number;
  /**
   * More than `total` match: the list counted no further (see LIST_COUNTS in shared/records/queries.ts). The
   * first page counts only itself, so it costs the same at any size of the data; once it is shown the list
   * counts up to 1,000 past it ("1,000+"), and everything only when the officer asks (`countAll`).
   */
  more: boolean;
  /** The officer asked to count every match, and the answer is on its way. */
  counting: boolean;
  /** Sparse: index -> record, filled page by page as the list scrolls. */
  rows: (AnyRecord | undefined)[];
  listError: string | null;
  listLoading: boolean;
  selection: Selection;
  values: FormValues;
  errors: FormErrors;
  /** A failure of the whole form, kept whole so it is worded (by its reason) in the window's language. */
  formError: AppError | null;
  notice: 'saved' | 'updated' | null;
  saving: boolean;
  history: AuditEntry[] | null;
  setFilters: (patch: Partial<RecordFilters>) => void;
  clearFilters: () => void;
  setSort: (sort: Sort) => void;
  reload: () => Promise<void>;
  ensureRange: (start: number, end: number) => void;
  /** Counts every match (the officer's "Count all"). */
  countAll: () => Promise<void>;
  startNew: (preset?: FormValues) => void;
  open: (id: string) => Promise<boolean>;
  close: () => void;
  setField: (name: string, value: unknown) => void;
  save: () => Promise<AnyRecord | null>;
  remove: () => Promise<void>;
  loadHistory: () => Promise<void>;
}

/** Whether a record is another installation's (at HQ: imported from a post), and so read-only here. */
function isImported(record: AnyRecord): boolean {
  return record['origin'] !== null && record['origin'] !== undefined;
}

const stores = new Map<RecordKind, UseBoundStore<StoreApi<RecordPageState>>>();

/** Forgets every kind's list and open record (on lock), so no record stays in memory for the next user. */
export function resetRecordPageStores(): void {
  for (const store of stores.values()) store.setState(store.getInitialState(), true);
}

export function recordPageStore(config: KindConfig): UseBoundStore<StoreApi<RecordPageState>> {
  let store = stores.get(config.kind);
  if (!store) {
    store = createRecordPageStore(config);
    stores.set(config.kind, store);
  }
  return store;
}

function createRecordPageStore(config: KindConfig) {
  const { kind } = config;
  const pending = new Set<number>();
  let generation = 0; // a new filter or sort invalidates pages still in flight

  return create<RecordPageState>((set, get) => {
    /** The list's count after an answer: an exact total replaces what was known, a lower bound raises it. */
    function counted(answer: ListCounted, fresh: boolean): Pick<RecordPageState, 'total' | 'more'> {
      const known = get();
      if (!answer.more) return { total: answer.total, more: false };
      if (!fresh && !known.more && known.total >= answer.total) return { total: known.total, more: false };
      return { total: fresh ? answer.total : Math.max(known.total, answer.total), more: true };
    }

    /** An answer's count for the state, with room in `rows` for every row counted (and one past them). */
    function withCount(answer: ListCounted, fresh: boolean, rows = get().rows.slice()) {
      const count = counted(answer, fresh);
      rows.length = count.total + (count.more ? 1 : 0);
      return { ...count, rows };
    }

    /** One page of rows; `fresh`: the first page after new filters or sort, whose count replaces the old one. */
    async function fetchPage(page: number, gen: number, fresh = false) {
      if (pending.has(page)) return;
      pending.add(page);
      const { filters, sort } = get();
      const result = await records.list(kind, {
        filters,
        sort,
        limit: PAGE_SIZE,
        offset: page * PAGE_SIZE,
        count: 'page',
      });
      pending.delete(page);
      if (gen !== generation) return;
      if (!result.ok) {
        set({ listError: problemText(result.error), listLoading: false });
        return;
      }
      const answer = result.value;
      const rows = get().rows.slice();
      answer.items.forEach((r, i) => (rows[page * PAGE_SIZE + i] = r));
      set({ ...withCount(answer, fresh, rows), listError: null, listLoading: false });
    }

    /** How many match, counted as far as `count` says (no rows), into the state if the list is still the same. */
    async function fetchCount(count: ListCount, gen: number) {
      const { filters, sort } = get();
      const result = await records.list(kind, { filters, sort, limit: 0, count });
      if (gen !== generation || !result.ok) return;
      set(withCount(result.value, false));
    }

    const editMode = (record: AnyRecord): Partial<RecordPageState> => ({
      selection: { mode: 'edit', record },
      values: config.fromRecord(record),
      errors: {},
      formError: null,
      history: null,
    });

    return {
      filters: {},
      sort: config.timeless ? 'title' : 'newest',
      total: 0,
      more: false,
      counting: false,
      rows: [],
      listError: null,
      listLoading: false,
      selection: { mode: 'none' },
      values: {},
      errors: {},
      formError: null,
      notice: null,
      saving: false,
      history: null,

      setFilters: (patch) => {
        // Empty values are dropped, so the filters say only what narrows the list.
        const filters = Object.fromEntries(
          Object.entries<unknown>({ ...get().filters, ...patch }).filter(
            ([, v]) => v !== undefined && v !== '' && v !== false,
          ),
        ) as RecordFilters;
        set({ filters });
        void get().reload();
      },
      clearFilters: () => {
        set({ filters: {} });
        void get().reload();
      },
      setSort: (sort) => {
        set({ sort });
        void get().reload();
      },
      reload: async () => {
        generation += 1;
        const gen = generation;
        pending.clear();
        set({ listLoading: true, counting: false });
        await fetchPage(0, gen, true);
        if (gen !== generation) return;
        // Keep the rows cleared beyond page 0: they are refetched as they scroll into view.
        set({ rows: get().rows.map((r, i) => (i < PAGE_SIZE ? r : undefined)) });
        // Once the first page is shown, count on (up to 1,000 past it) if it did not end the list.
        if (get().more) await fetchCount('capped', gen);
      },
      countAll: async () => {
        const gen = generation;
        set({ counting: true });
        await fetchCount('exact', gen);
        if (gen === generation) set({ counting: false });
      },
      ensureRange: (start, end) => {
        const { rows } = get();
        for (let page = Math.floor(start / PAGE_SIZE); page <= Math.floor(end / PAGE_SIZE); page++) {
          const first = page * PAGE_SIZE;
          if (first < rows.length && rows[first] === undefined) void fetchPage(page, generation);
        }
      },

      startNew: (preset) => {
        set({
          selection: { mode: 'new' },
          values: config.empty({ settings: useSettings.getState().settings, now: new Date(), preset }),
          errors: {},
          formError: null,
          notice: null,
          history: null,
        });
      },
      open: async (id) => {
        const result = await records.get(kind, id);
        if (!result.ok) {
          set({ selection: { mode: 'none' }, formError: result.error });
          return false;
        }
        set({ ...editMode(result.value), notice: null });
        return true;
      },
      close: () => set({ selection: { mode: 'none' }, errors: {}, formError: null, notice: null }),
      setField: (name, value) => {
        const { [name]: _cleared, ...errors } = get().errors;
        set({ values: { ...get().values, [name]: value }, errors, notice: null });
      },
      save: async () => {
        const { values, selection } = get();
        // A record imported from a post is read-only at HQ: nothing to save (the backend refuses it as well).
        if (selection.mode === 'edit' && isImported(selection.record)) return null;
        const candidate = config.toCandidate(values);
        const checked = validate(config.schema, candidate);
        if (!checked.ok) {
          set({ errors: checked.errors, formError: null });
          return null;
        }
        set({ saving: true });
        const result =
          selection.mode === 'edit'
            ? await records.update(kind, selection.record.id, selection.record.revision, candidate)
            : await records.create(kind, candidate);
        set({ saving: false });
        if (!result.ok) {
          set({
            errors: result.error.fields ?? {},
            formError: result.error.fields && !result.error.reason ? null : result.error,
          });
          return null;
        }
        rememberLastUsed(kind, result.value);
        set({ ...editMode(result.value), notice: selection.mode === 'edit' ? 'updated' : 'saved' });
        await get().reload();
        return result.value;
      },
      remove: async () => {
        const { selection } = get();
        if (selection.mode !== 'edit' || isImported(selection.record)) return;
        const { id } = selection.record;
        const result = await records.remove(kind, id);
        if (!result.ok) {
          set({ formError: result.error });
          return;
        }
        set({ selection: { mode: 'none' }, notice: null });
        await get().reload();
        useToasts.getState().show({
          message: i18next.t('records:movedToTrash', { title: config.title(result.value) }),
          actionLabel: i18next.t('records:undo'),
          action: () => {
            void records.restore(kind, id).then(async (restored) => {
              if (!restored.ok) return;
              await get().reload();
              set(editMode(restored.value));
              useRoute.getState().navigate(config.view, id);
            });
          },
        });
      },
      loadHistory: async () => {
        const { selection } = get();
        if (selection.mode !== 'edit') return;
        const result = await records.history(kind, selection.record.id);
        if (result.ok) set({ history: result.value });
      },
    };
  });
}
