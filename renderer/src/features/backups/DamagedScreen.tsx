import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupEntry } from '../../../../shared/backup/schema';
import { call } from '../../api/bridge';
import { formatDateTime } from '../../i18n/format';
import { SessionFrame } from '../session/SessionFrame';
import { useSession } from '../session/session-store';
import { restoreFromList } from './backup-files';
import { BackupList, ConfirmRestore, useRestoreFlow } from './BackupList';
import './backups.css';
import { problemText } from '../../i18n/lookup';

// The recovery screen: the passphrase was right, but the database failed its start-up check (before the unlock
// answered, or in the background after it: then it says so, and that what was saved until then is in the file). Two ways out,
// in order: restore a backup, or save what is still readable (then restore that). Nothing is deleted, and
// there is no button that would.

export function DamagedScreen(): ReactNode {
  const { t, i18n } = useTranslation('backups');
  const status = useSession((s) => s.status);
  const restored = useSession((s) => s.restored);
  const lock = useSession((s) => s.lock);
  const [entries, setEntries] = useState<BackupEntry[] | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [salvaging, setSalvaging] = useState(false);

  const reload = useCallback(async () => {
    const result = await call('backups.list', {});
    if (result.ok) setEntries(result.value.entries);
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  const flow = useRestoreFlow<BackupEntry>(async (entry) => {
    setNote(null);
    const result = await restoreFromList(entry.fileName);
    if (!result.ok) {
      setNote({ ok: false, text: problemText(result.error) });
      return;
    }
    await restored();
  });

  async function salvage() {
    setSalvaging(true);
    setNote(null);
    const result = await call('backups.salvage', {});
    setSalvaging(false);
    if (!result.ok) {
      setNote({ ok: false, text: problemText(result.error) });
      return;
    }
    const { outFile, recovered, lost } = result.value;
    setNote({ ok: true, text: t('damaged.salvaged', { file: outFile, recovered, lost }) });
    await reload();
  }

  return (
    <SessionFrame title={t('damaged.title')}>
      <p className="notice notice--error" role="alert">
        {t('damaged.intro')}
      </p>
      {status?.damaged?.foundLater && <p>{t('damaged.foundLater')}</p>}
      {status?.damaged && (
        <details className="backups__details">
          <summary>{t('damaged.details')}</summary>
          <p>{status.damaged.message}</p>
          <ul>
            {status.damaged.details.slice(0, 10).map((line, i) => (
              <li key={i} translate="no">
                {line}
              </li>
            ))}
          </ul>
        </details>
      )}
      <h2 className="backups__heading">{t('damaged.backups')}</h2>
      {entries && entries.length === 0 ? (
        <p className="muted">{t('damaged.noBackups')}</p>
      ) : (
        entries && <BackupList entries={entries} busy={flow.busy} onRestore={flow.ask} />
      )}
      <h2 className="backups__heading">{t('damaged.salvage')}</h2>
      <p className="muted">{t('damaged.salvageIntro')}</p>
      <div className="form-actions">
        <button type="button" className="button" disabled={salvaging || flow.busy} onClick={() => void salvage()}>
          {salvaging ? t('damaged.salvaging') : t('damaged.salvage')}
        </button>
        <button type="button" className="button" disabled={salvaging || flow.busy} onClick={() => void lock()}>
          {t('damaged.lock')}
        </button>
      </div>
      <p className={note && !note.ok ? 'notice notice--error' : 'settings-form__note'} role="status">
        {note?.text ?? ''}
      </p>
      {flow.pending && (
        <ConfirmRestore
          date={formatDateTime(flow.pending.createdAt, i18n.language)}
          busy={flow.busy}
          onConfirm={flow.confirm}
          onCancel={flow.cancel}
        />
      )}
    </SessionFrame>
  );
}
