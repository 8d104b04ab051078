import { useRef, useState, type ReactNode, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/contract/result';
import { LabelledField } from '../../ui/Field';
import { NewPassphraseFields, useNewPassphrase } from './NewPassphraseFields';
import { OsBindChoice, ShowPassphrase, useSessionProblem, useFocusFirstProblem } from './passphrase';
import { saveRecoveryFile } from './recovery-file';
import { isFieldProblem, SessionFrame, SessionProblem } from './SessionFrame';
import { useSession } from './session-store';

// The forgotten passphrase: the two ways back in (the personal recovery key, or a recovery code HQ makes
// from the recovery file), what happens without either, and the form that sets a new passphrase.

/** A personal recovery key may be typed with spaces and line breaks (it is shown in groups); HQ codes too. */
function normaliseSecret(typed: string): string {
  const compact = typed.replace(/\s+/g, '');
  return /^AGE-SECRET-KEY-/i.test(compact) ? compact : typed.trim();
}

export function ForgotPassphrase({ onBack }: { onBack: () => void }): ReactNode {
  const { t } = useTranslation('session');
  const status = useSession((s) => s.status);
  const recover = useSession((s) => s.recover);
  const sessionProblem = useSessionProblem();
  const [secret, setSecret] = useState('');
  const newPassphrase = useNewPassphrase();
  const [shown, setShown] = useState(false);
  const [osBind, setOsBind] = useState(false);
  const [secretError, setSecretError] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [fileNote, setFileNote] = useState<{ ok: boolean; text: string } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const store = status?.osKeyStore;
  const hqKeys = status?.recovery?.hqKeyFingerprints.length ?? 0;

  const focusFirstProblem = useFocusFirstProblem(formRef);

  async function onSaveFile() {
    const saved = await saveRecoveryFile();
    if (!saved.ok && saved.cancelled) return;
    setFileNote(
      saved.ok
        ? { ok: true, text: t('forgot.hqSaved', { file: saved.fileName }) }
        : { ok: false, text: t('forgot.hqSaveFailed', { message: saved.message }) },
    );
  }

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const typed = normaliseSecret(secret);
    const missingSecret = typed === '' ? t('errors.requiredSecret') : undefined;
    setSecretError(missingSecret);
    const passphraseOk = newPassphrase.check();
    if (missingSecret || !passphraseOk) {
      focusFirstProblem();
      return;
    }
    setBusy(true);
    const result = await recover(typed, newPassphrase.passphrase, osBind && Boolean(store?.available));
    setBusy(false);
    if (result.ok) return; // the gate opens the app
    if (isFieldProblem(result.error) && result.error.fields) {
      setSecretError(sessionProblem(result.error, 'secret'));
      newPassphrase.setProblem('passphrase', sessionProblem(result.error, 'newPassphrase'));
      focusFirstProblem();
    } else {
      setFailure(result.error);
    }
  }

  return (
    <SessionFrame title={t('forgot.title')}>
      <p className="session-lead">{t('forgot.intro')}</p>
      <section className="session-way" aria-labelledby="forgot-personal">
        <h2 id="forgot-personal">{t('forgot.personalTitle')}</h2>
        <p>{t('forgot.personalText')}</p>
      </section>
      <section className="session-way" aria-labelledby="forgot-hq">
        <h2 id="forgot-hq">{t('forgot.hqTitle')}</h2>
        {hqKeys > 0 ? (
          <>
            <p>{t('forgot.hqText')}</p>
            <button type="button" className="button" onClick={() => void onSaveFile()}>
              {t('forgot.hqSave')}
            </button>
            <p className={fileNote && !fileNote.ok ? 'field__error' : 'session-working'} role="status">
              {fileNote?.text ?? ''}
            </p>
          </>
        ) : (
          <p>{t('forgot.noHqKey')}</p>
        )}
      </section>
      <section className="session-way session-way--warning" aria-labelledby="forgot-without">
        <h2 id="forgot-without">{t('forgot.withoutTitle')}</h2>
        <p>{t('forgot.withoutText')}</p>
      </section>

      <form
        ref={formRef}
        className="session-form session-form--recover"
        noValidate
        aria-labelledby="forgot-form"
        onSubmit={(e) => void onSubmit(e)}
      >
        <h2 id="forgot-form">{t('forgot.formTitle')}</h2>
        <LabelledField label={t('forgot.secret')} hint={t('forgot.secretHint')} error={secretError}>
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              className="recovery-secret-input"
              rows={2}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={400}
              value={secret}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => {
                setSecret(e.target.value);
                setSecretError(undefined);
              }}
            />
          )}
        </LabelledField>
        <NewPassphraseFields
          state={newPassphrase}
          label={t('forgot.newPassphrase')}
          repeatLabel={t('forgot.repeat')}
          shown={shown}
        />
        <ShowPassphrase shown={shown} onChange={setShown} />
        <OsBindChoice store={store} checked={osBind} onChange={setOsBind} hintId="recover-bind-hint" />
        {failure && <SessionProblem error={failure} />}
        <div className="session-actions">
          <button type="submit" className="button button--primary session-submit" disabled={busy}>
            {busy ? t('forgot.working') : t('forgot.submit')}
          </button>
          <button type="button" className="link-button" onClick={onBack}>
            {t('forgot.back')}
          </button>
        </div>
      </form>
    </SessionFrame>
  );
}
