import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupEntry } from '../../../../shared/backup/schema';
import { formatDateTime } from '../../i18n/format';

// The backups as a table (newest first) with Restore and, where wanted, Save a copy. Restoring always asks
// first, and says that the current data is kept, not deleted. There is no delete button anywhere.

export function formatSize(bytes: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toLocaleString(language === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: digits })} ${units[unit] ?? 'B'}`;
}

export function BackupList({
  entries,
  onRestore,
  onSave,
  busy,
}: {
  entries: readonly BackupEntry[];
  onRestore: (entry: BackupEntry) => void;
  onSave?: (entry: BackupEntry) => void;
  busy: boolean;
}): ReactNode {
  const { t, i18n } = useTranslation('backups');
  if (entries.length === 0) return <p className="muted">{t('list.empty')}</p>;
  return (
    <table className="backups__table">
      <caption className="visually-hidden">{t('list.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('list.date')}</th>
          <th scope="col">{t('list.kind')}</th>
          <th scope="col" className="backups__size">
            {t('list.size')}
          </th>
          <th scope="col">{t('list.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => {
          const when = formatDateTime(entry.createdAt, i18n.language);
          const kind =
            entry.label === 'salvaged' ? t('list.salvaged') : entry.kind === 'auto' ? t('list.auto') : t('list.manual');
          return (
            <tr key={entry.fileName}>
              <th scope="row">
                {when}
                <div className="backups__file muted" translate="no">
                  {entry.fileName}
                </div>
              </th>
              <td>
                {kind}
                {entry.label && entry.label !== 'salvaged' ? ` · ${entry.label}` : ''}
                {!entry.encrypted && <strong> · {t('list.notEncrypted')}</strong>}
              </td>
              <td className="backups__size">{formatSize(entry.size, i18n.language)}</td>
              <td>
                <div className="backups__actions">
                  {onSave && (
                    <button
                      type="button"
                      className="button"
                      aria-label={`${t('list.save')}: ${when}`}
                      onClick={() => onSave(entry)}
                    >
                      {t('list.save')}
                    </button>
                  )}
                  <button
                    type="button"
                    className="button"
                    disabled={busy}
                    aria-label={`${t('list.restore')}: ${when}`}
                    onClick={() => onRestore(entry)}
                  >
                    {t('list.restore')}
                  </button>
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** "Restore this backup?" as a modal dialog: what changes, and that the current data is kept. */
export function ConfirmRestore({
  date,
  busy,
  onConfirm,
  onCancel,
}: {
  /** When the backup was made (already formatted), or the picked file's name. */
  date: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}): ReactNode {
  const { t } = useTranslation('backups');
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="backups__dialog"
      aria-labelledby="backups-confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id="backups-confirm-title">{t('confirm.title')}</h2>
      <p>{t('confirm.text', { date })}</p>
      <p>{t('confirm.kept')}</p>
      <div className="form-actions">
        <button type="button" className="button button--primary" disabled={busy} onClick={onConfirm}>
          {busy ? t('confirm.working') : t('confirm.submit')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={onCancel}>
          {t('confirm.cancel')}
        </button>
      </div>
    </dialog>
  );
}

/** A restore waiting for the officer's yes, and running it. */
export function useRestoreFlow<T>(run: (target: T) => Promise<void>): {
  pending: T | null;
  busy: boolean;
  ask: (target: T) => void;
  confirm: () => void;
  cancel: () => void;
} {
  const [pending, setPending] = useState<T | null>(null);
  const [busy, setBusy] = useState(false);
  return {
    pending,
    busy,
    ask: setPending,
    cancel: () => setPending(null),
    confirm: () => {
      if (pending === null) return;
      setBusy(true);
      void run(pending).finally(() => {
        setBusy(false);
        setPending(null);
      });
    },
  };
}
