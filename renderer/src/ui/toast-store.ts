import { create } from 'zustand';

// Short confirmations with an optional action, such as "Request moved to the trash. Undo".

export interface Toast {
  id: number;
  message: string;
  actionLabel?: string;
  action?: () => void;
}

interface ToastState {
  toasts: Toast[];
  show: (toast: Omit<Toast, 'id'>, timeoutMs?: number) => void;
  dismiss: (id: number) => void;
}

let nextId = 1;

export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  show: (toast, timeoutMs = 10_000) => {
    const id = nextId++;
    set({ toasts: [...get().toasts.slice(-2), { ...toast, id }] });
    window.setTimeout(() => get().dismiss(id), timeoutMs);
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
}));
