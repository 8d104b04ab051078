import { useEffect, useRef, useState, type ReactNode, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/contract/result';
import { UpdateSettingsInput } from '../../../../shared/settings/schema';
import { fieldProblems } from '../../../../shared/validation/field-problems';
import { formatDateTime } from '../../i18n/format';
import { useSecondsLeft, useWaitText } from '../session/countdown';
import { NewPassphraseFields, useNewPassphrase } from '../session/NewPassphraseFields';
import {
  PassphraseField,
  ShowPassphrase,
  useFocusFirstProblem,
  useSessionProblem,
  waitSeconds,
} from '../session/passphrase';
import { saveRecoveryFile } from '../session/recovery-file';
import { SessionProblem } from '../session/SessionFrame';
import { useSession } from '../session/session-store';
import { WholeNumberField } from './FormField';
import { useProblemText } from '../../i18n/lookup';
import { useSettings } from './settings-store';

// Security settings: a new passphrase, the idle time before the data locks itself, and who can help when
// the passphrase is forgotten (with the file to send to HQ).

export function SecuritySection(): ReactNode {
  const { t } = useTranslation(['settings', 'session']);
  const refresh = useSession((s) => s.refresh);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return (
    <section className="settings-section security" aria-labelledby="settings-security-title">
      <h2 id="settings-security-title">{t('security.title')}</h2>
      <p className="muted settings-section__intro">{t('security.intro')}</p>
      <div className="security__grid">
        <ChangePassphraseForm />
        <div className="security__side">
          <AutoLockForm />
          <RecoveryStatus />
        </div>
      </div>
    </section>
  );
}

function ChangePassphraseForm(): ReactNode {
  const { t } = useTranslation(['settings', 'session']);
  const changePassphrase = useSession((s) => s.changePassphrase);
  const sessionProblem = useSessionProblem();
  const waitText = useWaitText();
  const [current, setCurrent] = useState('');
  const newPassphrase = useNewPassphrase();
  const [shown, setShown] = useState(false);
  const [currentError, setCurrentError] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const secondsLeft = useSecondsLeft(waitUntil);
  const formRef = useRef<HTMLFormElement>(null);

  const focusFirstProblem = useFocusFirstProblem(formRef);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || secondsLeft > 0) return;
    setDone(false);
    setFailure(null);
    const missingCurrent = current === '' ? t('session:errors.required') : undefined;
    setCurrentError(missingCurrent);
    const passphraseOk = newPassphrase.check();
    if (!missingCurrent && passphraseOk && current === newPassphrase.passphrase) {
      newPassphrase.setProblem('passphrase', t('session:errors.same_passphrase'));
      focusFirstProblem();
      return;
    }
    if (missingCurrent || !passphraseOk) {
      focusFirstProblem();
      return;
    }
    setBusy(true);
    const result = await changePassphrase(current, newPassphrase.passphrase);
    setBusy(false);
    if (result.ok) {
      setCurrent('');
      setCurrentError(undefined);
      newPassphrase.reset();
      setDone(true);
      return;
    }
    const seconds = waitSeconds(result.error);
    if (seconds > 0) setWaitUntil(Date.now() + seconds * 1000);
    if (result.error.fields) {
      setCurrentError(sessionProblem(result.error, 'oldPassphrase'));
      newPassphrase.setProblem('passphrase', sessionProblem(result.error, 'newPassphrase'));
      if (result.error.code === 'wrong_passphrase') setCurrent('');
      focusFirstProblem();
    } else {
      setFailure(result.error);
    }
  }

  return (
    <form
      ref={formRef}
      className="settings-form security__change"
      noValidate
      aria-labelledby="security-change-title"
      onSubmit={(e) => void onSubmit(e)}
    >
      <h3 id="security-change-title">{t('security.change.title')}</h3>
      <p className="muted">{t('security.change.intro')}</p>
      <PassphraseField
        label={t('security.change.current')}
        value={current}
        onChange={(v) => {
          setCurrent(v);
          setCurrentError(undefined);
          setDone(false);
        }}
        error={currentError}
        autoComplete="current-password"
        shown={shown}
      />
      <NewPassphraseFields
        state={newPassphrase}
        label={t('security.change.new')}
        repeatLabel={t('security.change.repeat')}
        shown={shown}
        onEdit={() => setDone(false)}
      />
      <ShowPassphrase shown={shown} onChange={setShown} />
      {secondsLeft > 0 && (
        <p className="notice session-wait" role="alert">
          {t('session:unlock.waitTitle')} {t('session:unlock.countdown', { time: waitText(secondsLeft) })}
        </p>
      )}
      {failure && <SessionProblem error={failure} />}
      <div className="form-actions settings-form__actions">
        <button type="submit" className="button button--primary" disabled={busy || secondsLeft > 0}>
          {busy ? t('security.change.working') : t('security.change.submit')}
        </button>
        <p className="settings-form__saved" role="status">
          {done ? `✓ ${t('security.change.done')}` : ''}
        </p>
      </div>
    </form>
  );
}

