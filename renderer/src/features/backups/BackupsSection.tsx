import { useCallback, useEffect, useRef, useState, type ReactNode, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupEntry, BackupList as BackupListing, RestoreOutcome } from '../../../../shared/backup/schema';
import type { Result } from '../../../../shared/contract/result';
import { BACKUP_INTERVAL_HOURS, BACKUP_KEEP } from '../../../../shared/backup/schema';
import { UpdateSettingsInput } from '../../../../shared/settings/schema';
import { fieldProblems } from '../../../../shared/validation/field-problems';
import { call, callTracked } from '../../api/bridge';
import { resetStores } from '../../app/reset-stores';
import { formatDateTime } from '../../i18n/format';
import { FormField, WholeNumberField } from '../settings/FormField';
import { useSettings } from '../settings/settings-store';
import { restoreFromChosenFile, restoreFromList, saveBackupCopy } from './backup-files';
import { BackupList, ConfirmRestore, useRestoreFlow } from './BackupList';
import { useMaintenance } from './maintenance-store';
import './backups.css';
import { problemText as errorText, useProblemText } from '../../i18n/lookup';

// Settings → Backups: the list (dates and sizes), Back up now, Save a copy (with the key files), Restore
// from the list or from a saved copy (after a confirmation that names what is kept), and the automatic
// backups' interval and keep count.

type Note = { ok: boolean; text: string } | null;
type Target = { kind: 'listed'; entry: BackupEntry } | { kind: 'picked' };

