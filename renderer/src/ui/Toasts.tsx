import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useToasts } from './toast-store';

export function Toasts(): ReactNode {
  const { t } = useTranslation();
  const { toasts, dismiss } = useToasts();
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className="toast">
          <span>{toast.message}</span>
          {toast.action && (
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                toast.action?.();
                dismiss(toast.id);
              }}
            >
              {toast.actionLabel}
            </button>
          )}
          <button
            type="button"
            className="toast__close"
            aria-label={t('toast.dismiss')}
            onClick={() => dismiss(toast.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
