import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/contract/result';
import { LANGUAGES, type Language } from '../../i18n';
import { useSession } from './session-store';
import './session.css';

// The frame of the screens shown before the data is open: the app's name, one centred card, and the
// language (the settings are encrypted with the rest, so this choice lasts until the data is unlocked).

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', nl: 'Nederlands' };

export function SessionFrame({ title, children }: { title: string; children: ReactNode }): ReactNode {
  const { t, i18n } = useTranslation('session');
  const language = i18n.language as Language;
  const chooseLanguage = useSession((s) => s.chooseLanguage);

  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);

  return (
    <div className="session-screen">
      <header className="session-screen__top">
        <div className="session-brand">
          <span className="brand__mark" aria-hidden="true">
            LL
          </span>
          <span className="session-brand__name">{t('app.name')}</span>
        </div>
        <label className="session-language">
          <span>{t('language')}</span>
          <select value={language} onChange={(e) => void chooseLanguage(e.target.value as Language)}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
      </header>
      <main className="session-card" aria-labelledby="session-title">
        <h1 id="session-title">{title}</h1>
        {children}
      </main>
    </div>
  );
}

/**
 * A refusal that is not about what was typed: the key store is away, a file is damaged, or the data cannot
 * be opened for another reason. Says what happened and what to do; for a damaged file or another reason,
 * the backend's own words follow as details (they name the file concerned).
 */
export function SessionProblem({ error }: { error: AppError }): ReactNode {
  const { t } = useTranslation('session');
  const known = error.code === 'key_store_unavailable' || error.code === 'damaged';
  // Our own words cover the key store fully; a damaged file is named only in the backend's message.
  const showDetails = error.code !== 'internal' && error.code !== 'key_store_unavailable';
  return (
    <div className="notice notice--error session-problem" role="alert">
      {known ? (
        <>
          <p className="session-problem__title">{t(`errors.${error.code}.title`)}</p>
          <p>{t(`errors.${error.code}.text`)}</p>
        </>
      ) : (
        <p className="session-problem__title">{t(error.code === 'internal' ? 'errors.internal' : 'errors.other')}</p>
      )}
      {showDetails && <p className="session-problem__details">{t('errors.details', { message: error.message })}</p>}
    </div>
  );
}

/** Field problems, or a problem of the whole form? */
export function isFieldProblem(error: AppError): boolean {
  return ['wrong_passphrase', 'try_later', 'wrong_recovery_secret', 'invalid_input'].includes(error.code);
}