export function BackupsSection(): ReactNode {
  const { t, i18n } = useTranslation('backups');
  const [listing, setListing] = useState<BackupListing | null>(null);
  const [note, setNote] = useState<Note>(null);
  const [label, setLabel] = useState('');
  const [making, setMaking] = useState(false);
  // The backup under way, so that Cancel can stop it (the backend keeps no backup it was told to stop).
  const backupCall = useRef<{ cancel(): void } | null>(null);

  const reload = useCallback(async () => {
    const result = await call('backups.list', {});
    if (result.ok) setListing(result.value);
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  const restored = (result: Result<RestoreOutcome>) => {
    if (!result.ok) {
      // A cancelled dialog changed nothing: say nothing.
      if (result.error.code !== 'cancelled') setNote({ ok: false, text: errorText(result.error) });
      return;
    }
    // Every page's data is now the backup's: forget what the stores held, read the settings again.
    // The settings stay on screen (marked loaded, so this page is not unmounted) while they are read again.
    const shown = useSettings.getState().settings;
    resetStores();
    useSettings.setState({ settings: shown, loaded: true });
    void useSettings.getState().load();
    const { restoredFrom, kept } = result.value;
    setNote({
      ok: true,
      text: kept ? t('restored', { from: restoredFrom, kept }) : t('restoredNothingKept', { from: restoredFrom }),
    });
  };

  const flow = useRestoreFlow<Target>(async (target) => {
    setNote(null);
    restored(target.kind === 'listed' ? await restoreFromList(target.entry.fileName) : await restoreFromChosenFile());
    await reload();
  });

  async function backUpNow(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setMaking(true);
    setNote(null);
    const trimmed = label.trim();
    const tracked = callTracked('backups.create', trimmed ? { label: trimmed } : {}, () => undefined);
    backupCall.current = tracked;
    const result = await tracked.result;
    backupCall.current = null;
    setMaking(false);
    if (!result.ok) {
      setNote(
        result.error.code === 'cancelled'
          ? { ok: true, text: t('backupCancelled') }
          : { ok: false, text: errorText(result.error) },
      );
      return;
    }
    setLabel('');
    setNote({ ok: true, text: t('made', { file: result.value.fileName }) });
    await reload();
  }

  async function save(entry: BackupEntry) {
    setNote(null);
    const saved = await saveBackupCopy(entry.fileName);
    if (saved.ok) setNote({ ok: true, text: t('saved', { path: saved.path }) });
    else if (!saved.cancelled) setNote({ ok: false, text: saved.message });
  }

  const pendingDate =
    flow.pending === null
      ? ''
      : flow.pending.kind === 'listed'
        ? formatDateTime(flow.pending.entry.createdAt, i18n.language)
        : t('restoreFile.when');

  return (
    <section className="settings-section backups" aria-labelledby="settings-backups-title">
      <h2 id="settings-backups-title">{t('title')}</h2>
      <p className="muted settings-section__intro">{t('intro')}</p>
      {listing && (
        <dl className="backups__facts">
          <dt>{t('folder')}</dt>
          <dd translate="no">{listing.folder}</dd>
          <dt>{t('lastAutomatic')}</dt>
          <dd>{listing.automatic.lastAt ? formatDateTime(listing.automatic.lastAt, i18n.language) : t('never')}</dd>
        </dl>
      )}
      {listing?.warning && (
        <p className="notice notice--error" role="alert">
          {t('warning', { message: listing.warning })}
        </p>
      )}
      <form className="settings-form backups__now" noValidate onSubmit={(e) => void backUpNow(e)}>
        <FormField label={t('labelField')} hint={t('labelHint')}>
          {({ id, describedBy }) => (
            <input
              id={id}
              type="text"
              maxLength={100}
              value={label}
              aria-describedby={describedBy}
              onChange={(e) => setLabel(e.target.value)}
            />
          )}
        </FormField>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={making}>
            {making ? t('backingUp') : t('backUpNow')}
          </button>
          {making && (
            <button type="button" className="button" onClick={() => backupCall.current?.cancel()}>
              {t('cancelBackup')}
            </button>
          )}
        </div>
      </form>
      <p className={note && !note.ok ? 'notice notice--error' : 'settings-form__note'} role="status">
        {note?.text ?? ''}
      </p>
      {listing && (
        <BackupList
          entries={listing.entries}
          busy={flow.busy}
          onRestore={(entry) => flow.ask({ kind: 'listed', entry })}
          onSave={(entry) => void save(entry)}
        />
      )}
      <form
        className="settings-form backups__picked"
        noValidate
        aria-labelledby="backups-picked-title"
        onSubmit={(e) => {
          e.preventDefault();
          flow.ask({ kind: 'picked' });
        }}
      >
        <h3 id="backups-picked-title">{t('restoreFile.title')}</h3>
        <p className="muted">{t('restoreFile.hint')}</p>
        <div className="form-actions">
          <button type="submit" className="button" disabled={flow.busy}>
            {t('restoreFile.submit')}
          </button>
        </div>
      </form>
      <AutomaticBackupsForm />
      <DataCheck />
      {flow.pending !== null && (
        <ConfirmRestore date={pendingDate} busy={flow.busy} onConfirm={flow.confirm} onCancel={flow.cancel} />
      )}
    </section>
  );
}

/**
 * The last check of the data and a full check on demand (session.checkData): it runs in the background, its
 * progress in the top bar (MaintenanceIndicator), so this only starts it and says how the last one ended.
 */
function DataCheck(): ReactNode {
  const { t, i18n } = useTranslation('backups');
  const status = useMaintenance((s) => s.status);
  const refresh = useMaintenance((s) => s.refresh);
  const checkNow = useMaintenance((s) => s.checkNow);
  const [note, setNote] = useState<Note>(null);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const last = status?.lastCheck ?? null;
  const busy = Boolean(status?.running);
  let lastText = t('check.none');
  if (last) {
    const date = formatDateTime(last.finishedAt, i18n.language);
    if (last.outcome === 'not_run') lastText = t('check.notRun', { date });
    else if (last.outcome === 'sound') lastText = t(last.kind === 'full' ? 'check.soundFull' : 'check.sound', { date });
  }

  async function start(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setNote(null);
    const result = await checkNow();
    setNote(result.ok ? { ok: true, text: t('check.started') } : { ok: false, text: errorText(result.error) });
  }

  return (
    <form
      className="settings-form backups__check"
      noValidate
      aria-labelledby="backups-check-title"
      onSubmit={(e) => void start(e)}
    >
      <h3 id="backups-check-title">{t('check.title')}</h3>
      <p className="muted">{t('check.intro')}</p>
      <dl className="backups__facts">
        <dt>{t('check.last')}</dt>
        <dd>{lastText}</dd>
      </dl>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('check.running') : t('check.now')}
        </button>
      </div>
      <p className={note && !note.ok ? 'notice notice--error' : 'settings-form__note'} role="status">
        {note?.text ?? ''}
      </p>
    </form>
  );
}

function AutomaticBackupsForm(): ReactNode {
  const { t } = useTranslation('backups');
  const { settings, update } = useSettings();
  const problemText = useProblemText('settings');
  const [interval, setInterval] = useState<string | null>(null);
  const [keep, setKeep] = useState<string | null>(null);
  const [errors, setErrors] = useState<Partial<Record<'backupIntervalHours' | 'backupKeep', string>>>({});
  const [saved, setSaved] = useState(false);
  const intervalValue = interval ?? String(settings.backupIntervalHours);
  const keepValue = keep ?? String(settings.backupKeep);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const number = (text: string) => (/^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : text);
    const checked = UpdateSettingsInput.safeParse({
      backupIntervalHours: number(intervalValue),
      backupKeep: number(keepValue),
    });
    if (!checked.success) {
      const problems = fieldProblems(checked.error);
      setErrors({
        backupIntervalHours:
          problems['backupIntervalHours'] && problemText(problems['backupIntervalHours'], 'backupIntervalHours'),
        backupKeep: problems['backupKeep'] && problemText(problems['backupKeep'], 'backupKeep'),
      });
      return;
    }
    const result = await update(checked.data);
    if (!result.ok) {
      setErrors({ backupIntervalHours: errorText(result.error) });
      return;
    }
    setInterval(null);
    setKeep(null);
    setErrors({});
    setSaved(true);
  }

  return (
    <form
      className="settings-form backups__automatic"
      noValidate
      aria-labelledby="backups-automatic-title"
      onSubmit={(e) => void onSubmit(e)}
    >
      <h3 id="backups-automatic-title">{t('automatic.title')}</h3>
      <WholeNumberField
        label={t('automatic.interval')}
        hint={t('automatic.intervalHint')}
        error={errors.backupIntervalHours}
        min={BACKUP_INTERVAL_HOURS.min}
        max={BACKUP_INTERVAL_HOURS.max}
        value={intervalValue}
        onChange={(v) => {
          setInterval(v);
          setSaved(false);
        }}
      />
      <WholeNumberField
        label={t('automatic.keep')}
        hint={t('automatic.keepHint')}
        error={errors.backupKeep}
        min={BACKUP_KEEP.min}
        max={BACKUP_KEEP.max}
        value={keepValue}
        onChange={(v) => {
          setKeep(v);
          setSaved(false);
        }}
      />
      <div className="form-actions settings-form__actions">
        <button type="submit" className="button">
          {t('automatic.save')}
        </button>
        <p className="settings-form__saved" role="status">
          {saved ? `✓ ${t('automatic.saved')}` : ''}
        </p>
      </div>
    </form>
  );
}
