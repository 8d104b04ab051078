import { useRef, useState, type ReactNode, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/contract/result';
import { NewPassphraseFields, useNewPassphrase } from './NewPassphraseFields';
import { OsBindChoice, ShowPassphrase, useSessionProblem, useFocusFirstProblem } from './passphrase';
import { isFieldProblem, SessionFrame, SessionProblem } from './SessionFrame';
import { useSession } from './session-store';

/** First start on a data folder: choose the passphrase (twice) and, where the OS offers it, bind to it. */
export function SetupScreen(): ReactNode {
  const { t } = useTranslation('session');
  const status = useSession((s) => s.status);
  const setup = useSession((s) => s.setup);
  const sessionProblem = useSessionProblem();
  const newPassphrase = useNewPassphrase();
  const [shown, setShown] = useState(false);
  const [osBind, setOsBind] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const store = status?.osKeyStore;

  const focusFirstProblem = useFocusFirstProblem(formRef);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    if (!newPassphrase.check()) {
      focusFirstProblem();
      return;
    }
    setBusy(true);
    const result = await setup(newPassphrase.passphrase, osBind && Boolean(store?.available));
    setBusy(false);
    if (result.ok) return; // the gate moves on to the recovery key
    if (isFieldProblem(result.error) && result.error.fields?.['passphrase']) {
      newPassphrase.setProblem('passphrase', sessionProblem(result.error, 'passphrase'));
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
        <NewPassphraseFields
          state={newPassphrase}
          label={t('setup.passphrase')}
          repeatLabel={t('setup.repeat')}
          shown={shown}
          autoFocus
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
