import { useRef, useState, type ReactNode, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/contract/result';
import { PASSPHRASE_MIN_LENGTH } from '../../../../shared/session/schema';
import {
  checkNewPassphrase,
  usePassphraseProblemText,
  OsBindChoice,
  PassphraseField,
  ShowPassphrase,
  useSessionProblem,
  useFocusFirstProblem,
} from './passphrase';
import { isFieldProblem, SessionFrame, SessionProblem } from './SessionFrame';
import { useSession } from './session-store';

/** First start on a data folder: choose the passphrase (twice) and, where the OS offers it, bind to it. */
export function SetupScreen(): ReactNode {
  const { t } = useTranslation('session');
  const passphraseProblem = usePassphraseProblemText();
  const status = useSession((s) => s.status);
  const setup = useSession((s) => s.setup);
  const sessionProblem = useSessionProblem();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [shown, setShown] = useState(false);
  const [osBind, setOsBind] = useState(false);
  const [errors, setErrors] = useState<{ passphrase?: string | undefined; repeat?: string | undefined }>({});
  const [failure, setFailure] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const store = status?.osKeyStore;

  const focusFirstProblem = useFocusFirstProblem(formRef);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const problems = checkNewPassphrase(passphrase, repeat);
    const next = {
      passphrase: passphraseProblem(problems.passphrase),
      repeat: passphraseProblem(problems.repeat),
    };
    setErrors(next);
    if (next.passphrase || next.repeat) {
      if (next.repeat) setRepeat('');
      focusFirstProblem();
      return;
    }
    setBusy(true);
    const result = await setup(passphrase, osBind && Boolean(store?.available));
    setBusy(false);
    if (result.ok) return; // the gate moves on to the recovery key
    if (isFieldProblem(result.error) && result.error.fields?.['passphrase']) {
      setErrors({ passphrase: sessionProblem(result.error, 'passphrase') });
      focusFirstProblem();
    } else {
      setFailure(result.error);
    }
  }

  return (
    <SessionFrame title={t('setup.title')}>
      <p className="session-lead">{t('setup.intro')}</p>
      {status?.plaintextDatabase && <p className="notice session-info">{t('setup.plaintext')}</p>}
      <form ref={formRef} className="session-form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <PassphraseField
          label={t('setup.passphrase')}
          hint={t('setup.passphraseHint', { min: PASSPHRASE_MIN_LENGTH })}
          value={passphrase}
          onChange={(v) => {
            setPassphrase(v);
            setErrors((e) => ({ ...e, passphrase: undefined }));
          }}
          error={errors.passphrase}
          autoComplete="new-password"
          shown={shown}
          autoFocus
        />
        <PassphraseField
          label={t('setup.repeat')}
          value={repeat}
          onChange={(v) => {
            setRepeat(v);
            setErrors((e) => ({ ...e, repeat: undefined }));
          }}
          error={errors.repeat}
          autoComplete="new-password"
          shown={shown}
        />
        <ShowPassphrase shown={shown} onChange={setShown} />
        <OsBindChoice store={store} checked={osBind} onChange={setOsBind} hintId="session-bind-hint" />
        {failure && <SessionProblem error={failure} />}
        <div className="session-actions">
          <button type="submit" className="button button--primary session-submit" disabled={busy}>
            {t('setup.submit')}
          </button>
        </div>
        <p className="session-working" role="status">
          {busy ? t('setup.working') : ''}
        </p>
      </form>
    </SessionFrame>
  );
}