function AutoLockForm(): ReactNode {
  const { t } = useTranslation(['settings', 'session']);
  const { settings, update } = useSettings();
  const problemText = useProblemText('settings');
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  const value = draft ?? String(settings.autoLockMinutes);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const text = value.trim();
    const patch = { autoLockMinutes: /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text === '' ? null : text };
    const checked = UpdateSettingsInput.safeParse(patch);
    if (!checked.success) {
      setError(problemText(fieldProblems(checked.error)['autoLockMinutes'], 'autoLockMinutes'));
      return;
    }
    setSaving(true);
    const result = await update(checked.data);
    setSaving(false);
    if (!result.ok) {
      const problem = result.error.fields?.['autoLockMinutes'];
      setError(problemText(problem ?? result.error, 'autoLockMinutes'));
      return;
    }
    setDraft(null);
    setError(undefined);
    setSaved(true);
  }

  return (
    <form
      className="settings-form security__autolock"
      noValidate
      aria-labelledby="security-autolock-title"
      onSubmit={(e) => void onSubmit(e)}
    >
      <h3 id="security-autolock-title">{t('security.autoLock.title')}</h3>
      <WholeNumberField
        label={t('security.autoLock.label')}
        hint={t('security.autoLock.hint')}
        error={error}
        min={1}
        max={240}
        value={value}
        onChange={(v) => {
          setDraft(v);
          setError(undefined);
          setSaved(false);
        }}
      />
      <div className="form-actions settings-form__actions">
        <button type="submit" className="button" disabled={saving}>
          {t('security.autoLock.save')}
        </button>
        <p className="settings-form__saved" role="status">
          {saved ? `✓ ${t('security.autoLock.saved')}` : ''}
        </p>
      </div>
    </form>
  );
}

function RecoveryStatus(): ReactNode {
  const { t, i18n } = useTranslation(['settings', 'session']);
  const status = useSession((s) => s.status);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const recovery = status?.recovery;

  async function onSave() {
    const saved = await saveRecoveryFile();
    // The officer closed the save dialog: nothing to say.
    if (!saved.ok && saved.cancelled) return;
    setNote(
      saved.ok
        ? { ok: true, text: t('session:forgot.hqSaved', { file: saved.fileName }) }
        : { ok: false, text: t('session:forgot.hqSaveFailed', { message: saved.message }) },
    );
  }

  return (
    <div className="security__recovery" role="group" aria-labelledby="security-recovery-title">
      <h3 id="security-recovery-title">{t('security.recovery.title')}</h3>
      <dl className="security__facts">
        <dt>{t('security.recovery.personalKey')}</dt>
        <dd>{recovery?.personalKey ? t('security.recovery.personalYes') : t('security.recovery.no')}</dd>
        <dt>{t('security.recovery.hqKeys')}</dt>
        <dd>
          {recovery && recovery.hqKeyFingerprints.length > 0 ? (
            <ul className="security__fingerprints">
              {recovery.hqKeyFingerprints.map((f) => (
                <li key={f} translate="no">
                  {f}
                </li>
              ))}
            </ul>
          ) : (
            t('security.recovery.noHqKeys')
          )}
        </dd>
        <dt>{t('security.recovery.updatedAt')}</dt>
        <dd>{recovery ? formatDateTime(recovery.updatedAt, i18n.language) : '—'}</dd>
        <dt>{t('security.recovery.bound')}</dt>
        <dd>
          {status?.osBound
            ? t('security.recovery.boundYes', { store: status.osKeyStore.name ?? '' })
            : t('security.recovery.boundNo')}
        </dd>
      </dl>
      {recovery && recovery.hqKeyFingerprints.length > 0 && (
        <>
          <p className="muted">{t('security.recovery.fileIntro')}</p>
          <div>
            <button type="button" className="button" onClick={() => void onSave()}>
              {t('session:forgot.hqSave')}
            </button>
          </div>
          <p className={note && !note.ok ? 'field__error' : 'settings-form__note'} role="status">
            {note?.text ?? ''}
          </p>
        </>
      )}
    </div>
  );
}
