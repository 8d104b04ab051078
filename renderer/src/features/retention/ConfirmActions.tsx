import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The two buttons under a confirmation on the retention screens (purge, replace the backups, erase a person): the
 * irreversible step, which says it is working while `busy`, and cancel.
 */
export function ConfirmActions({
  submit,
  working,
  busy,
  onConfirm,
  onCancel,
}: {
  submit: string;
  working: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}): ReactNode {
  const { t } = useTranslation('retention');
  return (
    <div className="retention-confirm__actions">
      <button type="button" className="button button--danger" disabled={busy} onClick={onConfirm}>
        {busy ? working : submit}
      </button>
      <button type="button" className="button" onClick={onCancel}>
        {t('confirm.cancel')}
      </button>
    </div>
  );
}
