import { create } from 'zustand';
import type { InformationRequest } from '../../../../shared/requests/schema';
import { call } from '../../api/bridge';
import { emptyForm, formFromRequest, toPayload, type FormErrors, type RequestFormValues } from './form-values';

type Mode = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; id: string; revision: number };

interface RequestsState {
  items: InformationRequest[];
  total: number;
  loading: boolean;
  loadError: string | null;
  mode: Mode;
  form: RequestFormValues;
  errors: FormErrors;
  /** A problem that belongs to no single field (conflict, not found, backend failure): shown above the form. */
  formError: { code: string; message: string } | null;
  saving: boolean;
  notice: 'saved' | 'updated' | null;
  load(): Promise<void>;
  startNew(): void;
  open(id: string): Promise<void>;
  cancel(): void;
  setField<K extends keyof RequestFormValues>(key: K, value: RequestFormValues[K]): void;
  save(): Promise<boolean>;
}

export const useRequests = create<RequestsState>((set, get) => ({
  items: [],
  total: 0,
  loading: false,
  loadError: null,
  mode: { kind: 'none' },
  form: emptyForm(new Date()),
  errors: {},
  formError: null,
  saving: false,
  notice: null,

  async load() {
    set({ loading: true });
    const result = await call('requests.list', { limit: 200, offset: 0 });
    if (result.ok) set({ items: result.value.items, total: result.value.total, loading: false, loadError: null });
    else set({ loading: false, loadError: result.error.message });
  },

  startNew() {
    const last = get().items[0]?.counterpartCountry ?? '';
    set({ mode: { kind: 'new' }, form: emptyForm(new Date(), last), errors: {}, formError: null, notice: null });
  },

  async open(id) {
    const result = await call('requests.get', { id });
    if (!result.ok) {
      set({ formError: { code: result.error.code, message: result.error.message } });
      return;
    }
    const r = result.value;
    set({
      mode: { kind: 'edit', id: r.id, revision: r.revision },
      form: formFromRequest(r),
      errors: {},
      formError: null,
      notice: null,
    });
  },

  cancel() {
    set({ mode: { kind: 'none' }, errors: {}, formError: null });
  },

  setField(key, value) {
    // Clear only this field's message: the others stay visible until they are fixed.
    const errors = { ...get().errors };
    delete errors[key];
    set({ form: { ...get().form, [key]: value }, errors, notice: null });
  },

  async save() {
    const { form, mode } = get();
    const checked = toPayload(form);
    if (!checked.ok) {
      set({ errors: checked.errors, formError: null });
      return false;
    }
    set({ saving: true });
    const result =
      mode.kind === 'edit'
        ? await call('requests.update', { id: mode.id, revision: mode.revision, fields: checked.payload })
        : await call('requests.create', checked.payload);
    set({ saving: false });
    if (!result.ok) {
      set({
        errors: (result.error.fields ?? {}) as FormErrors,
        formError: result.error.fields ? null : { code: result.error.code, message: result.error.message },
      });
      return false;
    }
    const saved = result.value;
    set({
      mode: { kind: 'edit', id: saved.id, revision: saved.revision },
      form: formFromRequest(saved),
      errors: {},
      formError: null,
      notice: mode.kind === 'edit' ? 'updated' : 'saved',
    });
    await get().load();
    return true;
  },
}));
