import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RequestsPage } from '../features/requests/RequestsPage';
import { useSettings } from '../features/settings/settings-store';
import { LANGUAGES } from '../i18n';

export function App(): ReactNode {
  const { t } = useTranslation();
  const { settings, load, setLanguage } = useSettings();

  useEffect(() => {
    void load();
  }, [load]);

  if (!window.api) {
    return (
      <p className="notice notice--error" role="alert">
        {t('app.backendMissing')}
      </p>
    );
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand__mark" aria-hidden="true">
            LL
          </span>
          <span className="brand__name">{t('app.name')}</span>
          <span className="brand__tagline">{t('app.tagline')}</span>
        </div>
        <label className="language">
          <span>{t('app.language')}</span>
          <select
            value={settings.language}
            onChange={(e) => void setLanguage(e.target.value as (typeof LANGUAGES)[number])}
          >
            <option value="en">English</option>
            <option value="nl">Nederlands</option>
          </select>
        </label>
      </header>
      <nav className="sidebar" aria-label="Main">
        <ul>
          <li>
            <a href="#main" aria-current="page">
              {t('app.nav.requests')}
            </a>
          </li>
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <RequestsPage />
      </main>
    </div>
  );
}
