import { useEffect, useRef, useState, type ReactNode, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/contract/result';
import { useSecondsLeft, useWaitText } from './countdown';
import { ForgotPassphrase } from './ForgotPassphrase';
import { PassphraseField, ShowPassphrase, useSessionProblem, waitSeconds } from './passphrase';
import { ProcessNoticeText } from './BackendStopped';
import { isFieldProblem, SessionFrame, SessionProblem } from './SessionFrame';
import { useSession } from './session-store';

/** The data is locked: the passphrase, or the way back in when it is forgotten. */
export function UnlockScreen(): ReactNode {
  const [forgot, setForgot] = useState(false);
  return forgot ? (
    <ForgotPassphrase onBack={() => setForgot(false)} />
  ) : (
    <UnlockForm onForgot={() => setForgot(true)} />
  );
}

function UnlockForm({ onForgot }: { onForgot: () => void }): ReactNode {
  const { t } = useTranslation('session');
  const status = useSession((s) => s.status);
  const notice = useSession((s) => s.notice);
  const unlock = useSession((s) => s.unlock);
  const sessionProblem = useSessionProblem();
  const waitText = useWaitText();
  const [passphrase, setPassphrase] = useState('');
  const [shown, setShown] = useState(false);
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  // A wait that was already running when the screen opened (a restart does not skip it).
  const [waitUntil, setWaitUntil] = useState<number | null>(() =>
    status?.retryAfterSeconds ? Date.now() + status.retryAfterSeconds * 1000 : null,
  );
  const secondsLeft = useSecondsLeft(waitUntil);
  const waiting = secondsLeft > 0;
  const [waitedOnce, setWaitedOnce] = useState(false);
  const inputRef = useRef<HTMLDivElement>(null);

  // After the render that follows an answer, so the field is there and enabled again.
  const [focusRequest, setFocusRequest] = useState(0);
  const focusField = () => setFocusRequest((n) => n + 1);
  useEffect(() => {
    if (focusRequest > 0) inputRef.current?.querySelector('input')?.focus();
  }, [focusRequest]);

  useEffect(() => {
    if (waitUntil !== null && secondsLeft === 0) {
      setWaitUntil(null);
      setWaitedOnce(true);
      focusField();
    }
  }, [secondsLeft, waitUntil]);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || waiting) return;
    setFailure(null);
    setWaitedOnce(false);
    if (passphrase.length === 0) {
      setFieldError(t('errors.required'));
      focusField();
      return;
    }
    setBusy(true);
    const result = await unlock(passphrase);
    setBusy(false);
    if (result.ok) return; // the gate opens the app
    const seconds = waitSeconds(result.error);
    if (seconds > 0) setWaitUntil(Date.now() + seconds * 1000);
    if (isFieldProblem(result.error)) {
      setFieldError(sessionProblem(result.error, 'passphrase'));
    } else {
      setFieldError(undefined);
      setFailure(result.error);
    }
    // A wrong passphrase is of no use in the field: clear it, ready for the next try.
    setPassphrase('');
    focusField();
  }

  return (
    <SessionFrame title={t('unlock.title')}>
      <ProcessNoticeText notice={notice} />
      <p className="session-lead">{t('unlock.intro')}</p>
      {status?.osBound && status.osKeyStore.name && (
        <p className="muted session-note">{t('unlock.bound', { store: status.osKeyStore.name })}</p>
      )}
      <form className="session-form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <div ref={inputRef}>
          <PassphraseField
            label={t('unlock.passphrase')}
            value={passphrase}
            onChange={(v) => {
              setPassphrase(v);
              setFieldError(undefined);
            }}
            error={fieldError}
            autoComplete="current-password"
            shown={shown}
            autoFocus
          />
        </div>
        <ShowPassphrase shown={shown} onChange={setShown} />
        {waiting && (
          <div className="notice session-wait">
            <p role="alert" className="session-wait__title">
              {t('unlock.waitTitle')} {t('unlock.waitText')}
            </p>
            <p className="session-wait__countdown" aria-live="off">
              {t('unlock.countdown', { time: waitText(secondsLeft) })}
            </p>
          </div>
        )}
        <p className="visually-hidden" role="status">
          {waitedOnce && !waiting ? t('unlock.waitOver') : ''}
        </p>
        {failure && <SessionProblem error={failure} />}
        <div className="session-actions">
          <button type="submit" className="button button--primary session-submit" disabled={busy || waiting}>
            {busy ? t('unlock.working') : t('unlock.submit')}
          </button>
          <button type="button" className="link-button session-forgot" onClick={onForgot}>
            {t('unlock.forgot')}
          </button>
        </div>
      </form>
    </SessionFrame>
  );
}
